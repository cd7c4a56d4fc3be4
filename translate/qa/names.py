"""The names check: a capitalised Dutch word that is not at the start of a sentence or quotation (`Rutte`,
`De Jong`, `Tweede Kamer`) must be in the English as written, nearly so (`Brussel` ~ `Brussels`), or as one
of its known English names (`Den Haag` -> `The Hague`; see translate.qa.data)."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from translate.qa.data import (
    ADJECTIVE_ENDINGS,
    COMMON_IN_DUTCH,
    COMPASS,
    VERY_COMMON_IN_DUTCH,
    _key_words,
    _longest_key,
    alone_renderings,
    common_dutch_noun,
    common_english_word,
    english_place_words,
    english_territories,
    given_names,
    heads,
    name_table,
    places,
    royal_titles,
    territories,
    title_renderings,
    titles,
)
from translate.qa.numbers import english_renderings
from translate.qa.reading import NAME_WORD, POSSESSIVE, WORD_CACHE, _key, _Word, _words

PARTICLES = {"de", "van", "der", "den", "von", "ten", "ter", "te", "la", "le", "du", "da", "di", "del", "al", "el",
             "bin", "ibn", "'t", "’t"}
# Capitalised at the start of a sentence these are the start of a name, never an article: Den Haag, Ten Hag.
OPENING_PARTICLES = {"den", "ten", "ter"}
ROMAN = re.compile(r"[IVX]{1,5}")
POST_NOMINALS = {"qc", "kc", "mp", "mep", "jr", "sr", "obe", "mbe", "cbe", "phd"}  # after a name, not part of it
# A name stops at punctuation and brackets; a plural's possessive goes on (Professional Golfers' Association).
NAME_BREAK = re.compile(r"[,;:()\[\]\"“”‘«»/]|(?<![sS])['’](?!\w)|\s[-–—]\s")
DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")  # U.S., U.K., U.N.: the English acronym as one word
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]*[A-Z])\)")  # Warenautoriteit (NVWA)
# An acronym in brackets and the word before it: "the Committee (DCCC)" gives an expansion and its acronym;
# "its (MIP)", "The (DCCC)" give the acronym of an expansion that is not there (an orphan).
BRACKETED_ACRONYM = re.compile(r"([^\W\d_]*)\W*\(\s*([A-Z]{2,})\s*[);,]")
NOT_AN_EXPANSION = {"the", "a", "an", "its", "their", "his", "her", "our", "as", "of", "and", "or"}
# A street's kind abbreviated after its name in English (Santa Monica Blvd.), written out for comparison.
STREET_WORDS = {"blvd": "Boulevard", "ave": "Avenue", "rd": "Road", "hwy": "Highway", "sq": "Square"}
ABBREVIATED_STREET = re.compile(r"(?<=[A-Za-z] )(Blvd|Ave|Rd|Hwy|Sq)\b\.?")
ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # ETFs, NGOs, MPs: the Dutch writes ETF's
BEFORE_DIGITS = re.compile(r"([A-Z]{2,})\d+")  # an acronym with a number against it: EU27, the EU
LETTER_DASH_DIGITS = re.compile(r"\b[A-Z]{1,3}-\d+\b")  # G-20, F-35: G20, F35 as Dutch writes them
AFTER_DIGITS = re.compile(r"\d+([^\W\d_]{2,}|[CF])")  # a unit or name written against a number: 2600mAh, 50F
# Currency signs as the English word of their unit, so that a currency's Dutch name (Britse pond, CLDR) is
# found in £125m.
CURRENCY_SIGNS = {"£": "pound", "$": "dollar", "€": "euro", "¥": "yen", "₹": "rupee", "₩": "won"}
# Dutch spellings the English way, for transliterated names (Sajpov ~ Saipov, Seoel ~ Seoul) and for Dutch
# forms of English names (Republikeinen ~ Republicans, Conservatieven ~ Conservatives): letters, then endings.
TRANSLITERATION = (("tsj", "ch"), ("sj", "sh"), ("zj", "zh"), ("oe", "u"), ("ij", "y"), ("j", "y"), ("ie", "i"),
                   ("aa", "a"), ("ee", "e"), ("oo", "o"), ("k", "c"), ("z", "s"), ("v", "f"))
# The endings of words of people, language and place (spelled the English way: ees is es, isch is isch).
DUTCH_DEMONYM_ENDINGS = {"", "e", "es", "ese", "esen", "er", "ers", "ner", "ners", "an", "ans", "anen", "anse",
                         "isch", "ische", "itisch", "itische", "s", "se", "sch", "sche", "en", "ier", "iers", "yn",
                         "ynen", "ynse"}
ENGLISH_DEMONYM_ENDINGS = {"an", "ans", "ian", "ians", "ese", "ish", "ic", "ics", "i", "is", "er", "ers", "ean",
                           "eans", "ite", "ites", "s"}  # Koerden ~ Kurds
# A Dutch word for a people, back to its place's adjective (folded): Kenianen, Keniaanse; Serviërs, Servische.
PEOPLE_TO_ADJECTIVE = (("anen", "aanse"), ("aan", "aanse"), ("aren", "aarse"), ("enen", "eense"), ("ezen", "ese"),
                       ("iers", "ische"), ("ier", "ische"), ("ers", "se"), ("er", "se"), ("er", "erse"),
                       ("ers", "erse"), ("en", "se"))
DUTCH_ENDINGS = re.compile(r"(?:sche|se|en|e|s)$")
# The endings of Dutch common nouns.
NOUN_ENDINGS = ("ie", "ing", "ingen", "heid", "heden", "schap", "teit", "isme", "tie", "ties", "kunde", "zorg")
HONORIFICS = ("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof")  # before a surname in English
SKIPPED_IN_INITIALS = {"of", "and", "for", "the", "on", "&"}  # Intergovernmental Panel on Climate Change: IPCC
PLACE_ADJECTIVE_ENDINGS = (*ADJECTIVE_ENDINGS, "she")  # and Welshe: a place's adjective the English may leave out
DESCRIPTION_IN_ENGLISH = 3.0  # wordfreq Zipf in English below which a very common Dutch word is description
GENERIC_NAME_WORD = 5.0  # wordfreq Zipf in English from which a word alone does not stand for a name (Team 5.7)
RARE_NAME_WORD = 4.0  # wordfreq Zipf in English below which a word of a name is rare enough to stand for it
EMPHASIS_IN_DUTCH = 5.5  # wordfreq Zipf in Dutch from which a word in capitals is a shouted common word
FUNCTION_WORD = 6.0  # wordfreq Zipf in Dutch from which a capitalised word is a function word (maar, ook)
COMMON_HEAD, HEAD_MARGIN = 3.5, 2.0  # Zipf in Dutch, and its lead over English, of a Dutch noun after a hyphen
CLAUSE_OPENERS = {"die", "dat", "wie", "wat", "waar", "welke", "toen", "omdat", "als", "terwijl", "en", "maar", "of"}
DESCRIPTION_WORDS = 3  # words in lower case between a place's adjective and the name it describes
DUTCH_MARGIN = 2.0  # how much more common in Dutch than in English (Zipf) a word must be: kies 2.7, Feyenoord 1.6
PLACE_IN_ENGLISH = 1.0  # wordfreq Zipf in English from which a Dutch word with a noun's ending is a place
COMPOUND_PARTS = 3  # common nouns a capitalised Dutch compound may be made of and still be a common noun
NAME_IN_ENGLISH = 2.0  # wordfreq Zipf in English below which a very common Dutch word is no name in English
NEAR_SCORE = 80  # rapidfuzz ratio (0-100) of two transliterated spellings that count as one name


def _name_word(words: list[_Word], i: int) -> bool:
    word = words[i]
    if not word.capital or len(word.text) < 2 or ROMAN.fullmatch(word.text) or word.text[0].isdigit():
        return False
    if not word.opening:
        return True
    following = words[i + 1] if i + 1 < len(words) else None
    return word.key in OPENING_PARTICLES and bool(following and following.capital and not following.opening)



class _English:
    """The English side, folded for looking names up: as a word set and as one string for phrases."""

    def __init__(self, text: str):
        if "." in text:
            text = DOTTED.sub(lambda match: match.group().replace(".", "") + " ", text)
        if ABBREVIATED_STREET.search(text):
            text = ABBREVIATED_STREET.sub(lambda match: STREET_WORDS[match.group(1).lower()], text)
        found = NAME_WORD.findall(text)
        self.words = list(map(_key, found))
        self.acronyms = {word for word in found if word.isupper() and len(word) > 1}
        self.capitalised = Counter(_key(word) for word in found if word[0].isupper())
        # Common English words in capitals, three or more: shouting (THANK YOU FOR COMING), not acronyms.
        self.shouts = sum(common_english_word(_key(word), RARE_NAME_WORD) for word in self.acronyms) > 2
        self.orphans = {acronym for before, acronym in BRACKETED_ACRONYM.findall(text)
                        if not before[:1].isupper() or before.lower() in NOT_AN_EXPANSION}
        signs = [word for sign, word in CURRENCY_SIGNS.items() if sign in text]
        plurals = {word[:-1].lower() for word in found if ACRONYM_PLURAL.fullmatch(word)}  # ETFs: the ETF's
        units = {_key(match.group(1)) for word in found if (match := AFTER_DIGITS.fullmatch(word))}  # 2600mAh
        units |= {_key(match.group(1)) for word in found if (match := BEFORE_DIGITS.fullmatch(word))}  # EU27: EU
        units |= {_key(match.group().replace("-", "")) for match in LETTER_DASH_DIGITS.finditer(text)}  # G-20: G20
        # Two capitalised words in a row, written as one (One Drive: OneDrive).
        run_together = {_key(a + b) for a, b in pairwise(found) if a[:1].isupper() and b[:1].isupper()}
        self.set = set(self.words) | set(signs) | plurals | units | run_together
        self.joined = " " + " ".join(self.words + signs + sorted(units)) + " "  # 50F: F

    def has_initials(self, acronym: str) -> bool:
        """An acronym of 3+ letters spelled out: the initials of words in a row, small words counted or not
        (POD: personal online data store; LFL: like-for-like)."""
        if len(acronym) < 3:
            return False
        every = "".join(self._initial(k) for k in range(len(self.words)))
        content = "".join(self._initial(k) for k, word in enumerate(self.words) if word not in SKIPPED_IN_INITIALS)
        return acronym in every or acronym in content

    def _initial(self, k: int) -> str:
        """A word's initial; an English acronym gives all its letters (U.S. Geological Survey: USGS)."""
        return self.words[k] if self.words[k].upper() in self.acronyms and len(self.words[k]) <= 3 else self.words[k][0]

    def has_phrase(self, words: tuple[str, ...]) -> bool:
        return " " + " ".join(words) + " " in self.joined

    def has_word(self, key: str) -> bool:
        """As written, or nearly: a shared start of 4+ letters and at most 2 letters' difference in the
        shorter word (Brussel ~ Brussels, Russische ~ Russian, Concertgebouworkest ~ Concertgebouw)."""
        if key in self.set or (key.endswith("s") and len(key) >= 4 and key[:-1] in self.set):
            return True  # as written, or with the Dutch genitive s (Toms kamer, Tom's room; Ruttes beleid)
        if len(key) < 4:
            return False
        if any(_near(key, word) for word in self.set):
            return True
        if len(key) < 5:
            return False
        if self.one_letter_apart(key):
            return True
        spelled_otherwise = _transliterated(key) != key or len(key) >= 7
        return (spelled_otherwise and self.sounds_like(key)) or self.same_stem(key)

    def one_letter_apart(self, key: str) -> bool:
        """Spelled with one letter more or less (Rohani ~ Rouhani, Jansen ~ Janssen); not one letter changed
        (Maduro is not madura)."""
        from rapidfuzz.distance import Indel

        return any(len(word) >= 5 and word[0] == key[0] and abs(len(word) - len(key)) == 1
                   and Indel.distance(key, word) == 1 for word in self.set)

    def same_stem(self, key: str) -> bool:
        """A Dutch and an English word of people, language or place from one stem of 4+ letters, each with an
        ending of its language (Koerd-en ~ Kurd-ish, Canad-ees ~ Canad-ian, Japan-ner ~ Japan-ese, Islam-itisch
        ~ Islam-ic, Noord-s ~ Nord-ic), spelled the English way."""
        dutch = _letters(key)
        return any(_stem_split(dutch, _letters(word)) for word in self.set if len(word) >= 4 and word[0] == key[0])

    def sounds_like(self, key: str, words: Iterable[str] = ()) -> bool:
        """A transliteration or a near spelling: Sajpov ~ Saipov, Oezbekistan ~ Uzbekistan (rapidfuzz); of the
        given words, or of all."""
        from rapidfuzz import fuzz

        english = _transliterated(key)
        words = [word for word in (words or self.set) if len(word) >= 4]
        spellings = (_transliterated(word) for word in words
                     if word[0] == english[0] or (word[0] == "k" and key[0] == "c"))  # Charkov ~ Kharkov
        if any(fuzz.ratio(english, spelling) >= NEAR_SCORE for spelling in spellings
               if abs(len(spelling) - len(english)) <= 3):
            return True
        # A first letter the English way would change (z, v, k), the same as written: the same spelling the
        # English way, not a near one (Zacharova ~ Zakharova, Vasjadze ~ Vashadze; Zeeland is not Zealand).
        return any(word[0] == key[0] != english[0] and _transliterated(word) == english for word in words)


@lru_cache(maxsize=WORD_CACHE)
def _transliterated(key: str) -> str:
    return _letters(DUTCH_ENDINGS.sub("", key) if len(key) > 5 else key)


@lru_cache(maxsize=WORD_CACHE)
def _letters(key: str) -> str:
    """A Dutch spelling the English way, letter by letter (Oezbekistan: uzbecistan)."""
    for dutch, english in TRANSLITERATION:
        key = key.replace(dutch, english)
    return key


def _stem_split(dutch: str, english: str) -> bool:
    return any(dutch[k:] in DUTCH_DEMONYM_ENDINGS and english[k:] in ENGLISH_DEMONYM_ENDINGS
               for k in range(_shared_start(dutch, english), 3, -1))


def _near(a: str, b: str) -> bool:
    """b spelled nearly as a: a shared start of 4+ letters and at most 2 letters' difference in the shorter; b no
    more than 3 letters longer (Czech is not Czechoslovak, Expo is not Exposition) unless by a demonym's ending
    (Iran, Iranians)."""
    if len(b) < 4 or a[:4] != b[:4]:
        return False
    if len(b) > len(a) + 3 and not (b.startswith(a) and b[len(a):] in ENGLISH_DEMONYM_ENDINGS):
        return False
    return _shared_start(a, b) >= min(len(a), len(b)) - 2


def _shared_start(a: str, b: str) -> int:
    """How many letters two words share from their start."""
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    return shared


@dataclass(frozen=True)
class Name:
    text: str  # as written in the Dutch: Frenkie de Jong
    words: tuple[str, ...]  # folded: frenkie, de, jong
    required: tuple[str, ...]  # the capitalised ones, each of which the English must hold: frenkie, jong
    english: tuple[tuple[str, ...], ...]  # its English names from the table, folded
    acronym: str = ""  # the acronym in brackets right after it in the Dutch: Warenautoriteit (NVWA)
    before_name: bool = False  # another name follows at once: Amerikaanse Senaat
    spellings: tuple[str, ...] = ()  # the words in lower case with their accents, for word frequencies (comité)
    title: str = ""  # the title or role right before it, folded: koningin (Koningin Elizabeth)
    before_person: bool = False  # a word or three and a name follow: de Amerikaanse president Donald Trump
    office: str = ""  # the word in lower case right after it, folded: premier (de Britse premier)


def dutch_names(nl: str) -> list[Name]:
    """The names of a Dutch text, each a table entry or capitalised words in a row."""
    words = _words(nl)
    table = name_table()
    names = []
    i = read = 0  # read: the words before it are in a name already
    while i < len(words):
        if not _name_word(words, i) or (_function_word(words[i]) and not _table_entry(words, i, table)):
            i += 1
            continue
        if i > read and words[i - 1].opening and words[i - 1].capital and (
                nl[words[i - 1].end:words[i].start] == "-" or (_table_entry(words, i - 1, table) or 0) > i
                or (_table_entry(words, i - 1, table) and words[i - 1].key.endswith(ADJECTIVE_ENDINGS))):
            i -= 1  # Mexico-Stad, Verenigde Staten opening the sentence: one name; Afrikaanse Unie: two
        j = _table_entry(words, i, table)
        if j == i + 1 and _name_goes_on(words, i, table, nl):
            j = None  # Washington Nationals: a known word that begins a longer name
        end = after = j or _name_end(words, i, table, nl)
        if not j and end - i > 1 and nl[words[end - 2].end:words[end - 1].start] == "-" \
                and _dutch_head(words[end - 1].text.lower()):
            end -= 1  # Ryder Cup-Comité: a name with a Dutch noun for its head; the name is Ryder Cup
        start = i
        while not j and start < end - 1 and words[start].key in titles():
            start += 1  # Premier Zoran Zaev: the name is Zoran Zaev
        keys = tuple(w.key for w in words[start:end])
        required = tuple(w.key for w in words[start:end] if w.capital)
        acronym = ACRONYM_AFTER.match(nl, words[end - 1].end)
        before_name = end < len(words) and _name_word(words, end) and not words[end].opening \
            and not NAME_BREAK.search(nl, words[end - 1].end, words[end].start)
        before_person = _named_after_description(words, end, nl)
        title = words[start - 1].key if start and words[start - 1].key in titles() else ""
        spellings = tuple(POSSESSIVE.sub("", w.text.lower()) for w in words[start:end])
        office = words[end].key if end < len(words) and not words[end].capital \
            and not NAME_BREAK.search(nl, words[end - 1].end, words[end].start) else ""
        names.append(Name(nl[words[start].start:words[end - 1].end], keys, required, table.get(keys, ()) if j else (),
                          acronym.group(1) if acronym else "", before_name, spellings, title, before_person, office))
        i = read = after
    return names


def _function_word(word: _Word) -> bool:
    """A word among the most common of Dutch (maar 6.8, ook 6.7) written with a capital inside a sentence: a
    slip (", Maar de samenwerking"), not a name. Particles stay name words (De Croo, Van Gaal)."""
    return not word.text.isupper() and word.key not in PARTICLES and _dutch_zipf(word.key) >= FUNCTION_WORD


@lru_cache(maxsize=WORD_CACHE)
def _dutch_zipf(key: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(key, "nl")


@lru_cache(maxsize=WORD_CACHE)
def _dutch_head(word: str) -> bool:
    """A Dutch common noun joined to a name by a hyphen (Comité 4.3/2.0, Stichting 4.9/1.8): much more common in
    Dutch than in English; not a name's last part (Sint-Maarten 4.3/2.6, Baden-Württemberg 2.4/2.2)."""
    from wordfreq import zipf_frequency

    dutch = _dutch_zipf(word)
    return dutch >= COMMON_HEAD and dutch - zipf_frequency(word, "en") >= HEAD_MARGIN


def _name_goes_on(words: list[_Word], i: int, table: dict, text: str) -> bool:
    """A one-word table name (Washington, Grieks) followed at once by a capitalised word that no table knows
    (Nationals, Orthodoxe) begins a longer name; a place's adjective stays apart (Amerikaanse Senaat)."""
    following = i + 1
    return following < len(words) and not words[i].key.endswith(ADJECTIVE_ENDINGS) \
        and _name_word(words, following) and not words[following].opening \
        and not NAME_BREAK.search(text, words[i].end, words[following].start) \
        and not _table_entry(words, following, table)


def _noun_of_adjective(adjective: Name, name: Name) -> bool:
    """A Dutch noun that no table knows right after an adjective it knows (Afrikaanse Unie, Rooms-Katholieke Kerk):
    one institution, whose English translates the noun (the African Union, the Catholic Church) where it has
    the adjective's English."""
    return adjective.before_name and bool(adjective.english) and adjective.words[-1].endswith("e") \
        and len(name.words) == 1 and not name.english \
        and _dutch_noun(name.spellings[0])


def _named_after_description(words: list[_Word], end: int, text: str) -> bool:
    """One to three words in lower case and then a name, in one clause: de Amerikaanse zender CNN, de Amerikaanse
    staat Georgia, de Amerikaanse minister van Financiën Steven Mnuchin."""
    for k in range(end, min(end + DESCRIPTION_WORDS + 1, len(words))):
        if NAME_BREAK.search(text, words[k - 1].end, words[k].start) or words[k].opening \
                or words[k].key in CLAUSE_OPENERS:
            return False  # een Tsjechische jodin die naar Auschwitz: the name is in another clause
        if words[k].capital:
            return k > end and _name_word(words, k)
    return False


def _table_entry(words: list[_Word], i: int, table: dict) -> int | None:
    """The end of the longest table entry that starts at word i (Tweede Kamer, Raad van State), or None."""
    for length in range(min(_longest_key(), len(words) - i), 0, -1):
        if tuple(w.key for w in words[i:i + length]) in table:
            return i + length
    return None


def _name_end(words: list[_Word], i: int, table: dict, text: str) -> int:
    """Capitalised words in a row, with particles between them: Frenkie de Jong, Ursula von der Leyen; up to a
    table entry after a particle ("Hoekstra van Buitenlandse Zaken" is Hoekstra, then Buitenlandse Zaken), and
    never across punctuation or a bracket (Baton Rouge, Louisiana; Warenautoriteit (NVWA))."""
    end = i + 1
    j = end
    while j < len(words):
        if words[j].opening or NAME_BREAK.search(text, words[j - 1].end, words[j].start) \
                or words[j].key in POST_NOMINALS:
            break  # Kier Starmer QC: the name is Kier Starmer
        if _name_word(words, j):
            if (j > end and _table_entry(words, j, table)) or (end - i > 1 and _country_at(words, j, table)) \
                    or _acronym_after_word(words, j):
                break  # Ruimtevaartorganisatie ESA: the acronym is a name of its own
            end = j = j + 1
        elif words[j].key in ("en", "of") and text[words[j - 1].end:words[j - 1].end + 1] == "-":
            j += 1  # Voedsel- en Warenautoriteit: one name
        elif _joins_name(words, j):
            j += 1  # Academie voor Wetenschappen: one name
        elif words[j].key in PARTICLES and not words[j].capital:
            if words[j].key == "van" and _another_name_after(words, j + 1):
                break  # Graham Dorrans van Glasgow Rangers, Wayde Sims van LSU: "of", not part of the name
            j += 1
        else:
            break
    return end


def _country_at(words: list[_Word], j: int, table: dict) -> bool:
    """A country's Dutch name starts at word j (Frankrijk): after a person's name of two words it is a name of its
    own, in Dutch word order (waarna Antoine Griezmann Frankrijk op voorsprong zette)."""
    end = _table_entry(words, j, table)
    return end is not None and tuple(w.key for w in words[j:end]) in territories()


def _acronym_after_word(words: list[_Word], j: int) -> bool:
    """An acronym right after a word that is none: the Dutch names a body and gives its acronym (Europese
    Ruimtevaartorganisatie ESA), which English news gives or spells out on its own."""
    return len(words[j].text) > 1 and words[j].text.isupper() and not words[j - 1].text.isupper()


def _joins_name(words: list[_Word], j: int) -> bool:
    """Dutch's voor between a Dutch noun and a capitalised word joins them into one name (Centrum voor
    Ziektebestrijding, Academie voor Wetenschappen). (English's of, and, for inside an English name were tried
    too: Dutch's of is "or", and joining them hid dropped names on WMT24++.)"""
    following = words[j + 1] if j + 1 < len(words) else None
    if words[j].text != "voor" or following is None or not following.capital or following.opening:
        return False
    before = words[j - 1].text.lower()
    return _dutch_noun(before)


def _another_name_after(words: list[_Word], j: int) -> bool:
    """After "van": an acronym (LSU) or two capitalised words (Glasgow Rangers) are a name of their own."""
    if j >= len(words) or not words[j].capital:
        return False
    if words[j].text.isupper() and len(words[j].text) > 1:
        return True
    return j + 1 < len(words) and words[j + 1].capital and not words[j + 1].opening


TEMPERATURE_SCALES = {("celsius",), ("fahrenheit",)}


def _name_present(name: Name, english: _English, others: Counter | None = None, nl: str = "") -> bool:
    """In the English as one of its table names, as written, or word by word (each also by its table names); an
    acronym in brackets after it that the English has too settles it. A multiword name is present when its
    distinctive part is: the words that are not Dutch common nouns (Paleis Huis ten Bosch, Gouden Ballen)."""
    if any(english.has_phrase(alt) for alt in name.english) or english.has_phrase(name.words):
        return True
    if name.words in TEMPERATURE_SCALES:
        return True  # 9 graden Fahrenheit, 9 degrees: a temperature is the numbers check's to compare
    if name.words[0] == "the" and len(name.words) > 1 and english.has_phrase(name.words[1:]):
        return True  # een jack van The North Face, a North Face jacket: English drops its article before a noun
    others = others or Counter()
    spelled = dict(zip(name.words, name.spellings or name.words, strict=True))
    if name.acronym and _key(name.acronym) in english.set and name.acronym not in english.orphans:
        return True  # Moon Impact Probe (MIP), the MIP; not "its (MIP)", which gives the acronym of what it lost
    table = name_table()
    if len(name.required) == 1 and _common_word(spelled[name.required[0]]):
        return True  # Commissie, Defensie, Rampenpreventie: a Dutch common noun written with a capital
    if name.before_name and " " not in name.text and name.english and name.words[-1].endswith(ADJECTIVE_ENDINGS):
        return True  # het Amerikaanse Hooggerechtshof, the Supreme Court: the institution says whose it is
    if len(name.required) == 1 and any(word in english.set for word in royal_titles().get(name.title, ())):
        return True  # Koningin Elizabeth, the Queen: English news names a royal by the title
    if len(name.words) == 1 and any(english.has_phrase(alt) for alt in alone_renderings().get(name.words, ())):
        return True  # het Huis, the House: an institution by its common noun alone
    if len(name.words) == 1 and name.words[0] in titles() and (
            any(word in english.set for word in royal_titles().get(name.words[0], ()))
            or any(english.has_phrase(office) for office in title_renderings().get(name.words, ()))):
        return True  # de Japanse Keizer, Japan's Emperor: a title written with a capital, no name
    if " " not in name.text and name.english and name.words[-1].endswith(ADJECTIVE_ENDINGS) and any(
            english.has_phrase(office) for office in title_renderings().get((name.office,), ())):
        return True  # de Britse premier, the Prime Minister: English news names the office without the country
    if name.words[0].isalpha() and name.text.isupper() and english.has_initials(name.words[0]):
        return True  # POD: the personal online data store
    initials = _initials(name.words)
    if len(name.required) > 1 and initials in english.acronyms and (initials not in nl
                                                                   or initials not in english.orphans):
        return True  # Professional Golfers' Association: the PGA (but not the (PGA) of an expansion dropped)
    if len(name.words) == 1 and name.text.isupper() and _emphasis(name.words[0]):
        return True  # NIET, NOOIT: a very common Dutch word in capitals is emphasis, not an acronym
    if len(name.words) > 2 and name.text.isupper() and english.shouts:
        return True  # BEDANKT DAT JE KWAM / THANK YOU FOR COMING: words shouted on both sides, not a name
    # A name of separate Dutch words only that no table knows, each very common in Dutch or a Dutch common noun
    # (Algemene Vergadering, Huis van Afgevaardigden, Ministerie van Eenwording), is a description put in
    # capitals: it is not demanded word for word (Gilze-Rijen is).
    if " " in name.text and not name.english and len(name.required) > 1 and all(
            _description_word(spelled[k]) or _common_word(spelled[k]) for k in name.required):
        return True
    distinctive = [k for k in name.required if (k,) in table or (k in PARTICLES and k == name.words[0])
                   or (k not in PARTICLES and not common_dutch_noun(spelled[k]))] or list(name.required)
    present = [k for k in distinctive if _word_present(k, english, table)]
    if len(present) == len(distinctive):
        return True
    translated = all(_dutch_noun_in_name(spelled[k]) or _translated_compound(k)
                     or any(english.has_phrase(alt) for alt in alone_renderings().get((k,), ()))
                     for k in distinctive if k not in present)
    if translated and (present or any(_word_present(k, english, table) for k in name.required
                                      if k not in distinctive)):
        return True  # Grieks-Orthodoxe Kerk, Orthodoxe Kerk ~ (Greek) Orthodox Church: its Kerk translated; the
        # Constitutionele Raad, the Constitutional Council: its Raad by its English (alone.tsv)
    if any(all(english.has_word(word) for word in place) for place in _places_of_adjective(name.words)):
        return True  # Nieuw-Zeelandse wijnen, New Zealand wines; Kaapverdische, Cape Verdean: by the place
    if len(name.required) == 1 and (_compound_present(name.required[0], english)
                                    or (name.text.isupper() and _acronym_present(name.text, english))):
        return True
    # Or its last rare word stands in the English on its own (Wayde Sims ~ Sims, Washington Nationals ~ the
    # Nationals, Paleis Huis ten Bosch ~ Huis ten Bosch Palace): rare in English (not Beach or State), and
    # more often than the Dutch's other names hold it (Sarah Palin is not the Palin of Track Palin), and
    # with a capital (Lloyds Pharmacy is not the pharmacy of a pharmacy business).
    # Only a name of capitalised words alone (not Blair Macpherson van Ayr, not De Croo, whose De a
    # shortening keeps), its last word as written or nearly so.
    last = distinctive[-1]
    if len(name.words) > 1 and any(english.has_phrase((honorific, *name.words[1:])) for honorific in HONORIFICS):
        return True  # Theresa May, Mrs May; Ursula von der Leyen, Ms von der Leyen: British news's second mention
    if len(name.required) < 2 or name.words != name.required or any(k in PARTICLES for k in name.required):
        return False
    if _ordinary_words_dropped(name, english, others):
        return True
    if common_english_word(last, RARE_NAME_WORD):
        return False
    count = english.capitalised[last]  # written as a name: not the pharmacy of "pharmacy business"
    return count > others.get(last, 0) if count else not others.get(last) and (
        any(_near(last, w) for w in english.capitalised)
        or (len(last) >= 5 and english.sounds_like(last, english.capitalised)))  # Vladimir Poetin ~ Putin


def _ordinary_words_dropped(name: Name, english: _English, others: Counter) -> bool:
    """Some words of the name are there, one of them not among the most common (not the Team of Team Sky, Zipf
    5.7; nor the English of Johnny English, 5.3; nor, at a cost, the Series of World Series, 5.35), and those it
    lacks are ordinary English words (Hampden Park ~ Hampden, Glasgow Rangers ~ Rangers): news shortens a name its
    readers know. A word counts as there only where the English writes it with a capital more often than the
    Dutch's other names hold it (not the York of New York City, not the campaign of a campaign finance fight)."""
    there = [k for k in name.required if english.capitalised[k] > others.get(k, 0)]
    return any(len(k) >= 4 and not common_english_word(k, GENERIC_NAME_WORD) for k in there) and all(
        common_english_word(k, RARE_NAME_WORD) for k in name.required if k not in there)


def _describes_person(name: Name) -> bool:
    """A place's adjective before a description and a name (de Amerikaanse president Donald Trump, de Amerikaanse
    zender CNN): English news leaves the nationality out where it gives the name (President Donald Trump, CNN)."""
    return name.before_person and " " not in name.text and bool(name.english) \
        and name.words[-1].endswith(ADJECTIVE_ENDINGS)


TITLE_AFTER_HYPHEN = re.compile(r"-([^\W\d_]+)")


def _in_title_of(name: Name, nl: str) -> bool:
    """A name joined to a title before a person's name (Tencent-president Martin Lau, Fed-voorzitter Jerome Powell):
    English news often gives the title and the name alone (President Martin Lau), the organisation said before."""
    title = _followed_by(name, nl, TITLE_AFTER_HYPHEN)
    return bool(name.before_person and title and _key(title.group(1)) in titles())


def _followed_by(name: Name, nl: str, pattern: re.Pattern) -> re.Match | None:
    """What the pattern matches right after the name where the Dutch first writes it."""
    place = nl.find(name.text)
    return pattern.match(nl, place + len(name.text)) if place >= 0 else None


def _initials(words: tuple[str, ...]) -> str:
    """The acronym of a name's words, small words left out (Professional Golfers' Association: PGA)."""
    return "".join(word[0] for word in words if word not in PARTICLES and word not in SKIPPED_IN_INITIALS).upper()


@lru_cache(maxsize=WORD_CACHE)
def _emphasis(key: str) -> bool:
    """A word among the most common of Dutch (niet 7.0, nooit 5.8); acronyms stay below (VVD 4.3, NAVO 4.1)."""
    from wordfreq import zipf_frequency

    return (key,) not in name_table() and zipf_frequency(key, "nl") >= EMPHASIS_IN_DUTCH


@lru_cache(maxsize=WORD_CACHE)
def _description_word(key: str) -> bool:
    """A word very common in Dutch and not common in English (Algemene 4.9/1.4, Huis 5.7/2.0): description."""
    from wordfreq import zipf_frequency

    return zipf_frequency(key, "nl") >= VERY_COMMON_IN_DUTCH and zipf_frequency(key, "en") < DESCRIPTION_IN_ENGLISH


def _dutch_noun(spelling: str) -> bool:
    """A Dutch noun a name may hold and English translates: a Dutch noun of a name or a description word (Unie,
    Leger, Centrum, Academie)."""
    return _dutch_noun_in_name(spelling) or _description_word(spelling)


@lru_cache(maxsize=WORD_CACHE)
def _dutch_noun_in_name(spelling: str) -> bool:
    """A word of a multiword name that is a common Dutch noun, though English text has it a little as a name
    (Kerk 5.0/1.8, Straat 5.1/1.3, Eiland 5.1/1.8, Comité 4.3/2.0): the English translates it where it keeps
    the rest. `spelling`: the word in lower case with its accents, as word frequencies know it."""
    from wordfreq import zipf_frequency

    return (_key(spelling),) not in name_table() and zipf_frequency(spelling, "nl") >= VERY_COMMON_IN_DUTCH \
        and zipf_frequency(spelling, "en") <= NAME_IN_ENGLISH


# A place's adjective, back to the place: Nieuw-Zeelandse -> Nieuw-Zeeland, Frans-Guyanese -> Frans-Guyana,
# Estse -> Estland, Kaapverdische -> Kaapverdië. The endings taken off, then what a place name may end in instead.
ADJECTIVE_TO_PLACE = (("sche", ""), ("sche", "e"), ("ese", "a"), ("se", ""), ("se", "land"), ("se", "en"),
                      ("se", "e"), ("s", ""), ("s", "land"), ("aans", "a"))  # Oostenrijks, Schots, Keniaans


def _places_of_adjective(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The English names of the place whose adjective the name ends in (from the table), folded."""
    table, last = name_table(), words[-1]
    places = []
    for ending, place in ADJECTIVE_TO_PLACE:
        if last.endswith(ending) and len(last) > len(ending) + 2:
            places += table.get((*words[:-1], last[:-len(ending)] + place), ())
    return places


def _compound_present(key: str, english: _English) -> bool:
    """A Dutch compound of a name and a common noun whose name the English holds (Oscaruitreiking ~ the
    Oscars, Brexitdeal ~ the Brexit deal, Rijnvallei ~ the Rhine valley, Krimbrug ~ the Crimean Bridge): a head
    of 4+ letters, then a common Dutch noun of 4+ letters or a word the English holds too (Nijldelta ~ the Nile
    Delta)."""
    return any((common_dutch_noun(key[i:]) or _dutch_head(key[i:]) or english.has_word(key[i:]))
               and _word_present(key[:i].rstrip("-"), english, name_table()) for i in range(4, len(key) - 3))


def _acronym_present(acronym: str, english: _English) -> bool:
    """A Dutch acronym of 3+ letters beside an English one of the same length that differs in one letter
    (PTSS ~ PTSD, AIVD is not NSA) or has two letters side by side swapped (HCM ~ HMC, a slip)."""
    key = _key(acronym)
    return len(key) >= 3 and any(len(word) == len(key) and word.upper() in english.acronyms
                                 and (_letters_changed(word, key) == 1 or _swapped(word, key)) for word in english.set)


def _letters_changed(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _swapped(a: str, b: str) -> bool:
    """Two words of the same length that differ by two neighbouring letters swapped."""
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _word_present(key: str, english: _English, table: dict) -> bool:
    """As written or nearly, by a table's or a given name's English, or a number word by its English (Drie
    Koninkrijken, the Three Kingdoms; Eerste Wereldoorlog, World War I), or a people by its place (Kenianen,
    Kenyans)."""
    return english.has_word(key) or any(english.has_phrase(alt) for alt in (*table.get((key,), ()),
                                                                            *given_names().get((key,), ()))) \
        or not english.set.isdisjoint(english_renderings(key)) or _people_present(key, english)


def _people_present(key: str, english: _English) -> bool:
    """A word for a people (Kenianen, Serviër, Zwitser) by its place's adjective in Dutch (Keniaanse, Servische)
    and that adjective's or its place's English in the table: the English holds a word of the same stem with a
    demonym's ending (Kenyans, Serbs, Swiss)."""
    table = name_table()
    for ending, adjective_ending in PEOPLE_TO_ADJECTIVE:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            adjective = (key[:-len(ending)] + adjective_ending,)
            for alt in (*table.get(adjective, ()), *_places_of_adjective(adjective)):
                if (len(alt) == 1 or english.has_phrase(alt[:-1])) \
                        and any(_demonym_of(alt[-1], word) for word in english.set):
                    return True
    return False


def _demonym_of(place: str, word: str) -> bool:
    """The English word is the place's word with a demonym's ending, or shares 4+ letters with it and ends in one
    (Kenyan: Kenyans; Serbia: Serbs; Swiss: Swiss)."""
    shared = _shared_start(place, word)
    return word == place or (shared >= 4 and word[shared:] in ENGLISH_DEMONYM_ENDINGS | {"", "ers", "er"}
                             and (place[shared:] in ENGLISH_DEMONYM_ENDINGS | {"", "a", "ia", "y"}))


@lru_cache(maxsize=WORD_CACHE)
def _common_word(spelling: str) -> bool:
    """A name of one word that is a Dutch common noun written with a capital: very common in Dutch and rare in
    English (Defensie, Senaat, Regering), common with the ending of a Dutch common noun (Commissie,
    Parlementsverkiezingen), or a compound of up to three common nouns that ends in one with such an ending
    (Rampenpreventie, Slaapgeneeskunde, Rampenbestrijdingsagentschap). The table's words (Hooggerechtshof) are
    names whatever their frequency. `spelling`: the word in lower case with its accents."""
    if (_key(spelling),) in name_table():
        return False
    if common_dutch_noun(spelling, very=True) or _translated_compound(_key(spelling)):
        return True
    if not _key(spelling).endswith(NOUN_ENDINGS) or common_english_word(spelling, PLACE_IN_ENGLISH):
        return False  # English text writes Dutch places a little (Terschelling 1.0), never Regering or Commissie
    return _noun_compound(spelling, COMPOUND_PARTS)


@lru_cache(maxsize=WORD_CACHE)
def _translated_compound(key: str) -> bool:
    """A compound of Dutch words that ends in the head of an institution's or an era's name (heads.txt): Kies|raad,
    Krijt|tijdperk, Wereld|voedsel|programma, the Electoral Council, the Cretaceous, the World Food Programme."""
    return any(key[i:] in heads() and _dutch_left(key[:i], COMPOUND_PARTS - 1)
               for i in range(3, len(key) - 2))


def _unlinked(left: str) -> str:
    """The left part of a compound without its linking s or hyphen (veiligheids-raad), where it has one."""
    left = left.rstrip("-")
    return left[:-1] if left.endswith("s") and _dutch_zipf(left) < COMMON_IN_DUTCH else left


def _dutch_left(left: str, parts: int) -> bool:
    """The left part of a compound is Dutch words, with its linking s or without it (volks|congres: volk, though
    volks is a word too)."""
    unlinked = _unlinked(left)
    return _dutch_words(unlinked, parts) or (unlinked.endswith("s") and _dutch_words(unlinked[:-1], parts))


@lru_cache(maxsize=WORD_CACHE)
def _dutch_words(key: str, parts: int) -> bool:
    """A Dutch word (much more common in Dutch than in English: kies 4.6/1.9, wereld 5.6/1.4; not gravel, water,
    nor a name such as Feyenoord 4.1/2.5), or a compound of up to `parts` of them."""
    from wordfreq import zipf_frequency

    dutch = _dutch_zipf(key)
    if len(key) >= 3 and dutch >= COMMON_IN_DUTCH and dutch - zipf_frequency(key, "en") >= DUTCH_MARGIN:
        return True
    return parts > 1 and any(_dutch_words(key[i:], 1) and _dutch_left(key[:i], parts - 1)
                             for i in range(3, len(key) - 2))


@lru_cache(maxsize=WORD_CACHE)
def _noun_compound(key: str, parts: int) -> bool:
    """A common Dutch noun, or a compound of up to `parts` of them, s linked (rampen|bestrijding|s|agentschap)."""
    if common_dutch_noun(key):
        return True
    return parts > 1 and any(common_dutch_noun(key[i:]) and _noun_compound(key[:i].rstrip("s"), parts - 1)
                             for i in range(3, len(key) - 5))


def _known_present(name: Name, english: _English, renderings: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> bool:
    joined = " " + " ".join(name.words) + " "
    return any(dutch and " " + " ".join(dutch) + " " in joined and english.has_phrase(rendering)
               for dutch, rendering in renderings)


def names_finding(nl: str, en: str, *, known: Iterable[tuple[str, str]] = (),
                  earlier: Sequence[str] = ()) -> str | None:
    """The Dutch names that the English neither holds nor renders by a known English name, or None. A Dutch
    text in capitals only (a headline, a shouted quote) says nothing by its capitals, and is not read.
    known: extra (Dutch, English) renderings to accept, such as a glossary's: a name that holds the Dutch
    of one is present when the English holds its English; earlier: the English of the article's sentences
    before this one, where a name the English refers to again by a pronoun or a description was named."""
    if nl.isupper():
        return None
    names = dutch_names(nl)
    if not names:
        return None
    english = _English(en)
    renderings = [(_key_words(dutch), _key_words(rendering)) for dutch, rendering in known]
    counts = Counter(k for name in names for k in name.required)
    present = [_name_present(name, english, counts - Counter(name.required), nl)
               or _known_present(name, english, renderings) for name in names]
    for k in range(1, len(names)):
        present[k] = present[k] or (_noun_of_adjective(names[k - 1], names[k])
                                    and any(english.has_phrase(alt) for alt in names[k - 1].english))
    left_out = [not present[k] and _adjective_left_out(name, names, english) for k, name in enumerate(names)]
    for k in range(len(names) - 1):  # het Noord-Ierse agentschap: Noord goes with its adjective
        left_out[k] = left_out[k] or (left_out[k + 1] and names[k].words[0] in COMPASS
                                      and f"{names[k].text}-{names[k + 1].text}" in nl)
    missing = [name.text for k, name in enumerate(names) if not present[k] and not left_out[k]
               and not ((_describes_person(name) or _in_title_of(name, nl)) and k + 1 < len(names) and present[k + 1])
               and not _place_explained(names, k, nl) and not _award_of_category(name, nl, en)
               and not _time_zone(name, en) and not _brexit_vote(name, nl, en)]
    if missing and earlier:
        missing = _not_referred_to(missing, names, nl, en, earlier)
    return "; ".join(f"{name} missing" for name in dict.fromkeys(missing)) or None


EARLIER_SENTENCES = 20  # of the article, before the sentence: where a name said again by a pronoun was named


def article_window() -> deque[str]:
    """What a caller keeps of an article's English for names_finding's `earlier`: the last sentences read."""
    return deque(maxlen=EARLIER_SENTENCES)


def _not_referred_to(missing: list[str], names: list[Name], nl: str, en: str, earlier: Sequence[str]) -> list[str]:
    """The missing names, less those the English refers to again where the Dutch names them again: a name that
    the English has given in the article's earlier sentences, here the speaker said by a pronoun (zei het Rode
    Kruis, it said), something said by a description the Dutch lacks (Brazilië, the country), or a knight by his
    title and given name (Starmer, Sir Keir)."""
    described, knighted = _described(nl, en), [_key(given) for given in KNIGHTED.findall(en)]
    if not described and not knighted and not PRONOUN_SPEAKS.search(en):
        return missing
    said = _English(" ".join(list(earlier)[-EARLIER_SENTENCES:]))

    def referred(name: Name) -> bool:
        kind = _kind(name)
        return _name_present(name, said) and (
            kind in described or (kind == "person" and len(name.words) == 1 and "body" in described)
            or _speaker(name, nl)
            or any(said.has_phrase((given, *name.words)) for given in knighted))

    by_text = {name.text: name for name in names}
    return [text for text in missing if not referred(by_text[text])]


KNIGHTED = re.compile(r"\b(?:Sir|Dame)\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")  # Sir Keir: Sir Keir Starmer again


DUTCH_SPEECH = ("zei", "zegt", "zeggen", "zeiden", "aldus", "volgens", "vertelde", "vertelt", "vertelden", "schreef",
                "schrijft", "verklaarde", "verklaart", "meldde", "meldt", "stelde", "stelt", "voegde", "voegt",
                "antwoordde", "benadrukte", "waarschuwde")
SPEECH = "(?i:" + "|".join(DUTCH_SPEECH) + ")"
ENGLISH_SPEECH = ("said", "says", "say", "told", "tells", "tell", "wrote", "writes", "added", "adds", "stated",
                  "states", "warned", "warns", "replied", "stressed")
# he said, it says, she has told, said he. (not "says it has"), according to them
PRONOUN_SPEAKS = re.compile(r"\b(?:(?:he|she|it|they)\s+(?:\w+\s+)?(?:" + "|".join(ENGLISH_SPEECH) + r")"
                            r"|(?:said|says|added|wrote|warned)\s+(?:he|she|it|they)(?=\s*[.,;:])"
                            r"|according\s+to\s+(?:him|her|it|them))\b", re.IGNORECASE)


def _speaker(name: Name, nl: str) -> bool:
    """The name is the Dutch's speaker: beside a verb of saying (zei het Rode Kruis, aldus Bone, volgens Global
    Citizen, Bone zei)."""
    name = re.escape(name.text)
    return bool(re.search(rf"\b{SPEECH}\s+(?:de\s+|het\s+)?{name}(?!\w)|(?<!\w){name}\s+{SPEECH}\b", nl))


# How English news refers again to something it has named, the Dutch words for the same description, and whether
# it describes a place (the country) or something else (a body, a team, a person: the regulator, the 43-year-old).
DEMONYMS = (("dane", "deen"), ("scot", "schot"), ("frenchman", "fransman"), ("australian", "australiër"),
            ("american", "amerikaan"), ("spaniard", "spanjaard"), ("briton", "brit"), ("welshman", "welshman"),
            ("irishman", "ier"), ("englishman", "engelsman"), ("german", "duitser"), ("dutchman", "nederlander"),
            ("swede", "zweed"), ("norwegian", "noor"), ("belgian", "belg"), ("italian", "italiaan"),
            ("argentine", "argentijn"), ("brazilian", "braziliaan"), ("russian", "rus"), ("croat", "kroaat"),
            ("serb", "serviër"), ("swiss", "zwitser"), ("austrian", "oostenrijker"), ("canadian", "canadees"),
            ("new zealander", "nieuw-zeelander"), ("south african", "zuid-afrikaan"), ("japanese", "japanner"))
DUTCH_DEMONYMS = "(?-i:" + "|".join(dutch.capitalize() for _english, dutch in DEMONYMS) + ")"
DESCRIPTIONS = (
    *((english, dutch, "place") for english, dutch in (
        ("country", "land|natie"), ("nation", "land|natie"), ("city", "stad"), ("state", "staat|deelstaat"),
        ("region", "regio|streek"), ("island", "eiland"), ("capital", "hoofdstad"), ("kingdom", "koninkrijk"),
        ("province", "provincie"), ("county", "graafschap"), ("north-east", "noordoosten"),
        ("north-west", "noordwesten"), ("south-east", "zuidoosten"), ("south-west", "zuidwesten"))),
    *((english, dutch, "body") for english, dutch in (
        ("club", "club"), ("company", "bedrijf|onderneming"), ("firm", "bedrijf|firma|onderneming"),
        ("group", "groep"), ("party", "partij"), ("organi[sz]ation", "organisatie"), ("world body", "(?!)"),
        ("bloc", "blok"), ("alliance", "bondgenootschap|alliantie"), ("team", "team|ploeg|elftal"),
        ("side", "ploeg|elftal"), ("agency", "agentschap|dienst"), ("health service", "gezondheidszorg"),
        ("charity", "liefdadigheidsinstelling|goede doel"), ("league", "competitie|bond"),
        ("union", "vakbond|unie"), ("regulator", "toezichthouder|waakhond"), ("watchdog", "toezichthouder|waakhond"),
        ("authority", "autoriteit|overheid|gemeente"), ("council", "raad|gemeente"), ("tour", "tournee|toer"),
        ("competition", "competitie|toernooi"), ("tournament", "toernooi"), ("broadcaster", "omroep|zender"),
        ("network", "zender|netwerk"), ("streaming service", "streamingdienst"), ("carmaker", "autofabrikant"),
        ("airline", "luchtvaartmaatschappij"), ("bank", "bank"), ("ministry", "ministerie"),
        ("department", "ministerie|departement"), ("bureau", "bureau|dienst"))),
    *((english, dutch, "person") for english, dutch in (
        ("president", "president"), ("prime minister", "premier|minister-president"), ("premier", "premier"),
        ("chancellor", "kanselier"), ("minister", "minister"), ("governor", "gouverneur"),
        ("mayor", "burgemeester"), ("senator", "senator"), ("judge", "rechter"), ("manager", "manager|trainer"),
        ("coach", "coach|trainer|hoofdcoach|hoofdtrainer"), ("striker", "spits"), ("midfielder", "middenvelder"),
        ("goalkeeper", "doelman|keeper"), ("captain", "aanvoerder|captain"), ("chief executive", "topman|ceo"),
        ("boss", "baas|topman"), ("chairman", "voorzitter"), ("leader", "leider"), ("singer", "zanger|zangeres"),
        ("actor", "acteur"), ("actress", "actrice"), ("star", "ster"), ("champion", "kampioen"),
        ("veteran", "veteraan"), (r"\d+-year-old", r"\d+-jarige"), *DEMONYMS)),
)
DESCRIBED = tuple((re.compile(rf"\b[Tt]he ((?:[\w-]+ ){{0,2}}){english}(?:'s|’s)?\b", re.IGNORECASE),
                   re.compile(rf"\b(?:{dutch})\b(?!\s+(?!{DUTCH_DEMONYMS}\b)(?-i:[A-Z]))", re.IGNORECASE), kind)
                  for english, dutch, kind in DESCRIPTIONS)
ENGLISH_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ic", "ern")
ENGLISH_COMPASS = {"north", "south", "east", "west", "north-east", "north-west", "south-east", "south-west",
                   "northeast", "northwest", "southeast", "southwest", "central"}


def _described(nl: str, en: str) -> set[str]:
    """The kinds ("place", "body", "person") of the descriptions the English uses to refer to something (the country,
    the West African nation, the world body, the 43-year-old) more often than the Dutch uses that description's words
    other than before a name (de Britse premier Theresa May, de 43-jarige Lindsay name her; de 35-jarige Italiaan
    does not): where the Dutch names it again, as translators do. Not a name's team (the Boca team bus): the words
    before the description are common words or adjectives."""
    kinds = set()
    for english, dutch, kind in DESCRIBED:
        if kind in kinds:
            continue
        said = sum(all(word.islower() or word.lower() in ENGLISH_COMPASS or word.endswith(ENGLISH_ADJECTIVE_ENDINGS)
                       for word in match.group(1).split()) for match in english.finditer(en))
        if said and said > len(dutch.findall(nl)):
            kinds.add(kind)
    return kinds


def _kind(name: Name) -> str:
    """What a description of the name would describe: a place, a person (a surname alone, or a given name and
    more) or a body (a club, a company, an event: Super Bowl)."""
    if _place(name):
        return "place"
    return "person" if len(name.words) == 1 or (name.words[0],) in given_names() else "body"


def _place(name: Name) -> bool:
    """A country, a city or a region, or a place's people or adjective (Britten, Braziliaanse)."""
    return name.words in places() or any(
        alt in english_territories() or (len(alt) == 1 and alt[0] in english_place_words()) for alt in name.english)


ZONE_TIME = re.compile(r"\b([A-Za-z]+) time\b")


def _time_zone(name: Name, en: str) -> bool:
    """A place's adjective naming a time zone (om 12.02 uur Nederlandse tijd, 7.29 uur Japanse tijd), where the
    English gives the time by another zone (1002 GMT, Tokyo time) but not by another country's (Chinese time)."""
    if name.office != "tijd" or not name.words[-1].endswith(ADJECTIVE_ENDINGS):
        return False
    zones = [_key(zone) for zone in ZONE_TIME.findall(en)]
    return not any(_place_word(zone) and _shared_start(zone, name.words[-1]) < 4 for zone in zones)


NL_IN_OR_OUT = re.compile(r"\b(?:in|uit)\s+de\s+EU\b[^.;:]{0,30}?\b(?:blijven|stappen|treden|gaan|vertrekken)\b"
                          r"|\b(?:blijven|stappen|treden)\s+(?:in|uit)\s+de\s+EU\b|\bde\s+EU\s+(?:verlaat|verlaten|verliet)\b")
EN_REMAIN_OR_LEAVE = re.compile(r"\b(?:[Rr]emain|[Ll]eave|[Qq]uit)\b"
                                r"(?!\s+(?:in\s+(?:the|it|europe)|within|inside|part|a\s+member|the|it)\b)")


def _brexit_vote(name: Name, nl: str, en: str) -> bool:
    """De EU in Brexit's vote (in de EU blijven, uit de EU stappen, de EU verlaten) where English news says Remain
    or leave alone (nobody was ruling out Remain; whether to leave): not where it says what (remain in the, leave
    the)."""
    return name.words == ("eu",) and bool(NL_IN_OR_OUT.search(nl)) and bool(EN_REMAIN_OR_LEAVE.search(en))


AWARD_CATEGORY = re.compile(r"\s+voor\s+(?:de\s+|het\s+)?beste\b")
BEST = re.compile(r"\bbest\b", re.IGNORECASE)


def _award_of_category(name: Name, nl: str, en: str) -> bool:
    """A prize named before its category (de Oscar voor beste actrice), where the English names the category
    alone (won best actress): entertainment news leaves the prize to the article."""
    return bool(_followed_by(name, nl, AWARD_CATEGORY) and BEST.search(en))


PLACE_KINDS = ("staat", "deelstaat", "provincie", "graafschap", "regio", "eiland")


def _place_explained(names: list[Name], k: int, nl: str) -> bool:
    """A place a translator names to explain another (in Columbus, in de Amerikaanse staat Ohio; English: in
    Columbus): the name right after a place's adjective and the kind of place it is."""
    if k == 0 or names[k - 1].office not in PLACE_KINDS:
        return False
    before = names[k - 1]
    return before.words[0].endswith(PLACE_ADJECTIVE_ENDINGS) and \
        f"{before.text} {before.office} {names[k].text}" in nl


def _adjective_left_out(name: Name, names: list[Name], english: _English) -> bool:
    """A place's adjective alone, which translators into Dutch add and English leaves to the context (de Ierse
    centrale bank, the Central Bank; de Engelse dierentuin, the zoo): left out, not changed, unless the English
    names a country or people the Dutch does not (French for Britse) or a near one (Czechoslovak for Tsjechische)."""
    word = name.words[0]
    if len(name.words) != 1 or not word.endswith(PLACE_ADJECTIVE_ENDINGS):
        return False
    places = [*name.english, *_places_of_adjective(name.words), *(
        (word[:-len(ending)] + place,) for ending, place in ADJECTIVE_TO_PLACE if word.endswith(ending))]
    said = {said_word for other in names for alt in (*other.english, other.words) for said_word in alt}
    if any(_place_word(other) and other not in said for other in english.words):
        return False
    return not any(_shared_start(other, place_word) >= 4 for other in english.words
                   for place in places for place_word in place)


def _place_word(word: str) -> bool:
    """A country or its people, or a word made of a country's name (Belarussian, Czechoslovak)."""
    places = english_place_words()
    return word in places or (len(word) >= 6 and any(word[:k] in places
                                                     for k in range(4, len(word) - 1)))
