"""What the translation model is shown of a Dutch sentence; the records keep the Dutch as written.

Two things in Dutch news text trip opus-mt-nl-en:
- Low-high quotes. `,,Dit is een stap'', zei hij.` reaches MarianTokenizer's Moses punctuation
  normaliser as `,,Dit is een stap " , zei hij.`: the model sees stray commas. Shown `,,` and `''`
  used as quotes, and `„`, become `"`.
- ALL-CAPS. OPUS-MT saw little upper-case text, and copies, garbles or loops on shouted headlines
  and quotes (Helsinki-NLP/Opus-MT #49, OPUS-CAT #47). A sentence whose letters are all upper case
  is shown in sentence case, and its English is put back in upper case. An acronym inside a normal
  sentence (NAVO, EU) is left alone, and so is a lone acronym.
"""

from __future__ import annotations

import re

# `,,` opening a quotation: at the start or after a space or bracket, before the quoted text (a space
# between them is a common slip: ",, Tien jaar").
OPENING_COMMAS = re.compile(r"(?<![^\s(\[]),,(?=\s?[^\s,])")
# `''` as a quotation mark: closing after the text, or opening before it (never inside a word, as in zo''n).
DOUBLE_APOSTROPHE = re.compile(r"(?<=\S)''(?=[\s.,;:!?)\]…]|$)|(?<![^\s(\[])''(?=\S)")
# Letters of any script; a sentence needs this many, over at least two words, to count as shouting.
SHOUTING_LETTERS = 6
WORD = re.compile(r"[^\W\d_]{2,}")


def model_text(text: str) -> tuple[str, bool]:
    """The text to translate, and whether it was put in sentence case (its English goes back to upper case)."""
    shown = normalise_quotes(text)
    if shouting(shown):
        return sentence_case(shown), True
    return shown, False


def normalise_quotes(text: str) -> str:
    """Dutch low-high quotes (`,,…''`, `„…”`) as plain double quotes."""
    text = OPENING_COMMAS.sub('"', text)
    text = text.replace("„", '"')  # a low-9 quote is a quote wherever it stands
    return DOUBLE_APOSTROPHE.sub('"', text)


def shouting(text: str) -> bool:
    """All letters upper case, over two words or more: a headline or quote in capitals, not an acronym."""
    letters = [c for c in text if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    return (len(letters) >= SHOUTING_LETTERS and bool(cased) and all(c.isupper() for c in cased)
            and len(WORD.findall(text)) >= 2)


def sentence_case(text: str) -> str:
    """Lower case with the first letter capitalised: how the model saw most sentences."""
    lowered = text.lower()
    first = next((i for i, c in enumerate(lowered) if c.isalpha()), None)
    if first is None:
        return lowered
    # Dutch capitalises the digraph IJ as one letter: IJSSELMEER -> IJsselmeer, not Ijsselmeer.
    if lowered.startswith("ij", first):
        return lowered[:first] + "IJ" + lowered[first + 2:]
    return lowered[:first] + lowered[first].upper() + lowered[first + 1:]


def restore_case(english: str) -> str:
    """The English of a shouted sentence, shouted again."""
    return english.upper()
