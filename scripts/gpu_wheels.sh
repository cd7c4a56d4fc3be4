#!/usr/bin/env bash
# Prepare what travels to the GPU machine (which reaches no package index): the wheels gpu_check.sh installs
# there, for its Python 3.12 on x86_64 (its torch, transformers, tokenizers, sentencepiece, huggingface_hub,
# tqdm, numpy and pyyaml are already there). About 44 MB, under the 64 MiB that may travel with the tree.
# Then, with the device tool: run `bash scripts/gpu_check.sh` with carry [".gpu-wheels"].
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .gpu-wheels
python3 -m pip download --quiet --disable-pip-version-check --only-binary=:all: --no-deps \
    --python-version 3.12 --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
    -d .gpu-wheels "ctranslate2==4.8.5" "tomlkit>=0.12" "sacremoses>=0.1"
du -sh .gpu-wheels
