"""The data the names check looks things up in, each loaded on first use (never at import, so that
`translate --help` and the number checks do not pay for it).

- translate/data/names.tsv: what no library has: institutions (Hooggerechtshof -> Supreme Court), acronyms
  (VK -> UK, VS -> US, VN -> UN, NAVO -> NATO), royal and other names spelled otherwise in English, demonyms.
- CLDR through Babel: the names of territories and languages in Dutch and English (Oezbekistan -> Uzbekistan,
  Tsjechisch -> Czech), and the adjective a Dutch language name gives (Tsjechische -> Czech).
- CLDR's currency names in Dutch and English (Britse pond -> British pound, pounds; £ counts as pound).
- CLDR's exemplar cities (the places time zones are named after), in Dutch and English (Calcutta -> Kolkata).
- pycountry: the ISO 3166 country names with their Dutch translations (official names too), and the ISO 3166-2
  subdivisions (Henegouwen -> Hainaut) by their Dutch, English and local names.
- translate/data/given_names.tsv: given names English writes its own way (Karel -> Charles, Maria -> Mary).
- translate/data/alone.tsv: Dutch common nouns that name an institution when capitalised on their own (het Huis,
  the House; de Raad, the Council), for a name of that one word only.
- translate/data/titles.txt: titles and roles (premier, koning, eerwaarde), which are not part of a name.
- translate/data/title_renderings.tsv: titles and roles with their English (premier -> prime minister), for a
  place's adjective before one (de Britse premier, the Prime Minister).
- translate/data/heads.txt: the heads of Dutch compounds that name an institution or an era in Dutch words
  (Kiesraad, Krijttijdperk), which English translates.
- wordfreq: how common a word is in Dutch and in English, which tells a capitalised Dutch common noun
  (Justitie, Partij) from a name (Rutte, which English news writes too).
"""

from __future__ import annotations

import gettext
import re
from functools import cache, lru_cache
from importlib import resources

from translate.qa.reading import NAME_WORD, WORD_CACHE, _key

Table = dict[tuple[str, ...], tuple[tuple[str, ...], ...]]
# A Dutch word at least this common in Dutch (Zipf scale: 3 = once per million words) and at most this
# common in English is a Dutch common noun when capitalised (Justitie 4.6/0, Partij 5.3/0); a name
# that English news writes too is not (Rutte 3.8/2.0, Bouwmeester 3.5/1.7).
COMMON_IN_DUTCH = 3.0
# A capitalised word this common in Dutch and rare in English is a common noun even without a common noun's
# ending (Defensie 4.4, Senaat 4.1, Regering 5.1); Dutch place names stay below it or are known in English
# (Roosendaal 3.9/0, Zoetermeer 3.9/1.2; Groningen 4.9/2.6).
VERY_COMMON_IN_DUTCH = 4.0
RARE_IN_ENGLISH = 1.2
COMMON_ENGLISH = 5.0  # a word in capitals this common in English is a shouted word (READ 5.5), not an acronym
GENERIC_IN_ENGLISH = 4.0  # a subdivision named by English words this common only is no name to demand (Eastern)
COMPASS = {"noord", "zuid", "oost", "west", "midden", "centraal"}
ADJECTIVE_ENDINGS = ("se", "sche")  # Amerikaanse, Britse, Hollandsche: adjectives of a place in the table


@cache
def name_table() -> Table:
    """Dutch name -> its English names, as folded word tuples: names.tsv first, then CLDR and pycountry."""
    table: Table = {}
    for dutch, english in (*_cldr_names(), *_cldr_cities(), *_cldr_currencies(), *_iso_country_names(),
                           *_iso_subdivision_names(), *_names_file()):
        key = _key_words(dutch)
        alternatives = tuple(alt for alt in map(_key_words, english) if alt and alt != key)
        if key and alternatives:
            table[key] = table.get(key, ()) + tuple(alt for alt in alternatives if alt not in table.get(key, ()))
    return table


def _names_file() -> list[tuple[str, list[str]]]:
    return _rows("data/names.tsv")


def _rows(path: str) -> list[tuple[str, list[str]]]:
    """The (Dutch, [English…]) lines of one of our data files: the Dutch, a tab, English names separated by |."""
    text = resources.files("translate").joinpath(path).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            dutch, _, english = line.partition("\t")
            rows.append((dutch, [alt for alt in english.split("|") if alt.strip()]))
    return rows


def _cldr_names() -> list[tuple[str, list[str]]]:
    """Territory and language names, Dutch -> English (CLDR); a language also by its Dutch adjective."""
    from babel import Locale  # a few hundred milliseconds: only when a names check first runs

    dutch, english = Locale("nl"), Locale("en")
    rows = []
    for names_nl, names_en in ((dutch.territories, english.territories), (dutch.languages, english.languages)):
        for code, name in names_nl.items():
            if code in names_en and not code.isdigit():
                rows.append((name, [names_en[code]]))
    for code, name in dutch.languages.items():
        if code in english.languages and name.endswith(("s", "isch")) and " " not in name:
            rows.append((name + "e", [english.languages[code]]))  # Tsjechisch -> Tsjechische: Czech
    return rows


def _cldr_cities() -> list[tuple[str, list[str]]]:
    """City and island names, Dutch -> English: CLDR's exemplar cities of the time zones (Addis Abeba -> Addis
    Ababa, Calcutta -> Kolkata, Mexico-Stad -> Mexico City)."""
    import zoneinfo

    from babel.dates import get_timezone_location

    rows = []
    for zone in sorted(zoneinfo.available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            dutch = get_timezone_location(zone, "nl", return_city=True)
            english = get_timezone_location(zone, "en", return_city=True)
            if dutch != english:
                rows.append((dutch, [english]))
    return rows


def _cldr_currencies() -> list[tuple[str, list[str]]]:
    """Currencies named by a place's adjective, Dutch -> English (CLDR): Britse pond -> British pound, or the
    unit alone (pounds; the names check reads £ as pound), as English gives the currency by its sign."""
    from babel import Locale
    from babel.numbers import get_currency_name

    dutch, english = Locale("nl"), Locale("en")
    rows = []
    for code, name in dutch.currencies.items():
        if " " not in name or code not in english.currencies:
            continue
        singular, plural = english.currencies[code], get_currency_name(code, 2, "en")
        renderings = [singular, plural, singular.rsplit(" ", 1)[-1], plural.rsplit(" ", 1)[-1]]
        rows += [(form, renderings) for form in dict.fromkeys((name, get_currency_name(code, 2, "nl")))]
    return rows


def _iso_country_names() -> list[tuple[str, list[str]]]:
    """ISO 3166 country names in Dutch (pycountry's translations) -> their English names."""
    import pycountry

    try:
        dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    except OSError:  # a pycountry without its translations: CLDR still has the countries
        return []
    rows = []
    for country in pycountry.countries:
        english = [name for name in (country.name, getattr(country, "common_name", None),
                                     getattr(country, "official_name", None)) if name]
        rows += [(dutch.gettext(name), english) for name in english if dutch.gettext(name) != name]
    return rows


# pycountry's subdivision names carry notes: "Catalunya [Cataluña]", "Henan, Provincie", "wallonne, Région".
SUBDIVISION_NOTE = re.compile(r"\s*[\[(].*?[\])]")


def _iso_subdivision_names() -> list[tuple[str, list[str]]]:
    """ISO 3166-2 subdivisions (provinces, states, regions) in Dutch -> their English and local names
    (pycountry's translations): Beieren -> Bavaria, Bayern; Henegouwen -> Hainaut; Nieuw-Zuid-Wales -> New
    South Wales. A name with a comma in it (Henan, Provincie) is left out, as are notes in brackets."""
    import pycountry

    try:
        dutch = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"])
        english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    except OSError:
        return []
    rows = []
    for subdivision in pycountry.subdivisions:
        name = SUBDIVISION_NOTE.sub("", subdivision.name).strip()
        translated = SUBDIVISION_NOTE.sub("", dutch.gettext(subdivision.name)).strip()
        if translated == name or "," in translated:
            continue
        alternatives = [alt for alt in {SUBDIVISION_NOTE.sub("", english.gettext(subdivision.name)).strip(), name}
                        if alt and "," not in alt]
        if not all(map(_generic, alternatives)) and not _generic_dutch(translated):
            rows.append((translated, sorted(alternatives)))
    return rows


def _generic(name: str) -> bool:
    """A name of common English words only (North East, Eastern, Lakes, Unity): regions named by words."""
    return all(common_english_word(word, GENERIC_IN_ENGLISH) for word in _key_words(name))


def _generic_dutch(name: str) -> bool:
    """One Dutch word that is a point of the compass or a very common noun (Noord, Hoofdstad, Eenheid)."""
    words = _key_words(name)
    return len(words) == 1 and (words[0] in COMPASS or common_dutch_noun(words[0], very=True))


@cache
def given_names() -> Table:
    """translate/data/given_names.tsv: given names English writes its own way (Karel -> Charles), folded."""
    return _folded_table("data/given_names.tsv")


def _folded_table(path: str) -> Table:
    """One of our data files as a table: its Dutch -> its English renderings, each as folded words."""
    return {_key_words(dutch): tuple(map(_key_words, english)) for dutch, english in _rows(path)}


@cache
def english_place_words() -> frozenset[str]:
    """Folded English words that name a country or its people (France, French, Czech, Irish): the English names
    of the table's Dutch countries and place adjectives (Franse, Ierse), one word each."""
    from babel import Locale

    words = {_key(name) for code, name in Locale("en").territories.items() if not code.isdigit() and " " not in name}
    for dutch, english in name_table().items():
        if len(dutch) == 1 and dutch[0].endswith(ADJECTIVE_ENDINGS):
            words.update(alt[0] for alt in english if len(alt) == 1)
    return frozenset(words)


@cache
def places() -> frozenset[tuple[str, ...]]:
    """The Dutch names of countries and territories, the cities time zones are named after and the ISO 3166-2
    subdivisions, as folded word tuples: what the English may say again as `the country`, `the city`."""
    return territories() | _cities() | {_key_words(dutch) for dutch, _english in _iso_subdivision_names()}


def _cities() -> frozenset[tuple[str, ...]]:
    """The Dutch names of the cities time zones are named after (CLDR): Los Angeles, Mexico-Stad."""
    import zoneinfo

    from babel.dates import get_timezone_location

    return frozenset(_key_words(get_timezone_location(zone, "nl", return_city=True))
                     for zone in zoneinfo.available_timezones()
                     if "/" in zone and not zone.startswith(("Etc/", "SystemV/")))


NOT_PLACES = {"UN", "EU", "EZ", "QO"}  # CLDR territory codes of bodies and groupings, not places


@cache
def english_territories() -> frozenset[tuple[str, ...]]:
    """The English names of countries and territories (CLDR), as folded word tuples: united states, france; not the
    bodies CLDR lists among them (United Nations, European Union, Eurozone)."""
    from babel import Locale

    return frozenset(_key_words(name) for code, name in Locale("en").territories.items()
                     if not code.isdigit() and code not in NOT_PLACES)


@cache
def territories() -> frozenset[tuple[str, ...]]:
    """The Dutch names of countries and territories (CLDR), as folded word tuples: Frankrijk, Zuid-Afrika."""
    from babel import Locale

    return frozenset(_key_words(name) for code, name in Locale("nl").territories.items() if not code.isdigit())


@cache
def alone_renderings() -> Table:
    """translate/data/alone.tsv: Dutch common nouns that name an institution on their own (het Huis, the House),
    with their English, folded; for a name of that one word only."""
    return _folded_table("data/alone.tsv")


@cache
def titles() -> frozenset[str]:
    """translate/data/titles.txt: titles and roles, folded (premier, koning, minister, eerwaarde...)."""
    return frozenset(_key(dutch) for dutch, _ in _rows("data/titles.txt"))


@cache
def royal_titles() -> dict[str, tuple[str, ...]]:
    """The royal titles of translate/data/titles.txt with their English, folded: koningin -> (queen,)."""
    return {_key(dutch): tuple(map(_key, english)) for dutch, english in _rows("data/titles.txt") if english}


@cache
def title_renderings() -> Table:
    """translate/data/title_renderings.tsv: titles and roles with the English that names them, folded
    (premier -> prime minister, PM)."""
    return _folded_table("data/title_renderings.tsv")


@cache
def heads() -> frozenset[str]:
    """translate/data/heads.txt: the last words of Dutch compounds that name an institution or an era in Dutch
    words (raad, commissie, tijdperk), folded."""
    return frozenset(_key(dutch) for dutch, _ in _rows("data/heads.txt"))


@lru_cache(maxsize=WORD_CACHE)
def common_dutch_noun(key: str, very: bool = False) -> bool:
    """A word common (very: very common) in Dutch and rare in English: capitalised, a common noun, not a name."""
    from wordfreq import zipf_frequency

    return zipf_frequency(key, "nl") >= (VERY_COMMON_IN_DUTCH if very else COMMON_IN_DUTCH) \
        and zipf_frequency(key, "en") <= RARE_IN_ENGLISH


@lru_cache(maxsize=WORD_CACHE)
def common_english_word(key: str, zipf: float = COMMON_ENGLISH) -> bool:
    """A word as common in English as READ or HERE (an acronym such as FBI or NATO is rarer), or as zipf."""
    from wordfreq import zipf_frequency

    return zipf_frequency(key, "en") >= zipf


def _key_words(text: str) -> tuple[str, ...]:
    return tuple(map(_key, NAME_WORD.findall(text)))


@cache
def _longest_key() -> int:
    return max(map(len, name_table()), default=1)
