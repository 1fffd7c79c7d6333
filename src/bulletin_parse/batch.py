"""Converting an archive: `convert_archive` finds the inputs, names their outputs, parses them in
worker processes, writes every file atomically, and resumes where an earlier run stopped.

    from bulletin_parse.batch import convert_archive

    summary = convert_archive(["archive"], "out", figures_csv="out/figures.csv")
    print(summary.converted, summary.skipped, summary.failed)

It raises only `UsageError` (a `ValueError`), for arguments that ask for what cannot be done,
before anything is written. Everything else that goes wrong is in the summary it returns:
an input that cannot be converted or an output that cannot be written is one of its `problems`
(and is passed to `on_problem` as it happens), and a run that cannot go on (its workers cannot
start, or one died) says why in `stopped`. Ctrl-C (KeyboardInterrupt) is raised through, once the
workers are stopped and the temporary files removed.

Its parts, each usable on its own: `archive` finds the inputs and names their outputs, `workers`
converts one input and runs the worker processes, `outputs` writes files atomically and makes the
figures table.

Paths are carried as Python has them (a name that is not UTF-8 holds lone surrogates and still
opens the file) and written in messages, JSON and CSV as `files.path_text` spells them.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from .archive import DEFAULT_GLOB, Job, Problem, find_inputs, overwrites_an_input, plan_outputs
from .decode import BulletinError, canonical_encoding
from .files import MAX_SIZE, path_text, unwritable
from .outputs import AtomicFile, figures_csv, is_special, remove_stale_temporaries, write_file
from .outputs import write_atomically as write_atomically  # where scripts have found it
from .workers import BatchError, Outcome, Settings, run_jobs, worker_limit

if TYPE_CHECKING:
    from .review import IndexRow


class UsageError(ValueError):
    """Arguments that ask for what cannot be done (the command's exit status 2); nothing was
    written. `parameter` names the argument of `convert_archive` at fault."""

    def __init__(self, message: str, parameter: str) -> None:
        super().__init__(message)
        self.parameter = parameter


class Stream(Protocol):
    """Where JSON lines or the figures table can go instead of a file (`sys.stdout.buffer`); its
    `name`, if it has one, names it in messages."""

    def write(self, data: bytes, /) -> object: ...

    def flush(self) -> object: ...


@dataclass
class ArchiveSummary:
    """What a run did. `files` counts every input (those refused included): `converted` were
    parsed and written, `skipped` were up to date already, `failed` were not converted. `reports`,
    `figures` and `warnings` count what the converted documents hold (the skipped are not
    counted). `problems` names every input not converted and every output not written, with why;
    `unwritten` counts those outputs (the JSON lines, the figures table, the review index)."""

    files: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    reports: int = 0
    figures: int = 0
    warnings: int = 0
    unwritten: int = 0
    problems: list[Problem] = field(default_factory=list)
    renamed: list[Problem] = field(default_factory=list)  # an output name taken (x.txt and x.TXT): the name written instead
    unmatched: list[Path] = field(default_factory=list)  # the files in the folders that `glob` left out
    stopped: str | None = None  # why the run ended early; the JSON lines, table and index are then not written

    @property
    def ok(self) -> bool:
        """Every input converted (or up to date) and every output written."""
        return not (self.failed or self.unwritten or self.stopped)


def convert_archive(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    jsonl: str | os.PathLike[str] | Stream | None = None,
    figures_csv: str | os.PathLike[str] | Stream | None = None,
    glob: str = DEFAULT_GLOB,
    jobs: int | None = None,
    force: bool = False,
    encoding: str | None = None,
    max_size: int = MAX_SIZE,
    text: bool = False,
    html: bool = False,
    on_progress: Callable[[int, int], object] | None = None,
    on_problem: Callable[[Path | str, str], object] | None = None,
    on_warning: Callable[[Path | str, str], object] | None = None,
    on_unmatched: Callable[[Path], object] | None = None,
) -> ArchiveSummary:
    """Convert the bulletin files and folders in `paths` (folders searched recursively for
    `glob`, patterns parted by commas, case-insensitive).

    `out`: a folder mirroring the inputs' tree, one JSON per input, an input skipped when its
    JSON is already what this run would write (`force` redoes it); with `text` also NAME.txt, the
    text its spans index, and with `html` NAME.html, its review page, and out/index.html.
    `jsonl`: one compact document per line, in input order, into a file (put in place when the
    run ends) or a stream (each line as it comes). `figures_csv`: every figure as a row, UTF-8
    with a BOM, into a file or a stream (a stream gets it when the run ends).

    `jobs` worker processes (default: one per CPU; never more than the files, nor than the
    open-file limit leaves room for); `encoding` decodes every input instead of detecting it;
    an input over `max_size` bytes is refused. `on_progress(done, total)` is called once the
    inputs are known and after each one; `on_problem(path, message)` for each input not
    converted or output not written, `on_warning(path, message)` for each output name taken,
    `on_unmatched(path)` for each file `glob` left out, all before the summary is returned."""
    given = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(path) for path in paths]
    folder = None if out is None else Path(out)
    lines_to, table_to = _target(jsonl), _target(figures_csv)
    files = [target for target in (lines_to, table_to) if isinstance(target, Path)]
    workers = (os.cpu_count() or 1) if jobs is None else jobs
    _check_usage(given, folder, lines_to, table_to, workers, encoding, text, html)

    summary = ArchiveSummary()

    def problem(path: Path | str, message: str) -> None:
        summary.problems.append((path, message))
        if on_problem:
            on_problem(path, message)

    inputs, problems, summary.unmatched = find_inputs(given, glob, folder)
    for parameter, target in (("jsonl", lines_to), ("figures_csv", table_to)):
        if isinstance(target, Path) and overwrites_an_input(target, inputs):
            raise UsageError(f"{path_text(target)} is also an input; write it elsewhere (or narrow --glob)", parameter)
    for path, message in problems:
        problem(path, message)
    if folder is not None:
        planned, summary.renamed, refused = plan_outputs(inputs, folder, ("index.json",) if html else ())
    else:
        planned, refused = [Job(source, None) for source, _ in inputs], []
    for path, message in refused:
        problem(path, message)
    for path, message in summary.renamed:
        if on_warning:
            on_warning(path, message)
    for unmatched in summary.unmatched:
        if on_unmatched:
            on_unmatched(unmatched)
    unconverted = list(summary.problems)  # listed on the review index beside the bulletins
    summary.files, summary.failed = len(planned) + len(unconverted), len(unconverted)
    remove_stale_temporaries({job.output.parent for job in planned if job.output} | {file.parent for file in files})
    settings = Settings(
        encoding=encoding,
        want_json=lines_to is not None,
        want_rows=table_to is not None,
        force=force,
        max_size=max_size,
        want_text=text,
        want_html=html,
    )
    lines = table = None
    index: list[IndexRow] = []

    def keep(job: Job, outcome: Outcome) -> None:
        assert folder is not None  # pages go beside the JSON in `out`
        index.append(_index_row(job, outcome, folder))

    complete = False
    try:
        lines = None if lines_to is None else _RunOutput(lines_to)
        # the table to a stream, a FIFO or a device is written when the run ends: it may be where the JSON lines go
        table = (
            None if table_to is None else _RunOutput(table_to, _table_head(), hold=not isinstance(table_to, Path) or is_special(table_to))
        )
        complete = _run(
            planned, settings, min(workers, worker_limit()), summary, problem, on_progress, lines, table, keep if html else None
        )
    except BatchError as error:
        summary.stopped = str(error)
    finally:
        if not complete:
            for output in (lines, table):
                if output:
                    output.discard()
    if complete:
        # a table to a stream first: the stream may be the one the JSON lines went to
        for output in (table, lines) if table and not isinstance(table.target, Path) else (lines, table):
            if output is None:
                continue
            try:
                output.finish()
            except OSError as error:
                problem(output.name, unwritable(error))
                summary.unwritten += 1
        if html and folder:
            _write_index(folder, index, unconverted, problem, summary)
    return summary


def _target(target: str | os.PathLike[str] | Stream | None) -> Path | Stream | None:
    return Path(target) if isinstance(target, (str, os.PathLike)) else target


def _check_usage(
    paths: list[Path],
    out: Path | None,
    jsonl: Path | Stream | None,
    figures_csv: Path | Stream | None,
    jobs: int,
    encoding: str | None,
    text: bool,
    html: bool,
) -> None:
    if not paths:
        raise UsageError("give a bulletin file or a folder", "paths")
    if out is None and jsonl is None and figures_csv is None:
        raise UsageError("nothing to write: give out (a folder), jsonl or figures_csv", "out")
    if jobs < 1:
        raise UsageError(f"jobs is {jobs}; give 1 or more", "jobs")
    if encoding:
        try:
            canonical_encoding(encoding)
        except BulletinError as error:
            raise UsageError(error.problem, "encoding") from None
    if out is not None and os.path.exists(out) and not os.path.isdir(out):
        raise UsageError(f"{path_text(out)} is a file; out names a folder", "out")
    for parameter, path in (("jsonl", jsonl), ("figures_csv", figures_csv)):
        if isinstance(path, Path) and (not path.name or os.path.isdir(path)):
            raise UsageError(f"{path_text(path)!r} is a folder; name the file to write", parameter)
    for parameter, wanted in (("text", text), ("html", html)):
        if wanted and out is None:
            raise UsageError(f"{parameter} writes beside each JSON: give out, a folder", parameter)


def _table_head() -> bytes:
    """The figures table's first bytes: the BOM and the header row."""
    return codecs.BOM_UTF8 + figures_csv(())


def _run(
    planned: list[Job],
    settings: Settings,
    workers: int,
    summary: ArchiveSummary,
    problem: Callable[[Path | str, str], None],
    on_progress: Callable[[int, int], object] | None,
    lines: _RunOutput | None,
    table: _RunOutput | None,
    keep: Callable[[Job, Outcome], object] | None,
) -> bool:
    """Run the jobs, counting in `summary` and naming every failure, the JSON lines and figure
    rows passed on as they come, each job and its outcome given to `keep`; whether the run got
    to its end (a stream can fail)."""
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if on_progress:
            on_progress(done, len(planned))

    if on_progress:
        on_progress(0, len(planned))
    outcomes = run_jobs(planned, settings, workers, advance)
    try:
        for number, outcome in enumerate(outcomes):
            if keep:
                keep(planned[number], outcome)
            if outcome.error:
                summary.failed += 1
                problem(outcome.source, outcome.error)
                continue
            if outcome.skipped:
                summary.skipped += 1
            else:  # the summary speaks of what this run converted
                summary.converted += 1
                summary.reports += outcome.reports
                summary.figures += outcome.figures
                summary.warnings += outcome.warnings
            if table and outcome.figures_csv:
                table.add(outcome.figures_csv)
            if lines:
                assert outcome.json is not None  # jsonl: every converted outcome carries its document
                try:
                    lines.add(outcome.json + b"\n")
                except OSError as error:  # a stream (a file's failure is said when the run ends)
                    problem(lines.name, unwritable(error))
                    summary.unwritten += 1
                    return False
    finally:
        outcomes.close()  # stops the workers when the loop ends early
    return True


class _RunOutput:
    """One output of the whole run: the JSON lines or the figures table. A file is written as the
    outcomes come into a temporary file, put in place by `finish` (a FIFO or a device is written
    into); a stream gets each part as it comes. With `hold`, the parts are kept and written by
    `finish` (the table to a stream: it may be the stream of the JSON lines). A file that cannot
    be written raises its error from `finish`, where writing it ends; a stream raises it from
    `add`."""

    def __init__(self, target: Path | Stream, head: bytes = b"", hold: bool = False) -> None:
        self.target = target
        self.name: Path | str = target if isinstance(target, Path) else str(getattr(target, "name", "the stream"))
        self.held: list[bytes] | None = [head] if hold else None
        self.error: OSError | None = None
        self.file: AtomicFile | None = None  # a regular file's temporary
        self.special: BinaryIO | None = None  # a FIFO or a device, opened
        self.stream: Stream | None = None  # where the parts go as they come
        if hold:
            return
        try:
            if not isinstance(target, Path):
                self.stream = target
            elif is_special(target):
                self.stream = self.special = open(target, "wb")  # noqa: SIM115 - closed by finish or discard
            else:
                self.file = AtomicFile(target)
                self.stream = self.file.stream
            if head:
                self.stream.write(head)
        except OSError as error:
            self._failed(error)

    def add(self, data: bytes) -> None:
        if self.held is not None:
            self.held.append(data)
            return
        if self.stream is None:  # failed: `finish` says so
            return
        try:
            self.stream.write(data)
            if self.file is None:  # a stream or a FIFO: each part as it comes
                self.stream.flush()
        except OSError as error:
            if not isinstance(self.target, Path):
                raise
            self._failed(error)

    def finish(self) -> None:
        if self.error:
            raise self.error
        if self.held is not None:
            whole = b"".join(self.held)
            if isinstance(self.target, Path):
                write_file(self.target, lambda stream: stream.write(whole))
            else:
                self.target.write(whole)
                self.target.flush()
        elif self.file:
            self.file.commit()
        elif self.special:
            self.special.close()

    def discard(self) -> None:
        if self.file:
            self.file.discard()
        if self.special:
            with suppress(OSError):
                self.special.close()

    def _failed(self, error: OSError) -> None:
        self.error = error
        self.discard()
        self.stream = None


def _index_row(job: Job, outcome: Outcome, out: Path) -> IndexRow:
    """The bulletin's row on the review index, linking to its page and its JSON."""
    from .review import IndexRow, link

    if outcome.error:
        return IndexRow(path_text(outcome.source), error=outcome.error)
    assert job.output is not None  # a job of `out` names its JSON
    return IndexRow(
        path_text(outcome.source),
        page=link(outcome.page, out) if outcome.page else None,
        json=link(job.output, out),
        masthead=outcome.masthead,
        reports=outcome.reports,
        figures=outcome.figures,
        warnings=outcome.warnings,
        skipped=outcome.skipped,
    )


def _write_index(
    out: Path, rows: list[IndexRow], unconverted: list[Problem], problem: Callable[[Path | str, str], None], summary: ArchiveSummary
) -> None:
    """out/index.html: one row per bulletin, linking to its page and its JSON; the inputs that
    could not be read are listed too."""
    from .review import IndexRow, render_index

    rows += [IndexRow(path_text(path), error=message) for path, message in unconverted]
    index = out / "index.html"
    try:
        write_file(
            index, lambda stream: stream.write(render_index(rows, f"bulletin-parse review: {path_text(out)}").encode("utf-8", "replace"))
        )
    except OSError as error:
        problem(index, unwritable(error))
        summary.unwritten += 1
