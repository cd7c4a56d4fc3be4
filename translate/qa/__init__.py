"""Checks a news reader would care about, on a Dutch sentence and its English: numbers, names, punctuation.

Translators' QA tools (Okapi CheckMate, Xbench, Weblate's checks) run such checks on bilingual files;
here they run on every translated sentence and summary. Pure Python, deterministic and cheap (a few
hundred microseconds per pair). Each reads both sides in their own conventions and, where a reading is
uncertain, keeps every plausible reading, so that a good translation is not flagged: the thresholds
prefer missing a real error to flagging a good translation, since a flag costs a reviewer's attention.

One idea per module: reading (tokens and name words), words (number words of both languages), numbers, units
(one quantity in two units), shares (a share said as a percentage, a count of a count or a fraction), names,
punctuation, data (the name tables, loaded on first use), summaries, groups (consistency across a run), findings
(the checks of a pair or a summary as {flag: detail}).
"""

from translate.qa.findings import (
    DETAIL_LIMIT,
    MAX_CHECKED_CHARS,
    SENTENCE_FLAGS,
    SUMMARY_FLAGS,
    checkable,
    sentence_findings,
    short,
    summary_findings,
)
from translate.qa.groups import InconsistentGroup, inconsistent_groups, normalise
from translate.qa.names import Name, article_window, dutch_names, names_finding
from translate.qa.numbers import Item, dutch_numbers, english_numbers, numbers_finding
from translate.qa.punctuation import punctuation_finding, quotation_window

__all__ = [
    "DETAIL_LIMIT", "MAX_CHECKED_CHARS", "SENTENCE_FLAGS", "SUMMARY_FLAGS", "InconsistentGroup", "Item", "Name",
    "article_window", "checkable", "dutch_names", "dutch_numbers", "english_numbers", "inconsistent_groups",
    "names_finding", "normalise", "numbers_finding", "punctuation_finding", "quotation_window", "sentence_findings",
    "short", "summary_findings"
]
