"""Unit conversions between the two sides of a pair: `250 kg` = `550 pounds`, `72 kilometer` = `45 miles`,
`30 graden` = `86 degrees Fahrenheit`, `1,98 meter` = `6-foot-6`. A translator converts and rounds; the
numbers check accepts a Dutch quantity and an English one in another unit when they agree within rounding.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from translate.qa import words

TOLERANCE = 0.03  # relative: "550 pounds" for 250 kg is 551, "45 miles" for 72 km is 44.7, "100 feet" for 30 m is 98
# A conversion the English adds in brackets beside its own figure is rounded more freely: six meters (18 feet).
BRACKETED_TOLERANCE = 0.15
DAY, WEEK, YEAR = 24, 7 * 24, 365 * 24  # durations in hours, their base unit
MONTH = YEAR / 12
# unit -> (dimension, size in the dimension's base unit); temperature is converted apart.
NL_UNITS = {"kg": ("mass", 1), "kilo": ("mass", 1), "kilogram": ("mass", 1), "ton": ("mass", 1000),
            "km": ("length", 1000), "kilometer": ("length", 1000), "m": ("length", 1), "meter": ("length", 1),
            "cm": ("length", 0.01), "centimeter": ("length", 0.01), "l": ("volume", 1), "liter": ("volume", 1),
            "°c": ("celsius", 1), "graden": ("celsius", 1), "km/u": ("speed", 1), "km/h": ("speed", 1),
            "km per uur": ("speed", 1), "kilometer per uur": ("speed", 1), "gram": ("mass", 0.001),
            "km²": ("area", 1e6), "km2": ("area", 1e6), "vierkante kilometer": ("area", 1e6),
            "hectare": ("area", 1e4), "ha": ("area", 1e4), "m²": ("area", 1), "vierkante meter": ("area", 1),
            # durations: anderhalf jaar is 18 months, een kwart eeuw 25 years, twee dagen 48 hours
            "jaar": ("time", YEAR), "maand": ("time", MONTH), "maanden": ("time", MONTH), "week": ("time", WEEK),
            "weken": ("time", WEEK), "eeuw": ("time", 100 * YEAR), "dag": ("time", DAY), "dagen": ("time", DAY),
            "uur": ("time", 1), "uren": ("time", 1), "minuut": ("time", 1 / 60), "minuten": ("time", 1 / 60),
            "kwartier": ("time", 1 / 4), "etmaal": ("time", DAY), "etmalen": ("time", DAY),
            "seconde": ("time", 1 / 3600), "seconden": ("time", 1 / 3600)}
EN_UNITS = {"pound": ("mass", 0.4536), "pounds": ("mass", 0.4536), "lb": ("mass", 0.4536), "lbs": ("mass", 0.4536),
            "stone": ("mass", 6.35), "ton": ("mass", 907), "tons": ("mass", 907),
            "mile": ("length", 1609), "miles": ("length", 1609), "nautical mile": ("length", 1852),
            "nautical miles": ("length", 1852), "foot": ("length", 0.3048),
            "feet": ("length", 0.3048), "ft": ("length", 0.3048), "inch": ("length", 0.0254),
            "inches": ("length", 0.0254), "in": ("length", 0.0254), "yard": ("length", 0.9144),
            "yards": ("length", 0.9144),
            "gallon": ("volume", 3.785), "gallons": ("volume", 3.785), "°f": ("fahrenheit", 1),
            "fahrenheit": ("fahrenheit", 1), "degrees": ("fahrenheit", 1), "degree": ("fahrenheit", 1),
            "mph": ("speed", 1.609), "miles per hour": ("speed", 1.609), "mile per hour": ("speed", 1.609),
            "miles an hour": ("speed", 1.609),
            # metric, for a summary that says 6 km where the article says 6,000 metres
            "km": ("length", 1000), "kilometres": ("length", 1000), "kilometers": ("length", 1000),
            "kilometre": ("length", 1000), "kilometer": ("length", 1000), "metres": ("length", 1),
            "meters": ("length", 1), "metre": ("length", 1), "meter": ("length", 1), "m": ("length", 1),
            "cm": ("length", 0.01),
            "centimetres": ("length", 0.01), "centimeters": ("length", 0.01), "kg": ("mass", 1),
            "kilograms": ("mass", 1), "kilogram": ("mass", 1), "kilos": ("mass", 1), "tonnes": ("mass", 1000),
            "litres": ("volume", 1), "liters": ("volume", 1),
            "square miles": ("area", 2.59e6), "square mile": ("area", 2.59e6), "sq mi": ("area", 2.59e6),
            "sq miles": ("area", 2.59e6), "sq mile": ("area", 2.59e6),
            "acres": ("area", 4046.86), "acre": ("area", 4046.86), "square feet": ("area", 0.0929),
            "sq ft": ("area", 0.0929), "square-foot": ("area", 0.0929), "square foot": ("area", 0.0929),
            "square-mile": ("area", 2.59e6), "square kilometres": ("area", 1e6), "square kilometers": ("area", 1e6),
            "sq km": ("area", 1e6), "km²": ("area", 1e6), "hectares": ("area", 1e4), "square metres": ("area", 1),
            "square meters": ("area", 1), "year": ("time", YEAR), "years": ("time", YEAR), "month": ("time", MONTH),
            "months": ("time", MONTH), "week": ("time", WEEK), "weeks": ("time", WEEK), "day": ("time", DAY),
            "days": ("time", DAY), "hour": ("time", 1), "hours": ("time", 1), "minute": ("time", 1 / 60),
            "minutes": ("time", 1 / 60), "second": ("time", 1 / 3600), "seconds": ("time", 1 / 3600),
            "century": ("time", 100 * YEAR), "centuries": ("time", 100 * YEAR), "decade": ("time", 10 * YEAR),
            "decades": ("time", 10 * YEAR),
            "oz": ("mass", 0.02835), "ounce": ("mass", 0.02835), "ounces": ("mass", 0.02835), "f": ("fahrenheit", 1),
            "°c": ("celsius", 1), "c": ("celsius", 1), "celsius": ("celsius", 1)}
# Numbers English spells before a unit (three miles, ten feet, a foot); a spelled number is rounded as a whole
# number.
EN_SPELLED = {"half a": 0.5, "half an": 0.5, "a quarter of a": 0.25, "three quarters of a": 0.75,
              "three-quarters of a": 0.75, "a": 1, "an": 1, "one": 1,
              **{word: value for word, value in words.EN_SMALL.items() if value}, "hundred": 100}
ROUNDED = 0.10  # relative: a whole number in another unit may be rounded this far (5 km, three miles: 3.5%)
BELOW_ZERO = re.compile(r"\s+(?:Celsius\s+)?onder\s+(?:het\s+)?nul(?:punt)?\b", re.IGNORECASE)
ROUNDED_HEDGED = 0.15  # and where a side says it is not exact: ruim 3 meter, up to 11ft (10.6%)
CURRENCY = "€$£"  # the signs before a figure of money (also read so by the numbers check)
# The hedges that say a figure is rounded (not a bound: meer dan, up to): a round figure after one may stand for
# a converted figure rounded to its step.
ROUNDING_HEDGE = re.compile(r"\b(?:ruim|bijna|ongeveer|circa|zo'n|about|around|some|nearly|almost|roughly)\s+$",
                            re.IGNORECASE)
HEDGE_BEFORE = re.compile(r"\b(?:ruim|bijna|ongeveer|circa|zo'n|meer dan|minder dan|tot|about|around|some|nearly|"
                          r"almost|up to|more than|less than|over|under)\s+$", re.IGNORECASE)
# Dutch words for a quantity before a unit of time or measure: anderhalf jaar, een half jaar, een kwart eeuw.
NL_SPELLED = {"anderhalf": 1.5, "anderhalve": 1.5, "half": 0.5, "halve": 0.5, "kwart": 0.25, **words.NL_UNITS,
              **words.NL_TEENS, **words.NL_TENS, "honderd": 100}


def _quantity(spelled: dict, units: dict, scales: dict, half: str = "") -> re.Pattern:
    """A figure (72, 1,500) or a spelled number (three, anderhalf), a scale word or none (480 miljoen, 300-million),
    then one of the units, longest first; with `half`, the words that add a half before or after the unit (two
    and a half miles, a mile and a half)."""
    figure = r"(?P<minus>\b(?:min|minus)\s+|(?<![\w.,])-)?(?P<number>\d+(?:[.,]\d+)*|\b(?:" + "|".join(spelled) + r"))"
    unit = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    added = rf"(?P<half>{half})?" if half else ""
    later = rf"(?P<later>{half})?" if half else ""
    scale = r"(?:\s*-?\s*(?P<scale>" + "|".join(scales) + r"))?"
    return re.compile(figure + added + scale + r"\s*-?\s*(?P<unit>" + unit + r")(?![^\W\d_])" + later,
                      re.IGNORECASE)


NL_SCALE_WORDS = {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9}
EN_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
NL_QUANTITY = _quantity(NL_SPELLED, NL_UNITS, NL_SCALE_WORDS)
NL_OR_SO = re.compile(r"\been\s+(?P<unit>meter|kilometer|kilo|centimeter|liter|graden)\s+of\s+"
                      r"(?P<number>\d+|" + "|".join(NL_SPELLED) + r")\b", re.IGNORECASE)  # een meter of vijf
EN_QUANTITY = _quantity(EN_SPELLED, EN_UNITS, EN_SCALE_WORDS, half=r"\s+and\s+a\s+half\b")
# The first figure of a range whose second figure has the unit: 19.800 tot ongeveer 8 km per uur, 10 to 15 miles,
# van 19.800 naar amper 8 km per uur.
RANGE_FIRST = re.compile(r"(?P<number>\d+(?:[.,]\d+)*)\s*(?:tot|en|à|naar|-|–|to|and)\s*"
                         r"(?:ongeveer |circa |zo'n |ruim |amper |slechts |maar |about |around |some |just |only )?$",
                         re.IGNORECASE)
FEET_INCHES = re.compile(r"(\d+)[- ]?(?:foot|feet|ft)[- ]?(\d+)(?:\s?in\b)?")  # 6-foot-6, 6ft 1in: a height
POUNDS_OUNCES = re.compile(r"(\d+)\s?(?:lbs?|pounds?)[ ,]*(\d+)\s?(?:oz|ounces?)\b")  # 7lb 1oz: a baby's weight
STONE_POUNDS = re.compile(r"(\d+)\s?(?:st|stone)[ ,]*(\d+)\s?(?:lbs?|pounds?)\b")  # 2st 3lb, as British news weighs
# Units that convert exactly to the Dutch ones: metric, and durations (anderhalf jaar is 18 months, not 19; 100
# jaar is not 103 years).
METRIC = {unit for unit, (dimension, _size) in EN_UNITS.items() if dimension == "time"
          or unit in ("km", "m", "cm", "kg", "sq km", "km²", "hectares")
          or unit.startswith(("kilo", "met", "centi", "lit", "tonne", "square kilo", "square met"))}
# What stands before a conversion in brackets: a figure (303 km (190 miles), $3.6bn) or a spelled number and
# its unit (six meters (18 feet)). A bracket after anything else converts nothing the English still gives.
CONVERTS_BEFORE = re.compile(r"(?:\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                             r"twenty|thirty|forty|fifty|hundred|thousand|dozen|half)\b)\S*(?:\s+\S+)?\s*\(\s*$",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    numbers: tuple[str, ...]  # the digits as written (two for 6-foot-6)
    dimension: str
    value: float  # in the dimension's base unit (kg, m, l, °C, km/h)
    metric: bool = True  # a Dutch quantity, or an English one in metric units: converted exactly, not rounded
    alone: bool = False  # in brackets after no figure: "sank in about (100 feet) of water", its metres dropped
    whole: float = 0.0  # for a whole number in its own unit: half of that unit in the base unit (rounding), else 0
    hedged: bool = False  # after a word that says the figure is not exact: ruim 3 meter, up to 11ft
    loose: float = 0.0  # a hedged round figure: how far rounding to its last figure but 0 may move it (bijna 50)
    rough: bool = False  # a figure of two digits or fewer (30 mph, 25 yards), not one of three (103 feet)


def dutch_quantities(text: str) -> list[Quantity]:
    found = []
    for match in NL_QUANTITY.finditer(text):
        unit, scale = NL_UNITS[match.group("unit").lower()], _scale(match, NL_SCALE_WORDS)
        hedged = bool(HEDGE_BEFORE.search(text, 0, match.start()))
        for number, sign in _figures(text, match):
            sign = -1 if BELOW_ZERO.match(text, match.end()) else sign  # 5 graden onder nul
            value = sign * scale * (NL_SPELLED.get(number.lower()) or _dutch_value(number))
            whole = _whole(number.replace(".", "").replace(",", "."), value, unit, scale)
            rounding = bool(ROUNDING_HEDGE.search(text, 0, match.start()))
            found.append(Quantity((number,), *_base(value, *unit), whole=whole, hedged=hedged,
                                  loose=_loose(value, unit, scale, rounding), rough=_rough(value / scale)))
    for match in NL_OR_SO.finditer(text):  # een meter of vijf: about five metres
        unit = NL_UNITS[match.group("unit").lower()]
        value = NL_SPELLED.get(match.group("number").lower()) or _dutch_value(match.group("number"))
        found.append(Quantity((match.group("number"),), *_base(value, *unit), whole=_whole(str(value), value, unit),
                              hedged=True, rough=True))
    return found


def _figures(text: str, match: re.Match) -> list[tuple[str, int]]:
    """The quantity's figure with its sign, and the first figure of a range before it, which takes its unit and
    scale word (19.800 tot ongeveer 8 km per uur, 750 en 900 miljard, 10 to 15 miles)."""
    figures = [(match.group("number"), _sign(match))]
    if first := RANGE_FIRST.search(text, 0, match.start()):
        figures.append((first.group("number"), 1))
    return figures


def _scale(match: re.Match, scales: dict) -> float:
    return scales[match.group("scale").lower()] if match.group("scale") else 1


def _sign(match: re.Match) -> int:
    """-1 for a quantity below zero: min 10 graden, minus five degrees, -5 °C."""
    return -1 if match.group("minus") else 1


def english_quantities(text: str) -> list[Quantity]:
    found = [Quantity((feet, inches), "length", int(feet) * 0.3048 + int(inches) * 0.0254, metric=False)
             for feet, inches in FEET_INCHES.findall(text)]
    found += [Quantity((pounds, ounces), "mass", int(pounds) * 0.4536 + int(ounces) * 0.02835, metric=False)
              for pounds, ounces in POUNDS_OUNCES.findall(text)]
    found += [Quantity((stone, pounds), "mass", int(stone) * 6.35 + int(pounds) * 0.4536, metric=False)
              for stone, pounds in STONE_POUNDS.findall(text)]
    for match in EN_QUANTITY.finditer(text):
        number, unit = match.group("number"), match.group("unit").lower()
        if unit in ("c", "f") and (match.group("unit") not in "CF" or match.end("number") != match.start("unit")):
            continue  # a temperature's letter only in capitals and against its figure (86F), not "five c batteries"
        if unit == "in" and match.end("number") != match.start("unit"):
            continue  # inches as "in" only against the figure (40in): "five in ten" is no length
        if unit == "m" and (match.end("number") != match.start("unit") or text[match.start() - 1:match.start()]
                            in tuple(CURRENCY)):
            continue  # metres as "m" only against the figure and after no currency (2,500m, not £3m)
        alone = text[match.start() - 1:match.start()] == "(" and not CONVERTS_BEFORE.search(text, 0, match.start())
        half = 0.5 if match.group("half") or match.group("later") else 0  # a mile and a half
        scale = _scale(match, EN_SCALE_WORDS)
        hedged = bool(HEDGE_BEFORE.search(text, 0, match.start()))
        rounding = bool(ROUNDING_HEDGE.search(text, 0, match.start()))
        for figure, sign in _figures(text, match):
            value = sign * scale * (
                EN_SPELLED[figure.lower()] if figure.lower() in EN_SPELLED else float(figure.replace(",", "")))
            if figure == number:
                value += sign * half * scale
                figure += match.group("half") or ""  # as the numbers check reads it: two and a half
            found.append(Quantity((figure,), *_base(value, *EN_UNITS[unit]), metric=unit in METRIC, alone=alone,
                                  whole=_whole(figure, value, EN_UNITS[unit], scale), hedged=hedged,
                                  loose=_loose(value, EN_UNITS[unit], scale, rounding), rough=_rough(value / scale)))
    return found


def _whole(number: str, value: float, unit: tuple[str, float], scale: float = 1) -> float:
    """Half of the unit in the base unit, where a side gives a whole number: how far rounding to it may move a
    converted quantity (three miles for 5 km; ruim vier meter for 14ft; 4 graden for 40F). With a scale word,
    half of the last place written, scaled (a billion gallons, 1.1 billion gallons for vier miljard liter).
    Between two metric units same_dimension asks for the same quantity. `number`: with a decimal point, if any."""
    dimension, size = unit
    if value == 0 or ("." in number and scale == 1):
        return 0.0
    if dimension in ("fahrenheit", "celsius"):
        return 0.5 * (5 / 9 if dimension == "fahrenheit" else 1)
    places = len(number.partition(".")[2])
    return size * scale / 2 / 10 ** places


def _loose(value: float, unit: tuple[str, float], scale: float, rounding: bool) -> float:
    """For a round figure after a hedge that says it is rounded (not a bound such as meer dan), how far it may be from
    the other side's: half of the step it is rounded to, 10, 100 or 5 (bijna 50 km per uur for 30 mph, 48 km per uur;
    ruim twintig meter for 25 yards, 22.9 m; zo'n 25 kilometer for about 15 miles, 24.1 km)."""
    whole = abs(value / scale)
    if not rounding or whole != int(whole) or whole % 5 or unit[0] in ("fahrenheit", "celsius"):
        return 0.0
    step = 10 ** _trailing_zeros(int(whole)) if whole % 10 == 0 else 5
    return unit[1] * scale / 2 * step


def _rough(figure: float) -> bool:
    return abs(figure) < 100 and figure == int(figure)


def _trailing_zeros(whole: int) -> int:
    zeros = 0
    while whole and whole % 10 == 0:
        whole, zeros = whole // 10, zeros + 1
    return zeros


def _dutch_value(number: str) -> float:
    return float(number.replace(".", "").replace(",", ".")) if "," in number else float(number.replace(".", ""))


def _base(value: float, dimension: str, size: float) -> tuple[str, float]:
    if dimension == "fahrenheit":
        return "celsius", (value - 32) * 5 / 9
    return dimension, value * size


def converted(nl: str, en: str, taken: Collection[str] = (),
              missing: Collection[str] = ()) -> tuple[list[str], list[str]]:
    """The numbers (as written) of the Dutch and of the English that are one quantity in two units, each English
    quantity converting one Dutch quantity. `taken`: English numbers that stand for a Dutch figure already, whose
    quantities are left out; `missing`: the Dutch numbers the English lacks, whose quantities come last, so that
    one the English gives otherwise takes its English first (een week, a week; not zeven dagen, a week)."""
    dutch = sorted(dutch_quantities(nl), key=lambda quantity: bool(set(quantity.numbers) & set(missing)))
    english = [quantity for quantity in english_quantities(en) if not set(quantity.numbers) <= set(taken)]
    used_nl: list[str] = []
    used_en: list[str] = []
    for quantity in dutch:
        other = next((other for other in english if not other.alone and same_dimension(quantity, other)), None)
        if other is not None:
            used_nl += quantity.numbers
            used_en += other.numbers
            english.remove(other)
    return used_nl, used_en


def same_dimension(a: Quantity, b: Quantity, tolerance: float = TOLERANCE) -> bool:
    """One quantity in two units, within rounding (between metric units, exactly: 300 km is not 303 km)."""
    if a.dimension != b.dimension:
        return False
    if a.metric and b.metric:
        return _close(a.value, b.value, 1e-9)
    rounding = max(a.whole, b.whole)  # a whole number in miles, feet, pounds: within half of its unit, up to 10%
    if (a.loose and b.rough) or (b.loose and a.rough):  # bijna 50 km per uur, 30 mph; not meer dan 30 m, 103 feet
        rounding = max(rounding, a.loose if b.rough else 0.0, b.loose if a.rough else 0.0)
    if a.dimension == "celsius":  # near zero a share means nothing: half a degree where a side gives whole ones
        return _close(a.value, b.value, tolerance) or abs(a.value - b.value) <= rounding
    rounded = ROUNDED_HEDGED if a.hedged or b.hedged else ROUNDED
    return _close(a.value, b.value, tolerance) or (
        abs(a.value - b.value) <= rounding and _close(a.value, b.value, max(tolerance, rounded)))


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1.0)


def same_quantity(summary: str, article_nl: list[str], article_en: list[str]) -> set[str]:
    """The numbers (as written) of an English summary whose quantity the article states in another unit."""
    said = english_quantities(summary)
    if not said:
        return set()
    article = [q for text in article_nl for q in dutch_quantities(text)]
    article += [q for text in article_en for q in english_quantities(text)]
    return {number for quantity in said for number in quantity.numbers
            if any(same_dimension(quantity, other) for other in article)}
