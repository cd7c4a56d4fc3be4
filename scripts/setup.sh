#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment: torch first, then the package.
# Installing torch first matters: a bare `torch` requirement with no torch present pulls a
# multi-GB CUDA build, while torch==2.13.0 is a CPU build that pip finds quickly.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TRANSLATE_VENV:-.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# shellcheck disable=SC1091
. "$venv/bin/activate"
python -c "import torch" 2>/dev/null || python -m pip install --quiet --disable-pip-version-check "torch==${TORCH_VERSION:-2.13.0}"
python -m pip install --quiet --disable-pip-version-check -e ".[test,eval,ray]"
