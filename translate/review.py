"""`translate review`: one static HTML page for reviewing a run's output, Dutch and English side by side.

The page is a single file that works from file:// without any network: its CSS and JS are inlined,
and a Content-Security-Policy admits exactly those two (by hash) and nothing else. Every piece of
text from the output folder is escaped, and none of it goes into the executed <script>. What the review
download needs (article ids, the Dutch, the English as the file holds it, earlier reviews) travels in a
data block, `<script type="application/json">`, which browsers never execute; its JSON has `<`, `>` and `&`
escaped, so no text can end the block early. The script reads it with textContent and JSON.parse, and
writes text back only through textContent and form values. The bytes depend on the folder's contents
alone (no timestamps, no absolute paths); the key under which the browser keeps a reviewer's work is a
hash of that data, so two reports of different content never share their work.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
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
    name = folder.resolve().name
    data = review_data(name, shown.data)
    page = render_page(f"Translation review: {name}", overview + "".join(shown.sections), data)
    write_atomic(settings.report_path, page, inside=settings.report_path.parent)
    return ReviewResult(settings.report_path, len(shown.sections), shown.total, tuple(shown.unreadable), failed)


@dataclass
class _Rendered:
    """What one pass over the article files gathers: the sections, and the little the overview needs."""

    sections: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    total: ArticleCounts = ArticleCounts()
    flags: Counter = field(default_factory=Counter)  # sentences per flag
    summary_flags: Counter = field(default_factory=Counter)  # summaries per flag
    data: list[dict] = field(default_factory=list)  # per article, what the review download needs


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
        shown.data.append(_article_data(article))
        shown.total += counts
        shown.flags.update(flag for pair in article.pairs for flag in dict.fromkeys(pair.flags))
        shown.summary_flags.update(list(dict.fromkeys(article.summary_flags)))
    return shown


def is_low(sentence: SentencePair, low_score: float) -> bool:
    return sentence.score is not None and sentence.score < low_score


def count(article: ArticleFile, low_score: float) -> ArticleCounts:
    sentences = article.pairs
    low = [is_low(s, low_score) for s in sentences]
    return ArticleCounts(len(article.paragraphs), len(sentences), sum(bool(s.flags) for s in sentences), sum(low),
                         sum(bool(s.flags) or lo for s, lo in zip(sentences, low, strict=True)))


# ---------------------------------------------------------------- rendering


def _article_data(article: ArticleFile) -> dict:
    summary = None
    if article.summary is not None:
        summary = {"en": article.summary, **_review_data(article.summary_mt, article.summary_review)}
    return {"id": article.id, "summary": summary,
            "paragraphs": [[{"nl": s.nl, "en": s.en, **_review_data(s.mt, s.review)} for s in p.pairs]
                           for p in article.paragraphs]}


def _review_data(mt: str | None, review) -> dict:
    """An earlier review, so the page starts from it: the machine's English, the status and the comment."""
    return ({"mt": mt} if mt is not None else {}) | \
        ({"status": review.status, "comment": review.comment} if review else {})


def review_data(folder_name: str, articles: list[dict]) -> str:
    """The page's data block: JSON with <, > and & escaped, so that nothing in it can close the element."""
    content = json.dumps(articles, ensure_ascii=False, separators=(",", ":"))
    key = hashlib.sha256(content.encode("utf-8")).hexdigest()[:24]
    download = re.sub(r"[^A-Za-z0-9._-]", "_", folder_name).lstrip(".") or "review"
    text = json.dumps({"key": key, "folder": download, "articles": articles}, ensure_ascii=False,
                      separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def render_page(title: str, body: str, data: str) -> str:
    css, js = _asset("review.css", "style"), _asset("review.js", "script")
    policy = (f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
              "img-src 'none'; base-uri 'none'; form-action 'none'")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            f"<h1>{_esc(title)}</h1>\n{body}"
            f'<script type="application/json" id="review-data">{data}</script>\n'
            f"<script>{js}</script>\n</body>\n</html>\n")


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
    parts = [f'<ul class="counts" id="counts">{counts}</ul>\n', _flag_counts(shown),
             f'<p class="note">{_esc(note)}</p>\n' if note else "",
             _problems("unreadable", "Unreadable article files (skipped)", shown.unreadable),
             _problems("failed", "Failed articles (from manifest.json)", failed),
             f'<details class="toc" open><summary>Articles ({len(shown.sections)})</summary>'
             f'<ol>{"".join(shown.toc)}</ol></details>\n', _controls(shown)]
    return "".join(parts)


def _flag_counts(shown: _Rendered) -> str:
    """Sentences per flag, then summaries per flag: what the filter can pick."""
    lines = []
    for kind, counter in (("sentences", shown.flags), ("summaries", shown.summary_flags)):
        items = " ".join(f'<li><b>{n}</b> {_esc(flag)}</li>' for flag, n in sorted(counter.items()))
        if items:
            lines.append(f'<div class="flag-counts" id="flag-counts-{kind}">{kind.capitalize()} per flag: '
                         f"<ul>{items}</ul></div>\n")
    return "".join(lines)


def _problems(kind: str, heading: str, problems) -> str:
    if not problems:
        return ""
    items = "".join(f"<li><code>{_esc(p.name)}</code>: {_esc(p.reason)}</li>" for p in problems)
    return f'<section class="problems" id="{kind}"><h2>{heading}</h2><ul>{items}</ul></section>\n'


def _controls(shown: _Rendered) -> str:
    """Shown by the script only: without JS there is nothing for them to do."""
    tallies = "".join(f'<span class="tally tally-{key}"><b data-count="{key}">0</b> {label}</span>'
                      for key, label in (("edited", "edited"), ("approved", "approved"), ("rejected", "rejected"),
                                         ("open", "open"), ("summaries", "summaries edited")))
    counts = {**{f: (n, "sentences") for f, n in shown.flags.items()},
              **{f: (n, "summaries") for f, n in shown.summary_flags.items() if f not in shown.flags}}
    flags = "".join(f'<option value="flag:{_esc(flag)}">only flag {_esc(flag)} ({n} {kind})</option>'
                    for flag, (n, kind) in sorted(counts.items()))
    return ('<div class="controls" id="controls" hidden><label>Show <select id="filter">'
            '<option value="">everything</option><option value="attn">only flagged and low-score sentences</option>'
            f"{flags}</select></label>"
            '<span class="keys"><kbd>n</kbd>/<kbd>j</kbd> next, <kbd>p</kbd>/<kbd>k</kbd> previous flagged or '
            "low-score sentence or flagged summary; <kbd>f</kbd> flagged and low-score only, or everything; "
            "<kbd>Shift</kbd>+<kbd>F</kbd> the next flag; on a sentence or summary: <kbd>Enter</kbd> edit "
            "(<kbd>Ctrl</kbd>+<kbd>Enter</kbd> save, <kbd>Esc</kbd> cancel), <kbd>a</kbd> approve, "
            "<kbd>r</kbd> reject</span>"
            f'<div class="review-bar" id="review-bar">{tallies}'
            '<button type="button" id="download">Download review</button>'
            '<span class="note" id="store-note" hidden></span></div></div>\n')


def _toc_entry(article: ArticleFile, anchor: str, counts: ArticleCounts) -> str:
    return (f'<li><a href="#{anchor}">{_esc(article.id)}</a> <span class="meta">{counts.sentences} sentences, '
            f"{counts.flagged} flagged, {counts.low} low score</span></li>")


def render_article(article: ArticleFile, anchor: str, counts: ArticleCounts, low_score: float) -> str:
    quiet = "" if counts.attention or article.summary_flags else " quiet"
    rows = "".join(_paragraph(p.pairs, f"{anchor}-p{i}", low_score) for i, p in enumerate(article.paragraphs))
    date = _esc(article.date) if article.date else "no date"
    models = "; ".join(f"{role}: {model.name} @ {model.revision[:18]}" for role, model in article.models)
    meta = f"{_esc(article.source)} · {date}" + (f" · {_esc(models)}" if models else "")
    return (f'<section class="article{quiet}" id="{anchor}">\n<h2>{_esc(article.id)}</h2>\n'
            f'<p class="meta">{meta}</p>\n{_summary(article, anchor)}'
            '<div class="cols-head"><span>Nederlands</span><span>English</span></div>\n'
            f"{rows}</section>\n")


def _summary(article: ArticleFile, anchor: str) -> str:
    if article.summary is None:
        return ""
    model = f' <span class="meta">({_esc(article.summary_model)})</span>' if article.summary_model else ""
    state = _state_classes(article.summary_mt, article.summary, article.summary_review)
    state += " flag attn" if article.summary_flags else ""
    info = "flags: " + ", ".join(article.summary_flags) if article.summary_flags else ""
    review = _review_title(article.summary_mt, article.summary, article.summary_review)
    title = info + review if info else review.removeprefix(" | ")  # as review.js reads and writes it
    marks = _marks(article.summary_flags, article.summary_details, f"{anchor}-sum", "div")
    return (f'<div class="summary"><h3>Summary{model}</h3><p lang="en" class="sum{state}" tabindex="0" '
            f'data-unit="{anchor}-sum"{_flags_attribute(article.summary_flags)} title="{_esc(title)}">'
            f"{_esc(article.summary)}</p>{marks}</div>\n")


def _state_classes(mt: str | None, en: str, review) -> str:
    """How an earlier review shows: edited (the English is not the machine's), approved or rejected."""
    edited = " edited" if mt is not None and mt != en else ""
    return edited + (f" st-{review.status}" if review and review.status != "open" else "") + \
        (" commented" if review and review.comment else "")


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
    if side == "en":
        classes += _state_classes(sentence.mt, sentence.en, sentence.review)
        title += _review_title(sentence.mt, sentence.en, sentence.review)
    span = (f'<span class="{classes}" tabindex="0" data-pair="{pair}"{_flags_attribute(sentence.flags)} '
            f'title="{_esc(title)}">{_esc(text)}</span>')
    return span + (_badges(sentence, low, pair) if side == "en" else "")


def _review_title(mt: str | None, en: str, review) -> str:
    """The tooltip's review part; review.js writes the same after " | review: " when a reviewer changes it."""
    if review is None:
        return ""
    machine = f"; machine: {mt}" if mt is not None and mt != en else ""
    comment = f"; comment: {review.comment}" if review.comment else ""
    return f" | review: {review.status}{machine}{comment}"


def _flags_attribute(flags: tuple[str, ...]) -> str:
    """The flags as a JSON list for the filter (review.js reads it with JSON.parse), escaped like any attribute."""
    return f' data-flags="{_esc(json.dumps(list(flags), ensure_ascii=False))}"' if flags else ""


def _badges(sentence: SentencePair, low: bool, pair: str) -> str:
    low_badge = f'<span class="badge low">score {sentence.score:.2f}</span>' if low else ""
    return _marks(sentence.flags, sentence.details, pair, "span", low_badge)


def _marks(flags: tuple[str, ...], details: tuple[tuple[str, str], ...], unit: str, tag: str, extra: str = "") -> str:
    """Each flag as a badge followed by its detail as visible text (which number, which name); a detail whose flag
    is not in the list still shows, named. Empty when there is nothing to show."""
    said = dict(details)
    parts = [f'<span class="badge">{_esc(flag)}</span>' + (f' <span class="detail">{_esc(said.pop(flag))}</span>'
                                                           if flag in said else "") for flag in dict.fromkeys(flags)]
    parts += [f' <span class="detail">{_esc(flag)}: {_esc(text)}</span>' for flag, text in said.items()]
    if not parts and not extra:
        return ""
    return f'<{tag} class="marks" data-marks="{unit}">{"".join(parts)}{extra}</{tag}>'

