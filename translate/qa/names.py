"""The names check: a capitalised Dutch word that is not at the start of a sentence or quotation (`Rutte`,
`De Jong`, `Tweede Kamer`) must be in the English as written, nearly so (`Brussel` ~ `Brussels`), or as one
of its known English names (`Den Haag` -> `The Hague`; see translate.qa.data)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from translate.qa.data import _key_words, _longest_key, name_table
from translate.qa.reading import NAME_WORD, _key, _Word, _words

PARTICLES = {"de", "van", "der", "den", "von", "ten", "ter", "te", "la", "le", "du", "da", "di", "del", "al", "el",
             "bin", "ibn", "'t", "’t"}
# Capitalised at the start of a sentence these are the start of a name, never an article: Den Haag, Ten Hag.
OPENING_PARTICLES = {"den", "ten", "ter"}
ROMAN = re.compile(r"[IVX]{1,5}")


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


def _known_present(name: Name, english: _English, renderings: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> bool:
    joined = " " + " ".join(name.words) + " "
    return any(dutch and " " + " ".join(dutch) + " " in joined and english.has_phrase(rendering)
               for dutch, rendering in renderings)


def names_finding(nl: str, en: str, *, known: Iterable[tuple[str, str]] = ()) -> str | None:
    """The Dutch names that the English neither holds nor renders by a known English name, or None. A Dutch
    text in capitals only (a headline, a shouted quote) says nothing by its capitals, and is not read.
    known: extra (Dutch, English) renderings to accept, such as a glossary's: a name that holds the Dutch
    of one is present when the English holds its English."""
    if nl.isupper():
        return None
    names = dutch_names(nl)
    if not names:
        return None
    english = _English(en)
    renderings = [(_key_words(dutch), _key_words(rendering)) for dutch, rendering in known]
    missing = [name.text for name in names if not _name_present(name, english)
               and not _known_present(name, english, renderings)]
    return "; ".join(f"{name} missing" for name in dict.fromkeys(missing)) or None
