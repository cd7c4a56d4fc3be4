"""The output folder: one run at a time, no stale temporary files, and which article files are complete."""

from __future__ import annotations

import fcntl
import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_NAME = ".translate.lock"


class OutputBusy(Exception):
    """Another run holds the output folder."""


class OutputLock:
    """An exclusive lock on the output folder, held for the whole run.

    flock() locks die with their process, so a run killed with SIGKILL leaves no stale lock behind.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self.handle = None

    def __enter__(self) -> OutputLock:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.folder / LOCK_NAME, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise OutputBusy(f"{self.folder}: another translate run is writing to this folder; wait for it to "
                             "finish or choose another output folder with -o") from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"{os.getpid()}\n")
        self.handle.flush()
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files that a killed run left behind (only safe while holding the lock)."""
    stale = [path for path in folder.rglob(".*.jsonl.*.tmp") if path.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    if stale:
        log.info("removed %d temporary files left by an interrupted run", len(stale))
    return len(stale)


def is_complete(path: Path, header_line: str) -> bool:
    """True when `path` starts with exactly this header and holds every line the header announces.

    Files are written whole and renamed into place, so this guards against hand edits and
    changed inputs, models or settings (all of which change the header), not against half-written files.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    if not lines or lines[0] != header_line:
        return False
    header = json.loads(header_line)
    expected = 1 + header["paragraphs"] + (header["models"].get("summary") is not None)
    try:
        return len(lines) == expected and all(json.loads(line) for line in lines[1:])
    except json.JSONDecodeError:
        return False
