"""The JSONL schema of an article file (the atomic writer lives in translate.outfiles)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from translate.articles import Article
from translate.outfiles import write_atomic  # noqa: F401 - the writer's old home; callers import it here

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
