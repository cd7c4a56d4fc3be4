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
# A venv set up before the rename holds this project as the distribution `translate` (editable): remove it
# first, so that two distributions do not both own the `translate` command. (PyPI's unrelated `translate`
# is never editable, so it is left alone.)
if python -m pip show translate 2>/dev/null | grep -q "^Editable project location:"; then
    python -m pip uninstall --quiet --disable-pip-version-check -y translate
fi
python -m pip install --quiet --disable-pip-version-check -e ".[test,eval,ray,parquet]"
