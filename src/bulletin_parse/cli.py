"""The command line: its options and their checks over `parse_source` (one input) and
`batch.convert_archive` (a batch); `console` prints what they say.

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
from typing import Annotated, BinaryIO

import typer

from .archive import DEFAULT_GLOB
from .console import StandardOutput, for_a_person, progress, say_error, summary_line, write_stdout
from .decode import BulletinError, canonical_encoding
from .files import MAX_SIZE, path_text, read_limited, unreadable, unwritable
from .models import Document, write_pretty_json
from .pipeline import parse_source, read_bytes, read_source
from .version import __version__

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


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
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="bulletin files or folders; - reads standard input", show_default=False, metavar="PATH", readable=False),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="folder for one JSON per input (or FILE.jsonl with --jsonl)")
    ] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="one compact document per line, in input order")] = False,
    figures_csv_path: Annotated[
        Path | None, typer.Option("--figures-csv", help="also write every figure as a CSV row (UTF-8 with BOM)")
    ] = None,
    text_out: Annotated[
        Path | None,
        typer.Option(
            "--text-out",
            metavar="FILE",
            help="also write the text the spans index (a PDF's, Word file's or web page's as read), one input only",
        ),
    ] = None,
    text: Annotated[bool, typer.Option("--text", help="with -o: also NAME.txt beside each NAME.json, the text its spans index")] = False,
    html: Annotated[
        str | None,
        typer.Option(
            "--html",
            metavar="[PAGE.html]",
            show_default=False,
            help="also write the review page (one self-contained HTML file): to PAGE.html for one input "
            "(- for stdout); with -o and no name, NAME.html beside each NAME.json and index.html",
        ),
    ] = None,
    view: Annotated[
        bool, typer.Option("--view", help="print a summary to read (masthead, reports, figure tables) instead of the JSON")
    ] = False,
    glob: Annotated[
        str, typer.Option(help="which files to take from folders, patterns parted by commas (case-insensitive)")
    ] = DEFAULT_GLOB,
    jobs: Annotated[
        int, typer.Option("-j", "--jobs", min=1, show_default=False, help="worker processes [default: CPU count]")
    ] = os.cpu_count() or 1,
    force: Annotated[bool, typer.Option("--force", help="redo inputs whose output is already up to date")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="print nothing but errors")] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="in a batch, also name each file not read (not matching --glob)")
    ] = False,
    encoding: Annotated[str | None, typer.Option(help="decode with this encoding instead of detecting it")] = None,
    max_size: Annotated[
        int, typer.Option("--max-size", parser=_size, metavar="SIZE", help="refuse inputs larger than this (K, M, G)")
    ] = f"{MAX_SIZE // 1024**2}M",  # type: ignore[assignment]  # typer passes this text default through parser=_size: the function gets bytes, the help shows 256M
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
    if jsonl and output is None and figures_csv_path == Path("-"):
        raise typer.BadParameter(
            "--jsonl and the table cannot both go to standard output; name a file for one of them", param_hint="--figures-csv"
        )
    json_file = output if _names_one_json(paths, output, jsonl, figures_csv_path) else None
    if json_file and _same_file(paths[0], json_file):
        raise typer.BadParameter(f"{path_text(json_file)} is the input; write the JSON elsewhere", param_hint="-o")
    if json_file:
        output = None
    if len(paths) == 1 and not (output or jsonl or figures_csv_path):
        if os.path.isdir(paths[0]):
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
        if path is not None and (not path.name or os.path.isdir(path)):
            raise typer.BadParameter(f"{path_text(path)!r} is a folder; name the file to write", param_hint=option)
    if output and not jsonl and os.path.exists(output) and not os.path.isdir(output):
        raise typer.BadParameter(f"{path_text(output)} is a file; -o names a folder (or, with --jsonl, a FILE.jsonl)", param_hint="-o")
    if text and not (output and not jsonl):
        raise typer.BadParameter("--text writes NAME.txt beside each NAME.json: give -o FOLDER", param_hint="--text")
    if html is not None and not (output and not jsonl):
        raise typer.BadParameter("--html writes NAME.html beside each NAME.json (and index.html): give -o FOLDER", param_hint="--html")
    if html:
        raise typer.BadParameter(
            f"with -o, --html takes no name ({html!r}): pages go beside each JSON; give --html last, or before another option",
            param_hint="--html",
        )
    raise typer.Exit(
        convert_many(paths, output, jsonl, figures_csv_path, glob, jobs, force, quiet, encoding, max_size, text, html is not None, verbose)
    )


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
    return (
        len(paths) == 1
        and output is not None
        and not jsonl
        and figures_csv_path is None
        and output.suffix.lower() == ".json"
        and not os.path.isdir(output)
        and not os.path.isdir(paths[0])
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def convert_one(
    path: Path,
    encoding: str | None,
    max_size: int,
    debug: bool,
    text_out: Path | None = None,
    html: str | None = None,
    view: bool = False,
    json_file: Path | None = None,
) -> int:
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
    if page is not None and html and not _write_file(Path(html), lambda stream: stream.write(page)):  # (a page is made only for --html)
        return 1
    if json_file:
        return 0 if _write_file(json_file, lambda stream: write_pretty_json(document, stream)) else 1
    if view or sys.stdout.isatty():  # a person reading: a summary, or the JSON compact and coloured
        return 0 if write_stdout(lambda stream: stream.write(for_a_person(document, view).encode("utf-8", "replace"))) else 1
    return 0 if write_stdout(lambda stream: write_pretty_json(document, stream)) else 1


def _write_file(path: Path, write: Callable[[BinaryIO], object]) -> bool:
    """`outputs.write_file`: the JSON (-o FILE.json) or the page (--html PAGE.html), whole or not at all."""
    from .outputs import write_file

    try:
        write_file(path, write)
        return True
    except OSError as error:
        say_error(path, unwritable(error))
        return False


def _write_text(path: Path, text: str) -> bool:
    """The parsed text as UTF-8, newlines as they are, so that text[start:end] is every span's."""
    return _write_file(path, lambda stream: stream.write(text.encode("utf-8", "replace")))


def _standard_input(max_size: int) -> bytes:
    if sys.stdin is None:  # started with standard input closed
        raise BulletinError("standard input is closed; pipe a bulletin in, or name a file")
    try:
        return read_limited(sys.stdin.buffer, max_size)
    except OSError as error:  # a folder as standard input, a terminal gone
        raise BulletinError(unreadable(error)) from None


@contextmanager
def _stops_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP end a batch as Ctrl-C does: through the code that stops the workers
    and removes temporary files, where the default action would kill the process mid-write.
    Their handlers are put back afterwards."""
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            previous[getattr(signal, name)] = signal.signal(getattr(signal, name), _interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def convert_many(
    paths: list[Path],
    output: Path | None,
    jsonl: bool,
    figures_csv_path: Path | None,
    glob: str,
    jobs: int,
    force: bool,
    quiet: bool,
    encoding: str | None,
    max_size: int = MAX_SIZE,
    text: bool = False,
    html: bool = False,
    verbose: bool = False,
) -> int:
    """A batch: `batch.convert_archive` with the command's options; what it says is printed as
    it comes, a person at a terminal sees a progress bar, and the summary line ends it."""
    # imported here: worker processes and archive walking cost start-up time a single file never needs
    from .batch import UsageError, convert_archive

    def warn(path: Path | str, warning: str) -> None:
        typer.echo(f"bulletin-parse: warning: {path_text(path)}: {warning}", err=True)

    def not_read(path: Path) -> None:
        typer.echo(f"bulletin-parse: not read (not matching {glob}): {path_text(path)}", err=True)

    try:
        with _stops_interrupt(), progress(quiet) as (advance, say):
            summary = convert_archive(
                paths,
                None if jsonl else output,
                jsonl=(output or StandardOutput()) if jsonl else None,
                figures_csv=StandardOutput() if figures_csv_path == Path("-") else figures_csv_path,
                glob=glob,
                jobs=jobs,
                force=force,
                encoding=encoding,
                max_size=max_size,
                text=text,
                html=html,
                on_progress=advance,
                on_problem=say,
                on_warning=None if quiet else warn,
                on_unmatched=not_read if verbose else None,
            )
    except UsageError as error:
        raise typer.BadParameter(str(error), param_hint=_OPTIONS.get(error.parameter)) from None
    except KeyboardInterrupt:
        typer.echo("bulletin-parse: error: interrupted; run the same command again to resume", err=True)
        return 1
    if summary.stopped:
        typer.echo(f"bulletin-parse: error: {summary.stopped}", err=True)
        return 1
    if not quiet:
        typer.echo(summary_line(summary, glob), err=True)
    return 0 if summary.ok else 1


_OPTIONS = {
    "paths": "PATH",
    "out": "-o",
    "jsonl": "-o",
    "figures_csv": "--figures-csv",
    "jobs": "--jobs",
    "encoding": "--encoding",
    "text": "--text",
    "html": "--html",
}  # convert_archive's parameters, as options


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
