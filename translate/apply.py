"""`translate apply OUT REVIEW.json [-o OUT2]`: merge a reviewer's corrections into a run's article files.

A review file comes from the review page (`translate review`, its download button): one item per sentence or
summary the reviewer touched, holding the English it was made against ("original"), the new English, a
status and a comment. Applying one sets the record's `en` to the new English, keeps the machine's English as
`mt` and adds `review` ({status, comment}); the paragraph's `en` is rebuilt and the header gains `review`
(counts), which is how `translate run` knows to keep the file (see outdir.is_complete and keeps_review).
Where the English changed, the checks run again on it: `flags`/`details` describe the English now in `en`,
and the machine's are kept as `mt_flags`/`mt_details` (translate.qa.corrected).
Every other line of a file stays byte for byte what it was.

A review file is untrusted input. It is read only up to MAX_REVIEW_BYTES and only when its nesting is
shallow (checked before parsing), and an article id can only name an article file inside OUT: ids with
`..` parts or absolute ones, and paths that lead out of OUT through a symlink, are refused. A correction
made against an English the file no longer holds (the folder was re-run since) is refused, never applied
to other text. Each refusal is one line naming the review file, the item and the reason; the rest applies.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import re
import unicodedata
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath

from translate import qa, untrusted
from translate.outdir import OutputLock
from translate.outputs import ArticleFileError, FolderError, find_article_files, read_article
from translate.qa.corrected import follow_correction
from translate.records import REVIEW_STATUSES, dumps, write_atomic
from translate.userfiles import NotReadable, open_regular

log = logging.getLogger(__name__)

REVIEW_FORMAT = "translate-review"
REVIEW_VERSION = 1
# A page of 2,000 reviewed sentences downloads about 1 MB; 32 MB is room for a very large review.
MAX_REVIEW_BYTES = 32 * 2**20
# A review file is 5 levels deep: the object, its items, an item, a bulk item's sentences, one sentence.
MAX_DEPTH = 8
REDO = "make a new page with `translate review` and redo this correction there"


class ReviewFileError(Exception):
    """A review file that cannot be used at all; the message names the file and the problem."""


class ReviewNotFound(ReviewFileError):
    """No review file at the path given (or not a readable file): a usage error."""


class Refused(Exception):
    """One correction that is not applied; the message says why."""


@dataclass(frozen=True)
class Correction:
    number: int  # the item's position in the review file, from 1
    article: str
    paragraph: int | None  # None for the summary
    sentence: int | None
    nl: str | None  # the Dutch, for a sentence
    original: str  # the English the reviewer saw
    en: str  # the English the reviewer wants
    status: str
    comment: str

    @property
    def place(self) -> str:
        where = "summary" if self.paragraph is None else f"paragraph {self.paragraph}, sentence {self.sentence}"
        return f"item {self.number} (article {self.article!r}, {where})"


@dataclass(frozen=True)
class BulkApproval:
    """"Approve every unflagged sentence" of one article, as the review page downloads it: the sentences it covers
    (paragraph, sentence), a fingerprint of their Dutch and English when the page was made, and the sentences the
    reviewer decided otherwise since (their own items in the same review)."""

    number: int
    article: str
    sentences: tuple[tuple[int, int], ...]
    fingerprint: str
    exceptions: frozenset[tuple[int, int]]

    @property
    def place(self) -> str:
        return f"item {self.number} (article {self.article!r}, approval of {len(self.sentences)} unflagged sentences)"


@dataclass(frozen=True)
class ApplySettings:
    output: Path  # the run's folder
    review: Path  # the review file
    target: Path | None = None  # where to write (-o); the run's folder itself when None

    @property
    def destination(self) -> Path:
        return self.output if self.target is None else self.target


@dataclass
class ApplyReport:
    applied: int = 0  # corrections that changed a record
    unchanged: int = 0  # corrections already in the file (applying a review twice changes nothing)
    refusals: list[tuple[int, str]] = field(default_factory=list)  # (item number, the line saying why) per refusal
    written: list[Path] = field(default_factory=list)  # article files written

    @property
    def refused(self) -> list[str]:
        """One line per correction not applied, in the review file's order."""
        return [line for _number, line in sorted(self.refusals, key=lambda refusal: refusal[0])]


# ---------------------------------------------------------------- reading the review file


def load_review(path: Path) -> tuple[list[Correction], list[tuple[int, str]]]:
    """The review file's corrections, and (number, line) for each item that is not a valid correction.
    ReviewFileError when the file as a whole cannot be used (too large, too deep, not JSON, not a review)."""
    document = _parse(path, _read_capped(path))
    if not isinstance(document, dict) or document.get("format") != REVIEW_FORMAT:
        raise ReviewFileError(f"{path}: not a review file (a JSON object with \"format\": \"{REVIEW_FORMAT}\", "
                              "as the review page's download button writes it)")
    if document.get("version") != REVIEW_VERSION:
        raise ReviewFileError(f"{path}: review file version {document.get('version')!r}; this version of translate "
                              f"reads version {REVIEW_VERSION}")
    items = document.get("items")
    if not isinstance(items, list):
        raise ReviewFileError(f"{path}: 'items' should be a list of corrections, not {type(items).__name__}")
    corrections, problems = [], []
    for number, item in enumerate(items, 1):
        try:
            corrections.append(_correction(number, item))
        except Refused as error:
            problems.append((number, f"{path}: item {number}: {error}; not applied"))
    return corrections, problems


def _read_capped(path: Path) -> bytes:
    """At most MAX_REVIEW_BYTES + 1 bytes: a huge (or endless) file is refused without reading it all."""
    try:
        with open_regular(path, "the review file the review page downloaded") as handle:
            data = handle.read(MAX_REVIEW_BYTES + 1)
    except NotReadable as error:
        if error.errno == errno.ENOENT:
            raise ReviewNotFound(f"{path}: no such review file; give the file the review page downloaded") from None
        raise ReviewNotFound(str(error)) from None
    if len(data) > MAX_REVIEW_BYTES:
        raise ReviewFileError(f"{path}: larger than {MAX_REVIEW_BYTES // 2**20} MB, more than any review page "
                              "downloads; refused without reading it")
    return data


def _parse(path: Path, data: bytes) -> object:
    try:
        return untrusted.loads(data, max_depth=MAX_DEPTH)
    except untrusted.Untrusted as error:
        raise ReviewFileError(f"{path}: {error}; give the file the review page downloaded (download it again if "
                              "it was cut short)") from None


def _correction(number: int, item: object) -> Correction:
    if not isinstance(item, dict):
        raise Refused(f"should be an object, not {type(item).__name__}")
    kind = item.get("kind", "sentence")
    if kind == "bulk":
        return _bulk(number, item)
    if kind not in ("sentence", "summary"):
        raise Refused(f"'kind' should be sentence or summary (or bulk), not {kind!r}")
    status = _string(item, "status")
    if status not in REVIEW_STATUSES:
        raise Refused(f"'status' should be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
    sentence = kind == "sentence"
    english = normalise(_string(item, "en"))
    if not english:
        raise Refused("'en' is empty (or only spaces and control characters); write the English, or reject the "
                      "sentence with its English as it is")
    return Correction(number, _string(item, "article"), _index(item, "paragraph") if sentence else None,
                      _index(item, "sentence") if sentence else None, _string(item, "nl") if sentence else None,
                      _string(item, "original"), english, status,
                      _string(item, "comment") if "comment" in item else "")


def _bulk(number: int, item: dict) -> BulkApproval:
    if item.get("status") != "approved":
        raise Refused(f"a bulk item's 'status' should be approved, not {_short(item.get('status'))}")
    return BulkApproval(number, _string(item, "article"), _positions(item, "sentences"), _string(item, "fingerprint"),
                        frozenset(_positions(item, "except")) if "except" in item else frozenset())


def _positions(item: dict, key: str) -> tuple[tuple[int, int], ...]:
    value = item.get(key)
    if not isinstance(value, list) or not all(
            isinstance(pair, list) and len(pair) == 2 and all(type(n) is int and n >= 0 for n in pair)
            for pair in value):
        raise Refused(f"{key!r} should be a list of [paragraph, sentence] pairs, not {_short(value)}")
    return tuple((p, s) for p, s in value)


def _string(item: dict, key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise Refused(f"{key!r} should be a string, not {_short(value)}")
    return value


def _index(item: dict, key: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Refused(f"{key!r} should be a number from 0, not {_short(value)}")
    return value


def _short(value: object, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


# JavaScript's \s, so that the page (review.js) and apply agree character for character.
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def normalise(english: str) -> str:
    """One line, single spaces, as the pipeline writes English (the page does the same before saving): every
    control character (Unicode category Cc: tab, line feed, NUL, \\x1c, U+0085...) and line or paragraph
    separator (Zl, Zp: U+2028, U+2029) becomes a space, runs of whitespace become one space, the ends are trimmed."""
    spaced = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in english)
    return _SPACE.sub(" ", spaced).strip(" ")


# ---------------------------------------------------------------- finding the article file


def article_file(root: Path, article_id: str) -> Path:
    """OUT/<id>.jsonl for an article id from a review file; Refused when the id could name anything else."""
    parts = article_id.split("/")
    if (not article_id or "\0" in article_id or PurePosixPath(article_id).is_absolute()
            or any(part in ("", ".", "..") or part.startswith(".") for part in parts)):
        raise Refused(f"article id {article_id!r} is not one translate writes (an absolute path, or '.', '..' or "
                      "hidden parts) and could lead outside the folder; refused")
    path = root / f"{article_id}.jsonl"
    if not path.resolve().is_relative_to(root.resolve()):
        raise Refused(f"{path} leads outside {root} (through a symlink); refused, nothing written")
    if not path.is_file():
        raise Refused(f"no article file {path} for article id {article_id!r} (an unknown id: was the page made "
                      "from another folder?)")
    return path


# ---------------------------------------------------------------- applying


def apply_review(settings: ApplySettings) -> ApplyReport:
    """Apply every valid correction, file by file, holding the destination's lock (a run may not write
    meanwhile). With a target folder, the other article files (and manifest.json) are copied there unchanged."""
    corrections, problems = load_review(settings.review)
    report = ApplyReport(refusals=problems)
    sources = find_article_files(settings.output) if settings.target is not None else []
    with OutputLock(settings.destination):
        for article_id, group in _by_article(corrections):
            _apply_article(settings, article_id, group, report)
        _copy_rest(settings, sources, report)
    return report


def _by_article(corrections: list[Correction]) -> Iterator[tuple[str, list[Correction]]]:
    groups: dict[str, list[Correction]] = {}
    for correction in corrections:
        groups.setdefault(correction.article, []).append(correction)
    yield from groups.items()


def _apply_article(settings: ApplySettings, article_id: str, group: list[Correction], report: ApplyReport) -> None:
    try:
        path = article_file(settings.output, article_id)
        destination = _destination(settings, path)
        article = ArticleText.read(path, article_id)
    except Refused as error:
        report.refusals += [(c.number, f"{settings.review}: {c.place}: {error}") for c in group]
        return
    before = article.text()
    for correction in _expanded(article, group, settings, report):
        try:
            changed = article.apply(correction)
        except Refused as error:
            report.refusals.append((correction.number, f"{settings.review}: {correction.place}: {error}; "
                                                       f"not applied, {REDO}"))
            continue
        report.applied += changed
        report.unchanged += not changed
    text = article.text()
    if text != before or destination != path:
        write_atomic(destination, text, inside=settings.destination)
        report.written.append(destination)


def _expanded(article: ArticleText, group: list, settings: ApplySettings, report: ApplyReport) -> Iterator[Correction]:
    """The corrections in order, a bulk approval as one approval per sentence it still covers."""
    for item in group:
        if not isinstance(item, BulkApproval):
            yield item
            continue
        try:
            yield from article.bulk(item)
        except Refused as error:
            report.refusals.append((item.number, f"{settings.review}: {item.place}: {error}; not applied, {REDO}"))


def _destination(settings: ApplySettings, path: Path) -> Path:
    if settings.target is None:
        return path
    destination = settings.target / path.relative_to(settings.output)
    if not destination.resolve().is_relative_to(settings.target.resolve()):
        raise Refused(f"{destination} leads outside {settings.target} (through a symlink); refused, nothing written")
    return destination


def _copy_rest(settings: ApplySettings, sources: list[Path], report: ApplyReport) -> None:
    """-o: the target gets every article file (and the manifest), so it is a whole reviewed folder."""
    if settings.target is None:
        return
    done = {path.relative_to(settings.target) for path in report.written}
    extras = [settings.output / "manifest.json"] if (settings.output / "manifest.json").is_file() else []
    for path in [*sources, *extras]:
        relative = path.relative_to(settings.output)
        if relative in done:
            continue
        try:
            destination = _destination(settings, path)
            text = path.read_text(encoding="utf-8")
        except (Refused, OSError, UnicodeDecodeError) as error:
            log.warning("%s: not copied to %s (%s)", path, settings.target, error)
            continue
        write_atomic(destination, text, inside=settings.target)


class ArticleText:
    """An article file's lines, parsed, with the records a correction changed; the others keep their bytes."""

    def __init__(self, path: Path, lines: list[str]):
        self.path, self.lines = path, lines
        self.records = [json.loads(line) for line in lines]
        self.changed: set[int] = set()

    @classmethod
    def read(cls, path: Path, article_id: str) -> ArticleText:
        """Only a complete, valid article file (read strictly, as every reader does) of that article is changed."""
        try:
            article = read_article(path, Path(path.name))
        except ArticleFileError as error:
            raise Refused(f"{error}; nothing applied to it") from None
        if article.id != article_id:
            raise Refused(f"{path} holds article {article.id!r}, not {article_id!r}; refused")
        return cls(path, path.read_text(encoding="utf-8").removesuffix("\n").split("\n"))

    def apply(self, correction: Correction) -> bool:
        """Apply one correction; True when a record changed, False when it was there already. Refused if stale."""
        index, record = self._target(correction)
        current = record["en"]
        machine = record.get("mt", current)
        if correction.original != current and not (correction.en == current and correction.original == machine):
            raise Refused(f"made against the English {_short(correction.original)} but {self.path} now holds "
                          f"{_short(current)} (translated again, or another review applied, since the page was made)")
        review = {"status": correction.status, "comment": correction.comment}
        wanted = {"en": correction.en, "mt": machine, "review": review}
        if all(record.get(key) == value for key, value in wanted.items()):
            return False
        if "review" not in record and correction.en == current and correction.status == "open" \
                and not correction.comment:
            return False  # nothing said about a sentence nobody reviewed before
        record.update(wanted)
        self._touch(index)
        return True

    def bulk(self, bulk: BulkApproval) -> list[Correction]:
        """An approval per covered sentence that no review reached since (in the file, or an exception); Refused
        as a whole when the sentences are not those the page showed."""
        found = []
        for p, s in bulk.sentences:
            if p >= self.records[0]["paragraphs"] or s >= len(self.records[p + 1]["sentences"]):
                raise Refused(f"{self.path} has no sentence {s} in paragraph {p}")
            found.append((p, s, self.records[p + 1]["sentences"][s]))
        if bulk_fingerprint((p, s, x["nl"], x["en"]) for p, s, x in found) != bulk.fingerprint:
            raise Refused(f"the sentences of {self.path} are not those the page showed (translated again, or "
                          "the input changed, since the page was made)")
        return [Correction(bulk.number, bulk.article, p, s, x["nl"], x["en"], x["en"], "approved", "")
                for p, s, x in found if (p, s) not in bulk.exceptions and "review" not in x]

    def _target(self, correction: Correction) -> tuple[int, dict]:
        """The line index and the record (a sentence inside a paragraph record, or the summary) to change."""
        if correction.paragraph is None:
            if self.records[-1].get("type") != "summary":
                raise Refused(f"{self.path} has no summary")
            return len(self.records) - 1, self.records[-1]
        index = correction.paragraph + 1
        if correction.paragraph >= self.records[0]["paragraphs"]:
            raise Refused(f"{self.path} has no paragraph {correction.paragraph}")
        sentences = self.records[index]["sentences"]
        if correction.sentence >= len(sentences):
            raise Refused(f"{self.path} has no sentence {correction.sentence} in paragraph {correction.paragraph}")
        sentence = sentences[correction.sentence]
        if sentence["nl"] != correction.nl:
            raise Refused(f"the Dutch differs: the review has {_short(correction.nl)}, {self.path} "
                          f"{_short(sentence['nl'])} (the input changed since the page was made)")
        return index, sentence

    def _touch(self, index: int) -> None:
        record = self.records[index]
        if record["type"] == "paragraph":  # the paragraph's English is its sentences', as the pipeline joins them
            record["en"] = " ".join(s["en"] for s in record["sentences"] if s["en"])
        self.changed.add(index)

    def text(self) -> str:
        self._recheck()
        if self.changed:  # the header says a review was applied, and how much of the article it covers
            self.records[0]["review"] = review_counts(self.records)
            self.changed.add(0)
        return "".join((dumps(record) if i in self.changed else line) + "\n"
                       for i, (line, record) in enumerate(zip(self.lines, self.records, strict=True)))


    @staticmethod
    def _rechecked(sentences: list[dict], said: deque[str]) -> list[dict]:
        """A paragraph's sentences, each checked after the ones before it (a quotation may span sentences) and
        after the article's English so far, `said` (qa.article_window, which this extends)."""
        checked, before = [], []
        for sentence in sentences:
            checked.append(follow_correction(sentence, partial(qa.sentence_findings, sentence["nl"], sentence["en"],
                                                               before=before, earlier=tuple(said))))
            before = qa.quotation_window(before, sentence["nl"], sentence["en"])
            said.append(sentence["en"])
        return checked

    def _recheck(self) -> None:
        """The checks again on every changed record, so that its flags describe the English now in it (the
        summary last: it is checked against the article's English as corrected)."""
        paragraphs = [r for r in self.records if r.get("type") == "paragraph"]
        said = qa.article_window()  # the article's English so far, as corrected
        for index, record in enumerate(self.records):
            if record.get("type") != "paragraph":
                continue
            if index in self.changed:
                record["sentences"] = self._rechecked(record["sentences"], said)
            else:
                said.extend(s["en"] for s in record["sentences"])
        summary = len(self.records) - 1
        if summary in self.changed and self.records[summary].get("type") == "summary":
            record = self.records[summary]
            nl = [s["nl"] for p in paragraphs for s in p["sentences"]]
            en = [s["en"] for p in paragraphs for s in p["sentences"]]
            self.records[summary] = follow_correction(record, partial(qa.summary_findings, record["en"], nl, en))


def review_counts(records: list[dict]) -> dict:
    """The header's `review`: how many sentences carry a review, and of those how many were edited,
    approved and rejected; and whether the summary carries one."""
    sentences = [s for r in records if r.get("type") == "paragraph" for s in r["sentences"] if "review" in s]
    statuses = [s["review"]["status"] for s in sentences]
    summary = records[-1] if records[-1].get("type") == "summary" else {}
    return {"sentences": len(sentences), "edited": sum(s["en"] != s.get("mt", s["en"]) for s in sentences),
            "approved": statuses.count("approved"), "rejected": statuses.count("rejected"),
            "summary": "review" in summary}


def check_target(output: Path, target: Path | None) -> None:
    """FolderError when -o would nest one folder in the other (its files would be read as articles)."""
    if not output.is_dir():
        what = "not a folder" if output.exists() else "no such folder"
        raise FolderError(f"{output}: {what}; give the output folder of a translate run (its -o)")
    if target is None:
        return
    a, b = output.resolve(), target.resolve()
    if a != b and (a.is_relative_to(b) or b.is_relative_to(a)):
        raise FolderError(f"{target}: -o must not be inside {output} or hold it; choose a folder beside it")


def bulk_fingerprint(sentences) -> str:
    """What a bulk approval was made against: a hash of (paragraph, sentence, Dutch, English) of each sentence it
    covers, in order. The review page writes it; apply refuses a bulk approval whose sentences now differ."""
    text = json.dumps([list(s) for s in sentences], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
