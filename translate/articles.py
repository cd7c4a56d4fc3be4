"""Finding input files and reading them into articles: decoding, the `date` header, paragraphs.

Every problem with one file becomes an `ArticleError` whose message names the file, the place and
the fix, so a run over thousands of files reports the bad ones and translates the rest.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translate.userfiles import text_codec

MAX_ARTICLE_BYTES = 10 * 2**20  # a news article is a few kB; 10 MB is a whole dump that was never split

# "date 2022-02" or "date 2022-02-11" before the first paragraph, possibly on the same line.
DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)\s*")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
WHITESPACE = re.compile(r"\s+")
# A zero-width joiner is kept inside emoji sequences (👨‍👩‍👧), where it is part of the picture.
_EMOJI = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
STRAY_JOINER = re.compile(f"(?<![{_EMOJI}])\u200d|\u200d(?![{_EMOJI}])")

# Magic numbers of files that people rename to .txt by mistake; the name makes the message useful.
SIGNATURES = {b"%PDF-": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
              b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive, or a .docx/.odt document",
              b"\x1f\x8b": "a gzip archive", b"\xd0\xcf\x11\xe0": "an old Word or Excel document"}
BINARY_SAMPLE = 8192
# Text has almost no C0 control bytes; binary data has about 11% of them.
BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")


class InputError(Exception):
    """A problem with the inputs as a whole (a missing path, clashing ids): a usage error."""


class ArticleError(Exception):
    """A problem with one input file; the message names the file, the place and the fix."""


# Files that hold many articles, one per record (translate/recordfiles.py reads them).
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet")


# Where a record of a record file lies; here, below translate/recordfiles.py, which reads them.
@dataclass(frozen=True, slots=True)
class Layout:
    """How the records of one file are read: its kind, and the field each part of an article comes from."""

    kind: str  # "jsonl", "csv", "tsv" or "parquet"
    text: str
    id: str | None  # None: the file has no id field; ids are `{stem}-{line or row}`
    date: str | None
    title: str | None
    stem: str  # the file's name without its suffix, for ids made from the position
    columns: tuple[str, ...] = ()  # csv, tsv: the header, which names a row's fields


@dataclass(frozen=True, slots=True)
class Record:
    """Where one record lies in its file; shared by every process that reads it."""

    layout: Layout | None  # None when the file itself could not be read (`problem` says why)
    offset: int  # jsonl, csv, tsv: byte offset of the record's first line; parquet: its row, from 0
    number: int  # the line the record starts on (jsonl, csv, tsv), or its row counted from 1 (parquet)
    problem: str | None = None  # found while scanning: the record fails with this message


# Slots: a record file gives one of these per record, and a dump may hold millions.
@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    id: str  # the output file's name without .jsonl; subfolders of an input folder are kept
    record: Record | None = None  # one record of a record file; None: the whole file is the article
    # The path the records and exports show: relative to the input named on the command line (see `source_name`),
    # so no path of this machine is written. None: derived from `path`.
    source: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    sha256: str
    date: str | None
    paragraphs: tuple[str, ...]
    title: bool = False  # the first paragraph is the article's title (records with a title field)


def check_encoding(name: str) -> None:
    """Raise InputError unless `name` is a Python text codec (utf-8, cp1252, latin-1, utf-16, ...)."""
    if _codec_name(name) is None:
        raise InputError(f"--encoding {name}: not a known text encoding; use a Python codec name "
                         "such as utf-8, cp1252, latin-1 or utf-16")


def _codec_name(encoding: str) -> str | None:
    """The codec's canonical name, or None for unknown names, bytes-only codecs such as base64 and codecs that
    are not encodings of text files (idna, punycode, undefined: translate.userfiles)."""
    return text_codec(encoding)


# --- finding inputs ---------------------------------------------------------------------------------

def find_inputs(paths: list[Path], records: Callable[[InputFile], Iterable[InputFile]] | None = None,
                output: Path | None = None) -> tuple[list[InputFile], list[str]]:
    """Expand files and folders into input files with unique ids, and warnings about what was skipped.

    A folder gives its *.txt files and record files (RECORD_SUFFIXES; any case), recursively, sorted;
    hidden files and folders (names starting with '.', such as macOS '._name.txt' resource forks) are
    left out. Symlinked folders are followed, each folder at most once, so link loops end. Files named
    on the command line are taken whatever their name; a broken one is left for `read_article` to
    report, so it fails alone. `records` turns a record file into its records (one InputFile each,
    see translate/recordfiles.py); without it a record file is one input like any other.
    Our own output is never an input: the folder `output` and everything inside it, and any article file a
    run wrote, are left out (see `survey_inputs`, which also says what was left out).
    """
    survey = survey_inputs(paths, records, output)
    return survey.inputs, survey.warnings


@dataclass
class Survey:
    """The inputs found, warnings, and every file left out with the reason (for the manifest)."""
    inputs: list[InputFile]
    warnings: list[str]
    left_out: list[tuple[str, str]]  # (path, reason)


# Why a file is left out, by kind: one warning line per kind, with a count.
OWN_FOLDER = "inside the output folder (-o): our own output is never read as input"
OWN_FILE = "an article file or manifest written by translate run: our own output is never read as input"
NOT_READ = "not a kind translate reads (.txt, or record files: " + ", ".join(RECORD_SUFFIXES) + ")"


def survey_inputs(paths: list[Path], records: Callable[[InputFile], Iterable[InputFile]] | None = None,
                  output: Path | None = None) -> Survey:
    found: dict[str, InputFile] = {}
    warnings: list[str] = []
    expanded: set[str] = set()
    leave = _LeaveOut(output)
    for path in paths:
        items, notes = _expand(path, leave)
        warnings.extend(notes)
        for item in items:
            for each in _records(item, records, expanded):
                _add_unique(found, each)
    return Survey(list(found.values()), warnings + leave.summary(), leave.left_out)


class _LeaveOut:
    """Decides which files are left out (our own output, unread kinds) and remembers them."""

    def __init__(self, output: Path | None):
        self.output = os.path.realpath(output) if output is not None else None
        self.left_out: list[tuple[str, str]] = []

    def inside_output(self, path: Path) -> bool:
        if self.output is None:
            return False
        real = os.path.realpath(path)
        return real == self.output or real.startswith(self.output.rstrip(os.sep) + os.sep)

    def folder(self, path: Path) -> bool:
        """True (and remembered) when the folder is the output folder or inside it."""
        if self.inside_output(path):
            self.left_out.append((_shown(path) + os.sep, OWN_FOLDER))
            return True
        return False

    def file(self, path: Path, chosen: bool) -> bool:
        """True (and remembered) when the file is left out; `chosen`: named on the command line."""
        reason = None
        if self.inside_output(path):
            reason = OWN_FOLDER
        elif path.suffix.lower() in (".jsonl", ".ndjson", ".json") and is_own_file(path):
            reason = OWN_FILE
        elif not chosen and not path.name.lower().endswith((".txt", *RECORD_SUFFIXES)):
            reason = NOT_READ
        if reason:
            self.left_out.append((_shown(path), reason))
        return reason is not None

    def summary(self) -> list[str]:
        """One line per kind: how many, an example, and why."""
        kinds: dict[tuple[str, str], list[str]] = {}
        for path, reason in self.left_out:
            kinds.setdefault((_kind(path, reason), reason), []).append(path)
        return [f"left out {len(found)} {kind}{'s' * (len(found) != 1)} ({found[0]}{', ...' * (len(found) > 1)}): "
                f"{reason}" for (kind, reason), found in kinds.items()]


def _kind(path: str, reason: str) -> str:
    if path.endswith(os.sep):
        return "folder"
    suffix = Path(path).suffix.lower()
    return f"{suffix} file" if reason == NOT_READ and suffix else "file"


# The first bytes of every article file `translate run` writes (records.header_record, records.dumps), and of
# every manifest (pipeline.write_manifest, shard.merge_manifests).
OWN_FILE_STARTS = (b'{"type": "article", "schema": ', b'{\n  "tool": "translate",')


def is_own_file(path: Path) -> bool:
    """True when the file starts like an article file or manifest of ours (cheap: reads its first bytes only)."""
    try:  # O_NONBLOCK: a FIFO named .jsonl must not hang the search (read_article reports it later)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(descriptor, "rb") as handle:
        try:
            start = handle.read(max(map(len, OWN_FILE_STARTS))) if stat.S_ISREG(os.fstat(descriptor).st_mode) else b""
            return start.startswith(OWN_FILE_STARTS)
        except OSError:
            return False


def _records(item: InputFile, records, expanded: set[str]) -> Iterable[InputFile]:
    """The record file's records (once, however often the file is named), or the item itself."""
    if records is None or not is_record_file(item.path):
        return [item]
    real = os.path.realpath(item.path)
    if real in expanded:
        return []
    expanded.add(real)
    return records(item)


def is_record_file(path: Path) -> bool:
    return path.suffix.lower() in RECORD_SUFFIXES


def _add_unique(found: dict[str, InputFile], item: InputFile) -> None:
    if item.id in found and os.path.realpath(found[item.id].path) != os.path.realpath(item.path):
        raise InputError(f"{_shown(item.path)}: its article id {item.id!r} is also the id of "
                         f"{_shown(found[item.id].path)}; rename one of them or run them separately")
    found.setdefault(item.id, item)


def _expand(path: Path, leave: _LeaveOut) -> tuple[list[InputFile], list[str]]:
    if _is_dir(path):
        if leave.folder(path):
            return [], []
        items, warnings = _walk(path, leave)
        if not items:
            warnings.append(f"{_shown(path)}: no .txt or record files in this folder")
        return items, warnings
    if os.path.lexists(path):
        if leave.file(path, chosen=True):
            return [], []
        return [InputFile(path, _safe(path.stem if path.suffix.lower() == ".txt" else path.name),
                          source=source_name(path))], []
    raise InputError(f"{_shown(path)}: no such file or folder")


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a parent folder that may not be searched: read_article will report it
        return False


def _walk(folder: Path, leave: _LeaveOut) -> tuple[list[InputFile], list[str]]:
    """The folder's .txt and record files, following symlinked folders but entering each real folder only once.

    A text file's id is its path without .txt; a record file's keeps its suffix (its records get their own ids).
    """
    items: list[tuple[tuple[str, ...], InputFile]] = []
    warnings: list[str] = []
    seen: set[tuple[int, int]] = set()

    def report(error: OSError) -> None:
        warnings.append(f"{_shown(Path(error.filename))}: cannot be listed ({error.strerror}); its files are skipped")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=report, followlinks=True):
        if not _first_visit(Path(dirpath), seen, warnings):
            dirnames.clear()
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not leave.folder(Path(dirpath) / d))
        for name in sorted(filenames):
            if not name.startswith(".") and not leave.file(Path(dirpath) / name, chosen=False):
                relative = (Path(dirpath) / name).relative_to(folder)
                items.append((relative.parts, InputFile(Path(dirpath) / name, _safe(_input_id(relative)),
                                                        source=source_name(folder, relative))))
    return [item for _key, item in sorted(items, key=lambda pair: pair[0])], warnings


def _first_visit(folder: Path, seen: set[tuple[int, int]], warnings: list[str]) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    if (info.st_dev, info.st_ino) in seen:
        warnings.append(f"{_shown(folder)}: leads to a folder already searched (a symbolic link loop or "
                        "a second link to it); skipped")
        return False
    seen.add((info.st_dev, info.st_ino))
    return True


def source_name(given: Path, relative: Path = Path()) -> str:
    """How a record names its input: the path as given on the command line when that is relative and stays
    below the working folder, else the input's own name; then the file's path inside it. `corpus/a.txt` for
    corpus, /data/corpus or ../corpus alike, so the records and exports hold no path of this machine."""
    root = given if not given.is_absolute() and ".." not in given.parts else Path(os.path.abspath(given)).name
    return _safe((Path(root) / relative).as_posix())


def _input_id(relative: Path) -> str:
    name = relative.as_posix()
    return name[:-len(".txt")] if name.lower().endswith(".txt") else name


# --- reading one article ----------------------------------------------------------------------------

def read_article(item: InputFile, encoding: str = "utf-8", max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read and normalise one article file; any problem with it raises ArticleError, never anything else."""
    data = _read_bytes(item.path, max_bytes)
    text = _decode(item.path, data, encoding)
    date, paragraphs = parse_text(text)
    if not paragraphs:
        raise ArticleError(f"{_shown(item.path)}: no text to translate ({_emptiness(data, date)}); "
                           "add the article's text or leave the file out")
    return Article(item.id, item.source or display_path(item.path), hashlib.sha256(data).hexdigest(), date, paragraphs)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking with stat that it is a regular file within the size limit."""
    try:
        info = path.stat()
        _check_kind(path, info, max_bytes)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # a file that grew since stat is still caught
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        raise ArticleError(_os_problem(path, error)) from None
    _check_kind(path, info, max_bytes, len(data))
    return data


def _check_kind(path: Path, info: os.stat_result, max_bytes: int, size: int | None = None) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"{_shown(path)}: is a folder, not a file; give it as an input folder to translate "
                           "the .txt files in it")
    if not stat.S_ISREG(info.st_mode):  # reading a pipe or a device could wait forever
        raise ArticleError(f"{_shown(path)}: is not a regular file (a pipe, socket or device); "
                           "give a plain text file")
    size = info.st_size if size is None else size
    if size > max_bytes:
        raise ArticleError(f"{_shown(path)}: is {_size(size, '.1f')}, over the {_size(max_bytes, '.2f')} limit "
                           "for one article; split it into articles or raise --max-article-mb")


def _size(count: int, style: str) -> str:
    if count < 10_000:  # a limit this small is a test's, and "0.0 MB" would say nothing
        return f"{count} bytes"
    shown = format(count / 2**20, style)
    return f"{shown.rstrip('0').rstrip('.') if style == '.2f' else shown} MB"  # "10 MB", "12.0 MB"


def _os_problem(path: Path, error: OSError | ValueError) -> str:
    code = getattr(error, "errno", None)
    target = _link_target(path)
    if code == errno.ENOENT and target is not None:
        return f"{_shown(path)}: is a broken symbolic link (to {target}, which does not exist); fix or remove the link"
    if code == errno.ELOOP:
        return f"{_shown(path)}: is a symbolic link loop (it leads back to itself); fix or remove the link"
    if code == errno.ENOENT:
        return f"{_shown(path)}: no longer exists (moved or deleted after the run started); run again to include it"
    if code in (errno.EACCES, errno.EPERM):
        return f"{_shown(path)}: cannot be read (permission denied); check its permissions, e.g. chmod a+r"
    reason = one_line(getattr(error, "strerror", None) or error)
    return f"{_shown(path)}: cannot be read ({reason}); check the file and the disk"


def one_line(error: object, limit: int = 200) -> str:
    """A library's message as one printable line: its lines joined, control bytes shown as escapes, cut short."""
    text = " / ".join(line.strip() for line in str(error).splitlines() if line.strip())
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[:limit] + "…"


def _link_target(path: Path) -> str | None:
    try:
        return _safe(os.readlink(path))
    except (OSError, ValueError):
        return None  # not a link


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """Bytes to text; binary files are caught first, since they would otherwise look like a wrong encoding."""
    codec = _codec_name(encoding)
    if codec is None:
        raise ArticleError(f"{_shown(path)}: cannot be decoded: {encoding!r} is not a known text encoding; "
                           "use a Python codec name such as utf-8 or cp1252")
    encoding = _bom_encoding(data) or encoding  # a byte-order mark settles it, whatever --encoding says
    wide = _codec_name(encoding).startswith(("utf-16", "utf-32"))
    reason = _binary_reason(data, check_bytes=not wide)
    if reason:
        raise ArticleError(f"{_shown(path)}: looks like a binary file ({reason}); "
                           "give the article as plain text, or leave the file out")
    try:
        # Plain utf-8, not utf-8-sig, so error offsets count the BOM; parse_text drops the BOM itself.
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ArticleError(_decode_problem(path, data, encoding, error)) from None
    except (UnicodeError, ValueError) as error:  # odd codecs (idna, punycode) fail in other ways
        raise ArticleError(f"{_shown(path)}: cannot be decoded as {encoding} ({error}); check --encoding") from None


def _bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, or None. UTF-32's marks are checked first: UTF-32-LE's starts
    with UTF-16-LE's. The wide codecs read their own mark (and drop it); UTF-8's is dropped by parse_text."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8" if data.startswith(codecs.BOM_UTF8) else None


def _binary_reason(data: bytes, check_bytes: bool = True) -> str | None:
    """Why the bytes look like a binary file, or None; UTF-16/32 text has NUL bytes, so only signatures count."""
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if not check_bytes:
        return None
    nul = data.find(b"\0")
    if nul >= 0:
        return f"it holds NUL bytes, the first at byte {nul}"
    sample = data[:BINARY_SAMPLE]
    controls = sum(byte < 32 and byte not in _TEXT_CONTROLS for byte in sample)
    if sample and controls / len(sample) > BINARY_CONTROL_SHARE:
        return f"{controls} of its first {len(sample)} bytes are control characters"
    return None


def _decode_problem(path: Path, data: bytes, encoding: str, error: UnicodeDecodeError) -> str:
    line = data[:error.start].decode(encoding, "replace").replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    bad = " ".join(f"0x{byte:02X}" for byte in data[error.start:error.end][:4])
    label = _codec_label(encoding)
    where = f"{_shown(path)}: not valid {label} at byte {error.start} (line {line}: {bad})"
    if label == "UTF-8":
        return f"{where}; for a legacy Windows or Latin-1 file run with --encoding cp1252, else convert it to UTF-8"
    return f"{where}; check that {encoding} is the file's encoding (--encoding), or convert it to UTF-8"


def _codec_label(encoding: str) -> str:
    return "UTF-8" if _codec_name(encoding) in ("utf-8", "utf-8-sig") else encoding


def _emptiness(data: bytes, date: str | None) -> str:
    if not data:
        return "the file is empty"
    if date:
        return "it holds only a date header"
    return "it holds only whitespace or invisible characters"


# --- text normalisation -----------------------------------------------------------------------------

def _cleaning_table() -> dict[int, str]:
    """What parse_text does to characters that are not text to translate.

    Line and paragraph separators (U+2028/U+2029, vertical tab, form feed) become line breaks and
    blank lines. Invisible format characters (BOM, zero-width space/non-joiner, word joiner, soft
    hyphen, bidi marks) are dropped, since they split words for the model and show nothing to a
    reader. C1 controls (U+0080-U+009F) are almost always cp1252 punctuation decoded as Latin-1,
    so they become that character (0x93 -> “, 0x80 -> €). Other controls and DEL become spaces
    (they usually separate words); lone surrogates become U+FFFD, so the text can always be written.
    """
    table: dict[int, str] = {code: " " for code in [*range(0x00, 0x20), 0x7F]}
    table.update({ord("\t"): "\t", ord("\n"): "\n", ord("\r"): "\n", 0x0B: "\n", 0x0C: "\n\n",
                  0x2028: "\n", 0x2029: "\n\n"})
    for code in range(0x80, 0xA0):
        table[code] = bytes([code]).decode("cp1252", "replace").replace("\ufffd", " ")
    for code in [0x00AD, 0x200B, 0x200C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2060, 0x2065),
                 *range(0x2066, 0x206A), 0xFEFF]:
        table[code] = ""
    table.update({code: "\ufffd" for code in range(0xD800, 0xE000)})
    return table


CLEANING = _cleaning_table()


def clean_text(text: str) -> str:
    """Line ends to LF, separators to line breaks, invisible and control characters out, then NFC."""
    text = STRAY_JOINER.sub("", text.replace("\r\n", "\n").translate(CLEANING))
    return unicodedata.normalize("NFC", text)


def parse_text(text: str) -> tuple[str | None, tuple[str, ...]]:
    """Clean the text (see clean_text), take off the date header, and return whitespace-collapsed paragraphs."""
    text = clean_text(text)
    date = None
    match = DATE_HEADER.match(text)
    if match:
        date, text = match.group(1), text[match.end():]
    return date, _paragraphs(text)


def paragraphs_of(text: str) -> tuple[str, ...]:
    """Clean the text (see clean_text) and return its whitespace-collapsed paragraphs; no date header here."""
    return _paragraphs(clean_text(text))


def _paragraphs(cleaned: str) -> tuple[str, ...]:
    paragraphs = (WHITESPACE.sub(" ", block).strip() for block in BLANK_LINE.split(cleaned))
    return tuple(p for p in paragraphs if p)


# --- names for users --------------------------------------------------------------------------------

def display_path(path: Path) -> str:
    """The path as a user would name it: relative to the working folder where it lies below it."""
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = path.resolve().as_posix()
    return _safe(shown)


def _shown(path: Path) -> str:
    return _safe(str(path))


def _safe(name: str) -> str:
    """A file name whose bytes are not UTF-8 (say latin-1 from an old archive) with those bytes as \\xNN.

    Python keeps such bytes as lone surrogates, which cannot be written to a UTF-8 JSON file.
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")
