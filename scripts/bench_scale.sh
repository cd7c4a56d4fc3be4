#!/bin/bash
# 1 vs 2 Ray actors against a local run, real-shaped random models, no summary, fresh process each.
set -u
cd "$(dirname "$0")/.."
B=/tmp/sh/bench; M=/tmp/sh/real
rm -rf $B/in $B/out-*; mkdir -p $B/in
.venv/bin/python - <<'PY'
import sys; sys.path.insert(0, "tests")
from pathlib import Path
from test_faults import write_articles
write_articles(Path("/tmp/sh/bench/in"), 12, Path("seeds/000_1ca57c5b1627cb3d.txt").read_text(), sentences=3)
PY
unset OMP_NUM_THREADS
common="$B/in --translation-model $M/marian --no-summary --window 12 -q"
for cfg in "local:" "ray1:--engine ray --actors 1" "ray2:--engine ray --actors 2" "local1t:--threads 1"; do
  name=${cfg%%:*}; opts=${cfg#*:}
  start=$(date +%s.%N)
  .venv/bin/python -m translate run $common -o $B/out-$name $opts 2>$B/$name.err
  rc=$?; end=$(date +%s.%N)
  secs=$(python3 -c "print(round($end-$start,1))")
  inner=$(python3 -c "import json;m=json.load(open('$B/out-$name/manifest.json'));print(m['totals']['seconds'], m['totals']['sentences'])")
  echo "$name rc=$rc wall=${secs}s manifest_seconds,sentences=$inner load=$(cut -d' ' -f1 /proc/loadavg)"
done
for n in ray1 ray2 local1t; do diff -rq -x 'manifest*' -x '.translate*' $B/out-local $B/out-$n >/dev/null && echo "$n: files identical to local" || echo "$n: FILES DIFFER"; done
diff -rq -x 'manifest*' -x '.translate*' $B/out-ray2 $B/out-local1t >/dev/null && echo "ray2: files identical to local1t (both 1 thread per model)" || echo "ray2 vs local1t: FILES DIFFER"
