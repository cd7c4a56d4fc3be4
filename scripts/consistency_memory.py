"""Memory and time of the consistency pass (translate/consistency.py) on a real run's output.

Builds tiny random-weight models, writes articles of N distinct Dutch sentences (the seed's, every repeat
marked as scripts/bench.py does) with one boilerplate sentence in every article, runs `translate run
--no-summary` over them in a fresh process, then runs the pass again here under tracemalloc: its peak
Python allocation over the run's sentences is what the index costs per sentence (the pass holds one article
at a time besides it).

Usage: python scripts/consistency_memory.py [--sentences 3000] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

BOILERPLATE = "Dit bericht is bijgewerkt."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--work", default="/tmp/translate-consistency")
    args = parser.parse_args(argv)
    import bench

    from translate import randmodels
    from translate.consistency import consistency_pass

    work = Path(args.work)
    articles = bench.corpus(args.sentences)
    for article in articles:
        article[-1] = [*article[-1], BOILERPLATE]  # the same sentence in every article, in every window
    bench.write_corpus(articles, work / "in")
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if not (work / "marian" / "config.json").is_file():
        randmodels.build_marian(work / "marian", texts)
    out = work / "out"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "translate", "run", str(work / "in"), "-o", str(out), "--no-summary",
                    "--beams", "1", "--force", "--translation-model", str(work / "marian"), "-q"], check=True,
                   cwd=ROOT)
    run_seconds = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    ids = [a["id"] for a in manifest["articles"] if a["status"] in ("ok", "unchanged")]
    sentences = manifest["totals"]["sentences"]
    tracemalloc.start()
    started = time.perf_counter()
    result = consistency_pass(out, ids)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{sentences} sentences in {len(ids)} articles ({len({s for a in articles for p in a for s in p})} "
          f"distinct); the run took {run_seconds:.1f} s and its pass {manifest['totals']['consistency_seconds']:.2f} s "
          f"({len(manifest['inconsistent'])} groups); a second pass here: {seconds:.2f} s, {len(result.rewritten)} "
          f"files rewritten, peak Python allocation {peak / 1e6:.2f} MB = {peak / sentences:.0f} bytes per sentence "
          "(under tracemalloc, which slows it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
