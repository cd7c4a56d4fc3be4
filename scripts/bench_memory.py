"""Benchmarks of translation memories (translate/memory.py); figures for docs/memory.md.

rerun: a second run over a corpus where 30% of the sentences were approved in a first run's review, with
       `--memory` (the first run's `export --only approved --format tmx`), against the same run without it:
       wall time of each `translate run` process (the fastest of --repeat runs, the rows taking turns), the
       pipeline's own seconds (manifest totals.seconds) and the sentences it sent to the model.
load:  a memory of N entries (default 1,000,000; a TSV written here): building its index, opening it again,
       1,000 exact and 200 near-match lookups; seconds and the peak resident memory of each process.

Tiny random-weight models (translate/randmodels.py) on one thread, as the tests build them. Their outputs loop
("remremrem…"), so every sentence the model translates is flagged and tried a second time with strict decoding,
in both rows alike: the retry costs the same per translated sentence, and the row with the memory simply has
fewer of them. The script counts the retried sentences of each row to show it.

Usage: python scripts/bench_memory.py rerun [--sentences 2000] [--repeat 3] [--work DIR]
       python scripts/bench_memory.py load [--entries 1000000] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
APPROVED_SHARE = 0.3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rerun = commands.add_parser("rerun")
    rerun.add_argument("--sentences", type=int, default=2000)
    rerun.add_argument("--work", type=Path, default=Path("/tmp/translate-bench-memory"))
    rerun.add_argument("--repeat", type=int, default=3, help="runs of each row; the fastest is shown")
    load = commands.add_parser("load")
    load.add_argument("--entries", type=int, default=1_000_000)
    load.add_argument("--work", type=Path, default=Path("/tmp/translate-bench-memory"))
    phase = commands.add_parser("phase")  # one measured step of `load`, in a process of its own
    phase.add_argument("name", choices=("build", "open"))
    phase.add_argument("memory", type=Path)
    phase.add_argument("cache", type=Path)
    args = parser.parse_args(argv)
    if args.command == "rerun":
        return bench_rerun(args.sentences, args.work, args.repeat)
    if args.command == "load":
        return bench_load(args.entries, args.work)
    print(json.dumps(measure_phase(args.name, args.memory, args.cache)))
    return 0


def translate(*args: str) -> float:
    """Run the CLI in a fresh process on one thread; its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "translate", *args], check=True, cwd=ROOT,
                   env={**os.environ, "OMP_NUM_THREADS": "1"})
    return time.perf_counter() - started


def bench_rerun(sentences: int, work: Path, repeat: int) -> int:
    import bench

    from translate import randmodels

    bench.write_corpus(bench.corpus(sentences), work / "in")
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if not (work / "marian" / "config.json").is_file():
        randmodels.build_marian(work / "marian", texts)
    common = ["--no-summary", "--beams", "4", "--threads", "1", "--translation-model", str(work / "marian"), "-q",
              "--force"]
    first = work / "first"
    translate("run", str(work / "in"), "-o", str(first), *common)
    approved = approve_share(first, work / "review.json")
    translate("apply", str(first), str(work / "review.json"))
    memory = work / "approved.tmx"
    translate("export", str(first), "--only", "approved", "--format", "tmx", "-o", str(memory))
    rows: dict[str, dict] = {}
    for _round in range(repeat):  # the rows take turns, so a busy moment of the machine hits both alike
        for name, extra in [("without --memory", []), ("with --memory", ["--memory", str(memory), "--memory-cache",
                                                                         str(work / "cache")])]:
            out = work / name.replace(" ", "_").replace("-", "")
            seconds = translate("run", str(work / "in"), "-o", str(out), *common, *extra)
            row = {"wall_s": round(seconds, 1), **counts(out)}
            best = rows.setdefault(name, row)
            rows[name] = {**row, "wall_s": min(best["wall_s"], row["wall_s"]),
                          "pipeline_s": min(best["pipeline_s"], row["pipeline_s"])}
    print(f"fastest of {repeat} runs per row; {sentences} sentences, {approved} approved in the first run's review "
          f"({APPROVED_SHARE:.0%} of its translated sentences)")
    for name, row in rows.items():
        print(f"{name}: {row}")
    return 0


def approve_share(out: Path, review: Path) -> int:
    """A review file approving every sentence whose running number falls in the first 30 of each 100."""
    from translate.outputs import load_articles

    articles, _skipped = load_articles(out)
    pairs = [p for a in articles for p in a.pairs if p.score is not None]
    chosen = [p for i, p in enumerate(pairs) if i % 100 < APPROVED_SHARE * 100]
    items = [{"kind": "sentence", "article": p.article, "paragraph": p.paragraph, "sentence": p.sentence,
              "nl": p.nl, "original": p.en, "en": p.en, "status": "approved", "comment": "",
              "time": "2026-12-02T00:00:00.000Z"} for p in chosen]
    review.write_text(json.dumps({"format": "translate-review", "version": 1, "report": "bench", "folder": str(out),
                                  "items": items}, ensure_ascii=False), encoding="utf-8")
    return len(items)


def counts(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sentences = [s for path in sorted(out.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()
                 if (record := json.loads(line)).get("type") == "paragraph" for s in record["sentences"]]
    return {"pipeline_s": manifest["totals"]["seconds"], "sentences": len(sentences),
            "to_model": sum(s["score"] is not None for s in sentences),
            "retried": sum("retried" in s["flags"] for s in sentences),
            "memory_hits": manifest["totals"].get("memory_hits", 0)}


def bench_load(entries: int, work: Path) -> int:
    memory = work / f"memory-{entries}.tsv"
    if not memory.is_file():
        write_memory(memory, entries)
    cache = work / "load-cache"
    for index in cache.glob("*.sqlite") if cache.is_dir() else ():
        index.unlink()
    print(f"memory: {memory} ({memory.stat().st_size / 1e6:.0f} MB, {entries} entries)")
    for phase in ("build", "open"):
        result = subprocess.run([sys.executable, __file__, "phase", phase, str(memory), str(cache)], check=True,
                                capture_output=True, text=True, cwd=ROOT)
        print(f"{phase}: {result.stdout.strip()}")
    return 0


def write_memory(path: Path, entries: int) -> None:
    """TSV rows nl/en/status: Dutch sentences of 8-20 words drawn from the seed's words (seeded), English likewise."""
    import bench

    words = sorted({w for a in bench.corpus(400) for p in a for s in p for w in s.split()})
    rng = random.Random(22)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("nl\ten\tstatus\n")
        for i in range(entries):
            nl = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20)))
            handle.write(f"{nl}\tEnglish sentence {i}.\t{'approved' if i % 3 else ''}\n")


def measure_phase(name: str, memory: Path, cache: Path) -> dict:
    from translate.memory import Memory
    from translate.pipeline import peak_rss_mb

    started = time.perf_counter()
    opened = Memory.open([memory], cache)
    result = {"open_s": round(time.perf_counter() - started, 2), "entries": opened.files[0].entries}
    if name == "open":
        with memory.open(encoding="utf-8") as handle:
            handle.readline()
            sample = [next(handle).split("\t")[0] for _ in range(1000)]
        started = time.perf_counter()
        assert all(opened.exact(nl) for nl in sample)
        result["exact_ms_each"] = round((time.perf_counter() - started), 3)
        started = time.perf_counter()
        near = [opened.near(nl[:-1] + "x") for nl in sample[:200]]
        result["near_ms_each"] = round((time.perf_counter() - started) * 1000 / 200, 2)
        result["near_found"] = sum(n is not None for n in near)
    index = next(cache.glob("*.sqlite"))
    return {**result, "index_mb": round(index.stat().st_size / 1e6), "peak_rss_mb": round(peak_rss_mb())}


if __name__ == "__main__":
    sys.exit(main())
