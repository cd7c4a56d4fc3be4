#!/usr/bin/env bash
# One prepared check of the GPU path (scripts/gpu_check.py says what it runs), for a machine lent with a GPU;
# `--cpu --quick` runs the same steps on tiny models on the CPU, as CI does.
#
# On the device machine nothing can be installed from an index: what the project needs beyond that machine's
# own packages travels as wheels in .gpu-wheels/ (git-ignored), made here by `bash scripts/gpu_wheels.sh`,
# and is installed into .gpu-site/ (not the machine's Python) on the first call there.
#
# Usage: bash scripts/gpu_check.sh [--cpu] [--quick] [--work DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-}
if [ -z "$python" ]; then
    if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi
if [ -d .gpu-wheels ] && ! "$python" -c "import ctranslate2, tomlkit, sacremoses" 2>/dev/null; then
    "$python" -m pip install --quiet --no-index --no-deps --find-links .gpu-wheels --target .gpu-site \
        ctranslate2 tomlkit sacremoses
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
[ -d .gpu-site ] && export PYTHONPATH="$PWD/.gpu-site:$PYTHONPATH"
exec "$python" scripts/gpu_check.py "$@"
