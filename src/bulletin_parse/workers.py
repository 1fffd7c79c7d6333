"""Converting the inputs of a batch: one input's conversion (skipped when its output is already
what this run would write, else parsed and written), and the worker processes that run them,
with what stops them cleanly (Ctrl-C, a signal, a parent that died).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from .archive import Job
from .decode import BulletinError
from .files import MAX_SIZE, path_text, read_regular_file
from .models import GENERATOR, Document, Source, Warning, write_pretty_json
from .outputs import compact_json, figure_rows, figures_csv, forget_temporaries, remove_temporaries, write_atomically
from .pipeline import parse_source, read_bytes
from .readers import detect_format


class BatchError(Exception):
    """The run as a whole cannot go on (its workers cannot start, or one died); one line."""


@dataclass(frozen=True)
class Settings:
    encoding: str | None
    want_json: bool  # return the compact document to the caller (--jsonl)
    want_rows: bool  # return the figures' CSV rows (--figures-csv)
    force: bool
    max_size: int = MAX_SIZE  # inputs larger than this are refused
    want_text: bool = False  # write beside each JSON the text its spans index (--text)
    want_html: bool = False  # write beside each JSON its review page, NAME.html (--html)


@dataclass(frozen=True)
class Outcome:
    source: Path
    json: bytes | None = None  # the document, compact, when the caller wants it back
    figures_csv: bytes = b""  # the figures' CSV rows, without a header, UTF-8 (--figures-csv)
    reports: int = 0
    figures: int = 0
    warnings: int = 0
    error: str | None = None
    skipped: bool = False
    masthead: str = ""  # the masthead in one line (title, issue, date), for the review index
    page: Path | None = None  # the review page written (--html)


# resuming -------------------------------------------------------------------------------------


def existing_output(output: Path, source: Source, warnings: list[Warning]) -> Document | None:
    """The document an earlier run left at `output`, when it is exactly what this run would
    write; else None, and the input is converted again. That means: a whole document by this
    version (see `_earlier_document`), for these very bytes (sha256, not a date: an older copy
    put in place has an older date), read from this path and decoded the same way (a corrected
    --encoding is redone)."""
    document = _earlier_document(output)
    if document is None:
        return None
    same_source = (document.source.path, document.source.sha256, document.source.encoding) == (source.path, source.sha256, source.encoding)
    return document if same_source and _decoded_alike(document, warnings) else None


def _current_for_published(output: Path, path: Path, data: bytes) -> Document | None:
    """`existing_output` for a published file (PDF, Word, a web page), told from its bytes alone:
    a reader's text depends on nothing but the bytes (no --encoding), so the same path and sha256
    make the same document, and a resumed run skips it without reading its text again."""
    kind = detect_format(data, path_text(path))
    document = _earlier_document(output) if kind else None
    if document is None or (document.source.path, document.source.format) != (path_text(path), kind):
        return None
    return document if document.source.sha256 == hashlib.sha256(data).hexdigest() else None


def _earlier_document(output: Path) -> Document | None:
    """The whole document at `output` written by this version: a regular file (not a link
    planted in OUT), not cut short by a power cut nor mixed by two runs writing at once."""
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
    return document if document.generator == GENERATOR else None


def _decoded_alike(document: Document, warnings: list[Warning]) -> bool:
    """Whether the document holds the warnings this run's decoding gave, and no guessed
    encoding where this run was told it (the same codec, guessed or given, makes another
    document)."""
    return all(warning in document.warnings for warning in warnings) and _guessed(document.warnings) == _guessed(warnings)


def _guessed(warnings: Sequence[Warning]) -> bool:
    return any(warning.code == "encoding-guessed" for warning in warnings)


# converting one input -------------------------------------------------------------------------


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
    data = read_regular_file(job.source, settings.max_size)
    if job.output and not (settings.force or settings.want_text or settings.want_html):
        current = _current_for_published(job.output, job.source, data)
        if current is not None:
            return _outcome(job.source, current, settings, skipped=True)
    text, source, warnings = read_bytes(data, os.fspath(job.source), settings.encoding)
    del data  # a large file's bytes are not held beside its text
    if job.output and not settings.force:
        existing = existing_output(job.output, source, warnings)
        if existing is not None:
            stale_text = settings.want_text and not _newer_or_same(job.output.with_suffix(".txt"), job.output)
            if stale_text and (problem := _write_text_beside(job.output, text)):
                return Outcome(job.source, error=problem)
            if settings.want_html:
                return _with_page(job, existing, text, settings, skipped=True)
            return _outcome(job.source, existing, settings, skipped=True)
    document = parse_source(text, source, warnings)
    if not (job.output and (settings.want_html or settings.want_text)):
        del text  # a large file's text is not held beside its document unless the page or NAME.txt needs it
    if job.output:
        try:
            write_atomically(job.output, partial(write_pretty_json, document))
        except OSError as error:
            return Outcome(job.source, error=f"cannot write {path_text(job.output)} ({error.strerror or error})")
        if settings.want_text and (problem := _write_text_beside(job.output, text)):
            return Outcome(job.source, error=problem)
        if settings.want_html:
            return _with_page(job, document, text, settings)
    return _outcome(job.source, document, settings)


def _write_text_beside(output: Path, text: str) -> str | None:
    """NAME.txt beside NAME.json, the text its spans index (a PDF's as read), written after the
    JSON so that a resumed run finds it current; the error line when it cannot be written."""
    path = output.with_suffix(".txt")
    try:
        write_atomically(path, partial(_write_bytes, text.encode("utf-8", "replace")))
    except OSError as error:
        return f"cannot write {path_text(path)} ({error.strerror or error})"
    return None


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
        figures_csv=figures_csv(figure_rows(document), header=False) if settings.want_rows else b"",
        reports=len(document.reports),
        figures=len(document.figures),
        warnings=len(document.warnings),
        skipped=skipped,
    )


# the worker processes -------------------------------------------------------------------------


def run_jobs(
    jobs: list[Job], settings: Settings, workers: int, on_done: Callable[[], None] = lambda: None
) -> Generator[Outcome, None, None]:
    """Outcomes in input order, whatever the number of worker processes: `workers` of them, no
    more than the jobs (the caller keeps it within `worker_limit()`). Should the run end early
    (an error, a signal, the caller closing this generator), they are stopped and remove what
    they were writing. `BatchError` says, in one line, why the workers could not run."""
    workers = min(workers, len(jobs))
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
            _let_go(pool)
        pool.shutdown()


def _let_go(pool: ProcessPoolExecutor) -> None:
    """A worker stopped while it sent its outcomes (a --jsonl chunk is large) leaves part of a
    message in the pipe, and the pool's thread would wait for the rest forever, and the exit of
    the interpreter with it. The workers gone, closing this process's end for writing (the pool
    has no public way) lets that thread read the end of the pipe instead."""
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        with suppress(OSError):
            writer.close()


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
    removes the file being written (its own: those its parent was writing when it forked are
    the parent's), and the worker dies with its parent. A parent killed with -9 cannot stop its
    workers, and they would wait for work forever."""
    forget_temporaries()
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
