"""Consistency across a run: the same Dutch translated differently."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


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
