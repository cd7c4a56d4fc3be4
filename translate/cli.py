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


# The commands in the order of the workflow; `translate --help` lists them so. Each has an _add_<name>
# function below (same order) that adds its parser, and a function that runs it (further down).
COMMANDS = ("run", "review", "apply", "export", "check", "eval", "models", "merge-manifests")
EXIT_CODES = ("Exit codes: 0 success, 1 some articles failed (the rest are written), 2 usage error, 3 model not "
              "available, 4 output folder in use by another run, 5 a model failed mid-run (finished articles kept; "
              "rerun to resume), 130 interrupted.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="translate", description="Translate Dutch news articles into sentence-aligned English JSONL, review "
        "and correct the English, and export it. Start with `translate run FOLDER -o OUT`.", epilog=EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"translate {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    adders = {"run": _add_run, "review": _add_review, "apply": _add_apply, "export": _add_export,
              "check": _add_check, "eval": _add_eval, "models": _add_models, "merge-manifests": _add_merge_manifests}
    parser.command_parsers = {name: adders[name](commands) for name in COMMANDS}
    return parser


def _command(commands, name: str, summary: str, description: str, epilog: str | None = None):
    """A command's parser: a one-line summary for `translate --help`, a description for `translate NAME --help`."""
    return commands.add_parser(name, help=summary, description=description, epilog=epilog)


def _add_run(commands) -> argparse.ArgumentParser:
    # Defaults are written into the help by hand: argparse would print ['seeds'] as [PosixPath('seeds')].
    run = _command(commands, "run", "translate and summarise articles",
                   "Translate Dutch articles into sentence-aligned English JSONL, one file per article, with a "
                   "summary each (unless --no-summary). Inputs may come before or after the options. The output "
                   "folder, anything inside it and article files a run wrote are never read as input.",
                   EXIT_CODES)
    run.add_argument("inputs", nargs="*", type=Path, default=None, metavar="INPUT",
                     help="article files or folders (their *.txt files and record files, recursively), and record "
                          "files with an article per record: .jsonl/.ndjson, .csv, .tsv, .parquet; default: seeds/")
    run.add_argument("-o", "--output", type=Path, default=DEFAULTS.output, metavar="OUT",
                     help=f"output folder; default: {DEFAULTS.output}/")
    _add_run_models(run)
    _add_run_speed(run)
    _add_run_inputs(run)
    _add_run_scale(run)
    _add_reuse(run)
    run.add_argument("--force", action="store_true",
                     help="translate every article again, even when its file is complete and up to date")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no closing line")
    return run


def _add_run_models(run) -> None:
    run.add_argument("--translation-model", default=DEFAULTS.translation_model, metavar="NAME_OR_DIR",
                     help="model folder, or a role or hub id pinned in models.lock; default: "
                          f"{DEFAULTS.translation_model} (Helsinki-NLP/opus-mt-nl-en)")
    run.add_argument("--summary-model", default=DEFAULTS.summary_model, metavar="NAME_OR_DIR",
                     help="model folder, or a role or hub id pinned in models.lock; default: "
                          f"{DEFAULTS.summary_model} (sshleifer/distilbart-cnn-6-6)")
    run.add_argument("--no-summary", dest="summary", action="store_false",
                     help="write no summaries (each article gets one by default)")


def _add_run_speed(run) -> None:
    """Where and how the models run: device, backend, number formats, batches, threads."""
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
                          "on CPU, bfloat16 (or float16) on CUDA. Under --backend auto, another value chooses "
                          "transformers. Speeds: docs/performance.md")
    run.add_argument("--int8", action="store_true",
                     help="transformers backend on CPU: dynamic int8 quantisation; under --backend auto it chooses "
                          "transformers (slower than the default CTranslate2 int8; speeds: docs/performance.md)")
    run.add_argument("--beams", type=_positive, default=DEFAULTS.beams,
                     help=f"beam size for translation; default: {DEFAULTS.beams}")
    run.add_argument("--batch-tokens", type=_positive, default=DEFAULTS.batch_tokens, metavar="TOKENS",
                     help="padded source tokens per batch; default: 1024 on CPU, 8192 on CUDA")
    run.add_argument("--threads", type=_positive, default=DEFAULTS.threads,
                     help="CPU threads for each model; default: OMP_NUM_THREADS where it is set, else every core "
                          "this process may use")


def _add_run_inputs(run) -> None:
    """How input files are read."""
    run.add_argument("--encoding", default=DEFAULTS.encoding,
                     help=f"encoding of the input files, e.g. cp1252 or latin-1 for legacy files; default: "
                          f"{DEFAULTS.encoding}")
    _add_fields(run)
    run.add_argument("--max-article-mb", type=float, default=DEFAULTS.max_article_bytes / 2**20, metavar="MB",
                     help=f"larger input files are reported and skipped; default: {DEFAULTS.max_article_bytes >> 20}")


def _add_run_scale(run) -> None:
    """Read-ahead, shards and Ray."""
    run.add_argument("--window", type=_positive, default=DEFAULTS.window_sentences, metavar="SENTENCES",
                     help="sentences read ahead across articles and batched together (memory grows with it); "
                          f"default: {DEFAULTS.window_sentences}")
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


def _add_review(commands) -> argparse.ArgumentParser:
    from translate.review import DEFAULT_LOW_SCORE, PAGE_SENTENCES, REPORT_NAME

    review = _command(commands, "review", "a static HTML report to read, correct and approve a run's English",
                      "Write a static HTML report (an index of every article and pages of whole articles) that shows "
                      "a run's Dutch and English side by side, with flags and scores; corrections and approvals "
                      "made in any of its pages are downloaded as one review file for `translate apply`.",
                      "Exit codes: 0 written, 1 written but some article files were unreadable (skipped, listed in "
                      "the index), 2 no output folder or no article files in it, --page-sentences below 1, or the "
                      "report cannot be written.")
    review.add_argument("folder", type=Path, metavar="OUT", help="output folder of `translate run`")
    review.add_argument("-o", "--output", "--report", dest="report", type=Path, default=None, metavar="DIR",
                        help=f"report folder to write: DIR/index.html and its pages (default: OUT/{REPORT_NAME}/); "
                             "--report is the older name")
    review.add_argument("--page-sentences", type=int, default=PAGE_SENTENCES, metavar="N",
                        help="sentences per page of articles (whole articles; default: %(default)s)")
    review.add_argument("--low-score", type=float, default=DEFAULT_LOW_SCORE, metavar="SCORE",
                        help="mark sentences whose score (mean log-probability per token) is below this "
                             "(default: %(default)s)")
    return review


def _add_apply(commands) -> argparse.ArgumentParser:
    apply = _command(
        commands, "apply", "merge a review (the review page's download) into a run's article files",
        "Merge the corrections and approvals of a review file (downloaded from the page of `translate review`) "
        "into a run's article files, in place or into a copy (-o).",
        "Exit codes: 0 every correction applied (or already there); 1 some or all refused: the review file "
        "is not valid JSON, too large or too deeply nested, or corrections are stale (made against English "
        "the file no longer holds), name unknown articles, lead outside OUT or are malformed (each named; "
        "the others are applied); 2 no such folder or review file, or -o inside OUT; 4 the folder is in use "
        "by a translate run.")
    apply.add_argument("folder", type=Path, metavar="OUT", help="output folder of `translate run`")
    apply.add_argument("review", type=Path, metavar="REVIEW", help="the review file (OUT.review.json)")
    apply.add_argument("-o", "--output", dest="target", type=Path, default=None, metavar="OUT2",
                       help="write the reviewed folder here (every article file, and manifest.json), leaving OUT "
                            "as it is (default: change OUT in place)")
    return apply


def _add_export(commands) -> argparse.ArgumentParser:
    from translate.exchange import ONLY

    export = _command(
        commands, "export", "a run's sentence pairs as TMX, XLIFF, TSV or Parquet, or its English as text files",
        "Write a run's sentence pairs in an exchange format (TMX 1.4, XLIFF 2.1, TSV, Parquet) or its English "
        "as one text file per article. Paths in the files are relative to the input they came from.",
        "Exit codes: 0 written, 1 written but some article files were unreadable (each named, left out), "
        "2 no such folder, no article files in it, or the output cannot be written.")
    export.add_argument("folder", type=Path, metavar="OUT", help="output folder of `translate run` (or one .jsonl)")
    export.add_argument("--format", required=True, choices=("tmx", "xliff", "tsv", "text", "parquet"),
                        help="tmx 1.4 or xliff 2.1: a unit per sentence pair; tsv: a row per pair; "
                             "text: a .txt of English paragraphs per article; parquet: sentences.parquet (a row "
                             f"per pair) and articles.parquet (a row per article), needs {install_hint('parquet')}")
    export.add_argument("-o", "--output", type=Path, default=None, metavar="PATH",
                        help="file to write, or folder for text and parquet (default: beside OUT: OUT.tmx, OUT.xlf, "
                             "OUT.tsv, OUT-en/, OUT-parquet/)")
    export.add_argument("--only", choices=ONLY, default=None, metavar="approved",
                        help="only the sentence pairs a reviewer approved (translate apply), what a translation "
                             "memory should hold (the one filter so far)")
    return export


def _add_check(commands) -> argparse.ArgumentParser:
    check = _command(
        commands, "check", "numbers, names and punctuation checks on any Dutch-English file, written back as TSV",
        "Check any Dutch-English sentence pairs (a TSV with nl and en columns, TMX, XLIFF, or a run's output "
        "folder) for numbers, names and punctuation that differ, and write the rows back as TSV with flags and "
        "details columns.",
        "FILE is a TSV whose header names nl and en columns (other columns are kept; our TSV export is "
        "one), a TMX or XLIFF file, or a run's output folder (a run, and our exports of one, also get "
        "inconsistent translations and the summary checks). A count per flag goes to stderr. Exit codes: "
        "0 checked, whatever was found; 1 checked, but some article files of a run were unreadable (each "
        "named); 2 the file cannot be read, or the output cannot be written.")
    check.add_argument("file", type=Path, metavar="FILE", help="TSV, TMX or XLIFF file, or a run's output folder")
    # -o is where a command writes; here that is one TSV file (a folder for run and apply).
    check.add_argument("-o", "--output", type=Path, default=None, metavar="TSV",
                       help="TSV file to write (default: standard output)")
    return check


def _add_eval(commands) -> argparse.ArgumentParser:
    evaluate = _command(
        commands, "eval", f"BLEU and chrF against reference translations (needs {install_hint('eval')})",
        "Score translations (a text file, or a run) against reference translations with sacrebleu's BLEU and "
        "chrF, or a run's machine English against its reviewed English (--ref-reviewed).",
        "Scores are sacrebleu's, on its 0-100 scale (chrF 58.3 = 0.583), each with its signature. "
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
    return evaluate


def _add_models(commands) -> argparse.ArgumentParser:
    models = _command(commands, "models", "fetch, verify and list the pinned models of models.lock",
                      "The models pinned in models.lock (a hub repository at a fixed commit, with its files): "
                      "download them into the Hugging Face cache, check them, or list what is here.",
                      "Exit codes: 0 done; 3 a model is missing, damaged or cannot be fetched.")
    actions = models.add_subparsers(dest="action", required=True, metavar="ACTION")
    fetch = actions.add_parser("fetch", help="download the pinned revisions into the HF cache and verify them",
                               description="Download the pinned files of the pinned commits into the Hugging Face "
                                           "cache and check their sizes and sha256 (needs the network).")
    verify = actions.add_parser("verify", help="check the cached files against the lock's sizes and hashes",
                                description="Check the cached files of the pinned models against the sizes and "
                                            "sha256 of models.lock (and of earlier fetches).")
    for action in (fetch, verify):
        action.add_argument("roles", nargs="*", metavar="ROLE", help="roles to act on (default: all)")
    actions.add_parser("list", help="the pinned models and whether each is available here",
                       description="One line per pinned model: role, hub id, revision, and where it is cached (or "
                                   "the command that fetches it). \"unconfirmed\": no source outside this repository "
                                   "and no fetch here has yet shown the commit on the hub.")
    return models


def _add_merge_manifests(commands) -> argparse.ArgumentParser:
    merge = _command(commands, "merge-manifests", "join the manifest parts of a sharded run into manifest.json",
                     "Join the manifest parts of a sharded run into manifest.json, after the consistency pass over "
                     "all the shards' files (the `inconsistent` flags), which makes them a full run's files.",
                     "Exit codes: 0 joined; 2 parts missing or inconsistent; 4 a shard is still writing to the "
                     "folder.")
    merge.add_argument("output", type=Path, metavar="OUT", help="the output folder the shards wrote to")
    return merge


def _shard(text: str):
    from translate.shard import parse_shard

    try:
        return parse_shard(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _positive(text: str) -> int:
    # ArgumentTypeError, not ValueError: argparse would name the function ("invalid _positive value").
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parse(argv: list[str] | None = None) -> tuple[argparse.Namespace, argparse.ArgumentParser]:
    """The options, and the parser of their command (whose usage line an error should show).

    `run` takes its inputs anywhere among the options (`translate run a -o OUT b.jsonl`): argparse's
    intermixed parsing does not work with subcommands, so what it leaves over is taken as more inputs.
    """
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    command = parser.command_parsers[args.command]
    if args.command == "models":  # its actions are parsers of their own
        command = command._subparsers._group_actions[0].choices[args.action]
    unknown = [item for item in extra if item.startswith("-") and item != "-"]
    if unknown or (extra and args.command != "run"):
        command.error(f"unrecognized arguments: {' '.join(unknown or extra)}")
    if args.command == "run":
        args.inputs = [*(args.inputs or []), *map(Path, extra)] or list(DEFAULTS.inputs)
    return args, command


def _check_run_options(args, command: argparse.ArgumentParser) -> None:
    """Options that cannot be combined (argparse checks each option alone)."""
    if args.compute_type and args.backend == "transformers":
        command.error("--compute-type applies to the CTranslate2 backend; use --dtype or --int8 with transformers")
    if args.int8 and args.backend == "ctranslate2":
        command.error("--int8 applies to the transformers backend; use --compute-type int8 with ctranslate2")
    if args.compute_type and (args.int8 or args.dtype != "auto"):
        command.error("--compute-type is CTranslate2's, --int8 and --dtype the transformers backend's: give one kind")
    if args.dtype != "auto" and args.backend == "ctranslate2":
        command.error("--dtype applies to the transformers backend; use --compute-type with ctranslate2")
    if args.int8 and args.dtype not in ("auto", "float32"):
        command.error("--int8 quantises float32 weights; it cannot be combined with --dtype " + args.dtype)
    if args.engine != "ray" and (args.address or args.actors):
        command.error("--address and --actors apply to --engine ray only")


def main(argv: list[str] | None = None) -> int:
    args, command = parse(argv)
    if args.command == "run":
        _check_run_options(args, command)
    if args.command == "export" and args.only and args.format == "text":
        command.error("--only applies to the sentence pair formats (tmx, xliff, tsv, parquet), not to text")
    if args.command == "eval":
        if bool(args.ref) == args.ref_reviewed:
            command.error("give either --ref R (reference files) or --ref-reviewed (the run's reviewed English)")
        if args.ref_reviewed and args.paragraphs:
            command.error("--ref-reviewed scores sentences; it cannot be combined with --paragraphs")
    _configure_logging()
    if args.command == "run":
        return _run_command(args)
    if args.command == "review":
        return _review(args.folder, args.report, args.low_score, args.page_sentences)
    if args.command == "apply":
        return _apply(args.folder, args.review, args.target)
    if args.command == "export":
        return _export(args.folder, args.format, args.output, args.only)
    if args.command == "check":
        return _check(args.file, args.output)
    if args.command == "eval":
        if args.ref_reviewed:
            return _eval_reviewed(args.hyp, args.json)
        return _eval(args.hyp, tuple(args.ref), args.paragraphs, args.json)
    if args.command == "models":
        return _models(args)
    return _merge_manifests(args.output)


def _run_command(args) -> int:
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
    from translate.articles import InputError, check_encoding, survey_inputs
    from translate.recordfiles import expander

    if settings.engine == "ray" and importlib.util.find_spec("ray") is None:
        log.error("--engine ray needs Ray, which is not installed here: %s, or pip install '.[ray]' from a "
                  "checkout (or 'ray[data]')", install_hint("ray"))
        return EXIT_USAGE
    try:
        check_encoding(settings.encoding)
        records = expander(settings.fields, settings.encoding, settings.max_article_bytes)
        # The output folder is never an input, nor any article file of ours: a rerun finds its own output
        # unchanged instead of reading it as new articles.
        survey = survey_inputs(list(settings.inputs), records, settings.output)
    except InputError as error:
        log.error("%s", error)
        return EXIT_USAGE
    for warning in survey.warnings:
        log.warning("%s", warning)
    if not survey.inputs:
        log.error("no .txt or record files found in %s", ", ".join(str(p) for p in settings.inputs))
        return EXIT_USAGE
    resolved = _resolve_models(settings)
    if resolved is None:
        return EXIT_UNAVAILABLE
    try:
        reuse = _open_reuse(settings)
    except ValueError as error:
        log.error("%s", error)
        return EXIT_USAGE
    return _run_loaded(settings, survey, *resolved, quiet, reuse)


def _resolve_models(settings: RunSettings):
    """Both models found on disk (no loading yet), or None after naming every one that is missing at once."""
    from translate import models

    try:
        lock = models.load_lock()
    except models.ModelError as error:
        log.error("%s", error)
        return None
    wanted = {"translation": settings.translation_model, "summary": settings.summary_model if settings.summary
              else None}
    found, problems = {}, []
    for role, name in wanted.items():
        try:
            found[role] = models.resolve(name, lock) if name else None
        except models.ModelError as error:
            problems.append(f"{error} (option --{role}-model takes a local model folder)")
    for problem in problems:
        log.error("%s", problem)
    return None if problems else (found["translation"], found["summary"])


def _open_reuse(settings: RunSettings):
    """The memories' indexes built and the glossary read before any model loads (pipeline.Reuse); ValueError
    with one line when one cannot be read."""
    from translate.glossary import GlossaryError
    from translate.memory import MemoryError
    from translate.pipeline import Reuse

    try:
        return Reuse.open(settings)
    except (MemoryError, GlossaryError) as error:
        raise ValueError(str(error)) from None


def _run_loaded(settings, survey, translation, summary, quiet: bool, reuse) -> int:
    # Everything is local by now: make sure no library reaches for the network behind our back.
    os.environ["HF_HUB_OFFLINE"] = "1"
    from translate.devices import DeviceError
    from translate.engines.hf import ModelLoadError
    from translate.loading import quiet_transformers
    from translate.outdir import OutputBusy
    from translate.pipeline import write_manifest

    quiet_transformers()
    try:
        report, (infos, placement, record_settings, backends) = _translate(settings, survey.inputs, translation,
                                                                           summary, reuse)
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
    write_manifest(settings, report, infos, placement, record_settings, backends, survey.left_out,
                   reuse=reuse.describe())
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


def _translate(settings: RunSettings, inputs, translation, summary, reuse):
    """Run the pipeline here (with the memories and glossary opened once, `reuse`) or on Ray (each actor opens
    its own from the settings): the report, and the models, device, record settings and backends."""
    if settings.engine == "ray":
        from translate.rayrun import run_on_ray

        report, described = run_on_ray(settings, inputs, translation, summary)
        for note in described[-1].get("notes", ()):  # the actors' loading, told here as a local run tells it
            log.warning("%s", note)
        return report, described
    from translate.loading import load_models
    from translate.pipeline import Pipeline, output_lock

    with output_lock(settings):  # before loading: a busy folder is said within a second, not after 30 s of loading
        loaded = load_models(settings, translation, summary)
        for note in loaded.notes:
            log.warning("%s", note)
        pipeline = Pipeline(settings, loaded.engine, loaded.summarizer, loaded.infos, loaded.record_settings,
                            reuse)
        report = pipeline.run(inputs, locked=True)
    return report, (loaded.infos, *loaded.described())


def _count(number: int, noun: str) -> str:
    """'1 article', '2 articles'."""
    return f"{number} {noun}{'s' * (number != 1)}"


def _stopped(report) -> str:
    if report.interrupted:
        return "interrupted after "
    return "a model failed after " if report.failure else ""


def _closing_line(report, output: Path) -> None:
    written = sum(a.status == "ok" for a in report.articles)
    unchanged = sum(a.status == "unchanged" for a in report.articles)
    rate = report.sentences / report.seconds if report.seconds else 0.0
    log.info("%s%s: %d written, %d unchanged, %d failed; %s in %.1f s, %.1f sentences/s; output in %s",
             _stopped(report), _count(len(report.articles), "article"), written, unchanged, len(report.failed),
             _count(report.sentences, "sentence"), report.seconds, rate, output)


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
            rows = models.list_models(lock)
            for row in rows:
                where = row["path"] if row["available"] else f"not cached: translate models fetch {row['role']}"
                confirmed = "" if row["confirmed"] else " (revision unconfirmed)"
                print(f"{row['role']:<12} {row['name']:<32} {row['revision'][:12]}{confirmed}  {where}")
            if not all(row["confirmed"] for row in rows):
                print("unconfirmed: no source outside this repository has shown yet that the hub holds this "
                      "commit; `translate models fetch ROLE` checks it against the hub (and fails, naming the "
                      "revision, if it is not there). A confirmed fetch is recorded in the cache, not in models.lock.")
            return EXIT_OK
        if args.action == "fetch":
            for line in models.fetch(lock, args.roles or None):
                print(line)
            return EXIT_OK
        results = models.verify(lock, args.roles or None)
    except models.ModelError as error:
        log.error("%s", error)
        return EXIT_UNAVAILABLE
    for _path, ok, message in results:
        print(("ok      " if ok else "FAILED  ") + message)
    return EXIT_OK if all(ok for _path, ok, _message in results) else EXIT_UNAVAILABLE


def _review(folder: Path, report: Path | None, low_score: float, page_sentences: int) -> int:
    from translate.outputs import FolderError
    from translate.review import ReviewSettings, build_report

    if page_sentences < 1:
        log.error("--page-sentences %d: give a number from 1", page_sentences)
        return EXIT_USAGE
    settings = ReviewSettings(folder, report, low_score, page_sentences)
    try:
        result = build_report(settings)
    except FolderError as error:
        log.error("%s", error)
        return EXIT_USAGE
    except OSError as error:  # the report itself: folder not creatable, not writable, disk full
        log.error("%s: cannot write the report (%s); choose another folder with -o", settings.report_dir, error)
        return EXIT_USAGE
    counts = result.counts
    log.info("review of %s (%s, %d flagged, %d low score, %d unreadable) in %s (%s)",
             _count(result.articles, "article"), _count(counts.sentences, "sentence"), counts.flagged, counts.low,
             len(result.unreadable), result.report, _count(result.pages, "page"))
    return EXIT_ARTICLES_FAILED if result.unreadable else EXIT_OK


def _export(folder: Path, fmt: str, output: Path | None, only: str | None = None) -> int:
    from translate.exchange import export
    from translate.outputs import FolderError
    from translate.pyarrowload import PyarrowMissing

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
        log.info("%s, %s, %s skipped: %s", _count(report.articles, "article"), _count(report.pairs, "sentence pair"),
                 _count(len(report.skipped), "file"), report.output)
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
    log.info("%s applied, %d already there, %d refused; %s written in %s", _count(report.applied, "correction"),
             report.unchanged, len(report.refused), _count(len(report.written), "article file"), target or output)
    return EXIT_ARTICLES_FAILED if report.refused else EXIT_OK
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
    log.info("%s checked: %s", _count(result.rows, "row"), counts)
    return EXIT_ARTICLES_FAILED if result.skipped else EXIT_OK
