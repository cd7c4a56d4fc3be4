"""Command line: options become frozen settings; errors become messages and exit codes.

Exit codes: 0 all articles written (or already complete); 1 some articles failed (the others are
written); 2 usage error (bad options, missing inputs, unusable device); 3 a model is not available;
4 the output folder is in use by another run; 5 a model failed mid-run (finished articles are kept, the
manifest says why, a rerun resumes); 130 interrupted (Ctrl-C; finished articles are kept).
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
from pathlib import Path

from translate import __version__, install_hint
from translate.devices import DTYPES
from translate.loading import BACKENDS
from translate.pipeline import RunSettings

EXIT_OK, EXIT_ARTICLES_FAILED, EXIT_USAGE, EXIT_UNAVAILABLE, EXIT_BUSY, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
EXIT_MODEL_FAILED = 5
DEFAULTS = RunSettings()
log = logging.getLogger("translate")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translate", description="Translate Dutch news articles into sentence-aligned English JSONL.",
        epilog="Exit codes: 0 success, 1 some articles failed (the rest are written), 2 usage error, "
               "3 model not available, 4 output folder in use by another run, 5 a model failed mid-run (finished "
               "articles kept; rerun to resume), 130 interrupted.")
    parser.add_argument("--version", action="version", version=f"translate {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(commands)
    _add_models(commands)
    _add_export(commands)
    _add_eval(commands)
    _add_merge_manifests(commands)
    _add_review(commands)
    _add_apply(commands)
    _add_check(commands)
    return parser


def _add_run(commands) -> None:
    # Defaults are written into the help by hand: argparse would print ['seeds'] as [PosixPath('seeds')].
    run = commands.add_parser("run", help="translate and summarise articles",
                              description="Translate Dutch articles into sentence-aligned English JSONL, one file "
                                          "per article, with a summary each (unless --no-summary).")
    run.add_argument("inputs", nargs="*", type=Path, default=list(DEFAULTS.inputs), metavar="INPUT",
                     help="article files or folders (their *.txt files and record files, recursively), and record "
                          "files with an article per record: .jsonl/.ndjson, .csv, .tsv, .parquet; default: seeds/")
    run.add_argument("-o", "--output", type=Path, default=DEFAULTS.output,
                     help=f"output folder; default: {DEFAULTS.output}/")
    run.add_argument("--translation-model", default=DEFAULTS.translation_model, metavar="NAME_OR_DIR",
                     help="model folder, or a role or hub id pinned in models.lock; default: "
                          f"{DEFAULTS.translation_model} (Helsinki-NLP/opus-mt-nl-en)")
    run.add_argument("--summary-model", default=DEFAULTS.summary_model, metavar="NAME_OR_DIR",
                     help="model folder, or a role or hub id pinned in models.lock; default: "
                          f"{DEFAULTS.summary_model} (sshleifer/distilbart-cnn-6-6)")
    run.add_argument("--no-summary", dest="summary", action="store_false",
                     help="write no summaries (each article gets one by default)")
    run.add_argument("--device", default=DEFAULTS.device,
                     help="auto (CUDA when present, else the CPU), cpu, cuda or cuda:N; default: auto")
    run.add_argument("--backend", choices=BACKENDS, default=DEFAULTS.backend,
                     help="auto (the default): CTranslate2 for every model it can convert and run here, "
                          "transformers for the rest (each fallback is reported and recorded in the manifest); "
                          "ctranslate2 or transformers: that backend for both models, no fallback")
    run.add_argument("--compute-type", default=DEFAULTS.compute_type,
                     help="CTranslate2's weights and arithmetic: int8, int8_float16, float16, bfloat16, float32; "
                          "default: int8 on CPU, bfloat16 (float16 where the GPU lacks it) on CUDA")
    run.add_argument("--dtype", choices=DTYPES, default=DEFAULTS.dtype,
                     help="transformers backend: number format of the torch models; auto (the default) is float32 "
                          "on CPU, bfloat16 (or float16) on CUDA; bfloat16 on a CPU with AVX512-BF16/AMX is about "
                          "1.8x faster than float32. Under --backend auto, another value chooses transformers")
    run.add_argument("--int8", action="store_true",
                     help="transformers backend on CPU: dynamic int8 quantisation (about 1.5x faster); under "
                          "--backend auto it chooses transformers")
    run.add_argument("--beams", type=_positive, default=DEFAULTS.beams,
                     help=f"beam size for translation; default: {DEFAULTS.beams}")
    run.add_argument("--batch-tokens", type=_positive, default=DEFAULTS.batch_tokens,
                     help="padded source tokens per batch; default: 1024 on CPU, 8192 on CUDA")
    run.add_argument("--threads", type=_positive, default=DEFAULTS.threads,
                     help="CPU threads for each model; default: every core this process may use")
    run.add_argument("--window", type=_positive, default=DEFAULTS.window_sentences, metavar="SENTENCES",
                     help="sentences read ahead across articles and batched together (memory grows with it); "
                          f"default: {DEFAULTS.window_sentences}")
    run.add_argument("--encoding", default=DEFAULTS.encoding,
                     help=f"encoding of the input files, e.g. cp1252 or latin-1 for legacy files; default: "
                          f"{DEFAULTS.encoding}")
    _add_fields(run)
    run.add_argument("--max-article-mb", type=float, default=DEFAULTS.max_article_bytes / 2**20,
                     help=f"larger input files are reported and skipped; default: {DEFAULTS.max_article_bytes >> 20}")
    run.add_argument("--force", action="store_true",
                     help="translate every article again, even when its file is complete and up to date")
    run.add_argument("--shard", type=_shard, default=DEFAULTS.shard, metavar="K/N",
                     help="translate only shard K of N (K from 1): every N-th read-ahead window of the inputs; N runs "
                          "with the same inputs write a full run's files, then `translate merge-manifests OUT`")
    run.add_argument("--engine", choices=("local", "ray"), default=DEFAULTS.engine,
                     help="local (the default), or ray: windows translated by a pool of Ray actors, on this machine "
                          f"or a cluster (needs the optional extra: {install_hint('ray')})")
    run.add_argument("--address", default=DEFAULTS.ray_address,
                     help="--engine ray: the Ray cluster to join, e.g. auto or HEAD:6379; default: a new local Ray")
    run.add_argument("--actors", type=_positive, default=DEFAULTS.actors,
                     help="--engine ray: actors holding the models; default: one per GPU, else one per 2 CPUs")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no closing line")
    _add_reuse(run)


def _add_reuse(run) -> None:
    """Translation memories and the glossary (translate/memory.py, translate/glossary.py; docs/memory.md)."""
    group = run.add_argument_group("translation memory and glossary")
    group.add_argument("--memory", nargs="+", action="extend", type=Path, default=list(DEFAULTS.memory),
                       metavar="PATH",
                       help="translation memories: TMX (e.g. from `translate export OUT --only approved --format "
                            "tmx`), our TSV or Parquet exports, or reviewed run folders. A sentence whose Dutch "
                            "matches an entry takes its English without the model (flag memory); close matches "
                            "are suggested to the reviewer. Ties: approved > reviewed > plain, then the later "
                            "memory. Give the inputs first, or --memory once per memory")
    group.add_argument("--memory-cache", type=Path, default=DEFAULTS.memory_cache, metavar="DIR",
                       help="where the memories' indexes are kept (built once per memory file); default: "
                            "$TRANSLATE_MEMORY_CACHE, else ~/.cache/translate/memory")
    group.add_argument("--glossary", type=Path, default=DEFAULTS.glossary, metavar="FILE",
                       help="TSV with columns nl and en (optional note): a sentence with a Dutch term keeps the "
                            "model's best of its n-best translations that holds the English; flag glossary if none")


def _add_fields(run) -> None:
    from translate.recordfiles import CANDIDATES

    for part, what in (("text", "the article text: a string with blank lines between paragraphs, or a list of "
                                "paragraphs"), ("id", "the article id (the output file's name, made safe)"),
                       ("date", "the date, kept as given (ISO 8601 dates normalised)"),
                       ("title", "the title, translated as paragraph 0 and marked \"title\": true")):
        run.add_argument(f"--{part}-field", metavar="NAME", default=getattr(DEFAULTS.fields, part),
                         help=f"record files: the field or column holding {what}; default: the first of "
                              f"{', '.join(CANDIDATES[part])} there is (any case)")


def _add_models(commands) -> None:
    models = commands.add_parser("models", help="the pinned models of models.lock")
    actions = models.add_subparsers(dest="action", required=True, metavar="ACTION")
    fetch = actions.add_parser("fetch", help="download the pinned revisions into the HF cache and verify them")
    verify = actions.add_parser("verify", help="check the cached files against the lock's sizes and hashes")
    for action in (fetch, verify):
        action.add_argument("roles", nargs="*", help="roles to act on (default: all)")
    actions.add_parser("list", help="the pinned models and whether each is available here")


def _add_export(commands) -> None:
    from translate.exchange import ONLY

    export = commands.add_parser(
        "export", help="a run's sentence pairs as TMX, XLIFF, TSV or Parquet, or its English as text files",
        epilog="Exit codes: 0 written, 1 written but some article files were unreadable (each named, left out), "
               "2 no such folder, no article files in it, or the output cannot be written.")
    export.add_argument("folder", type=Path, metavar="OUT", help="output folder of `translate run` (or one .jsonl)")
    export.add_argument("--format", required=True, choices=("tmx", "xliff", "tsv", "text", "parquet"),
                        help="tmx 1.4 or xliff 2.1: a unit per sentence pair; tsv: a row per pair; "
                             "text: a .txt of English paragraphs per article; parquet: sentences.parquet (a row "
                             f"per pair) and articles.parquet (a row per article), needs {install_hint('parquet')}")
    export.add_argument("-o", "--output", type=Path, default=None, metavar="PATH",
                        help="file to write, or folder for text and parquet (default: beside OUT: OUT.tmx, OUT.xlf, "
                             "OUT.tsv, OUT-en/, OUT-parquet/)")
    export.add_argument("--only", choices=ONLY, default=None,
                        help="approved: only the sentence pairs a reviewer approved (translate apply), what a "
                             "translation memory should hold")


def _add_eval(commands) -> None:
    evaluate = commands.add_parser(
        "eval", help=f"BLEU and chrF against reference translations (needs {install_hint('eval')})",
        epilog="Scores are sacrebleu's, on its 0-100 scale (chrF 58.3 = 0.583), each with its signature. "
               "Exit codes: 0 scored, 2 unreadable or mismatched files, no reviewed sentences (--ref-reviewed), "
               "or sacrebleu missing.")
    evaluate.add_argument("--hyp", type=Path, required=True, metavar="H",
                          help="translations: a text file with one sentence per line, or a run's output folder "
                               "or .jsonl file (its English sentences in order)")
    evaluate.add_argument("--ref", type=Path, action="append", metavar="R",
                          help="reference translations, one line per hypothesis; repeat for more references")
    evaluate.add_argument("--ref-reviewed", action="store_true",
                          help="with a run as H: score the machine output of its reviewed sentences against the "
                               "reviewed English (translate apply), and give the share of sentences edited")
    evaluate.add_argument("--paragraphs", action="store_true",
                          help="with a run as H: one hypothesis per paragraph, not per sentence (for references "
                               "given to translate run one per paragraph, so that its sentence splitting cannot "
                               "misalign them)")
    evaluate.add_argument("--json", action="store_true", help="one JSON object instead of sacrebleu's text lines")


def _add_merge_manifests(commands) -> None:
    merge = commands.add_parser("merge-manifests", help="join the manifest parts of a sharded run into manifest.json",
                                description="Join the manifest parts of a sharded run into manifest.json, after "
                                            "the consistency pass over all the shards' files (the `inconsistent` "
                                            "flags), which makes them a full run's files.",
                                epilog="Exit codes: 0 joined; 2 parts missing or inconsistent; 4 a shard is still "
                                       "writing to the folder.")
    merge.add_argument("output", type=Path, metavar="OUT", help="the output folder the shards wrote to")


def _shard(text: str):
    from translate.shard import parse_shard

    try:
        return parse_shard(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "compute_type", None) and args.backend == "transformers":
        parser.error("--compute-type applies to the CTranslate2 backend; use --dtype or --int8 with transformers")
    if getattr(args, "int8", False) and args.backend == "ctranslate2":
        parser.error("--int8 applies to the transformers backend; use --compute-type int8 with ctranslate2")
    if getattr(args, "compute_type", None) and (args.int8 or args.dtype != "auto"):
        parser.error("--compute-type is CTranslate2's, --int8 and --dtype the transformers backend's: give one kind")
    if getattr(args, "dtype", "auto") != "auto" and args.backend == "ctranslate2":
        parser.error("--dtype applies to the transformers backend; use --compute-type with ctranslate2")
    if getattr(args, "int8", False) and args.dtype not in ("auto", "float32"):
        parser.error("--int8 quantises float32 weights; it cannot be combined with --dtype " + args.dtype)
    if getattr(args, "engine", "ray") != "ray" and (args.address or args.actors):
        parser.error("--address and --actors apply to --engine ray only")
    _configure_logging()
    if args.command == "models":
        return _models(args)
    if args.command == "review":
        return _review(args)
    if args.command == "apply":
        return _apply(args.output, args.review, args.target)
    if args.command == "merge-manifests":
        return _merge_manifests(args.output)
    if args.command == "export":
        if args.only and args.format == "text":
            parser.error("--only applies to the sentence pair formats (tmx, xliff, tsv, parquet), not to text")
        return _export(args.folder, args.format, args.output, args.only)
    if args.command == "eval":
        if bool(args.ref) == args.ref_reviewed:
            parser.error("give either --ref R (reference files) or --ref-reviewed (the run's reviewed English)")
        if args.ref_reviewed and args.paragraphs:
            parser.error("--ref-reviewed scores sentences; it cannot be combined with --paragraphs")
        if args.ref_reviewed:
            return _eval_reviewed(args.hyp, args.json)
        return _eval(args.hyp, tuple(args.ref), args.paragraphs, args.json)
    if args.command == "check":
        return _check(args.file, args.output)
    settings = RunSettings(inputs=tuple(args.inputs), output=args.output, translation_model=args.translation_model,
                           summary_model=args.summary_model, summary=args.summary, device=args.device, dtype=args.dtype,
                           beams=args.beams, batch_tokens=args.batch_tokens, encoding=args.encoding,
                           max_article_bytes=int(args.max_article_mb * 2**20), force=args.force,
                           window_sentences=args.window, backend=args.backend, compute_type=args.compute_type,
                           threads=args.threads, int8=args.int8, fields=_fields(args),
                           shard=args.shard, engine=args.engine, ray_address=args.address, actors=args.actors,
                           progress=not args.quiet, memory=tuple(args.memory), memory_cache=_memory_cache(args),
                           glossary=args.glossary)
    try:
        return run(settings, quiet=args.quiet)
    except KeyboardInterrupt:
        log.error("interrupted before any article was translated")
        return EXIT_INTERRUPTED


def _memory_cache(args) -> Path | None:
    """Resolved here, so Ray's actors (whose environment may differ) use the driver's index folder."""
    from translate.memory import default_cache

    return (args.memory_cache or default_cache()).absolute() if args.memory else args.memory_cache


def _fields(args):
    from translate.recordfiles import RecordFields

    return RecordFields(args.text_field, args.id_field, args.date_field, args.title_field)


def _configure_logging() -> None:
    """Our messages go to the stderr of this call (tests swap it), prefixed with the program name."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("translate: %(message)s"))
    log.handlers = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False


def run(settings: RunSettings, quiet: bool = False) -> int:
    """Resolve inputs and models before loading anything heavy, so mistakes are reported within seconds."""
    from translate import models
    from translate.articles import InputError, check_encoding, find_inputs
    from translate.recordfiles import expander

    if settings.engine == "ray" and importlib.util.find_spec("ray") is None:
        log.error("--engine ray needs Ray, which is not installed here: %s, or pip install '.[ray]' from a "
                  "checkout (or 'ray[data]')", install_hint("ray"))
        return EXIT_USAGE
    try:
        check_encoding(settings.encoding)
        records = expander(settings.fields, settings.encoding, settings.max_article_bytes)
        inputs, warnings = find_inputs(list(settings.inputs), records)
    except InputError as error:
        log.error("%s", error)
        return EXIT_USAGE
    for warning in warnings:
        log.warning("%s", warning)
    if not inputs:
        log.error("no .txt or record files found in %s", ", ".join(str(p) for p in settings.inputs))
        return EXIT_USAGE
    try:
        lock = models.load_lock()
        translation = models.resolve(settings.translation_model, lock)
        summary = models.resolve(settings.summary_model, lock) if settings.summary else None
    except models.ModelError as error:
        log.error("%s", error)
        return EXIT_UNAVAILABLE
    try:
        reuse = _open_reuse(settings)
    except ValueError as error:
        log.error("%s", error)
        return EXIT_USAGE
    return _run_loaded(settings, inputs, translation, summary, quiet, reuse)


def _open_reuse(settings: RunSettings) -> dict:
    """Read the glossary and build the memories' indexes before any model loads; what the manifest records."""
    from translate.glossary import GlossaryError, read_glossary
    from translate.memory import Memory, MemoryError

    reuse = {}
    try:
        if settings.memory:
            reuse["memory"] = Memory.open(settings.memory, settings.memory_cache).describe()
        if settings.glossary:
            reuse["glossary"] = read_glossary(settings.glossary).describe()
    except (MemoryError, GlossaryError) as error:
        raise ValueError(str(error)) from None
    return reuse


def _run_loaded(settings, inputs, translation, summary, quiet: bool, reuse: dict | None = None) -> int:
    # Everything is local by now: make sure no library reaches for the network behind our back.
    os.environ["HF_HUB_OFFLINE"] = "1"
    from translate.devices import DeviceError
    from translate.engines.hf import ModelLoadError
    from translate.loading import quiet_transformers
    from translate.outdir import OutputBusy
    from translate.pipeline import write_manifest

    quiet_transformers()
    try:
        report, (infos, placement, record_settings, backends) = _translate(settings, inputs, translation, summary)
    except DeviceError as error:
        log.error("%s", error)
        return EXIT_USAGE
    except ModelLoadError as error:
        log.error("%s", error)
        return EXIT_UNAVAILABLE
    except OutputBusy as error:
        log.error("%s", error)
        return EXIT_BUSY
    except OSError as error:  # the output folder itself: not creatable, not writable, disk full
        log.error("%s: cannot write the output (%s); choose another folder with -o or free some space",
                  error.filename or settings.output, error.strerror or error)
        return EXIT_USAGE
    write_manifest(settings, report, infos, placement, record_settings, backends, reuse)
    if report.failure:
        log.error("stopped: %s", report.failure)
    if report.inconsistent is None and settings.shard is None:
        log.warning("the consistency pass did not run (the run stopped early), so `inconsistent` flags may be "
                    "missing or out of date; a rerun sets them")
    if not quiet or report.interrupted or report.failure:
        _closing_line(report, settings.output)
    if report.interrupted:
        return EXIT_INTERRUPTED
    if report.failure:
        return EXIT_MODEL_FAILED
    return EXIT_ARTICLES_FAILED if report.failed else EXIT_OK


def _translate(settings: RunSettings, inputs, translation, summary):
    """Run the pipeline here or on Ray: the report, and the models, device, record settings and backends."""
    if settings.engine == "ray":
        from translate.rayrun import run_on_ray

        report, described = run_on_ray(settings, inputs, translation, summary)
        for note in described[-1].get("notes", ()):  # the actors' loading, told here as a local run tells it
            log.warning("%s", note)
        return report, described
    from translate.loading import load_models
    from translate.pipeline import Pipeline

    loaded = load_models(settings, translation, summary)
    for note in loaded.notes:
        log.warning("%s", note)
    report = Pipeline(settings, loaded.engine, loaded.summarizer, loaded.infos, loaded.record_settings).run(inputs)
    return report, (loaded.infos, *loaded.described())


def _stopped(report) -> str:
    if report.interrupted:
        return "interrupted after "
    return "a model failed after " if report.failure else ""


def _closing_line(report, output: Path) -> None:
    written = sum(a.status == "ok" for a in report.articles)
    unchanged = sum(a.status == "unchanged" for a in report.articles)
    rate = report.sentences / report.seconds if report.seconds else 0.0
    log.info("%s%d articles: %d written, %d unchanged, %d failed; %d sentences in %.1f s, %.1f sentences/s; "
             "output in %s", _stopped(report), len(report.articles), written,
             unchanged, len(report.failed), report.sentences, report.seconds, rate, output)


def _merge_manifests(output: Path) -> int:
    from translate.outdir import OutputBusy
    from translate.shard import ShardError, merge_manifests

    try:
        path = merge_manifests(output)
    except ShardError as error:
        log.error("%s", error)
        return EXIT_USAGE
    except OutputBusy as error:
        log.error("%s", error)
        return EXIT_BUSY
    log.info("joined the manifest parts into %s", path)
    return EXIT_OK


def _models(args) -> int:
    from translate import models

    try:
        lock = models.load_lock()
        if args.action == "list":
            for row in models.list_models(lock):
                where = row["path"] if row["available"] else f"not cached: translate models fetch {row['role']}"
                confirmed = "" if row["confirmed"] else " (revision unconfirmed)"
                print(f"{row['role']:<12} {row['name']:<32} {row['revision'][:12]}{confirmed}  {where}")
            return EXIT_OK
        if args.action == "fetch":
            for line in models.fetch(lock, args.roles or None, models.default_lock_path()):
                print(line)
            return EXIT_OK
        results = models.verify(lock, args.roles or None)
    except models.ModelError as error:
        log.error("%s", error)
        return EXIT_UNAVAILABLE
    for _path, ok, message in results:
        print(("ok      " if ok else "FAILED  ") + message)
    return EXIT_OK if all(ok for _path, ok, _message in results) else EXIT_UNAVAILABLE


def _add_review(commands) -> None:
    from translate.review import DEFAULT_LOW_SCORE, REPORT_NAME

    review = commands.add_parser("review", help="one static HTML page to review an output folder side by side",
                                 epilog="Exit codes: 0 written, 1 written but some article files were unreadable "
                                        "(skipped, listed in the page), 2 no output folder or no article files in it.")
    review.add_argument("output", type=Path, metavar="OUT", help="output folder of `translate run`")
    review.add_argument("-o", "--report", type=Path, default=None, metavar="REPORT",
                        help=f"HTML file to write (default: OUT/{REPORT_NAME})")
    review.add_argument("--low-score", type=float, default=DEFAULT_LOW_SCORE, metavar="SCORE",
                        help="mark sentences whose score (mean log-probability per token) is below this "
                             "(default: %(default)s)")


def _review(args) -> int:
    from translate.outputs import FolderError
    from translate.review import ReviewSettings, build_report

    settings = ReviewSettings(args.output, args.report, args.low_score)
    try:
        result = build_report(settings)
    except FolderError as error:
        log.error("%s", error)
        return EXIT_USAGE
    except OSError as error:  # the report itself: folder not creatable, not writable, disk full
        log.error("%s: cannot write the report (%s); choose another file with -o", settings.report_path, error)
        return EXIT_USAGE
    counts = result.counts
    log.info("review of %d articles (%d sentences, %d flagged, %d low score, %d unreadable) in %s", result.articles,
             counts.sentences, counts.flagged, counts.low, len(result.unreadable), result.report)
    return EXIT_ARTICLES_FAILED if result.unreadable else EXIT_OK


def _export(folder: Path, fmt: str, output: Path | None, only: str | None = None) -> int:
    from translate.exchange import export
    from translate.outputs import FolderError
    from translate.parquet import PyarrowMissing

    try:
        report = export(folder, fmt, output, only)
    except (FolderError, PyarrowMissing) as error:
        log.error("%s", error)
        return EXIT_USAGE
    except OSError as error:  # the export itself: folder not creatable, not writable, disk full
        log.error("%s: cannot write the export (%s); choose another path with -o", error.filename or output,
                  error.strerror or error)
        return EXIT_USAGE
    for problem in report.skipped:
        log.warning("skipped %s", problem)
    if report.output is None:
        log.error("no readable article files in %s; nothing written", folder)
    else:
        log.info("%d articles, %d sentence pairs, %d files skipped: %s", report.articles, report.pairs,
                 len(report.skipped), report.output)
    return EXIT_ARTICLES_FAILED if report.skipped else EXIT_OK


def _eval(hyp: Path, refs: tuple[Path, ...], paragraphs: bool, as_json: bool) -> int:
    from translate.evaluate import EvalError, evaluate_files, format_json, format_text

    try:
        evaluation = evaluate_files(hyp, refs, paragraphs)
    except EvalError as error:
        log.error("%s", error)
        return EXIT_USAGE
    print(format_json(evaluation) if as_json else format_text(evaluation))
    return EXIT_OK


def _eval_reviewed(hyp: Path, as_json: bool) -> int:
    from translate.evaluate import EvalError, evaluate_reviewed, format_json, format_text

    try:
        evaluation = evaluate_reviewed(hyp)
    except EvalError as error:
        log.error("%s", error)
        return EXIT_USAGE
    print(format_json(evaluation) if as_json else format_text(evaluation))
    return EXIT_OK


def _add_apply(commands) -> None:
    apply = commands.add_parser(
        "apply", help="merge a review (the review page's download) into a run's article files",
        epilog="Exit codes: 0 every correction applied (or already there); 1 some or all refused: the review file "
               "is not valid JSON, too large or too deeply nested, or corrections are stale (made against English "
               "the file no longer holds), name unknown articles, lead outside OUT or are malformed (each named; "
               "the others are applied); 2 no such folder or review file, or -o inside OUT; 4 the folder is in use "
               "by a translate run.")
    apply.add_argument("output", type=Path, metavar="OUT", help="output folder of `translate run`")
    apply.add_argument("review", type=Path, metavar="REVIEW", help="the review file (OUT.review.json)")
    apply.add_argument("-o", "--output", dest="target", type=Path, default=None, metavar="OUT2",
                       help="write the reviewed folder here (every article file, and manifest.json), leaving OUT "
                            "as it is (default: change OUT in place)")


def _apply(output: Path, review: Path, target: Path | None) -> int:
    from translate.apply import ApplySettings, ReviewFileError, ReviewNotFound, apply_review, check_target
    from translate.outdir import OutputBusy
    from translate.outputs import FolderError

    try:
        check_target(output, target)
        report = apply_review(ApplySettings(output, review, target))
    except (FolderError, ReviewNotFound) as error:
        log.error("%s", error)
        return EXIT_USAGE
    except ReviewFileError as error:
        log.error("%s; nothing applied", error)
        return EXIT_ARTICLES_FAILED
    except OutputBusy as error:
        log.error("%s", error)
        return EXIT_BUSY
    except OSError as error:  # writing: folder not creatable, not writable, disk full
        log.error("%s: cannot write (%s); choose another folder with -o or free some space",
                  error.filename or target or output, error.strerror or error)
        return EXIT_USAGE
    for line in report.refused:
        log.error("%s", line)
    log.info("%d corrections applied, %d already there, %d refused; %d article files written in %s", report.applied,
             report.unchanged, len(report.refused), len(report.written), target or output)
    return EXIT_ARTICLES_FAILED if report.refused else EXIT_OK
def _add_check(commands) -> None:
    check = commands.add_parser(
        "check", help="numbers, names and punctuation checks on any Dutch-English file, written back as TSV",
        epilog="FILE is a TSV whose header names nl and en columns (other columns are kept; our TSV export is "
               "one), a TMX or XLIFF file, or a run's output folder (a run, and our exports of one, also get "
               "inconsistent translations and the summary checks). The rows come back with flags and details "
               "columns; a count per flag goes "
               "to stderr. Exit codes: 0 checked, whatever was found; 1 checked, but some article files of a run "
               "were unreadable (each named); 2 the file cannot be read, or the output cannot be written.")
    check.add_argument("file", type=Path, metavar="FILE", help="TSV, TMX or XLIFF file, or a run's output folder")
    check.add_argument("-o", "--output", type=Path, default=None, metavar="OUT",
                       help="TSV file to write (default: standard output)")


def _check(path: Path, output: Path | None) -> int:
    from translate.checkfile import CheckError, check_file

    try:
        result = check_file(path, output)
    except CheckError as error:
        log.error("%s", error)
        return EXIT_USAGE
    except OSError as error:  # the output itself: folder not creatable, not writable, disk full
        log.error("%s: cannot write the result (%s); choose another file with -o", error.filename or output,
                  error.strerror or error)
        return EXIT_USAGE
    if output is None:
        try:
            sys.stdout.write(result.text)
            sys.stdout.flush()
        except BrokenPipeError:  # `translate check out | head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    for problem in result.skipped:
        log.warning("skipped %s", problem)
    groups = f" ({result.groups} group{'s' * (result.groups != 1)})"
    counts = ", ".join(f"{flag} {count}{groups if flag == 'inconsistent' else ''}"
                       for flag, count in result.counts.items())
    log.info("%d rows checked: %s", result.rows, counts)
    return EXIT_ARTICLES_FAILED if result.skipped else EXIT_OK
