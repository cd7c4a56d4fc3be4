"""Dutch sentence splitting, and cutting over-long sentences into pieces that fit the model.

A paragraph arrives whitespace-normalised, so a sentence boundary can only fall on one of its single
spaces. `split_sentences` looks at the token before each space and the token after it (and the one after
that, when the first is a lone opening quote) and decides; joining the sentences with single spaces
therefore gives back the paragraph exactly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Characters that may close a sentence after its final punctuation ("het.’", "gemeente.)", ",,klaar.''")
# and that may open the next one ("‘Dat", ",,Het", "(Zie").
CLOSERS = "’'\"”»)]"
OPENERS = "‘'\"“„«([,‚"
# The marks that can only open ("‘", ",,", "("), never close: one standing alone belongs to what follows.
OPEN_ONLY = "".join(c for c in OPENERS if c not in CLOSERS)

# Abbreviations that introduce what follows (titles, "o.a.", "ca.", "nr."): a capitalised word after
# them is a name or a continuation ("dhr. Smit", "o.a. Spanje"), so they never end a sentence.
# Written without the final period and lower-cased.
LEADING = _words(
    "dhr mevr mw mej mr dr drs prof ir ing ds st sint mgr br zr gen lt kol kpt sgt adm burg weth "
    "o.a o.m bijv bv vb i.p.v m.b.t t.a.v n.a.v i.v.m t.o.v o.l.v d.w.z c.q m.n m.u.v v.w.b t.b.v "
    "i.o.v i.s.m z.s.m m.i a.d t.w ca nr nrs blz pag pp p vs resp zgn z.g z.g.a.n vnl nl incl excl "
    "max evt gem vol art fig tel hfst afb vgl bijl"
)
# Abbreviations that follow what they belong to ("enz.", "jl.", "5 jan.", "ma."): they often end a
# sentence, so a following capital starts a new one; a following digit does not ("5 jan. 2022").
TRAILING = _words(
    "enz etc e.d e.v e.a jl a.s jr sr sen al p.p p.st "  # "en anderen", "et al.", "per persoon" included
    "jan feb febr mrt apr jun jul aug sep sept okt nov dec ma di wo do vr za zo"
)
# Quantities end sentences too ("€ 3,5 mld. Dat is ..."), but are also followed by capitalised
# adjectives and peoples ("€ 2 mld. Europese steun", "300 mln. Amerikanen"). Plurals in -ers are not
# excepted: "Nederlanders" would be, but "Bewoners", "Onderzoekers" start sentences far more often.
QUANTITY = _words("mln mld mrd milj pct proc pnt gr km kg ha cm mm min sec u m")
DEMONYM = re.compile(r"(?:se|sche|anen|ezen)$")

# Function words that can only be capitalised at the start of a sentence, never as a surname; after an
# initial ("plan B.") they mark a boundary. Particles like De, Van, Ter are left out ("K. De Bruyne").
STRONG_STARTERS = _words(
    "Het Een Dat Dit Deze Die Er Hij Zij Ze Wij We Ik Jij Je Ook Maar En Toen Daarna Daarom Dus "
    "Volgens Met Bij Wat Waarom Hoe Nu Zo Als Omdat Hoewel Tijdens Sinds"
)

INITIALS = re.compile(r"(?:(?:[A-Z]|Th|Ch|Ph|IJ)\.)*(?:[A-Z]|Th|Ch|Ph|IJ)")
DOTTED = re.compile(r"(?:[a-z]{1,2}\.)+[a-z]{1,2}")  # o.a, d.w.z, z.g.a.n: not a word, an abbreviation
URL = re.compile(r"https?://|www\.|@|\.(?:nl|be|com|org|net|eu|de|fr|uk|io|info|gov|edu)\b", re.IGNORECASE)
# Dutch elisions that start a sentence in lower case: 's Morgens, 't Is, 'k Zou, 'n Mooie, 's-Hertogenbosch.
ELISION = re.compile(r"[‘’'][stkn](?:-|$)")
NUMBER = re.compile(r"\d+")


def split_sentences(paragraph: str) -> list[str]:
    """Split one whitespace-normalised Dutch paragraph (single spaces, no newlines, stripped) into sentences.
    Invariant: " ".join(split_sentences(p)) == p for every such p, and no sentence is empty."""
    if not paragraph:
        return []
    tokens = paragraph.split(" ")
    sentences: list[str] = []
    start = 0
    for i in range(len(tokens) - 1):
        before = tokens[i - 1] if i > 0 else ""
        if tokens[i] and tokens[i + 1] and _ends_sentence(tokens[i], _next_word(tokens, i + 1), before):
            sentences.append(" ".join(tokens[start : i + 1]))
            start = i + 1
    sentences.append(" ".join(tokens[start:]))
    return sentences


def _next_word(tokens: list[str], i: int) -> str:
    """The token at i, with the next one glued on when it is a detached opening quote or bracket: some
    papers print ",, Tien jaar geleden ...", and the word after the quote decides whether a sentence starts.
    Marks that may also close ('' and ") are left alone: "zien. '' Roze" may be a closing quote."""
    if tokens[i].strip(OPEN_ONLY) or i + 1 == len(tokens):
        return tokens[i]
    return tokens[i] + tokens[i + 1]


def _ends_sentence(left: str, right: str, before: str) -> bool:
    """Whether a sentence ends after the token `left`, given the next token and the one before."""
    core = left.rstrip(CLOSERS)
    closed = core != left
    if left.startswith(("(", "[")) and not core.strip("([.…?!"):
        return False  # "(...)", "(?)": an omission or a doubt inside a sentence, not its end
    if core.endswith(("?", "!", "...", "…")):
        return _starts_sentence(right)  # "?!", "!!!" included; "‘Kom hier!’ riep hij." continues in lower case
    if core.endswith("."):
        return _period_ends(core[:-1].lstrip(OPENERS), closed, right, before)
    return False


def _starts_sentence(token: str) -> bool:
    """Whether a token can begin a sentence: a capital, a digit or amount, an elision, or an iPhone."""
    if ELISION.match(token):
        return True
    word = token.lstrip(OPENERS)
    if not word:
        return False
    first = word[0]
    camel = first.islower() and len(word) > 1 and word[1].isupper()
    return first.isupper() or first.isdigit() or first in "€$£" or camel


def _period_ends(word: str, closed: bool, right: str, before: str) -> bool:
    """Whether the period after `word` ends the sentence; `closed`: a quote or bracket follows it."""
    if not _starts_sentence(right):
        return False  # lower case after a period: an abbreviation we do not know ("zgn. stopstick")
    kind = _abbreviation_kind(word)
    if kind == "initial":
        return right.lstrip(OPENERS) in STRONG_STARTERS  # "J.F. Kennedy" stays whole, "plan B. Het" not
    if closed or word.endswith(tuple(CLOSERS)):
        return True  # "enz.’ Anders", "mln.). Het": the quote or bracket closed the sentence
    if kind is None:
        return not _is_list_number(word, before)
    if right.lstrip(OPENERS)[:1].isdigit() or right[:1] in "€$£":
        return False  # "blz. 14", "5 jan. 2022", "ca. € 3"
    if kind == "quantity":
        return not DEMONYM.search(right)
    return kind == "trailing"


def _abbreviation_kind(word: str) -> str | None:
    """Classify the text before a final period: None for an ordinary word, number or web address."""
    if URL.search(word):
        return None  # "www.nos.nl." ends a sentence like any word
    lower = word.lower()
    if INITIALS.fullmatch(word):
        return "initial"
    for kind, names in (("leading", LEADING), ("trailing", TRAILING), ("quantity", QUANTITY)):
        if lower in names:
            return kind
    if DOTTED.fullmatch(lower) or (len(word) == 1 and word.islower()):
        return "leading"  # an unknown "t.w." or "v.": more often followed by a name than ending
    return None


def _is_list_number(word: str, before: str) -> bool:
    """'1.' that opens a paragraph or a sentence, or follows ':' ',' ';', numbers a list item and does
    not end a sentence ("maatregelen: 1. Winkels dicht. 2. Horeca dicht."); "nr. 2. Daarna" does."""
    if not NUMBER.fullmatch(word):
        return False
    core = before.rstrip(CLOSERS)
    after_sentence = core.endswith(("?", "!")) or (core.endswith(".") and _abbreviation_kind(core[:-1]) is None)
    return not before or core.endswith((":", ",", ";")) or after_sentence


# --- Over-long sentences -----------------------------------------------------------------------

CLAUSE_PUNCT = ",;:–—"
WORD = re.compile(r"\w+")
CLAUSE_WORDS = _words(
    "en maar want omdat doordat waardoor terwijl zodat hoewel nadat voordat toen als of dus tenzij "
    "sinds zodra die dat wat waar waarin waarop waarmee waarvan waarbij wie welke"
)


# Counting a text's tokens costs memory in proportion to the text (a tokenizer lists every piece: about 40 MB
# per MB of text), so a text longer than this many characters per allowed token is first counted on a prefix of
# that many (cut between words): more tokens there, and the whole cannot fit either. No tokenizer we use makes a
# token of more than 16 characters, so a text this long is counted whole only where its prefix fits.
PREFIX_CHARS_PER_TOKEN = 32


def counted_prefix(text: str, max_tokens: int) -> str:
    """The text itself, or, when it is far longer than `max_tokens` tokens can be, its first
    PREFIX_CHARS_PER_TOKEN * max_tokens characters, cut before a word where there is one."""
    size = PREFIX_CHARS_PER_TOKEN * max(max_tokens, 1)
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 1, size)
    return text[:cut if cut > 0 else size]


def fits_tokens(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> bool:
    """count_tokens(text) <= max_tokens, in memory bounded by max_tokens for a text that does not fit by far
    (a 10 MB line): its prefix is counted first (counted_prefix)."""
    prefix = counted_prefix(text, max_tokens)
    if prefix is not text and count_tokens(prefix) > max_tokens:
        return False
    return count_tokens(text) <= max_tokens


def split_to_fit(sentence: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """Cut a sentence whose count_tokens(sentence) > max_tokens into pieces that each fit.
    Invariant: "".join(pieces) == sentence (pieces keep their trailing whitespace; callers strip them);
    every piece.strip() is non-empty and count_tokens(piece.strip()) <= max_tokens.
    Cuts go at clause boundaries where that keeps a piece at least half as long as it could be, else
    between words, and inside a word only when one word alone is too long. count_tokens is never given more
    than about twice the largest piece that fits, or counted_prefix's bound: the work is linear in the sentence."""
    if not sentence.strip() or fits_tokens(sentence, count_tokens, max_tokens):
        return [sentence]

    def fits(start: int, end: int) -> bool:
        return count_tokens(sentence[start:end].strip()) <= max_tokens

    word_starts, clause_starts = _cut_points(sentence)
    pieces: list[str] = []
    start = 0
    while start < len(sentence):
        end = _next_cut(sentence, start, word_starts, clause_starts, fits)
        pieces.append(sentence[start:end])
        start = end
    return pieces


def _cut_points(sentence: str) -> tuple[list[int], list[int]]:
    """Where a piece may end: before every word but the first, and the end of the sentence; and the
    subset that opens a clause: after , ; : or a dash, or before a conjunction or relative word."""
    word_starts, clause_starts = [], []
    for gap in re.finditer(r"(\S)\s+(?=\S)", sentence):
        word_starts.append(gap.end())
        next_word = WORD.match(sentence, gap.end())
        if gap.group(1) in CLAUSE_PUNCT or (next_word and next_word.group().lower() in CLAUSE_WORDS):
            clause_starts.append(gap.end())
    return [*word_starts, len(sentence)], clause_starts


def _next_cut(
    sentence: str, start: int, word_starts: list[int], clause_starts: list[int], fits: Callable[[int, int], bool]
) -> int:
    """The end of the largest piece from `start` that fits, cut at a clause boundary if that costs little."""
    first = bisect.bisect_right(word_starts, start)  # an index, not a slice: a copy per piece would be quadratic
    best = _largest_fitting(len(word_starts) - first, lambda i: fits(start, word_starts[first + i]))
    if best < 0:
        return _cut_inside_word(sentence, start, word_starts[first], fits)
    end = word_starts[first + best]
    if end == len(sentence):
        return end
    i = bisect.bisect_right(clause_starts, end) - 1
    clause = clause_starts[i] if i >= 0 else start
    if clause > start and 2 * (clause - start) >= end - start and fits(start, clause):
        return clause  # a clause boundary, if the piece stays at least half as long as it could be
    return end


def _cut_inside_word(sentence: str, start: int, word_end: int, fits: Callable[[int, int], bool]) -> int:
    """The end of the longest prefix of an over-long word that fits; never before a combining mark."""
    first = start + len(sentence[start:word_end]) - len(sentence[start:word_end].lstrip())  # one visible character
    best = _largest_fitting(word_end - first, lambda i: fits(start, first + 1 + i))
    if best < 0:
        raise ValueError(f"cannot fit even one character of {sentence[first : first + 20]!r}: max_tokens too small")
    end = first + 1 + best
    while first + 1 < end < len(sentence) and unicodedata.combining(sentence[end]):
        end -= 1
    return end


def _largest_fitting(n: int, fits_at: Callable[[int], bool]) -> int:
    """Largest i < n with fits_at(i), for a fits_at that is true up to some i and false after; -1 if none.
    Galloping then bisecting costs O(log i) calls, so a 3,000-word sentence needs few tokenizer calls."""
    if n == 0 or not fits_at(0):
        return -1
    low, step = 0, 1
    while True:
        high = min(low + step, n - 1)
        if high == low or not fits_at(high):
            break
        low, step = high, step * 2
    while high - low > 1:
        middle = (low + high) // 2
        if fits_at(middle):
            low = middle
        else:
            high = middle
    return low
