"""Writing outputs: every file under a temporary name of this process's own, renamed into place
when whole, so that a killed run never leaves half a file; the temporary files a stopped run
leaves; and the forms a batch writes besides one JSON per input (a compact JSON line, the
figures table).
"""

from __future__ import annotations

import csv
import io
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from .models import Document, Report, decimal_text, write_json

Cell = str | int | bool | None  # one value of a figures-table row
Row = tuple[Cell, ...]  # one figure of the figures table, in FIGURE_COLUMNS order

_TEMPORARY = re.compile(r"\.bulletin-parse\.(\d+)\.[0-9a-f]{8}\.partial")
_writing: set[Path] = set()  # this process's temporary files, removed should it be stopped


class AtomicFile:
    """A file being written: `stream` fills a temporary file beside `path`, `commit` renames it
    into place, `discard` removes it. The temporary name is this process's own (pid and a random
    part: two runs into one folder must not write into one file) and short (an output name may
    be 255 bytes). No fsync: a rename after a complete write is all a killed process needs, and
    should a power cut leave a file empty, the next run redoes it (it does not parse)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.temporary = path.with_name(f".bulletin-parse.{os.getpid()}.{secrets.token_hex(4)}.partial")
        # O_EXCL | O_NOFOLLOW: never write into a file or through a link that was there before
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        _writing.add(self.temporary)  # before it exists: a signal handled as the open returns must find it
        try:
            self.stream: BinaryIO = open(os.open(self.temporary, flags, 0o666), "wb")  # noqa: SIM115 - closed by commit or discard
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        """Put the whole file in place; should that fail, the temporary file is removed."""
        try:
            self.stream.close()
            os.replace(self.temporary, self.path)
        except BaseException:
            self.discard()
            raise
        _writing.discard(self.temporary)

    def discard(self) -> None:
        """Remove the temporary file: a full disk must not stay full of them."""
        if hasattr(self, "stream"):
            with suppress(OSError):  # closing flushes what is left, into a disk that may be full
                self.stream.close()
        _remove(self.temporary)
        _writing.discard(self.temporary)


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Have `write` fill an `AtomicFile` at `path`, then put it in place. Whatever fails, the
    temporary file is removed."""
    written = AtomicFile(path)
    try:
        write(written.stream)
    except BaseException:
        written.discard()
        raise
    written.commit()


def is_special(path: Path) -> bool:
    """Whether `path` is a FIFO or a device (`/dev/stdout`, a shell's `>(gzip > f.gz)`): written
    into, since renaming onto it would replace it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_file(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`write_atomically`, but a FIFO or a device already at `path` is written into."""
    if not is_special(path):
        write_atomically(path, write)
        return
    with open(path, "wb") as handle:
        write(handle)


def remove_temporaries() -> None:
    """Remove what this process is writing; for a process being stopped by a signal."""
    for temporary in list(_writing):
        _remove(temporary)


def forget_temporaries() -> None:
    """For a forked worker: the files its parent is writing are not its own to remove."""
    _writing.clear()


def remove_stale_temporaries(folders: Iterable[Path]) -> None:
    """Remove, from the folders a run writes to, the temporary files of runs that are no longer
    running (killed with -9: nothing could remove them then). Another run's live files stay."""
    for folder in folders:
        try:
            names = [entry.name for entry in os.scandir(folder)]
        except OSError:
            continue
        for name in names:
            match = _TEMPORARY.fullmatch(name)
            if match and not _running(int(match.group(1))):
                _remove(Path(folder, name))


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill there ends the process: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: it exists
        return True
    return True


def _remove(path: Path) -> None:
    with suppress(OSError):
        os.unlink(path)


# the forms of a batch -------------------------------------------------------------------------


def compact_json(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_json(document, buffer)
    return buffer.getvalue()


FIGURE_COLUMNS = (
    "document",
    "report",
    "title",
    "region",
    "point",
    "section",
    "text",
    "start",
    "end",
    "line",
    "value",
    "low",
    "high",
    "approx",
    "unit",
    "kind",
    "iso",
    "subject",
    "quoted",
)


def figure_rows(document: Document) -> Iterator[Row]:
    """One row per figure, with where it stands, in FIGURE_COLUMNS order, made one at a time (a
    file can hold millions of figures), each with its report's title and region."""
    report: Report | None = None
    for figure in document.figures:
        if figure.report is not None and (report is None or report.index != figure.report):
            report = document.reports[figure.report - 1]  # figures come in report order: each report is read once
        held = report if figure.report is not None else None
        yield (
            document.source.path,
            figure.report,
            held.title if held else None,
            held.region if held else None,
            figure.point,
            figure.section,
            figure.text,
            figure.span[0],
            figure.span[1],
            figure.line,
            decimal_text(figure.value),
            decimal_text(figure.low),
            decimal_text(figure.high),
            figure.approx,
            figure.unit,
            figure.kind,
            figure.iso,
            figure.subject,
            figure.quoted,
        )


def figures_csv(rows: Iterable[Row], header: bool = True) -> bytes:
    """The figures table as CSV in UTF-8 (with its header row unless `header` is false, for the rows
    of a table being written in parts), encoded as it is written: a file of a million figures
    never holds its table as text. The table's file starts with a BOM (`_table_head`), so that
    Excel reads it as UTF-8."""
    buffer = io.BytesIO()
    with io.TextIOWrapper(buffer, encoding="utf-8", newline="") as text:
        writer = csv.writer(text, lineterminator="\r\n")
        if header:
            writer.writerow(FIGURE_COLUMNS)
        writer.writerows(rows)
        text.flush()
        return buffer.getvalue()
