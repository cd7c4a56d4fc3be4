"""`translate run --engine ray`: the local pipeline's windows, translated by a pool of Ray actors.

1. Ray tasks read every input file and count its sentences (ray.data map). From the counts the
   driver forms exactly the windows of a local run (`sentence_windows`), reports unreadable files,
   and notes which output files are already complete.
2. Each window is shipped whole to an actor that holds the models (ray.data map with an
   ActorPoolStrategy); it reads and segments the window's articles and runs `translate_window`, the
   local run's own code, so every token batch is formed, and computed, exactly as in a local run.
   Only the windows run side by side: the files are byte-identical to a local run's.
3. The driver writes the files (`write_files`), runs the consistency pass over them once all windows are
   written (translate/consistency.py) and writes the manifest, as a local run does.

Inputs and model folders must be readable at the same paths on every node (a shared folder); the
output folder is written by the driver only.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from translate.articles import ArticleError, InputFile
from translate.batching import sentence_windows
from translate.failures import ModelFailed
from translate.loading import model_infos
from translate.outdir import as_run_wrote_it, is_complete, is_reviewed, keeps_review
from translate.pipeline import (
    ArticleOutcome,
    Pipeline,
    RunReport,
    RunSettings,
    article_path,
    check_consistency,
    count_sentences,
    output_lock,
    owns_window,
    report_failure,
    start_report,
    write_files,
)
from translate.recordfiles import input_from_row, input_row, read_input
from translate.records import dumps

log = logging.getLogger(__name__)

# Files read per Ray task in the counting stage: enough to outweigh a task's overhead.
FILES_PER_TASK = 64


def run_on_ray(settings: RunSettings, inputs: list[InputFile], translation, summary):
    """Translate the inputs on Ray; the report, and the models, device and record settings for the manifest."""
    report = start_report(inputs)
    started = time.perf_counter()
    described = ({}, None, {})  # the device, record settings and backends, as the actors report them
    with output_lock(settings):
        started_ray = _start_ray(settings)
        try:
            described = _run(settings, inputs, translation, summary, report) or described
            if not report.failure:  # all windows written: the consistency pass, on the driver, as a local run's
                check_consistency(settings, report)
        except KeyboardInterrupt:
            report.interrupted = True
        finally:
            report.seconds = time.perf_counter() - started
            if started_ray:
                import ray

                ray.shutdown()
    order = {item.id: i for i, item in enumerate(inputs)}
    report.articles.sort(key=lambda article: order[article.id])
    return report, (model_infos(translation, summary), *described)


def _start_ray(settings: RunSettings) -> bool:
    """Join the cluster at --address, or start a quiet local Ray; False when this process already had Ray."""
    import ray

    _quiet_ray(settings.progress)
    if ray.is_initialized():
        return False
    ray.init(address=settings.ray_address, include_dashboard=False, log_to_driver=False,
             logging_level=logging.WARNING, configure_logging=False)
    return True


def _quiet_ray(progress: bool) -> None:
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = progress and sys.stderr.isatty()
    context.print_on_execution_start = False
    for name in ("ray", "ray.data"):  # Ray Data's notices (progress bars off, execution plans) are noise here
        logging.getLogger(name).setLevel(logging.ERROR)


def _run(settings: RunSettings, inputs: list[InputFile], translation, summary, report: RunReport):
    """Count, form and ship the windows; write what comes back. Returns what the actors say about the models."""
    counts = _count(settings, inputs)
    for index, count in enumerate(counts):
        if isinstance(count, str):
            report_failure(report, inputs[index], count, settings.shard)
    readable = ((item, count) for item, count in zip(inputs, counts, strict=True) if isinstance(count, int))
    windows = [(index, window) for index, window in enumerate(sentence_windows(readable, settings.window_sentences))
               if owns_window(settings.shard, index)]
    if not windows:
        return None
    described = None
    for row in _translate(settings, windows, translation, summary).iter_rows():
        result = json.loads(row["result"])
        if "error" in result:
            kind, message = result["error"]
            if kind == "ModelFailed":  # as in a local run: the windows written so far stay, the run stops
                report.failure = message
                break
            raise _load_error(kind, message)
        refused = write_files(settings.output, result["files"])  # a place inside OUT refused: that article failed
        for article_id in result.get("kept", []):  # reviewed files a run keeps: keeps_review says so
            keeps_review(article_path(settings.output, article_id))
        report.articles.extend(ArticleOutcome(**outcome | ({"status": "failed", "reason": refused[outcome["id"]]}
                                                           if outcome["id"] in refused else {}))
                               for outcome in result["outcomes"])
        described = tuple(result["described"])
    return described


def _load_error(kind: str, message: str) -> Exception:
    """An actor's DeviceError or ModelLoadError, raised again here so the CLI reports it as a local run does."""
    from translate.devices import DeviceError
    from translate.engines.hf import ModelLoadError

    return DeviceError(message) if kind == "DeviceError" else ModelLoadError(message)


# --- stage 1: read and count, in Ray tasks ----------------------------------------------------------

def _count(settings: RunSettings, inputs: list[InputFile]) -> list[int | str]:
    """Each input's sentence count, or the message saying why it cannot be read, in input order."""
    import ray.data

    rows = [{"index": i, "input": json.dumps(input_row(item))} for i, item in enumerate(inputs)]
    dataset = ray.data.from_items(rows, override_num_blocks=max(1, len(rows) // FILES_PER_TASK))
    dataset = dataset.map(_count_row, fn_kwargs={"cwd": os.getcwd(), "encoding": settings.encoding,
                                                 "max_bytes": settings.max_article_bytes})
    counts: list[int | str] = [0] * len(rows)
    for row in dataset.iter_rows():
        counts[row["index"]] = row["error"] or row["count"]
    return counts


def _count_row(row: dict, cwd: str, encoding: str, max_bytes: int) -> dict:
    _enter(cwd)
    try:
        article = read_input(input_from_row(json.loads(row["input"])), encoding, max_bytes)
    except ArticleError as error:
        return {"index": row["index"], "count": 0, "error": str(error)}
    return {"index": row["index"], "count": count_sentences(article), "error": ""}


def _enter(cwd: str) -> None:
    """Work in the driver's folder, so relative paths, and the `source` the records show, are the driver's."""
    if os.getcwd() != cwd and os.path.isdir(cwd):
        os.chdir(cwd)


# --- stage 2: windows on the actor pool ---------------------------------------------------------------

def _translate(settings: RunSettings, windows: list[tuple[int, list[InputFile]]], translation, summary):
    import ray.data

    actors, cpus, gpus = actor_pool(settings)
    rows = [{"window": index, "payload": _payload(settings, window)} for index, window in windows]
    # One window per block, so each is a task of its own that any idle actor can take.
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
    compute = ray.data.ActorPoolStrategy(size=min(actors, len(rows)), max_tasks_in_flight_per_actor=1)
    options = {"settings": replace(settings, threads=settings.threads or max(1, int(cpus)), progress=False),
               "translation": translation, "summary": summary, "cwd": os.getcwd()}
    return dataset.map(WindowWorker, compute=compute, fn_constructor_kwargs=options, num_cpus=cpus, num_gpus=gpus)


def actor_pool(settings: RunSettings) -> tuple[int, float, float]:
    """(actors, CPUs per actor, GPUs per actor): one actor per GPU, else one per 2 CPUs, each with its share."""
    import ray

    resources = ray.cluster_resources()
    cpus, gpus = int(resources.get("CPU", 1)), int(resources.get("GPU", 0))
    if settings.device.startswith("cuda") and not gpus:
        from translate.devices import DeviceError

        raise DeviceError(f"--device {settings.device}: the Ray cluster has no GPUs; use --device cpu or auto")
    if gpus and settings.device != "cpu":
        actors = settings.actors or gpus
        return actors, max(1, cpus // actors), 1
    actors = settings.actors or max(1, cpus // 2)
    return actors, max(1, cpus // actors), 0


def _payload(settings: RunSettings, window: list[InputFile]) -> str:
    """The window's inputs, with the header line of each complete output file (a rerun skips those)."""
    existing = [None if settings.force else complete_header(article_path(settings.output, item.id))
                for item in window]
    reviewed = [not settings.force and is_reviewed(article_path(settings.output, item.id)) for item in window]
    return json.dumps({"items": [input_row(item) for item in window], "existing": existing, "reviewed": reviewed})


def complete_header(path: Path) -> str | None:
    """The first line of a complete article file, or None: equal to a new header exactly when is_complete is."""
    try:
        with path.open(encoding="utf-8") as file:
            first = as_run_wrote_it(file.readline().rstrip("\n"))  # a review does not make a file out of date
        return first if first and is_complete(path, first) else None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None


class WindowWorker:
    """A Ray actor: loads the models once, then translates whole windows with the local pipeline's code."""

    def __init__(self, settings: RunSettings, translation, summary, cwd: str):
        _enter(cwd)
        os.environ["HF_HUB_OFFLINE"] = "1"
        from translate.devices import DeviceError
        from translate.engines.hf import ModelLoadError
        from translate.loading import load_models, quiet_transformers

        quiet_transformers()
        self.settings = settings
        self.error = None
        try:
            loaded = load_models(settings, translation, summary)
        except (DeviceError, ModelLoadError) as error:  # told to the driver, not a dead actor Ray would retry
            self.error = ["DeviceError" if isinstance(error, DeviceError) else "ModelLoadError", str(error)]
            return
        self.pipeline = Pipeline(settings, loaded.engine, loaded.summarizer, loaded.infos, loaded.record_settings)
        self.described = list(loaded.described())

    def __call__(self, row: dict) -> dict:
        if self.error:
            return {"window": row["window"], "result": json.dumps({"error": self.error})}
        payload = json.loads(row["payload"])
        window, failed = [], []
        reviewed = {entry[1] for entry, flag in zip(payload["items"], payload["reviewed"], strict=True) if flag}
        for entry, existing in zip(payload["items"], payload["existing"], strict=True):
            item = input_from_row(entry)
            try:
                article = read_input(item, self.settings.encoding, self.settings.max_article_bytes)
            except ArticleError as error:  # changed since it was counted: report it, translate the rest
                failed.append(ArticleOutcome(item.id, str(item.path), "failed", str(error)))
                continue
            window.append((self.pipeline.segment(article), existing))
        stale = {s.article.id for s, existing in window if existing != dumps(s.header)}
        kept = stale & reviewed  # a run keeps reviewed files (keeps_review on the driver says so)
        try:
            result = self.pipeline.translate_window([s for s, _existing in window], stale.difference(kept))
        except ModelFailed as failure:  # told to the driver, which stops the run as a local run stops
            return {"window": row["window"], "result": json.dumps({"error": ["ModelFailed", str(failure)]})}
        outcomes = [asdict(outcome) for outcome in [*failed, *result.outcomes]]
        return {"window": row["window"], "result": json.dumps({"outcomes": outcomes, "files": result.files,
                                                               "described": self.described, "kept": sorted(kept)})}
