#!/usr/bin/env bash
# The README's test command: set up on a fresh machine, then lint and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# shellcheck disable=SC1091
. "${TRANSLATE_VENV:-.venv}/bin/activate"
ruff check translate tests scripts
python -m pytest "$@"
