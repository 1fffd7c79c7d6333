"""Batch conversion of an archive: find the inputs, name their outputs, parse in worker
processes, write every file atomically, and resume where an earlier run stopped.

The CLI drives these functions; each is usable on its own.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import partial
from itertools import count
from pathlib import Path
from typing import BinaryIO

from .decode import BulletinError
from .models import Document, write_json, write_pretty_json
from .pipeline import parse_file
from .version import __version__

GENERATOR = f"bulletin-parse {__version__}"


@dataclass(frozen=True)
class Job:
    source: Path  # the input file, as found
    output: Path | None  # where its JSON goes in -o mode


@dataclass(frozen=True)
class Outcome:
    source: Path
    json: bytes | None = None  # the document, compact, when the caller wants it back
    figure_rows: tuple[tuple, ...] = ()
    reports: int = 0
    figures: int = 0
    warnings: int = 0
    error: str | None = None
    skipped: bool = False


def find_inputs(paths: Iterable[Path], pattern: str) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Every input file with its path relative to the folder it was found in, in path order;
    problems found on the way (missing paths) are returned as messages. Folders are walked
    recursively, following links but never entering the same folder twice (a link loop ends
    there). The pattern matches file names case-insensitively: archives copied from Windows say
    .TXT."""
    found: list[tuple[Path, Path]] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            found += sorted(_walk(path, pattern.casefold()), key=lambda pair: pair[1].parts)
        elif path.exists():
            found.append((path, Path(path.name)))
        else:
            problems.append(f"{path}: does not exist")
    return found, problems


def _walk(root: Path, pattern: str) -> Iterator[tuple[Path, Path]]:
    seen: set[tuple[int, int]] = set()
    for folder, subfolders, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in seen:
            subfolders[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        for name in files:
            if fnmatch(name.casefold(), pattern):
                path = Path(folder, name)
                yield path, path.relative_to(root)


def plan_outputs(inputs: list[tuple[Path, Path]], out: Path) -> tuple[list[Job], list[str]]:
    """An output path under `out` for each input: the same relative path with .json for its
    suffix. Names that would collide (x.txt and x.TXT, even on a case-blind disk) keep their
    whole file name instead, and a warning says so; nothing is ever overwritten by a sibling."""
    jobs, warnings = [], []
    taken: set[str] = set()
    root = out.resolve()
    inside: dict[Path, bool] = {}  # per output folder: does it resolve inside OUT
    for source, relative in inputs:
        wanted = relative.with_suffix(".json")
        target = next(c for c in _output_names(relative) if str(c).casefold() not in taken)
        taken.add(str(target).casefold())
        if target != wanted:
            warnings.append(f"{source}: output name {wanted} is taken; writing {target}")
        destination = out / target
        # defence in depth: never write outside OUT, even through a link already in OUT's tree.
        # Folders are checked (once each); a link in the file's own place is replaced, not followed.
        folder = destination.parent
        if folder not in inside:
            inside[folder] = folder.resolve().is_relative_to(root)
        if not inside[folder]:
            warnings.append(f"{source}: output {destination} would leave {out}; skipped")
            continue
        jobs.append(Job(source, destination))
    return jobs, warnings


def _output_names(relative: Path) -> Iterator[Path]:
    """x.txt → x.json, else x.txt.json, else x.txt.2.json, x.txt.3.json …"""
    yield relative.with_suffix(".json")
    yield relative.with_name(relative.name + ".json")
    yield from (relative.with_name(f"{relative.name}.{n}.json") for n in count(2))


def is_up_to_date(job: Job) -> bool:
    """Whether an earlier run of this version already wrote the job's whole output, after the
    input last changed (a file cut short by a crash does not end in "}\\n")."""
    try:
        if job.output.stat().st_mtime < job.source.stat().st_mtime:
            return False
        with job.output.open("rb") as handle:
            head = handle.read(512).decode("utf-8", "replace")
            handle.seek(-2, os.SEEK_END)
            complete = handle.read() == b"}\n"
    except OSError:
        return False
    match = re.search(r'"generator":\s*"([^"]*)"', head)
    return complete and bool(match) and match.group(1) == GENERATOR


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Have `write` fill a temporary file, then rename it into place, so a killed run never
    leaves half a file. No fsync: a rename after a complete write is all a killed process needs,
    and should a power cut leave a file empty, the next run redoes it (no `generator` inside)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    # O_NOFOLLOW: a link planted at the temporary name must not carry the write out of OUT
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    with open(descriptor, "wb") as handle:
        write(handle)
    os.replace(partial, path)


def compact_json(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_json(document, buffer)
    return buffer.getvalue()


FIGURE_COLUMNS = (
    "document", "report", "title", "region", "point", "section", "text", "start", "end", "line",
    "value", "low", "high", "approx", "unit", "kind", "iso", "subject", "quoted",
)


def figure_rows(document: Document) -> tuple[tuple, ...]:
    """One row per figure, with where it stands, in FIGURE_COLUMNS order."""
    reports = {report.index: report for report in document.reports}
    rows = []
    for figure in document.figures:
        report = reports.get(figure.report)
        rows.append((
            document.source.path, figure.report, report.title if report else None, report.region if report else None,
            figure.point, figure.section, figure.text, figure.span[0], figure.span[1], figure.line,
            _plain(figure.value), _plain(figure.low), _plain(figure.high), figure.approx, figure.unit, figure.kind,
            figure.iso, figure.subject, figure.quoted,
        ))
    return tuple(rows)


def _plain(number):
    return None if number is None else format(number, "f")


def figures_csv(rows: Iterable[tuple]) -> str:
    """The figures table as CSV text; written with a BOM so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIGURE_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


@dataclass(frozen=True)
class Settings:
    encoding: str | None
    want_json: bool  # return the compact document to the caller (--jsonl)
    want_rows: bool  # return figure rows (--figures-csv)
    force: bool


def convert(job: Job, settings: Settings) -> Outcome:
    """Parse one input and write its output; runs in a worker process. Never raises."""
    if job.output and not settings.force and is_up_to_date(job):
        return _from_existing(job, settings)
    try:
        document = parse_file(job.source, settings.encoding)
    except BulletinError as error:
        return Outcome(job.source, error=str(error))
    except Exception as error:  # a bug of ours must not stop the other files
        return Outcome(job.source, error=f"internal error ({type(error).__name__}: {error})")
    if job.output:
        try:
            write_atomically(job.output, partial(write_pretty_json, document))
        except OSError as error:
            return Outcome(job.source, error=f"cannot write {job.output} ({error.strerror or error})")
    return _outcome(job.source, document, settings)


def _from_existing(job: Job, settings: Settings) -> Outcome:
    if not settings.want_rows and not settings.want_json:
        return Outcome(job.source, skipped=True)
    document = Document.model_validate_json(job.output.read_bytes())
    return _outcome(job.source, document, settings, skipped=True)


def _outcome(source: Path, document: Document, settings: Settings, skipped: bool = False) -> Outcome:
    return Outcome(
        source,
        json=compact_json(document) if settings.want_json else None,
        figure_rows=figure_rows(document) if settings.want_rows else (),
        reports=len(document.reports),
        figures=len(document.figures),
        warnings=len(document.warnings),
        skipped=skipped,
    )


def run_jobs(jobs: list[Job], settings: Settings, workers: int, on_done: Callable[[], None] = lambda: None) -> Iterator[Outcome]:
    """Outcomes in input order, whatever the number of worker processes."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield convert(job, settings)
            on_done()
        return
    # chunks big enough to keep the workers' inter-process traffic low, small enough that every
    # worker gets several of them (the last stragglers cost little)
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(convert, jobs, [settings] * len(jobs), chunksize=chunk):
            yield outcome
            on_done()
