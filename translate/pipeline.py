"""Wiring the stages: read, split, translate in batches across articles, check, summarise, write."""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path

from translate import __version__, checks, qa
from translate.articles import MAX_ARTICLE_BYTES, Article, ArticleError, InputFile
from translate.batching import map_batched, sentence_windows
from translate.consistency import consistency_pass, manifest_groups
from translate.engines import Engine, Translation
from translate.failures import ModelFailed, failure_message
from translate.glossary import Glossary, Term, read_glossary
from translate.glossary import fingerprint as glossary_fingerprint
from translate.memory import Memory, article_fingerprint, memory_key
from translate.modeltext import model_text, restore_case
from translate.outdir import (
    OutputLock,
    article_path,
    is_complete,
    keeps_review,
    remove_stale_temporaries,
    remove_stale_temporary,
)
from translate.outfiles import UnsafeOutput, checked_folder
from translate.recordfiles import RecordFields, read_input
from translate.records import (
    ModelInfo,
    SentenceRecord,
    article_text,
    dumps,
    flagged,
    header_record,
    summary_record,
    write_atomic,
)
from translate.segment import counted_prefix, split_sentences, split_to_fit
from translate.shard import Shard, inputs_fingerprint

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSettings:
    """Everything a run is told; the defaults here are the ones `translate run --help` shows."""

    inputs: tuple[Path, ...] = (Path("seeds"),)
    output: Path = Path("out")
    translation_model: str = "translation"
    summary_model: str = "summary"
    summary: bool = True
    device: str = "auto"
    dtype: str = "auto"  # torch models: float32 on CPU, bf16/fp16 on CUDA when auto
    beams: int = 4
    batch_tokens: int | None = None  # padded source tokens per batch; CPU_BATCH_TOKENS or CUDA_BATCH_TOKENS
    backend: str = "auto"  # CTranslate2 where a model converts and runs here, else transformers (translate/loading.py)
    compute_type: str | None = None  # CTranslate2 only: int8 on CPU, bfloat16/float16 on CUDA when unset
    threads: int | None = None  # CPU threads for the model; the library's default when unset
    int8: bool = False  # transformers backend on CPU: dynamic int8 quantisation of the linear layers
    encoding: str = "utf-8"
    max_article_bytes: int = MAX_ARTICLE_BYTES
    fields: RecordFields = field(default_factory=RecordFields)  # --text-field etc.: which fields of record files
    force: bool = False
    # Output length bound per batch: ratio x the batch's longest input + margin tokens.
    length_ratio: float = 1.5
    length_margin: int = 10
    # Sentences read ahead across articles before translating, so batches are full and well sorted.
    window_sentences: int = 2048
    progress: bool = True
    shard: Shard | None = None  # --shard K/N: this run translates every N-th window (see translate/shard.py)
    engine: str = "local"  # "local", or "ray": windows translated by a pool of Ray actors (translate/rayrun.py)
    ray_address: str | None = None  # an existing Ray cluster; a local Ray instance when unset
    actors: int | None = None  # Ray actors holding the models; one per GPU, or one per 2 CPUs, when unset
    # --- translation memories and glossary (translate/memory.py, translate/glossary.py) ---
    memory: tuple[Path, ...] = ()  # --memory: exact matches reused without the model, near matches suggested
    memory_cache: Path | None = None  # --memory-cache: where memory indexes are kept; memory.default_cache() when unset
    glossary: Path | None = None  # --glossary: required English for Dutch terms, chosen from the n-best


# On CPU, beams x batch rows compete for two cores and a batch decodes to its longest member:
# 1,024 tokens measured 1.2x (transformers) and 1.9x (ctranslate2 int8) faster than 4,096.
CPU_BATCH_TOKENS = 1024
# On CUDA, bigger batches fill the device; not yet measured here (no GPU was lent).
CUDA_BATCH_TOKENS = 8192
# Hypotheses asked for a piece with glossary terms (more where --beams is higher): the glossary's choice.
GLOSSARY_HYPOTHESES = 4


@dataclass
class ArticleOutcome:
    id: str
    source: str
    status: str  # "ok" (written), "unchanged" (a complete file was already there) or "failed"
    reason: str | None = None
    paragraphs: int = 0
    sentences: int = 0
    flagged_sentences: int = 0
    seconds: float = 0.0
    memory_hits: int = 0  # sentences taken from a translation memory (--memory), not from the model
    glossary_hits: int = 0  # sentences with glossary terms whose English has every required term
    glossary_misses: int = 0  # sentences with glossary terms whose English misses one (flag `glossary`)


@dataclass
class RunReport:
    articles: list[ArticleOutcome] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    failure: str | None = None  # a model failed mid-run (failures.ModelFailed): the run stopped there
    inputs: int = 0  # input files found, all shards' included
    inputs_sha256: str = ""  # inputs_fingerprint of their ids: shards given the same inputs agree
    # The groups of the consistency pass (translate/consistency.py) for the manifest; None when it did not run
    # (a shard's run leaves it to merge-manifests; an interrupted or failed run skips it).
    inconsistent: list[dict] | None = None
    consistency_seconds: float | None = None

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [a for a in self.articles if a.status == "failed"]

    @property
    def sentences(self) -> int:
        return sum(a.sentences for a in self.articles if a.status == "ok")


@dataclass(frozen=True)
class Sentence:
    nl: str
    pieces: tuple[str, ...]  # what the model sees (modeltext.model_text of the sentence), or parts of it that fit
    flags: tuple[str, ...] = ()  # what is known before translating (split, not_dutch, markup, recased)
    recased: bool = False  # shown in sentence case: the English goes back to upper case
    memory: dict | None = None  # an exact memory match: {"en": …, "origin": {"memory": …, "id": …}}
    suggestion: dict | None = None  # the closest memory entry above the threshold, for the reviewer
    terms: tuple[Term, ...] = ()  # glossary terms in the Dutch


@dataclass(frozen=True)
class Segmented:
    article: Article
    paragraphs: tuple[tuple[Sentence, ...], ...]
    header: dict  # the header record the article's file will start with

    @property
    def sentences(self) -> list[Sentence]:
        return [s for paragraph in self.paragraphs for s in paragraph]


@dataclass(frozen=True)
class WindowResult:
    outcomes: list[ArticleOutcome]
    files: dict[str, str]  # article id -> the text of its file, for the articles to (re)write


@dataclass(frozen=True)
class PieceResult:
    translation: Translation | None  # None: passed through untranslated
    flags: tuple[str, ...]


def segment_article(article: Article, engine: Engine) -> tuple[tuple[Sentence, ...], ...]:
    """Split paragraphs into sentences, sentences too long for the model into pieces, and note input flags."""
    paragraphs = [split_sentences(p) for p in article.paragraphs]
    texts = [model_text(s) for p in paragraphs for s in p]
    limit = engine.max_input_tokens
    # A sentence far over the limit (a dump without punctuation) is counted on a prefix: counting it whole would
    # cost memory in proportion to it (segment.counted_prefix).
    counted = [counted_prefix(seen, limit) for seen, _recased in texts]
    shown, lengths = iter(zip(texts, counted, strict=True)), iter(engine.count_tokens(counted))

    def count(piece: str) -> int:
        return engine.count_tokens([piece])[0]

    def sentence(text: str, dutch: bool | None) -> Sentence:
        (seen, recased), prefix = next(shown)
        flags = ("not_dutch",) * (dutch is False) + ("markup",) * checks.has_markup(text) + ("recased",) * recased
        if next(lengths) <= limit and (prefix is seen or count(seen) <= limit):
            return Sentence(text, (seen,), flags, recased)
        pieces = split_to_fit(seen, count, limit)
        return Sentence(text, tuple(piece.strip() for piece in pieces), ("split", *flags), recased)

    dutch = [checks.looks_dutch(p) for p in article.paragraphs]  # once per paragraph: short sentences say little
    return tuple(tuple(sentence(s, is_dutch) for s in sentences)
                 for is_dutch, sentences in zip(dutch, paragraphs, strict=True))


def output_problems(source: str, output: str) -> tuple[str, ...]:
    """What looks wrong with one model output, as flag names."""
    if not output:
        return ("empty",)
    found = [("repetition", checks.repetition(output)), ("length_ratio", checks.length_ratio_off(source, output)),
             ("copied", checks.copied(source, output))]
    return tuple(name for name, present in found if present)


def paragraph_records(paragraph: tuple[Sentence, ...], results: Iterator[PieceResult],
                      glossary: Glossary | None = None, said: deque[str] | None = None) -> list[SentenceRecord]:
    """The records of a paragraph's sentences, each taking its pieces' results from `results` in order (a sentence
    taken from a memory takes none); each checked after the sentences before it (a quotation may span sentences
    of a paragraph) and after the article's English so far (`said`, qa.article_window, which this extends)."""
    records: list[SentenceRecord] = []
    before: list[tuple[str, str]] = []  # the part of the paragraph so far that the checks need (qa.quotation_window)
    said = qa.article_window() if said is None else said
    for sentence in paragraph:
        if sentence.memory:
            records.append(memory_record(sentence, before, said))
        else:
            records.append(sentence_record(sentence, [next(results) for _ in sentence.pieces], before, glossary,
                                           said))
        before = qa.quotation_window(before, records[-1].nl, records[-1].en)
        said.append(records[-1].en)
    return records


def article_records(paragraphs: tuple[tuple[Sentence, ...], ...], results: Iterator[PieceResult],
                    glossary: Glossary | None = None) -> list[list[SentenceRecord]]:
    """The records of an article's paragraphs (paragraph_records), each checked after the article's English so
    far: a name its English refers to again by a pronoun or a description was named there."""
    said = qa.article_window()
    return [paragraph_records(paragraph, results, glossary, said) for paragraph in paragraphs]


def sentence_record(sentence: Sentence, results: list[PieceResult], before: list[tuple[str, str]] | None = None,
                    glossary: Glossary | None = None, said: Sequence[str] = ()) -> SentenceRecord:
    """Join the pieces' English; the score is their mean per output token, weighted by length. A translated
    sentence gets the bilingual checks (numbers, names, punctuation): their flags after the others, with details;
    `before` holds the paragraph's earlier sentences (Dutch, English), `said` the article's English before it."""
    translated = [r.translation for r in results if r.translation]
    tokens = sum(t.tokens for t in translated)
    score = round(sum(t.score * t.tokens for t in translated) / tokens, 4) if tokens else None
    # What passes through untranslated is copied as written, not as the model would have been shown it.
    copies = (sentence.nl,) if len(sentence.pieces) == 1 else sentence.pieces
    english = " ".join(r.translation.text if r.translation else piece
                       for r, piece in zip(results, copies, strict=True)).strip()
    english = " ".join(english.split())
    english = restore_case(english) if sentence.recased else english
    findings = sentence_findings(sentence, english, before, said) if score is not None else {}
    if glossary and sentence.terms and score is not None and (missing := glossary.missing(sentence.terms, english)):
        findings["glossary"] = "missing: " + "; ".join(map(str, missing))
    flags = dict.fromkeys([*sentence.flags, *(flag for r in results for flag in r.flags), *findings])
    return SentenceRecord(sentence.nl, english, score, tuple(flags), tuple(findings.items()),
                          suggestion=sentence.suggestion if score is not None else None)


def sentence_findings(sentence: Sentence, english: str, before: list[tuple[str, str]] | None = None,
                      said: Sequence[str] = ()) -> dict:
    """The bilingual checks on a sentence and its English, after the paragraph's sentences `before` and the
    article's English `said`; the glossary's terms found in the sentence are renderings the names check knows."""
    known = [(term.nl, term.en) for term in sentence.terms]
    return qa.sentence_findings(sentence.nl, english, before=before or (), known=known, earlier=said)


def memory_record(sentence: Sentence, before: list[tuple[str, str]] | None = None,
                  said: Sequence[str] = ()) -> SentenceRecord:
    """A sentence whose English comes from a translation memory: flagged `memory` (informational), with its
    origin; the output and bilingual checks run on it as on the model's English."""
    english = sentence.memory["en"]
    findings = sentence_findings(sentence, english, before, said)
    kept = [flag for flag in sentence.flags if flag not in ("split", "recased")]  # the model saw nothing
    flags = dict.fromkeys([*kept, "memory", *output_problems(sentence.nl, english), *findings])
    return SentenceRecord(sentence.nl, english, None, tuple(flags), tuple(findings.items()),
                          origin=sentence.memory["origin"])


def reuse(paragraphs: tuple[tuple[Sentence, ...], ...], memory: Memory | None,
          glossary: Glossary | None) -> tuple[tuple[tuple[Sentence, ...], ...], dict]:
    """The sentences with their memory matches, suggestions and glossary terms, and what the article's header
    records of them: fingerprints of exactly what it used, so a changed memory or glossary redoes only the
    articles it touches (an article that uses neither keeps the header of a run without them)."""
    uses, terms, annotated = [], {}, []
    for paragraph in paragraphs:
        sentences = []
        for sentence in paragraph:
            found = glossary.found(sentence.nl) if glossary else ()
            terms.update(dict.fromkeys(found))
            looked_up = memory is not None and checks.needs_translation(sentence.nl)
            exact = memory.exact(sentence.nl) if looked_up else None
            near = memory.near(sentence.nl) if looked_up and not exact else None
            key = memory_key(sentence.nl)
            if exact:
                uses.append([key, "memory", {"en": exact.en, "status": exact.status, "origin": exact.origin}])
            if near:
                uses.append([key, "suggestion", near.fields()])
            sentences.append(replace(sentence, terms=found,
                                     memory={"en": exact.en, "origin": exact.origin} if exact else None,
                                     suggestion=near.fields() if near else None))
        annotated.append(tuple(sentences))
    recorded = ({"memory": article_fingerprint(uses)} if uses else {}) | (
        {"glossary": glossary_fingerprint(list(terms))} if terms else {})
    return tuple(annotated), recorded


@dataclass(frozen=True)
class Reuse:
    """A run's translation memories and glossary, opened once: the indexes are built (or found in the cache) and
    the glossary read before any model loads."""

    memory: Memory | None = None
    glossary: Glossary | None = None

    @classmethod
    def open(cls, settings: RunSettings) -> Reuse:
        """MemoryError or GlossaryError (one line naming the file) when one cannot be read."""
        return cls(Memory.open(settings.memory, settings.memory_cache) if settings.memory else None,
                   read_glossary(settings.glossary) if settings.glossary else None)

    def describe(self) -> dict:
        """What the manifest records: each memory and the glossary with its fingerprint."""
        return ({"memory": self.memory.describe()} if self.memory else {}) | (
            {"glossary": self.glossary.describe()} if self.glossary else {})


class Pipeline:
    def __init__(self, settings: RunSettings, engine: Engine, summarizer, models: dict[str, ModelInfo | None],
                 record_settings: dict, reuse: Reuse | None = None):
        """`reuse`: the memories and glossary as the caller opened them (opened here from the settings if not)."""
        self.settings = settings
        self.engine = engine
        self.summarizer = summarizer
        self.models = models
        self.record_settings = record_settings
        self.batch_tokens = record_settings.get("batch_tokens") or settings.batch_tokens or CPU_BATCH_TOKENS
        self.bars = _Bars(settings.progress)
        self.calls = 0  # model calls (batches) so far, so a failure can say which one
        reuse = reuse if reuse is not None else Reuse.open(settings)
        self.memory, self.glossary = reuse.memory, reuse.glossary
        # Pieces with glossary terms are decoded n-best: this many hypotheses (and at least as many beams).
        self.hypotheses = max(settings.beams, GLOSSARY_HYPOTHESES)

    def run(self, inputs: list[InputFile], locked: bool = False) -> RunReport:
        """Translate every input into the output folder, holding its lock (`locked`: the caller holds it already);
        Ctrl-C stops cleanly between files."""
        report = start_report(inputs)
        started = time.perf_counter()
        with nullcontext() if locked else output_lock(self.settings):
            try:
                for window in self._windows(inputs, report):
                    report.articles.extend(self._process(window))
                check_consistency(self.settings, report)  # not reached when the run stops early
            except KeyboardInterrupt:
                report.interrupted = True
            except ModelFailed as failure:  # the window it failed in is not written; earlier ones are
                report.failure = str(failure)
            finally:
                self.bars.close()
                report.seconds = time.perf_counter() - started
        return report

    def _windows(self, inputs: list[InputFile], report: RunReport) -> Iterator[list[Segmented]]:
        """Read articles and group them until a window holds enough sentences; bad files are reported, not raised.

        Windows depend only on the inputs and settings, never on what an earlier run finished, so a
        resumed run batches (and therefore computes) every sentence exactly as an uninterrupted run.
        """
        articles = _counted_articles(inputs, self.settings, report)
        for index, window in enumerate(sentence_windows(articles, self.settings.window_sentences)):
            if owns_window(self.settings.shard, index):
                yield [self.segment(article) for article in window]

    def segment(self, article: Article) -> Segmented:
        paragraphs = segment_article(article, self.engine)
        recorded = {}
        if self.memory or self.glossary:
            paragraphs, recorded = reuse(paragraphs, self.memory, self.glossary)
        header = header_record(article, len(paragraphs), sum(map(len, paragraphs)), self.models,
                               self.record_settings | recorded)
        return Segmented(article, paragraphs, header)

    def _process(self, window: list[Segmented]) -> list[ArticleOutcome]:
        """Translate and write a window; a window whose files are all complete already is skipped."""
        todo = {s.article.id for s in window if self.settings.force or not self._complete(s)}
        result = self.translate_window(window, todo)
        refused = write_files(self.settings.output, result.files)
        return [replace(o, status="failed", reason=refused[o.id]) if o.id in refused else o for o in result.outcomes]

    def translate_window(self, window: list[Segmented], todo: set[str]) -> WindowResult:
        """The files of the window's articles in `todo`, and every article's outcome; nothing to do, nothing run.

        A window with any article to do is translated whole, so its batches are those of a full run.
        """
        if not todo:
            return WindowResult([_outcome(s, "unchanged", 0.0) for s in window], {})
        started = time.perf_counter()
        self.bars.add("sentences", sum(len(s.pieces) for w in window for s in w.sentences if not s.memory))
        translated = self._translate(window)
        summaries = self._summarise(translated) if self.summarizer else [None] * len(window)
        files = {s.article.id: article_text(s.header, paragraphs, summary, s.article.title)
                 for s, paragraphs, summary in zip(window, translated, summaries, strict=True) if s.article.id in todo}
        seconds = time.perf_counter() - started
        total = sum(len(s.sentences) for s in window) or 1
        outcomes = [_outcome(s, "ok" if s.article.id in todo else "unchanged", seconds * len(s.sentences) / total,
                             records)
                    for s, records in zip(window, translated, strict=True)]
        return WindowResult(outcomes, files)

    def _complete(self, segmented: Segmented) -> bool:
        path = article_path(self.settings.output, segmented.article.id)
        return is_complete(path, dumps(segmented.header)) or keeps_review(path)

    def _translate(self, window: list[Segmented]) -> list[list[list[SentenceRecord]]]:
        """Translate every piece of the window in one length-sorted stream, then regroup per article; a sentence
        with an exact memory match is not shown to the model."""
        pieces = [piece for s in window for sentence in s.sentences if not sentence.memory
                  for piece in sentence.pieces]
        results = iter(self._translate_pieces(pieces))
        return [article_records(s.paragraphs, results, self.glossary) for s in window]

    def _translate_pieces(self, pieces: list[str]) -> list[PieceResult]:
        """Translate what has words to translate; retry broken-looking outputs once with strict decoding.

        Identical pieces of a window (the exact text the model sees) are translated once and the result reused:
        boilerplate and datelines get one translation within a window by construction, and cost one model call.
        Windows are the same in local, sharded and Ray runs, so this keeps their files byte-identical.
        """
        results = {piece: PieceResult(None, ("passthrough",)) for piece in pieces}
        wanted = [piece for piece in results if checks.needs_translation(piece)]
        self.bars.done("sentences", len(pieces) - len(wanted))
        first = self._decode(wanted, strict=False, progress=True)
        problems = {piece: output_problems(piece, t.text) for piece, t in zip(wanted, first, strict=True)}
        retry = [piece for piece in wanted if problems[piece]]
        second = dict(zip(retry, self._decode(retry, strict=True), strict=True))
        for piece, translation in zip(wanted, first, strict=True):
            results[piece] = PieceResult(translation, problems[piece])
            if piece in second:
                results[piece] = _better(results[piece], PieceResult(second[piece],
                                                                     output_problems(piece, second[piece].text)))
        return [results[piece] for piece in pieces]

    def _decode(self, texts: list[str], strict: bool, progress: bool = False) -> list[Translation]:
        """One translation per text; a text with glossary terms is decoded n-best and the best hypothesis holding
        every required English kept (translate/glossary.py), the plain best where none does."""
        terms = {text: found for text in texts if (found := self.glossary.found(text))} if self.glossary else {}
        plain = [text for text in texts if text not in terms]
        chosen = dict(zip(plain, self._batched(plain, strict, progress), strict=True))
        needing = list(terms)
        for text, hypotheses in zip(needing, self._batched(needing, strict, progress, self.hypotheses), strict=True):
            chosen[text] = next((h for h in hypotheses if not self.glossary.missing(terms[text], h.text)),
                                hypotheses[0])
        return [chosen[text] for text in texts]

    def _batched(self, texts: list[str], strict: bool, progress: bool = False, hypotheses: int = 1) -> list:
        """Translations of `texts` in token-budget batches; with `hypotheses` > 1, a list of them per text."""
        lengths = self.engine.count_tokens(texts) if texts else []
        translate = (partial(self.engine.translate, strict=strict) if hypotheses == 1 else
                     partial(self.engine.translate_nbest, hypotheses=hypotheses, strict=strict))
        return map_batched(texts, lengths, self.batch_tokens,
                           lambda batch: self._call("translation", translate, batch),
                           on_batch=partial(self.bars.done, "sentences") if progress else None)

    def _call(self, role: str, function, batch: list[str]):
        """One model call; whatever it raises (but Ctrl-C) becomes a ModelFailed that names the batch."""
        self.calls += 1
        try:
            return function(batch)
        except Exception as error:
            model = self.engine if role == "translation" else self.summarizer.model
            raise ModelFailed(failure_message(role, model.backend, self.calls, batch, error)) from error

    def _summarise(self, translated: list[list[list[SentenceRecord]]]) -> list[dict]:
        english = [[s.en for paragraph in article for s in paragraph] for article in translated]
        self.bars.add("summaries", len(english))
        texts = self.summarizer.summarize(english, on_done=partial(self.bars.done, "summaries"),
                                          call=partial(self._call, "summary"))
        dutch = [[s.nl for paragraph in article for s in paragraph] for article in translated]
        return [summary_record(summary.text, self.models["summary"].name,
                               qa.summary_findings(summary.text, nl, en) if summary.text else {}, summary.skipped)
                for summary, nl, en in zip(texts, dutch, english, strict=True)]


def start_report(inputs: list[InputFile]) -> RunReport:
    return RunReport(inputs=len(inputs), inputs_sha256=inputs_fingerprint(item.id for item in inputs))


@contextmanager
def output_lock(settings: RunSettings) -> Iterator[OutputLock]:
    """Hold the output folder's lock; a run with the folder to itself first clears what killed runs left there."""
    with OutputLock(settings.output, settings.shard.lock_name if settings.shard else None) as lock:
        if lock.exclusive:
            remove_stale_temporaries(settings.output)
        yield lock


def owns_window(shard: Shard | None, index: int) -> bool:
    return shard is None or shard.owns_window(index)


def count_sentences(article: Article) -> int:
    """The article's sentence count, as segment_article would give it, without asking the model anything."""
    return sum(len(split_sentences(paragraph)) for paragraph in article.paragraphs)


def _counted_articles(inputs: list[InputFile], settings: RunSettings, report: RunReport):
    """Each readable article with its sentence count; a file that cannot be read is reported, not raised."""
    for item in inputs:
        try:
            article = read_input(item, settings.encoding, settings.max_article_bytes)
        except ArticleError as error:
            report_failure(report, item, str(error), settings.shard)
            continue
        yield article, count_sentences(article)


def report_failure(report: RunReport, item: InputFile, error: str, shard: Shard | None) -> None:
    """Log and record a file that cannot be read; in a sharded run only the shard its id hashes to does."""
    if shard is None or shard.owns_article(item.id):
        log.error("%s", error)
        report.articles.append(ArticleOutcome(item.id, str(item.path), "failed", error))


def check_consistency(settings: RunSettings, report: RunReport) -> None:
    """After the last window: flag the same Dutch translated differently anywhere in the run (translate/consistency.py).

    A shard cannot see the other shards' files: `translate merge-manifests` runs the pass once all are there.
    """
    if settings.shard is not None:
        return
    started = time.perf_counter()
    result = consistency_pass(settings.output, [a.id for a in report.articles if a.status in ("ok", "unchanged")])
    for article in report.articles:  # the pass adds and removes flags: the manifest counts what the files hold
        article.flagged_sentences = result.flagged.get(article.id, article.flagged_sentences)
    report.inconsistent = manifest_groups(result.groups)
    report.consistency_seconds = round(time.perf_counter() - started, 3)


def write_files(output: Path, files: dict[str, str]) -> dict[str, str]:
    """Write each article's file atomically; this run owns these articles, so their leftovers are stale.
    An article whose path inside the folder is unsafe (a planted symbolic link) is not written: its id -> why."""
    refused = {}
    for article_id, text in files.items():
        path = article_path(output, article_id)
        try:
            checked_folder(output, path.parent)
            remove_stale_temporary(path)
            write_atomic(path, text, inside=output)
        except UnsafeOutput as error:
            log.error("%s", error.strerror)
            refused[article_id] = error.strerror
    return refused


def _better(first: PieceResult, second: PieceResult) -> PieceResult:
    """Keep the try with fewer problems, then the higher score; a retried output says so."""
    def key(result: PieceResult) -> tuple[int, float]:
        return (len(result.flags), -result.translation.score)

    best = min(first, second, key=key)
    return PieceResult(best.translation, ("retried", *best.flags))


def _outcome(segmented: Segmented, status: str, seconds: float,
             records: list[list[SentenceRecord]] | None = None) -> ArticleOutcome:
    header = segmented.header
    sentences = [(r, s) for p, ps in zip(records or [], segmented.paragraphs, strict=False)
                 for r, s in zip(p, ps, strict=True)]
    with_terms = [r for r, s in sentences if s.terms and r.score is not None]
    misses = sum("glossary" in r.flags for r in with_terms)
    return ArticleOutcome(header["id"], header["source"], status, None, header["paragraphs"], header["sentences"],
                          sum(flagged(r.flags) for r, _s in sentences), round(seconds, 3),
                          sum("memory" in r.flags for r, _s in sentences), len(with_terms) - misses, misses)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM belongs to the process's own address space; getrusage's ru_maxrss survives fork
    and exec, so a process started by a large one (a bench parent, a Ray raylet) would report its
    parent's peak as its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_memory() -> dict:
    """Peak resident memory of this process, and of CUDA allocations where CUDA was used, in MB."""
    peak = {"rss_mb": round(peak_rss_mb(), 1)}
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available() and torch.cuda.is_initialized():
        peak["cuda_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
    return peak


def write_manifest(settings: RunSettings, report: RunReport, models: dict[str, ModelInfo | None],
                   placement: dict, record_settings: dict, backends: dict | None = None,
                   left_out: list[tuple[str, str]] = (), reuse: dict | None = None) -> Path:
    """OUT/manifest.json (a shard's: OUT/manifest.shard-K-of-N.json): what ran, on what, and how each article went.

    Timings are included, so it is not byte-stable.
    """
    manifest = {
        "tool": "translate", "version": __version__,
        "settings": {key: _jsonable(value) for key, value in asdict(settings).items() if key != "inputs"},
        "inputs": [str(path) for path in settings.inputs],
        # Files under the inputs that were not read, and why (our own output; kinds translate does not read).
        "left_out": [{"path": path, "reason": reason} for path, reason in left_out],
        "record_settings": record_settings,
        "models": {role: asdict(info) if info else None for role, info in models.items()},
        "device": placement,
        # The backend each model ran on, and why one did not run on the backend asked for (--backend auto).
        "backends": backends or {},
        "interrupted": report.interrupted,
        # Why the run stopped early when a model failed mid-run (exit 5); null when it did not.
        "failure": report.failure,
        "articles": [asdict(article) for article in report.articles],
        "totals": {"articles": len(report.articles), "failed": len(report.failed), "sentences": report.sentences,
                   "seconds": round(report.seconds, 3), "peak_memory": peak_memory(),
                   "consistency_seconds": report.consistency_seconds, **reuse_totals(report)},
        # Groups of the same Dutch translated differently in the run; null when the consistency pass did not run.
        "inconsistent": report.inconsistent,
        **(reuse or {}),  # the memories and glossary, each with its fingerprint (cli._open_reuse)
    }
    if settings.shard:  # a part for `translate merge-manifests`, which checks the shards saw the same inputs
        manifest["shard"] = {**asdict(settings.shard), "inputs": report.inputs, "inputs_sha256": report.inputs_sha256}
    path = settings.output / (settings.shard.manifest_name if settings.shard else "manifest.json")
    write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", inside=settings.output)
    return path


def _jsonable(value):
    if isinstance(value, Path):
        return str(value)
    return [_jsonable(item) for item in value] if isinstance(value, tuple) else value


def reuse_totals(report: RunReport) -> dict:
    """Sentences taken from memories and glossary hits and misses, over the articles written."""
    written = [a for a in report.articles if a.status == "ok"]
    return {name: sum(getattr(a, name) for a in written) for name in ("memory_hits", "glossary_hits",
                                                                       "glossary_misses")}


class _Bars:
    """tqdm bars over sentences and summaries, shown only on a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.bars: dict = {}

    def add(self, name: str, count: int) -> None:
        """Grow a bar's total as work is read, so the bar is right without reading everything first."""
        if not self.enabled:
            return
        if name not in self.bars:
            from tqdm import tqdm

            self.bars[name] = tqdm(total=0, unit=" " + name, desc=name, position=len(self.bars), dynamic_ncols=True)
        self.bars[name].total += count
        self.bars[name].refresh()

    def done(self, name: str, count: int) -> None:
        if name in self.bars:
            self.bars[name].update(count)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
