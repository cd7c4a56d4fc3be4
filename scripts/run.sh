#!/usr/bin/env bash
# The README's main command: set up, fetch the pinned models when they are not cached yet,
# and translate seeds/ into out/. Extra arguments go to `translate run`; when they name model
# folders (--translation-model DIR), nothing is fetched for them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
. "${TRANSLATE_VENV:-.venv}/bin/activate"
case " $* " in
  *" --translation-model "*) ;;
  *) translate models verify translation summary >/dev/null 2>&1 || translate models fetch translation summary ;;
esac
translate run seeds -o out "$@"
