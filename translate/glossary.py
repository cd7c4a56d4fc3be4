"""House terminology (`translate run --glossary FILE`): required English for Dutch terms, chosen from the n-best.

The file is a TSV with a header naming the columns `nl` and `en` (and optionally `note`, for people), UTF-8.
A sentence contains a term when the term's words occur in it as words, case-insensitively, the last word
with or without a Dutch inflection (-en, -s, -'s, -e, -n; a doubled consonant before -en and -e):
"minister-president" also finds "minister-presidenten", "kabinet" "kabinetten"; "Tweede Kamer" finds
"tweede kamer". Its English is present when the term's English occurs as words, case-insensitively.

What the pipeline does with it (translate/pipeline.py): a piece of text that contains a term is decoded
n-best (pipeline.GLOSSARY_HYPOTHESES hypotheses, or --beams where that is more, with as many beams), and
the first hypothesis in the search's order (best first) that contains every required English is kept; when
none does, the best one is kept and the sentence gets the flag `glossary`, naming the missing terms. So a
term is guaranteed only when the model proposes it among its n best: the glossary selects, it never forces
or edits words into the output.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from translate.userfiles import NotReadable, read_capped


def _inflections(term: str) -> str:
    """-en, -e (with the doubled consonant Dutch spelling asks for: kabinet, kabinetten), -s, -'s, -n."""
    last = term[-1]
    doubled = re.escape(last) + "?" if last.isalpha() and last.lower() not in "aeiouy" else ""
    return rf"(?:{doubled}(?:en|e)|'s|s|n)?"

MAX_TERMS = 100_000
MAX_GLOSSARY_BYTES = 64 * 2**20  # a house glossary is thousands of terms, a few MB at most

class GlossaryError(Exception):
    """A glossary that cannot be read; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Term:
    nl: str
    en: str
    note: str = ""

    def __str__(self) -> str:
        return f"{self.nl} → {self.en}"


def _words_pattern(text: str, inflected: bool) -> re.Pattern:
    words = [re.escape(word) for word in text.split()]
    body = r"\s+".join(words) + (_inflections(text) if inflected else "")
    return re.compile(r"(?<![\w-])" + body + r"(?![\w-])", re.IGNORECASE)


class Glossary:
    def __init__(self, terms: list[Term], name: str = "glossary"):
        self.terms = terms
        self.name = name
        self._dutch = [_words_pattern(term.nl, True) for term in terms]
        self._english = {term.en: _words_pattern(term.en, False) for term in terms}

    def found(self, text: str) -> tuple[Term, ...]:
        """The terms whose Dutch occurs in `text`, in glossary order."""
        return tuple(term for term, pattern in zip(self.terms, self._dutch, strict=True) if pattern.search(text))

    def missing(self, terms: tuple[Term, ...], english: str) -> tuple[Term, ...]:
        """Of `terms`, those whose English is not in `english`."""
        return tuple(term for term in terms if not self._english[term.en].search(english))

    def describe(self) -> dict:
        return {"glossary": self.name, "sha256": fingerprint(self.terms), "terms": len(self.terms)}


def fingerprint(terms: tuple[Term, ...] | list[Term]) -> str:
    """sha256 of terms (Dutch and English; notes change nothing): an article's header records that of the terms
    it contains, so a rerun with a changed glossary redoes exactly the articles whose terms changed."""
    pairs = [[term.nl, term.en] for term in terms]
    return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode("utf-8")).hexdigest()


def read_glossary(path: Path) -> Glossary:
    """The glossary at `path`; GlossaryError with one line naming the file and the problem."""
    try:
        lines = read_capped(path, MAX_GLOSSARY_BYTES, "a glossary TSV").decode("utf-8-sig").split("\n")
    except UnicodeDecodeError as error:
        raise GlossaryError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
    except NotReadable as error:
        raise GlossaryError(str(error)) from None
    except OSError as error:
        raise GlossaryError(f"{path}: cannot read it ({error.strerror or error})") from None
    lines = [line.removesuffix("\r") for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise GlossaryError(f"{path}: empty; a glossary is a TSV with a header naming the columns nl and en")
    header = [name.strip().lower() for name in lines[0].split("\t")]
    if "nl" not in header or "en" not in header:
        raise GlossaryError(f"{path}:1: a glossary needs a header naming the columns nl and en (tab-separated)")
    columns = {name: i for i, name in enumerate(header)}
    terms: dict[str, Term] = {}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")]
        nl, en, note = (_column(fields, columns, name) for name in ("nl", "en", "note"))
        if not nl or not en:
            raise GlossaryError(f"{path}:{number}: a term needs both its nl and its en")
        if nl.lower() in terms and terms[nl.lower()].en != en:
            raise GlossaryError(f"{path}:{number}: {nl!r} is given twice with different English")
        terms[nl.lower()] = Term(nl, en, note)
        if len(terms) > MAX_TERMS:
            raise GlossaryError(f"{path}: more than {MAX_TERMS} terms")
    if not terms:
        raise GlossaryError(f"{path}: no terms under the header")
    return Glossary(list(terms.values()), path.name)


def _column(fields: list[str], columns: dict[str, int], name: str) -> str:
    """A column's value, whitespace collapsed; empty where the line is short or the column absent."""
    index = columns.get(name)
    return " ".join(fields[index].split()) if index is not None and index < len(fields) else ""
