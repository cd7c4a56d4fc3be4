"""The one door for reading a path a user gives us: a regular file only, at most so many bytes, and an
encoding only from the text encodings.

A FIFO, socket or device (/dev/zero) is refused before a single byte is read: it is opened with
O_NONBLOCK (opening a FIFO for reading would otherwise wait for a writer) and its kind checked on the open
descriptor, so a file swapped for a FIFO between a check and the open is caught too.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import stat
from pathlib import Path

# Python codecs that decode bytes to str but are not encodings of text files: they raise on ordinary input
# (idna, punycode: domain names; undefined: always) or turn escapes into characters (unicode_escape).
NOT_TEXT_ENCODINGS = frozenset({"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"})


class NotReadable(OSError):
    """A path that is not a regular file we can read; str() is one line naming the path and the problem."""

    def __str__(self) -> str:
        return self.strerror


def text_codec(encoding: str) -> str | None:
    """The codec's canonical name when `encoding` is an encoding of text files; None otherwise (unknown names,
    bytes-to-bytes codecs such as base64, and NOT_TEXT_ENCODINGS)."""
    try:
        codec = codecs.lookup(encoding)
    except (LookupError, ValueError):
        return None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in NOT_TEXT_ENCODINGS:
        return None
    return codec.name


def open_regular(path: Path, what: str = "a file"):
    """`path` opened for reading bytes; NotReadable (one line) when it is missing, unreadable, a folder, a FIFO,
    a socket or a device. Never blocks."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = getattr(error, "strerror", None) or str(error)
        raise NotReadable(getattr(error, "errno", None) or 0, f"{path}: cannot be read ({reason}); give {what}") \
            from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe, socket or device, not a regular file"
        raise NotReadable(0, f"{path}: is {kind}; refused without reading it; give {what}")
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    return os.fdopen(fd, "rb")


def read_capped(path: Path, limit: int, what: str = "a file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; NotReadable (one line) otherwise, without reading
    more than limit + 1 bytes."""
    with open_regular(path, what) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotReadable(0, f"{path}: larger than {_size(limit)}; refused without reading it all")
    return data


def _size(count: int) -> str:
    return f"{count} bytes" if count < 2**20 else f"{count / 2**20:g} MB"
