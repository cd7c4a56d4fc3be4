"""Peak memory of a long run against a short one: articles must stream, so the two should match.

Builds tiny random-weight models (or takes --translation-model/--summary-model folders), writes
N small articles cut from the seed, runs `translate run` over --baseline (10) and over N articles in
fresh processes, and compares the peak resident memory the manifests record. With --jsonl the
articles are the records of one JSON Lines file (id, date, text), which is scanned once and read
record by record, never held.

Usage: python scripts/memory_check.py [--articles 1000] [--baseline 10] [--limit 0.15]
       python scripts/memory_check.py --jsonl --baseline 200 --articles 20000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bodies(count: int) -> list[str]:
    """Articles of two sentences cut from the seed."""
    from translate.articles import parse_text
    from translate.segment import split_sentences

    seed = (ROOT / "seeds" / "000_1ca57c5b1627cb3d.txt").read_text(encoding="utf-8")
    pool = [s for p in parse_text(seed)[1] for s in split_sentences(p)]
    return [" ".join(pool[(i + k) % len(pool)] for k in range(2)) for i in range(count)]


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, body in enumerate(bodies(count)):
        (folder / f"a{i:05d}.txt").write_text(f"date 2022-02\n\n{body}", encoding="utf-8")


def write_records(folder: Path, count: int) -> None:
    """One JSON Lines file with an article per record."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "dump.jsonl", "w", encoding="utf-8") as handle:
        for i, body in enumerate(bodies(count)):
            handle.write(json.dumps({"id": f"r{i:06d}", "date": "2022-02-11", "text": body}, ensure_ascii=False) + "\n")


def peak_rss(inputs: Path, out: Path, models: dict[str, Path], extra: list[str]) -> tuple[float, float]:
    summary = ["--no-summary"] if "bart" not in models else ["--summary-model", str(models["bart"])]
    command = [sys.executable, "-m", "translate", "run", str(inputs), "-o", str(out), "-q", "--beams", "1",
               "--translation-model", str(models["marian"]), *summary, *extra]
    subprocess.run(command, check=True, cwd=ROOT)
    totals = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["totals"]
    return totals["peak_memory"]["rss_mb"], totals["seconds"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--baseline", type=int, default=10, help="articles of the short run")
    parser.add_argument("--jsonl", action="store_true", help="the articles as records of one JSON Lines file")
    parser.add_argument("--limit", type=float, default=0.15, help="allowed growth of the peak, as a fraction")
    parser.add_argument("--translation-model", type=Path)
    parser.add_argument("--summary-model", type=Path)
    parser.add_argument("--window", type=int, default=2048, help="--window for both runs (the tool's default)")
    parser.add_argument("--no-summary", action="store_true", help="translate only (a summary per article is most of "
                                                                  "the time on tiny models, and constant memory)")
    args = parser.parse_args()
    from translate import randmodels

    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        seed_text = [(ROOT / "seeds" / "000_1ca57c5b1627cb3d.txt").read_text(encoding="utf-8")]
        models = {"marian": args.translation_model or randmodels.build_marian(work / "marian", seed_text)}
        if not args.no_summary:
            models["bart"] = args.summary_model or randmodels.build_bart(work / "bart", seed_text)
        write = write_records if args.jsonl else write_articles
        write(work / "small", args.baseline)
        write(work / "large", args.articles)
        extra = ["--window", str(args.window)]
        small, small_s = peak_rss(work / "small", work / "out-small", models, extra)
        large, large_s = peak_rss(work / "large", work / "out-large", models, extra)
    growth = large / small - 1
    kind = "records of one .jsonl" if args.jsonl else ".txt files"
    print(f"| articles ({kind}) | peak RSS MB | run seconds |\n|---:|---:|---:|")
    print(f"| {args.baseline} | {small:.0f} | {small_s:.1f} |\n| {args.articles} | {large:.0f} | {large_s:.1f} |")
    print(f"growth of the peak: {growth:+.1%} (limit {args.limit:.0%})")
    return 0 if growth <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
