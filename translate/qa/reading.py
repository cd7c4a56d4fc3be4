"""Reading a text into the words and figures the checks compare: tokens, name words, folding for comparison."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from translate.checks import UNTRANSLATABLE

TOKEN = re.compile(r"(?P<num>\d+(?:[.,:]\d+)*[½¼¾]?)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)")
# Words remembered per cached function: news repeats its common words, so a few thousand catch most lookups, and
# the bound keeps memory flat on any corpus (a million-row check peaks within 15% of a 10,000-row one).
WORD_CACHE = 1 << 12
POSSESSIVE = re.compile(r"['’]s$|['’]$")
NAME_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")


class _Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int
    number: bool


def _tokens(text: str) -> list[_Token]:
    # tuple.__new__ skips NamedTuple's Python-level __new__: a third of the time of the checks went there.
    return [tuple.__new__(_Token, (m.group(), m.group().lower(), m.start(), m.end(), m.lastgroup == "num"))
            for m in TOKEN.finditer(text)]


def _plain(text: str) -> str:
    """Without links and addresses, whose digits are not figures to compare."""
    return UNTRANSLATABLE.sub(" ", text) if ("/" in text or "@" in text or "www" in text) else text

def _opening_gap(gap: str) -> bool:
    """Whether the text between two words ends a sentence or opens a quotation: ". ", ": ", " - ", " ‘". A straight
    quote right after a word closes a quotation or is a possessive (Golfers' Association): it opens nothing."""
    if gap == " ":
        return False
    if any(mark in gap for mark in ".!?:;…") or re.search(r"\s[-–—]\s", gap):
        return True
    stripped = gap.rstrip()
    return stripped.endswith(("‘", "“", "„", "«", ",,")) or (
        stripped.endswith(("'", '"')) and len(stripped) > 1 and stripped[-2].isspace())

class _Word(NamedTuple):
    text: str
    key: str  # case-folded, without accents or possessive 's
    start: int
    end: int
    capital: bool
    opening: bool


@lru_cache(maxsize=WORD_CACHE)
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=WORD_CACHE)
def _key(word: str) -> str:
    """How a name is compared: case-folded, without accents and without a possessive 's."""
    return _fold(POSSESSIVE.sub("", word))


def _after_opening_clitic(text: str, previous: _Word) -> bool:
    """'s Morgens, 's Zomers, ’t Is: the word after a clitic that opens the sentence opens it too."""
    return previous.opening and previous.key in ("s", "t") and text[previous.start - 1:previous.start] in ("'", "’") \
        and text[previous.end:previous.end + 1] == " "


def _after_opening_handle(text: str, previous: _Word) -> bool:
    """@user23 Ja, het klopt: the word after the handles that open a post opens it too."""
    return previous.opening and text[previous.start - 1:previous.start] == "@"


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    previous_end = 0
    for match in NAME_WORD.finditer(text):
        word = match.group()
        gap = text[previous_end:match.start()]
        opening = not words or _opening_gap(gap) or _after_opening_clitic(text, words[-1]) \
            or _after_opening_handle(text, words[-1])
        capital = not word.islower() and not word.isdigit()
        words.append(tuple.__new__(_Word, (word, _key(word), match.start(), match.end(), capital, opening)))
        previous_end = match.end()
    return words
