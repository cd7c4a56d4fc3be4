"""Record files as input: JSON Lines, CSV/TSV and Parquet dumps in which each record is an article.

A record file is scanned once, when the inputs are found (`expand`): each record becomes an
`InputFile` whose `Record` says where the record lies (the byte offset of its first line, or its
Parquet row), with the record's id as the article id. Nothing else of it is kept, so a 2 GB dump is
streamed, never held; and any process (a local run, a shard, a Ray actor) reads one record again
from its `Record` (`read_input`). Windows, shards, resume and Ray therefore treat records exactly as
they treat text files.

Fields: the text (a string whose paragraphs are separated by blank lines, or a list of paragraphs),
the id, the date and the title, named with --text-field, --id-field, --date-field and --title-field,
or else found among the usual names (`CANDIDATES`, any case) in the file's columns: the CSV header,
the Parquet schema, or the keys of the first JSON Lines record. A file in which no text field is
found is a usage error that lists its columns.

A record that cannot be used (not JSON, no text, a value of the wrong type, an id that an earlier
record of the file already has) fails alone with the file, the line (JSON Lines, CSV, TSV: the line
the record starts on) or row (Parquet, counted from 1) and the reason; every other record is
translated. Record ids are untrusted: `safe_id` makes each one a plain file name inside the output
folder.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import hashlib
import json
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path

from translate import untrusted
from translate.articles import (
    MAX_ARTICLE_BYTES,
    SIGNATURES,
    WHITESPACE,
    Article,
    ArticleError,
    InputError,
    InputFile,
    Layout,
    Record,
    _os_problem,
    _shown,
    _size,
    clean_text,
    display_path,
    one_line,
    paragraphs_of,
    read_article,
)

KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet"}
# The usual names of each field, in order of preference; compared without regard to case.
CANDIDATES = {
    "text": ("text", "body", "content", "maintext", "article", "article_text", "full_text", "paragraphs"),
    "id": ("id", "article_id", "uuid", "guid", "url", "link"),
    "date": ("date", "published", "published_at", "publish_date", "date_publish", "date_published", "pubdate",
             "datetime"),
    "title": ("title", "headline", "heading"),
}
# Room for "<id>.jsonl" and the writer's ".<id>.jsonl.XXXXXXXX.tmp" within the 255 bytes of a file name.
MAX_ID_BYTES = 200
# Names Windows reserves for devices, with or without an extension: a shared folder may be read there.
RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)
ISO_DATE = re.compile(r"(?P<y>\d{4})(?P<dash>-?)(?P<m>\d{2})(?P=dash)(?P<d>\d{2})"
                      r"(?:[T ](?P<H>\d{2})(?P<colon>:?)(?P<M>\d{2})(?:(?P=colon)(?P<S>\d{2})(?P<f>[.,]\d+)?)?"
                      r"\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?)?)?", re.IGNORECASE)
PARQUET_BATCH = 32  # rows decoded at a time when records are read again: a few articles' text
_MISSING = object()  # a field the record does not have (JSON Lines), as opposed to null


class _Invalid(Exception):
    """A problem with one record; the caller adds the file and the line or row."""


class _FileProblem(Exception):
    """The record file as a whole cannot be read; it becomes one failing input, as a bad text file does."""


@dataclass(frozen=True)
class RecordFields:
    """--text-field, --id-field, --date-field, --title-field; None: found among CANDIDATES."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    title: str | None = None


# --- finding the records ----------------------------------------------------------------------------

def expander(fields: RecordFields, encoding: str, max_bytes: int) -> Callable[[InputFile], Iterator[InputFile]]:
    """`expand` with the run's options, for `articles.find_inputs`."""
    return partial(expand, fields=fields, encoding=encoding, max_bytes=max_bytes)


def expand(item: InputFile, fields: RecordFields | None = None, encoding: str = "utf-8",
           max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[InputFile]:
    """The records of a record file as inputs, in file order, with unique ids.

    A file that cannot be read at all is one input that fails, as a bad text file is. InputError (a usage
    error) when no text field is found, a named field is not a column, or pyarrow is missing for Parquet.
    """
    kind = KINDS[item.path.suffix.lower()]
    try:
        yield from _with_ids(item, SCANNERS[kind](item.path, kind, fields or RecordFields(), encoding, max_bytes))
    except _FileProblem as problem:
        yield InputFile(item.path, item.id, Record(None, 0, 0, str(problem)), item.source)
    except OSError as error:  # the disk, midway
        yield InputFile(item.path, item.id, Record(None, 0, 0, _os_problem(item.path, error)), item.source)


def _with_ids(item: InputFile, scanned: Iterable[tuple[Record, object]]) -> Iterator[InputFile]:
    """Each scanned record with its safe id; a record without a usable id, or with an earlier record's, fails.

    A failing record's id is the file's and its line or row (`corpus.jsonl:17`): unique, and never a file name.
    """
    first: dict[str, int] = {}
    records = 0
    for record, raw_id in scanned:
        records += 1
        problem, article_id = record.problem, None
        if problem is None:
            try:
                article_id = record_id(record.layout, raw_id, record.number)
            except _Invalid as error:
                problem = _located(item.path, record, str(error))
        if article_id is not None and article_id in first:
            problem = _located(item.path, record, f"its id {article_id!r} is also the id of the record on "
                                                  f"{_unit(record)} {first[article_id]}; the first keeps it; give "
                                                  "each record its own id, or choose another field with --id-field")
        if problem is None:
            first[article_id] = record.number
            yield InputFile(item.path, article_id, record, item.source)
        else:
            yield InputFile(item.path, f"{item.id}:{record.number}", replace(record, problem=problem), item.source)
    if not records:
        yield InputFile(item.path, item.id, Record(None, 0, 0, f"{_shown(item.path)}: holds no records; "
                                                               "add articles to it or leave the file out"),
                        item.source)


def record_id(layout: Layout, raw: object, number: int) -> str:
    """The article id of a record: its id field made safe, or `{stem}-{line or row}` when the file has none."""
    if layout.id is None:
        return safe_id(f"{layout.stem}-{number}")
    if raw is _MISSING or raw is None:
        raise _Invalid(f"no id ({layout.id!r} is {'missing' if raw is _MISSING else 'null'}); give every "
                       "record an id, or choose another field with --id-field")
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise _Invalid(f"its id ({layout.id!r}) is {_kind(raw)}, not a string or a whole number; fix the record "
                       "or choose another field with --id-field")
    text = str(raw).strip()
    if not text:
        raise _Invalid(f"its id ({layout.id!r}) is empty; give every record an id")
    return safe_id(text)


def safe_id(raw: str) -> str:
    """A record id as a plain file name in the output folder, never a path: never outside it, never hidden.

    Letters and digits (any script), '.', '_' and '-' are kept, everything else ('/', '\\', ':', spaces,
    controls, NUL) becomes '_'; a leading '.' becomes '_' (no hidden files, no '..'); Windows device names
    (CON, NUL, COM1...) get a leading '_'; an id over MAX_ID_BYTES bytes is cut and ends in '~' and 12 hex
    digits of its sha256, so long ids stay unique. Ids that become equal are clashes like any other.
    """
    text = unicodedata.normalize("NFC", raw)
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in text) or "_"
    if safe.startswith("."):
        safe = "_" + safe[1:]
    if RESERVED.fullmatch(safe):
        safe = "_" + safe
    if len(safe.encode("utf-8")) > MAX_ID_BYTES:
        digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        safe = safe.encode("utf-8")[:MAX_ID_BYTES - 13].decode("utf-8", "ignore") + "~" + digest
    return safe


def _layout(kind: str, columns: list[str], fields: RecordFields, path: Path, stem: str,
            strict: bool = True) -> Layout:
    """The field each part of an article comes from. `strict`: a named field must be one of the columns
    (CSV, Parquet); JSON Lines records may leave out keys, so there a named field is taken as it is."""
    chosen = {}
    for part in ("text", "id", "date", "title"):
        named = getattr(fields, part)
        if named is not None and strict and named not in columns:
            raise InputError(f"{_shown(path)}: --{part}-field {named!r} is not one of its columns; "
                             f"its columns are {_listed(columns)}")
        chosen[part] = named if named is not None else _detect(columns, CANDIDATES[part])
    if chosen["text"] is None:
        raise InputError(f"{_shown(path)}: no text field (looked for {', '.join(CANDIDATES['text'])}); its "
                         f"{'keys' if kind == 'jsonl' else 'columns'} are {_listed(columns)}; name the one "
                         "holding the article text with --text-field")
    return Layout(kind, chosen["text"], chosen["id"], chosen["date"], chosen["title"], stem,
                  tuple(columns) if kind in ("csv", "tsv") else ())


def _detect(columns: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {}
    for column in columns:
        lowered.setdefault(column.lower(), column)
    return next((lowered[name] for name in names if name in lowered), None)


def _listed(columns: list[str]) -> str:
    shown = ", ".join(repr(column) for column in columns[:40])
    return (shown + f" and {len(columns) - 40} more" if len(columns) > 40 else shown) or "none"


# --- lines with their offsets -----------------------------------------------------------------------

def _lines(file, offset: int, number: int, limit: int) -> Iterator[tuple[int, int, bytes | None, int]]:
    """(offset, line number, bytes, offset after it) of each line from `offset`; the bytes are None for a line
    over `limit` bytes, which is skipped in pieces, never held."""
    file.seek(offset)
    while True:
        data = file.readline(limit + 1)
        if not data:
            return
        start = offset
        offset += len(data)
        if len(data) > limit and not data.endswith(b"\n"):
            while data and not data.endswith(b"\n"):
                data = file.readline(2**20)
                offset += len(data)
            data = None
        yield start, number, data, offset
        number += 1


def _open(path: Path):
    """The file, opened for reading bytes; a folder, pipe or device is refused first (a pipe would block)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _FileProblem(f"{_shown(path)}: is not a regular file (a folder, pipe, socket or device); give a "
                               f"{path.suffix} file")
        return path.open("rb")
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        raise _FileProblem(_os_problem(path, error)) from None


def _start(path: Path, file, encoding: str) -> int:
    """The offset of the first line: after a UTF-8 byte-order mark; refuses files that are not line-based text."""
    head = file.read(8)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            raise _FileProblem(f"{_shown(path)}: looks like {kind}, not {path.suffix} text; unpack or convert it")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _wide(encoding):
        raise _FileProblem(f"{_shown(path)}: is UTF-16 or UTF-32 text; record files are read line by line in "
                           "UTF-8 or a one-byte encoding (--encoding cp1252, latin-1): convert it to UTF-8")
    return len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0


def _wide(encoding: str) -> bool:
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        label = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        raise _Invalid(f"not valid {label} at byte {error.start} of the line; fix the record, or run with "
                       "--encoding cp1252 for a legacy Windows or Latin-1 file") from None


# --- JSON Lines -------------------------------------------------------------------------------------

def _scan_jsonl(path: Path, kind: str, fields: RecordFields, encoding: str,
                max_bytes: int) -> Iterator[tuple[Record, object]]:
    layout = None
    with _open(path) as file:
        for offset, number, data, _end in _lines(file, _start(path, file, encoding), 1, max_bytes):
            if data is not None and not data.strip():
                continue  # blank lines (a last newline, spacing) are no records
            try:
                value = _json_object(data, encoding, max_bytes)
            except _Invalid as error:
                yield Record(layout, offset, number, _located_line(path, number, str(error))), None
                continue
            if layout is None:
                layout = _layout(kind, list(value), fields, path, path.stem, strict=False)
            yield Record(layout, offset, number), value.get(layout.id, _MISSING) if layout.id else None


def _json_object(data: bytes | None, encoding: str, max_bytes: int) -> dict:
    if data is None:
        raise _Invalid(f"the line is over the {_size(max_bytes, '.2f')} limit for one article; split the record "
                       "or raise --max-article-mb")
    try:
        value = untrusted.loads(_decoded(data, encoding))
    except untrusted.Untrusted as error:
        raise _Invalid(f"{error}; fix the line or remove it") from None
    if not isinstance(value, dict):
        raise _Invalid(f"{_kind(value)} where a record (a JSON object) should be; fix the line or remove it")
    return value


def _read_jsonl(path: Path, record: Record, encoding: str, max_bytes: int) -> dict:
    with _open(path) as file:
        _offset, _number, data, _end = next(_lines(file, record.offset, record.number, max_bytes), (0, 0, b"", 0))
    value = _json_object(data, encoding, max_bytes)
    return _values(record.layout, value.get, list(value))


# --- CSV and TSV ------------------------------------------------------------------------------------

class _LineTooLong(Exception):
    pass


class _Feed:
    """The decoded lines of a file for csv.reader, noting where the next record starts.

    Bytes the encoding cannot decode are kept as surrogates (checked per record), so one bad byte does not
    cut a quoted field in two; a line over the limit raises _LineTooLong, and the lines after it can
    still be read by a new reader.
    """

    def __init__(self, lines: Iterator[tuple[int, int, bytes | None, int]], offset: int, number: int, encoding: str):
        self.lines, self.offset, self.number, self.encoding = lines, offset, number, encoding

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        _offset, number, data, end = next(self.lines)
        self.offset, self.number = end, number + 1
        if data is None:
            raise _LineTooLong(number)
        return data.decode(self.encoding, "surrogateescape")


def _csv_rows(file, offset: int, number: int, kind: str, encoding: str,
              limit: int) -> Iterator[tuple[int, int, list[str] | None, str | None]]:
    """(offset, line, fields, problem) of each record from `offset`; after a broken record (bad quoting, a line or
    field over the limit), reading goes on after that record's real end, so that text inside its quoted fields
    never becomes records of its own."""
    csv.field_size_limit(max(csv.field_size_limit(), limit))  # csv's 128 kB default is below the article limit
    delimiter = "\t" if kind == "tsv" else ","
    feed = _Feed(_lines(file, offset, number, limit), offset, number, encoding)
    while True:
        reader = csv.reader(feed, delimiter=delimiter, strict=True)
        while True:
            start, line = feed.offset, feed.number
            try:
                row = next(reader, None)
            except (csv.Error, _LineTooLong) as error:
                end, after = _record_end(file, start, line, delimiter.encode())
                yield start, line, None, _csv_problem(error, line, after - 1, limit)
                feed = _Feed(_lines(file, end, after, limit), end, after, encoding)
                break  # a new reader goes on from the next record
            if row is None:
                return
            if row:  # csv gives [] for a blank line
                yield start, line, row, _undecodable(row, encoding)


def _csv_problem(error: Exception, start: int, end: int, limit: int) -> str:
    lines = f"line {start}" if end <= start else f"lines {start} to {end}"
    if isinstance(error, _LineTooLong) or "field larger than field limit" in str(error):
        return (f"a line or field over the {_size(limit, '.2f')} limit for one article ({lines}, skipped whole); "
                "split the record or raise --max-article-mb")
    if "unexpected end of data" in str(error):
        return (f"a quoted field opened here is never closed: lines {start} to {end} (the end of the file) could "
                "not be split into records; close the quote")
    return f"not valid CSV ({error}, {lines}, skipped whole); check the record's quotes"


def _record_end(file, offset: int, number: int, delimiter: bytes) -> tuple[int, int]:
    """(offset, line number) just after the record that starts at `offset`: its first line end outside quotes.
    As csv reads it, a quote opens a quoted field only at a field's start, and "" inside one is a quote. Read in
    pieces, linear in the record's length; an unclosed quote ends at the end of the file."""
    file.seek(offset)
    special = re.compile(b'["\n' + re.escape(delimiter) + b"]")
    quoted, field_start, pending = False, True, b""
    while True:
        chunk = file.read(2**20)
        if not chunk:
            return offset + len(pending), number
        data, position = pending + chunk, 0
        while True:
            if quoted:
                found = data.find(b'"', position)
                if found < 0 or found == len(data) - 1:  # the next piece says whether "" or a closing quote
                    stop = len(data) if found < 0 else found
                    break
                quoted = data[found + 1:found + 2] == b'"'
                position, field_start = found + 2 if quoted else found + 1, False
                continue
            match = special.search(data, position)
            if match is None:
                stop, field_start = len(data), field_start and position == len(data)
                break
            byte, field_start = match.group(), field_start and match.start() == position
            if byte == b"\n":
                end = match.end()
                return offset + end, number + data.count(b"\n", 0, end)
            quoted = byte == b'"' and field_start
            field_start = byte == delimiter
            position = match.end()
        offset, number = offset + stop, number + data.count(b"\n", 0, stop)
        pending = data[stop:]


def _undecodable(row: list[str], encoding: str) -> str | None:
    for field in row:
        if re.search("[\udc80-\udcff]", field):
            label = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
            return (f"not valid {label}; fix the record, or run with --encoding cp1252 for a legacy Windows or "
                    "Latin-1 file")
    return None


def _scan_csv(path: Path, kind: str, fields: RecordFields, encoding: str,
              max_bytes: int) -> Iterator[tuple[Record, object]]:
    with _open(path) as file:
        rows = _csv_rows(file, _start(path, file, encoding), 1, kind, encoding, max_bytes)
        header = next(rows, None)
        if header is None:
            return
        if header[3]:
            raise _FileProblem(_located_line(path, header[1], f"the header row cannot be read: {header[3]}"))
        layout = _layout(kind, header[2], fields, path, path.stem)
        for offset, number, row, problem in rows:
            if problem is None and len(row) != len(layout.columns):
                problem = (f"{len(row)} fields where the header has {len(layout.columns)}; check the record's "
                           "separators and quotes")
            if problem:
                yield Record(layout, offset, number, _located_line(path, number, problem)), None
            else:
                yield Record(layout, offset, number), _column(layout, row, layout.id)


def _column(layout: Layout, row: list[str], name: str | None) -> object:
    return row[layout.columns.index(name)] if name is not None else _MISSING


def _read_csv(path: Path, record: Record, encoding: str, max_bytes: int) -> dict:
    layout = record.layout
    with _open(path) as file:
        _offset, _number, row, problem = next(_csv_rows(file, record.offset, record.number, layout.kind, encoding,
                                                        max_bytes), (0, 0, None, "no record here any more"))
    if problem is None and len(row) != len(layout.columns):
        problem = f"{len(row)} fields where the header has {len(layout.columns)}"
    if problem:
        raise _Invalid(problem)
    return _values(layout, lambda name, default: _column(layout, row, name))


# --- Parquet ----------------------------------------------------------------------------------------

def _pyarrow():
    from translate.pyarrowload import PyarrowMissing, load_pyarrow

    try:
        return load_pyarrow("reading Parquet files")
    except PyarrowMissing as error:
        raise InputError(str(error)) from None


def _scan_parquet(path: Path, kind: str, fields: RecordFields, encoding: str,
                  max_bytes: int) -> Iterator[tuple[Record, object]]:
    pa, pq = _pyarrow()
    _open(path).close()
    try:
        file = pq.ParquetFile(path, pre_buffer=False, buffer_size=2**20)
    except (pa.ArrowException, ValueError) as error:
        raise _FileProblem(f"{_shown(path)}: not a readable Parquet file ({one_line(error)}); "
                           "check the file") from None
    with file:
        schema = file.schema_arrow
        layout = _layout(kind, schema.names, fields, path, path.stem)
        _check_types(path, schema, layout)
        if layout.id is None:
            for row in range(file.metadata.num_rows):
                yield Record(layout, row, row + 1), None
            return
        row = 0
        try:
            for batch in file.iter_batches(batch_size=4096, columns=[layout.id], use_threads=False):
                for value in batch.column(0).to_pylist():
                    yield Record(layout, row, row + 1), value
                    row += 1
        except pa.ArrowException as error:
            raise _FileProblem(f"{_shown(path)}: cannot be read past row {row} ({one_line(error)}); "
                               "check the file") from None


def _check_types(path: Path, schema, layout: Layout) -> None:
    """A column of the wrong type would fail every record: a usage error instead, naming the column."""
    wanted = {"text": ("string", "list of strings"), "id": ("string", "integer"), "title": ("string",),
              "date": ("string", "date", "timestamp", "integer")}
    for part, kinds in wanted.items():
        name = getattr(layout, part)
        if name is None:
            continue
        found = _arrow_kind(schema.field(name).type)
        if found != "null" and found not in kinds:
            raise InputError(f"{_shown(path)}: the {part} column {name!r} holds {schema.field(name).type}, not "
                             f"{' or '.join(kinds)}; name another column with --{part}-field")


def _arrow_kind(kind) -> str:
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return "string"
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_list_view(kind):
        return "list of strings" if _arrow_kind(kind.value_type) in ("string", "null") else str(kind)
    for name, check in (("integer", pa.types.is_integer), ("date", pa.types.is_date),
                        ("timestamp", pa.types.is_timestamp), ("null", pa.types.is_null)):
        if check(kind):
            return name
    return str(kind)


class _ParquetCursor:
    """An open Parquet file read forward in small batches, so that records read in order decode each batch once
    and hold only a batch of articles. A jump backwards starts again at the row group of the row wanted."""

    def __init__(self, path: Path, columns: list[str]):
        _pa, pq = _pyarrow()
        self.file = pq.ParquetFile(path, pre_buffer=False, buffer_size=2**20)
        self.columns = columns
        metadata = self.file.metadata
        self.starts = [0]
        for group in range(metadata.num_row_groups):
            self.starts.append(self.starts[-1] + metadata.row_group(group).num_rows)
        self.batches: Iterator | None = None
        self.batch, self.first = None, 0  # the decoded batch and the row it starts at

    def row(self, index: int) -> dict:
        if self.batch is None or not self.first <= index < self.first + self.batch.num_rows:
            self._seek(index)
        return self.batch.slice(index - self.first, 1).to_pylist()[0]

    def _seek(self, index: int) -> None:
        group = bisect.bisect_right(self.starts, index) - 1
        if self.batch is None or index < self.first or self.starts[group] > self.first:
            groups = range(group, len(self.starts) - 1)  # from the row's group on; empty past the last row
            self.batches = self.file.iter_batches(batch_size=PARQUET_BATCH, row_groups=groups, columns=self.columns,
                                                  use_threads=False)
            self.batch, self.first = None, self.starts[group]
        while self.batch is None or index >= self.first + self.batch.num_rows:
            self.first += self.batch.num_rows if self.batch is not None else 0
            self.batch = next(self.batches)  # StopIteration: the file has fewer rows than when it was scanned

    def close(self) -> None:
        self.file.close()


# One open Parquet file per process: the records of a window (or of a Ray task) are read in order.
_cursor: tuple[tuple, _ParquetCursor] | None = None


def _parquet_cursor(path: Path, columns: list[str]) -> _ParquetCursor:
    global _cursor
    info = path.stat()
    key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns, tuple(columns))
    if _cursor is None or _cursor[0] != key:
        if _cursor is not None:
            _cursor[1].close()
            _cursor = None
        _cursor = (key, _ParquetCursor(path, columns))
    return _cursor[1]


def _read_parquet(path: Path, record: Record, encoding: str, max_bytes: int) -> dict:
    layout = record.layout
    pa, _pq = _pyarrow()
    columns = list(dict.fromkeys(name for name in (layout.text, layout.id, layout.date, layout.title) if name))
    try:
        values = _parquet_cursor(path, columns).row(record.offset)
    except (StopIteration, ValueError, pa.ArrowException) as error:
        raise _Invalid(f"cannot be read again ({one_line(error) or 'fewer rows than when the run started'}); "
                       "if the file changed during the run, run again") from None
    return _values(layout, lambda name, default: values.get(name, default))


# --- one record into an article ---------------------------------------------------------------------

SCANNERS = {"jsonl": _scan_jsonl, "csv": _scan_csv, "tsv": _scan_csv, "parquet": _scan_parquet}
READERS = {"jsonl": _read_jsonl, "csv": _read_csv, "tsv": _read_csv, "parquet": _read_parquet}


def read_input(item: InputFile, encoding: str = "utf-8", max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read one input: a text file (articles.read_article) or one record of a record file. Any problem with it
    raises ArticleError naming the file and the line or row, never anything else."""
    record = item.record
    if record is None:
        return read_article(item, encoding, max_bytes)
    if record.problem:
        raise ArticleError(record.problem)
    try:
        values = READERS[record.layout.kind](item.path, record, encoding, max_bytes)
        return _article(item, values, max_bytes)
    except _Invalid as error:
        raise ArticleError(_located(item.path, record, str(error))) from None
    except (_FileProblem, InputError) as error:  # InputError: pyarrow missing where this record is read (a Ray node)
        raise ArticleError(str(error)) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        if record.layout.kind == "parquet" and not isinstance(error, (FileNotFoundError, PermissionError)):
            raise ArticleError(_located(item.path, record, f"cannot be read ({one_line(error)}); check the "
                                                           "file")) from None
        raise ArticleError(_os_problem(item.path, error)) from None


def _values(layout: Layout, get: Callable[[str, object], object],
            keys: list[str] | None = None) -> dict[str, tuple[str | None, object]]:
    """part -> (field, value). JSON Lines records may leave out keys: a date or title field that the first record
    did not have (and that was not named) is looked for in each record's own `keys`."""
    values = {}
    for part in ("id", "text", "date", "title"):
        name = getattr(layout, part)
        if name is None and keys is not None and part in ("date", "title"):
            name = _detect(keys, CANDIDATES[part])
        values[part] = (name, get(name, _MISSING) if name is not None else _MISSING)
    return values


def _article(item: InputFile, values: dict[str, object], max_bytes: int) -> Article:
    record = item.record
    layout = record.layout
    if layout.id is not None and record_id(layout, values["id"][1], record.number) != item.id:
        raise _Invalid("is not the record found here when the run started (the file changed); run again")
    paragraphs = _text(*reversed(values["text"]), max_bytes)
    title = _title(*reversed(values["title"]))
    date = _date(*reversed(values["date"]))
    used = json.dumps([None if value is _MISSING else value for part in ("id", "date", "title", "text")
                       for value in [values[part][1]]], ensure_ascii=False, default=str)
    # The hash of what was taken from the record: a changed record, or another --*-field, redoes the article.
    sha256 = hashlib.sha256(used.encode("utf-8", "surrogatepass")).hexdigest()
    source = f"{item.source or display_path(item.path)}:{record.number}"
    return Article(item.id, source, sha256, date, ((title,) if title else ()) + paragraphs, title=bool(title))


def _text(value: object, field: str, max_bytes: int) -> tuple[str, ...]:
    """The paragraphs of the text field: a string with blank lines between paragraphs, or a list of them."""
    if value is _MISSING or value is None:
        raise _Invalid(f"no text ({field!r} is {'missing' if value is _MISSING else 'null'}); fix the record or "
                       "leave it out")
    parts = value if isinstance(value, list) else [value]
    for index, part in enumerate(parts):
        if part is not None and not isinstance(part, str):
            where = f"its text list ({field!r}) holds {_kind(part)} at position {index}" if parts is value else \
                f"its text ({field!r}) is {_kind(part)}"
            raise _Invalid(f"{where}, not text or a list of paragraphs; fix the record or leave it out")
    size = sum(len(part.encode("utf-8", "surrogatepass")) for part in parts if part)
    if size > max_bytes:
        raise _Invalid(f"its text is {_size(size, '.1f')}, over the {_size(max_bytes, '.2f')} limit for one "
                       "article; split it or raise --max-article-mb")
    paragraphs = tuple(paragraph for part in parts if part for paragraph in paragraphs_of(part))
    if not paragraphs:
        raise _Invalid(f"no text to translate ({field!r} is empty or only whitespace); fix the record or leave it out")
    return paragraphs


def _title(value: object, field: str | None) -> str | None:
    if value is _MISSING or value is None:
        return None
    if not isinstance(value, str):
        raise _Invalid(f"its title ({field!r}) is {_kind(value)}, not text; fix the record or name another field "
                       "with --title-field")
    return WHITESPACE.sub(" ", clean_text(value)).strip() or None


def _date(value: object, field: str | None) -> str | None:
    """The date as given; ISO 8601 dates and times in the one form (`normalise_date`)."""
    if value is _MISSING or value is None:
        return None
    if hasattr(value, "isoformat"):  # a Parquet date or timestamp
        return normalise_date(value.isoformat())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # say seconds since 1970: kept as given
    if not isinstance(value, str):
        raise _Invalid(f"its date ({field!r}) is {_kind(value)}, not text; fix the record or name another field "
                       "with --date-field")
    return normalise_date(WHITESPACE.sub(" ", clean_text(value)).strip()) or None


def normalise_date(text: str) -> str:
    """ISO 8601 dates in one form: `2022-02-11`, `2022-02-11T08:30:00`, `2022-02-11T08:30:00.5+01:00`.

    Basic forms (`20220211`), a space for the `T`, a missing seconds field and the zones `Z`, `+01`, `+0100`
    are normalised; anything else (`11 februari 2022`, `2022-02`, an impossible date) is kept as given.
    """
    match = ISO_DATE.fullmatch(text)
    if not match:
        return text
    parts = match.groupdict()
    try:
        datetime(int(parts["y"]), int(parts["m"]), int(parts["d"]), int(parts["H"] or 0), int(parts["M"] or 0),
                 int(parts["S"] or 0))
    except ValueError:
        return text
    day = f"{parts['y']}-{parts['m']}-{parts['d']}"
    if parts["H"] is None:
        return day
    return (f"{day}T{parts['H']}:{parts['M']}:{parts['S'] or '00'}{(parts['f'] or '').replace(',', '.')}"
            f"{_zone(parts['z'])}")


def _zone(zone: str | None) -> str:
    if not zone:
        return ""
    if zone.upper() == "Z":
        return "+00:00"
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:] or '00'}"


# --- messages ---------------------------------------------------------------------------------------

def _unit(record: Record) -> str:
    return "row" if record.layout is not None and record.layout.kind == "parquet" else "line"


def _located(path: Path, record: Record, problem: str) -> str:
    return f"{_shown(path)}, {_unit(record)} {record.number}: {problem}"


def _located_line(path: Path, number: int, problem: str) -> str:
    return f"{_shown(path)}, line {number}: {problem}"


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number"}
    return "null" if value is None else names.get(type(value), f"a {type(value).__name__}")


# --- inputs as rows, for Ray ------------------------------------------------------------------------

def input_row(item: InputFile) -> list:
    """An input as JSON values, for the rows Ray ships; `input_from_row` gives it back."""
    record = item.record
    if record is None:
        return [str(item.path), item.id, None, item.source]
    layout = asdict(record.layout) if record.layout is not None else None
    return [str(item.path), item.id, [layout, record.offset, record.number, record.problem], item.source]


def input_from_row(row: list) -> InputFile:
    path, article_id, record, source = row
    if record is None:
        return InputFile(Path(path), article_id, source=source)
    layout, offset, number, problem = record
    if layout is not None:
        layout = Layout(**{**layout, "columns": tuple(layout["columns"])})
    return InputFile(Path(path), article_id, Record(layout, offset, number, problem), source)
