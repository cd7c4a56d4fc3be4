"""Reading a run's output folder: its article files, strictly, into frozen records; and its manifest.

Reading is strict about the schema (docs/output.md): a file that is not a complete article file gives an
`ArticleFileError` naming the file and the line, and readers leave it out. Lines are split on "\\n" only,
because JSON text may hold a raw U+2028, which `str.splitlines` would split on. Unpaired surrogates (from
`\\ud800`-style escapes) cannot be written as UTF-8 in any format; they become U+FFFD on reading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from translate import untrusted
from translate.records import REVIEW_STATUSES, SCHEMA_VERSION, ModelInfo
from translate.userfiles import open_regular, read_capped

MAX_MANIFEST_BYTES = 2**30  # a manifest holds a few hundred bytes per article: room for millions

REWRITE = "a rerun of translate run on its input rewrites it; or move it out of the folder"
GIVE_FOLDER = "give the output folder of a translate run (its -o)"
NULL = type(None)
T = TypeVar("T")


class FolderError(Exception):
    """Nothing to read: the path is missing, or is neither a folder nor an article file, or holds no article files."""


class ArticleFileError(Exception):
    """An article file that cannot be used; the message names the file, the line (when there is one) and the fix."""

    def __init__(self, path: Path, problem: str, line: int | None = None):
        self.path, self.line, self.reason = path, line, f"{problem}; {REWRITE}"
        super().__init__(f"{self.place(path)}: {self.reason}")

    def place(self, name: Path | str) -> str:
        """`name` (the path, or a shorter name for it) and the line: file:line, as compilers write it."""
        return str(name) if self.line is None else f"{name}:{self.line}"


class _Invalid(Exception):
    """A problem inside one record; `_located` adds the file and the line."""


@dataclass(frozen=True)
class Review:
    """What a reviewer said about a sentence or a summary (`translate apply` writes it into the record)."""

    status: str  # one of REVIEW_STATUSES
    comment: str = ""


@dataclass(frozen=True)
class Suggestion:
    """The translation memory's closest entry to a sentence the model translated: its Dutch and English."""

    nl: str
    en: str
    similarity: float


@dataclass(frozen=True)
class SentencePair:
    article: str
    paragraph: int  # index of the paragraph in the article, from 0
    sentence: int  # index of the sentence in the paragraph, from 0
    nl: str
    en: str  # the reviewed English where a review was applied, else the machine's
    score: float | None = None
    flags: tuple[str, ...] = ()
    mt: str | None = None  # the machine's English, kept when a review was applied
    review: Review | None = None
    details: tuple[tuple[str, str], ...] = ()  # (flag, what the check found), for flags that say more
    mt_flags: tuple[str, ...] = ()  # the machine output's flags, kept when a review changed `en` (apply)
    suggestion: Suggestion | None = None  # the closest translation-memory entry (never used as output)

    @property
    def machine(self) -> str:
        """The English the model wrote, whether or not a reviewer changed it since."""
        return self.en if self.mt is None else self.mt

    @property
    def edited(self) -> bool:
        return self.mt is not None and self.mt != self.en


@dataclass(frozen=True)
class Paragraph:
    index: int
    en: str
    pairs: tuple[SentencePair, ...]
    title: bool = False  # the article's title (paragraph 0 of an article read from a record with a title)


@dataclass(frozen=True)
class ArticleFile:
    relative: Path  # the .jsonl path under the folder read; the text export mirrors it
    id: str
    source: str
    date: str | None
    models: tuple[tuple[str, ModelInfo], ...]  # (role, model) for each role that had one
    paragraphs: tuple[Paragraph, ...]
    summary: str | None = None
    summary_model: str | None = None
    summary_mt: str | None = None  # the summariser's English, kept when a review changed the summary
    summary_review: Review | None = None
    review: dict | None = None  # the header's note that `translate apply` merged a review (counts)
    summary_flags: tuple[str, ...] = ()  # the summary checks' flags (files of earlier versions have none)
    summary_details: tuple[tuple[str, str], ...] = ()

    @property
    def pairs(self) -> list[SentencePair]:
        return [pair for paragraph in self.paragraphs for pair in paragraph.pairs]


@dataclass(frozen=True)
class FailedArticle:
    id: str
    source: str
    reason: str


@dataclass(frozen=True)
class Manifest:
    failed: tuple[FailedArticle, ...]
    interrupted: bool


# Finding article files


def find_article_files(target: Path) -> list[Path]:
    """`target` itself when it is a .jsonl file, else the *.jsonl under it (recursively; hidden ones, such as
    temporary files, skipped) in path order."""
    if target.is_file() and target.suffix == ".jsonl":
        return [target]
    if not target.is_dir():
        what = "not a folder or an article file (*.jsonl)" if target.exists() else "no such folder"
        raise FolderError(f"{target}: {what}; {GIVE_FOLDER}")
    files = [path for path in target.rglob("*.jsonl")
             if not any(part.startswith(".") for part in path.relative_to(target).parts)]
    if not files:
        raise FolderError(f"{target}: no article files (*.jsonl); {GIVE_FOLDER}")
    return sorted(files, key=lambda path: path.relative_to(target).parts)


def read_articles(target: Path) -> Iterator[ArticleFile | ArticleFileError]:
    """Each article file under `target` (a run's output folder or one .jsonl file) in path order: the article,
    or the error that says why it cannot be read."""
    root = target if target.is_dir() else target.parent
    for path in find_article_files(target):
        try:
            yield read_article(path, path.relative_to(root))
        except ArticleFileError as error:
            yield error


def load_articles(target: Path) -> tuple[list[ArticleFile], list[ArticleFileError]]:
    """Every readable article file under `target`, and the error of each one that could not be read."""
    results = list(read_articles(target))
    return ([result for result in results if isinstance(result, ArticleFile)],
            [result for result in results if isinstance(result, ArticleFileError)])


# Reading one article file: a header, paragraph records numbered from 0, then at most one summary


def read_article(path: Path, relative: Path) -> ArticleFile:
    records = [_located(path, number, _json_object, line) for number, line in enumerate(_lines(path), 1)]
    header = _located(path, 1, _header, records[0])
    body = records[1:]
    summary = _located(path, len(records), _summary, body.pop()) if body[-1:] and _is_summary(body[-1]) else None
    paragraphs = tuple(_located(path, index + 2, _paragraph, record, index, header["id"])
                       for index, record in enumerate(body))
    announced = records[0].get("paragraphs")
    if isinstance(announced, int) and announced != len(paragraphs):
        raise ArticleFileError(path, f"incomplete: the header announces {announced} paragraphs, "
                                     f"the file holds {len(paragraphs)}")
    if not paragraphs:
        raise ArticleFileError(path, "no paragraph records after the header")
    return ArticleFile(relative, **header, paragraphs=paragraphs, **(summary or {}))


def _lines(path: Path) -> list[str]:
    try:
        with open_regular(path, "an article file") as file:
            text = file.read().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleFileError(path, f"not UTF-8 (byte {error.start})") from None
    except OSError as error:
        raise ArticleFileError(path, f"cannot be read ({error.strerror or error})") from None
    if not text:
        raise ArticleFileError(path, "empty file")
    return text.removesuffix("\n").split("\n")


def _located(path: Path, line: int, parse: Callable[..., T], *args) -> T:
    """parse(*args), with any problem it finds reported at path:line."""
    try:
        return parse(*args)
    except _Invalid as error:
        raise ArticleFileError(path, str(error), line) from None


def _within(place: str, parse: Callable[..., T], *args) -> T:
    """parse(*args), with any problem it finds said to be in `place` (a sentence, a model)."""
    try:
        return parse(*args)
    except _Invalid as error:
        raise _Invalid(f"{place}: {error}") from None


def _json_object(line: str) -> dict:
    try:
        record = untrusted.loads(line)
    except untrusted.Untrusted as error:
        raise _Invalid(str(error)) from None
    if not isinstance(record, dict):
        raise _Invalid(f"a JSON {type(record).__name__} where a record (object) should be")
    return record


def _header(record: dict) -> dict:
    """The header's fields that ArticleFile keeps."""
    if record.get("type") != "article":
        raise _Invalid(f"the first line should be the article header (\"type\": \"article\"), "
                       f"not type {record.get('type')!r}")
    if record.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise _Invalid(f"schema {record['schema']!r}; this version reads schema {SCHEMA_VERSION}")
    return {"id": _text(record, "id"), "source": _text(record, "source"), "date": _field(record, "date", (str, NULL)),
            "models": _models(_field(record, "models", (dict, NULL)) or {}),
            "review": _field(record, "review", (dict, NULL))}


def _models(models: dict) -> tuple[tuple[str, ModelInfo], ...]:
    """{role: {"name": ..., "revision": ...} or null}; the roles without a model are left out."""
    return tuple((role, _within(f"model {role!r}", _model, info)) for role, info in models.items() if info is not None)


def _model(info: object) -> ModelInfo:
    if not isinstance(info, dict):
        raise _Invalid(f"should be an object with name and revision, or null, not {info!r}")
    return ModelInfo(_field(info, "name", str), _field(info, "revision", str))


def _is_summary(record: dict) -> bool:
    return record.get("type") == "summary"


def _summary(record: dict) -> dict:
    return {"summary": _text(record, "en"), "summary_model": _field(record, "model", (str, NULL)),
            "summary_mt": _optional_text(record, "mt"), "summary_review": _within("summary", _review, record),
            "summary_flags": _within("summary", _flags, record) if "flags" in record else (),
            "summary_details": _within("summary", _details, record)}


def _paragraph(record: dict, expected: int, article_id: str) -> Paragraph:
    if record.get("type") != "paragraph":
        raise _Invalid(f"a record of type {record.get('type')!r} where a paragraph should be "
                       "(paragraphs come after the header; a summary only on the last line)")
    index = _field(record, "index", int)
    if index != expected:
        raise _Invalid(f"paragraph index {index} where {expected} should be")
    sentences = _field(record, "sentences", list)
    if not sentences:
        raise _Invalid(f"paragraph {index} has no sentences")
    pairs = tuple(_within(f"sentence {n}", _sentence, item, article_id, index, n) for n, item in enumerate(sentences))
    title = record.get("title", False)  # only titles have the key
    if not isinstance(title, bool):
        raise _Invalid(f"'title' should be true or false, not {title!r}")
    return Paragraph(index, _text(record, "en"), pairs, title)


def _sentence(item: object, article_id: str, paragraph: int, index: int) -> SentencePair:
    if not isinstance(item, dict):
        raise _Invalid("should be an object with nl, en, score and flags")
    score = _field(item, "score", (int, float, NULL))
    if score is not None and not math.isfinite(score):
        raise _Invalid(f"'score' should be a finite number or null, not {score!r}")
    return SentencePair(article_id, paragraph, index, _text(item, "nl"), _text(item, "en"),
                        None if score is None else float(score), _flags(item), _optional_text(item, "mt"),
                        _review(item), _details(item), _flags(item, "mt_flags") if "mt_flags" in item else (),
                        _suggestion(item))


def _flags(record: dict, key: str = "flags") -> tuple[str, ...]:
    flags = _field(record, key, list)
    if not all(isinstance(flag, str) for flag in flags):
        raise _Invalid(f"{key!r} should be a list of strings, not {flags!r}")
    return tuple(map(_clean, flags))


def _suggestion(record: dict) -> Suggestion | None:
    """The optional `suggestion` a translation memory adds: {"nl", "en", "similarity", "origin"}."""
    if "suggestion" not in record:
        return None
    item = _field(record, "suggestion", dict)
    similarity = _field(item, "similarity", (int, float))
    return Suggestion(_text(item, "nl"), _text(item, "en"), float(similarity))


def _details(record: dict) -> tuple[tuple[str, str], ...]:
    """The optional `details` object the checks add: {flag: a short text}, in the file's order."""
    if "details" not in record:
        return ()
    details = _field(record, "details", dict)
    if not all(isinstance(text, str) for text in details.values()):
        raise _Invalid(f"'details' should map flags to texts (strings), not {details!r}")
    return tuple((_clean(flag), _clean(text)) for flag, text in details.items())


def _review(record: dict) -> Review | None:
    """The optional `review` object that `translate apply` adds: {"status": ..., "comment": ...}."""
    if "review" not in record:
        return None
    review = _field(record, "review", dict)
    status = _field(review, "status", str)
    if status not in REVIEW_STATUSES:
        raise _Invalid(f"review status {status!r}; it should be one of {', '.join(REVIEW_STATUSES)}")
    return Review(status, _text(review, "comment"))


def _field(record: dict, key: str, kinds: type | tuple[type, ...]):
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    value = record.get(key)
    if not isinstance(value, kinds) or isinstance(value, bool):  # bool is an int to Python, never to this schema
        names = " or ".join("null" if kind is NULL else kind.__name__ for kind in kinds)
        raise _Invalid(f"{key!r} should be {names}, not {value!r}")
    return value


def _text(record: dict, key: str) -> str:
    """A string field, its unpaired surrogates made U+FFFD."""
    return _clean(_field(record, key, str))


def _clean(text: str) -> str:
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def _optional_text(record: dict, key: str) -> str | None:
    return _text(record, key) if key in record else None


# The manifest


def read_manifest(folder: Path) -> Manifest | None:
    """What a reader needs of the folder's manifest.json; None when there is none. A ValueError naming the file
    when it cannot be read."""
    path = folder / "manifest.json"
    if not path.exists():
        return None
    try:
        manifest = untrusted.loads(read_capped(path, MAX_MANIFEST_BYTES, "a run's manifest.json"))
        failed = tuple(FailedArticle(str(a["id"]), str(a["source"]), str(a.get("reason") or "no reason given"))
                       for a in manifest["articles"] if a["status"] == "failed")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        problem = f"missing key {error}" if isinstance(error, KeyError) else str(error)
        raise ValueError(f"{path}: cannot be read ({problem})") from None
    return Manifest(failed, bool(manifest.get("interrupted")))
