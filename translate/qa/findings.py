"""The checks of one sentence pair and of a summary, as {flag: detail}."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from translate.qa.names import names_finding
from translate.qa.numbers import numbers_finding
from translate.qa.punctuation import punctuation_finding
from translate.qa.summaries import _invented_names, _invented_numbers

SENTENCE_FLAGS = ("numbers", "names", "punctuation")
SUMMARY_FLAGS = ("summary_numbers", "summary_names")

log = logging.getLogger(__name__)

# A "sentence" longer than this is not one (a dump without punctuation): it is still translated, but the checks,
# whose work grows with the text, leave it out; callers that report such things ask `checkable` first.
MAX_CHECKED_CHARS = 100_000


def checkable(nl: str, en: str) -> bool:
    return max(len(nl), len(en)) <= MAX_CHECKED_CHARS


def sentence_findings(nl: str, en: str, *, known: Iterable[tuple[str, str]] = (),
                      before: Sequence[tuple[str, str]] = (), earlier: Sequence[str] = ()) -> dict[str, str]:
    """{flag: detail} for the flags numbers, names and punctuation, in that order; empty when all is well.

    known: extra (Dutch, English) renderings the names check accepts (a glossary's terms, say);
    before: the earlier (Dutch, English) sentences of the same paragraph, for quotations that span sentences;
    earlier: the English of the article's earlier sentences (qa.article_window() keeps what is read), where a
    name the English refers to again (it said, the country) was named.
    An empty side (an empty English is the `empty` flag's business) or an English identical to the Dutch
    (passthrough or `copied`) is not compared, nor a text over MAX_CHECKED_CHARS.
    """
    if not en.strip() or not nl.strip() or en == nl or not checkable(nl, en):
        return {}
    findings = {"numbers": _guarded("numbers", numbers_finding, nl, en),
                "names": _guarded("names", names_finding, nl, en, known=known, earlier=earlier),
                "punctuation": _guarded("punctuation", punctuation_finding, nl, en, before)}
    return {flag: short(detail) for flag, detail in findings.items() if detail}


def summary_findings(summary: str, article_nl: list[str], article_en: list[str]) -> dict[str, str]:
    """{flag: detail} for summary_numbers and summary_names: figures and names in the summary that no
    sentence of the article holds, in English or in Dutch (read in each language's conventions)."""
    findings = {"summary_numbers": _guarded("summary_numbers", _invented_numbers, summary, article_nl, article_en),
                "summary_names": _guarded("summary_names", _invented_names, summary, article_nl, article_en)}
    return {flag: short(detail) for flag, detail in findings.items() if detail}


def _guarded(flag: str, check: Callable[..., str], *texts, **options) -> str:
    """The check's detail; "" with a warning when the check itself fails. A check reads untrusted text with
    hundreds of rules, and a rule that breaks on a text nobody foresaw must cost that one flag on that one
    text, not the run, the article or the other checks (the translation is kept, unflagged by this check)."""
    try:
        return check(*texts, **options)
    except Exception as error:  # any failure of a check is the checker's bug, never the user's
        first = texts[0] if texts and isinstance(texts[0], str) else ""
        log.warning("the %s check failed on %r (%s: %s); that text is left unflagged by it — a bug in the "
                    "check, please report it with the text", flag, short(first), type(error).__name__, error)
        return ""


DETAIL_LIMIT = 300  # characters: a detail is read at a glance, beside the sentence


def short(detail: str) -> str:
    """The detail, or, when it is long (a run-on text can hold dozens of names), its first items and a count of
    the rest: "De Jong missing; Rutte missing; and 31 more"."""
    if len(detail) <= DETAIL_LIMIT:
        return detail
    items = detail.split("; ")
    kept = [items[0] if len(items[0]) < DETAIL_LIMIT // 2 else items[0][:DETAIL_LIMIT // 2] + "…"]
    for item in items[1:]:
        if len("; ".join([*kept, item])) > DETAIL_LIMIT - 20:
            break
        kept.append(item)
    return "; ".join(kept) + (f"; and {len(items) - len(kept)} more" if len(kept) < len(items) else "")
