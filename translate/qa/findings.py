"""The checks of one sentence pair and of a summary, as {flag: detail}."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from translate.qa.names import names_finding
from translate.qa.numbers import numbers_finding
from translate.qa.punctuation import punctuation_finding
from translate.qa.summaries import _invented_names, _invented_numbers

SENTENCE_FLAGS = ("numbers", "names", "punctuation")
SUMMARY_FLAGS = ("summary_numbers", "summary_names")




# A "sentence" longer than this is not one (a dump without punctuation): it is still translated, but the checks,
# whose work grows with the text, leave it out; callers that report such things ask `checkable` first.
MAX_CHECKED_CHARS = 100_000


def checkable(nl: str, en: str) -> bool:
    return max(len(nl), len(en)) <= MAX_CHECKED_CHARS


def sentence_findings(nl: str, en: str, *, known: Iterable[tuple[str, str]] = (),
                      before: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """{flag: detail} for the flags numbers, names and punctuation, in that order; empty when all is well.

    known: extra (Dutch, English) renderings the names check accepts (a glossary's terms, say);
    before: the earlier (Dutch, English) sentences of the same paragraph, for quotations that span sentences.
    An empty side (an empty English is the `empty` flag's business) or an English identical to the Dutch
    (passthrough or `copied`) is not compared, nor a text over MAX_CHECKED_CHARS.
    """
    if not en.strip() or not nl.strip() or en == nl or not checkable(nl, en):
        return {}
    findings = {"numbers": numbers_finding(nl, en), "names": names_finding(nl, en, known=known),
                "punctuation": punctuation_finding(nl, en, before)}
    return {flag: short(detail) for flag, detail in findings.items() if detail}


def summary_findings(summary: str, article_nl: list[str], article_en: list[str]) -> dict[str, str]:
    """{flag: detail} for summary_numbers and summary_names: figures and names in the summary that no
    sentence of the article holds, in English or in Dutch (read in each language's conventions)."""
    findings = {"summary_numbers": _invented_numbers(summary, article_nl, article_en),
                "summary_names": _invented_names(summary, article_nl, article_en)}
    return {flag: short(detail) for flag, detail in findings.items() if detail}


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
