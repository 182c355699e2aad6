"""Reading a file the person names, safely: only ordinary files, never more than a limit.

A size check that trusts ``stat`` alone is fooled by special files: ``/dev/zero`` reports size 0 and never ends, a
named pipe (FIFO) reports 0 and blocks the reader until something writes to it. So the file is opened without
blocking, checked by *type* on the opened descriptor (no swap between check and read), and read up to the limit plus
one byte: whatever the file claims, no more than that is ever held in memory.

Case files (casefile.storage), rule files and their tables (jurisdictions.loader) are all read through here.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


class FileRefused(Exception):
    """The file cannot be read: ``reason`` completes the sentence "<file> ..." in plain words."""

    def __init__(self, reason: str, *, missing: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def describe_size(limit: int) -> str:
    """'20 MB', '2 MB', '512 KB': a limit in the units a person reads."""
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB"


def read_limited(path: Path | str, limit: int) -> bytes:
    """The bytes of the ordinary file at ``path`` if it holds at most ``limit`` bytes; else FileRefused."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused("does not exist", missing=True) from None
    except IsADirectoryError:
        raise FileRefused("is a folder, not a file") from None
    except OSError as exc:
        raise FileRefused(f"could not be opened: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not an ordinary file")
            raise FileRefused(f"is {kind}, not an ordinary file, so it was not read")
        if info.st_size > limit:
            raise FileRefused(f"is too large (over {describe_size(limit)})")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            except OSError as exc:
                if exc.errno == errno.EISDIR:
                    raise FileRefused("is a folder, not a file") from None
                raise FileRefused(f"could not be read: {exc.strerror or exc}") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise FileRefused(f"is too large (over {describe_size(limit)})")
        return b"".join(chunks)
    finally:
        os.close(fd)
