"""Single-edit corruptions of correct sentence pairs, each labelled with the check that should catch it.

The English side of a correct pair gets one edit of the kind a translation model makes:

- numbers: a digit changed (`digit`), a decimal point shifted (`decimal`), a number written in digits or
  spelled out deleted with its unit or scale word (`deleted`, `spelled`);
- names: a name of two or more capitalised words that the Dutch also holds as written, dropped (`name`);
- punctuation: a question turned into a statement (`question`), a closing quote or bracket removed (`quote`,
  `bracket`).

Deterministic: the first place in the sentence where an edit applies. A pair yields at most one variant of
each kind; where no place fits, none. Whether the clean pair already carries the flag is for the caller to
look at (scripts/eval_checks.py scores a variant only when its clean pair lacks the flag).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

NUMBER = re.compile(r"(?<![\w.,:/-])\d+(?:[.,]\d+)*(?![\w/-]|[.,]\d)")
SPELLED = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                     r"fifty|hundred|thousand|dozen)\b", re.IGNORECASE)
UNIT = (r"(?:\s?%|\s(?:per\s?cent|percent|million|billion|thousand|hundred|trillion|years?|months?|weeks?|days?|"
        r"hours?|minutes?|seconds?|people|men|women|children|km|kilometres?|kilometers?|miles?|metres?|meters?|feet|"
        r"pounds?|dollars?|euros?|points?|times|goals?|votes?|seats?|degrees?|kg|tonnes?|tons?)\b)?")
DELETABLE = re.compile(r"[$£€]?" + NUMBER.pattern + UNIT)
SPELLED_DELETABLE = re.compile(SPELLED.pattern + UNIT, re.IGNORECASE)
MULTIWORD_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s[A-Z][\w'’-]*[a-z][\w'’-]*)+")
CLOSING_QUOTES = ("”", '"')


@dataclass(frozen=True)
class Variant:
    kind: str  # digit, decimal, deleted, spelled, name, question, quote, bracket
    expect: str  # the check that should flag it: numbers, names or punctuation
    en: str  # the corrupted English
    note: str  # what was changed


def variants(nl: str, en: str) -> Iterator[Variant]:
    """Every corruption that applies to the pair, at most one of each kind."""
    for make in (_digit, _decimal, _deleted, _spelled, _name, _question, _quote, _bracket):
        variant = make(nl, en)
        if variant is not None and variant.en != en and variant.en.strip():
            yield variant


def _tidy(text: str) -> str:
    text = re.sub(r"\s{2,}", " ", text)
    return re.sub(r"\s+([,.;:!?)])", r"\1", text).strip()


def _digit(nl: str, en: str) -> Variant | None:
    match = NUMBER.search(en)
    if not match:
        return None
    digits = [k for k, char in enumerate(match.group()) if char.isdigit()]
    k = match.start() + digits[-1]
    changed = str((int(en[k]) + 3) % 10)
    return Variant("digit", "numbers", en[:k] + changed + en[k + 1:], f"digit {en[k]} -> {changed} in {match.group()}")


def _decimal(nl: str, en: str) -> Variant | None:
    for match in NUMBER.finditer(en):
        number = match.group()
        if re.fullmatch(r"\d+\.\d+", number):
            whole, fraction = number.split(".")
            shifted = whole + fraction[0] + ("." + fraction[1:] if fraction[1:] else "")
        elif re.fullmatch(r"\d{2,}", number) and not re.fullmatch(r"(?:19|20)\d\d", number):
            shifted = number[:-1] + "." + number[-1]
        else:
            continue
        return Variant("decimal", "numbers", en[:match.start()] + shifted + en[match.end():],
                       f"decimal shifted: {number} -> {shifted}")
    return None


def _deleted(nl: str, en: str) -> Variant | None:
    match = DELETABLE.search(en)
    if not match:
        return None
    return Variant("deleted", "numbers", _tidy(en[:match.start()] + en[match.end():]), f"deleted {match.group()!r}")


def _spelled(nl: str, en: str) -> Variant | None:
    match = SPELLED_DELETABLE.search(en)
    if not match:
        return None
    return Variant("spelled", "numbers", _tidy(en[:match.start()] + en[match.end():]), f"deleted {match.group()!r}")


def _name(nl: str, en: str) -> Variant | None:
    for match in MULTIWORD_NAME.finditer(en):
        name = match.group()
        if match.start() == 0 or re.search(r"[.!?:\"“‘']\s*$", en[:match.start()]) or name not in nl:
            continue
        return Variant("name", "names", _tidy(en[:match.start()] + en[match.end():]), f"dropped {name!r}")
    return None


def _question(nl: str, en: str) -> Variant | None:
    if "?" not in nl or "?" not in en:
        return None
    k = en.rindex("?")
    return Variant("question", "punctuation", en[:k] + "." + en[k + 1:], "question mark -> full stop")


def _quote(nl: str, en: str) -> Variant | None:
    for mark in CLOSING_QUOTES:
        opening = "“" if mark == "”" else '"'
        count = en.count(opening) + (en.count(mark) if mark != opening else 0)
        if mark in en and count >= 2 and count % 2 == 0:
            k = en.rindex(mark)
            return Variant("quote", "punctuation", en[:k] + en[k + 1:], f"closing {mark} removed")
    return None


def _bracket(nl: str, en: str) -> Variant | None:
    if ")" not in en or "(" not in en or ")" not in nl:
        return None
    k = en.rindex(")")
    return Variant("bracket", "punctuation", en[:k] + en[k + 1:], "closing bracket removed")
