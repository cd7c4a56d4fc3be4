"""The punctuation check: question and exclamation marks, and quotes and brackets balanced in the Dutch but
not in the English."""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.qa.reading import _plain

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


def punctuation_finding(nl: str, en: str, before: Sequence[tuple[str, str]] = ()) -> str | None:
    """A question or exclamation that the other side lost or gained, or quotes or brackets that the
    Dutch balances and the English does not; or None. `before`: the earlier (Dutch, English) sentences of
    the same paragraph, so that a quotation that spans sentences is judged where the Dutch closes it."""
    nl, en = _plain(nl), _plain(en)
    problems = []
    for mark, name in (("?", "question mark"), ("!", "exclamation mark")):
        dutch, english = nl.count(mark), en.count(mark)
        if dutch != english:
            problems.append(f"{name} {'lost' if english < dutch else 'added'} ({dutch} in the Dutch, {english} in "
                            "the English)")
    open_nl, open_en = open_quotation(before)
    if _quotes_balanced(open_nl + nl) and not _quotes_balanced(open_en + en):
        problems.append("quotes unbalanced in the English")
    if _brackets_balanced(nl) and not _brackets_balanced(en):
        problems.append("brackets unbalanced in the English")
    return "; ".join(problems) or None


QUOTATION_LIMIT = 8  # sentences: a Dutch quotation left open longer is a misread apostrophe, not a quotation


def open_quotation(before: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The quotation the Dutch has open at the end of `before`, in Dutch and in English (each followed by a
    space; empty when the Dutch has none open): the sentences since the Dutch was last balanced."""
    window: list[tuple[str, str]] = []
    for nl, en in before:
        window.append((_plain(nl), _plain(en)))
        if _quotes_balanced(" ".join(pair[0] for pair in window)) or len(window) >= QUOTATION_LIMIT:
            window = []
    if not window:
        return "", ""
    return " ".join(pair[0] for pair in window) + " ", " ".join(pair[1] for pair in window) + " "
