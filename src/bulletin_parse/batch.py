"""Batch conversion of an archive: find the inputs, name their outputs, parse in worker
processes, write every file atomically, and resume where an earlier run stopped.

The CLI drives these functions; each is usable on its own. Paths are carried as Python has them
(a name that is not UTF-8 holds lone surrogates and still opens the file) and written in
messages, JSON and CSV as `files.path_text` spells them.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import re
import secrets
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from decimal import Decimal
from fnmatch import fnmatch
from functools import partial
from itertools import count
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from .decode import BulletinError
from .files import MAX_SIZE, path_text, unreadable
from .models import Document, Report, Source, Warning, write_json, write_pretty_json
from .pipeline import parse_source, read_source
from .version import __version__

GENERATOR = f"bulletin-parse {__version__}"

Cell = str | int | bool | None  # one value of a figures-table row
Row = tuple[Cell, ...]  # one figure of the figures table, in FIGURE_COLUMNS order


class BatchError(Exception):
    """The run as a whole cannot go on (its workers cannot start, or one died); one line."""


@dataclass(frozen=True)
class Job:
    source: Path  # the input file, as found
    output: Path | None  # where its JSON goes in -o mode


@dataclass(frozen=True)
class Outcome:
    source: Path
    json: bytes | None = None  # the document, compact, when the caller wants it back
    figure_rows: tuple[Row, ...] = ()
    reports: int = 0
    figures: int = 0
    warnings: int = 0
    error: str | None = None
    skipped: bool = False
    masthead: str = ""  # the masthead in one line (title, issue, date), for the review index
    page: Path | None = None  # the review page written (--html)


# finding the inputs ---------------------------------------------------------------------------


def find_inputs(paths: Iterable[Path], pattern: str, out: Path | None = None) -> tuple[list[tuple[Path, Path]], list[str], list[Path]]:
    """Every input file with its path relative to the folder it was found in, in path order;
    problems found on the way (missing paths, folders that cannot be read) are returned as
    messages, and the files in the folders that the pattern left out, so that nothing is left
    out unsaid. Folders are walked recursively, following
    links but never entering the same folder twice (a link loop ends there). The pattern (globs
    parted by commas: *.txt,*.pdf) matches file names case-insensitively: archives copied from
    Windows say .TXT.

    Nothing inside the output folder `out` is read: an OUT inside an input folder is passed over
    (else every run would convert the last run's JSON into OUT/OUT/…), and an input that is OUT
    or lies in it is refused, so that no output can ever be written over an input."""
    found: list[tuple[Path, Path]] = []
    problems: list[str] = []
    unmatched: list[Path] = []
    inside_out = _inside(out)
    for path in paths:
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except FileNotFoundError:
            problems.append(f"{path_text(path)}: does not exist")
            continue
        except OSError:  # cannot tell (an unsearchable folder above it): reading it will say why
            is_folder = False
        if out is not None and inside_out(path):  # (never inside when there is no `out`)
            problems.append(f"{path_text(path)}: is in the output folder {path_text(out)}; nothing there is read as input")
        elif is_folder:
            walked = _walk(path, tuple(part.strip().casefold() for part in pattern.split(",") if part.strip()), inside_out, problems, unmatched)
            found += sorted(walked, key=lambda pair: pair[1].parts)
        else:
            found.append((path, Path(path.name)))
    return found, problems, sorted(unmatched)


def _inside(out: Path | None) -> Callable[[Path | str], bool]:
    """A test of whether a path is, or resolves to, the output folder or something in it."""
    if out is None:
        return lambda path: False
    root = os.path.realpath(out)
    prefix = root.rstrip(os.sep) + os.sep
    return lambda path: (real := os.path.realpath(path)) == root or real.startswith(prefix)


def _walk(root: Path, patterns: tuple[str, ...], inside_out: Callable[[Path | str], bool], problems: list[str],
          unmatched: list[Path]) -> Iterator[tuple[Path, Path]]:
    seen: set[tuple[int, int]] = set()

    def unreadable_folder(error: OSError) -> None:
        problems.append(f"{path_text(error.filename)}: {unreadable(error)}")

    for folder, subfolders, files in os.walk(root, onerror=unreadable_folder, followlinks=True):
        try:
            status = os.stat(folder)
        except OSError as error:
            unreadable_folder(error)
            subfolders[:] = []
            continue
        if (status.st_dev, status.st_ino) in seen or inside_out(folder):
            subfolders[:] = []
            continue
        seen.add((status.st_dev, status.st_ino))
        for name in files:
            if any(fnmatch(name.casefold(), one) for one in patterns):
                path = Path(folder, name)
                if inside_out(path):  # a link to a file in OUT
                    problems.append(f"{path_text(path)}: leads into the output folder; nothing there is read as input")
                else:
                    yield path, path.relative_to(root)
            else:
                unmatched.append(Path(folder, name))


def overwrites_an_input(path: Path, inputs: Iterable[tuple[Path, Path]]) -> bool:
    """Whether writing `path` (the --jsonl or --figures-csv file) would replace an input file.
    Only the same name in the same folder is at risk: the file is written by renaming onto that
    name, so a link or another hard link to the input is never written through."""
    folder = os.path.realpath(path.parent)
    return any(source.name == path.name and os.path.realpath(source.parent) == folder for source, _ in inputs)


# naming the outputs ---------------------------------------------------------------------------


def plan_outputs(inputs: list[tuple[Path, Path]], out: Path, reserved: Iterable[str] = ()) -> tuple[list[Job], list[str], list[str]]:
    """An output path under `out` for each input: the same relative path with .json for its
    suffix. Names that would collide (x.txt and x.TXT, even on a case-blind disk) keep their
    whole file name instead, and a warning says so; nothing is ever overwritten by a sibling.
    `reserved` names (relative to `out`) are taken from the start: with --html, index.json,
    whose review page would be the index. Returns the jobs, the warnings and the problems
    (inputs refused)."""
    jobs, warnings, problems = [], [], []
    taken: set[str] = {name.casefold() for name in reserved}
    root = out.resolve()
    inside: dict[Path, bool] = {}  # per output folder: does it resolve inside OUT
    for source, relative in inputs:
        wanted = relative.with_suffix(".json")
        target = next(c for c in _output_names(relative) if str(c).casefold() not in taken)
        taken.add(str(target).casefold())
        if target != wanted:
            warnings.append(f"{path_text(source)}: output name {path_text(wanted)} is taken; writing {path_text(target)}")
        destination = out / target
        # defence in depth: never write outside OUT, even through a link already in OUT's tree.
        # Folders are checked (once each); a link in the file's own place is replaced, not followed.
        folder = destination.parent
        if folder not in inside:
            inside[folder] = folder.resolve().is_relative_to(root)
        if not inside[folder]:
            problems.append(f"{path_text(source)}: its output {path_text(destination)} would leave {path_text(out)} (a link in it); not converted")
            continue
        jobs.append(Job(source, destination))
    return jobs, warnings, problems


def _output_names(relative: Path) -> Iterator[Path]:
    """x.txt → x.json, else x.txt.json, else x.txt.2.json, x.txt.3.json …"""
    yield relative.with_suffix(".json")
    yield relative.with_name(relative.name + ".json")
    yield from (relative.with_name(f"{relative.name}.{n}.json") for n in count(2))


# resuming -------------------------------------------------------------------------------------


def existing_output(output: Path, source: Source, warnings: list[Warning]) -> Document | None:
    """The document an earlier run left at `output`, when it is exactly what this run would
    write; else None, and the input is converted again. That means: a regular file (not a link
    planted in OUT), a whole document (not cut short by a power cut, nor mixed by two runs
    writing at once), written by this version, for these very bytes (sha256, not a date: an
    older copy put in place has an older date), read from this path and decoded the same way (a
    corrected --encoding is redone)."""
    try:
        descriptor = os.open(output, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with open(descriptor, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            document = Document.model_validate_json(handle.read())
        except (OSError, ValueError):
            return None
    same_source = (document.source.path, document.source.sha256, document.source.encoding) == (source.path, source.sha256, source.encoding)
    return document if document.generator == GENERATOR and same_source and _decoded_alike(document, warnings) else None


def _decoded_alike(document: Document, warnings: list[Warning]) -> bool:
    """Whether the document holds the warnings this run's decoding gave, and no guessed
    encoding where this run was told it (the same codec, guessed or given, makes another
    document)."""
    return all(warning in document.warnings for warning in warnings) and _guessed(document.warnings) == _guessed(warnings)


def _guessed(warnings: list[Warning]) -> bool:
    return any(warning.code == "encoding-guessed" for warning in warnings)


# writing --------------------------------------------------------------------------------------

_TEMPORARY = re.compile(r"\.bulletin-parse\.(\d+)\.[0-9a-f]{8}\.partial")
_writing: set[Path] = set()  # this process's temporary files, removed should it be stopped


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Have `write` fill a temporary file, then rename it into place, so a killed run never
    leaves half a file. The temporary name is this process's own (pid and a random part: two
    runs into one folder must not write into one file) and short (an output name may be 255
    bytes). Whatever fails, the temporary file is removed: a full disk must not stay full of
    them. No fsync: a rename after a complete write is all a killed process needs, and should a
    power cut leave a file empty, the next run redoes it (it does not parse)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".bulletin-parse.{os.getpid()}.{secrets.token_hex(4)}.partial")
    # O_EXCL | O_NOFOLLOW: never write into a file or through a link that was there before
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    _writing.add(temporary)  # before it exists: a signal handled as the open returns must find it
    try:
        descriptor = os.open(temporary, flags, 0o666)
        with open(descriptor, "wb") as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise
    finally:
        _writing.discard(temporary)


def write_file(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """`write_atomically`, but a FIFO or a device already at `path` (`--figures-csv /dev/stdout`,
    a shell's `>(gzip > f.gz)`) is written into: renaming onto it would replace it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        write_atomically(path, write)
        return
    with open(path, "wb") as handle:
        write(handle)


def remove_temporaries() -> None:
    """Remove what this process is writing; for a process being stopped by a signal."""
    for temporary in list(_writing):
        _remove(temporary)


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


def compact_json(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_json(document, buffer)
    return buffer.getvalue()


FIGURE_COLUMNS = (
    "document", "report", "title", "region", "point", "section", "text", "start", "end", "line",
    "value", "low", "high", "approx", "unit", "kind", "iso", "subject", "quoted",
)


def figure_rows(document: Document) -> tuple[Row, ...]:
    """One row per figure, with where it stands, in FIGURE_COLUMNS order."""
    reports: dict[int | None, Report] = {report.index: report for report in document.reports}  # keyed as figure.report: None finds none
    rows: list[Row] = []
    for figure in document.figures:
        report = reports.get(figure.report)
        rows.append((
            document.source.path, figure.report, report.title if report else None, report.region if report else None,
            figure.point, figure.section, figure.text, figure.span[0], figure.span[1], figure.line,
            _plain(figure.value), _plain(figure.low), _plain(figure.high), figure.approx, figure.unit, figure.kind,
            figure.iso, figure.subject, figure.quoted,
        ))
    return tuple(rows)


def _plain(number: Decimal | None) -> str | None:
    return None if number is None else format(number, "f")


def figures_csv(rows: Iterable[Row]) -> str:
    """The figures table as CSV text; written with a BOM so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIGURE_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


# converting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    encoding: str | None
    want_json: bool  # return the compact document to the caller (--jsonl)
    want_rows: bool  # return figure rows (--figures-csv)
    force: bool
    max_size: int = MAX_SIZE  # inputs larger than this are refused
    want_text: bool = False  # write beside each JSON the text its spans index (--text)
    want_html: bool = False  # write beside each JSON its review page, NAME.html (--html)


def convert(job: Job, settings: Settings) -> Outcome:
    """Read one input, parse it unless its output is up to date, and write its output; runs in
    a worker process. Never raises: whatever goes wrong is the outcome's one-line error."""
    try:
        return _convert(job, settings)
    except BulletinError as error:
        return Outcome(job.source, error=error.problem)
    except Exception as error:  # a bug of ours must not stop the other files
        return Outcome(job.source, error=f"internal error ({type(error).__name__}: {error})")


def _write_bytes(data: bytes, stream: BinaryIO) -> None:
    stream.write(data)


def _convert(job: Job, settings: Settings) -> Outcome:
    text, source, warnings = read_source(job.source, settings.encoding, settings.max_size)
    if job.output and settings.want_text:
        text_path = job.output.with_suffix(".txt")  # NAME.json's spans index NAME.txt (a PDF's text as read)
        try:
            write_atomically(text_path, partial(_write_bytes, text.encode("utf-8", "replace")))
        except OSError as error:
            return Outcome(job.source, error=f"cannot write {path_text(text_path)} ({error.strerror or error})")
    if job.output and not settings.force:
        existing = existing_output(job.output, source, warnings)
        if existing is not None:
            if settings.want_html:
                return _with_page(job, existing, text, settings, skipped=True)
            return _outcome(job.source, existing, settings, skipped=True)
    document = parse_source(text, source, warnings)
    if not (job.output and settings.want_html):
        del text  # a large file's text is not held beside its document unless the page needs it
    if job.output:
        try:
            write_atomically(job.output, partial(write_pretty_json, document))
        except OSError as error:
            return Outcome(job.source, error=f"cannot write {path_text(job.output)} ({error.strerror or error})")
        if settings.want_html:
            return _with_page(job, document, text, settings)
    return _outcome(job.source, document, settings)


def page_path(output: Path) -> Path:
    """The review page beside NAME.json: NAME.html."""
    return output.with_suffix(".html")


def _with_page(job: Job, document: Document, text: str, settings: Settings, skipped: bool = False) -> Outcome:
    """Write the review page beside the JSON, and say so in the outcome. A skipped input's page
    is written again only when it is missing or older than its JSON."""
    from .review import render_page

    assert job.output is not None  # only jobs that write a JSON get a page
    page = page_path(job.output)
    if not (skipped and _newer_or_same(page, job.output)):
        try:
            write_atomically(page, partial(_write_bytes, render_page(document, text).encode("utf-8", "replace")))
        except OSError as error:
            return Outcome(job.source, error=f"cannot write {path_text(page)} ({error.strerror or error})")
    return _outcome(job.source, document, settings, skipped=skipped, page=page)


def _newer_or_same(path: Path, than: Path) -> bool:
    try:
        status = os.stat(path, follow_symlinks=False)
        return stat.S_ISREG(status.st_mode) and status.st_mtime_ns >= os.stat(than).st_mtime_ns
    except OSError:
        return False


def _outcome(source: Path, document: Document, settings: Settings, skipped: bool = False, page: Path | None = None) -> Outcome:
    if settings.want_html:
        from .review import masthead_label  # Jinja2 is imported only for pages
    return Outcome(
        source,
        masthead=masthead_label(document) if settings.want_html else "",
        page=page,
        json=compact_json(document) if settings.want_json else None,
        figure_rows=figure_rows(document) if settings.want_rows else (),
        reports=len(document.reports),
        figures=len(document.figures),
        warnings=len(document.warnings),
        skipped=skipped,
    )


def run_jobs(jobs: list[Job], settings: Settings, workers: int, on_done: Callable[[], None] = lambda: None) -> Generator[Outcome, None, None]:
    """Outcomes in input order, whatever the number of worker processes. Workers are no more
    than the jobs and than the open-file limit allows; should the run end early (an error, a
    signal, the caller closing this generator), they are stopped and remove what they were
    writing. `BatchError` says, in one line, why the workers could not run."""
    workers = min(workers, len(jobs), worker_limit())
    if workers <= 1:
        for job in jobs:
            yield convert(job, settings)
            on_done()
        return
    # chunks big enough to keep the workers' inter-process traffic low, small enough that every
    # worker gets several of them (the last stragglers cost little)
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),))
    finished = False
    try:
        # submitted chunk by chunk, not by pool.map: on its way out, map cancels what is pending,
        # and Python 3.11's pool then fails on the cancelled work when stopped workers break it
        try:
            with _signals_held():
                chunks = [pool.submit(_convert_chunk, jobs[start : start + chunk], settings) for start in range(0, len(jobs), chunk)]
        except OSError as error:  # the first submit starts the workers
            raise BatchError(f"cannot start {workers} worker processes ({error.strerror or error}); try a smaller -j") from None
        for done in chunks:
            for outcome in done.result():
                yield outcome
                on_done()
        finished = True
    except BrokenProcessPool:
        raise BatchError("a worker process died (killed, or out of memory?); run the same command again to resume") from None
    finally:
        if not finished:
            _stop_workers()
        pool.shutdown(wait=finished)


def _convert_chunk(jobs: list[Job], settings: Settings) -> list[Outcome]:
    return [convert(job, settings) for job in jobs]


def worker_limit() -> int:
    """How many worker processes the open-file limit leaves room for: each costs the parent about
    two descriptors (20 workers took 46), and every process keeps a margin for its own files."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        in_use = len(os.listdir("/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"))
    except (ImportError, OSError):
        return sys.maxsize
    if soft == resource.RLIM_INFINITY:
        return sys.maxsize
    return max(1, (soft - in_use - 32) // 3)


def _stop_workers() -> None:
    """Stop this process's worker processes; each removes its temporary file as it goes. One that
    does not stop within seconds (deep in a long regex) is killed: the next run removes what it
    leaves."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    deadline = time.monotonic() + 5
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()
            child.join()


_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while workers are forked: a forked worker has its parent's handlers
    until `_start_worker` puts its own in place, and a stop in between would raise where nothing
    catches it, leaving a worker that never ends. Held, they wait for the worker's own."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def _start_worker(parent: int) -> None:
    """Set up a worker process: Ctrl-C is for the parent to handle (it stops the workers), a stop
    removes the file being written, and the worker dies with its parent. A parent killed with -9
    cannot stop its workers, and they would wait for work forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held by the parent while it forked
    if not _ask_to_die_with(parent):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker could ask
        _stop_worker(signal.SIGTERM, None)


def _ask_to_die_with(parent: int) -> bool:
    """Linux: have the kernel send SIGTERM when the parent dies (prctl PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        status: int = ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
        return status == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    """Elsewhere: look for the parent every second, and stop once it is gone."""
    while os.getppid() == parent:
        time.sleep(1)
    remove_temporaries()
    os._exit(1)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    remove_temporaries()
    os._exit(128 + signum)
