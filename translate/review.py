"""`translate review`: one static HTML page for reading a run's output, Dutch and English side by side.

The page is a single file that works from file:// without any network: its CSS and JS are inlined,
and a Content-Security-Policy admits exactly those two (by hash) and nothing else. Every piece of
text from the output folder is escaped, and none of it goes into the <script>: the script reads the
markup only. The bytes depend on the folder's contents alone (no timestamps, no absolute paths).
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from translate.outputs import ArticleFile, ArticleFileError, SentencePair, read_articles, read_manifest
from translate.records import write_atomic

log = logging.getLogger(__name__)

# Mean log-probability per output token below which a sentence is marked for a look: a geometric-mean
# token probability under e^-2 (0.14). Confident opus-mt output sits far above it; null (passthrough) is never low.
DEFAULT_LOW_SCORE = -2.0
REPORT_NAME = "review.html"


@dataclass(frozen=True)
class ReviewSettings:
    output: Path
    report: Path | None = None  # OUT/review.html when None
    low_score: float = DEFAULT_LOW_SCORE

    @property
    def report_path(self) -> Path:
        return self.report if self.report is not None else self.output / REPORT_NAME


@dataclass(frozen=True)
class Problem:
    """An unreadable file or a failed article: what it is and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class ArticleCounts:
    paragraphs: int = 0
    sentences: int = 0
    flagged: int = 0
    low: int = 0
    attention: int = 0  # flagged or low

    def __add__(self, other: ArticleCounts) -> ArticleCounts:
        return ArticleCounts(*(a + b for a, b in zip(self.values(), other.values(), strict=True)))

    def values(self) -> tuple[int, ...]:
        return (self.paragraphs, self.sentences, self.flagged, self.low, self.attention)


@dataclass(frozen=True)
class ReviewResult:
    report: Path
    articles: int
    counts: ArticleCounts
    unreadable: tuple[Problem, ...]
    failed: tuple[Problem, ...]


# ---------------------------------------------------------------- reading


def read_failed(folder: Path) -> tuple[tuple[Problem, ...], str | None]:
    """Failed articles from manifest.json, and a note when the manifest cannot be read (not fatal)."""
    try:
        manifest = read_manifest(folder)
    except ValueError as error:
        return (), f"{error}; failed articles are not listed"
    if manifest is None:
        return (), None
    note = "the run was interrupted; articles not reached are missing" if manifest.interrupted else None
    return tuple(Problem(f"{a.id} ({a.source})", a.reason) for a in manifest.failed), note


# ---------------------------------------------------------------- building


def build_report(settings: ReviewSettings) -> ReviewResult:
    """Read every article file (skipping unreadable ones), write the page atomically, return the counts."""
    folder = settings.output
    shown = _render_articles(folder, settings.low_score)
    failed, note = read_failed(folder)
    if note:
        log.warning("%s", note)
    overview = _overview(shown, failed, note, settings.low_score)
    page = render_page(f"Translation review: {folder.resolve().name}", overview + "".join(shown.sections))
    write_atomic(settings.report_path, page)
    return ReviewResult(settings.report_path, len(shown.sections), shown.total, tuple(shown.unreadable), failed)


@dataclass
class _Rendered:
    """What one pass over the article files gathers: the sections, and the little the overview needs."""

    sections: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    total: ArticleCounts = ArticleCounts()
    flags: Counter = field(default_factory=Counter)


def _render_articles(folder: Path, low_score: float) -> _Rendered:
    shown = _Rendered()
    for article in read_articles(folder):
        if isinstance(article, ArticleFileError):
            log.warning("%s; skipped", article)
            shown.unreadable.append(Problem(article.place(article.path.relative_to(folder).as_posix()), article.reason))
            continue
        anchor, counts = f"a{len(shown.sections) + 1}", count(article, low_score)
        shown.sections.append(render_article(article, anchor, counts, low_score))
        shown.toc.append(_toc_entry(article, anchor, counts))
        shown.total += counts
        shown.flags.update(flag for pair in article.pairs for flag in pair.flags)
    return shown


def is_low(sentence: SentencePair, low_score: float) -> bool:
    return sentence.score is not None and sentence.score < low_score


def count(article: ArticleFile, low_score: float) -> ArticleCounts:
    sentences = article.pairs
    low = [is_low(s, low_score) for s in sentences]
    return ArticleCounts(len(article.paragraphs), len(sentences), sum(bool(s.flags) for s in sentences), sum(low),
                         sum(bool(s.flags) or lo for s, lo in zip(sentences, low, strict=True)))


# ---------------------------------------------------------------- rendering


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def render_page(title: str, body: str) -> str:
    css, js = _asset("review.css", "style"), _asset("review.js", "script")
    policy = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
              "img-src 'none'; base-uri 'none'; form-action 'none'")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            f"<h1>{_esc(title)}</h1>\n{body}<script>{js}</script>\n</body>\n</html>\n")


def _asset(name: str, tag: str) -> str:
    text = resources.files("translate").joinpath(name).read_text(encoding="utf-8")
    if f"</{tag}" in text.lower():  # would end the inline element early
        raise ValueError(f"translate/{name} must not contain '</{tag}'")
    return text


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _overview(shown: _Rendered, failed: tuple[Problem, ...], note: str | None, low_score: float) -> str:
    total = shown.total
    cells = [("articles", "articles", len(shown.sections)), ("paragraphs", "paragraphs", total.paragraphs),
             ("sentences", "sentences", total.sentences), ("flagged", "flagged", total.flagged),
             ("low", f"low score (below {low_score:g})", total.low), ("attention", "to look at", total.attention),
             ("failed", "failed", len(failed)), ("unreadable", "unreadable", len(shown.unreadable))]
    counts = "".join(f'<li class="count-{key}"><b>{n}</b> {_esc(label)}</li>' for key, label, n in cells)
    by_flag = ", ".join(f"{_esc(flag)} {n}" for flag, n in sorted(shown.flags.items()))
    parts = [f'<ul class="counts" id="counts">{counts}</ul>\n',
             f'<p class="meta">Sentences per flag: {by_flag}</p>\n' if by_flag else "",
             f'<p class="note">{_esc(note)}</p>\n' if note else "",
             _problems("unreadable", "Unreadable article files (skipped)", shown.unreadable),
             _problems("failed", "Failed articles (from manifest.json)", failed),
             f'<details class="toc" open><summary>Articles ({len(shown.sections)})</summary>'
             f'<ol>{"".join(shown.toc)}</ol></details>\n', _controls()]
    return "".join(parts)


def _problems(kind: str, heading: str, problems) -> str:
    if not problems:
        return ""
    items = "".join(f"<li><code>{_esc(p.name)}</code>: {_esc(p.reason)}</li>" for p in problems)
    return f'<section class="problems" id="{kind}"><h2>{heading}</h2><ul>{items}</ul></section>\n'


def _controls() -> str:
    """Shown by the script only: without JS there is nothing for them to do."""
    return ('<div class="controls" id="controls" hidden><label><input type="checkbox" id="only-attn"> '
            "only flagged and low-score sentences</label>"
            '<span class="keys"><kbd>n</kbd>/<kbd>j</kbd> next, <kbd>p</kbd>/<kbd>k</kbd> previous flagged or '
            "low-score sentence; <kbd>f</kbd> filter</span></div>\n")


def _toc_entry(article: ArticleFile, anchor: str, counts: ArticleCounts) -> str:
    return (f'<li><a href="#{anchor}">{_esc(article.id)}</a> <span class="meta">{counts.sentences} sentences, '
            f"{counts.flagged} flagged, {counts.low} low score</span></li>")


def render_article(article: ArticleFile, anchor: str, counts: ArticleCounts, low_score: float) -> str:
    quiet = "" if counts.attention else " quiet"
    rows = "".join(_paragraph(p.pairs, f"{anchor}-p{i}", low_score) for i, p in enumerate(article.paragraphs))
    date = _esc(article.date) if article.date else "no date"
    models = "; ".join(f"{role}: {model.name} @ {model.revision[:18]}" for role, model in article.models)
    meta = f"{_esc(article.source)} · {date}" + (f" · {_esc(models)}" if models else "")
    return (f'<section class="article{quiet}" id="{anchor}">\n<h2>{_esc(article.id)}</h2>\n'
            f'<p class="meta">{meta}</p>\n{_summary(article)}'
            '<div class="cols-head"><span>Nederlands</span><span>English</span></div>\n'
            f"{rows}</section>\n")


def _summary(article: ArticleFile) -> str:
    if article.summary is None:
        return ""
    model = f' <span class="meta">({_esc(article.summary_model)})</span>' if article.summary_model else ""
    return f'<div class="summary"><h3>Summary{model}</h3><p lang="en">{_esc(article.summary)}</p></div>\n'


def _paragraph(sentences: tuple[SentencePair, ...], anchor: str, low_score: float) -> str:
    attention = any(s.flags or is_low(s, low_score) for s in sentences)
    nl = " ".join(_sentence_span(s, f"{anchor}-s{i}", "nl", low_score) for i, s in enumerate(sentences))
    en = " ".join(_sentence_span(s, f"{anchor}-s{i}", "en", low_score) for i, s in enumerate(sentences))
    return (f'<div class="para{"" if attention else " quiet"}" id="{anchor}">'
            f'<div class="nl" lang="nl">{nl}</div><div class="en" lang="en">{en}</div></div>\n')


def _sentence_span(sentence: SentencePair, pair: str, side: str, low_score: float) -> str:
    low = is_low(sentence, low_score)
    classes = "s" + (" flag" if sentence.flags else "") + (" low" if low else "")
    classes += " attn" if sentence.flags or low else ""
    score = "no score (passthrough)" if sentence.score is None else f"score {sentence.score:.2f}"
    title = "; ".join([*(["flags: " + ", ".join(sentence.flags)] if sentence.flags else []), score])
    text = getattr(sentence, side)
    span = f'<span class="{classes}" tabindex="0" data-pair="{pair}" title="{_esc(title)}">{_esc(text)}</span>'
    return span + (_badges(sentence, low) if side == "en" else "")


def _badges(sentence: SentencePair, low: bool) -> str:
    badges = [f'<span class="badge">{_esc(flag)}</span>' for flag in sentence.flags]
    if low:
        badges.append(f'<span class="badge low">score {sentence.score:.2f}</span>')
    return "".join(badges)
