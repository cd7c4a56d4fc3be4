#!/usr/bin/env bash
# Set up (or refresh) the project's virtual environment: torch first, then the package.
# Installing torch first matters: a bare `torch` requirement with no torch present pulls a
# multi-GB CUDA build, while torch==2.13.0 is a CPU build that pip finds quickly.
#
# --if-changed (scripts/run.sh and scripts/test.sh use it): do nothing when the environment was set up
# from this very pyproject.toml (its sha256 is kept in the environment after each setup), so that
# only the first call, and the first after pyproject.toml changed, installs (about 9 s when warm).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TRANSLATE_VENV:-.venv}"
stamp="$venv/.translate-setup.sha256"
if [ "${1:-}" = "--if-changed" ] && [ -x "$venv/bin/python" ] && [ -f "$stamp" ] \
        && sha256sum --check --status "$stamp" 2>/dev/null; then
    exit 0
fi
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
sha256sum pyproject.toml > "$stamp"
