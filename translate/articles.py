"""Finding input files and reading them into articles: decoding, the `date` header, paragraphs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# "date 2022-02" or "date 2022-02-11" before the first paragraph, possibly on the same line.
DATE_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)\s*")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
WHITESPACE = re.compile(r"\s+")


class InputError(Exception):
    """A problem with the inputs as a whole (a missing path, clashing ids): a usage error."""


class ArticleError(Exception):
    """A problem with one input file; the message names the file, the place and the fix."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    id: str  # the output file's name without .jsonl; subfolders of an input folder are kept


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    sha256: str
    date: str | None
    paragraphs: tuple[str, ...]


def find_inputs(paths: list[Path]) -> list[InputFile]:
    """Expand files and folders (their *.txt files, recursively, sorted) into input files with unique ids."""
    found: dict[str, InputFile] = {}
    for path in paths:
        for item in _expand(path):
            if item.id in found and found[item.id].path.resolve() != item.path.resolve():
                raise InputError(f"{item.path}: its article id {item.id!r} is also the id of {found[item.id].path}; "
                                 "rename one of them or run them separately")
            found.setdefault(item.id, item)
    return list(found.values())


def _expand(path: Path) -> list[InputFile]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt") if p.is_file())
        return [InputFile(p, p.relative_to(path).with_suffix("").as_posix()) for p in files]
    if path.is_file():
        return [InputFile(path, path.stem if path.suffix == ".txt" else path.name)]
    raise InputError(f"{path}: no such file or folder")


def read_article(item: InputFile) -> Article:
    """Read and normalise one article file; raise ArticleError with a clear reason when it cannot be read."""
    try:
        data = item.path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{item.path}: cannot be read ({error.strerror or error}); check its permissions") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{item.path}: not valid UTF-8 at byte {error.start}; convert the file to UTF-8") from None
    date, paragraphs = parse_text(text)
    if not paragraphs:
        raise ArticleError(f"{item.path}: no text to translate (the file is empty or holds only a date header)")
    return Article(item.id, display_path(item.path), hashlib.sha256(data).hexdigest(), date, paragraphs)


def parse_text(text: str) -> tuple[str | None, tuple[str, ...]]:
    """Normalise line ends and Unicode, take off the date header, and return whitespace-collapsed paragraphs."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    date = None
    match = DATE_HEADER.match(text)
    if match:
        date, text = match.group(1), text[match.end():]
    paragraphs = (WHITESPACE.sub(" ", block).strip() for block in BLANK_LINE.split(text))
    return date, tuple(p for p in paragraphs if p)


def display_path(path: Path) -> str:
    """The path as a user would name it: relative to the working folder where it lies below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
