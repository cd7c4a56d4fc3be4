"""The one door for files we create, open and replace inside an output folder (OUT).

OUT is named by the user (it may itself be a symbolic link: that is their choice), but what is inside it
may have been touched by someone else. So below OUT every folder component is created or checked one by
one and a symbolic link (or anything that is not a folder) there is refused with `UnsafeOutput`; files are
written to a fresh temporary file (O_EXCL) and renamed into place, which replaces a link rather than
following it; the lock file is opened with O_NOFOLLOW and must be a regular file. Nothing is ever written
outside OUT, whatever an article id, a review file or a planted link says.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

# The temporaries write_atomic leaves when killed: ".<name>.<random characters of mkstemp>.tmp".
RUN_TEMPORARY = re.compile(r"\..+\.jsonl?\.[A-Za-z0-9_]+\.tmp")  # of article files and manifests


class UnsafeOutput(OSError):
    """A path inside OUT that could lead outside it (a symbolic link, or not a folder where one should be)."""

    def __str__(self) -> str:
        return self.strerror


def checked_folder(root: Path, folder: Path) -> Path:
    """Create `folder` (inside `root`) component by component; UnsafeOutput when any component below `root` is a
    symbolic link or not a folder. `root` itself is created when missing and may be a link."""
    relative = _relative(root, folder)
    root.mkdir(parents=True, exist_ok=True)
    current = root
    for part in relative.parts:
        current = current / part
        with contextlib.suppress(FileExistsError):
            os.mkdir(current)
        info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeOutput(errno.ELOOP, f"{current}: a symbolic link inside the output folder {root}; refused, "
                                            "it could lead outside it (remove the link)")
        if not stat.S_ISDIR(info.st_mode):
            raise UnsafeOutput(errno.ENOTDIR, f"{current}: not a folder, inside the output folder {root}; refused")
    return folder


def _relative(root: Path, path: Path) -> Path:
    try:
        relative = path.relative_to(root)
    except ValueError:
        raise UnsafeOutput(errno.EXDEV, f"{path}: not inside the output folder {root}; refused") from None
    if ".." in relative.parts:
        raise UnsafeOutput(errno.EXDEV, f"{path}: leads out of the output folder {root} ('..'); refused")
    return relative


def write_atomic(path: Path, text: str | bytes, inside: Path | None = None) -> None:
    """Write through a temporary file in the same folder, then rename: readers see the old file or the whole new one.

    `inside`: the output folder the file belongs to; every folder between it and the file is checked (and created)
    by checked_folder. Text is written as UTF-8 with LF line ends; bytes (a Parquet file) as they are.
    """
    if inside is not None:
        checked_folder(inside, path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    binary = isinstance(text, bytes)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; give it the mode a plain open() would, or the old file's.
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)  # replaces a link at `path` itself, never what it points to
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_stream(path: Path) -> Iterator[TextIO]:
    """A text file to write piece by piece; it replaces `path` whole when the block ends without an error (a
    reader sees the old file or the new one) and is removed otherwise. Same temporary name as write_atomic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    try:
        info = os.lstat(path)
    except OSError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        return info.st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def open_lock(folder: Path, name: str):
    """The lock file `folder/name`, opened for reading and writing without following a link; UnsafeOutput when
    it is a link or not a regular file."""
    path = folder / name
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeOutput(errno.ELOOP, f"{path}: the lock file is a symbolic link; refused, it could lead "
                                            "outside the output folder (remove the link)") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafeOutput(errno.EINVAL, f"{path}: the lock file is not a regular file; refused (remove it)")
    return os.fdopen(fd, "r+")


def stale_temporaries(folder: Path) -> list[Path]:
    """Our own temporary files of article files and manifests under `folder` (write_atomic's), without following
    links to folders."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not os.path.islink(os.path.join(parent, name))]
        found += [Path(parent, name) for name in files if RUN_TEMPORARY.fullmatch(name)]
    return found


def remove_temporaries_of(path: Path) -> None:
    """Delete what a killed writer left of `path`'s temporary files; safe for the one process that writes `path`."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    prefix = f".{path.name}."
    for name in names:
        if name.startswith(prefix) and re.fullmatch(r"[A-Za-z0-9_]+\.tmp", name[len(prefix):]):
            (path.parent / name).unlink(missing_ok=True)
