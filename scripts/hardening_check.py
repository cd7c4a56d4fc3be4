"""Memory and time bounds of issue 20 (docs/security.md), measured in fresh processes.

- check: `translate check` on a plain TSV of --rows rows against one of --baseline rows, written with -o (the
  streamed path): the peak resident memory (VmHWM) may grow at most --limit.
- long: `translate run` on one article of --article-mb MB on a single line without punctuation (tiny
  random-weight models, the Marian with --max-positions positions, no summary): its peak memory must stay under
  --max-mb.
- apply: `translate apply` on a crafted review file of just under 32 MB (an unclosed string of escaped quotes,
  which once took hours): seconds, limit --max-seconds.

Usage: python scripts/hardening_check.py [check|long|apply ...] [--rows 1000000] [--baseline 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [("Het regent al 3 dagen in Utrecht.", "It has been raining in Utrecht for 3 days."),
         ("De minister zei dat het plan 5 miljoen euro kost.", "The minister said the plan costs 5 million euros."),
         ("Tot ziens!", "Goodbye!"), ("Dag Jan.", "Day Jan.")]
# Run translate in-process and report the process's own peak (VmHWM), as pipeline.peak_rss_mb does.
RUNNER = ("import sys; from translate.cli import main; code = main(sys.argv[1:]); "
          "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1], file=sys.stderr); "
          "sys.exit(code)")


def measured(args: list[str]) -> tuple[int, float, float]:
    """(exit code, peak MB, seconds) of `translate ARGS` in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, *args], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return done.returncode, int(done.stderr.strip().splitlines()[-1]) / 1024, seconds


def write_tsv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("nl\ten\n")
        for k in range(rows):
            nl, en = PAIRS[k % len(PAIRS)]
            handle.write(f"{nl} ({k})\t{en} ({k})\n")


def check(args, work: Path) -> bool:
    peaks = {}
    for rows in (args.baseline, args.rows):
        write_tsv(work / f"{rows}.tsv", rows)
        code, peak, seconds = measured(["check", str(work / f"{rows}.tsv"), "-o", str(work / f"{rows}.out.tsv")])
        print(f"check, {rows:,} rows: exit {code}, peak {peak:.0f} MB, {seconds:.1f} s")
        peaks[rows] = peak
    growth = peaks[args.rows] / peaks[args.baseline] - 1
    print(f"growth of the peak: {growth:+.1%} (limit {args.limit:.0%})")
    return growth <= args.limit


def long_article(args, work: Path) -> bool:
    from translate import randmodels

    seed = (ROOT / "seeds" / "000_1ca57c5b1627cb3d.txt").read_text(encoding="utf-8")
    # A random-weight model never chooses to stop: each output runs to its length bound. With a position table of
    # --max-positions, pieces and outputs are at most that many tokens, so the English is about as long as the
    # Dutch, as a real model's would be (see docs/security.md).
    marian = randmodels.build_marian(work / "marian", [seed], max_positions=args.max_positions)
    # No punctuation at all (Unicode category P: also "’" and "…"), so the line is one sentence of 10 MB.
    words = ["".join(c for c in w if not unicodedata.category(c).startswith("P")) for w in seed.split()]
    words = [w for w in words if w]
    random.seed(1)
    text, size = [], 1  # the line's end
    while True:  # bytes, not characters, up to the article limit (--max-article-mb, 10 MB by default)
        word = random.choice(words)
        if size + len(word.encode()) + 1 > args.article_mb * 2**20:
            break
        text.append(word)
        size += len(word.encode()) + 1
    (work / "in").mkdir()
    (work / "in" / "long.txt").write_text(" ".join(text) + "\n", encoding="utf-8")
    code, peak, seconds = measured(["run", str(work / "in"), "-o", str(work / "out"), "-q", "--beams", "1",
                                    "--no-summary", "--translation-model", str(marian),
                                    "--max-article-mb", str(args.article_mb)])
    manifest = json.loads((work / "out" / "manifest.json").read_text(encoding="utf-8"))
    print(f"run, one {args.article_mb} MB line: exit {code}, status {manifest['articles'][0]['status']}, "
          f"peak {peak:.0f} MB (limit {args.max_mb}), {seconds:.1f} s")
    return code == 0 and peak < args.max_mb


def apply_review(args, work: Path) -> bool:
    out = work / "out"
    out.mkdir()
    review = work / "r.json"
    review.write_text('{"format":"translate-review","version":1,"items":"' + '\\"' * (16 * 2**20 - 40),
                      encoding="utf-8")
    code, peak, seconds = measured(["apply", str(out), str(review)])
    print(f"apply, crafted {review.stat().st_size / 2**20:.1f} MB review file: exit {code}, {seconds:.1f} s "
          f"(limit {args.max_seconds}), peak {peak:.0f} MB")
    return seconds < args.max_seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checks", nargs="*", default=["check", "long", "apply"], choices=["check", "long", "apply"])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=0.15, help="allowed growth of check's peak, as a fraction")
    parser.add_argument("--article-mb", type=float, default=10)
    parser.add_argument("--max-mb", type=float, default=1024, help="peak limit of the long article's run")
    parser.add_argument("--max-positions", type=int, default=32,
                        help="the long article's random model: its position table, the bound of a piece and an output")
    parser.add_argument("--max-seconds", type=float, default=10)
    args = parser.parse_args()
    ok = True
    for name in args.checks:
        with tempfile.TemporaryDirectory() as temp:
            ok &= {"check": check, "long": long_article, "apply": apply_review}[name](args, Path(temp))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
