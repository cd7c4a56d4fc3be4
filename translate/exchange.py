"""A run's article files as exchange formats: TMX 1.4, XLIFF 2.1, TSV, or plain English text.

The article files are read by `translate.outputs`, strictly: a file that is not a complete article file is
reported with its path and line and left out; the others are exported. The output holds no dates
or paths of this machine, so the same folder always gives byte-identical exports.

A reviewed sentence (`translate apply`) is exported with the reviewed English as its target and the
machine's English, the review status and the reviewer's comment beside it: TMX properties `x-mt` and
`x-status` and a `<note>`; in XLIFF the segment's state (see _xliff_state) with subState
`translate:<status>`, and metadata `mt`, `status`, `comment`; in TSV the columns mt, status and comment.
`only="approved"` exports just the pairs a reviewer approved.

The details of a sentence's flags (what the checks found: which number, which name) travel as a JSON object
from flag to text, beside the flags: TMX property `x-details`, XLIFF metadata `details`, the TSV column
`details` (the last; exports of earlier versions, without it, are still read).

XML is written by hand with one escaping function, `_xml`: `& < > "` become entities, tab, line
feed and carriage return become character references (so they survive attribute and line-end
normalisation), and characters XML 1.0 cannot hold at all (C0 controls, U+FFFE, U+FFFF) become
U+FFFD. `translate run` never writes those (the reader cleans control characters), but a
hand-edited file may hold them, and the export must stay well-formed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

from translate import __version__, untrusted
from translate.outfiles import UnsafeOutput, checked_folder, remove_temporaries_of, write_atomic
from translate.outputs import ArticleFile, FolderError, Review, SentencePair, load_articles

FORMATS = ("tmx", "xliff", "tsv", "text", "parquet")
EXTENSIONS = {"tmx": ".tmx", "xliff": ".xlf", "tsv": ".tsv"}
TSV_COLUMNS = ("article", "paragraph", "sentence", "nl", "en", "score", "flags", "mt", "status", "comment", "details")
TSV_COLUMNS_BEFORE_REVIEW = TSV_COLUMNS[:7]  # exports of earlier versions, still read
TSV_COLUMNS_BEFORE_DETAILS = TSV_COLUMNS[:10]
ONLY = ("approved",)
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class ExportReport:
    output: Path | None  # None when no file could be read, so nothing was written
    articles: int
    pairs: int
    skipped: tuple[str, ...]  # one message per file left out


# Writing


# Formats written as a folder of files: the text of each article, or the two Parquet tables.
FOLDERS = {"text": "-en", "parquet": "-parquet"}


def default_output(target: Path, fmt: str) -> Path:
    """Beside the folder, never inside it: out/ gives out.tmx, out.xlf, out.tsv, or the folder out-en/ for text
    (out-parquet/ for parquet)."""
    base = target.resolve() if target.name in ("", "..") else target
    base = base.with_suffix("") if base.is_file() else base
    if not base.name:
        raise FolderError(f"{target}: cannot name an output beside it; give one with -o")
    return base.with_name(base.name + (FOLDERS[fmt] if fmt in FOLDERS else EXTENSIONS[fmt]))


def export(target: Path, fmt: str, output: Path | None = None, only: str | None = None) -> ExportReport:
    """Write the readable article files under `target` in format `fmt`; atomically, file by file. With
    only="approved", just the sentence pairs a reviewer approved (articles without any are left out)."""
    articles, skipped = load_articles(target)
    if only is not None:
        articles = approved_only(articles)
    if not articles:
        return ExportReport(None, 0, 0, tuple(map(str, skipped)))
    output = output or default_output(target, fmt)
    if fmt == "text":
        problems = {article.id: _write_text(output, article) for article in articles}
        skipped = [*skipped, *filter(None, problems.values())]
        articles = [article for article in articles if problems[article.id] is None]
    elif fmt == "parquet":
        from translate.parquet import write_tables  # pyarrow: an optional extra

        write_tables(articles, output)
    else:
        write_atomic(output, RENDERERS[fmt](articles))
    return ExportReport(output, len(articles), sum(len(a.pairs) for a in articles), tuple(map(str, skipped)))


def _write_text(output: Path, article: ArticleFile) -> str | None:
    """Write one article's English text file; the reason when its place inside `output` is unsafe."""
    path = output / article.relative.with_suffix(".txt")
    try:
        checked_folder(output, path.parent)
        remove_temporaries_of(path)  # what a killed export left of this file
        write_atomic(path, english_text(article), inside=output)
    except UnsafeOutput as error:
        return str(error)
    return None


def approved_only(articles: list[ArticleFile]) -> list[ArticleFile]:
    """The articles with only their approved sentence pairs; paragraphs and articles left empty are dropped."""
    kept = []
    for article in articles:
        paragraphs = [replace(p, pairs=pairs) for p in article.paragraphs
                      if (pairs := tuple(pair for pair in p.pairs if pair.review and pair.review.status == "approved"))]
        if paragraphs:
            kept.append(replace(article, paragraphs=tuple(paragraphs)))
    return kept


def english_text(article: ArticleFile) -> str:
    """The article's English, one paragraph per block, blank lines between; no summary, no date."""
    return "\n\n".join(paragraph.en for paragraph in article.paragraphs) + "\n"


_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Control characters XML 1.0 cannot hold (NUL, \x1c...) become a space, as in a reviewer's correction
# (translate.apply.normalise); the other characters it cannot hold (U+FFFE, U+FFFF, lone surrogates) U+FFFD.
_XML_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                              "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})


def _xml(text: str) -> str:
    """Safe in element text and in double-quoted attributes alike."""
    return _XML_ILLEGAL.sub("\ufffd", _XML_CONTROLS.sub(" ", text)).translate(_XML_ESCAPES)


def tmx(articles: list[ArticleFile]) -> str:
    """TMX 1.4: one <tu> per sentence pair; no creationdate, so that exports are reproducible."""
    header = (f'  <header creationtool="translate" creationtoolversion="{_xml(__version__)}" datatype="plaintext" '
              'segtype="sentence" adminlang="en" srclang="nl" o-tmf="translate-jsonl"/>')
    units = [line for article in articles for pair in article.pairs for line in _tmx_unit(pair)]
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">', header, "  <body>",
                      *units, "  </body>", "</tmx>", ""])


def _tmx_unit(pair: SentencePair) -> list[str]:
    props = [("x-article", pair.article), ("x-paragraph", str(pair.paragraph)), ("x-sentence", str(pair.sentence))]
    props += [("x-flags", ",".join(pair.flags))] if pair.flags else []
    props += [("x-details", details_json(pair))] if pair.details else []
    props += [("x-score", repr(pair.score))] if pair.score is not None else []
    props += [("x-mt", pair.mt)] if pair.mt is not None else []
    props += [("x-status", pair.review.status)] if pair.review else []
    notes = [f"      <note>{_xml(pair.review.comment)}</note>"] if pair.review and pair.review.comment else []
    return ["    <tu>", *notes, *(f'      <prop type="{kind}">{_xml(value)}</prop>' for kind, value in props),
            f'      <tuv xml:lang="nl"><seg>{_xml(pair.nl)}</seg></tuv>',
            f'      <tuv xml:lang="en"><seg>{_xml(pair.en)}</seg></tuv>', "    </tu>"]


def xliff(articles: list[ArticleFile]) -> str:
    """XLIFF 2.1: a <file> per article, a <unit> per paragraph, a <segment> per sentence (see _xliff_file)."""
    files = [line for article, file_id in zip(articles, _file_ids([a.id for a in articles]), strict=True)
             for line in _xliff_file(article, file_id)]
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>',
                      f'<xliff xmlns="{XLIFF_NS}" xmlns:mda="{MDA_NS}" version="2.1" srcLang="nl" trgLang="en" '
                      'xml:space="preserve">', *files, "</xliff>", ""])


def _file_ids(article_ids: list[str]) -> list[str]:
    """NMTOKENs, unique: the article id with characters outside [A-Za-z0-9._-] made "_", then -2, -3... on clashes."""
    taken: set[str] = set()
    result = []
    for article_id in article_ids:
        base = re.sub(r"[^A-Za-z0-9._-]", "_", article_id) or "_"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        result.append(candidate)
    return result


def _xliff_file(article: ArticleFile, file_id: str) -> list[str]:
    """The exact article id (and date) in the file's metadata; per sentence, score and flags in the unit's
    metadata, one metaGroup per segment whose category is the segment id (XLIFF 2 has no segment-level notes)."""
    article_meta = [("id", article.id)] + ([("date", article.date)] if article.date else [])
    lines = [f'  <file id="{file_id}" original="{_xml(article.source)}">',
             *_metadata([("article", article_meta)], "    ")]
    for paragraph in article.paragraphs:
        segments = [(f"p{paragraph.index}s{pair.sentence}", pair) for pair in paragraph.pairs]
        groups = [(segment_id, _pair_meta(pair)) for segment_id, pair in segments if _pair_meta(pair)]
        lines += [f'    <unit id="p{paragraph.index}">', *_metadata(groups, "      ")]
        for segment_id, pair in segments:
            lines += [f'      <segment id="{segment_id}"{_xliff_state(pair)}>',
                      f"        <source>{_xml(pair.nl)}</source>", f"        <target>{_xml(pair.en)}</target>",
                      "      </segment>"]
        lines.append("    </unit>")
    return [*lines, "  </file>"]


def _xliff_state(pair: SentencePair) -> str:
    """Machine output is `translated`; approved is `final`, a correction not yet approved `reviewed`; a rejected
    target goes back to `initial` (tools such as translate-toolkit take `reviewed` for approved and `initial` with a
    target for needing work). subState names our status."""
    if pair.review is None:
        return ' state="translated"'
    status = pair.review.status
    state = {"approved": "final", "rejected": "initial"}.get(status, "reviewed" if pair.edited else "translated")
    return f' state="{state}" subState="translate:{status}"'


def _pair_meta(pair: SentencePair) -> list[tuple[str, str]]:
    meta = [("score", repr(pair.score))] if pair.score is not None else []
    meta += [("flags", ",".join(pair.flags))] if pair.flags else []
    meta += [("details", details_json(pair))] if pair.details else []
    meta += [("mt", pair.mt)] if pair.mt is not None else []
    if pair.review:
        meta += [("status", pair.review.status)] + ([("comment", pair.review.comment)] if pair.review.comment else [])
    return meta


def _metadata(groups: list[tuple[str, list[tuple[str, str]]]], indent: str) -> list[str]:
    if not groups:
        return []  # <mda:metadata> must hold at least one group
    lines = [f"{indent}<mda:metadata>"]
    for category, metas in groups:
        lines += [f'{indent}  <mda:metaGroup category="{_xml(category)}">',
                  *(f'{indent}    <mda:meta type="{kind}">{_xml(value)}</mda:meta>' for kind, value in metas),
                  f"{indent}  </mda:metaGroup>"]
    return [*lines, f"{indent}</mda:metadata>"]


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def tsv(articles: list[ArticleFile]) -> str:
    """A header row, then a row per sentence pair. In every field \\ becomes \\\\ and tab, LF, CR become \\t, \\n,
    \\r, so that a row is one line; score is empty when null, flags are comma-joined; mt, status and comment are
    empty for a sentence without a review; details is a JSON object, empty when there are none."""
    rows = [TSV_COLUMNS, *(tsv_fields(pair) for article in articles for pair in article.pairs)]
    return "".join("\t".join(map(escape_tsv_field, row)) + "\n" for row in rows)


def escape_tsv_field(field: str) -> str:
    """A field of our TSV: backslash, tab, line feed and carriage return written as \\\\, \\t, \\n, \\r."""
    return field.translate(_TSV_ESCAPES)


def tsv_fields(pair: SentencePair) -> tuple[str, ...]:
    """A pair's TSV row, one field per column of TSV_COLUMNS, before escaping."""
    score = "" if pair.score is None else repr(pair.score)
    review = (pair.mt or "", pair.review.status, pair.review.comment) if pair.review else ("", "", "")
    return pair.article, str(pair.paragraph), str(pair.sentence), pair.nl, pair.en, score, ",".join(pair.flags), \
        *review, details_json(pair) if pair.details else ""


def details_json(pair: SentencePair) -> str:
    """The details as one JSON object, {flag: text}, in the record's order (as `translate check` writes them)."""
    return json.dumps(dict(pair.details), ensure_ascii=False)


def _details(text: str | None) -> tuple[tuple[str, str], ...]:
    return tuple(untrusted.loads(text).items()) if text else ()


RENDERERS = {"tmx": tmx, "xliff": xliff, "tsv": tsv}


# Reading exports back (the round trip the tests check; also handy for scripts)


def read_tmx(path: Path) -> list[SentencePair]:
    return [_tmx_pair(unit) for unit in ElementTree.parse(path).getroot().iter("tu")]


def _tmx_pair(unit: ElementTree.Element) -> SentencePair:
    props = {prop.get("type"): prop.text or "" for prop in unit.findall("prop")}
    segs = {tuv.get(XML_LANG): tuv.findtext("seg") or "" for tuv in unit.findall("tuv")}
    review = Review(props["x-status"], unit.findtext("note") or "") if "x-status" in props else None
    return SentencePair(props["x-article"], int(props["x-paragraph"]), int(props["x-sentence"]), segs["nl"],
                        segs["en"], float(props["x-score"]) if "x-score" in props else None,
                        tuple(props["x-flags"].split(",")) if props.get("x-flags") else (), props.get("x-mt"), review,
                        _details(props.get("x-details")))


def read_xliff(path: Path) -> list[SentencePair]:
    pairs = []
    for file in ElementTree.parse(path).getroot().findall(f"{{{XLIFF_NS}}}file"):
        article = _meta_groups(file)["article"]["id"]
        for unit in file.findall(f"{{{XLIFF_NS}}}unit"):
            meta = _meta_groups(unit)
            pairs += [_xliff_pair(segment, article, meta.get(segment.get("id"), {}))
                      for segment in unit.findall(f"{{{XLIFF_NS}}}segment")]
    return pairs


def _xliff_pair(segment: ElementTree.Element, article: str, meta: dict[str, str]) -> SentencePair:
    """The paragraph and sentence come from the segment id, p<P>s<S> (with --only some sentences are left out)."""
    paragraph, sentence = (int(n) for n in re.fullmatch(r"p(\d+)s(\d+)", segment.get("id")).groups())
    nl, en = (segment.findtext(f"{{{XLIFF_NS}}}{name}") or "" for name in ("source", "target"))
    review = Review(meta["status"], meta.get("comment", "")) if "status" in meta else None
    return SentencePair(article, paragraph, sentence, nl, en, float(meta["score"]) if "score" in meta else None,
                        tuple(meta["flags"].split(",")) if meta.get("flags") else (), meta.get("mt"), review,
                        _details(meta.get("details")))


def _meta_groups(element: ElementTree.Element) -> dict[str, dict[str, str]]:
    groups = element.findall(f"{{{MDA_NS}}}metadata/{{{MDA_NS}}}metaGroup")
    return {group.get("category"): {meta.get("type"): meta.text or "" for meta in group} for group in groups}


def read_tsv(path: Path) -> list[SentencePair]:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().removesuffix("\n").split("\n")
    header, *rows = ([unescape_tsv_field(field) for field in line.split("\t")] for line in lines)
    if tuple(header) not in (TSV_COLUMNS, TSV_COLUMNS_BEFORE_DETAILS, TSV_COLUMNS_BEFORE_REVIEW):
        raise ValueError(f"{path}: not a translate TSV export (its header is {header})")
    return [_tsv_pair(*row, *[""] * (len(TSV_COLUMNS) - len(row))) for row in rows]


def _tsv_pair(article, paragraph, sentence, nl, en, score, flags, mt, status, comment, details) -> SentencePair:
    return SentencePair(article, int(paragraph), int(sentence), nl, en, float(score) if score else None,
                        tuple(flags.split(",")) if flags else (), mt if status else None,
                        Review(status, comment) if status else None, _details(details))


def unescape_tsv_field(field: str) -> str:
    return re.sub(r"\\(.)", lambda match: _TSV_UNESCAPES.get(match.group(1), match.group()), field)
