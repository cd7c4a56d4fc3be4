"""`translate review`: a static report for reviewing a run's output, Dutch and English side by side.

The report is a folder of static pages that work from file:// without any network: an index (every article
with its counts per flag and its lowest score) and pages of whole articles, about PAGE_SENTENCES sentences
each, so that no page grows with the corpus. Each page's CSS and JS are inlined, and a
Content-Security-Policy admits exactly those two (by hash) and nothing else; pages link to each other by
relative path. Every piece of text from the output folder is escaped, and none of it goes into the executed
<script>. What the review download needs (article ids, the Dutch, the English as the file holds it, earlier
reviews) travels in a data block, `<script type="application/json">`, which browsers never execute; its JSON
has `<`, `>` and `&` escaped, so no text can end the block early. The script reads it with textContent and
JSON.parse, and writes text back only through textContent and form values. The bytes depend on the folder's
contents alone (no timestamps, no absolute paths); the key under which the browser keeps a reviewer's work
(IndexedDB, shared by every page of the report: all file:// pages are one origin) is a hash of all the
articles' data, so two reports of different content never share their work.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from translate.apply import bulk_fingerprint
from translate.outfiles import checked_folder, write_atomic
from translate.outputs import ArticleFile, ArticleFileError, SentencePair, read_articles, read_manifest
from translate.records import INFORMATIONAL_FLAGS

log = logging.getLogger(__name__)

# Mean log-probability per output token below which a sentence is marked for a look: a geometric-mean
# token probability under e^-2 (0.14). Confident opus-mt output sits far above it; null (passthrough) is never low.
DEFAULT_LOW_SCORE = -2.0
REPORT_NAME = "review"  # the report folder inside OUT
INDEX_NAME = "index.html"
ROWS = 200  # rows of the index's table per block
# Sentences per page (whole articles; an article longer than this has a page of its own): a page of 200
# sentences is about 0.2 MB and opens in under half a second (docs/review.md).
PAGE_SENTENCES = 200
PAGE_NAME = re.compile(r"p\d{4,}\.html")
# Flags that inform rather than point at a problem (records.INFORMATIONAL_FLAGS; review.js has the same list) are
# shown apart, never counted as flagged, never a reason to look.


@dataclass(frozen=True)
class ReviewSettings:
    output: Path
    report: Path | None = None  # the report folder; OUT/review when None
    low_score: float = DEFAULT_LOW_SCORE
    page_sentences: int = PAGE_SENTENCES

    @property
    def report_dir(self) -> Path:
        return self.report if self.report is not None else self.output / REPORT_NAME

    @property
    def trusted_root(self) -> Path:
        """What the user named: below it no component may be a link (the default OUT/review is inside OUT, where
        someone else may have planted one)."""
        return self.report if self.report is not None else self.output

    @property
    def report_path(self) -> Path:
        return self.report_dir / INDEX_NAME


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
    report: Path  # the index page
    articles: int
    counts: ArticleCounts
    unreadable: tuple[Problem, ...]
    failed: tuple[Problem, ...]
    pages: int = 1


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


def problem_flags(flags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(flag for flag in flags if flag not in INFORMATIONAL_FLAGS)


def is_low(sentence: SentencePair, low_score: float) -> bool:
    return sentence.score is not None and sentence.score < low_score


def needs_look(sentence: SentencePair, low_score: float) -> bool:
    return bool(problem_flags(sentence.flags)) or is_low(sentence, low_score)


def count(article: ArticleFile, low_score: float) -> ArticleCounts:
    sentences = article.pairs
    low = [is_low(s, low_score) for s in sentences]
    flagged = [bool(problem_flags(s.flags)) for s in sentences]
    return ArticleCounts(len(article.paragraphs), len(sentences), sum(flagged), sum(low),
                         sum(f or lo for f, lo in zip(flagged, low, strict=True)))


# ---------------------------------------------------------------- building


def write_report_file(folder: Path, name: str, text: str) -> Path:
    """The one door through which every file of the report is written (atomically, inside the report folder)."""
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"{name!r} is not a report file name")
    path = folder / name
    write_atomic(path, text, inside=folder)
    return path


@dataclass
class _Entry:
    """One article as the report needs it: its section, its row in the index, its data, its counts."""

    number: int  # from 1, across the whole report: the unit ids (a<number>-p<i>-s<j>) are unique in it
    article: ArticleFile
    section: str
    counts: ArticleCounts
    data: dict
    lowest: float | None
    flags: Counter  # sentences per flag, summary flags included under their own names
    page: int = 0


@dataclass
class _Gathered:
    entries: list[_Entry] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    total: ArticleCounts = ArticleCounts()
    flags: Counter = field(default_factory=Counter)  # sentences per flag
    summary_flags: Counter = field(default_factory=Counter)  # summaries per flag
    digest: object = field(default_factory=hashlib.sha256)  # of every article's data, in order


def build_report(settings: ReviewSettings) -> ReviewResult:
    """Read every article file (skipping unreadable ones), write the index and the pages, return the counts."""
    folder = settings.output
    shown = _gather(folder, settings.low_score)
    failed, note = read_failed(folder)
    if note:
        log.warning("%s", note)
    pages = _paginate(shown.entries, settings.page_sentences)
    name = folder.resolve().name
    key = shown.digest.hexdigest()[:24]
    download = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".") or "review"
    common = {"key": key, "folder": download, "pages": [_page_info(i, page) for i, page in enumerate(pages)],
              "base": _base_tallies(shown.entries)}
    target = checked_folder(settings.trusted_root, settings.report_dir)
    written = set()
    for i, page in enumerate(pages):
        written.add(write_report_file(target, page_name(i), _render_page(name, i, page, common)).name)
    index = _render_index(name, shown, failed, note, settings.low_score, common)
    write_report_file(target, INDEX_NAME, index)
    for stale in target.iterdir():  # pages of an earlier, longer report would link to nothing
        if PAGE_NAME.fullmatch(stale.name) and stale.name not in written and stale.is_file():
            stale.unlink()
    return ReviewResult(settings.report_path, len(shown.entries), shown.total, tuple(shown.unreadable), failed,
                        len(pages))


def page_name(index: int) -> str:
    return f"p{index + 1:04d}.html"


def _gather(folder: Path, low_score: float) -> _Gathered:
    shown = _Gathered()
    for article in read_articles(folder):
        if isinstance(article, ArticleFileError):
            log.warning("%s; skipped", article)
            shown.unreadable.append(Problem(article.place(article.path.relative_to(folder).as_posix()), article.reason))
            continue
        number = len(shown.entries) + 1
        counts = count(article, low_score)
        data = _article_data(article, number, low_score)
        shown.digest.update(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        flags = Counter(flag for pair in article.pairs for flag in dict.fromkeys(pair.flags))
        scores = [s.score for s in article.pairs if s.score is not None]
        shown.entries.append(_Entry(number, article, render_article(article, f"a{number}", counts, low_score),
                                    counts, data, min(scores) if scores else None,
                                    flags + Counter(dict.fromkeys(article.summary_flags, 1))))
        shown.total += counts
        shown.flags.update(flags)
        shown.summary_flags.update(list(dict.fromkeys(article.summary_flags)))
    return shown


def _paginate(entries: list[_Entry], budget: int) -> list[list[_Entry]]:
    """Whole articles in order, a new page once a page holds `budget` sentences (never an empty report)."""
    pages: list[list[_Entry]] = [[]]
    size = 0
    for entry in entries:
        if pages[-1] and size + entry.counts.sentences > budget:
            pages.append([])
            size = 0
        entry.page = len(pages) - 1
        pages[-1].append(entry)
        size += entry.counts.sentences
    return pages


def _page_info(index: int, page: list[_Entry]) -> dict:
    """What the other pages need to know of a page: where it is, and what there is to look at on it."""
    flags: Counter = Counter()
    for entry in page:
        flags.update({flag: n for flag, n in entry.flags.items() if flag not in INFORMATIONAL_FLAGS})
    attention = sum(e.counts.attention + bool(problem_flags(e.article.summary_flags)) for e in page)
    return {"href": page_name(index), "attn": attention, "flags": dict(sorted(flags.items()))}


def _base_tallies(entries: list[_Entry]) -> dict:
    """The review counts as the files hold them; each page adds what the browser's storage changed."""
    tallies = {"edited": 0, "approved": 0, "rejected": 0, "open": 0, "summaries": 0}
    for entry in entries:
        for s in entry.article.pairs:
            tallies["edited"] += s.edited
            tallies[s.review.status if s.review else "open"] += 1
        tallies["summaries"] += entry.article.summary_mt is not None and entry.article.summary_mt != \
            entry.article.summary
    return tallies


# ---------------------------------------------------------------- the data the script needs


def _article_data(article: ArticleFile, number: int, low_score: float) -> dict:
    """What the review download needs of an article, and the sentences that "approve the unflagged" covers:
    nothing to look at and no earlier review, with a fingerprint that translate apply checks them against."""
    summary = None
    if article.summary is not None:
        summary = {"en": article.summary, **_review_data(article.summary_mt, article.summary_review)}
    quiet = [s for s in article.pairs if not needs_look(s, low_score) and s.review is None]
    return {"n": number, "id": article.id, "summary": summary,
            "paragraphs": [[{"nl": s.nl, "en": s.en, **_review_data(s.mt, s.review),
                             **({"suggestion": {"en": s.suggestion.en}} if s.suggestion else {})} for s in p.pairs]
                           for p in article.paragraphs],
            "bulk": [[s.paragraph, s.sentence] for s in quiet],
            "fp": bulk_fingerprint((s.paragraph, s.sentence, s.nl, s.en) for s in quiet)}


def _review_data(mt: str | None, review) -> dict:
    """An earlier review, so the page starts from it: the machine's English, the status and the comment."""
    return ({"mt": mt} if mt is not None else {}) | \
        ({"status": review.status, "comment": review.comment} if review else {})


def data_block(data: dict) -> str:
    """A page's data block: JSON with <, > and & escaped, so that nothing in it can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
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


# ---------------------------------------------------------------- the pages of articles


def _render_page(name: str, index: int, page: list[_Entry], common: dict) -> str:
    total = len(common["pages"])
    first, last = page[0].number if page else 0, page[-1].number if page else 0
    nav = _page_nav(index, total)
    toc = "".join(_toc_entry(e) for e in page)
    body = (f'{nav}<p class="meta">Articles {first}–{last} of the report; page {index + 1} of {total}.</p>\n'
            f'<details class="toc"><summary>Articles on this page ({len(page)})</summary><ol>{toc}</ol></details>\n'
            f'{_controls(_page_flag_options(page), index=False)}{"".join(e.section for e in page)}{nav}')
    data = {"kind": "page", "page": index, **common, "articles": [e.data for e in page]}
    return render_page(f"Translation review: {name} (page {index + 1} of {total})", body, data_block(data))


def _page_nav(index: int, total: int) -> str:
    links = [f'<a href="{INDEX_NAME}" class="to-index">All articles (index)</a>']
    if index > 0:
        links.append(f'<a href="{page_name(index - 1)}" rel="prev">Previous page</a>')
    if index + 1 < total:
        links.append(f'<a href="{page_name(index + 1)}" rel="next">Next page</a>')
    return f'<nav class="pages">{" · ".join(links)}</nav>\n'


def _page_flag_options(page: list[_Entry]) -> Counter:
    flags: Counter = Counter()
    for entry in page:
        flags.update(entry.flags)
    return flags


def _toc_entry(entry: _Entry) -> str:
    counts = entry.counts
    return (f'<li><a href="#a{entry.number}">{_esc(entry.article.id)}</a> <span class="meta">{counts.sentences} '
            f"sentences, {counts.flagged} flagged, {counts.low} low score</span></li>")


# ---------------------------------------------------------------- the index


def _render_index(name: str, shown: _Gathered, failed: tuple[Problem, ...], note: str | None, low_score: float,
                  common: dict) -> str:
    total = shown.total
    cells = [("articles", "articles", len(shown.entries)), ("paragraphs", "paragraphs", total.paragraphs),
             ("sentences", "sentences", total.sentences), ("flagged", "flagged", total.flagged),
             ("low", f"low score (below {low_score:g})", total.low), ("attention", "to look at", total.attention),
             ("failed", "failed", len(failed)), ("unreadable", "unreadable", len(shown.unreadable))]
    counts = "".join(f'<li class="count-{key}"><b>{n}</b> {_esc(label)}</li>' for key, label, n in cells)
    body = "".join([f'<ul class="counts" id="counts">{counts}</ul>\n', _flag_counts(shown),
                    f'<p class="note">{_esc(note)}</p>\n' if note else "",
                    _problems("unreadable", "Unreadable article files (skipped)", shown.unreadable),
                    _problems("failed", "Failed articles (from manifest.json)", failed),
                    _controls(shown.flags + shown.summary_flags, index=True), _article_table(shown.entries)])
    # The rows' flags (for the filter) and what a bulk approval of the report needs, by article number.
    articles = [{"n": e.number, "id": e.article.id, "flags": sorted(e.flags), "bulk": e.data["bulk"],
                 "fp": e.data["fp"]} for e in shown.entries]
    data = {"kind": "index", **common, "articles": articles}
    return render_page(f"Translation review: {name}", body, data_block(data))


def _flag_counts(shown: _Gathered) -> str:
    """Sentences per flag, then summaries per flag: what the filter can pick."""
    lines = []
    for kind, counter in (("sentences", shown.flags), ("summaries", shown.summary_flags)):
        items = " ".join(f'<li{_info_class(flag)}><b>{n}</b> {_esc(flag)}</li>' for flag, n in sorted(counter.items()))
        if items:
            lines.append(f'<div class="flag-counts" id="flag-counts-{kind}">{kind.capitalize()} per flag: '
                         f"<ul>{items}</ul></div>\n")
    return "".join(lines)


def _info_class(flag: str) -> str:
    return ' class="info"' if flag in INFORMATIONAL_FLAGS else ""


def _article_table(entries: list[_Entry]) -> str:
    """Every article, most to look at first; the script sorts by any column and filters by flag."""
    order = sorted(entries, key=lambda e: (-e.counts.attention, e.lowest if e.lowest is not None else 0.0, e.number))
    heads = [("n", "#"), ("id", "article"), ("sentences", "sentences"), ("attn", "to look at"), ("flagged", "flagged"),
             ("low", "low score"), ("lowest", "lowest score"), ("", "flags")]
    head = "".join(f'<th data-sort="{key}">{label}</th>' if key else f"<th>{label}</th>" for key, label in heads)
    widths = "<colgroup>" + "".join(f'<col class="c-{key or "flags"}">' for key, _label in heads) + "</colgroup>"
    # Rows in blocks the browser lays out only when they come into view: the index opens as fast with
    # thousands of articles as with a few (the columns line up: every table has the same fixed widths).
    blocks = "".join(f'<div class="block"><table>{widths}<tbody>{"".join(_article_row(e) for e in order[i:i + ROWS])}'
                     "</tbody></table></div>" for i in range(0, len(order), ROWS))
    return (f'<div class="articles" id="articles"><p class="caption">Articles ({len(entries)}), most to look at first'
            f"</p><table>{widths}<thead><tr>{head}</tr></thead></table>{blocks}</div>\n")


def _article_row(entry: _Entry) -> str:
    counts, lowest = entry.counts, entry.lowest
    flags = ", ".join(f"{flag} {n}" for flag, n in sorted(entry.flags.items()))
    low = "" if lowest is None else f"{lowest:.2f}"
    return (f'<tr><td>{entry.number}</td><td><a href="{page_name(entry.page)}#a{entry.number}">'
            f"{_esc(entry.article.id)}</a></td>"
            f"<td>{counts.sentences}</td><td>{counts.attention}</td><td>{counts.flagged}</td><td>{counts.low}</td>"
            f"<td>{low}</td><td>{_esc(flags)}</td></tr>")


def _problems(kind: str, heading: str, problems) -> str:
    if not problems:
        return ""
    items = "".join(f"<li><code>{_esc(p.name)}</code>: {_esc(p.reason)}</li>" for p in problems)
    return f'<section class="problems" id="{kind}"><h2>{heading}</h2><ul>{items}</ul></section>\n'


def _controls(flags: Counter, index: bool) -> str:
    """Shown by the script only: without JS there is nothing for them to do."""
    tallies = "".join(f'<span class="tally tally-{key}"><b data-count="{key}">0</b> {label}</span>'
                      for key, label in (("edited", "edited"), ("approved", "approved"), ("rejected", "rejected"),
                                         ("open", "open"), ("summaries", "summaries edited")))
    options = "".join(f'<option value="flag:{_esc(flag)}">only flag {_esc(flag)} ({n})</option>'
                      for flag, n in sorted(flags.items()))
    if index:
        show = ('<label>Show <select id="filter"><option value="">every article</option>'
                f'<option value="attn">only articles with something to look at</option>{options}</select></label>'
                '<span class="keys"><kbd>n</kbd> the first page with something to look at; <kbd>d</kbd> '
                "download the review</span>")
        bulk = '<button type="button" id="bulk">Approve every unflagged sentence of the report</button>'
    else:
        show = ('<label>Show <select id="filter"><option value="">everything</option><option value="attn">only '
                f"flagged and low-score sentences</option>{options}</select></label>"
                '<span class="keys"><kbd>n</kbd>/<kbd>j</kbd> next, <kbd>p</kbd>/<kbd>k</kbd> previous flagged or '
                "low-score sentence or flagged summary (on to the next page with something to look at); "
                "<kbd>f</kbd> flagged and low-score only, or everything; <kbd>Shift</kbd>+<kbd>F</kbd> the next "
                "flag; on a sentence or summary: <kbd>Enter</kbd> edit (<kbd>Ctrl</kbd>+<kbd>Enter</kbd> save, "
                "<kbd>Esc</kbd> cancel), <kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>s</kbd> take the "
                "memory's suggestion; <kbd>Shift</kbd>+<kbd>A</kbd> approve every unflagged sentence of the "
                "article; <kbd>d</kbd> download the review</span>")
        bulk = ""
    return (f'<div class="controls" id="controls" hidden>{show}'
            f'<div class="review-bar" id="review-bar"><span class="meta">Whole report:</span>{tallies}'
            f'<button type="button" id="download">Download review</button>{bulk}'
            '<span class="note" id="store-note" hidden></span></div></div>\n')


def render_article(article: ArticleFile, anchor: str, counts: ArticleCounts, low_score: float) -> str:
    quiet = "" if counts.attention or problem_flags(article.summary_flags) else " quiet"
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
    state += " flag attn" if problem_flags(article.summary_flags) else ""
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
    attention = any(needs_look(s, low_score) for s in sentences)
    nl = " ".join(_sentence_span(s, f"{anchor}-s{i}", "nl", low_score) for i, s in enumerate(sentences))
    en = " ".join(_sentence_span(s, f"{anchor}-s{i}", "en", low_score) for i, s in enumerate(sentences))
    return (f'<div class="para{"" if attention else " quiet"}" id="{anchor}">'
            f'<div class="nl" lang="nl">{nl}</div><div class="en" lang="en">{en}</div></div>\n')


def _sentence_span(sentence: SentencePair, pair: str, side: str, low_score: float) -> str:
    low, flagged = is_low(sentence, low_score), bool(problem_flags(sentence.flags))
    classes = "s" + (" flag" if flagged else "") + (" low" if low else "")
    classes += " attn" if flagged or low else ""
    score = "no score (passthrough)" if sentence.score is None else f"score {sentence.score:.2f}"
    title = "; ".join([*(["flags: " + ", ".join(sentence.flags)] if sentence.flags else []), score])
    text = getattr(sentence, side)
    if side == "en":
        classes += _state_classes(sentence.mt, sentence.en, sentence.review)
        title += _review_title(sentence.mt, sentence.en, sentence.review)
    span = (f'<span class="{classes}" tabindex="0" data-pair="{pair}"{_flags_attribute(sentence.flags)} '
            f'title="{_esc(title)}">{_esc(text)}</span>')
    return span + (_badges(sentence, low, pair) + _suggestion(sentence) if side == "en" else "")


def _suggestion(sentence: SentencePair) -> str:
    """The translation memory's closest entry: its Dutch with the words that differ from this sentence's marked
    (struck: this sentence's, underlined: the memory's), and its English, which the key s takes."""
    memory = sentence.suggestion
    if memory is None:
        return ""
    return (f'<span class="suggestion" title="the closest translation-memory entry; s takes its English">memory '
            f'({memory.similarity:.0%}): <span lang="nl">{dutch_diff(sentence.nl, memory.nl)}</span> → '
            f'<span lang="en" class="suggested">{_esc(memory.en)}</span> (<kbd>s</kbd> takes it)</span>')


def dutch_diff(sentence: str, memory: str) -> str:
    """The memory's Dutch, word by word against the sentence's: <del> what only the sentence has, <ins> what only the
    memory has; every word escaped."""
    a, b = sentence.split(), memory.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(_esc(" ".join(b[j1:j2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{_esc(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_esc(' '.join(b[j1:j2]))}</ins>")
    return " ".join(parts)


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
    machine = (f' <span class="mt-flags">machine output: {_esc(", ".join(sentence.mt_flags))}</span>'
               if sentence.mt_flags else "")
    return _marks(sentence.flags, sentence.details, pair, "span", low_badge + machine)


def _marks(flags: tuple[str, ...], details: tuple[tuple[str, str], ...], unit: str, tag: str, extra: str = "") -> str:
    """Each flag as a badge followed by its detail as visible text (which number, which name); a detail whose flag
    is not in the list still shows, named. Empty when there is nothing to show."""
    said = dict(details)
    parts = [_badge(flag) + (f' <span class="detail">{_esc(said.pop(flag))}</span>' if flag in said else "")
             for flag in dict.fromkeys(flags)]
    parts += [f' <span class="detail">{_esc(flag)}: {_esc(text)}</span>' for flag, text in said.items()]
    if not parts and not extra:
        return ""
    return f'<{tag} class="marks" data-marks="{unit}">{"".join(parts)}{extra}</{tag}>'



def _badge(flag: str) -> str:
    """A flag; an informational one (a sentence from the translation memory) looks apart from the problems."""
    return f'<span class="badge{" info" if flag in INFORMATIONAL_FLAGS else ""}">{_esc(flag)}</span>'
