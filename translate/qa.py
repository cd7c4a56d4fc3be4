"""Checks a news reader would care about, on a Dutch sentence and its English: numbers, names, punctuation.

Translators' QA tools (Okapi CheckMate, Xbench, Weblate's checks) run such checks on bilingual files;
here they run on every translated sentence and summary. Pure Python, deterministic and fast (tens of
microseconds per pair). Each reads both sides in their own conventions and, where a reading is
uncertain, keeps every plausible reading, so that a good translation is not flagged: the thresholds
prefer missing a real error to flagging a good translation, since a flag costs a reviewer's attention.

- numbers: `3,5 miljoen` = `3.5 million`, `12.000` = `12,000`, `20.30 uur` = `8.30 pm`, `derde` = `3rd`,
  `twintig` = `20`, month and day names; a number one side holds and the other does not is reported.
- names: a capitalised Dutch word that is not at the start of a sentence or quotation (`Rutte`,
  `De Jong`, `Tweede Kamer`) must be in the English as written, nearly so (`Brussel` ~ `Brussels`), or
  as one of its English names in translate/data/names.tsv (`Den Haag` -> `The Hague`).
- punctuation: question and exclamation marks, and quotes and brackets balanced in the Dutch but
  not in the English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from translate.checks import UNTRANSLATABLE

SENTENCE_FLAGS = ("numbers", "names", "punctuation")
SUMMARY_FLAGS = ("summary_numbers", "summary_names")

# --- Reading numbers ------------------------------------------------------------------------------
#
# A number becomes an Item: its text as written, and the set of keys it may stand for. Keys are
# ("n", value), ("time", hour, minute), ("month", m) or ("day", d). Two items match when their key sets
# meet, so "8 uur" (8 hours, 8:00 or 20:00) matches "8 hours", "8 am" and "8 pm" alike. Soft items
# (one, first, één, eerste, anderhalf) are matched when they can be but never flagged: "één" is as
# often "a" as "one", and "first" is as often an adverb as an ordinal.

TOKEN = re.compile(r"(?P<num>\d+(?:[.,:]\d+)*)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)")
NUMBER_ONLY = re.compile(r"\d+")
THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
DUTCH_DECIMAL = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+),\d+")
DECIMAL_POINT = re.compile(r"\d+\.\d+")
CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")
AM_PM = re.compile(r"\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
ATTACHED_SCALE = re.compile(r"(bn|mn|m|k)\b")
CURRENCY = "€$£"
DECADE = re.compile(r"(?:19|20)\d0")
WORD_CACHE = 1 << 16  # words remembered per cached function: bounded, so memory stays flat on any corpus

NL_UNITS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9}
NL_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
            "zeventien": 17, "achttien": 18, "negentien": 19}
NL_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
           "negentig": 90}
EN_SMALL = {"zero": 0, "nil": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
            "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
               "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
               "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
               "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
               "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000}
EN_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
              "eighties": 80, "nineties": 90}
EN_TIMES = {"twice": 2, "thrice": 3}
NL_SCALES = {"duizend": 1000, "miljoen": 10**6, "mln": 10**6, "mio": 10**6, "miljard": 10**9, "mld": 10**9,
             "mrd": 10**9, "biljoen": 10**12}
EN_SCALES = {"thousand": 1000, "million": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12,
             "tn": 10**12}
ATTACHED_SCALES = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9}
NL_MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
             "september": 9, "oktober": 10, "november": 11, "december": 12}
NL_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                          "okt": 10, "nov": 11, "dec": 12}
EN_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
             "september": 9, "october": 10, "november": 11, "december": 12}
EN_MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "aug": 8, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# "may" and "march" are also a verb: months only next to a number or after one of these words.
EN_MONTH_CUES = {"in", "of", "since", "until", "till", "early", "late", "mid", "last", "next", "this", "from", "to",
                 "end", "by", "before", "after", "on", "between", "and", "or"}
NL_DAYS = {"maandag": 1, "dinsdag": 2, "woensdag": 3, "donderdag": 4, "vrijdag": 5, "zaterdag": 6, "zondag": 7}
NL_DAY_PARTS = ("", "s", "en", "ochtend", "morgen", "middag", "avond", "nacht")
EN_DAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
# A spelled ordinal is a firm number only after one of these: "de tweede keer", "the second time"; elsewhere
# it may be "ten tweede" (secondly), "hij vierde" (he celebrated) or "second-hand", and is soft.
NL_DETERMINERS = {"de", "het", "een", "zijn", "haar", "hun", "mijn", "uw", "ons", "onze", "die", "deze", "dit",
                  "dat", "elke", "iedere"}
EN_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "every",
                  "each"}
DETERMINERS = NL_DETERMINERS | EN_DETERMINERS
# At the start of a sentence, these before a capital begin a name (Tweede Kamer, Second World War); other
# number words there are numbers (Two Swedish fans).
ORDINAL_NAME_STARTS = {"eerste", "tweede", "derde", "vierde", "first", "second", "third", "fourth"}
# "een paar honderd", "several hundred": no number to compare.
VAGUE = {"paar", "enkele", "vele", "ettelijke", "honderden", "duizenden", "several", "few", "many", "hundreds",
         "thousands"}
NL_COMPOUND_SUFFIXES = ("jarige", "jarig", "daagse", "daags", "urige", "urig", "weekse", "weeks", "maandse", "maands",
                        "delige", "delig", "voudige", "voudig", "koppige", "koppig", "talige", "talig", "maal")


@dataclass(frozen=True)
class Item:
    text: str
    keys: frozenset
    soft: bool = False


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


def _n(*values) -> frozenset:
    return frozenset(("n", Fraction(value)) for value in values)


def _clock(hour: int, minute: int, exact: bool = False) -> frozenset:
    """A time of day; without am/pm (exact=False) an hour up to 12 may be morning or evening."""
    hours = {hour % 24} if exact or hour > 12 or hour == 0 else {hour % 24, (hour + 12) % 24}
    return frozenset(("time", h, minute) for h in hours)


def _plain(text: str) -> str:
    """Without links and addresses, whose digits are not figures to compare."""
    return UNTRANSLATABLE.sub(" ", text) if ("/" in text or "@" in text or "www" in text) else text


def _identifier(text: str, token: _Token) -> bool:
    """Digits that belong to a name or code: D66, A12, MH17, COVID-19, F-35; not mid-2025 or 45-jarige."""
    before = text[max(0, token.start - 12):token.start]
    if before[-1:].isalpha():
        return True
    word = re.search(r"([^\W\d_]+)-$", before)
    return bool(word and word.group(1)[0].isupper())


def _spelled_name(tokens: list[_Token], i: int, text: str) -> bool:
    """A number word inside a name: Tweede Kamer, Derde Wereldoorlog, Second World War, Erik ten Hag."""
    token = tokens[i]
    previous = tokens[i - 1] if i else None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    capital_after = bool(following and following.text[0].isupper() and not following.number)
    if not token.text[0].isupper():
        return capital_after and bool(previous and previous.text[0].isupper()) and previous.lower not in DETERMINERS
    if not _opening(text, tokens, i):
        return True
    return capital_after and token.lower in ORDINAL_NAME_STARTS


def _opening(text: str, tokens: list[_Token], i: int) -> bool:
    """The token opens a sentence, a quotation or a clause after a colon or a dateline dash."""
    if i == 0:
        return not text[:tokens[0].start].strip(" \t\"'‘“„«(,")
    return _opening_gap(text[tokens[i - 1].end:tokens[i].start])


def _opening_gap(gap: str) -> bool:
    """Whether the text between two words ends a sentence or opens a quotation: ". ", ": ", " - ", " ‘"."""
    if gap == " ":
        return False
    if any(mark in gap for mark in ".!?:;…") or re.search(r"\s[-–—]\s", gap):
        return True
    stripped = gap.rstrip()
    return stripped.endswith(("‘", "“", "„", "«", ",,")) or (
        stripped.endswith(("'", '"')) and (len(stripped) == 1 or stripped[-2].isspace()))


# Dutch


@lru_cache(maxsize=WORD_CACHE)
def _nl_cardinal(word: str) -> int | None:
    """Dutch number words, which are written as one word up to 999.999: vijfentwintig, tweehonderdduizend."""
    if word in NL_TEENS:
        return NL_TEENS[word]
    if word in NL_TENS:
        return NL_TENS[word]
    if word in NL_UNITS and word != "een":
        return NL_UNITS[word]
    if word == "nul":
        return 0
    match = re.fullmatch(r"(een|twee|drie|vier|vijf|zes|zeven|acht|negen)[eë]n(\w+)", word)
    if match and match.group(2) in NL_TENS:
        return NL_UNITS[match.group(1)] + NL_TENS[match.group(2)]
    for scale, size in (("duizend", 1000), ("honderd", 100)):
        head, found, tail = word.partition(scale)
        if found:
            left = _nl_cardinal(head) if head not in ("", "een") else 1
            right = {"": 0, "een": 1}[tail] if tail in ("", "een") else _nl_cardinal(tail)  # honderdeen: 101
            if left is not None and right is not None and left < size * (10 if size == 100 else 1000):
                return left * size + right
    return None


@lru_cache(maxsize=WORD_CACHE)
def _nl_and_a_half(word: str) -> Fraction | None:
    """tweeënhalf (2.5), drieënhalf."""
    head, found, tail = word.rpartition("nhalf")
    if found and not tail and head[-1:] in ("e", "ë") and (whole := _nl_cardinal(head[:-1])) is not None:
        return whole + Fraction(1, 2)
    return None


@lru_cache(maxsize=WORD_CACHE)
def _nl_ordinal(word: str) -> int | None:
    if word == "eerste":
        return 1
    if word == "derde":
        return 3
    for suffix in ("ste", "de"):
        if word.endswith(suffix) and (value := _nl_cardinal(word[: -len(suffix)])) is not None:
            return value
    return None


@lru_cache(maxsize=WORD_CACHE)
def _nl_compound(word: str) -> int | None:
    """A number word joined to a unit: tweejarig (two-year), driedaagse, tweemaal. Not -tal: elftal is a team."""
    for suffix in NL_COMPOUND_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            head = word[: -len(suffix)]
            return 1 if head in ("een", "één") else _nl_cardinal(head)
    return None


def _nl_day(word: str) -> int | None:
    for name, number in NL_DAYS.items():
        if word.startswith(name) and word[len(name):] in NL_DAY_PARTS:
            return number
    return None


def _nl_digits(text: str) -> frozenset:
    """Digits in Dutch conventions: 12.000, 3,5, 1.234,56, 20.30 (a time), 8:30."""
    if DUTCH_DECIMAL.fullmatch(text):
        return _n(Fraction(text.replace(".", "").replace(",", ".")))
    if THOUSANDS_DOT.fullmatch(text):
        return _n(int(text.replace(".", "")))
    clock = CLOCK.fullmatch(text)
    if clock and int(clock.group(1)) <= 24 and int(clock.group(2)) < 60:
        time = _clock(int(clock.group(1)), int(clock.group(2)))
        return time if ":" in text else time | _n(Fraction(text))
    if DECIMAL_POINT.fullmatch(text):
        return _n(Fraction(text))
    return _n(int(text)) if NUMBER_ONLY.fullmatch(text) else frozenset()


def dutch_numbers(text: str) -> list[Item]:
    """The numbers of a Dutch text, read in Dutch conventions."""
    text = _plain(text)
    tokens = _tokens(text)
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        item, used = _dutch_item(text, tokens, i)
        if item is not None and item.keys:
            items.append(item)
        i += used
    return items


def _dutch_item(text: str, tokens: list[_Token], i: int) -> tuple[Item | None, int]:
    """The item that starts at token i, if any, and how many tokens it takes."""
    token = tokens[i]
    word = token.lower
    previous = tokens[i - 1].lower if i else ""
    if token.number:
        if _identifier(text, token):
            return None, 1
        keys = _nl_digits(token.text)
        return _nl_modified(text, tokens, i, keys, False)
    if not _nl_relevant(word):
        return None, 1
    if word == "half" and _scale_after(tokens, i, NL_SCALES):  # een half miljard
        return Item(_span(text, tokens, i, i + 2), _n(Fraction(NL_SCALES[tokens[i + 1].lower], 2))), 2
    if word in ("half", "kwart"):
        return _nl_clock_phrase(text, tokens, i)
    if word == "middernacht":
        return Item(token.text, _clock(0, 0, exact=True)), 1
    if word == "anderhalf":
        return _nl_modified(text, tokens, i, _n(Fraction(3, 2)), True)
    if word in NL_MONTHS or (word in NL_MONTH_ABBREVIATIONS and _next_to_number(tokens, i)):
        return Item(token.text, frozenset({("month", NL_MONTHS.get(word) or NL_MONTH_ABBREVIATIONS[word])})), 1
    if (day := _nl_day(word)) is not None:
        return Item(token.text, frozenset({("day", day)})), 1
    if _spelled_name(tokens, i, text) or previous in VAGUE:
        return None, 1
    if word in ("één", "eén") or (word == "een" and _scale_after(tokens, i, NL_SCALES)):
        return _nl_modified(text, tokens, i, _n(1), word != "een")
    if (value := _nl_cardinal(word)) is not None:
        return _nl_modified(text, tokens, i, _n(value), False)
    if (half := _nl_and_a_half(word)) is not None:
        return _nl_modified(text, tokens, i, _n(half), False)
    if (value := _nl_ordinal(word)) is not None:
        return Item(token.text, _n(value), soft=value == 1 or previous not in NL_DETERMINERS), 1
    if (value := _nl_compound(word)) is not None:
        return Item(token.text, _n(value), soft=value == 1), 1
    return None, 1


@lru_cache(maxsize=WORD_CACHE)
def _nl_relevant(word: str) -> bool:
    """Whether a Dutch word can start a number: most words cannot, and are passed over at once."""
    return (word in NL_SPECIAL or word in NL_MONTHS or word in NL_MONTH_ABBREVIATIONS or _nl_day(word) is not None
            or _nl_cardinal(word) is not None or _nl_ordinal(word) is not None or _nl_compound(word) is not None
            or _nl_and_a_half(word) is not None)


NL_SPECIAL = {"half", "kwart", "anderhalf", "één", "eén", "een", "middernacht"}


def _nl_modified(text: str, tokens: list[_Token], i: int, keys: frozenset, soft: bool) -> tuple[Item, int]:
    """A number and what follows it: "en een half" (drie en een half), a scale word (3,5 miljoen) or "uur"
    (8 uur, 20.30 uur)."""
    j = i + 1
    if [t.lower for t in tokens[j:j + 3]] == ["en", "een", "half"]:
        keys, soft, j = frozenset(("n", key[1] + Fraction(1, 2)) for key in keys if key[0] == "n"), False, j + 3
    following = tokens[j].lower if j < len(tokens) else ""
    if following in NL_SCALES:
        return Item(_span(text, tokens, i, j + 1), _scaled(keys, NL_SCALES[following])), j + 1 - i
    if following == "uur" and keys and j == i + 1:
        times = frozenset(key for key in keys if key[0] == "time")
        whole = [int(key[1]) for key in keys if key[0] == "n" and key[1].denominator == 1 and key[1] <= 24]
        if times:
            return Item(_span(text, tokens, i, j + 1), times), 2
        if whole:
            return Item(_span(text, tokens, i, j + 1), keys | _clock(whole[0], 0), soft), 2
    if j > i + 1:
        return Item(_span(text, tokens, i, j), keys, soft), j - i
    return Item(_written(text, tokens[i]), keys, soft), 1


def _nl_clock_phrase(text: str, tokens: list[_Token], i: int) -> tuple[Item | None, int]:
    """half acht (7:30), kwart over negen (9:15), kwart voor elf (10:45)."""
    words = [t.lower for t in tokens[i:i + 3]]
    if words[0] == "half" and len(words) > 1 and 1 <= (hour := _hour(tokens[i + 1])) <= 12:
        return Item(_span(text, tokens, i, i + 2), _clock(hour - 1 or 12, 30)), 2
    if words[0] == "kwart" and len(words) > 2 and words[1] in ("over", "voor") and 1 <= _hour(tokens[i + 2]) <= 12:
        hour = _hour(tokens[i + 2])
        keys = _clock(hour, 15) if words[1] == "over" else _clock(hour - 1 or 12, 45)
        return Item(_span(text, tokens, i, i + 3), keys), 3
    return None, 1


def _hour(token: _Token) -> int:
    if token.number:
        return int(token.text) if NUMBER_ONLY.fullmatch(token.text) else -1
    value = _nl_cardinal(token.lower) if token.lower != "een" else 1
    if value is None:
        value = EN_SMALL.get(token.lower, 1 if token.lower == "one" else -1)
    return value


# English


def _en_digits(text: str) -> frozenset:
    """Digits in English conventions; a Dutch-looking form copied by the model is read both ways."""
    if THOUSANDS_COMMA.fullmatch(text):
        return _n(Fraction(text.replace(",", "")))
    if DUTCH_DECIMAL.fullmatch(text):  # "3,5" (comma and one or two digits): a Dutch decimal left as it was
        return _n(Fraction(text.replace(".", "").replace(",", ".")))
    keys = frozenset()
    clock = CLOCK.fullmatch(text)
    if clock and int(clock.group(1)) <= 24 and int(clock.group(2)) < 60:
        keys = _clock(int(clock.group(1)), int(clock.group(2)))
        if ":" in text:
            return keys
    if THOUSANDS_DOT.fullmatch(text):  # "12.000": 12 to an English reader, 12,000 as a Dutch copy
        keys |= _n(int(text.replace(".", "")))
    if DECIMAL_POINT.fullmatch(text):
        return keys | _n(Fraction(text))
    return _n(int(text)) if NUMBER_ONLY.fullmatch(text) else keys


def english_numbers(text: str, source: str = "") -> list[Item]:
    """The numbers of an English text, read in English conventions. A number word that the source (the
    Dutch) also holds is a word there, not a number: Ten Hag, "ten" in Erik ten Hag."""
    text = _plain(text)
    tokens = _tokens(text)
    source = source.lower()
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        item, used = _english_item(text, tokens, i, source)
        if item is not None and item.keys:
            items.append(item)
        i += used
    return items


def _english_item(text: str, tokens: list[_Token], i: int, source: str) -> tuple[Item | None, int]:
    token = tokens[i]
    word = token.lower.removesuffix("'s").removesuffix("’s")
    previous = tokens[i - 1].lower if i else ""
    if token.number:
        return (None, 1) if _identifier(text, token) else _en_number(text, tokens, i)
    if not _en_relevant(word):
        return None, 1
    if word == "half" and [t.lower for t in tokens[i + 1:i + 2]] == ["a"] and _scale_after(tokens, i + 1, EN_SCALES):
        return Item(_span(text, tokens, i, i + 3), _n(Fraction(EN_SCALES[tokens[i + 2].lower], 2))), 3
    if word in ("half", "quarter", "a", "noon", "midnight"):
        item, used = _en_clock_phrase(text, tokens, i)
        if item is not None:
            return item, used
    if word in EN_MONTHS and token.text[0].isupper() and (word not in ("may", "march") or previous in EN_MONTH_CUES
                                                          or _next_to_number(tokens, i)):
        return Item(token.text, frozenset({("month", EN_MONTHS[word])})), 1
    if word in EN_MONTH_ABBREVIATIONS and token.text[0].isupper() and _next_to_number(tokens, i):
        return Item(token.text, frozenset({("month", EN_MONTH_ABBREVIATIONS[word])})), 1
    if (day := EN_DAYS.get(word.removesuffix("s"))) and token.text[0].isupper():
        return Item(token.text, frozenset({("day", day)})), 1
    if _spelled_name(tokens, i, text) or previous in VAGUE or (word in source and _has_word(source, word)):
        return None, 1
    if word in EN_DECADES:
        return Item(token.text, _n(EN_DECADES[word])), 1
    if word in EN_TIMES:
        return Item(token.text, _n(EN_TIMES[word])), 1
    if word == "once":
        return Item(token.text, _n(1), soft=True), 1
    if word in EN_ORDINALS:
        return Item(token.text, _n(EN_ORDINALS[word]), soft=EN_ORDINALS[word] == 1 or previous not in EN_DETERMINERS), 1
    if word in EN_SMALL or word == "one" or (word in ("a", "an") and _scale_after(tokens, i, A_SCALES)):
        return _en_words(text, tokens, i)
    return None, 1


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


A_SCALES = {**EN_SCALES, "hundred": 100}  # a hundred, a million
EN_UNITS = {**EN_SMALL, "one": 1}
EN_WORD_SCALES = {word: size for word, size in EN_SCALES.items() if word not in ("mn", "bn", "tn")}
EN_RELEVANT = {"half", "quarter", "a", "an", "noon", "midnight", "once", "one", *EN_MONTHS, *EN_MONTH_ABBREVIATIONS,
               *EN_DAYS, *(day + "s" for day in EN_DAYS), *EN_DECADES, *EN_TIMES, *EN_ORDINALS, *EN_SMALL}


def _en_relevant(word: str) -> bool:
    """Whether an English word can start a number: most words cannot, and are passed over at once."""
    return word in EN_RELEVANT


def _en_number(text: str, tokens: list[_Token], i: int) -> tuple[Item, int]:
    """Digits and what follows them: am/pm, o'clock, a scale word (3.5 million, €3m), a decade (1980s)."""
    token = tokens[i]
    keys = _en_digits(token.text)
    after = text[token.end:]
    meridiem = AM_PM.match(after)
    if meridiem:
        hour, minute = _hour_minute(token.text)
        if 1 <= hour <= 12:
            hour = hour % 12 + (12 if meridiem.group(1).lower() == "p" else 0)
            end = token.end + meridiem.end()
            used = 1 + sum(1 for t in tokens[i + 1:] if t.end <= end)
            return Item(text[token.start:end].rstrip("."), _clock(hour, minute, exact=True)), used
    following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if following == "o'clock" or following == "o’clock":
        hour = _hour_minute(token.text)[0]
        return Item(_span(text, tokens, i, i + 2), keys | _clock(hour, 0)), 2
    if following in EN_SCALES:
        return Item(_span(text, tokens, i, i + 2), _scaled(keys, EN_SCALES[following])), 2
    attached = ATTACHED_SCALE.match(after)
    if attached and text[max(0, token.start - 2):token.start].strip() in tuple(CURRENCY):
        used = 2 if i + 1 < len(tokens) and tokens[i + 1].start == token.end else 1
        return Item(text[token.start:token.end + attached.end()],
                    _scaled(keys, ATTACHED_SCALES[attached.group(1)])), used
    if after[:1] == "s" and DECADE.fullmatch(token.text):
        return Item(token.text + "s", keys | _n(int(token.text[2:]))), 1  # the 1980s, the eighties
    return Item(_written(text, token), keys), 1


def _scaled(keys: frozenset, scale: int) -> frozenset:
    return frozenset(("n", key[1] * scale) for key in keys if key[0] == "n")


def _hour_minute(text: str) -> tuple[int, int]:
    clock = CLOCK.fullmatch(text)
    if clock:
        return int(clock.group(1)), int(clock.group(2))
    return (int(text), 0) if NUMBER_ONLY.fullmatch(text) else (-1, 0)


def _en_words(text: str, tokens: list[_Token], i: int) -> tuple[Item | None, int]:
    """A run of number words: twenty-five, two hundred and fifty, a million, one and a half, three o'clock.
    One (and one and a half) is soft, as "one" and "a" are in Dutch."""
    total, current, j = 0, 0, i
    if tokens[i].lower in ("one", "a", "an"):
        current, j = 1, i + 1
    while j < len(tokens):
        word = tokens[j].lower
        value = EN_UNITS.get(word)
        if value is not None and _continues(current, value):
            current += value
        elif word == "hundred" and current:
            current *= 100
        elif word in EN_WORD_SCALES and (current or total):
            total, current = total + (current or 1) * EN_WORD_SCALES[word], 0
        elif word == "and" and current >= 100 and j + 1 < len(tokens) and tokens[j + 1].lower in EN_UNITS:
            pass
        elif word in EN_ORDINALS and 20 <= current < 100 and current % 10 == 0 and EN_ORDINALS[word] < 10:
            current, j = current + EN_ORDINALS[word], j + 1  # twenty-first
            break
        else:
            break
        j += 1
    value = Fraction(total + current)
    if [t.lower for t in tokens[j:j + 3]] == ["and", "a", "half"]:
        value, j = value + Fraction(1, 2), j + 3
        if j < len(tokens) and tokens[j].lower in EN_WORD_SCALES:  # two and a half million
            value, j = value * EN_WORD_SCALES[tokens[j].lower], j + 1
    if j == i or (value == 1 and tokens[i].lower in ("a", "an")):
        return None, 1
    soft = value in (1, Fraction(3, 2))
    if j < len(tokens) and tokens[j].lower in ("o'clock", "o’clock") and value.denominator == 1:
        return Item(_span(text, tokens, i, j + 1), _n(value) | _clock(int(value), 0), soft), j + 1 - i
    return Item(_span(text, tokens, i, j), _n(value), soft), j - i


def _continues(current: int, value: int) -> bool:
    """Whether a number word adds to the run so far: twenty-five, a hundred and fifty; not two-nil."""
    last = current % 100
    return last == 0 or (last >= 20 and last % 10 == 0 and 0 < value < 10)


def _en_clock_phrase(text: str, tokens: list[_Token], i: int) -> tuple[Item | None, int]:
    """half past nine (9:30), (a) quarter past nine (9:15), (a) quarter to eleven (10:45), noon, midnight."""
    words = [t.lower for t in tokens[i:i + 4]]
    if words[0] == "noon":
        return Item(tokens[i].text, _clock(12, 0, exact=True)), 1
    if words[0] == "midnight":
        return Item(tokens[i].text, _clock(0, 0, exact=True)), 1
    start = 1 if words[0] == "a" else 0
    words = words[start:]
    if len(words) >= 3 and words[0] in ("half", "quarter") and words[1] in ("past", "to"):
        hour = _hour(tokens[i + start + 2])
        if 1 <= hour <= 12:
            minute = {"half": 30, "quarter": 15}[words[0]]
            keys = _clock(hour, minute) if words[1] == "past" else _clock(hour - 1 or 12, 60 - minute)
            return Item(_span(text, tokens, i, i + start + 3), keys), start + 3
    return None, 1


# Shared


def _written(text: str, token: _Token) -> str:
    """A figure as written, with the letters joined to it: 21ste, 3rd, 100m."""
    suffix = SUFFIX.match(text, token.end)
    return text[token.start:suffix.end()] if suffix else token.text


SUFFIX = re.compile(r"[^\W\d_]{1,4}\b")


def _span(text: str, tokens: list[_Token], i: int, j: int) -> str:
    return text[tokens[i].start:tokens[j - 1].end]


def _next_to_number(tokens: list[_Token], i: int) -> bool:
    return any(0 <= k < len(tokens) and tokens[k].number for k in (i - 1, i + 1))


def _scale_after(tokens: list[_Token], i: int, scales: dict) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].lower in scales


def _match(left: list[Item], right: list[Item]) -> tuple[list[Item], list[Item]]:
    """The items of each side that the other side cannot account for (a maximum bipartite matching;
    hard items are matched first, so that a soft one never takes the only partner of a hard one)."""
    order = sorted(range(len(left)), key=lambda k: left[k].soft)
    partner: dict[int, int] = {}  # right index -> left index

    def augment(k: int, seen: set[int]) -> bool:
        for r in sorted(range(len(right)), key=lambda r: right[r].soft):
            if r not in seen and left[k].keys & right[r].keys:
                seen.add(r)
                if r not in partner or augment(partner[r], seen):
                    partner[r] = k
                    return True
        return False

    matched_left = {k for k in order if augment(k, set())}
    return ([item for k, item in enumerate(left) if k not in matched_left],
            [item for r, item in enumerate(right) if r not in partner])


def _describe(item: Item) -> str:
    """The text as written, with the value it was read as where that is not obvious: 3,5 miljoen (3500000)."""
    values = sorted(str(key[1]) if key[1].denominator == 1 else str(float(key[1]))
                    for key in item.keys if key[0] == "n")
    if len(values) == 1 and len(item.keys) == 1 and values[0] != item.text:
        return f"{item.text} ({values[0]})"
    return item.text


def numbers_finding(nl: str, en: str) -> str | None:
    """What differs between the numbers of the two sides, or None."""
    missing, new = _match(dutch_numbers(nl), english_numbers(en, nl))
    missing, new = [i for i in missing if not i.soft], [i for i in new if not i.soft]
    if not missing and not new:
        return None
    return "; ".join([*(f"{_describe(item)} missing" for item in missing), *(f"{item.text} new" for item in new)])


# --- Names ------------------------------------------------------------------------------------------------

NAME_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")
PARTICLES = {"de", "van", "der", "den", "von", "ten", "ter", "te", "la", "le", "du", "da", "di", "del", "al", "el",
             "bin", "ibn", "'t", "’t"}
# Capitalised at the start of a sentence these are the start of a name, never an article: Den Haag, Ten Hag.
OPENING_PARTICLES = {"den", "ten", "ter"}
ROMAN = re.compile(r"[IVX]{1,5}")
POSSESSIVE = re.compile(r"['’]s$|['’]$")


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


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    previous_end = 0
    for match in NAME_WORD.finditer(text):
        word = match.group()
        gap = text[previous_end:match.start()]
        opening = not words or _opening_gap(gap)
        capital = not word.islower() and not word.isdigit()
        words.append(tuple.__new__(_Word, (word, _key(word), match.start(), match.end(), capital, opening)))
        previous_end = match.end()
    return words


def _name_word(words: list[_Word], i: int) -> bool:
    word = words[i]
    if not word.capital or len(word.text) < 2 or ROMAN.fullmatch(word.text) or word.text[0].isdigit():
        return False
    if not word.opening:
        return True
    following = words[i + 1] if i + 1 < len(words) else None
    return word.key in OPENING_PARTICLES and bool(following and following.capital and not following.opening)


@cache
def name_table() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """translate/data/names.tsv: Dutch name -> its English names, as folded word tuples."""
    text = resources.files("translate").joinpath("data/names.tsv").read_text(encoding="utf-8")
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        dutch, _, english = line.partition("\t")
        alternatives = tuple(_key_words(alt) for alt in english.split("|") if alt.strip())
        table[_key_words(dutch)] = table.get(_key_words(dutch), ()) + alternatives
    return table


def _key_words(text: str) -> tuple[str, ...]:
    return tuple(map(_key, NAME_WORD.findall(text)))


@cache
def _longest_key() -> int:
    return max(map(len, name_table()), default=1)


class _English:
    """The English side, folded for looking names up: as a word set and as one string for phrases."""

    def __init__(self, text: str):
        self.words = list(map(_key, NAME_WORD.findall(text)))
        self.set = set(self.words)
        self.joined = " " + " ".join(self.words) + " "

    def has_phrase(self, words: tuple[str, ...]) -> bool:
        return " " + " ".join(words) + " " in self.joined

    def has_word(self, key: str) -> bool:
        """As written, or nearly: a shared start of 4+ letters and at most 2 letters' difference in the
        shorter word (Brussel ~ Brussels, Russische ~ Russian, Concertgebouworkest ~ Concertgebouw)."""
        if key in self.set:
            return True
        if len(key) < 4:
            return False
        return any(_near(key, word) for word in self.set)


def _near(a: str, b: str) -> bool:
    if len(b) < 4 or a[:4] != b[:4]:
        return False
    shared = 4
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    return shared >= min(len(a), len(b)) - 2


@dataclass(frozen=True)
class Name:
    text: str  # as written in the Dutch: Frenkie de Jong
    words: tuple[str, ...]  # folded: frenkie, de, jong
    required: tuple[str, ...]  # the capitalised ones, each of which the English must hold: frenkie, jong
    english: tuple[tuple[str, ...], ...]  # its English names from the table, folded


def dutch_names(nl: str) -> list[Name]:
    """The names of a Dutch text, each a table entry or capitalised words in a row."""
    words = _words(nl)
    table = name_table()
    names = []
    i = 0
    while i < len(words):
        if not _name_word(words, i):
            i += 1
            continue
        j = _table_entry(words, i, table)
        end = j or _name_end(words, i, table)
        keys = tuple(w.key for w in words[i:end])
        required = tuple(w.key for w in words[i:end] if w.capital)
        names.append(Name(nl[words[i].start:words[end - 1].end], keys, required, table.get(keys, ()) if j else ()))
        i = end
    return names


def _table_entry(words: list[_Word], i: int, table: dict) -> int | None:
    """The end of the longest table entry that starts at word i (Tweede Kamer, Raad van State), or None."""
    for length in range(min(_longest_key(), len(words) - i), 0, -1):
        if tuple(w.key for w in words[i:i + length]) in table:
            return i + length
    return None


def _name_end(words: list[_Word], i: int, table: dict) -> int:
    """Capitalised words in a row, with particles between them: Frenkie de Jong, Ursula von der Leyen; up to a
    table entry after a particle ("Hoekstra van Buitenlandse Zaken" is Hoekstra, then Buitenlandse Zaken)."""
    end = i + 1
    j = end
    while j < len(words):
        if words[j].opening:
            break
        if _name_word(words, j):
            if j > end and _table_entry(words, j, table):
                break
            end = j = j + 1
        elif words[j].key in PARTICLES and not words[j].capital:
            j += 1
        else:
            break
    return end


def _name_present(name: Name, english: _English) -> bool:
    """In the English as one of its table names, as written, or word by word (each also by its table names)."""
    if any(english.has_phrase(alt) for alt in name.english) or english.has_phrase(name.words):
        return True
    table = name_table()
    return all(english.has_word(k) or any(english.has_phrase(alt) for alt in table.get((k,), ()))
               for k in name.required)


def names_finding(nl: str, en: str) -> str | None:
    """The Dutch names that the English neither holds nor renders by a known English name, or None. A Dutch
    text in capitals only (a headline, a shouted quote) says nothing by its capitals, and is not read."""
    if nl.isupper():
        return None
    names = dutch_names(nl)
    if not names:
        return None
    english = _English(en)
    missing = [name.text for name in names if not _name_present(name, english)]
    return "; ".join(f"{name} missing" for name in dict.fromkeys(missing)) or None


# --- Punctuation --------------------------------------------------------------------------------------------

CLITIC = re.compile(r"['‘’](?:s|t|n|k|em|til|tis|twas)(?=[\s-])", re.IGNORECASE)
QUOTE_MARKS = "'‘’\"“”„«»,"


def _quotes_balanced(text: str) -> bool:
    """Double quotes come in pairs (", “ ”, „ “, ,, '', « »); single quotes open and close, apostrophes
    aside (zo'n, auto's, 's avonds, '80, Biden's, and a plural's players' when no quote is open)."""
    if not any(mark in text for mark in QUOTE_MARKS):
        return True
    text = text.replace(",,", "“").replace("''", "”")
    if sum(text.count(mark) for mark in '"“”„«»') % 2:
        return False
    depth = 0
    for k, char in enumerate(text):
        if char not in "'‘’":
            continue
        before, after = text[k - 1:k], text[k + 1:k + 2]
        if _apostrophe(text, k, before, after):
            continue
        if char == "‘" or (char == "'" and _opens(before, after)):
            depth += 1
        elif before == "s" and depth == 0:
            continue  # the players' union
        elif depth == 0:
            return False
        else:
            depth -= 1
    return depth == 0


def _apostrophe(text: str, k: int, before: str, after: str) -> bool:
    """zo'n, don't, Biden's; or before a clitic or digits: 's avonds, 't, '80."""
    if before.isalnum():
        return after.isalpha()
    return bool(CLITIC.match(text, k)) or after.isdigit()


def _opens(before: str, after: str) -> bool:
    """A straight quote opens after a space or an opening mark and before a non-space."""
    return (not before or before.isspace() or before in "([{“\"—–-") and bool(after) and not after.isspace()


def _brackets_balanced(text: str) -> bool:
    for opening, closing in ("()", "[]"):
        if opening not in text and closing not in text:
            continue
        depth = 0
        for char in text:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                return False
        if depth:
            return False
    return True


def punctuation_finding(nl: str, en: str) -> str | None:
    """A question or exclamation that the other side lost or gained, or quotes or brackets that the
    Dutch balances and the English does not; or None."""
    nl, en = _plain(nl), _plain(en)
    problems = []
    for mark, name in (("?", "question mark"), ("!", "exclamation mark")):
        dutch, english = nl.count(mark), en.count(mark)
        if dutch != english:
            problems.append(f"{name} {'lost' if english < dutch else 'added'} ({dutch} in the Dutch, {english} in "
                            "the English)")
    for kind, balanced in (("quotes", _quotes_balanced), ("brackets", _brackets_balanced)):
        if balanced(nl) and not balanced(en):
            problems.append(f"{kind} unbalanced in the English")
    return "; ".join(problems) or None


# --- The checks -------------------------------------------------------------------------------------------


def sentence_findings(nl: str, en: str) -> dict[str, str]:
    """{flag: detail} for the flags numbers, names and punctuation, in that order; empty when all is well.

    An empty side (an empty English is the `empty` flag's business) or an English identical to the Dutch
    (passthrough or `copied`) is not compared.
    """
    if not en.strip() or not nl.strip() or en == nl:
        return {}
    findings = {"numbers": numbers_finding(nl, en), "names": names_finding(nl, en),
                "punctuation": punctuation_finding(nl, en)}
    return {flag: short(detail) for flag, detail in findings.items() if detail}


def summary_findings(summary: str, article_nl: list[str], article_en: list[str]) -> dict[str, str]:
    """{flag: detail} for summary_numbers and summary_names: figures and names in the summary that no
    sentence of the article holds, in English or in Dutch (read in each language's conventions)."""
    findings = {"summary_numbers": _invented_numbers(summary, article_nl, article_en),
                "summary_names": _invented_names(summary, article_nl, article_en)}
    return {flag: short(detail) for flag, detail in findings.items() if detail}


DETAIL_LIMIT = 300  # characters: a detail is read at a glance, beside the sentence


def short(detail: str) -> str:
    """The detail, or, when it is long (a run-on text can hold dozens of names), its first items and a count of
    the rest: "De Jong missing; Rutte missing; and 31 more"."""
    if len(detail) <= DETAIL_LIMIT:
        return detail
    items = detail.split("; ")
    kept = [items[0] if len(items[0]) < DETAIL_LIMIT // 2 else items[0][:DETAIL_LIMIT // 2] + "…"]
    for item in items[1:]:
        if len("; ".join([*kept, item])) > DETAIL_LIMIT - 20:
            break
        kept.append(item)
    return "; ".join(kept) + (f"; and {len(items) - len(kept)} more" if len(kept) < len(items) else "")


def _invented_numbers(summary: str, article_nl: list[str], article_en: list[str]) -> str | None:
    known = {key for text in article_nl for item in dutch_numbers(text) for key in item.keys}
    known |= {key for text in article_en for item in english_numbers(text) for key in item.keys}
    invented = [item.text for item in english_numbers(summary) if not item.soft and not item.keys & known]
    return "; ".join(f"{text} not in the article" for text in dict.fromkeys(invented)) or None


def _invented_names(summary: str, article_nl: list[str], article_en: list[str]) -> str | None:
    article = _English(" ".join([*article_en, *article_nl]))
    for text in article_nl:  # the English names of the article's Dutch names count as said
        for name in dutch_names(text):
            article.set.update(word for alt in name.english for word in alt)
    article.set.update(SAID_ANYWAY)
    invented = [text for text, keys in _english_names(summary) if not all(article.has_word(k) for k in keys)]
    return "; ".join(f"{name} not in the article" for name in dict.fromkeys(invented)) or None


# What a summary of Dutch news may say without the article saying it.
SAID_ANYWAY = {"dutch", "netherlands", "holland"}


def _english_names(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Capitalised English words in a row, not opening a sentence and not a month or a weekday."""
    words = _words(text)
    names = []
    i = 0
    while i < len(words):
        word = words[i]
        if not _english_name_word(word):
            i += 1
            continue
        end = i + 1
        while end < len(words) and _english_name_word(words[end]):
            end += 1
        names.append((text[word.start:words[end - 1].end], tuple(w.key for w in words[i:end])))
        i = end
    return names


def _english_name_word(word: _Word) -> bool:
    return (word.capital and not word.opening and len(word.text) > 1 and not word.text[0].isdigit()
            and word.key not in EN_MONTHS and word.key.removesuffix("s") not in EN_DAYS)


# --- Consistency ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InconsistentGroup:
    nl: str  # the Dutch, normalised
    members: tuple[int, ...]  # positions of its pairs in the input, ascending
    translations: int  # how many different English texts they have


def normalise(text: str) -> str:
    """NFC, whitespace runs as one space, no space at the ends: what counts as "the same sentence"."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def inconsistent_groups(pairs: Iterable[tuple[str, str]]) -> list[InconsistentGroup]:
    """The groups of pairs with the same Dutch (normalised) and more than one English, in order of first
    occurrence. One pass, a dict from Dutch to positions and English texts: linear in the pairs."""
    seen: dict[str, tuple[list[int], set[str]]] = {}
    for position, (nl, en) in enumerate(pairs):
        members, english = seen.setdefault(normalise(nl), ([], set()))
        members.append(position)
        english.add(normalise(en))
    return [InconsistentGroup(nl, tuple(members), len(english))
            for nl, (members, english) in seen.items() if len(english) > 1 and nl]
