"""The command line: a thin shell over `parse_file` and the batch functions.

Errors are one line on stderr naming the file and what to try; `--debug` shows the traceback.
Exit status: 0 all inputs parsed, 1 at least one failed (the rest still converted), 2 bad usage.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from .decode import BulletinError, canonical_encoding
from .files import MAX_SIZE, path_text, read_limited, unreadable
from .models import Document, write_pretty_json
from .pipeline import parse_source, read_bytes, read_source
from .version import __version__

if TYPE_CHECKING:  # imported where used: a single file never needs the batch's start-up time
    from .batch import Job, Outcome, Row, Settings

DEFAULT_GLOB = "*.txt,*.pdf,*.docx,*.doc,*.html,*.htm"  # every form read; --glob narrows it

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def say_error(path: object, problem: str) -> None:
    """One line on stderr; the path as JSON writes it (a name that is not UTF-8 escaped)."""
    shown = path_text(path) if isinstance(path, (str, os.PathLike)) else path
    typer.echo(f"bulletin-parse: error: {shown}: {problem}", err=True)


def _size(value: str) -> int:
    """--max-size: bytes, or a number with K, M or G (powers of 1024)."""
    match = re.fullmatch(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", value, re.IGNORECASE)
    if not match:
        raise typer.BadParameter(f"{value!r} is not a size; give bytes or a number with K, M or G (256M)")
    scale: int = 1024 ** "_kmg".index(match.group(2).lower() or "_")  # int ** int is typed Any: a negative power is a float
    return int(match.group(1)) * scale


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bulletin-parse {__version__}")
        raise typer.Exit()


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="bulletin files or folders; - reads standard input", show_default=False, metavar="PATH", readable=False)] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="folder for one JSON per input (or FILE.jsonl with --jsonl)")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="one compact document per line, in input order")] = False,
    figures_csv_path: Annotated[Path | None, typer.Option("--figures-csv", help="also write every figure as a CSV row (UTF-8 with BOM)")] = None,
    text_out: Annotated[Path | None, typer.Option("--text-out", metavar="FILE", help="also write the text the spans index (a PDF's, Word file's or web page's as read), one input only")] = None,
    text: Annotated[bool, typer.Option("--text", help="with -o: also NAME.txt beside each NAME.json, the text its spans index")] = False,
    html: Annotated[str | None, typer.Option("--html", metavar="[PAGE.html]", show_default=False,
                                                help="also write the review page (one self-contained HTML file): to PAGE.html for one input "
                                                     "(- for stdout); with -o and no name, NAME.html beside each NAME.json and index.html")] = None,
    view: Annotated[bool, typer.Option("--view", help="print a summary to read (masthead, reports, figure tables) instead of the JSON")] = False,
    glob: Annotated[str, typer.Option(help="which files to take from folders, patterns parted by commas (case-insensitive)")] = DEFAULT_GLOB,
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, show_default=False, help="worker processes [default: CPU count]")] = os.cpu_count() or 1,
    force: Annotated[bool, typer.Option("--force", help="redo inputs whose output is already up to date")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="print nothing but errors")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="in a batch, also name each file not read (not matching --glob)")] = False,
    encoding: Annotated[str | None, typer.Option(help="decode with this encoding instead of detecting it")] = None,
    max_size: Annotated[int, typer.Option("--max-size", parser=_size, metavar="SIZE", help="refuse inputs larger than this (K, M, G)")] = f"{MAX_SIZE // 1024 ** 2}M",  # type: ignore[assignment]  # typer passes this text default through parser=_size: the function gets bytes, the help shows 256M
    schema: Annotated[bool, typer.Option("--schema", help="print the JSON Schema of the output and exit")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show the traceback of an unexpected failure")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")] = False,
) -> None:
    """Turn Chinese People's Congress work bulletins into JSON."""
    if schema:
        typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
        return
    if encoding:
        try:
            canonical_encoding(encoding)
        except BulletinError as error:
            raise typer.BadParameter(error.problem, param_hint="--encoding") from None
    if not paths and _stdin_is_piped():
        paths = [Path("-")]  # `cat FILE | bulletin-parse`, `bulletin-parse < FILE`: that text is the input
    if not paths:
        raise typer.BadParameter("give a bulletin file, a folder, or - for standard input", param_hint="PATH")
    if output == Path("-") and jsonl:
        output = None  # --jsonl -o -: standard output, as without -o
    json_file = output if _names_one_json(paths, output, jsonl, figures_csv_path) else None
    if json_file and _same_file(paths[0], json_file):
        raise typer.BadParameter(f"{path_text(json_file)} is the input; write the JSON elsewhere", param_hint="-o")
    if json_file:
        output = None
    if len(paths) == 1 and not (output or jsonl or figures_csv_path):
        if _is_folder(paths[0]):
            say_error(paths[0], "is a folder; add -o OUT, --jsonl or --figures-csv to convert the files in it")
            raise typer.Exit(1)
        if html == "":
            raise typer.BadParameter("name the page to write: --html PAGE.html (or - for standard output)", param_hint="--html")
        if html == "-" and view:
            raise typer.BadParameter("--html - and --view both print to standard output; name a page file", param_hint="--html")
        if html and html != "-" and _same_file(paths[0], Path(html)):
            raise typer.BadParameter(f"{html!r} is the input; write the page elsewhere", param_hint="--html")
        raise typer.Exit(convert_one(paths[0], encoding, max_size, debug, text_out, html, view, json_file))
    if text_out:
        raise typer.BadParameter("--text-out works with one input", param_hint="--text-out")
    if view:
        raise typer.BadParameter("--view works with one input (and no -o, --jsonl or --figures-csv)", param_hint="--view")
    if Path("-") in paths:
        raise typer.BadParameter("- (standard input) works only alone", param_hint="PATH")
    if not (output or jsonl or figures_csv_path):
        raise typer.BadParameter("several inputs need -o FOLDER, --jsonl or --figures-csv", param_hint="PATH")
    if output and jsonl and output.suffix.lower() != ".jsonl":
        raise typer.BadParameter("with --jsonl, -o names the .jsonl file to write", param_hint="-o")
    for option, path in (("-o", output if jsonl else None), ("--figures-csv", figures_csv_path)):
        if path is not None and (not path.name or _is_folder(path)):
            raise typer.BadParameter(f"{path_text(path)!r} is a folder; name the file to write", param_hint=option)
    if output and not jsonl and os.path.exists(output) and not _is_folder(output):
        raise typer.BadParameter(f"{path_text(output)} is a file; -o names a folder (or, with --jsonl, a FILE.jsonl)", param_hint="-o")
    if text and not (output and not jsonl):
        raise typer.BadParameter("--text writes NAME.txt beside each NAME.json: give -o FOLDER", param_hint="--text")
    if html is not None and not (output and not jsonl):
        raise typer.BadParameter("--html writes NAME.html beside each NAME.json (and index.html): give -o FOLDER", param_hint="--html")
    if html:
        raise typer.BadParameter(f"with -o, --html takes no name ({html!r}): pages go beside each JSON; give --html last, or before another option", param_hint="--html")
    raise typer.Exit(convert_many(paths, output, jsonl, figures_csv_path, glob, jobs, force, quiet, encoding, max_size, text, html is not None, verbose))


def _stdin_is_piped() -> bool:
    """Standard input is a pipe or a file, not a terminal nor /dev/null (a device)."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def _names_one_json(paths: list[Path], output: Path | None, jsonl: bool, figures_csv_path: Path | None) -> bool:
    """`FILE -o x.json`: one input and an output named as a JSON file (not a folder there) is
    that file, not a folder called x.json."""
    return (len(paths) == 1 and output is not None and not jsonl and figures_csv_path is None
            and output.suffix.lower() == ".json" and not _is_folder(output) and not _is_folder(paths[0]))


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _is_folder(path: Path) -> bool:
    """Path.is_dir, but False where it cannot tell (a folder above that cannot be searched):
    reading the path then says why, in one line."""
    try:
        return path.is_dir()
    except OSError:
        return False


def convert_one(path: Path, encoding: str | None, max_size: int, debug: bool, text_out: Path | None = None,
                html: str | None = None, view: bool = False, json_file: Path | None = None) -> int:
    """The everyday case: one file (or stdin) to pretty JSON on stdout, or in `json_file` (or,
    with --view, a summary to read); with --text-out also the text its spans index, with --html
    its review page."""
    page = None
    try:
        if str(path) == "-":
            text, source, warnings = read_bytes(_standard_input(max_size), "-", encoding)
        else:
            text, source, warnings = read_source(path, encoding, max_size)
        document = parse_source(text, source, warnings)
        if html:
            from .review import render_page

            page = render_page(document, text).encode("utf-8", "replace")
    except BulletinError as error:
        say_error(path, error.problem)
        return 1
    except Exception as error:  # a bug of ours: one line, the traceback only with --debug
        if debug:
            traceback.print_exc()
        say_error(path, f"internal error ({type(error).__name__}: {error}); rerun with --debug and report it")
        return 1
    if text_out and not _write_text(text_out, text):
        return 1
    if html == "-":
        assert page is not None  # made above, as --html asked
        return 0 if write_stdout(lambda stream: stream.write(page)) else 1
    if page is not None and html and not _write_page(Path(html), page):  # (a page is made only for --html)
        return 1
    if json_file:
        return 0 if _write_json_file(json_file, document) else 1
    if view or sys.stdout.isatty():  # a person reading: a summary, or the JSON compact and coloured
        return 0 if write_stdout(lambda stream: stream.write(_for_a_person(document, view).encode("utf-8", "replace"))) else 1
    return 0 if write_stdout(lambda stream: write_pretty_json(document, stream)) else 1


def _for_a_person(document: Document, view: bool) -> str:
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


def _write_json_file(path: Path, document: Document) -> bool:
    from .batch import write_file

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, lambda stream: write_pretty_json(document, stream))
        return True
    except OSError as error:
        say_error(path_text(path), f"cannot be written ({error.strerror or error})")
        return False


def _write_page(path: Path, page: bytes) -> bool:
    from .batch import write_file

    try:
        write_file(path, lambda stream: stream.write(page))
        return True
    except OSError as error:
        say_error(path_text(path), f"cannot be written ({error.strerror or error})")
        return False


def _write_text(path: Path, text: str) -> bool:
    """The parsed text as UTF-8, newlines as they are, so that text[start:end] is every span's."""
    try:
        with open(path, "w", encoding="utf-8", errors="replace", newline="") as stream:
            stream.write(text)
        return True
    except OSError as error:
        say_error(path_text(path), f"cannot be written ({error.strerror or error})")
        return False


def _standard_input(max_size: int) -> bytes:
    if sys.stdin is None:  # started with standard input closed
        raise BulletinError("standard input is closed; pipe a bulletin in, or name a file")
    try:
        return read_limited(sys.stdin.buffer, max_size)
    except OSError as error:  # a folder as standard input, a terminal gone
        raise BulletinError(unreadable(error)) from None


def write_stdout(write: Callable[[BinaryIO], object]) -> bool:
    """Have `write` fill standard output; a failure (a full disk) is one line, and standard output
    then goes to /dev/null so that the exit's flush cannot fail again. A reader that stopped
    reading (`| head`, `| jq -e` done early) is no failure: nothing is said."""
    try:
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return True
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return True
    except OSError as error:
        say_error("standard output", f"cannot be written ({error.strerror or error})")
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    """A `write` for `write_stdout` that writes `data`."""
    return lambda stream: stream.write(data)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM and SIGHUP end a batch as Ctrl-C does: through the code that stops the workers
    and removes temporary files, where the default action would kill the process mid-write."""
    raise KeyboardInterrupt


def convert_many(paths: list[Path], output: Path | None, jsonl: bool, figures_csv_path: Path | None, glob: str, jobs: int, force: bool,
                 quiet: bool, encoding: str | None, max_size: int = MAX_SIZE, text: bool = False, html: bool = False,
                 verbose: bool = False) -> int:
    # imported here: worker processes and archive walking cost start-up time a single file never needs
    from .batch import (
        BatchError,
        Job,
        Settings,
        find_inputs,
        overwrites_an_input,
        plan_outputs,
        remove_stale_temporaries,
    )

    to_folder = output is not None and not jsonl
    inputs, problems, unmatched = find_inputs(paths, glob, output if to_folder else None)
    csv_to_stdout = figures_csv_path == Path("-")
    for option, path in (("-o", output if jsonl else None), ("--figures-csv", None if csv_to_stdout else figures_csv_path)):
        if path is not None and overwrites_an_input(path, inputs):
            raise typer.BadParameter(f"{path_text(path)} is also an input; write it elsewhere (or narrow --glob)", param_hint=option)
    for problem in problems:
        typer.echo(f"bulletin-parse: error: {problem}", err=True)
    if to_folder and output is not None:  # (to_folder says it is there)
        planned, naming_warnings, refused = plan_outputs(inputs, output, ("index.json",) if html else ())
    else:
        planned, naming_warnings, refused = [Job(source, None) for source, _ in inputs], [], []
    for problem in refused:
        typer.echo(f"bulletin-parse: error: {problem}", err=True)
    if not quiet:
        for warning in naming_warnings:
            typer.echo(f"bulletin-parse: warning: {warning}", err=True)
    if verbose:
        for path in unmatched:
            typer.echo(f"bulletin-parse: not read (not matching {glob}): {path_text(path)}", err=True)
    written = {job.output.parent for job in planned if job.output} | {path.parent for path in (output if jsonl else None, figures_csv_path) if path and not csv_to_stdout}
    remove_stale_temporaries(written)
    settings = Settings(encoding=encoding, want_json=jsonl, want_rows=figures_csv_path is not None, force=force, max_size=max_size, want_text=text,
                        want_html=html)
    totals = {"converted": 0, "skipped": 0, "failed": len(problems) + len(refused), "reports": 0, "figures": 0, "warnings": 0}
    for name in ("SIGTERM", "SIGHUP"):  # stopped: workers and temporary files go first
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    try:
        lines, rows, complete, pages = _convert_all(planned, settings, jobs, quiet, totals, jsonl and not output)
        unwritten = _write_collected(output if jsonl else None, lines, figures_csv_path, rows) if complete else 1
        if html and complete:
            assert output is not None  # --html writes into -o FOLDER
            unwritten += _write_index(output, planned, pages, problems + refused)
    except KeyboardInterrupt:
        typer.echo("bulletin-parse: error: interrupted; run the same command again to resume", err=True)
        return 1
    except BatchError as error:
        typer.echo(f"bulletin-parse: error: {error}", err=True)
        return 1
    if not quiet:
        typer.echo(_summary(len(planned) + len(problems) + len(refused), totals, len(unmatched), glob), err=True)
    return 1 if totals["failed"] or unwritten else 0


def _convert_all(planned: list[Job], settings: Settings, jobs: int, quiet: bool, totals: dict[str, int],
                 to_stdout: bool) -> tuple[list[bytes], list[Row], bool, list[Outcome]]:
    """Run the jobs, counting in `totals` and naming every failure; returns the JSON lines for a
    .jsonl file, the figure rows, whether the run got to its end (standard output can fail),
    and with --html every outcome, in input order, for the index of the pages."""
    from dataclasses import replace

    from .batch import run_jobs

    lines: list[bytes] = []
    rows: list[Row] = []
    pages: list[Outcome] = []
    with _progress(len(planned), quiet) as (advance, say):
        outcomes = run_jobs(planned, settings, jobs, advance)
        try:
            for outcome in outcomes:
                if settings.want_html:
                    pages.append(replace(outcome, json=None, figure_rows=()))
                if outcome.error:
                    totals["failed"] += 1
                    say(outcome.source, outcome.error)
                    continue
                totals["skipped" if outcome.skipped else "converted"] += 1
                if not outcome.skipped:  # the summary speaks of what this run converted
                    for key in ("reports", "figures", "warnings"):
                        totals[key] += getattr(outcome, key)
                rows += outcome.figure_rows
                if to_stdout:
                    assert outcome.json is not None  # --jsonl: every converted outcome carries its document
                    if not write_stdout(_writer(outcome.json + b"\n")):
                        return lines, rows, False, pages
                elif settings.want_json:
                    assert outcome.json is not None
                    lines.append(outcome.json)
        finally:
            outcomes.close()  # stops the workers when the loop ends early
    return lines, rows, True, pages


def _write_index(output: Path, planned: list[Job], outcomes: list[Outcome], problems: list[str]) -> int:
    """OUT/index.html: one row per bulletin, linking to its page and its JSON; the inputs that
    could not be read are listed too. Returns 1 when it cannot be written."""
    from .batch import write_file
    from .review import IndexRow, link, render_index

    rows = []
    for job, outcome in zip(planned, outcomes, strict=True):  # one outcome per job, in order
        if outcome.error:
            rows.append(IndexRow(path_text(outcome.source), error=outcome.error))
            continue
        assert job.output is not None  # a job of -o FOLDER names its JSON
        rows.append(IndexRow(
            path_text(outcome.source),
            page=link(outcome.page, output) if outcome.page else None,
            json=link(job.output, output),
            masthead=outcome.masthead,
            reports=outcome.reports,
            figures=outcome.figures,
            warnings=outcome.warnings,
            skipped=outcome.skipped,
        ))
    for problem in problems:
        source, _, reason = problem.partition(": ")
        rows.append(IndexRow(source, error=reason or problem))
    index = output / "index.html"
    try:
        write_file(index, lambda stream: stream.write(render_index(rows, f"bulletin-parse review: {path_text(output)}").encode("utf-8", "replace")))
    except OSError as error:
        say_error(index, f"cannot be written ({error.strerror or error})")
        return 1
    return 0


def _write_collected(jsonl_path: Path | None, lines: list[bytes], figures_csv_path: Path | None, rows: list[Row]) -> int:
    """Write the .jsonl file and the figures table, if asked for; returns how many failed."""
    from .batch import figures_csv, write_file

    collected: list[tuple[Path, Callable[[BinaryIO], object]]] = []
    unwritten = 0
    if jsonl_path:
        collected.append((jsonl_path, lambda stream: stream.writelines(line + b"\n" for line in lines)))
    if figures_csv_path == Path("-"):
        unwritten += not write_stdout(lambda stream: stream.write(figures_csv(rows).encode("utf-8-sig")))
    elif figures_csv_path:
        collected.append((figures_csv_path, lambda stream: stream.write(figures_csv(rows).encode("utf-8-sig"))))
    for path, write in collected:
        try:
            write_file(path, write)
        except OSError as error:
            say_error(path, f"cannot be written ({error.strerror or error})")
            unwritten += 1
    return unwritten


def _summary(files: int, totals: dict[str, int], unmatched: int, glob: str) -> str:
    not_read = f"; {unmatched} files not matching {glob} (-v names them)" if unmatched else ""
    return (
        f"{files} files: {totals['converted']} converted, {totals['skipped']} skipped (up to date), "
        f"{totals['failed']} failed; the converted hold {totals['reports']} reports, {totals['figures']} figures, "
        f"{totals['warnings']} warnings{not_read}"
    )


@contextmanager
def _progress(total: int, quiet: bool) -> Iterator[tuple[Callable[[], None], Callable[[object, str], None]]]:
    """A progress bar on stderr (files, rate, time left), only for a person at a terminal;
    yields the function that marks one file done and the one that names a failed file (above
    the bar, never glued to it). The bar is cleared at the end."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None, say_error
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed or 0:.1f} files/s")

    columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(), FilesPerSecond(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("files", total=total)

        def say_above(path: object, problem: str) -> None:
            """An error printed above the bar, which is drawn again under it."""
            shown = path_text(path) if isinstance(path, (str, os.PathLike)) else path
            progress.console.print(f"bulletin-parse: error: {shown}: {problem}", markup=False, highlight=False, soft_wrap=True)

        yield (lambda: progress.advance(task)), say_above


def html_without_page(args: list[str]) -> list[str]:
    """`--html` names its page with one input, and takes no name in a batch (a page goes beside
    each JSON). Click options take a value or none, never either: `--html` given last, or just
    before another option, is read as `--html=` (no name)."""
    args = list(args)
    for position, arg in enumerate(args):
        if arg == "--":
            break
        following = args[position + 1] if position + 1 < len(args) else None
        if arg == "--html" and (following is None or (following.startswith("-") and following != "-")):
            args[position] = "--html="
    return args


def main() -> None:
    app(args=html_without_page(sys.argv[1:]))
