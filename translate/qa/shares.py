"""Shares of a whole, said three ways: a percentage (75%, 20 procent), a count of a count (drie op de vier, one in
five) or a fraction's word (de helft, a third, two-thirds). A translator moves between them (Drie op de vier Britten
/ 75% of Britons), so the numbers check accepts one share said otherwise where the two agree within rounding.

The numbers are read by translate.qa.numbers; this module finds the shares among them by their words, and gives
each share's size in percent with the texts of the numbers it is said with."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ROUNDING = 0.7  # percentage points: a third is 33%, one in seven 14%
NL_COUNT_OF = re.compile(r"\b(?P<part>\w+) op (?:de|elke|iedere) (?P<whole>\w+)\b", re.IGNORECASE)
EN_COUNT_OF = re.compile(r"\b(?P<part>\w+) (?:in|out of) (?:every )?(?P<whole>\w+)\b", re.IGNORECASE)
NL_PERCENT = re.compile(r"(?P<part>\d+(?:,\d+)?)\s*(?:%|procent\b)", re.IGNORECASE)
EN_PERCENT = re.compile(r"(?P<part>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)", re.IGNORECASE)
# A fraction's word, and the word before it that counts such parts, where there is one (twee derde, two-thirds).
NL_FRACTIONS = re.compile(r"\b(?:(?P<part>\w+) )?(?P<word>helft|driekwart|kwart|derde|derden)\b(?! (?:over|voor)\b)",
                          re.IGNORECASE)
EN_FRACTIONS = re.compile(r"\b(?:(?P<part>\w+)[- ])?(?P<word>half|quarters?|thirds?)\b(?! an?\b)", re.IGNORECASE)
FRACTION_WORDS = {"helft": 50, "kwart": 25, "driekwart": 75, "derde": 100 / 3, "derden": 100 / 3, "half": 50,
                  "quarter": 25, "quarters": 25, "third": 100 / 3, "thirds": 100 / 3}
COUNTED_FRACTIONS = {"derde", "derden", "quarter", "quarters", "third", "thirds"}  # twee derde, three quarters


@dataclass(frozen=True)
class Share:
    percent: float
    texts: tuple[str, ...]  # the numbers it is said with, as the numbers check reads them
    in_percent: bool = False  # said as a percentage (75%); two percentages are the numbers check's own business


def dutch_shares(text: str, values: dict[str, float]) -> list[Share]:
    return _shares(text, values, NL_COUNT_OF, NL_PERCENT, NL_FRACTIONS)


def english_shares(text: str, values: dict[str, float]) -> list[Share]:
    return _shares(text, values, EN_COUNT_OF, EN_PERCENT, EN_FRACTIONS)


def _shares(text: str, values: dict[str, float], count_of: re.Pattern, percent: re.Pattern,
            fractions: re.Pattern) -> list[Share]:
    """values: the text of each number read in the text -> its value (drie -> 3, 75 -> 75)."""
    found = []
    for match in count_of.finditer(text):
        part, whole = values.get(match.group("part")), values.get(match.group("whole"))
        if part is not None and whole and part < whole:
            found.append(Share(100 * part / whole, (match.group("part"), match.group("whole"))))
    for match in percent.finditer(text):
        if match.group("part") in values:
            found.append(Share(values[match.group("part")], (match.group("part"),), in_percent=True))
    for match in fractions.finditer(text):
        word, part = match.group("word").lower(), match.group("part")
        counted = part in values and word in COUNTED_FRACTIONS
        size = FRACTION_WORDS[word] * (values[part] if counted else 1)
        texts = (part,) if counted else ()
        found.append(Share(size, (*texts, match.group("word"))))
    return found


def same_shares(dutch: Iterable[Share], english: Iterable[Share]) -> tuple[set[str], set[str]]:
    """The number texts of each side that say a share the other side says otherwise (75% for drie op de vier)."""
    english = list(english)
    said_nl: set[str] = set()
    said_en: set[str] = set()
    for share in dutch:
        other = next((other for other in english if abs(other.percent - share.percent) <= ROUNDING
                      and not (share.in_percent and other.in_percent)), None)
        if other is not None:
            said_nl.update(share.texts)
            said_en.update(other.texts)
            english.remove(other)
    return said_nl, said_en
