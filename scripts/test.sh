#!/usr/bin/env bash
# The README's test command: set up on a fresh machine (and again only when pyproject.toml changed), then
# lint and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --if-changed
# The report tests drive a real browser: Debian's chromium, installed here when it is missing.
if ! command -v chromium >/dev/null; then
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
    $sudo_ apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
# shellcheck disable=SC1091
. "${TRANSLATE_VENV:-.venv}/bin/activate"
ruff check translate tests scripts
python -m pytest "$@"
