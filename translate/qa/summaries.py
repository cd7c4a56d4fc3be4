"""The summary checks: figures and names in a summary that no sentence of the article holds."""

from __future__ import annotations

import re

from translate.qa.data import common_english_word
from translate.qa.names import NAME_BREAK, _English, dutch_names
from translate.qa.numbers import EN_DAYS, EN_MONTHS, dutch_numbers, english_numbers
from translate.qa.reading import _Word, _words
from translate.qa.units import same_quantity


def _invented_numbers(summary: str, article_nl: list[str], article_en: list[str]) -> str | None:
    known = {key for text in article_nl for item in dutch_numbers(text) for key in item.keys}
    known |= {key for text in article_en for item in english_numbers(text) for key in item.keys}
    invented = [item.text for item in english_numbers(summary) if not item.soft and not item.keys & known]
    if invented:  # 6 km where the article says 6,000 metres
        converted = same_quantity(summary, article_nl, article_en)
        invented = [text for text in invented if text not in converted]
    return "; ".join(f"{text} not in the article" for text in dict.fromkeys(invented)) or None


def _invented_names(summary: str, article_nl: list[str], article_en: list[str]) -> str | None:
    article = _English(" ".join([*article_en, *article_nl]))
    for text in article_nl:  # the English names of the article's Dutch names count as said
        for name in dutch_names(text):
            article.set.update(word for alt in name.english for word in alt)
    article.set.update(SAID_ANYWAY)
    invented = [text for text, keys in _english_names(summary) if not all(article.has_word(k) for k in keys)]
    return "; ".join(f"{name} not in the article" for name in dict.fromkeys(invented)) or None


# What a summary of Dutch news may say without the article saying it.
SAID_ANYWAY = {"dutch", "netherlands", "holland"}


def _english_names(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Capitalised English words in a row, not opening a sentence and not a month or a weekday; a name stops at
    punctuation (Alan Pardew, Sir Bobby Robson are two names); boilerplate in capitals (CLICK HERE, READ
    MORE, GRAPHIC CONTENT) and "No" before a number (Russia's No 1) are not names."""
    words = _words(text)
    names = []
    i = 0
    while i < len(words):
        word = words[i]
        if not _english_name_word(text, words, i):
            i += 1
            continue
        end = i + 1
        while end < len(words) and _english_name_word(text, words, end) \
                and not NAME_BREAK.search(text, words[end - 1].end, words[end].start):
            end += 1
        names.append((text[word.start:words[end - 1].end], tuple(w.key for w in words[i:end])))
        i = end
    return names


def _english_name_word(text: str, words: list[_Word], i: int) -> bool:
    word = words[i]
    if not (word.capital and not word.opening and len(word.text) > 1 and not word.text[0].isdigit()
            and word.key not in EN_MONTHS and word.key.removesuffix("s") not in EN_DAYS):
        return False
    if word.key in ("no", "nos") and re.match(r"\.?\s*\d", text[word.end:]):
        return False  # No 1, No. 10: number
    return not (word.text.isupper() and _shouted(words, i))


def _shouted(words: list[_Word], i: int) -> bool:
    """A word in capitals beside another in capitals (CLICK HERE), or one that is a common English word
    (READ): boilerplate, not an acronym such as NATO or FBI."""
    beside = [words[k] for k in (i - 1, i + 1) if 0 <= k < len(words)]
    return any(other.text.isupper() and len(other.text) > 1 for other in beside) or common_english_word(words[i].key)
