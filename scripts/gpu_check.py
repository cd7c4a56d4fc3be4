"""One prepared check of the GPU path, and a quick CPU mode of the same steps that CI runs so it cannot rot.

Usage: bash scripts/gpu_check.sh [--cpu] [--quick] [--work DIR]   (the .sh installs what travelled, then runs this)

Steps, one table row or more each:
1. models: random-weight models with opus-mt-nl-en's and distilbart-cnn-6-6's shapes (tiny ones with --quick);
2. bench: scripts/bench.py's rows on this device: transformers bf16 and fp16 and, where CTranslate2 can use
   the GPU, CTranslate2 float16, bfloat16 and int8_float16, at batch budgets 4,096 / 8,192 / 16,384;
   the summariser on each backend and the naive baseline at 8,192 (CPU: the CPU rows at 1,024);
3. run: `translate run` with summaries and the default options over 200 articles (8 with --quick);
   the table says which backend each model ran on, and why (CUDA 12 vs 13);
4. rerun: the same run into a second folder: every article file must be byte-identical;
5. oom: 40 of those articles (2 with --quick) on the transformers backend with a huge batch budget and
   the process's CUDA memory capped (torch.cuda.set_per_process_memory_fraction): batches must halve and every article
   finish (on CPU an out-of-memory error is simulated for batches of more than 2 texts).

Prints one markdown table; exit 0 when every step passed, 1 otherwise. Fits 8 minutes on one H100/H200.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

GPU_BUDGETS = (4096, 8192, 16384)
RUN_ARTICLES = {"full": 200, "quick": 8}
OOM_ARTICLES = {"full": 40, "quick": 2}
BENCH_SENTENCES = {"full": 2000, "quick": 24}
OOM_BUDGET = 262144  # padded source tokens: far more than a capped GPU holds
OOM_CUDA_GB = 3.0  # the cap of the oom step: both models fit, a batch of the budget above does not
QUICK = False  # tiny models: one thread each


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpu", action="store_true", help="check on the CPU (no GPU needed)")
    parser.add_argument("--quick", action="store_true", help="tiny models and few articles (what CI runs)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/translate-gpu-check"))
    parser.add_argument("--oom-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    device = "cpu" if args.cpu else "cuda"
    global QUICK
    QUICK = args.quick
    if args.oom_child:
        return oom_child(args.oom_child, args.work, device)
    return check(args.work, device, "quick" if args.quick else "full")


def check(work: Path, device: str, mode: str) -> int:
    from bench import build_models, corpus, write_corpus

    started = time.perf_counter()
    rows: list[dict] = []
    work.mkdir(parents=True, exist_ok=True)
    if device == "cuda" and not cuda_present():
        rows.append(row("device", "CUDA", False, "torch sees no CUDA device; use --cpu"))
        return finish(rows, started)
    step = time.perf_counter()
    paths = build_models(work, tiny=mode == "quick")
    rows.append(row("models", "tiny" if mode == "quick" else "real shapes", True, "", time.perf_counter() - step))
    rows += bench_rows(work, device, mode)
    articles = work / "articles"
    write_corpus(corpus(RUN_ARTICLES[mode] * 16), articles)
    write_corpus(corpus(OOM_ARTICLES[mode] * 16), work / "oom-articles")
    models = ["--translation-model", str(paths["marian"]), "--summary-model", str(paths["bart"])]
    first, second = work / "run-1", work / "run-2"
    rows.append(run_step("run", "default options, summaries", [str(articles), "-o", str(first), *models, "--force"],
                         first, device))
    rows.append(run_step("rerun", "the same, another folder", [str(articles), "-o", str(second), *models, "--force"],
                         second, device))
    rows.append(identical(first, second))
    rows.append(oom_step(work, device))
    return finish(rows, started)


def cuda_present() -> bool:
    import torch

    return torch.cuda.is_available()


def row(step: str, what: str, ok: bool, result: str, seconds: float | None = None) -> dict:
    return {"step": step, "what": what, "ok": ok, "result": result, "seconds": seconds}


def bench_rows(work: Path, device: str, mode: str) -> list[dict]:
    """The bench's rows for this device, one bench run per batch budget; each bench row becomes a table row."""
    from translate.engines.ct2 import missing_cuda_library

    if device == "cpu":
        plan = {1024: ["transformers", "ct2-int8", "summary", "summary-ct2"]}
    else:
        missing = missing_cuda_library()
        ct2 = [] if missing else ["ct2-float16", "ct2-bfloat16", "ct2-int8_float16"]
        plan = {budget: ["transformers", "transformers-fp16", *ct2] for budget in GPU_BUDGETS}
        plan[8192] = ["baseline", *plan[8192], "summary", *([] if missing else ["summary-ct2"])]
    rows = []
    if device != "cpu" and missing_cuda_library():
        rows.append(row("bench", "CTranslate2 on the GPU", True,
                        f"skipped: {missing_cuda_library()} cannot be loaded (CUDA 12's cuBLAS; CTranslate2 #1933)"))
    for budget, names in plan.items():
        out = work / f"bench-{budget}.json"
        command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "--device", device, "--batch-tokens",
                   str(budget), "--sentences", str(BENCH_SENTENCES[mode]), "--work", str(work / "bench"),
                   "--shapes", "tiny" if mode == "quick" else "real", "--json", str(out), *threads(), "--rows", *names]
        step = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=child_env())
        if done.returncode != 0 or not out.is_file():
            rows.append(row("bench", f"budget {budget}", False, last_line(done.stderr), time.perf_counter() - step))
            continue
        for result in json.loads(out.read_text(encoding="utf-8")):
            rows.append(bench_row(result, budget))
    return rows


def bench_row(result: dict, budget: int) -> dict:
    what = f"{result['row']}, budget {budget}"
    if "error" in result:
        return row("bench", what, False, result["error"])
    rate = result["sentences"] / result["seconds"]
    unit = "source sentences/s" if result["row"].startswith("summary") else "sentences/s"
    memory = f"{result['peak_mb']:.0f} MB RSS" + (f", {result['cuda_mb']:.0f} MB CUDA" if "cuda_mb" in result else "")
    return row("bench", what, True, f"{rate:.1f} {unit}; {memory}", result["seconds"])


def child_env() -> dict:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error", "TQDM_DISABLE": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}
    if QUICK:  # tiny models do microscopic products: more threads only spin (a 50x slowdown seen on 2 cores)
        env["OMP_NUM_THREADS"] = "1"
    return env


def run_step(step: str, what: str, arguments: list[str], out: Path, device: str) -> dict:
    command = [sys.executable, "-m", "translate", "run", *arguments, "--device", device, "-q", *threads()]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=child_env())
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        return row(step, what, False, f"exit {done.returncode}: {last_line(done.stderr)}", seconds)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    totals, backends = manifest["totals"], manifest.get("backends", {})
    memory = totals["peak_memory"]
    notes = "; ".join(backends.get("notes", []))
    result = (f"{totals['articles']} articles, {totals['sentences']} sentences, "
              f"{totals['sentences'] / max(totals['seconds'], 1e-9):.1f} sentences/s; translation on "
              f"{backends.get('translation')} ({manifest['record_settings']['dtype']}), summaries on "
              f"{backends.get('summary')}; {memory.get('rss_mb')} MB RSS"
              + (f", {memory['cuda_mb']} MB CUDA" if "cuda_mb" in memory else "") + (f"; {notes}" if notes else ""))
    return row(step, what, True, result, seconds)


def identical(first: Path, second: Path) -> dict:
    names = sorted(path.relative_to(first) for path in first.rglob("*.jsonl"))
    differ = [str(name) for name in names if (first / name).read_bytes() != (second / name).read_bytes()]
    missing = [str(path.relative_to(second)) for path in second.rglob("*.jsonl") if path.relative_to(second)
               not in names]
    ok = bool(names) and not differ and not missing
    result = f"{len(names) - len(differ)} of {len(names)} article files identical"
    result += (f"; differ: {', '.join(differ[:3])}" if differ else "") + (f"; extra: {missing[:3]}" if missing else "")
    return row("rerun", "byte-identical files", ok, result)


def oom_step(work: Path, device: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--work", str(work), "--oom-child", str(work / "oom")]
    command += (["--cpu"] if device == "cpu" else []) + (["--quick"] if QUICK else [])
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=child_env())
    seconds = time.perf_counter() - started
    halvings = done.stderr.count("retrying it in halves")
    articles = len(list((work / "oom-articles").glob("*.txt")))
    written = len(list((work / "oom").glob("*.jsonl")))
    ok = done.returncode == 0 and halvings > 0 and written == articles and "Traceback" not in done.stderr
    what = (f"CUDA memory capped at {OOM_CUDA_GB:.0f} GB, budget {OOM_BUDGET}" if device != "cpu"
            else "simulated out-of-memory on batches over 2 texts")
    result = f"exit {done.returncode}; {halvings} batches halved; {written} of {articles} articles written"
    if not ok:
        result += f"; {last_line(done.stderr)}"
    return row("oom", what, ok, result, seconds)


def oom_child(out: Path, work: Path, device: str) -> int:
    """A run that cannot fit its batches: transformers backend, memory capped (CUDA) or failing (CPU, simulated)."""
    import torch

    from translate.cli import main as translate

    if device == "cpu":
        from translate.engines import hf

        real = hf.generate

        def small_memory(model, batch, **options):
            if batch["input_ids"].shape[0] > 2:
                raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated by scripts/gpu_check.py)")
            return real(model, batch, **options)

        hf.generate = small_memory
    else:
        total = torch.cuda.get_device_properties(0).total_memory
        torch.cuda.set_per_process_memory_fraction(min(1.0, OOM_CUDA_GB * 2**30 / total))
    from bench import model_paths

    paths = model_paths(work)
    return translate(["run", str(work / "oom-articles"), "-o", str(out), "--translation-model", str(paths["marian"]),
                      "--summary-model", str(paths["bart"]), "--backend", "transformers", "--device", device,
                      "--batch-tokens", str(OOM_BUDGET), "--force", "-q", *threads()])


def threads() -> list[str]:
    return ["--threads", "1"] if QUICK else []


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"


def finish(rows: list[dict], started: float) -> int:
    print(machine())
    print("\n| step | what | ok | result | s |\n|---|---|---|---|---:|")
    for r in rows:
        seconds = f"{r['seconds']:.1f}" if r["seconds"] is not None else ""
        print(f"| {r['step']} | {r['what']} | {'yes' if r['ok'] else 'FAILED'} | {r['result']} | {seconds} |")
    failed = [r for r in rows if not r["ok"]]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} rows passed in {time.perf_counter() - started:.0f} s.")
    return 1 if failed else 0


def machine() -> str:
    import platform

    import torch
    import transformers

    try:
        import ctranslate2

        ct2 = ctranslate2.__version__
    except ImportError:
        ct2 = "not installed"
    where = torch.cuda.get_device_name(0) if torch.cuda.is_available() else platform.processor() or "CPU"
    return (f"{where}; Python {platform.python_version()}, torch {torch.__version__} (CUDA {torch.version.cuda}), "
            f"transformers {transformers.__version__}, ctranslate2 {ct2}")


if __name__ == "__main__":
    sys.exit(main())
