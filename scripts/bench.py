"""Throughput of the translation backends and the summariser, on random-weight models with the real shapes.

Builds opus-mt-nl-en-shaped and distilbart-cnn-6-6-shaped models with random weights (the real
ones cannot be downloaded here), a fixed Dutch corpus from seeds/, and times each system in a
fresh process of its own (so peak memory is per row). Prints one markdown table.

Length policy: random weights never end a sentence, so the length is imposed. Each sentence's
output is as long as its source (n tokens, </s> included), and a batch decodes for its longest
sentence's n steps, as any batch runs until its last sentence ends. "tokens/s" counts the n of
every sentence, the same total for every system; "decoded" also counts the rows a batch carries
along after their own n, which is what padding and unsorted batches cost.

Usage: python scripts/bench.py [--sentences 60] [--device auto|cpu|cuda] [--beams 4]
                               [--batch-tokens N] [--threads N] [--rows ROW ...] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # runs from a checkout, installed or not

SEED_DIR = ROOT / "seeds"
SUMMARY_TOKENS = 142  # distilbart-cnn's max_length: every summary runs to it
# `translate run` rows: articles as long as the seed article, so summaries weigh as in real news.
RUN_ARTICLE_SENTENCES = 16
CPU_TYPES = ("int8", "float32")  # on CPU, int8 means int8 weights with float32 activations (int8_float32)
CUDA_TYPES = ("float16", "bfloat16", "int8_float16")


# ---------------------------------------------------------------- corpus and models


def seed_paragraphs() -> list[list[str]]:
    """The seed articles' paragraphs as sentences, split by the pipeline's own splitter."""
    from translate.articles import clean_text, parse_text
    from translate.segment import split_sentences

    paragraphs = []
    for path in sorted(SEED_DIR.glob("*.txt")):
        _, body = parse_text(clean_text(path.read_text(encoding="utf-8")))
        paragraphs += [split_sentences(p) for p in body]
    return paragraphs


def corpus(sentences: int) -> list[list[list[str]]]:
    """Articles (lists of paragraphs of sentences): the seed paragraphs, each article rotated by one more, every
    repeat of a sentence marked so that no two sentences are the same (see distinct)."""
    paragraphs = seed_paragraphs()
    articles: list[list[list[str]]] = []
    seen: dict[str, int] = {}
    total = 0
    while total < sentences:
        shift = len(articles) % len(paragraphs)
        article = []
        for paragraph in paragraphs[shift:] + paragraphs[:shift]:
            if total >= sentences:
                break
            article.append([distinct(sentence, seen) for sentence in paragraph[: sentences - total]])
            total += len(article[-1])
        articles.append(article)
    return articles


def distinct(sentence: str, seen: dict[str, int]) -> str:
    """The sentence, its n-th repeat marked " (n)" before the closing punctuation. A run translates identical
    sentences of a window once (Pipeline._translate_pieces); real news seldom repeats, so neither may the corpus,
    or the `translate run` rows would translate a fraction of what the engine rows do."""
    seen[sentence] = seen.get(sentence, 0) + 1
    if seen[sentence] == 1:
        return sentence
    body, end = re.fullmatch(r"(.*?)(\W*)", sentence, re.DOTALL).groups()
    return f"{body} ({seen[sentence] - 1}){end}"


def timed_checks() -> dict:
    """Time every call of the bilingual checks (translate.qa) in this process, to give their share of a run; the
    pipeline calls them through the module, so the wrappers see every call."""
    from translate import qa

    spent = {"qa_seconds": 0.0, "qa_sentences": 0, "qa_summaries": 0}

    def timed(function, counted: str):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent["qa_seconds"] += time.perf_counter() - started
                spent[counted] += 1
        return wrapper

    qa.sentence_findings = timed(qa.sentence_findings, "qa_sentences")
    qa.summary_findings = timed(qa.summary_findings, "qa_summaries")
    return spent


def write_corpus(articles: list[list[list[str]]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index, article in enumerate(articles):
        text = "\n\n".join(" ".join(paragraph) for paragraph in article) + "\n"
        (folder / f"article_{index:03d}.txt").write_text(text, encoding="utf-8")


def build_models(work: Path, tiny: bool = False) -> dict[str, Path]:
    """Random models with the real shapes (or tiny ones, for a quick check of this script), built once into `work`."""
    from translate import randmodels

    texts = [path.read_text(encoding="utf-8") for path in sorted(SEED_DIR.glob("*.txt"))]
    paths = model_paths(work)
    if not (paths["marian"] / "config.json").is_file():
        randmodels.build_marian(paths["marian"], texts, None if tiny else randmodels.MARIAN_REAL_SHAPES)
    if not (paths["bart"] / "config.json").is_file():
        randmodels.build_bart(paths["bart"], texts, None if tiny else randmodels.BART_REAL_SHAPES,
                              max_length=SUMMARY_TOKENS, min_length=SUMMARY_TOKENS - 1)
    return paths


def model_paths(work: Path) -> dict[str, Path]:
    return {"marian": Path(work) / "marian", "bart": Path(work) / "bart"}


# ---------------------------------------------------------------- the systems (each runs in a child process)


def fixed_length_generate(model) -> None:
    """Make generate() produce exactly the padded input length in new tokens, </s> forced last.

    The end token is held back in place, as the tool does for min_length: transformers' own
    `min_new_tokens` copies the vocabulary-sized scores twice per step, active or not, a cost of
    this length policy that real runs do not have. Every row, the baseline included, avoids it."""
    from transformers import LogitsProcessorList

    from translate.engines.generation import EndNotBefore

    generate = model.generate

    def fixed(*args, **kwargs):
        length = kwargs["input_ids"].shape[1]
        # The decoder's start token counts: `length` tokens in all is length - 1 new ones before </s>.
        no_end = EndNotBefore(length, model.generation_config.eos_token_id)
        kwargs.update(max_new_tokens=length, logits_processor=LogitsProcessorList([no_end]))
        return generate(*args, **kwargs)

    model.generate = fixed


def fixed_length_ct2(engine) -> None:
    """The same for CTranslate2: exactly the batch's longest source length in output tokens."""
    options = engine.decoding_options

    def fixed(longest: int, strict: bool) -> dict:
        return {**options(longest, strict), "max_decoding_length": longest, "min_decoding_length": longest}

    engine.decoding_options = fixed
    engine.translator = EndedOutputs(engine.translator, engine.end_token)


class EndedOutputs:
    """A CTranslate2 translator whose outputs end with the end token, as generate()'s forced one does.

    Random weights never choose the end token, so every output stops at max_decoding_length. The
    engine would take each for a runaway output cut at the bound, and score it again with
    score_batch, a pass that real runs make only for those rare outputs. The end token is added
    after the search, at no cost, so the row times what a real run of n-token outputs does."""

    def __init__(self, translator, end_token: str):
        self.translator = translator
        self.end_token = end_token

    def translate_batch(self, *args, **kwargs):
        from types import SimpleNamespace

        return [SimpleNamespace(hypotheses=[result.hypotheses[0] + [self.end_token]], scores=result.scores)
                for result in self.translator.translate_batch(*args, **kwargs)]

    def __getattr__(self, name):
        return getattr(self.translator, name)


class Counter:
    """Wraps an engine's translate(): time inside the model, and output tokens decoded (padding rows included)."""

    def __init__(self, engine):
        self.engine = engine
        self.seconds = 0.0
        self.decoded = 0

    def translate(self, texts: list[str], strict: bool = False):
        self.decoded += max(self.engine.count_tokens(texts)) * len(texts)
        started = time.perf_counter()
        try:
            return self.engine.translate(texts, strict=strict)
        finally:
            self.seconds += time.perf_counter() - started


def run_baseline(args, paths, articles) -> dict:
    """What typical scripts do: one generate() per paragraph, default padding, no sorting, no tuning."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(paths["marian"])
    model = AutoModelForSeq2SeqLM.from_pretrained(paths["marian"]).to(args.device)
    fixed_length_generate(model)
    loaded = time.perf_counter()
    decoded = 0
    for paragraph in (p for article in articles for p in article):
        batch = tokenizer(paragraph, return_tensors="pt", padding=True).to(args.device)
        outputs = model.generate(**batch, num_beams=args.beams)
        tokenizer.batch_decode(outputs, skip_special_tokens=True)
        decoded += batch["input_ids"].numel()
    return {"loaded": loaded, "decoded": decoded}


def run_engine(args, paths, articles, engine) -> dict:
    from translate.batching import map_batched

    counter = Counter(engine)
    loaded = time.perf_counter()
    sentences = [s for article in articles for p in article for s in p]
    map_batched(sentences, engine.count_tokens(sentences), args.batch_tokens, counter.translate)
    return {"loaded": loaded, "decoded": counter.decoded}


def transformers_engine(args, paths, int8: bool = False, dtype: str = "auto"):
    from translate.devices import place
    from translate.engines.hf import TransformersEngine

    engine = TransformersEngine(paths["marian"], place(args.device, dtype), args.beams, 1.5, 10, int8=int8)
    fixed_length_generate(engine.model)
    return engine


def ct2_engine(args, paths, compute_type: str):
    from translate.engines.ct2 import CTranslate2Engine

    engine = CTranslate2Engine(paths["marian"], "bench", placement(args.device), args.beams, 1.5, 10,
                               compute_type=compute_type, cache_dir=Path(args.work) / "ct2", threads=args.threads)
    fixed_length_ct2(engine)
    return engine


def run_summary(args, paths, articles, backend: str) -> dict:
    """The summariser alone, on either backend, over the corpus's articles (their Dutch sentences as the text)."""
    from translate.summarize import Summarizer

    if backend == "ctranslate2":
        from translate.engines.ct2 import CTranslate2Generator

        generator = CTranslate2Generator(paths["bart"], "bench-summary", placement(args.device),
                                         cache_dir=Path(args.work) / "ct2", threads=args.threads)
    else:
        from translate.engines.hf import TransformersGenerator

        generator = TransformersGenerator(paths["bart"], placement(args.device))
    summarizer = Summarizer(generator, args.batch_tokens)
    loaded = time.perf_counter()
    summarizer.summarize([[s for p in article for s in p] for article in articles])
    return {"loaded": loaded, "decoded": len(articles) * SUMMARY_TOKENS, "tokens": len(articles) * SUMMARY_TOKENS}


def run_translate(args, paths, backend: str) -> dict:
    """A whole `translate run` with summaries over the run corpus, loading included, as a user runs it.

    backend "transformers" is the old default (float32 on CPU, both models), "auto" today's default.
    The length policy holds for both models and both backends; nothing is retried (random outputs
    would all look broken); and both rows summarise the articles' Dutch sentences, so that the
    summariser's input does not depend on which backend's random English came out.
    """
    import tempfile
    from dataclasses import replace

    from translate import loading, pipeline
    from translate.articles import find_inputs
    from translate.models import ResolvedModel, folder_fingerprint

    class DutchSummaries(pipeline.Pipeline):
        def _summarise(self, translated):
            return super()._summarise([[[replace(s, en=s.nl) for s in p] for p in article] for article in translated])

    checked = pipeline.output_problems
    pipeline.output_problems = lambda source, output: (checked(source, output), ())[1]
    os.environ["TRANSLATE_CT2_CACHE"] = str(Path(args.work) / "ct2")
    started = time.perf_counter()
    models = {role: ResolvedModel(role, "local:" + folder_fingerprint(path), path) for role, path in
              (("translation", paths["marian"]), ("summary", paths["bart"]))}
    settings = pipeline.RunSettings(inputs=(Path(args.work) / "run-corpus",), output=Path(tempfile.mkdtemp()),
                                    backend=backend, device=args.device, beams=args.beams,
                                    batch_tokens=args.batch_tokens, threads=args.threads, progress=False)
    loaded = loading.load_models(settings, models["translation"], models["summary"])
    if loaded.engine.backend == "ctranslate2":
        fixed_length_ct2(loaded.engine)
    else:
        fixed_length_generate(loaded.engine.model)
    inputs, _ = find_inputs(list(settings.inputs))
    load_done = time.perf_counter()
    checks = timed_checks()
    report = DutchSummaries(settings, loaded.engine, loaded.summarizer, loaded.infos,
                            loaded.record_settings).run(inputs)
    if report.failed:
        raise RuntimeError(f"{len(report.failed)} articles failed: {report.failed[0].reason}")
    return {"loaded": started, "decoded": 0, "model_load_seconds": load_done - started,
            "backends": loaded.described()[2], "articles": len(report.articles), "run_sentences": report.sentences,
            **checks, "consistency_seconds": report.consistency_seconds}


def run_pipeline(args, paths, articles) -> dict:
    """A real `translate run --no-summary` over the corpus files, with the CTranslate2 int8 backend (the
    fastest, so the share outside the model is the largest), timing what happens inside the engine."""
    import tempfile

    from translate import pipeline
    from translate.articles import find_inputs

    engine = Counter(ct2_engine(args, paths, default_types(args.device)[0]))
    engine.max_input_tokens = engine.engine.max_input_tokens
    engine.count_tokens = engine.engine.count_tokens
    # Random outputs would all look broken and be decoded a second time; real ones rarely are.
    # The checks still run (their time counts as outside the model), but nothing is retried.
    checked = pipeline.output_problems
    pipeline.output_problems = lambda source, output: (checked(source, output), ())[1]
    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    settings = pipeline.RunSettings(inputs=(Path(args.work) / "corpus",), output=out, summary=False,
                                    beams=args.beams, batch_tokens=args.batch_tokens, progress=False)
    inputs, _ = find_inputs(list(settings.inputs))
    checks = timed_checks()
    loaded = time.perf_counter()
    report = pipeline.Pipeline(settings, engine, None, {"translation": None, "summary": None}, {}).run(inputs)
    if report.failed:
        raise RuntimeError(f"{len(report.failed)} articles failed: {report.failed[0].reason}")
    return {"loaded": loaded, "decoded": engine.decoded, "model_seconds": engine.seconds, **checks,
            "consistency_seconds": report.consistency_seconds}


def placement(device: str):
    from translate.devices import Placement

    return Placement(device, "float32" if device == "cpu" else bf16_or_fp16())


def bf16_or_fp16() -> str:
    import torch

    return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"


def default_types(device: str) -> tuple[str, ...]:
    return CPU_TYPES if device == "cpu" else CUDA_TYPES


def child(args) -> int:
    """Run one row and print its measurements as one JSON line."""
    from translate.pipeline import peak_rss_mb

    started = time.perf_counter()
    paths = model_paths(args.work)
    articles = corpus(args.sentences)
    if args.threads and args.row != "baseline":
        import torch  # the baseline keeps torch's defaults, as typical scripts do

        torch.set_num_threads(args.threads)
    if args.row == "baseline":
        result = run_baseline(args, paths, articles)
    elif args.row == "transformers":
        result = run_engine(args, paths, articles, transformers_engine(args, paths))
    elif args.row == "transformers-int8":
        result = run_engine(args, paths, articles, transformers_engine(args, paths, int8=True))
    elif args.row == "transformers-bf16":
        result = run_engine(args, paths, articles, transformers_engine(args, paths, dtype="bfloat16"))
    elif args.row.startswith("ct2-"):
        result = run_engine(args, paths, articles, ct2_engine(args, paths, args.row[4:]))
    elif args.row == "transformers-fp16":
        result = run_engine(args, paths, articles, transformers_engine(args, paths, dtype="float16"))
    elif args.row == "summary":
        result = run_summary(args, paths, articles, "transformers")
    elif args.row == "summary-ct2":
        result = run_summary(args, paths, articles, "ctranslate2")
    elif args.row in ("run-old", "run-new"):
        result = run_translate(args, paths, "transformers" if args.row == "run-old" else "auto")
    elif args.row == "pipeline":
        result = run_pipeline(args, paths, articles)
    else:
        raise SystemExit(f"unknown row {args.row}")
    finished = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sentences = result.pop("run_sentences", None) or sum(len(p) for article in articles for p in article)
    measured = {
        "row": args.row, "sentences": sentences, "seconds": finished - result.pop("loaded"),
        "load_seconds": 0.0, "peak_mb": peak_rss_mb(), "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "tokens": result.pop("tokens", None), **result,
    }
    measured["load_seconds"] = finished - started - measured["seconds"]
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available() and torch.cuda.is_initialized():
        measured["cuda_mb"] = torch.cuda.max_memory_allocated() / 2**20
    print(json.dumps(measured))
    return 0


# ---------------------------------------------------------------- the parent: prepare, run the rows, print


def source_tokens(work: Path, articles) -> int:
    """Σ n over the corpus: the tokens every translation system generates under the length policy."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(work / "marian")
    sentences = [s for article in articles for p in article for s in p]
    return sum(len(ids) for ids in tokenizer(sentences)["input_ids"])


def resolve_device(spec: str) -> str:
    import torch

    if spec == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return spec


def run_row(args, row: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--row", row, "--work", str(args.work),
               "--sentences", str(args.sentences), "--device", args.device, "--beams", str(args.beams),
               "--batch-tokens", str(args.batch_tokens), "--run-articles", str(args.run_articles)]
    command += ["--threads", str(args.threads)] if args.threads else []
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_VERBOSITY": "error", "TQDM_DISABLE": "1"}
    print(f"bench: {row} ...", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        return {"row": row, "error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict], tokens: int) -> str:
    lines = ["| system | sentences/s | tokens/s | wall s | load s | CPU s | peak RSS MB | decoded | vs baseline |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    baseline = next((r for r in results if r["row"] == "baseline" and "error" not in r), None)
    for r in results:
        if "error" in r:
            lines.append(f"| {LABELS.get(r['row'], r['row'])} | failed: {r['error']} | | | | | | | |")
            continue
        rate = r["sentences"] / r["seconds"]
        row_tokens = r["tokens"] or tokens
        ratio = f"{rate / (baseline['sentences'] / baseline['seconds']):.2f}" if baseline and r["row"] not in (
            *SUMMARY_ROWS, *RUN_ROWS) else "—"
        memory = f"{r['peak_mb']:.0f}" + (f" (+{r['cuda_mb']:.0f} CUDA)" if "cuda_mb" in r else "")
        per_token = f"{row_tokens / r['seconds']:.0f}" if r["row"] not in RUN_ROWS else "—"
        lines.append(f"| {LABELS.get(r['row'], r['row'])} | {rate:.2f} | {per_token} | "
                     f"{r['seconds']:.1f} | {r['load_seconds']:.1f} | {r['cpu_seconds']:.0f} | {memory} | "
                     f"{r['decoded'] or '—'} | {ratio} |")
    return "\n".join(lines)


LABELS = {
    "baseline": "naive baseline: generate() per paragraph",
    "transformers": "transformers backend",
    "transformers-int8": "transformers backend, --int8 (dynamic quantisation)",
    "transformers-bf16": "transformers backend, --dtype bfloat16 (native bfloat16)",
    "summary": "summariser (distilbart-cnn-6-6 shapes), transformers",
    "summary-ct2": "summariser (distilbart-cnn-6-6 shapes), ctranslate2",
    "transformers-fp16": "transformers backend, --dtype float16",
    "run-old": "`translate run` with summaries, old default (transformers, both models)",
    "run-new": "`translate run` with summaries, new default (--backend auto)",
    "pipeline": "`translate run --no-summary`, ctranslate2 backend",
}
for _type in CPU_TYPES + CUDA_TYPES:
    LABELS[f"ct2-{_type}"] = f"ctranslate2 backend, {_type}"


def machine(device: str) -> str:
    import ctranslate2
    import torch
    import transformers

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    where = torch.cuda.get_device_name(0) if device.startswith("cuda") else f"{cpu}, {os.cpu_count()} cores"
    return (f"{where}; Python {platform.python_version()}, torch {torch.__version__}, transformers "
            f"{transformers.__version__}, ctranslate2 {ctranslate2.__version__}")


RUN_ROWS = ("run-old", "run-new")
SUMMARY_ROWS = ("summary", "summary-ct2")


def default_rows(device: str) -> list[str]:
    from translate.devices import cpu_has_bfloat16
    from translate.engines.ct2 import missing_cuda_library

    types = default_types(device)
    if device == "cpu":
        extra = ["transformers-int8", *(["transformers-bf16"] if cpu_has_bfloat16() else [])]
    else:
        extra = ["transformers-fp16"]
        types = types if not missing_cuda_library() else ()
    return ["baseline", "transformers", *extra, *(f"ct2-{t}" for t in types), "summary",
            *(["summary-ct2"] if types else []), "pipeline", *RUN_ROWS]


def prepare(args) -> None:
    """Corpora, models and their CTranslate2 conversions, once, before any row is timed."""
    from translate.engines.ct2 import converted_model
    from translate.models import folder_fingerprint

    work = Path(args.work)
    write_corpus(corpus(args.sentences), work / "corpus")
    write_corpus(corpus(args.run_articles * RUN_ARTICLE_SENTENCES), work / "run-corpus")
    print("bench: building models (once) ...", file=sys.stderr, flush=True)
    paths = build_models(work, tiny=args.shapes == "tiny")
    from translate.engines.ct2 import missing_cuda_library

    if args.device != "cpu" and missing_cuda_library():
        return  # CTranslate2 cannot use this GPU (CUDA 12's cuBLAS is missing): no row of it runs
    for compute_type in default_types(args.device):
        converted_model(paths["marian"], "bench", compute_type, work / "ct2")
    converted_model(paths["bart"], "bench-summary", default_types(args.device)[0], work / "ct2")
    for path in paths.values():  # what `translate run` converts, under the folder's own revision
        converted_model(path, "local:" + folder_fingerprint(path), default_types(args.device)[0], work / "ct2")


def parent(args) -> int:
    work = Path(args.work)
    prepare(args)
    articles = corpus(args.sentences)
    rows = args.rows or default_rows(args.device)
    load = os.getloadavg()[0]
    results = [run_row(args, row) for row in rows]
    tokens = source_tokens(work, articles)
    sentences = sum(len(p) for article in articles for p in article)
    print(f"\n{sentences} sentences in {len(articles)} articles (run rows: {args.run_articles} articles of "
          f"{RUN_ARTICLE_SENTENCES} sentences, with summaries); beams {args.beams}; batch budget "
          f"{args.batch_tokens} padded source tokens; {args.threads or 'default'} threads; {args.device}; "
          f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.")
    print(f"Machine: {machine(args.device)}.\n")
    print(table(results, tokens))
    print(f"\nLength policy: every sentence's output is as long as its source (n tokens with </s>; "
          f"{tokens} in all), every summary {SUMMARY_TOKENS} tokens; a batch decodes for its longest sentence "
          f"(`decoded` counts those tokens, padded rows included). Wall s excludes loading, except in the "
          f"`translate run` rows (model loading included, the conversion cache warm); CPU s is the whole "
          f"process's CPU time, loading included.")
    for line in summary_lines(results):
        print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def summary_lines(results: list[dict]) -> list[str]:
    """The ratios the targets speak of, from this one run."""
    found = {r["row"]: r for r in results if "error" not in r}
    lines = []
    pipeline = found.get("pipeline")
    if pipeline:
        outside = pipeline["seconds"] - pipeline["model_seconds"]
        lines.append(f"Outside the model (reading, splitting, batching, checks, writing) in `translate run`: "
                     f"{outside:.1f} s of {pipeline['seconds']:.1f} s, {100 * outside / pipeline['seconds']:.1f}%.")
    for row in ("pipeline", "run-new", "run-old"):
        if row in found and "qa_seconds" in found[row]:
            lines.append(checks_line(row, found[row]))
    for new, old, what in (("run-new", "run-old", "`translate run` with summaries, new default vs old default"),
                           ("summary-ct2", "summary", "CTranslate2 summariser vs transformers summariser")):
        if new in found and old in found:
            lines.append(f"{what}: {found[old]['seconds'] / found[new]['seconds']:.2f}x "
                         f"({found[old]['seconds']:.1f} s -> {found[new]['seconds']:.1f} s); peak RSS "
                         f"{found[old]['peak_mb']:.0f} MB -> {found[new]['peak_mb']:.0f} MB.")
    if "run-new" in found:
        lines.append(f"Backends of the new default: {found['run-new']['backends']}.")
    return lines


def checks_line(row: str, r: dict) -> str:
    """The bilingual checks' share of a `translate run` row: their time measured inside the run, call by call."""
    checks = r["qa_seconds"] + (r["consistency_seconds"] or 0.0)
    per_sentence = 1e6 * r["qa_seconds"] / max(1, r["qa_sentences"])
    return (f"Checks in {LABELS.get(row, row)}: numbers, names and punctuation on {r['qa_sentences']} sentences and "
            f"the summary checks on {r['qa_summaries']} summaries {1000 * r['qa_seconds']:.1f} ms "
            f"({per_sentence:.0f} µs per sentence), the consistency pass {1000 * (r['consistency_seconds'] or 0):.1f} "
            f"ms: {100 * checks / r['seconds']:.2f}% of the run's {r['seconds']:.1f} s.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=60, help="corpus size (seed paragraphs, recombined)")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--batch-tokens", type=int, help="padded source tokens per batch (the tool's default)")
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (default: the libraries' own)")
    parser.add_argument("--rows", nargs="*", help="run only these rows (baseline, transformers, ct2-int8, ...)")
    parser.add_argument("--work", default="/tmp/translate-bench", help="models, conversions and corpus go here")
    parser.add_argument("--run-articles", type=int, default=20,
                        help=f"articles of {RUN_ARTICLE_SENTENCES} sentences for the `translate run` rows")
    parser.add_argument("--shapes", choices=("real", "tiny"), default="real",
                        help="random models with the real models' shapes, or tiny ones (a quick check of the bench)")
    parser.add_argument("--json", help="also write the rows' measurements to this file")
    parser.add_argument("--row", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.row:
        return child(args)
    args.device = resolve_device(args.device)
    from translate.pipeline import CPU_BATCH_TOKENS, CUDA_BATCH_TOKENS

    args.batch_tokens = args.batch_tokens or (CPU_BATCH_TOKENS if args.device == "cpu" else CUDA_BATCH_TOKENS)
    return parent(args)


if __name__ == "__main__":
    sys.exit(main())
