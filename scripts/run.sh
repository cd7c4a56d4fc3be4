#!/usr/bin/env bash
# The README's main command: set up the environment when pyproject.toml changed since the last setup, fetch
# the pinned models the run needs when they are not cached yet, and run `translate run` with every argument
# given here (inputs and options in any order; default: seeds/ into out/).
#
#   bash scripts/run.sh                          # seeds/ into out/
#   bash scripts/run.sh my.jsonl -o my-out       # your corpus
#   bash scripts/run.sh corpus/ --translation-model=DIR --no-summary
#
# A model option that names a model (--translation-model DIR or --translation-model=DIR, the same for
# --summary-model), or --no-summary, means that model is not fetched. TRANSLATE_VENV: the environment
# to use (default: .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TRANSLATE_VENV:-.venv}"
bash scripts/setup.sh --if-changed   # installs on the first call, and after pyproject.toml changed
# shellcheck disable=SC1091
. "$venv/bin/activate"

roles=(translation summary)
for arg in "$@"; do
    case "$arg" in
        --translation-model|--translation-model=*) roles=("${roles[@]/translation/}") ;;
        --summary-model|--summary-model=*|--no-summary) roles=("${roles[@]/summary/}") ;;
    esac
done
read -r -a roles <<< "${roles[*]}"   # drop the emptied entries
if [ "${#roles[@]}" -gt 0 ]; then
    translate models verify "${roles[@]}" >/dev/null 2>&1 || translate models fetch "${roles[@]}"
fi
exec translate run "$@"
