#!/usr/bin/env bash
# `pip install .` in a clean virtual environment gives the `translate` command, installed as the
# distribution dutch-news-translate, and it runs: random-weight models over a JSON Lines file.
# Slow (it installs torch and transformers into a fresh venv), so it is run by hand, not by the suite;
# tests/test_packaging.py checks the wheel's name and command in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
pip="$work/venv/bin/python -m pip --disable-pip-version-check --quiet"
# torch first, as scripts/setup.sh does: a bare `torch` requirement would pull a multi-GB CUDA build.
$pip install "torch==${TORCH_VERSION:-2.13.0}"
$pip install .
"$work/venv/bin/python" -m pip show dutch-news-translate | grep -E "^(Name|Version):"
if $pip show translate >/dev/null 2>&1; then echo "a distribution named translate is installed too" >&2; exit 1; fi
"$work/venv/bin/translate" --version
"$work/venv/bin/python" -m translate.randmodels "$work/models" >/dev/null 2>&1
printf '%s\n' '{"id": "a1", "title": "Kop", "text": "De president heeft gesproken.\n\nHet kabinet is gevallen."}' \
    > "$work/news.jsonl"
# From the working folder of the venv, not the checkout: the installed copy finds its own models.lock.
(cd "$work" && venv/bin/translate run news.jsonl -o out --translation-model models/marian --no-summary -q)
(cd "$work" && venv/bin/translate models list | grep -q "Helsinki-NLP/opus-mt-nl-en")
test -s "$work/out/a1.jsonl"
echo "ok: pip install . gives the translate command (dutch-news-translate) in a clean venv, and it runs"
