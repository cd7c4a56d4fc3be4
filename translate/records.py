"""The JSONL schema of an article file, and the atomic writer."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from translate.articles import Article

SCHEMA_VERSION = 1
# A reviewed sentence or summary (`translate apply`) gains, after its other keys, "mt" (the machine's English;
# "en" is then the reviewer's) and "review": {"status": one of these, "comment": "..."}; the header gains
# "review" (counts). Optional fields: files without them are schema 1 as before.
REVIEW_STATUSES = ("open", "approved", "rejected")
# The checks of translate.qa (and the consistency pass) add their flags after a sentence's other flags, and
# "details" (flag -> a short text) after "flags" only when there is something to say: a sentence without
# findings keeps exactly the keys it always had. A summary has "flags" (and "details" when there are any).
# Additive fields, so schema 1 still describes every file; readers (translate.outputs) take files with or
# without them.
# Translation memories (translate/memory.py): a sentence taken from a memory has the flag `memory` and, after its
# other keys, "origin": {"memory": file name, "id": entry}; a sentence the model translated may have "suggestion":
# {"nl", "en", "similarity", "origin"}, the closest memory entry, for the reviewer only. A glossary miss is the
# flag `glossary` with a detail naming the missing terms.
# Flags that inform rather than warn: a sentence with only these is not counted as flagged.
INFORMATIONAL_FLAGS = frozenset({"memory"})


@dataclass(frozen=True)
class SentenceRecord:
    nl: str
    en: str
    score: float | None  # mean log-probability per output token; None when nothing was generated
    flags: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()  # (flag, what it found), for flags that have something to say
    origin: dict | None = None  # where a memory's English came from (flag `memory`)
    suggestion: dict | None = None  # the closest memory entry, for the reviewer; never the output


def flagged(flags) -> bool:
    """True when a sentence has a flag that asks for attention (not only informational ones)."""
    return any(flag not in INFORMATIONAL_FLAGS for flag in flags)


@dataclass(frozen=True)
class ModelInfo:
    name: str
    revision: str


def header_record(article: Article, paragraphs: int, sentences: int, models: dict[str, ModelInfo | None],
                  settings: dict) -> dict:
    return {
        "type": "article", "schema": SCHEMA_VERSION, "id": article.id, "source": article.source,
        "source_sha256": article.sha256, "date": article.date, "paragraphs": paragraphs, "sentences": sentences,
        "models": {role: asdict(info) if info else None for role, info in models.items()},
        "settings": settings,
    }


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def paragraph_record(index: int, sentences: list[SentenceRecord], title: bool = False) -> dict:
    """A paragraph; the article's title (from a record's title field) is paragraph 0 with "title": true.

    The key is there only when true, so the files of articles without a title are as they always were.
    """
    return {
        "type": "paragraph", "index": index, **({"title": True} if title else {}),
        "nl": " ".join(s.nl for s in sentences), "en": " ".join(s.en for s in sentences if s.en),
        "sentences": [sentence_fields(s) for s in sentences],
    }


def sentence_fields(sentence: SentenceRecord) -> dict:
    fields = {"nl": sentence.nl, "en": sentence.en, "score": sentence.score, "flags": list(sentence.flags)}
    fields |= {"details": dict(sentence.details)} if sentence.details else {}
    fields |= {"origin": sentence.origin} if sentence.origin else {}
    return fields | ({"suggestion": sentence.suggestion} if sentence.suggestion else {})


def summary_record(text: str, model: str, findings: dict[str, str] | None = None, skipped: str | None = None) -> dict:
    """The summary, and what the summary checks found in it (flags, with details when there are any); an
    article too short to summarise has an empty `en` and `skipped` saying why."""
    findings = findings or {}
    return ({"type": "summary", "en": text, "model": model, "flags": list(findings)}
            | ({"details": findings} if findings else {}) | ({"skipped": skipped} if skipped else {}))


def article_text(header: dict, paragraphs: list[list[SentenceRecord]], summary: dict | None,
                 title: bool = False) -> str:
    """The article file's text; `title`: the first paragraph is the article's title."""
    records = [header, *(paragraph_record(i, s, title and i == 0) for i, s in enumerate(paragraphs))]
    return "".join(dumps(record) + "\n" for record in records + ([summary] if summary else []))


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write through a temporary file in the same folder, then rename: readers see the old file or the whole new one.

    Text is written as UTF-8 with LF line ends; bytes (a Parquet file) as they are.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    binary = isinstance(text, bytes)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would, or the old file's.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
