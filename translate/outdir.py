"""The output folder: one run at a time, no stale temporary files, and which article files are complete."""

from __future__ import annotations

import fcntl
import json
import logging
import os
from pathlib import Path

from translate import untrusted
from translate.outfiles import open_lock, remove_temporaries_of, stale_temporaries
from translate.userfiles import open_regular

log = logging.getLogger(__name__)

LOCK_NAME = ".translate.lock"


class OutputBusy(Exception):
    """Another run holds the output folder."""


class OutputLock:
    """A lock on the output folder, held for the whole run.

    A full run holds it exclusively. Shards of a sharded run (`--shard K/N`) share it, so they can
    write into one folder side by side while a full run cannot start, and each also holds its own
    shard's lock exclusively, so the same shard cannot run twice. flock() locks die with their
    process, so a run killed with SIGKILL leaves no stale lock behind.
    """

    def __init__(self, folder: Path, shard_lock: str | None = None):
        self.folder = folder
        self.shard_lock = shard_lock  # the shard's own lock file name, for sharded runs
        self.handles: list = []

    def __enter__(self) -> OutputLock:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self._take(LOCK_NAME, fcntl.LOCK_SH if self.shard_lock else fcntl.LOCK_EX)
            if self.shard_lock:
                self._take(self.shard_lock, fcntl.LOCK_EX)
        except BlockingIOError:
            own_shard = bool(self.handles)  # the folder lock was shared with us: the shard's own lock is taken
            self.__exit__()
            what = "another run of this shard" if own_shard else "another translate run"
            raise OutputBusy(f"{self.folder}: {what} is writing to this folder; wait for it to finish or choose "
                             "another output folder with -o (shards of one run may share a folder)") from None
        return self

    def _take(self, name: str, mode: int) -> None:
        handle = open_lock(self.folder, name)  # held open for the whole run: it is the lock
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise
        self.handles.append(handle)
        if mode == fcntl.LOCK_EX:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()

    @property
    def exclusive(self) -> bool:
        """True when this run has the folder to itself (a full run), so any temporary file there is stale."""
        return self.shard_lock is None

    def __exit__(self, *exc) -> None:
        for handle in self.handles:
            handle.close()
        self.handles = []


def article_path(output: Path, article_id: str) -> Path:
    """Where an article's file lives: OUT/<id>.jsonl (an id from a subfolder keeps its relative path)."""
    return output / f"{article_id}.jsonl"


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files that a killed run left behind (only safe while holding the lock)."""
    stale = stale_temporaries(folder)
    for path in stale:
        path.unlink(missing_ok=True)
    if stale:
        log.info("removed %d temporary files left by an interrupted run", len(stale))
    return len(stale)


def remove_stale_temporary(path: Path) -> None:
    """Delete what a killed run left of one article's temporary files; safe for the run that owns the article."""
    remove_temporaries_of(path)


def is_complete(path: Path, header_line: str) -> bool:
    """True when `path` starts with exactly this header and holds every line the header announces.

    Files are written whole and renamed into place, so this guards against hand edits and
    changed inputs, models or settings (all of which change the header), not against half-written files.
    The `review` field `translate apply` adds to a header does not make a file out of date.
    """
    try:  # lines end in "\n" only: a record may hold a raw U+2028 or U+0085, which str.splitlines splits on
        with open_regular(path) as file:
            lines = file.read().decode("utf-8").removesuffix("\n").split("\n")
    except (OSError, UnicodeDecodeError):
        return False
    if not lines or as_run_wrote_it(lines[0]) != header_line:
        return False
    header = json.loads(header_line)
    expected = 1 + header["paragraphs"] + (header["models"].get("summary") is not None)
    try:
        return len(lines) == expected and all(untrusted.loads(line) for line in lines[1:])
    except untrusted.Untrusted:
        return False


def as_run_wrote_it(header_line: str) -> str:
    """The header line without the `review` field that `translate apply` adds: the line `translate run` wrote
    (apply appends the field and changes nothing else in the header, so dropping it gives back those bytes)."""
    header = _header(header_line)
    if header is None or "review" not in header:
        return header_line
    del header["review"]
    return json.dumps(header, ensure_ascii=False)


def keeps_review(path: Path) -> bool:
    """True when the file holds a review merged by `translate apply`: a run that would translate the article again
    keeps the file instead, and says so (only --force translates it again, dropping the review)."""
    if not is_reviewed(path):
        return False
    log.warning("%s: kept: it holds a review (translate apply), though it is out of date (its input, models or "
                "settings changed, or it was edited by hand); --force translates the article again and drops the "
                "review", path)
    return True


def is_reviewed(path: Path) -> bool:
    """True when the file's header carries the `review` field of `translate apply`."""
    try:
        with open_regular(path) as file:
            header = _header(file.readline().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    return header is not None and "review" in header


def _header(line: str) -> dict | None:
    if '"review"' not in line:  # most files: no need to parse
        return None
    try:
        header = untrusted.loads(line)
    except untrusted.Untrusted:
        return None
    return header if isinstance(header, dict) else None
