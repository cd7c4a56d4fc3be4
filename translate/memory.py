"""Translation memories (`translate run --memory PATH…`): reviewed English reused, and near matches suggested.

A memory is a TMX file (ours from `translate export --only approved --format tmx`, or any TMX 1.4 with
Dutch and English variants), a TSV or Parquet export of ours (or any TSV with `nl` and `en` columns), or a
reviewed run folder. Each is read once into an on-disk SQLite index named by the fingerprint of its bytes, in
a cache folder (`--memory-cache`, else $TRANSLATE_MEMORY_CACHE, else ~/.cache/translate/memory); later runs
open the index in milliseconds, and only the rows a sentence asks for are ever read into memory.

Matching. A sentence's key is its Dutch as the model is shown it (modeltext.normalise_quotes: `,,…''` and
`„` as `"`), in Unicode NFC, with whitespace runs as one space and no space at the ends. An entry whose key
equals the sentence's is an exact match. When several match, the winner is the entry with the best status
(approved > reviewed > plain), then the one in the memory given last on the command line, then the one
latest in its file. Statuses: an entry a reviewer approved (x-status / status `approved`) is approved; one
with a reviewer's English that is not approved (status `open` with a changed English) is reviewed; one with
no review status (a plain TMX) is plain; rejected entries are left out. From a run folder only reviewed work
is taken (approved, or corrected and not rejected): its untouched machine output is no memory.

Near matches: for a sentence without an exact match, the closest entry by rapidfuzz's normalised
Indel similarity of the keys, when it is at least NEAR_THRESHOLD. Candidates come from the index: entries
sharing one of the sentence's longest words (each entry is indexed under its WORDS_PER_ENTRY longest distinct
words) and of a length the threshold allows. A near match is a suggestion for the reviewer, never output.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from translate import untrusted
from translate.modeltext import normalise_quotes
from translate.userfiles import NotReadable, open_regular

INDEX_VERSION = 1  # bump when the index's tables or the key change: old indexes are then rebuilt
RANKS = {"plain": 0, "reviewed": 1, "approved": 2}
NEAR_THRESHOLD = 0.85
WORDS_PER_ENTRY = 3  # an entry's longest distinct words, under which the near-match index finds it
WORDS_PER_QUERY = 6  # a sentence's longest words looked up
CANDIDATES = 2000  # at most this many candidates are scored per sentence
MIN_WORD = 4  # shorter words are too common to narrow anything
INDEX_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD},}}")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_XML_DEPTH = 32  # a TMX is 5 elements deep (tmx, body, tu, tuv, seg) plus some inline markup
BATCH = 10_000  # rows inserted per executemany while building


class MemoryError(Exception):
    """A memory that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Entry:
    nl: str
    en: str
    status: str  # approved, reviewed or plain
    memory: str  # the memory's file (or folder) name, no directories
    id: str  # where in the memory: "<article> p<P>s<S>", a TMX tuid, "tu<N>" or "row<N>"
    order: tuple[int, int, int] = (0, 0, 0)  # (rank, memory position, row): the larger wins

    @property
    def origin(self) -> dict:
        return {"memory": self.memory, "id": self.id}


@dataclass(frozen=True)
class Suggestion:
    entry: Entry
    similarity: float

    def fields(self) -> dict:
        return {"nl": self.entry.nl, "en": self.entry.en, "similarity": self.similarity, "origin": self.entry.origin}


def memory_key(nl: str) -> str:
    """What counts as the same Dutch: the quotes the model sees, NFC, whitespace collapsed."""
    text = unicodedata.normalize("NFC", nl)
    if ",," in text or "''" in text or "„" in text:  # only these change (modeltext.normalise_quotes); it is slow
        text = normalise_quotes(text)
    return " ".join(text.split())


def default_cache() -> Path:
    if os.environ.get("TRANSLATE_MEMORY_CACHE"):
        return Path(os.environ["TRANSLATE_MEMORY_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "translate" / "memory"


# Reading memories: (nl, en, status, id) rows, in file order


def read_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """The usable entries of one memory, in file order; MemoryError names the file and what is wrong."""
    if path.is_dir():
        return _run_folder_rows(path)
    suffix = path.suffix.lower()
    if suffix == ".tmx":
        return _tmx_rows(path)
    if suffix in (".tsv", ".tab"):
        return _tsv_rows(path)
    if suffix == ".parquet":
        return _parquet_rows(path)
    raise MemoryError(f"{path}: not a memory this tool reads (a .tmx, .tsv or .parquet file, or a run folder)")


def _status(status: str | None, en: str, mt: str | None) -> str | None:
    """approved / reviewed / plain, or None for an entry to leave out (rejected)."""
    if status == "approved":
        return "approved"
    if status == "rejected":
        return None
    if status:  # open (or another status a tool wrote): reviewed where the English was changed
        return "reviewed" if mt is not None and mt != en else "plain"
    return "plain"


def _usable(nl: str, en: str) -> bool:
    return bool(nl.strip()) and bool(en.strip())


def _tmx_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """TMX 1.4 streamed (iterparse with bounded depth, each <tu> dropped once read); the Dutch and English
    variants by xml:lang (nl, nl-NL, nl-BE…; en, en-GB…). Statuses from our properties x-status and x-mt."""
    try:
        with open_regular(path, "a memory file") as source:
            yield from _tmx_units(source)
    except untrusted.Untrusted as error:
        raise MemoryError(f"{path}: {error}") from None
    except OSError as error:
        raise MemoryError(str(error) if isinstance(error, NotReadable) else
                          f"{path}: cannot read it ({error.strerror or error})") from None


def _tmx_units(source) -> Iterator[tuple[str, str, str, str]]:
    """The usable entries of a TMX file opened for reading, one <tu> at a time."""
    number = 0
    for event, element, _depth in untrusted.iterparse_bounded(source, MAX_XML_DEPTH):
        if event != "end" or element.tag != "tu":
            continue
        number += 1
        segs = {}
        for tuv in element.findall("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower().split("-")[0]
            seg = tuv.find("seg")
            if lang in ("nl", "en") and seg is not None:
                segs.setdefault(lang, "".join(seg.itertext()))
        props = {prop.get("type"): prop.text or "" for prop in element.findall("prop")}
        where = _tmx_id(element, props, number)
        element.clear()  # read: its text need not stay in memory
        nl, en = segs.get("nl", ""), segs.get("en", "")
        status = _status(props.get("x-status"), en, props.get("x-mt"))
        if status and _usable(nl, en):
            yield nl, en, status, where


def _tmx_id(unit: ElementTree.Element, props: dict[str, str], number: int) -> str:
    if "x-article" in props:
        return f"{props['x-article']} p{props.get('x-paragraph', '?')}s{props.get('x-sentence', '?')}"
    return unit.get("tuid") or f"tu{number}"


def _tsv_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """Our TSV export (escaped fields), or any TSV whose header names `nl` and `en` (optional `status`, `mt`)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            header = [_unescaped(f) for f in handle.readline().rstrip("\r\n").split("\t")]
            if "nl" not in header or "en" not in header:
                raise MemoryError(f"{path}:1: a memory TSV needs a header with the columns nl and en")
            columns = {name: i for i, name in enumerate(header)}
            for number, line in enumerate(handle, 2):
                fields = [_unescaped(f) for f in line.rstrip("\r\n").split("\t")]
                value = _getter(fields)
                nl, en = value(columns["nl"]), value(columns["en"])
                status = _status(value(columns.get("status")), en, value(columns.get("mt")) or None)
                if status and _usable(nl, en):
                    yield nl, en, status, _tsv_id(value, columns, number)
    except UnicodeDecodeError as error:
        raise MemoryError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise MemoryError(f"{path}: cannot read it ({error.strerror or error})") from None


def _unescaped(field: str) -> str:
    """Our TSV export's escapes (\\t, \\n, \\\\) undone; a field without a backslash is as it is (most: fast)."""
    from translate.exchange import unescape_tsv_field

    return unescape_tsv_field(field) if "\\" in field else field


def _getter(fields: list[str]):
    return lambda index: fields[index] if index is not None and index < len(fields) else ""


def _tsv_id(value, columns: dict[str, int], number: int) -> str:
    if {"article", "paragraph", "sentence"} <= columns.keys():
        return f"{value(columns['article'])} p{value(columns['paragraph'])}s{value(columns['sentence'])}"
    return f"row{number}"


def _parquet_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """Our sentences.parquet (or any Parquet file with nl and en columns), read a row group at a time."""
    from translate.pyarrowload import PyarrowMissing, load_pyarrow

    try:
        _pa, pq = load_pyarrow("a Parquet memory")
    except PyarrowMissing as error:
        raise MemoryError(f"{path}: {error}") from None
    try:
        file = pq.ParquetFile(path)
        names = set(file.schema_arrow.names)
        if not {"nl", "en"} <= names:
            raise MemoryError(f"{path}: a memory Parquet file needs the columns nl and en")
        wanted = [c for c in ("article", "paragraph", "sentence", "nl", "en", "mt", "status") if c in names]
        number = 0
        for batch in file.iter_batches(columns=wanted):
            for row in batch.to_pylist():
                number += 1
                nl, en = row["nl"] or "", row["en"] or ""
                status = _status(row.get("status"), en, row.get("mt"))
                if status and _usable(nl, en):
                    where = (f"{row['article']} p{row['paragraph']}s{row['sentence']}" if "article" in row
                             else f"row{number}")
                    yield nl, en, status, where
    except MemoryError:
        raise
    except Exception as error:  # pyarrow's errors have no common base worth naming
        raise MemoryError(f"{path}: not a readable Parquet file ({error})") from None


def _run_folder_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    """A run folder's reviewed sentences (translate apply wrote them): approved, or corrected and not rejected."""
    from translate.outputs import ArticleFileError, FolderError, read_articles

    try:
        for article in read_articles(path):
            if isinstance(article, ArticleFileError):
                continue  # not an article file: a run folder holds other things too
            for pair in article.pairs:
                if pair.review is None:
                    continue
                status = _status(pair.review.status, pair.en, pair.mt)
                if status in ("approved", "reviewed") and _usable(pair.nl, pair.en):
                    yield pair.nl, pair.en, status, f"{pair.article} p{pair.paragraph}s{pair.sentence}"
    except FolderError as error:
        raise MemoryError(str(error)) from None


# Fingerprints and the index


def fingerprint(path: Path) -> str:
    """sha256 of the memory's bytes; of a folder, of its article files' names and bytes, in name order."""
    digest = hashlib.sha256()
    try:
        if path.is_dir():
            for file in sorted(path.rglob("*.jsonl")):
                digest.update(str(file.relative_to(path)).encode("utf-8") + b"\0")
                digest.update(_file_digest(file) + b"\0")
        else:
            digest.update(_file_digest(path))
    except OSError as error:
        raise MemoryError(f"{path}: cannot read it ({error.strerror or error})") from None
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with open_regular(path, "a memory file") as handle:  # a FIFO or a device is refused, never read
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def index_words(key: str, count: int) -> list[str]:
    """The `count` longest distinct words of a key, lower case; ties in alphabetical order."""
    words = {w.lower() for w in INDEX_WORD.findall(key)}
    return sorted(words, key=lambda w: (-len(w), w))[:count]


def build_index(path: Path, target: Path) -> int:
    """Read a memory into a new SQLite file at `target` (atomically); the number of entries."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            connection.executescript("""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                CREATE TABLE entries (row INTEGER PRIMARY KEY, key TEXT NOT NULL, nl TEXT NOT NULL,
                    en TEXT NOT NULL, status TEXT NOT NULL, id TEXT NOT NULL, length INTEGER NOT NULL);
                CREATE TABLE words (word TEXT NOT NULL, row INTEGER NOT NULL);
            """)
            count = 0
            for chunk in _chunks(read_rows(path), BATCH):
                rows = [(count + i + 1, memory_key(nl), nl, en, status, where)
                        for i, (nl, en, status, where) in enumerate(chunk)]
                count += len(rows)
                connection.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                                       [(*row[:6], len(row[1])) for row in rows])
                connection.executemany("INSERT INTO words VALUES (?, ?)",
                                       [(word, row[0]) for row in rows for word in index_words(row[1],
                                                                                             WORDS_PER_ENTRY)])
            connection.executescript("""
                CREATE INDEX entries_key ON entries (key);
                CREATE INDEX words_word ON words (word, row);
            """)
            connection.execute("CREATE TABLE meta (name TEXT, value TEXT)")
            connection.execute("INSERT INTO meta VALUES ('entries', ?)", (str(count),))
        connection.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass(frozen=True)
class MemoryFile:
    """One memory, opened: its name, fingerprint, entry count and index."""

    path: Path
    name: str
    sha256: str
    entries: int
    index: Path

    def describe(self) -> dict:
        return {"memory": self.name, "sha256": self.sha256, "entries": self.entries}


def open_memory_file(path: Path, cache: Path) -> MemoryFile:
    """Fingerprint the memory and build its index unless the cache has it already."""
    if not path.exists():
        raise MemoryError(f"{path}: no such file or folder")
    digest = fingerprint(path)
    index = cache / f"{digest}.v{INDEX_VERSION}.sqlite"
    if not index.is_file():
        try:
            build_index(path, index)
        except OSError as error:
            raise MemoryError(f"{path}: cannot build its index in {cache} ({error.strerror or error}); "
                              "choose another folder with --memory-cache") from None
    connection = _connect(index)
    entries = int(connection.execute("SELECT value FROM meta WHERE name = 'entries'").fetchone()[0])
    connection.close()
    return MemoryFile(path, path.resolve().name, digest, entries, index)


def _connect(index: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{index}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class Memory:
    """Several memories, looked up together; the later ones win ties (see the module's docstring)."""

    def __init__(self, files: list[MemoryFile], threshold: float = NEAR_THRESHOLD):
        self.files = files
        self.threshold = threshold
        self.connections = [_connect(file.index) for file in files]

    @classmethod
    def open(cls, paths: Iterable[Path], cache: Path | None = None) -> Memory:
        return cls([open_memory_file(Path(path), cache or default_cache()) for path in paths])

    def describe(self) -> list[dict]:
        return [file.describe() for file in self.files]

    def exact(self, nl: str) -> Entry | None:
        key = memory_key(nl)
        if not key:
            return None
        found = [self._entry(position, row) for position, connection in enumerate(self.connections)
                 for row in connection.execute(
                     "SELECT row, nl, en, status, id FROM entries WHERE key = ? ORDER BY row", (key,))]
        return max(found, key=lambda entry: entry.order, default=None)

    def near(self, nl: str) -> Suggestion | None:
        """The closest entry at or above the threshold (ties: the exact-match order), or None."""
        from rapidfuzz import process
        from rapidfuzz.distance import Indel

        key = memory_key(nl)
        words = index_words(key, WORDS_PER_QUERY)
        if not words:
            return None
        # Indel similarity is 2*LCS/(a+b) <= 2*min(a,b)/(a+b): at least t only for b in [a*t/(2-t), a*(2-t)/t].
        low, high = len(key) * self.threshold / (2 - self.threshold), len(key) * (2 - self.threshold) / self.threshold
        marks = ",".join("?" * len(words))
        best = None  # ((similarity, order), position, row)
        for position, connection in enumerate(self.connections):
            candidates = connection.execute(
                f"SELECT row, key, status FROM entries WHERE row IN (SELECT DISTINCT row FROM words "
                f"WHERE word IN ({marks}) LIMIT {CANDIDATES}) AND length BETWEEN ? AND ? AND key != ?",
                (*words, low, high, key)).fetchall()
            scored = process.extract(key, [c[1] for c in candidates], scorer=Indel.normalized_similarity,
                                     score_cutoff=self.threshold, limit=None)
            for _text, similarity, index in scored:
                row, _key, status = candidates[index]
                rank = (round(similarity, 4), (RANKS[status], position, row))
                if best is None or rank > best[0]:
                    best = (rank, position, row)
        if best is None:
            return None
        (similarity, _order), position, row = best
        found = self.connections[position].execute("SELECT row, nl, en, status, id FROM entries WHERE row = ?",
                                                   (row,)).fetchone()
        return Suggestion(self._entry(position, found), round(similarity, 2))

    def _entry(self, position: int, row: tuple) -> Entry:
        number, nl, en, status, where = row
        return Entry(nl, en, status, self.files[position].name, where, (RANKS[status], position, number))


def article_fingerprint(uses: Iterable[tuple[str, str, dict]]) -> str:
    """sha256 of what an article took from the memories, as (sentence key, "memory" or "suggestion", what the
    record holds) triples: a rerun with changed memories redoes the article exactly when this changes."""
    return hashlib.sha256(json.dumps(list(uses), ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
