"""`translate check`: the bilingual checks of translate.qa on any file of Dutch-English pairs, as TSV.

What is read (told apart by what the path is, not by its name):
- a folder or a .jsonl file: a run's output (translate.outputs); a row per sentence pair as `translate
  export --format tsv` writes it, then a row per summary (sentence "summary", nl empty, en the summary).
- an XML file with a <tmx> root: ours (o-tmf="translate-jsonl") gives the export's columns; any other
  TMX a row per <tu> with the columns unit (its tuid, or its number from 1), nl and en (the first <tuv>
  whose language is nl or nl-*, and en or en-*).
- an XML file with an <xliff> root, 2.x or 1.2: ours gives the export's columns; any other a row per
  segment (1.2: per <trans-unit>) with the columns file, unit, segment, nl (source), en (target). The
  source language must be Dutch.
- anything else: a TSV whose header names an `nl` and an `en` column; other columns are kept. A header
  that starts with our export's columns means our escapes (\\t, \\n, \\r, \\\\ in fields); any other TSV is
  read as it is: a line a row, a tab between fields, no quoting and no escapes (as OPUS and Tatoeba write
  them); a row with another number of fields than the header is an error.

Every sentence pair gets the sentence checks. Rows in our export's columns (a run's folder, our TSV, TMX
and XLIFF exports, and this command's output for them) hold a whole run, article after article, so they
also get the run-wide checks: `inconsistent` (the same Dutch translated differently within the run) and,
on summary rows, `summary_numbers` and `summary_names`.

What is written: the rows with `flags` (comma-joined) and `details` (a JSON object from flag to a short
text; empty when there are no findings) added, or updated where the input has them: flags that these
checks do not own (retried, split...) are kept, and the checks' own are computed afresh, so that checking
a checked file changes nothing. Escaped like our export, except a plain TSV, which is written as read.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from translate import exchange, qa, untrusted
from translate.outfiles import atomic_stream
from translate.outputs import FolderError, load_articles
from translate.records import write_atomic
from translate.userfiles import NotReadable, open_regular, read_capped

log = logging.getLogger(__name__)

QA_FLAGS = (*qa.SENTENCE_FLAGS, "inconsistent", *qa.SUMMARY_FLAGS)
XLIFF1_NS = "urn:oasis:names:tc:xliff:document:1.2"
INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}  # TMX and XLIFF 1.2 elements that hold native markup, not text
GENERIC_TMX = ("unit", "nl", "en")
GENERIC_XLIFF = ("file", "unit", "segment", "nl", "en")
MAX_CHECK_BYTES = 2**31  # 2 GB: a file read whole; a run's output folder is read file by file
MAX_XML_DEPTH = 32  # TMX and XLIFF are 6 or 7 elements deep to a segment; inline markup adds a few


class CheckError(Exception):
    """A file that cannot be checked; the message names the file, the place and the fix."""


@dataclass(frozen=True)
class Rows:
    """The pairs of one input as table rows, before checking."""

    columns: tuple[str, ...]
    rows: list[list[str]]
    escaped: bool  # written with our export's escapes
    summaries: frozenset[int] = frozenset()  # rows that hold a summary (a run's output)
    articles: tuple[tuple[int, ...], ...] = ()  # per article of a run, its rows (summary last)
    skipped: tuple[str, ...] = ()  # article files of a run that could not be read


@dataclass(frozen=True)
class CheckResult:
    text: str  # the TSV written
    rows: int
    counts: dict[str, int]  # flag -> rows with it, for each flag these checks could raise on this input
    groups: int  # inconsistent groups (a run's output only)
    skipped: tuple[str, ...]


def check_file(path: Path, output: Path | None = None) -> CheckResult:
    """Check every pair in `path`; write the TSV to `output` (atomically) when one is given. A plain TSV (not
    our export's columns) written to a file is checked row by row, in memory that does not grow with it."""
    if output is not None and (streamed := _stream_plain_tsv(path, output)) is not None:
        return streamed
    rows = read_rows(path)
    result = check_rows(rows)
    if output is not None:
        write_atomic(output, result.text)
    return result


# Reading


def read_rows(path: Path) -> Rows:
    if path.is_dir() or (path.suffix == ".jsonl" and path.is_file()):
        return _run_rows(path)
    try:
        data = read_capped(path, MAX_CHECK_BYTES, "a TSV, TMX or XLIFF file or a run's output folder")
    except NotReadable as error:
        if error.errno == errno.ENOENT:
            raise CheckError(f"{path}: no such file or folder; give a TSV, TMX or XLIFF file or a run's output "
                             "folder") from None
        raise CheckError(str(error)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise CheckError(f"{path}:{line}: not UTF-8 (byte {error.start}); save it as UTF-8") from None
    return _xml_rows(path, data) if text.lstrip().startswith("<") else _tsv_rows(path, text)


def _run_rows(path: Path) -> Rows:
    try:
        articles, errors = load_articles(path)
    except FolderError as error:
        raise CheckError(str(error)) from None
    rows: list[list[str]] = []
    for article in articles:
        rows += [list(exchange.tsv_fields(pair)) for pair in article.pairs]
        if article.summary is not None:
            rows.append([article.id, "", "summary", "", article.summary, *[""] * (len(exchange.TSV_COLUMNS) - 5)])
    return _run_table(exchange.TSV_COLUMNS, rows, tuple(map(str, errors)))


def _run_table(columns: tuple[str, ...], rows: list[list[str]], skipped: tuple[str, ...] = ()) -> Rows:
    """Rows in our export's columns hold a whole run, article after article: the run-wide checks apply.
    A row whose sentence is "summary" holds its article's summary (as this command writes them)."""
    article, sentence = columns.index("article"), columns.index("sentence")
    summaries = frozenset(k for k, row in enumerate(rows) if row[sentence] == "summary")
    groups: list[list[int]] = []
    for k, row in enumerate(rows):
        if not groups or rows[groups[-1][0]][article] != row[article]:
            groups.append([])
        groups[-1].append(k)
    return Rows(columns, rows, True, summaries, tuple(map(tuple, groups)), skipped)


def _tsv_rows(path: Path, text: str) -> Rows:
    lines = text.split("\n")
    lines = [line.removesuffix("\r") for line in lines]
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        raise CheckError(f"{path}: empty; a TSV needs a header row that names the nl and en columns")
    (_, header_line), *body = numbered
    header = header_line.split("\t")
    ours = exchange.TSV_COLUMNS_BEFORE_REVIEW  # every version of our export starts with these
    escaped = tuple(header[:len(ours)]) == ours
    if "nl" not in header or "en" not in header:
        raise CheckError(f"{path}: the header has no nl and en columns (it has {', '.join(header)}); the first "
                         "row must name the columns, with nl for the Dutch and en for the English")
    rows = []
    for number, line in body:
        fields = line.split("\t")
        if len(fields) != len(header):
            raise CheckError(f"{path}:{number}: {len(fields)} fields where the header has {len(header)}; a row "
                             "has a field for each column, separated by tabs (a tab inside a text cannot be read)")
        rows.append([exchange.unescape_tsv_field(field) for field in fields] if escaped else fields)
    return _run_table(tuple(header), rows) if escaped else Rows(tuple(header), rows, False)


def _stream_plain_tsv(path: Path, output: Path) -> CheckResult | None:
    """Check a plain TSV line by line into `output`; None when `path` is not one (a folder, XML, our export)."""
    if path.is_dir() or path.suffix == ".jsonl":
        return None
    try:
        source = open_regular(path, "a TSV, TMX or XLIFF file or a run's output folder")
    except NotReadable:
        return None  # read_rows says why
    with source:
        head = source.read(4096).lstrip(codecs.BOM_UTF8)
        if head.lstrip().startswith(b"<") or head.startswith(b"\t".join(map(str.encode,
                                                                           exchange.TSV_COLUMNS_BEFORE_REVIEW))):
            return None
        source.seek(len(codecs.BOM_UTF8) if source.read(3) == codecs.BOM_UTF8 else 0)
        lines = (_decoded_line(path, number, line) for number, line in enumerate(source, 1))
        numbered = ((number, line) for number, line in lines if line.strip())
        first = next(numbered, None)
        if first is None:
            return None
        header = first[1].split("\t")
        if "nl" not in header or "en" not in header:
            return None
        return _check_stream(path, header, numbered, output)


def _decoded_line(path: Path, number: int, data: bytes) -> tuple[int, str]:
    try:
        return number, data.decode("utf-8").removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError as error:
        raise CheckError(f"{path}:{number}: not UTF-8 (byte {error.start} of the line); save it as UTF-8") from None


def _check_stream(path: Path, header: list[str], numbered, output: Path) -> CheckResult:
    columns = [*header, *(name for name in ("flags", "details") if name not in header)]
    nl, en, flags_at, details_at = (columns.index(name) for name in ("nl", "en", "flags", "details"))
    counts: Counter = Counter()
    rows = 0
    keys, article_keys = _paragraph_keys(header), _article_keys(header)
    before: list[tuple[str, str]] = []
    said = qa.article_window()  # the article's English so far (qa.sentence_findings's earlier)
    previous: tuple[str, ...] | None = None
    previous_article: tuple[str, ...] | None = None
    with atomic_stream(output) as sink:
        sink.write("\t".join(columns) + "\n")
        for number, line in numbered:
            fields = line.split("\t")
            if len(fields) != len(header):
                raise CheckError(f"{path}:{number}: {len(fields)} fields where the header has {len(header)}; a "
                                 "row has a field for each column, separated by tabs (a tab inside a text cannot "
                                 "be read)")
            rows += 1
            paragraph = tuple(fields[i] for i in keys)
            if not keys or paragraph != previous:
                before = []
            article = tuple(fields[i] for i in article_keys)
            if not article_keys or article != previous_article:
                said = qa.article_window()
            previous, previous_article = paragraph, article
            if not qa.checkable(fields[nl], fields[en]):
                log.warning("%s:%d: a text of more than %s characters; not checked", path, number,
                            f"{qa.MAX_CHECKED_CHARS:,}")
            found = qa.sentence_findings(fields[nl], fields[en], before=before, earlier=said)
            before = qa.quotation_window(before, fields[nl], fields[en])
            said.append(fields[en])
            counts.update(found.keys())  # a dict would add its values
            sink.write("\t".join(_with_findings(fields, found, len(columns), flags_at, details_at)) + "\n")
    return CheckResult("", rows, {flag: counts[flag] for flag in qa.SENTENCE_FLAGS}, 0, ())


def _xml_rows(path: Path, data: bytes) -> Rows:
    root = _xml_tree(path, data)
    tag = _local(root.tag)
    if tag == "tmx":
        return _tmx_rows(path, root)
    if tag == "xliff":
        return _xliff_rows(path, root)
    raise CheckError(f"{path}: XML with a <{tag}> root is neither TMX nor XLIFF; give a TMX or XLIFF file, or a TSV")


def _xml_tree(path: Path, data: bytes) -> ElementTree.Element:
    """The document's root, parsed with bounded depth (so that _text's recursion is bounded too)."""
    root = None
    try:
        for _event, element, _depth in untrusted.iterparse_bounded(io.BytesIO(data), MAX_XML_DEPTH):
            root = element if root is None else root
    except untrusted.Untrusted as error:
        raise CheckError(f"{path}: {error}; give a TMX or XLIFF file, or a TSV") from None
    return root


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _pairs_rows(pairs: list) -> Rows:
    """Our own export's sentence pairs, in the export's TSV columns."""
    return _run_table(exchange.TSV_COLUMNS, [list(exchange.tsv_fields(pair)) for pair in pairs])


def _tmx_rows(path: Path, root: ElementTree.Element) -> Rows:
    header = root.find("header")
    if header is not None and header.get("o-tmf") == "translate-jsonl":
        try:
            return _pairs_rows(exchange.read_tmx(path))
        except (KeyError, ValueError):
            pass  # edited by hand or by another tool: read it as any TMX
    rows = []
    for number, unit in enumerate(root.iter("tu"), 1):
        texts = {}
        for variant in unit.findall("tuv"):
            language = (variant.get(exchange.XML_LANG) or variant.get("lang") or "").lower().split("-")[0]
            segment = variant.find("seg")
            if language in ("nl", "en") and language not in texts and segment is not None:
                texts[language] = _text(segment)
        rows.append([unit.get("tuid") or str(number), texts.get("nl", ""), texts.get("en", "")])
    if not any(row[1] for row in rows):
        raise CheckError(f"{path}: no Dutch segments (<tuv xml:lang=\"nl\">) in this TMX; the checks read Dutch "
                         "source text and its English translation")
    return Rows(GENERIC_TMX, rows, True)


def _xliff_rows(path: Path, root: ElementTree.Element) -> Rows:
    if (root.get("version") or "").startswith("2"):
        _require_dutch(path, root.get("srcLang"), root.get("trgLang"))
        files = root.findall(f"{{{exchange.XLIFF_NS}}}file")
        if files and all(file.find(f"{{{exchange.MDA_NS}}}metadata") is not None for file in files):
            try:
                return _pairs_rows(exchange.read_xliff(path))
            except (KeyError, ValueError, AttributeError):
                pass  # not our export after all: read it as any XLIFF 2
        return Rows(GENERIC_XLIFF, _xliff2_rows(root), True)
    rows = []
    for file in root.iter(f"{{{XLIFF1_NS}}}file"):
        _require_dutch(path, file.get("source-language"), file.get("target-language"))
        for unit in file.iter(f"{{{XLIFF1_NS}}}trans-unit"):
            source, target = (unit.find(f"{{{XLIFF1_NS}}}{name}") for name in ("source", "target"))
            rows.append([file.get("original") or "", unit.get("id") or "", "", _text(source), _text(target)])
    if not rows:
        raise CheckError(f"{path}: no translation units found; XLIFF 2.x (namespace {exchange.XLIFF_NS}) and 1.2 "
                         f"(namespace {XLIFF1_NS}) are read")
    return Rows(GENERIC_XLIFF, rows, True)


def _xliff2_rows(root: ElementTree.Element) -> list[list[str]]:
    ns = f"{{{exchange.XLIFF_NS}}}"
    return [[file.get("id") or "", unit.get("id") or "", segment.get("id") or "",
             _text(segment.find(f"{ns}source")), _text(segment.find(f"{ns}target"))]
            for file in root.iter(f"{ns}file") for unit in file.iter(f"{ns}unit")
            for segment in unit.findall(f"{ns}segment")]


def _require_dutch(path: Path, source: str | None, target: str | None) -> None:
    if source and not source.lower().startswith("nl"):
        raise CheckError(f"{path}: the source language is {source}; the checks read Dutch (nl) source text")
    if target and not target.lower().startswith("en"):
        raise CheckError(f"{path}: the target language is {target}; the checks read English (en) translations")


def _text(element: ElementTree.Element | None) -> str:
    """The text of a segment; the content of inline codes (<bpt>, <ph>...) is markup, not text, and is left out."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if _local(child.tag) not in INLINE_CODES:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# Checking


def check_rows(table: Rows) -> CheckResult:
    columns = list(table.columns)
    for name in ("flags", "details"):
        if name not in columns:
            columns.append(name)
    nl, en, flags_at, details_at = (columns.index(name) for name in ("nl", "en", "flags", "details"))
    findings = _sentence_findings(table, columns, nl, en)
    _add_summary_findings(table, findings, nl, en)
    groups = _add_inconsistent(table, findings, nl, en) if table.articles else 0  # a run's rows
    rows = [_with_findings(row, found, len(columns), flags_at, details_at) for row, found in zip(table.rows, findings,
                                                                                                 strict=True)]
    counts = Counter(flag for found in findings for flag in found)
    flags = (*qa.SENTENCE_FLAGS, "inconsistent", *qa.SUMMARY_FLAGS) if table.articles else qa.SENTENCE_FLAGS
    escape = exchange.escape_tsv_field if table.escaped else str
    text = "".join("\t".join(map(escape, row)) + "\n" for row in [columns, *rows])
    return CheckResult(text, len(rows), {flag: counts[flag] for flag in flags}, groups, table.skipped)


PARAGRAPH_COLUMNS = (("article", "paragraph"), ("doc",))  # what says which rows form a paragraph, if anything
ARTICLE_COLUMNS = (("article",), ("doc",))  # and which form an article


def _paragraph_keys(columns: list[str]) -> list[int]:
    """The columns that say which rows form a paragraph (none: each row stands alone)."""
    return _keys(columns, PARAGRAPH_COLUMNS)


def _article_keys(columns: list[str]) -> list[int]:
    """The column that says which rows form an article (none: each row stands alone)."""
    return _keys(columns, ARTICLE_COLUMNS)


def _keys(columns: list[str], choices: tuple[tuple[str, ...], ...]) -> list[int]:
    return next(([columns.index(c) for c in names] for names in choices if set(names) <= set(columns)), [])


def _sentence_findings(table: Rows, columns: list[str], nl: int, en: int) -> list[dict[str, str]]:
    """The sentence checks of every row but summaries, each after the rows before it in the same paragraph (a
    quotation may span sentences): a paragraph is a run of consecutive rows with the same `article` and
    `paragraph` (our export's columns) or else the same `doc` (as NTREX has; its documents are not split into
    paragraphs, so a document counts as one); a file with neither has no paragraphs, and each row stands alone."""
    keys, article_keys = _paragraph_keys(columns), _article_keys(columns)
    findings: list[dict[str, str]] = []
    before: list[tuple[str, str]] = []
    said = qa.article_window()  # the article's English so far (qa.sentence_findings's earlier)
    previous: tuple[str, ...] | None = None
    previous_article: tuple[str, ...] | None = None
    for k, row in enumerate(table.rows):
        paragraph = tuple(row[i] if i < len(row) else "" for i in keys)
        article = tuple(row[i] if i < len(row) else "" for i in article_keys)
        if not keys or paragraph != previous:
            before = []
        if not article_keys or article != previous_article:
            said = qa.article_window()
        previous, previous_article = paragraph, article
        if k in table.summaries:
            findings.append({})
            continue
        findings.append(qa.sentence_findings(row[nl], row[en], before=before, earlier=said)
                        if _checkable(table, k, nl, en) else {})
        before = qa.quotation_window(before, row[nl], row[en])
        said.append(row[en])
    return findings


def _checkable(table: Rows, k: int, nl: int, en: int) -> bool:
    """False, with a warning naming the row, for a pair too long to be a sentence (qa.checkable): checks on it
    would take time and memory that grow with it, and would say nothing useful."""
    if qa.checkable(table.rows[k][nl], table.rows[k][en]):
        return True
    longest = max(len(table.rows[k][nl]), len(table.rows[k][en]))
    log.warning("row %d: a text of %s characters, more than the %s a sentence check reads; not checked", k + 2,
                f"{longest:,}", f"{qa.MAX_CHECKED_CHARS:,}")
    return False


def _add_summary_findings(table: Rows, findings: list[dict[str, str]], nl: int, en: int) -> None:
    for members in table.articles:
        sentences = [table.rows[k] for k in members if k not in table.summaries]
        for k in members:
            if k in table.summaries:
                findings[k] = qa.summary_findings(table.rows[k][en], [row[nl] for row in sentences],
                                                  [row[en] for row in sentences])


def _add_inconsistent(table: Rows, findings: list[dict[str, str]], nl: int, en: int) -> int:
    """Flag each row of each group of the same Dutch with different English; rows are named as a spreadsheet
    numbers them (the header is row 1)."""
    sentence_rows = [k for k in range(len(table.rows)) if k not in table.summaries]
    groups = qa.inconsistent_groups((table.rows[k][nl], table.rows[k][en]) for k in sentence_rows)
    for group in groups:
        members = [sentence_rows[m] for m in group.members]
        where = ", ".join(str(k + 2) for k in members)
        for k in members:
            findings[k] = {**findings[k], "inconsistent": f"rows {where}: the same Dutch, {group.translations} "
                                                          "different translations"}
    return len(groups)


def _with_findings(row: list[str], found: dict[str, str], width: int, flags_at: int, details_at: int) -> list[str]:
    row = row + [""] * (width - len(row))
    kept = [flag for flag in row[flags_at].split(",") if flag and flag not in QA_FLAGS]
    details = {**_kept_details(row[details_at]), **found}
    row[flags_at] = ",".join([*kept, *found])
    row[details_at] = json.dumps(details, ensure_ascii=False) if details else ""
    return row


def _kept_details(text: str) -> dict[str, str]:
    """The details of flags these checks do not own, from a details field that holds a JSON object."""
    try:
        details = untrusted.loads(text) if text else {}
    except untrusted.Untrusted:
        return {}
    return {flag: detail for flag, detail in details.items() if flag not in QA_FLAGS} if isinstance(details, dict) \
        else {}
