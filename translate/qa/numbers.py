"""The numbers check: the figures, amounts, times and dates of the Dutch and of the English, read in each
language's conventions, and what one side holds that the other does not.

`3,5 miljoen` = `3.5 million`, `12.000` = `12,000`, `20.30 uur` = `8.30 pm`, `derde` = `3rd`, `twintig` = `20`,
month and day names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from translate.qa.reading import WORD_CACHE, _opening_gap, _plain, _Token, _tokens
from translate.qa.shares import dutch_shares, english_shares, same_shares
from translate.qa.units import (
    BRACKETED_TOLERANCE,
    CURRENCY,
    TOLERANCE,
    Quantity,
    converted,
    english_quantities,
    same_dimension,
)
from translate.qa.units import NL_UNITS as NL_UNITS_OF_MEASURE
from translate.qa.words import EN_SMALL, NL_TEENS, NL_TENS, NL_UNITS

#
# A number becomes an Item: its text as written, and the set of keys it may stand for. Keys are
# ("n", value), ("time", hour, minute), ("month", m) or ("day", d). Two items match when their key sets
# meet, so "8 uur" (8 hours, 8:00 or 20:00) matches "8 hours", "8 am" and "8 pm" alike. Soft items
# (one, first, één, eerste, anderhalf) are matched when they can be but never flagged: "één" is as
# often "a" as "one", and "first" is as often an adverb as an ordinal.

NUMBER_ONLY = re.compile(r"\d+")
THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")
THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
DUTCH_DECIMAL = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+),\d+")
DECIMAL_POINT = re.compile(r"\d+\.\d+")
CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")
# A race's or a match's time that no clock shows: 2:01:39 (2.01.39 in Dutch), 60:33 (minutes over 24); in Dutch
# with parts of a second, 1.36,015; in English, 1min 36.015sec.
STOPWATCH = re.compile(r"(\d{1,2})[.:]([0-5]\d)[.:]([0-5]\d)|(\d{2,3}):([0-5]\d)")
NL_RACE_TIME = re.compile(r"(\d{1,2})[.:]([0-5]\d),(\d{1,3})")
EN_RACE_TIME = re.compile(r"(\d{1,2}):([0-5]\d)\.(\d{1,3})")
EN_MINUTES_SECONDS = re.compile(r"\s?min\s+(\d{1,2}(?:\.\d+)?)\s?sec\b")
AM_PM = re.compile(r"\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
REGNAL = re.compile(r"[IVX]{2,6}")  # the XIV of Lodewijk XIV (two letters or more: not the I of a list)
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
FOUR_DIGIT_TIME = re.compile(r"([01]\d|2[0-3])([0-5]\d)")  # 2320 before a time zone: 23.20 uur
TIME_ZONE_AFTER = re.compile(r"\s*(?:GMT|UTC|ET|EST|EDT|BST|CET|CEST|PT|PST|PDT|hrs)\b")
MILITARY_TIME = re.compile(r"0\d[0-5]\d")  # a time of day in four digits with a leading zero: 0430, 0500
NL_UNIT_WORDS = "|".join(sorted(map(re.escape, NL_UNITS_OF_MEASURE), key=len, reverse=True))
SPACED_FRACTION = re.compile(r" ([13])/([24])(?![\d/])")  # 4 1/2, 2 3/4: a whole number and a fraction
CLOCK_RANGE = re.compile(r"\s?[-–]\s?\d{1,2}(?:[:.]\d\d)?")  # the -8 of 6-8 p.m.
ATTACHED_SCALE = re.compile(r"(bn|mn|m|k|K|M)\b")
# 1 000 000, as the EU, SI and much of Europe group digits: by a space (often a no-break or thin one)
SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d)")
GROUP_SPACE = re.compile(r"\d[ \u00a0\u2009\u202f]\d{3}")
DECADE = re.compile(r"(?:1\d|20)\d0")

# Numbers in a manner of speaking: open 24/7, the odds are 50/50, running 24 hours a day (de klok rond).
EN_IDIOMS = re.compile(r"\b(?:24/7|50/50|24 hours a day)\b")
RANGE_WORDS = {"en", "tot", "à", "of", "a"}  # between two figures of a range: 750 en 900 miljard
# English that says Dutch figures without them: the 9/11 attacks (11 september 2001: the year goes without
# saying), a goalless draw (0-0).
SAID_IN_WORDS = ((re.compile(r"9/11\b"), {"2001"}),
                 (re.compile(r"\b(?:goalless|scoreless|nil-nil)\b", re.IGNORECASE), {"0"}))
# An election's second round, which English calls a run-off: de tweede ronde. Taken out before the figures are
# paired, so that it does not take the English "two" of "the two front-runners" from a Dutch "twee".
EN_RUN_OFF = re.compile(r"\brun-?offs?\b", re.IGNORECASE)
NL_SECOND_ROUND = re.compile(r"\btweede\s+\w*ronde\b", re.IGNORECASE)  # stemronde, verkiezingsronde
SECONDS = re.compile(r"(?<!\w)seconde[n]?(?!\w)")  # the unit in the (lower-cased) Dutch: English "a second" is one
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
               "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
               "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
               "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
               "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000}
EN_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
              "eighties": 80, "nineties": 90, "noughties": 0}
EN_TIMES = {"twice": 2, "thrice": 3}
EN_MULTIPLES = {"double": 2, "triple": 3, "treble": 3}
# Double the number, triple what it was (not a two-run double, baseball's hit).
MULTIPLIED = {"the", "that", "what", "its", "their", "his", "her", "our"}
NL_SCALES = {"duizend": 1000, "miljoen": 10**6, "mln": 10**6, "mio": 10**6, "miljard": 10**9, "mld": 10**9,
             "mrd": 10**9, "biljoen": 10**12}
EN_SCALES = {"thousand": 1000, "million": 10**6, "mn": 10**6, "billion": 10**9, "bn": 10**9, "trillion": 10**12,
             "tn": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}  # Rs 500 crore: 5 miljard
ATTACHED_SCALES = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9}  # 5K and $5M too
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
                        "delige", "delig", "voudige", "voudig", "koppige", "koppig", "maal",
                        "malige", "malig")
# Fractions that open a Dutch compound: tweederdemeerderheid (a two-thirds majority), driekwartfinale.
NL_FRACTION_COMPOUND = re.compile(r"(een|twee|drie|vier|vijf)(derde|vierde|vijfde|kwart)(?=\w{3,}|$)")
FRACTION_PARTS = {"derde": 3, "vierde": 4, "vijfde": 5, "kwart": 4}
# A number as a group or an hour: met z'n drieën (the three of us), in tweeën (in two), na tienen (after ten).
# Soft: "vieren" is also to celebrate.
NL_GROUPS = {"tweeën": 2, "drieën": 3, "vieren": 4, "vijven": 5, "zessen": 6, "zevenen": 7, "achten": 8,
             "negenen": 9, "tienen": 10, "elven": 11, "twaalven": 12}

# The number words that open a compound (driedimensionaal); "achter" (behind) opens more words than "acht" does.
NL_PREFIXES = {**{word: value for word, value in NL_UNITS.items() if word != "een"}, "tien": 10, "elf": 11,
               "twaalf": 12}
NOT_NUMBER_PREFIXES = ("achter",)
# Words that may stand for a number the English gives, or not: beide (the two, both), dubbel (twice, double).
BOX_BEFORE = {"in", "binnen", "buiten", "van", "naar", "uit", "rond"}  # in de zestien: the penalty area
NL_SOFT = {"beide": 2, "beiden": 2, "allebei": 2, "dubbel": 2, "dubbele": 2}
LEADING_FIGURE = re.compile(r"\d[\d.,]*(?=[\s-]?[^\W\d_]+$)")  # the 6 of 6ft, the 480 of 480 miljoen, 300-million
LEADING_WORD = re.compile(r"[^\W\d_]+(?=[\s-][^\W\d_]+$)")  # the vier of vier miljard, the A of A billion
YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)[-–/]$")  # the 2018-19 season: a year range's second year in two digits
VULGAR_FRACTIONS = {"½": Fraction(1, 2), "¼": Fraction(1, 4), "¾": Fraction(3, 4)}
POSSESSIVE_END = re.compile(r"['’]s$")
# Idioms with a number word that counts nothing: alles in het honderd sturen (to make a mess of everything).
NL_IDIOMS = {("in", "het", "honderd")}
# Words that hold number words without counting anything, masked before reading (each letter kept in place)
NL_NUMBER_COMPOUNDS = re.compile(r"\btwee-onder-een-kap", re.IGNORECASE)  # a semi-detached house


# How English names the next one of a count without its ordinal: two vans inside, another (a third) outside.
ANOTHER = re.compile(r"\b(?:another|a further|one more)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    text: str
    keys: frozenset
    soft: bool = False
    ordinal: bool = False  # tweede, second: matched with ordinals first, so that one cannot hide a dropped twee
    counted_on: bool = False  # een derde after twee: the next one, which English also calls "another"



def _n(*values) -> frozenset:
    return frozenset(("n", Fraction(value)) for value in values)


def _seconds(minutes: str, seconds: str) -> frozenset:
    return frozenset({("stopwatch", int(minutes) * 60 + Fraction(seconds))})


def _stopwatch(text: str) -> frozenset:
    """The seconds of a time read off a stopwatch (2:01:39, 60:33), or nothing."""
    match = STOPWATCH.fullmatch(text)
    if not match:
        return frozenset()
    hours, minutes, seconds = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (
        "0", match.group(4), match.group(5))
    if not match.group(1) and int(minutes) <= 24:
        return frozenset()  # 12:33: a time of day
    return frozenset({("stopwatch", int(hours) * 3600 + int(minutes) * 60 + int(seconds))})


def _clock(hour: int, minute: int, exact: bool = False) -> frozenset:
    """A time of day; without am/pm (exact=False) an hour up to 12 may be morning or evening."""
    hours = {hour % 24} if exact or hour > 12 or hour == 0 else {hour % 24, (hour + 12) % 24}
    return frozenset(("time", h, minute) for h in hours)


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
    if not token.text[0].isupper():  # Erik ten Hag; not Martelly's fifth CEP, whose possessive ends the name, nor
        # bij de Krim drie Oekraïense schepen: only the particle ten is a number word in lower case inside a name
        return token.lower == "ten" and capital_after and bool(previous and previous.text[0].isupper()) \
            and previous.lower not in DETERMINERS \
            and not POSSESSIVE_END.search(previous.text) \
            and text[previous.end:token.start].isspace()  # not a list: 18 Canadezen, negen Ethiopiërs
    if not _opening(text, tokens, i):
        return True
    return capital_after and token.lower in ORDINAL_NAME_STARTS


def _nl_idiom(tokens: list[_Token], i: int) -> bool:
    return any(i >= len(idiom) - 1 and tuple(t.lower for t in tokens[i - len(idiom) + 1:i + 1]) == idiom
               for idiom in NL_IDIOMS)


def _opening(text: str, tokens: list[_Token], i: int) -> bool:
    """The token opens a sentence, a quotation or a clause after a colon or a dateline dash."""
    if i == 0:
        return not text[:tokens[0].start].strip(" \t\"'‘“„«(,")
    return _opening_gap(text[tokens[i - 1].end:tokens[i].start])


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
    """tweeënhalf (2.5), drieënhalf, tweeënhalve (before a noun: tweeënhalve lengte)."""
    word = word[:-5] + "half" if word.endswith("nhalve") else word
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
    """A number word joined to a unit: tweejarig (two-year), driedaagse, tweemaal (-tal is soft: elftal is a team)."""
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


def _space_grouped(text: str, separator: str) -> str:
    """The text with digits grouped by spaces (EUR 25 000) grouped by the language's own separator instead: one
    figure, not three. Each space becomes one character, so every place in the text stays where it was."""
    if not GROUP_SPACE.search(text):  # most texts: one quick scan, no substitution
        return text
    return SPACE_GROUPED.sub(lambda match: _group_read(match, separator), text)


def _groups_read(text: str, separator: str) -> dict[str, str]:
    """Each figure grouped by spaces, as _space_grouped reads it -> as written."""
    if not GROUP_SPACE.search(text):
        return {}
    return {_group_read(match, separator): match.group() for match in SPACE_GROUPED.finditer(text)}


def _group_read(match: re.Match, separator: str) -> str:
    return re.sub(r"\s", separator, match.group())


def _nl_digits(text: str) -> frozenset:
    """Digits in Dutch conventions: 12.000, 3,5, 1.234,56, 20.30 (a time), 8:30; 17½."""
    if text[-1] in VULGAR_FRACTIONS:
        return _with_fraction(text, _nl_digits)
    if DUTCH_DECIMAL.fullmatch(text):
        return _n(Fraction(text.replace(".", "").replace(",", ".")))
    if watch := _stopwatch(text):
        return watch
    if race := NL_RACE_TIME.fullmatch(text) or EN_RACE_TIME.fullmatch(text):  # 1.36,015 (a lap), 14.46,12 (a
        return _seconds(race.group(1), race.group(2) + "." + race.group(3))  # 5000 metres); as English writes, 2:07.84
    if THOUSANDS_DOT.fullmatch(text):
        return _n(int(text.replace(".", "")))
    clock = CLOCK.fullmatch(text)
    if clock and int(clock.group(1)) <= 24 and int(clock.group(2)) < 60:
        time = _clock(int(clock.group(1)), int(clock.group(2)))
        return time if ":" in text else time | _n(Fraction(text))
    if clock and int(clock.group(2)) < 60:  # 61.06: no time of day, a half marathon's 61 minutes and 6 seconds
        return _n(Fraction(text)) | _seconds(clock.group(1), clock.group(2))
    if DECIMAL_POINT.fullmatch(text):
        return _n(Fraction(text))
    return _n(int(text)) if NUMBER_ONLY.fullmatch(text) else frozenset()


def dutch_numbers(text: str) -> list[Item]:
    """The numbers of a Dutch text, read in Dutch conventions."""
    text = NL_NUMBER_COMPOUNDS.sub(lambda match: "x" * len(match.group()), _space_grouped(_plain(text), "."))
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
    if previous == "jaren" and (decade := _century_decade(tokens, i)):
        year, used = decade
        return Item(_span(text, tokens, i - 1, i + used), _n(year)), used  # the 1830s, not the 1930s
    if token.number:
        if _identifier(text, token):
            return None, 1
        keys = _nl_digits(token.text) | _elided_year(text, token)
        return _nl_modified(text, tokens, i, keys, False)
    if i and REGNAL.fullmatch(token.text) and tokens[i - 1].text[:1].isupper() and not tokens[i - 1].number:
        return Item(token.text, _n(_roman(token.text)), soft=True, ordinal=True), 1  # Lodewijk XIV, Louis the 14th
    if not _nl_relevant(word) or (word == "nul" and previous in ("onder", "boven")):
        return None, 1  # 5 graden onder nul: minus 5 degrees, no zero
    if word in ("half", "kwart") and _scale_after(tokens, i, NL_SCALES):  # een half miljard, een kwart miljoen
        share = 2 if word == "half" else 4
        return Item(_span(text, tokens, i, i + 2), _n(Fraction(NL_SCALES[tokens[i + 1].lower], share))), 2
    if word in ("half", "kwart"):
        return _nl_clock_phrase(text, tokens, i)
    if word == "middernacht":
        return Item(token.text, _clock(0, 0, exact=True)), 1
    if word == "middaguur":  # rond het middaguur, around noon
        return Item(token.text, _clock(12, 0, exact=True)), 1
    if word in ("anderhalf", "anderhalve"):
        return _nl_modified(text, tokens, i, _n(Fraction(3, 2)), True)
    if word in NL_MONTHS and token.text[0].isupper() and not _next_to_number(tokens, i) \
            and (not _opening(text, tokens, i) or _before_name(tokens, i)):
        return None, 1  # keizer Augustus: Dutch writes its months in lower case, a capital inside a sentence is a name
    if word in NL_MONTHS or (word in NL_MONTH_ABBREVIATIONS and _next_to_number(tokens, i)):
        return Item(token.text, frozenset({("month", NL_MONTHS.get(word) or NL_MONTH_ABBREVIATIONS[word])})), 1
    if (month := _nl_month_compound(word)) is not None:  # de decembermaand
        return Item(token.text, frozenset({("month", month)})), 1
    if (day := _nl_day(word)) is not None:
        return Item(token.text, frozenset({("day", day)})), 1
    if _spelled_name(tokens, i, text) or previous in VAGUE or _nl_idiom(tokens, i):
        return None, 1
    if word in ("decennium", "decennia"):
        return Item(token.text, _n(10), soft=True), 1
    if word in NL_GROUPS:
        return Item(token.text, _n(NL_GROUPS[word]), soft=True), 1
    if word.endswith("tal") and (value := _nl_cardinal(word[:-3])) is not None:
        return Item(token.text, _n(value), soft=True), 1  # een tiental (about ten), het elftal (the team, the XI)
    if word == "dozijn":
        return _nl_modified(text, tokens, i, _n(12), False)
    if (age := _nl_age(word)) is not None:  # een jonge twintiger, in his early 20s
        return Item(token.text, _n(age)), 1
    if (opening := _op_na(tokens, i)) and (rank := 1 if word in ("een", "één", "eén") else _nl_cardinal(word)):
        return Item(_span(text, tokens, opening, i + 2), _n(rank + 1), ordinal=True), 2  # op twee na grootste: third
    if word in ("één", "eén") or (word == "een" and _scale_after(tokens, i, NL_SCALES)):
        return _nl_modified(text, tokens, i, _n(1), word != "een")
    if word in ("zo'n", "zo’n"):  # zo'n miljoen voetbalvelden, about a million football pitches
        return _nl_modified(text, tokens, i, _n(1), False) if _scale_after(tokens, i, NL_SCALES) else (None, 1)
    if word == "een":  # the article: as soft as "one" (een van de vier, 1-of-4 players)
        return Item(token.text, _n(1), soft=True), 1
    if word in NL_SOFT:  # de beide Korea's, the two Koreas; soft, as "both" is no number in English
        return Item(token.text, _n(NL_SOFT[word]), soft=True), 1
    if (value := _nl_cardinal(word)) is not None:
        if previous == "over" and i + 1 < len(tokens) and tokens[i + 1].lower == "wedstrijden":
            return Item(token.text, _n(value), soft=True), 1  # over twee wedstrijden: on aggregate
        if word == "zestien" and previous == "de" and i > 1 and tokens[i - 2].lower in BOX_BEFORE:
            return Item(token.text, _n(value), soft=True), 1  # in de zestien: in the box (the penalty area)
        return _nl_modified(text, tokens, i, _n(value), False)
    if (half := _nl_and_a_half(word)) is not None:
        return _nl_modified(text, tokens, i, _n(half), False)
    if (value := _nl_ordinal(word)) is not None:
        post = i + 1 < len(tokens) and tokens[i + 1].lower == "paal"  # aan de tweede paal: at the back post
        return Item(token.text, _n(value), soft=value == 1 or previous not in NL_DETERMINERS or post, ordinal=True,
                    counted_on=previous == "een" and _counted_before(tokens, i - 1, value - 1)), 1
    if fraction := NL_FRACTION_COMPOUND.match(word):
        numerator = NL_UNITS.get(fraction.group(1), 1)
        return Item(token.text, _n(numerator, Fraction(numerator, FRACTION_PARTS[fraction.group(2)]))), 1
    if (value := _nl_compound(word)) is not None:
        return Item(token.text, _n(value), soft=value == 1), 1
    if (value := _nl_number_prefix(word)) is not None:  # driedimensionaal, three-dimensional; tweetalig, bilingual
        return Item(token.text, _n(value), soft=True), 1
    return None, 1


def _with_fraction(text: str, digits) -> frozenset:
    """A figure ending in a fraction's sign (17½ is 17.5), its whole part read by `digits`."""
    fraction = VULGAR_FRACTIONS[text[-1]]
    wholes = digits(text[:-1])
    return frozenset(("n", key[1] + fraction) for key in wholes if key[0] == "n")


def _elided_year(text: str, token: _Token) -> frozenset:
    """'99, in '80s: two digits after an apostrophe that opens a word are a year of either century."""
    if len(token.text) != 2 or not token.text.isdigit() or text[token.start - 1:token.start] not in ("'", "’") \
            or (token.start >= 2 and text[token.start - 2].isalnum()):
        return frozenset()
    return _n(1900 + int(token.text), 2000 + int(token.text))


def _roman(numeral: str) -> int:
    values = [ROMAN_VALUES[letter] for letter in numeral]
    return sum(-v if k + 1 < len(values) and v < values[k + 1] else v for k, v in enumerate(values))


def _counted_before(tokens: list[_Token], end: int, value: int) -> bool:
    """Whether the text counts `value` before token `end`: twee politieauto's ... en een derde (another one)."""
    return any(_n(value) <= (_nl_digits(t.text) if t.number else _n(_nl_cardinal(t.lower) or 0))
               for t in tokens[:end]) if value else False


def english_renderings(dutch: str) -> frozenset[str]:
    """How English writes a Dutch number word inside a name: Drie Koninkrijken, Three Kingdoms; Eerste
    Wereldoorlog, World War I. Folded words: the English word, the digits, the Roman numeral (up to twelve)."""
    cardinal, ordinal = _nl_cardinal(dutch), _nl_ordinal(dutch)
    value = cardinal if cardinal is not None else ordinal
    if value is None or not 0 < value <= len(ROMAN):
        return frozenset()
    words = EN_UNITS if cardinal is not None else EN_ORDINALS
    return frozenset({*(word for word, number in words.items() if number == value), str(value), ROMAN[value - 1]})


ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _century_decade(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """(the decade's first year, the tokens it takes from i) for "jaren 30 van de 19e eeuw", "jaren dertig van
    de negentiende eeuw": the 1830s."""
    decade = int(tokens[i].text) if tokens[i].number and tokens[i].text.isdigit() else _nl_cardinal(tokens[i].lower)
    words = [t.lower for t in tokens[i + 1:i + 6]]
    if decade is None or decade % 10 or not 10 <= decade <= 90 or words[:2] != ["van", "de"]:
        return None
    if len(words) >= 5 and tokens[i + 3].number and words[3] in ("e", "ste", "de") and words[4] == "eeuw":
        century, used = int(tokens[i + 3].text), 6
    elif len(words) >= 4 and words[3] == "eeuw" and (century := _nl_ordinal(words[2])) is not None:
        used = 5
    else:
        return None
    return 100 * (century - 1) + decade, used


def _op_na(tokens: list[_Token], i: int) -> int | None:
    """Where "op (de) N na" opens, when token i is its N: de op (de) een na grootste, the second largest."""
    if [t.lower for t in tokens[i + 1:i + 2]] != ["na"]:
        return None
    before = [t.lower for t in tokens[max(0, i - 2):i]]
    return i - 1 if before[-1:] == ["op"] else i - 2 if before == ["op", "de"] else None


@lru_cache(maxsize=WORD_CACHE)
def _nl_number_prefix(word: str) -> int | None:
    """A compound that opens with a number word from two to twelve and another word of 4+ letters
    (driedimensionale, tweetalige, vierbaansweg): a number the English may give or not (bilingual)."""
    if word.startswith(NOT_NUMBER_PREFIXES):
        return None
    for head, value in NL_PREFIXES.items():
        if word.startswith(head) and len(word) >= len(head) + 4:
            return value
    return None


@lru_cache(maxsize=WORD_CACHE)
def _nl_relevant(word: str) -> bool:
    """Whether a Dutch word can start a number: most words cannot, and are passed over at once."""
    return (word in NL_SPECIAL or word in NL_MONTHS or word in NL_MONTH_ABBREVIATIONS or _nl_day(word) is not None
            or _nl_cardinal(word) is not None or _nl_ordinal(word) is not None or _nl_compound(word) is not None
            or _nl_and_a_half(word) is not None or NL_FRACTION_COMPOUND.match(word) is not None
            or (word.endswith("tal") and _nl_cardinal(word[:-3]) is not None) or _nl_number_prefix(word) is not None
            or _nl_age(word) is not None or _nl_month_compound(word) is not None)


COMMON_DUTCH_WORD = 3.5  # wordfreq Zipf in Dutch of the word after a month in a compound (cijfers 4.4, storm 4.1)
MONTH_COMPOUND_HEADS = ("maand", "dag", "avond", "nacht", "ochtend", "middag", "week", "weekend")


def _nl_month_compound(word: str) -> int | None:
    """A month with a word of time after it: decembermaand is December, de heetste februaridag a February day; or
    a long month with a common Dutch word after it (januaricijfers, January figures; not juni|or, mei|sje)."""
    for head in MONTH_COMPOUND_HEADS:
        if word.endswith(head) and (month := NL_MONTHS.get(word[:-len(head)])) is not None:
            return month
    for name, month in NL_MONTHS.items():
        if len(name) >= 5 and word.startswith(name) and len(word) - len(name) >= 3 and _dutch_word(word[len(name):]):
            return month
    return None


@lru_cache(maxsize=WORD_CACHE)
def _dutch_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl") >= COMMON_DUTCH_WORD


def _nl_age(word: str) -> int | None:
    """A person of an age in tens: twintiger(s), dertiger(s) (in his 20s, thirty-somethings)."""
    stem = word[:-3] if word.endswith("ers") else word[:-2] if word.endswith("er") else ""
    return NL_TENS.get(stem)


NL_SPECIAL = {"half", "kwart", "anderhalf", "anderhalve", "zo'n", "zo’n", "één", "eén", "een", "middernacht",
              "middaguur", "decennium", "decennia", "dozijn",
              *NL_GROUPS, *NL_SOFT}


def _nl_modified(text: str, tokens: list[_Token], i: int, keys: frozenset, soft: bool) -> tuple[Item, int]:
    """A number and what follows it: "en een half" (drie en een half), a scale word (3,5 miljoen) or "uur"
    (8 uur, 20.30 uur)."""
    j = i + 1
    if [t.lower for t in tokens[j:j + 3]] == ["en", "een", "half"]:
        keys, soft, j = frozenset(("n", key[1] + Fraction(1, 2)) for key in keys if key[0] == "n"), False, j + 3
    following = tokens[j].lower if j < len(tokens) else ""
    if following in NL_SCALES and not (following == "duizend" and _at_least(keys, 1000)):  # tot 2021 duizend
        return Item(_span(text, tokens, i, j + 1), _scaled(keys, NL_SCALES[following])), j + 1 - i
    if (following == "uur" or (following == "u" and text[tokens[j].end:tokens[j].end + 1] == ".")) \
            and keys and j == i + 1:  # 8 uur, om 19 u.
        times = frozenset(key for key in keys if key[0] == "time")
        whole = [int(key[1]) for key in keys if key[0] == "n" and key[1].denominator == 1 and key[1] <= 24]
        if times:
            return Item(_span(text, tokens, i, j + 1), times), 2
        if whole:
            return Item(_span(text, tokens, i, j + 1), keys | _clock(whole[0], 0), soft), 2
    if j > i + 1:
        return Item(_span(text, tokens, i, j), keys, soft), j - i
    if scale := _range_scale(tokens, j):  # tussen de 750 en 900 miljard: the 750 is 750 miljard too
        keys = keys | _scaled(keys, scale)
    return Item(_written(text, tokens[i]), keys, soft), 1


def _at_least(keys: frozenset, value: int) -> bool:
    """A figure of `value` or more: one that no Dutch writer scales by duizend (tot 2021 duizend verpleegkundigen
    is by 2021, a thousand nurses)."""
    return any(key[0] == "n" and key[1] >= value for key in keys)


def _range_scale(tokens: list[_Token], j: int) -> int | None:
    """The scale word after the second figure of a range that begins at token j (en 900 miljard, tot 3 miljoen)."""
    words = [t.lower for t in tokens[j:j + 3]]
    if len(words) == 3 and words[0] in RANGE_WORDS and tokens[j + 1].number and words[2] in NL_SCALES:
        return NL_SCALES[words[2]]
    return None


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
    """Digits in English conventions; a Dutch-looking form copied by the model is read both ways; 17½."""
    if text[-1] in VULGAR_FRACTIONS:
        return _with_fraction(text, _en_digits)
    if THOUSANDS_COMMA.fullmatch(text):
        return _n(Fraction(text.replace(",", "")))
    if DUTCH_DECIMAL.fullmatch(text):  # "3,5" (comma and one or two digits): a Dutch decimal left as it was
        return _n(Fraction(text.replace(".", "").replace(",", ".")))
    keys = _stopwatch(text)
    if keys:
        return keys
    if race := EN_RACE_TIME.fullmatch(text):  # 2:07.84 (a 200 metres swim), 1:34.794 (a lap)
        return _seconds(race.group(1), race.group(2) + "." + race.group(3))
    clock = CLOCK.fullmatch(text)
    if clock and int(clock.group(1)) <= 24 and int(clock.group(2)) < 60:
        keys = _clock(int(clock.group(1)), int(clock.group(2)))
        if ":" in text:
            return keys
    if THOUSANDS_DOT.fullmatch(text):  # "12.000": 12 to an English reader, 12,000 as a Dutch copy
        keys |= _n(int(text.replace(".", "")))
    if DECIMAL_POINT.fullmatch(text):
        return keys | _n(Fraction(text))
    if MILITARY_TIME.fullmatch(text):  # 0430: 4.30 in the morning, as soldiers and pilots write it
        return _n(int(text)) | _clock(int(text[:2]), int(text[2:]), exact=True)
    return _n(int(text)) if NUMBER_ONLY.fullmatch(text) else keys


def english_numbers(text: str, source: str = "") -> list[Item]:
    """The numbers of an English text, read in English conventions. A number word that the source (the
    Dutch) also holds is a word there, not a number: Ten Hag, "ten" in Erik ten Hag."""
    text = _space_grouped(_plain(text), ",")
    tokens = _tokens(text)
    written, source = source, source.lower()
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        item, used = _english_item(text, tokens, i, source, written)
        if item is not None and item.keys:
            items.append(item)
        i += used
    return items


def _english_item(text: str, tokens: list[_Token], i: int, source: str, written: str = "") -> tuple[Item | None, int]:
    token = tokens[i]
    word = token.lower.removesuffix("'s").removesuffix("’s")
    previous = tokens[i - 1].lower if i else ""
    if token.number and _business_quarter(text, token):
        return Item("Q" + token.text, _n(int(token.text)), ordinal=True), 1  # Q2: het tweede kwartaal
    if token.number and _in_idiom(text, token):
        return Item(token.text, _n(int(token.text)), soft=True), 1
    if token.number and text[token.start:token.end + 3] == "9/11":
        return Item("9/11", frozenset({("month", 9)})), 1  # 11 september (2001): the 11 is read on its own
    if token.number:
        return (None, 1) if _identifier(text, token) else _en_number(text, tokens, i)
    if not _en_relevant(word):
        return None, 1
    if word == "half" and [t.lower for t in tokens[i + 1:i + 2]] == ["a"] and _scale_after(tokens, i + 1, EN_SCALES):
        return Item(_span(text, tokens, i, i + 3), _n(Fraction(EN_SCALES[tokens[i + 2].lower], 2))), 3
    if word == "quarter" and [t.lower for t in tokens[i + 1:i + 3]] == ["of", "a"] \
            and _scale_after(tokens, i + 2, EN_SCALES):  # a quarter of a million
        return Item(_span(text, tokens, i, i + 4), _n(Fraction(EN_SCALES[tokens[i + 3].lower], 4))), 4
    if word in ("half", "quarter", "a", "noon", "midday", "midnight"):
        item, used = _en_clock_phrase(text, tokens, i)
        if item is not None:
            return item, used
    if (word in EN_MONTHS or word.removesuffix("s") in EN_DAYS) and token.text[0].isupper() \
            and _in_shared_title(text, tokens, i, written):
        return None, 1  # Saturday Night Live, The Sunday Times: a title both sides write, not a date
    if word in EN_MONTHS and word not in NL_MONTHS and token.text[0].isupper() and not _next_to_number(tokens, i) \
            and _as_often(token.text.removesuffix("'s").removesuffix("’s"), written, text):
        return None, 1  # Theresa May: a month the Dutch writes otherwise (mei), as written in the Dutch: a name
    if word in EN_MONTHS and token.text[0].isupper() and (word not in ("may", "march") or previous in EN_MONTH_CUES
                                                          or _next_to_number(tokens, i) or _another_month(tokens, i)):
        return Item(token.text, frozenset({("month", EN_MONTHS[word])})), 1
    if word in EN_MONTH_ABBREVIATIONS and token.text[0].isupper() and (
            _next_to_number(tokens, i) or (previous in EN_MONTH_CUES and text[token.end:token.end + 1] == ".")
            or _month_range(text, tokens, i)):
        return Item(token.text, frozenset({("month", EN_MONTH_ABBREVIATIONS[word])})), 1
    if (day := EN_DAYS.get(word.removesuffix("s"))) and token.text[0].isupper():
        return Item(token.text, frozenset({("day", day)})), 1
    if word in EN_DECADES and not _has_word(source, word):  # the Sixties, the Roaring Twenties: a decade all the same
        return Item(token.text, _n(EN_DECADES[word], *([2000] if word == "noughties" else []))), 1
    spelled_name = _spelled_name(tokens, i, text)
    if spelled_name and word in EN_UNITS:  # the Seven Dwarfs, Formula One: matched if it can be, never flagged
        return Item(token.text, _n(EN_UNITS[word]), soft=True), 1
    if spelled_name and word in EN_ORDINALS:  # the Second International Summit: de tweede internationale top
        return Item(token.text, _n(EN_ORDINALS[word]), soft=True, ordinal=True), 1
    if spelled_name or previous in VAGUE or (word in source and _has_word(source, word)):
        return None, 1
    if word == "hat" and text[token.end:token.end + 6].lower() in ("-trick", " trick"):  # drie keer: a hat-trick
        return Item(_span(text, tokens, i, i + 2), _n(3), soft=True), 2
    if word == "fortnight":  # twee weken; soft, as "a fortnight" is as often a manner of speaking
        return Item(token.text, _n(2), soft=True), 1
    if word == "decade":  # tien jaar, een decennium; soft, as "a decade" is as often a manner of speaking
        return Item(token.text, _n(10), soft=True), 1
    if word in EN_TIMES:
        return Item(token.text, _n(EN_TIMES[word])), 1
    if word == "once":
        return Item(token.text, _n(1), soft=True), 1
    if word == "pair" and previous in ("the", "a"):  # de twee officieren: the pair; soft, as beide is
        return Item(token.text, _n(2), soft=True), 1
    if word in ("twin", "twins"):  # een tweeling, twee meisjes: twin girls; soft, as a tweeling is no number
        return Item(token.text, _n(2), soft=True), 1
    if word in EN_MULTIPLES and i + 1 < len(tokens) and tokens[i + 1].lower in MULTIPLIED:
        return Item(token.text, _n(EN_MULTIPLES[word]), soft=True), 1  # twee keer zoveel, double the number; soft
    if word in ("dozen", "dozens"):  # soft: "about a dozen" also renders "een tiental"
        return Item(token.text, _n(12), soft=True), 1
    if word in EN_ORDINALS:  # soft unless after a determiner, and in a compound (second-degree murder)
        value = EN_ORDINALS[word]
        soft = value == 1 or previous not in EN_DETERMINERS or text[token.end:token.end + 1] == "-" \
            or [t.lower for t in tokens[i + 1:i + 2]] in (["half"], ["leg"]) \
            or (word == "second" and SECONDS.search(source) is not None)  # a fraction of a second: seconde
        keys = _n(value, Fraction(1, value)) if previous in ("a", "one") and value >= 3 else _n(value)
        if [t.lower for t in tokens[i + 1:i + 2]] == ["floor"]:  # the second floor: de eerste verdieping in US usage
            keys |= _n(value - 1)
        return Item(token.text, keys, soft=soft, ordinal=True), 1  # a third: the third one, or one third
    if word in EN_SMALL or word == "one" or (word in ("a", "an") and _scale_after(tokens, i, A_SCALES)):
        return _en_words(text, tokens, i)
    return None, 1


def _in_idiom(text: str, token: _Token) -> bool:
    """The token is part of a number used as a manner of speaking (24/7, 50/50): matched if it can be."""
    return any(match.start() <= token.start and token.end <= match.end() for match in EN_IDIOMS.finditer(text))


def _business_quarter(text: str, token: _Token) -> bool:
    """Q1 to Q4 on their own: a quarter of the year in business news (Q2: het tweede kwartaal)."""
    return token.text in ("1", "2", "3", "4") and text[token.start - 1:token.start] == "Q" \
        and not text[token.start - 2:token.start - 1].isalnum() and not text[token.end:token.end + 1].isalnum()


def _in_shared_title(text: str, tokens: list[_Token], i: int, source: str) -> bool:
    """Whether token i is in a run of 2+ capitalised words that the source holds as written (case too)."""
    start = end = i
    while start > 0 and tokens[start - 1].text[:1].isupper() and not tokens[start - 1].number:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].text[:1].isupper() and not tokens[end + 1].number:
        end += 1
    return end > start and text[tokens[start].start:tokens[end].end] in source


def _as_often(word: str, source: str, text: str) -> bool:
    """The source holds the word as written (case too), at least as often as the text does."""
    pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
    return 0 < len(re.findall(pattern, text)) <= len(re.findall(pattern, source))


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


A_SCALES = {**EN_SCALES, "hundred": 100}  # a hundred, a million
EN_UNITS = {**EN_SMALL, "one": 1}
EN_WORD_SCALES = {word: size for word, size in EN_SCALES.items() if word not in ("mn", "bn", "tn")}
EN_RELEVANT = {"half", "quarter", "a", "an", "noon", "midday", "midnight", "once", "one", "decade", "fortnight",
               "dozen", "dozens", "pair", "twin", "twins", "hat", *EN_MULTIPLES, *EN_MONTHS, *EN_MONTH_ABBREVIATIONS,
               *EN_DAYS, *(day + "s" for day in EN_DAYS),
               *EN_DECADES, *EN_TIMES, *EN_ORDINALS, *EN_SMALL}


def _en_relevant(word: str) -> bool:
    """Whether an English word can start a number: most words cannot, and are passed over at once."""
    return word in EN_RELEVANT


def _en_number(text: str, tokens: list[_Token], i: int) -> tuple[Item, int]:
    """Digits and what follows them: am/pm, o'clock, a scale word (3.5 million, €3m), a decade (1980s)."""
    token = tokens[i]
    keys = _en_digits(token.text) | _elided_year(text, token)
    after = text[token.end:]
    if (hhmm := FOUR_DIGIT_TIME.fullmatch(token.text)) and TIME_ZONE_AFTER.match(after):  # 2320 GMT, wire style
        keys |= _clock(int(hhmm.group(1)), int(hhmm.group(2)), exact=True)
    if (fraction := SPACED_FRACTION.match(after)) and NUMBER_ONLY.fullmatch(token.text):  # 4 1/2 games: 4.5
        value = int(token.text) + Fraction(int(fraction.group(1)), int(fraction.group(2)))
        return Item(token.text + fraction.group(), _n(value)), 3
    meridiem = AM_PM.match(after)
    ranged = None if meridiem else CLOCK_RANGE.match(after)
    later = AM_PM.match(after, ranged.end()) if ranged else None  # a reception from 6-8 p.m.: the 6 is 6 pm too
    if meridiem or later:
        hour, minute = _hour_minute(token.text)
        if 1 <= hour <= 12:
            hour = hour % 12 + (12 if (meridiem or later).group(1).lower() == "p" else 0)
            if later:  # the range's end is read on its own
                return Item(token.text, _clock(hour, minute, exact=True)), 1
            end = token.end + meridiem.end()
            used = 1 + sum(1 for t in tokens[i + 1:] if t.end <= end)
            return Item(text[token.start:end].rstrip("."), _clock(hour, minute, exact=True)), used
    if EN_RACE_TIME.fullmatch(token.text):  # 2:07.84: soft, as English writes other things so (unread before)
        return Item(token.text, keys, soft=True), 1
    if (race := EN_MINUTES_SECONDS.match(after)) and token.text.isdigit():  # 61min 6sec, 1min 36.015sec
        end = token.end + race.end()
        used = 1 + sum(1 for t in tokens[i + 1:] if t.end <= end)
        return Item(text[token.start:end], _seconds(token.text, race.group(1))), used
    following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if following == "o'clock" or following == "o’clock":
        hour = _hour_minute(token.text)[0]
        return Item(_span(text, tokens, i, i + 2), keys | _clock(hour, 0)), 2
    if following in EN_SCALES:
        return Item(_span(text, tokens, i, i + 2), _scaled(keys, EN_SCALES[following])), 2
    attached = ATTACHED_SCALE.match(after)
    if attached:  # £3m is 3 million; 63.4m people too, but a 10m fall is 10 metres: both readings without a currency
        used = 2 if i + 1 < len(tokens) and tokens[i + 1].start == token.end else 1
        scaled = _scaled(keys, ATTACHED_SCALES[attached.group(1).lower()])
        currency = text[max(0, token.start - 2):token.start].strip() in tuple(CURRENCY)
        return Item(text[token.start:token.end + attached.end()], scaled if currency else scaled | keys), used
    if after[:1] == "s" and DECADE.fullmatch(token.text):
        return Item(token.text + "s", keys | _n(int(token.text[2:]))), 1  # the 1980s, the eighties
    if after[:1] == "s" and len(token.text) == 2 and token.text.endswith("0"):  # the 80s, the 00s (jaren 2000)
        return Item(token.text + "s", keys | _n(1900 + int(token.text), 2000 + int(token.text))), 1
    if (year := YEAR_RANGE.search(text, 0, token.start)) and year.end() == token.start and len(token.text) == 2:
        return Item(token.text, keys | _n(int(year.group(1)[:2] + token.text))), 1  # 2018-19: the 19 is 2019
    if i and tokens[i - 1].lower in CLOCK_CUES and token.text.isdigit() and 1 <= int(token.text) <= 12:
        keys |= _clock(int(token.text), 0)  # her shift begins at 8: om 8.00 uur
    return Item(_written(text, token), keys), 1


CLOCK_CUES = {"at", "until", "till", "before"}  # a bare hour after them may be a time of day


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
    soft = value in (0, 1, Fraction(3, 2))  # zero: "close to zero" renders "zo laag mogelijk"
    if j < len(tokens) and tokens[j].lower in ("o'clock", "o’clock") and value.denominator == 1:
        return Item(_span(text, tokens, i, j + 1), _n(value) | _clock(int(value), 0), soft), j + 1 - i
    if j < len(tokens) and tokens[j].lower == "decades":  # two decades: twintig jaar, or twee decennia
        return Item(_span(text, tokens, i, j + 1), _n(value, value * 10), soft), j + 1 - i
    return Item(_span(text, tokens, i, j), _n(value), soft), j - i


def _continues(current: int, value: int) -> bool:
    """Whether a number word adds to the run so far: twenty-five, a hundred and fifty; not two-nil."""
    last = current % 100
    return last == 0 or (last >= 20 and last % 10 == 0 and 0 < value < 10)


def _en_clock_phrase(text: str, tokens: list[_Token], i: int) -> tuple[Item | None, int]:
    """half past nine (9:30), (a) quarter past nine (9:15), (a) quarter to eleven (10:45), noon, midday, midnight."""
    words = [t.lower for t in tokens[i:i + 4]]
    if words[0] in ("noon", "midday"):
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


def _another_month(tokens: list[_Token], i: int) -> bool:
    """Another month in the sentence makes May and March months (January, February, March; May comes after April)."""
    return any(k != i and token.lower in EN_MONTHS and token.text[0].isupper() and token.lower not in ("may", "march")
               for k, token in enumerate(tokens))


def _month_range(text: str, tokens: list[_Token], i: int) -> bool:
    """A month joined to another by a dash: Nov-Feb, Nov.–Feb. (summer in the Antarctic)."""
    for k in (i - 1, i + 1):
        if 0 <= k < len(tokens) and (tokens[k].lower in EN_MONTH_ABBREVIATIONS or tokens[k].lower in EN_MONTHS):
            gap = text[tokens[min(i, k)].end:tokens[max(i, k)].start]
            if gap.strip(". ") in ("-", "–"):
                return True
    return False


def _before_name(tokens: list[_Token], i: int) -> bool:
    """The next token is a capitalised word: April Ryan, June Carter (a name that opens the sentence)."""
    return i + 1 < len(tokens) and tokens[i + 1].text[:1].isupper() and not tokens[i + 1].number


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
    written = {**_groups_read(nl, "."), **_groups_read(en, ",")}
    nl, en = _space_grouped(nl, "."), _space_grouped(en, ",")  # for every reading below: units, shares, brackets
    dutch, english = dutch_numbers(nl), english_numbers(en, nl)
    if EN_RUN_OFF.search(en) and (second_round := NL_SECOND_ROUND.search(nl)):
        dutch = _without(dutch, [second_round.group().split()[0]])
    # Ordinals with ordinals first: "tweede huizen" / "second homes" leaves a dropped "twee" missing.
    left, right = _match([i for i in dutch if i.ordinal], [i for i in english if i.ordinal])
    missing, new = _match([i for i in dutch if not i.ordinal or i in left],
                          [i for i in english if not i.ordinal or i in right])
    matched = {item.text for item in english if item not in new}  # the same number on both sides
    missing, new = [i for i in missing if not i.soft], [i for i in new if not i.soft]
    if any(item.counted_on for item in missing) and ANOTHER.search(en):
        missing = [item for item in missing if not item.counted_on]  # two vans inside and another just outside
    if missing or new:  # 250 kg, 550 pounds; 30 centimeter, a foot; anderhalf jaar, 18 months
        missing, new = _without_conversions(missing, new, nl, en, matched)
    if missing or new:  # drie op de vier, 75%; een derde, 33 percent
        said_nl, said_en = same_shares(dutch_shares(nl, _values(dutch)), english_shares(en, _values(english)))
        missing, new = _without(missing, said_nl), _without(new, said_en)
    converted_en = [item for item in new if _converted_in_brackets(item, en) or _money_apposed(item, en, "en")]
    if missing and len(converted_en) == len(new):
        # a conversion the Dutch adds (500.000 pond (565.000 euro)), where the English has none or converts into
        # another currency (9 miljoen Zweedse kronen (zo'n 870.000 euro), nine million Swedish kronor (£775,000))
        converted_nl = [item for item in missing if _apposed_after_figure(item, nl) or _money_apposed(item, nl, "nl")
                        or _bracketed_after_figure(item, nl, NL_BRACKET_HEDGES, NL_FIGURE_WORDS)]
        if not new or _other_currencies(converted_nl, nl, converted_en, en):
            missing = [item for item in missing if item not in converted_nl]
    new = [item for item in new if item not in converted_en]
    if new:
        new = _without(new, _english_conversions(en, matched))
    for words, figures in SAID_IN_WORDS:
        if words.search(en):
            missing = [item for item in missing if item.text not in figures]
    missing, new = _dates_changed(missing, new)
    new = [item for item in new if not _month_repeated(item, dutch)]
    missing, new = _game_clock(missing, new, nl)
    missing, new = _knockout_round(missing, new, nl, en)
    missing = _running_score(missing, nl, en)
    missing = [item for item in missing if not _in_english_code(item, en, nl)]
    missing, new = _temperature_decade(missing, new, nl, en)
    missing, new = _home_time(missing, new, nl, english)
    missing = [item for item in missing if not _two_said_otherwise(item, nl, en)]
    if AS_MANY.search(en):  # de tweede zege in twee jaar, the second win in as many years
        missing = _without_one_repeat(missing, english)
    if not missing and not new:
        return None
    detail = "; ".join([*(f"{_describe(item)} missing" for item in missing), *(f"{item.text} new" for item in new)])
    for read, as_written in written.items():  # 25.000 (25000) missing, as the Dutch wrote it: 25 000 (25000)
        detail = detail.replace(read, as_written)
    return detail


TWO_NAMED = re.compile(r"\b[Dd]e\s+twee\s+([A-Z][^\W\d_]*)['’]s\b")  # de twee Carolina's: the Carolinas
TWO_IN_A_ROW = re.compile(r"\btwee\s+[^\W\d_]+\s+(?:op\s+rij|achter\s+elkaar|achtereen)\b", re.IGNORECASE)
EN_IN_A_ROW = re.compile(r"\b(?:consecutive|back-to-back|in\s+a\s+row|straight|successive)\b", re.IGNORECASE)


def _two_said_otherwise(item: Item, nl: str, en: str) -> bool:
    """A Dutch twee English says by the plural of a name (de twee Carolina's, the Carolinas) or by a word for one
    after another (twee jaar op rij, in consecutive years)."""
    if item.text.lower() != "twee":
        return False
    named = TWO_NAMED.search(nl)
    if named and re.search(rf"\b[Tt]he\s+{re.escape(named.group(1))}s\b", en):
        return True
    return bool(TWO_IN_A_ROW.search(nl) and EN_IN_A_ROW.search(en))


MINUTES_SECONDS = re.compile(r"\b(\d{1,2}) minu(?:ut|ten) en (\d{1,2}) seconden?\b")


def _game_clock(missing: list[Item], new: list[Item], nl: str) -> tuple[list[Item], list[Item]]:
    """Minutes and seconds as sport's clock writes them: met nog 3 minuten en 42 seconden te spelen, with 3:42
    left; 1 minuut en 47 seconden in de verlenging, 1:47 into overtime; 41 minuten en 51 seconden, 41min 51sec; in
    33.40 minuten, in 33:40."""
    for item in list(missing):  # in 33.40 minuten, in 33:40: a stopwatch's time with a Dutch point
        twin = next((other for other in new if other.text == item.text.replace(".", ":")), None)
        if twin is not None and STOPWATCH.fullmatch(twin.text):
            missing, new = [i for i in missing if i is not item], [i for i in new if i is not twin]
    for minutes, seconds in MINUTES_SECONDS.findall(nl):  # 3:42, or 41min 51sec
        watch = ("stopwatch", int(minutes) * 60 + int(seconds))
        clock = next((item for item in new if item.text == f"{int(minutes)}:{int(seconds):02d}" or watch in item.keys),
                     None)
        first = next((item for item in missing if item.text == minutes), None)
        lost = [first, next((item for item in missing if item.text == seconds and item is not first), None)]
        if clock is not None and None not in lost:
            new = [item for item in new if item is not clock]
            missing = [item for item in missing if all(item is not other for other in lost)]
    return missing, new


# A knockout round by the teams left in it: de achtste finales, the last 16 (the round of 16).
NL_KNOCKOUT_ROUND = re.compile(r"\b(achtste|zestiende)[- ]?finales?\b", re.IGNORECASE)
EN_KNOCKOUT_ROUND = re.compile(r"\b(?:last|round[- ]of)[- ](16|sixteen|32|thirty-two)\b", re.IGNORECASE)
KNOCKOUT_TEAMS = {"achtste": "16", "zestiende": "32", "sixteen": "16", "thirty-two": "32"}
AS_MANY = re.compile(r"\bin as many\b", re.IGNORECASE)  # three goals in as many games: the three said once more


# A time the Dutch gives in its readers' own zone: 12.02 uur Nederlandse tijd, where the English gives 1002 GMT.
NL_HOME_TIME = re.compile(r"\b(\d{1,2}[.:]\d{2})\s*uur\s+(?:Nederlandse|Belgische)\s+tijd\b")


def _home_time(missing: list[Item], new: list[Item], nl: str, english: list[Item]) -> tuple[list[Item], list[Item]]:
    """A Dutch time converted to Dutch time is the English time in another zone: the same minutes, another hour.
    The English time of those minutes counts as said (a new one first), and the Dutch time as there."""
    for match in NL_HOME_TIME.finditer(nl):
        dutch = next((item for item in missing if item.text.startswith(match.group(1))), None)
        if dutch is None:
            continue
        minutes = _minutes(dutch)
        other = next((item for item in [*new, *english] if _minutes(item) & minutes and item.keys != dutch.keys), None)
        if other is not None:
            missing = [item for item in missing if item is not dutch]
            new = [item for item in new if item is not other]
    return missing, new


def _minutes(item: Item) -> set[int]:
    return {key[2] for key in item.keys if key[0] == "time"}


def _in_english_code(item: Item, en: str, nl: str) -> bool:
    """A Dutch figure the English writes inside a code of letters and digits that the Dutch does not have (factor 50,
    SPF50; not Jadekonijn 2 beside a Yutu-2 both sides write)."""
    return item.text.isdigit() and any(code.group() not in nl for code in re.finditer(
        r"[A-Za-z]+-?" + item.text + r"\b", en))


# A goal by the score it made (kopte de 2-0 binnen, headed in a second; de 1-0, the opener), and a penalty by the
# distance it is taken from (vanaf elf meter, from the penalty spot).
RUNNING_SCORE = re.compile(r"\bde (\d{1,2})-(\d{1,2})\b")
OPENER = re.compile(r"\bopen(?:er|ing goal|ed the scoring)\b", re.IGNORECASE)
PENALTY = re.compile(r"\b(?:penalty|penalties|spot[- ]kick)\b", re.IGNORECASE)


def _running_score(missing: list[Item], nl: str, en: str) -> list[Item]:
    """Without the figures of a goal the English names otherwise: the other side's count of de 2-0 (a second), the
    1 of de 1-0 where the English has the opener, the elf of elf meter where it has a penalty."""
    for match in RUNNING_SCORE.finditer(nl):
        if f"{match.group(1)}-{match.group(2)}" not in en:
            gone = [match.group(2)] + ([match.group(1)] if match.group(1) == "1" and OPENER.search(en) else [])
            missing = _without(missing, gone)
    if PENALTY.search(en) and re.search(r"\belf\s?meter", nl, re.IGNORECASE):
        missing = [item for item in missing if item.text.lower() != "elf"]
    return missing


def _knockout_round(missing: list[Item], new: list[Item], nl: str, en: str) -> tuple[list[Item], list[Item]]:
    """De achtste finales and the last 16 are one round: neither figure is missing or new."""
    for dutch in NL_KNOCKOUT_ROUND.finditer(nl):
        teams = KNOCKOUT_TEAMS[dutch.group(1).lower()]
        english = next((match.group(1) for match in EN_KNOCKOUT_ROUND.finditer(en)
                        if KNOCKOUT_TEAMS.get(match.group(1).lower(), match.group(1)) == teams), None)
        if english is not None:
            missing = _without(missing, [dutch.group(1)])
            new = _without(new, [english])
    return missing, new


# Temperatures in Fahrenheit by their decade, as US weather news gives them: in the low 80s, the high 70s°F.
EN_TEMPERATURE_DECADE = re.compile(r"\bthe\s+(?:(low|lower|mid|middle|high|upper)[- ])?([1-9]0)s\b", re.IGNORECASE)
DECADE_PART = {"low": (0, 4), "lower": (0, 4), "mid": (3, 7), "middle": (3, 7), "high": (6, 9), "upper": (6, 9)}
EN_CELSIUS = re.compile(r"\d\s*(?:°\s*C\b|C\b|degrees? C|degrees? Celsius|Celsius)")
NL_DEGREES = re.compile(r"(\d+(?:,\d+)?)(?:\s*(?:à|tot|-|–|en)\s*\d+(?:,\d+)?)*\s*(?:graden|°)")


def _temperature_decade(missing: list[Item], new: list[Item], nl: str, en: str) -> tuple[list[Item], list[Item]]:
    """De temperatuur blijft rond de 27 à 28 graden, temperatures will stay in the low 80s: the Dutch degrees
    Celsius within the English decade of Fahrenheit (a degree either side), and the decade is no year."""
    celsius = {match.group() for match in re.finditer(r"\d+(?:,\d+)?", " ".join(
        degrees.group() for degrees in NL_DEGREES.finditer(nl)))}
    for match in EN_TEMPERATURE_DECADE.finditer(en):
        low, high = DECADE_PART.get((match.group(1) or "").lower(), (0, 9))
        decade = int(match.group(2))
        lowest, highest = ((decade + low - 32) / 1.8 - 1, (decade + high - 32) / 1.8 + 1)
        within = {figure for figure in celsius if lowest <= float(figure.replace(",", ".")) <= highest}
        if within and any(item.text == match.group(2) + "s" for item in new):
            if not EN_CELSIUS.search(en):  # (about 25°C): the writer's own conversion is compared as it is
                missing = [item for item in missing if item.text not in within]
            new = _without(new, [match.group(2) + "s"])
    return missing, new


def _without_one_repeat(missing: list[Item], english: list[Item]) -> list[Item]:
    """Without the first missing figure that the English says already (second, in as many years)."""
    for k, item in enumerate(missing):
        if any(not item.keys.isdisjoint(other.keys) for other in english):
            return missing[:k] + missing[k + 1:]
    return missing


def _month_repeated(item: Item, dutch: list[Item]) -> bool:
    """An English month the Dutch names too, said once more: van 5 tot 7 oktober, from October 5 to October 7."""
    return bool(item.keys) and all(key[0] == "month" for key in item.keys) and any(
        not item.keys.isdisjoint(other.keys) for other in dutch)


def _values(items: list[Item]) -> dict[str, float]:
    """Each item's text -> the whole number it stands for, or its first value (drie -> 3, third -> 3, 7,5 -> 7.5)."""
    values = {}
    for item in items:
        numbers = sorted((key[1] for key in item.keys if key[0] == "n"), key=lambda value: value.denominator)
        if numbers:
            values[item.text] = float(numbers[0])
    return values


def _without_conversions(missing: list[Item], new: list[Item], nl: str, en: str,
                         matched: set[str]) -> tuple[list[Item], list[Item]]:
    """Without the numbers that are one quantity in two units (250 kg, 550 pounds); an English quantity whose
    figure a Dutch figure has already taken converts nothing (12,8 km of 8 mijl: 8 miles is not the 12,8 km)."""
    used_nl, used_en = converted(nl, en, taken=matched, missing=[item.text for item in missing])
    return _without(missing, used_nl), _without(new, used_en)


def _without(items: list[Item], texts: list[str]) -> list[Item]:
    """The items that are not among the numbers as written (an item with a unit attached, 6ft, is its 6)."""
    texts = list(texts)
    kept = []
    for item in items:
        figure = LEADING_FIGURE.match(item.text) or LEADING_WORD.match(item.text)
        written = figure.group() if figure and item.text not in texts else item.text
        if written in texts:
            texts.remove(written)
        else:
            kept.append(item)
    return kept


def _converted_in_brackets(item: Item, en: str) -> bool:
    """A figure in brackets right after another (and up to two words), a conversion the English adds: €3.1 billion
    ($3.6bn), 100 million euros ($116 million); or after
    a spelled number and its unit, when it converts that quantity: six meters (18 feet)."""
    if _bracketed_after_figure(item, en, "about |around |some "):
        return True
    spelled = re.search(r"\b([^\W\d_]+)[\s-]+([^\W\d_]+)\s*\(\s*(?:about |around |some )?" + re.escape(item.text)
                        + r"[\s-]*([^\W\d_]+)", en)
    if not spelled or spelled.group(1).lower() not in EN_UNITS:
        return False
    stated = english_quantities(f"{EN_UNITS[spelled.group(1).lower()]} {spelled.group(2)}")
    conversion = english_quantities(f"{item.text} {spelled.group(3)}")
    return bool(stated and conversion and same_dimension(stated[0], conversion[0], BRACKETED_TOLERANCE))


def _apposed_after_figure(item: Item, text: str) -> bool:
    """The item after a comma and a hedge right after a figure and up to three words, a conversion a translator
    adds: 78 mijl per uur, ruim 125 kilometer per uur; 60 voet, zo'n 18 meter; 18 graden Fahrenheit, ongeveer min
    28 graden Celsius. Without the hedge, or without a unit after it, it is a figure of its own (3 mijl, 5
    kilometer verderop; 24.500 meter hoog, bijna drie keer zo hoog)."""
    return _figure_after(APPOSED_BEFORE, text, item.text, APPOSED_UNIT)


APPOSED_BEFORE = r"(?i)\d\S*(?:\s[^\W\d_]+){0,3},\s*(?:ongeveer|circa|zo'n|ruim|bijna|omgerekend)\s+(?:min\s+)?"
APPOSED_UNIT = re.compile(r"\s*(?:" + NL_UNIT_WORDS + r")\b", re.IGNORECASE)


def _figure_after(before: str, text: str, figure: str, after: re.Pattern | None = None) -> bool:
    """`figure` (as written) right where a match of the pattern `before` ends in `text`, not as the start of a longer
    figure, and followed by a match of `after` if given. The patterns are fixed, so that they are compiled once,
    not once for each figure."""
    for end in _ends(before, text):
        rest = end + len(figure)
        if text.startswith(figure, end) and not re.match(r"\d|[.,]\d", text[rest:rest + 2]) and (
                after is None or after.match(text, rest)):
            return True
    return False


@lru_cache(maxsize=WORD_CACHE)
def _ends(pattern: str, text: str) -> tuple[int, ...]:
    return tuple(match.end() for match in re.finditer(pattern, text))


NL_BRACKET_HEDGES = r"ongeveer |circa |ca\. |zo'n |ruim |bijna |nog geen |min |minus "
# A figure spelled in Dutch before the unit a translator converts: twee acre (ongeveer 0,8 hectare), een kwart acre.
NL_FIGURE_WORDS = "|".join(["kwart", "half", "halve", "anderhalve", *NL_UNITS, *NL_TEENS, *NL_TENS])


def _bracketed_after_figure(item: Item, text: str, hedges: str, figure_words: str = "") -> bool:
    """The item in brackets right after a figure (and its scale word) and up to two words: 100 million euros ($116
    million), 500.000 pond (565.000 euro), twee acre (ongeveer 0,8 hectare), 9 miljoen Zweedse kronen (zo'n 870.000
    euro), nine million Swedish kronor (£775,000); a hedge may open the bracket (about, ongeveer)."""
    figure = r"(?i)(?:\d\S*|\b(?:" + figure_words + r")\b)" if figure_words else EN_FIGURE
    return _figure_after(figure + SCALE_WORD + r"(?:\s[^\W\d_]+){0,2}\s*\(\s*(?:" + hedges + r")?[$£€]?\s*", text,
                         item.text)


SCALE_WORD = r"(?:\s(?:duizend|miljoen|miljard|thousand|million|billion))?"
EN_FIGURE_WORDS = "|".join(word for word in (*EN_SMALL, "hundred") if " " not in word)
EN_FIGURE = r"(?:\d\S*|\b(?:" + EN_FIGURE_WORDS + r")\s+(?:thousand|million|billion)\b)"  # 9, nine million
MONEY_APPOSED = {  # a sum, then after a comma its conversion: 13 miljard won, omgerekend zo'n 10 miljoen euro
    "nl": (r",\s*(?:omgerekend|ofwel|oftewel|dat is)\s+(?:ongeveer |circa |zo'n |ruim |bijna )?",
           re.compile(r"(?:\s(?:miljoen|miljard|mln|mld))?\s*(?:euro|dollar|pond|yen|yuan|frank|roepie|kronen|kroon)\b",
                      re.IGNORECASE)),
    "en": (r",\s*or\s+(?:about |around |some |roughly |nearly |almost )?[$£€]\s*",
           re.compile(r"(?:\s?(?:million|billion|bn|m))?\b", re.IGNORECASE))}
CURRENCY_OF = {"euro": "€", "euro's": "€", "dollar": "$", "dollars": "$", "pond": "£", "pound": "£", "pounds": "£",
               "$": "$", "£": "£", "€": "€"}
CURRENCY_AFTER = re.compile(r"\s*(?:miljoen|miljard|million|billion|bn|m)?\s*(euro's|euro|dollars|dollar|pond|pounds|"
                            r"pound)\b", re.IGNORECASE)


def _other_currencies(nl_items: list[Item], nl: str, en_items: list[Item], en: str) -> bool:
    """Each side's conversions are money in currencies the other side's conversions are not in."""
    dutch, english = _currencies(nl_items, nl), _currencies(en_items, en)
    return bool(dutch and english) and not dutch & english


def _currencies(items: list[Item], text: str) -> set[str]:
    found = set()
    for item in items:
        at = text.find(item.text)
        sign = re.search(r"([$£€])\s*$", text[max(0, at - 3):at])
        word = CURRENCY_AFTER.match(text, at + len(item.text))
        if sign or word:
            found.add(CURRENCY_OF[(sign or word).group(1).lower()])
        else:
            return set()  # a conversion that is no money: not this rule's
    return found


def _money_apposed(item: Item, text: str, language: str) -> bool:
    """The item after a sum and a comma, as the sum in another currency (13 billion won, or about $11.5 million;
    13 miljard won, omgerekend zo'n 10 miljoen euro): a conversion, whose rate differs by the day and the writer."""
    before, after = MONEY_APPOSED[language]
    figure = r"(?i)\d\S*" if language == "nl" else r"(?i)" + EN_FIGURE
    return _figure_after(figure + r"(?:\s[^\W\d_,]+){0,3}" + before, text, item.text, after)


def _english_conversions(en: str, matched: set[str]) -> list[str]:
    """The numbers the English adds as the conversion of a quantity it also states as the Dutch does: 45 miles
    (72 kilometers), where the Dutch gives 72 kilometer. matched: the English numbers the Dutch has as written."""
    quantities = english_quantities(en)
    matched = matched | {figure.group() for text in matched if (figure := LEADING_FIGURE.match(text))}  # 50km: 50
    return [number for quantity in quantities for number in quantity.numbers
            if any(other.numbers != quantity.numbers and matched.issuperset(other.numbers)
                   and same_dimension(quantity, other, _pair_tolerance(en, quantity, other)) for other in quantities)]


PAIR_TOLERANCE = 0.05  # 30 miles (50km) is 3.4% off; 48 miles (72 kilometers), 7%, is a figure changed


def _pair_tolerance(en: str, one: Quantity, other: Quantity) -> float:
    """A quantity and its conversion side by side, one in brackets (30 miles (50km), 50km (30 miles)), are
    rounded by the writer, a little more freely than a translator's conversion; elsewhere, the usual tolerance."""
    for first, second in ((one, other), (other, one)):
        if re.search(re.escape(first.numbers[-1]) + r"\s*[^\W\d_]*\s*\(\s*(?:about |around |some )?"
                     + re.escape(second.numbers[0]) + r"(?!\d)", en):
            return PAIR_TOLERANCE
    return TOLERANCE


def _dates_changed(missing: list[Item], new: list[Item]) -> tuple[list[Item], list[Item]]:
    """Weekdays count only when one side has another than the other: English news names the day (Saturday)
    where the Dutch leaves it out, and the other way round; a day changed is an error. (A month is a date
    and counts either way.)"""
    for kind in ("day",):
        lost = [item for item in missing if _kind(item) == kind]
        added = [item for item in new if _kind(item) == kind]
        if not lost or not added:
            missing = [item for item in missing if _kind(item) != kind]
            new = [item for item in new if _kind(item) != kind]
    return missing, new


def _kind(item: Item) -> str:
    kinds = {key[0] for key in item.keys}
    return kinds.pop() if len(kinds) == 1 else ""
