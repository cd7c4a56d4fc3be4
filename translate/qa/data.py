"""The data the checks look names up in, loaded on first use (never at import)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from translate.qa.reading import NAME_WORD, _key


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
