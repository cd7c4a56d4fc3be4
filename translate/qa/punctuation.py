"""The punctuation check: a question or exclamation mark lost or added, and quotes and brackets balanced in the
Dutch but not in the English. An exclamation mark added is not flagged (Hallo. / Hello!: translators add them
freely, and it changes no meaning), nor one of several lost (Hoe durf je!! / How dare you!)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.qa.reading import _plain

CLITIC = re.compile(r"['‘’](?:s|t|n|k|em|til|tis|twas)(?=[\s-])", re.IGNORECASE)
QUOTE_MARKS = "'‘’\"“”„«»,"
# A tag question after a comma, which a translator adds freely (It's cold, right? / Het is koud.).
ENGLISH_TAG = re.compile(r",\s*(?:right|you know|ok|okay|eh|huh|no|yes|yeah|isn't it|don't you think)\s*\?",
                         re.IGNORECASE)


def _quotes_balanced(text: str) -> bool:
    return _quote_state(text) == BALANCED


BALANCED, OPEN, BROKEN = "balanced", "open", "broken"
SHORT_QUOTATION = 3  # words: a quote after a plural's s this close to the opening one closes the quotation


def _quote_state(text: str, english: bool = False) -> str:
    """Whether the quotes of a text are balanced, leave a quotation open (it goes on in a later sentence), or
    are broken (a closing mark with nothing open). Double quotes come in pairs (", “ ”, „ “, ,, '', « »);
    single quotes open and close, apostrophes aside (zo'n, auto's, 's avonds, '80, Biden's, and a plural's
    players' when no quote is open). A single quote turned the wrong way (‘…‘, ’…’) counts by where it
    stands: after a word and before a space it closes, after a space and before a word it opens."""
    if not any(mark in text for mark in QUOTE_MARKS):
        return BALANCED
    text = text.replace(",,", "“").replace("''", "”")
    doubles = _double_state(text)
    if doubles == BROKEN:
        return BROKEN
    depth = elided = 0
    opened = 0  # where the innermost open quotation began
    double_open = doubles == OPEN  # “…’: a double quote closed by a single one (a translator's slip)
    for k, char in enumerate(text):
        if char not in "'‘’":
            continue
        before, after = text[k - 1:k], text[k + 1:k + 2]
        if _apostrophe(text, k, before, after):
            elided += after.isdigit() and not before.isalnum()  # '80, or a quotation that opens on '99 procent'
            continue
        if _opens(before, after) and (char != "’" or not before.isalnum()):
            depth, opened = depth + 1, k
        elif before == "s" and (depth == 0 or (english and _possessive_in_quotation(text, k, opened))):
            continue  # the players' union
        elif depth == 0 and elided:
            elided -= 1  # it closes a quotation that opened before digits
        elif depth == 0 and double_open and char == "’":
            double_open = False
        elif depth == 0:
            return BROKEN
        else:
            depth -= 1
    return OPEN if depth or double_open else BALANCED


def _possessive_in_quotation(text: str, k: int, opened: int) -> bool:
    """A plural's possessive inside an English quotation ('We know it won't change students' behaviour): before a
    word in lower case, far from where the quotation opened. Near it, the quote closes a short quotation ('experts'
    say). Dutch has no such possessive (de consequenties' en: a quotation closed)."""
    return text[k + 1:k + 2] == " " and text[k + 2:k + 3].islower() and text.count(" ", opened, k) > SHORT_QUOTATION


def _double_state(text: str) -> str:
    marks = [(k, char) for k, char in enumerate(text) if char in '"“”„«»']
    if len(marks) % 2 and (stray := _stray_apostrophe(text, marks)) is not None:
        marks.remove(stray)
    if len(marks) % 2 == 0:
        return BALANCED
    k, char = marks[-1]
    opening = char in "„«" or (char in '"“' and _opens(text[k - 1:k], text[k + 1:k + 2]))
    return OPEN if opening else BROKEN


def _stray_apostrophe(text: str, marks: list[tuple[int, str]]) -> tuple[int, str] | None:
    """A straight double quote typed for an apostrophe (a coup d"état, Mercedes" team orders, the workers" mood):
    between two letters, or after a plural's s and before a word in lower case, where the other double quotes
    open and close in turn without it."""
    for mark in marks:
        k, char = mark
        before, after = text[k - 1:k], text[k + 1:k + 2]
        if char != '"' or not before.isalpha() or not (after.isalpha() or (
                before == "s" and after == " " and text[k + 2:k + 3].islower())):
            continue
        rest = [m for m in marks if m != mark]
        if all(_opening_mark(text, j, c) == (n % 2 == 0) for n, (j, c) in enumerate(rest)):
            return mark
    return None


def _opening_mark(text: str, k: int, char: str) -> bool:
    return char in "„«“" if char != '"' else _opens(text[k - 1:k], text[k + 1:k + 2])


def _apostrophe(text: str, k: int, before: str, after: str) -> bool:
    """zo'n, don't, Biden's; or before a clitic or digits: 's avonds, 't, '80."""
    if before.isalnum():
        return after.isalpha()
    return bool(CLITIC.match(text, k)) or after.isdigit()


def _opens(before: str, after: str) -> bool:
    """A quote opens after a space or an opening mark and before a non-space."""
    return (not before or before.isspace() or before in "([{“\"‘„—–-") and bool(after) and not after.isspace()


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
    """A question that the other side lost or gained, an exclamation lost, or quotes or brackets that the
    Dutch balances and the English does not; or None. `before`: the earlier (Dutch, English) sentences of
    the same paragraph, so that a quotation that spans sentences is judged where the Dutch closes it."""
    nl, en = _plain(nl), _plain(en)
    problems = []
    dutch, english = nl.count("?"), en.count("?")
    if dutch != english and not english - len(ENGLISH_TAG.findall(en)) <= dutch < english:
        problems.append(f"question mark {'lost' if english < dutch else 'added'} ({dutch} in the Dutch, {english} in "
                        "the English)")
    if "!" in nl and "!" not in en:
        problems.append(f"exclamation mark lost ({nl.count('!')} in the Dutch, 0 in the English)")
    open_nl, open_en = open_quotation(before)
    if open_en:
        en = _without_reopening(nl, en)
    if _quotes_lost(open_nl + nl, open_en + en) and not _opens_paragraph_quote(nl, en):
        problems.append("quotes unbalanced in the English")
    if _brackets_balanced(nl) and not _brackets_balanced(en):
        problems.append("brackets unbalanced in the English")
    return "; ".join(problems) or None


def _quotes_lost(nl: str, en: str) -> bool:
    """The Dutch balances its quotes and the English does not; or the Dutch closes a quotation (one opened
    before, the English's own opening lost with it) where the English leaves one open: its closing mark lost."""
    dutch, english = _quote_state(nl), _quote_state(en, english=True)
    return english != BALANCED and (dutch == BALANCED or (dutch == BROKEN and english == OPEN))


OPENING_QUOTE = re.compile(r"\s*['‘\"“]")
QUOTE_CHARS = re.compile(r"['‘’\"“”„«»]|,,")


def _without_reopening(nl: str, en: str) -> str:
    """Inside a quotation that goes on, British English opens it again at each paragraph ('...): an opening
    quote at the start of the English, where the Dutch sentence opens none, is that mark, not a new quote."""
    opening = OPENING_QUOTE.match(en)
    return en[opening.end():] if opening and not OPENING_QUOTE.match(nl) else en


def _opens_paragraph_quote(nl: str, en: str) -> bool:
    """The English opens a quotation at its start and leaves it open, the Dutch has no quote at all: the
    quotation's new paragraph, whose mark the Dutch leaves out ('It is a complete farce. / Het is een
    volledige farce.), not a closing mark lost."""
    return bool(OPENING_QUOTE.match(en)) and not QUOTE_CHARS.search(nl) and _quote_state(en, english=True) == OPEN


QUOTATION_LIMIT = 4  # sentences: a Dutch quotation left open longer is a misread apostrophe, not a quotation


def quotation_window(before: Sequence[tuple[str, str]], nl: str, en: str) -> list[tuple[str, str]]:
    """What `before` needs to hold for the sentence after (nl, en): the sentences of a quotation both sides still
    have open (at most QUOTATION_LIMIT - 1 of them). Passing this window instead of the whole paragraph gives
    the same findings (within a window no sentence ended one) in work that does not grow with the paragraph."""
    window: list[tuple[str, str]] = []
    for pair in [*before, (nl, en)]:
        window.append(pair)
        both_open = all(_quote_state(" ".join(_plain(p[side]) for p in window), english=side == 1) == OPEN
                        for side in (0, 1))
        if not both_open or len(window) >= QUOTATION_LIMIT:
            window = []
    return window


def open_quotation(before: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The quotation the Dutch has open at the end of `before`, in Dutch and in English (each followed by a
    space; empty when the Dutch has none open): the sentences since one whose Dutch opened a quotation and
    left it open, as long as the English has it open too (where only one side has, a quote was misread or
    lost, and each sentence is judged on its own again). Broken quotes (a stray closing mark) open nothing."""
    window: list[tuple[str, str]] = []
    for nl, en in before:
        nl, en = _plain(nl), _plain(en)
        window.append((nl, _without_reopening(nl, en) if window else en))
        both_open = all(_quote_state(" ".join(pair[side] for pair in window), english=side == 1) == OPEN
                        for side in (0, 1))
        if not both_open or len(window) >= QUOTATION_LIMIT:
            window = []
    if not window:
        return "", ""
    return " ".join(pair[0] for pair in window) + " ", " ".join(pair[1] for pair in window) + " "
