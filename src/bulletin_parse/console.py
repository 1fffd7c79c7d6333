"""What the command shows: one-line errors on stderr, standard output that may be full or closed
(`| head`), a progress bar for a person at a terminal, a batch's summary line, and a document as
a terminal shows it. rich is imported only where a terminal is drawn on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO

import typer

from .files import path_text, unwritable

if TYPE_CHECKING:
    from .batch import ArchiveSummary
    from .models import Document


def error_line(path: object, problem: str) -> str:
    """An error as one line; the path as JSON writes it (a name that is not UTF-8 escaped)."""
    shown = path_text(path) if isinstance(path, (str, os.PathLike)) else path
    return f"bulletin-parse: error: {shown}: {problem}"


def say_error(path: object, problem: str) -> None:
    """`error_line` on stderr."""
    typer.echo(error_line(path, problem), err=True)


def for_a_person(document: Document, view: bool) -> str:
    """--view's summary, or the JSON as a terminal shows it (one line per figure, coloured), as
    text for standard output: rich's colours when it is a terminal, its width."""
    from rich.console import Console

    from .view import print_terminal_json
    from .view import view as summary

    console = Console()
    with console.capture() as captured:
        if view:
            console.print(summary(document))
        else:
            print_terminal_json(document, console)
    return captured.get()


def write_stdout(write: Callable[[BinaryIO], object]) -> bool:
    """Have `write` fill standard output; a failure (a full disk) is one line, and standard output
    then goes to /dev/null so that the exit's flush cannot fail again. A reader that stopped
    reading (`| head`, `| jq -e` done early) is no failure: nothing is said."""
    try:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return True
    except BrokenPipeError:
        to_devnull()
        return True
    except OSError as error:
        say_error("standard output", unwritable(error))
        to_devnull()
        return False


def to_devnull() -> None:
    """Standard output goes to /dev/null from now on."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class StandardOutput:
    """Standard output as a batch's stream (--jsonl, --figures-csv -), each write flushed: as
    `write_stdout`, a reader that stopped reading is no failure, and another failure (raised for
    the batch to say) leaves standard output going to /dev/null."""

    name = "standard output"

    def write(self, data: bytes) -> int:
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            to_devnull()
        except OSError:
            to_devnull()
            raise
        return len(data)

    def flush(self) -> None:
        """Each write is flushed."""


def summary_line(summary: ArchiveSummary, glob: str) -> str:
    not_read = f"; {len(summary.unmatched)} files not matching {glob} (-v names them)" if summary.unmatched else ""
    return (
        f"{summary.files} files: {summary.converted} converted, {summary.skipped} skipped (up to date), "
        f"{summary.failed} failed; the converted hold {summary.reports} reports, {summary.figures} figures, "
        f"{summary.warnings} warnings{not_read}"
    )


@contextmanager
def progress(quiet: bool) -> Iterator[tuple[Callable[[int, int], None], Callable[[object, str], None]]]:
    """A progress bar on stderr (files, rate, time left), only for a person at a terminal, drawn
    once the batch knows its files; yields the function that marks progress (files done, of how
    many) and the one that names a failed file (above the bar, never glued to it). The bar is
    cleared at the end."""
    if quiet or not sys.stderr.isatty():
        yield (lambda done, total: None), say_error
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TaskID,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:.1f} files/s")

    columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(), FilesPerSecond(), TimeRemainingColumn())
    progress = Progress(*columns, console=Console(stderr=True), transient=True)
    task: list[TaskID] = []  # the bar's, once drawn

    def advance(done: int, total: int) -> None:
        if not task:
            progress.start()
            task.append(progress.add_task("files", total=total))
        progress.update(task[0], completed=done)

    def say_above(path: object, problem: str) -> None:
        """An error printed above the bar, which is drawn again under it."""
        if not task:
            say_error(path, problem)
            return
        progress.console.print(error_line(path, problem), markup=False, highlight=False, soft_wrap=True)

    try:
        yield advance, say_above
    finally:
        progress.stop()
