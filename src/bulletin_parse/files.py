"""Files as the operating system has them: paths that are bytes, and inputs that may be anything.

On Linux a file name is bytes, not text: an archive copied from a GBK system holds names that
are not UTF-8. Python carries such a name losslessly as a str with lone surrogates
(`os.fsdecode`), which opens the file but cannot go into JSON, CSV or a UTF-8 terminal;
`path_text` is the form written there, and `path_bytes` turns it back into the name.

A path given as input may name a FIFO (reading it waits forever for a writer), a device
(`/dev/zero` never ends) or a file far too large to be a bulletin; `read_regular_file` reads only
regular files, and only up to a size limit.
"""

from __future__ import annotations

import os
import re
import stat
from typing import BinaryIO

from .decode import BulletinError

MAX_SIZE = 256 * 1024 * 1024  # default --max-size: far beyond any bulletin, far below the memory a machine has
_ESCAPE = re.compile(rb"\\x([0-9a-f]{2})")


def path_text(path: str | os.PathLike[str]) -> str:
    """The path as it is written in JSON, CSV and messages: unchanged when it is UTF-8 and holds
    no backslash; otherwise every byte UTF-8 cannot hold, and every backslash, is written as the
    four characters \\xNN (Python's backslashreplace). A backslash is escaped only in such a
    path, so that `path_bytes` can tell an escape from a backslash in the name. (On Windows names
    are Unicode and the backslash is the separator: only a lone surrogate is escaped there.)"""
    if os.sep == "\\":
        return os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")
    raw = os.fsencode(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\\" not in text:
            return text
    return raw.replace(b"\\", b"\\x5c").decode("utf-8", "backslashreplace")


def path_bytes(text: str) -> bytes:
    """The file name's bytes back from `path_text` (for `open`, or `os.fsdecode` for a str path)."""
    return _ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), text.encode("utf-8"))


def read_regular_file(path: str | os.PathLike[str], max_size: int = MAX_SIZE) -> bytes:
    """The bytes of a regular file, refused in one line (`BulletinError`) when it is anything
    else or larger than `max_size`. The kind is checked before opening, since opening a device can
    act on it, and again on the open file, which may have been swapped in between."""
    try:
        _check_regular(os.stat(path).st_mode)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise BulletinError(unreadable(error)) from None
    with open(descriptor, "rb") as handle:
        try:
            status = os.fstat(descriptor)
            _check_regular(status.st_mode)
            _check_size(status.st_size, max_size)
            return read_limited(handle, max_size, hint=status.st_size)
        except OSError as error:
            raise BulletinError(unreadable(error)) from None


def read_limited(stream: BinaryIO, max_size: int = MAX_SIZE, hint: int = 1 << 20) -> bytes:
    """All of a stream (standard input, a file that grows while read), refused once it passes
    `max_size`. Reads in steps, so that a large limit never reserves its size in memory."""
    chunks, total = [], 0
    step = hint + 1  # a file of the size its status gave is read in one call, and its end seen by a second
    while chunk := stream.read(min(step, max_size + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        _check_size(total, max_size)
        step = 1 << 20
    return b"".join(chunks)


_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _check_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
        raise BulletinError(f"is {kind}, not a regular file; give the bulletin's text file")


def _check_size(size: int, max_size: int) -> None:
    if size > max_size:
        raise BulletinError(f"is larger than --max-size ({max_size:,} bytes); raise --max-size if it really is one bulletin")


def unreadable(error: OSError) -> str:
    """Why a file or folder could not be read, in the words of every message."""
    if isinstance(error, FileNotFoundError):
        return "does not exist"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({error.strerror or error})"


def unwritable(error: OSError) -> str:
    """Why a file could not be written, in the words of every message."""
    return f"cannot be written ({error.strerror or error})"
