"""The command line: a thin shell over `parse_file` and the batch functions.

Errors are one line on stderr naming the file and what to try; `--debug` shows the traceback.
Exit status: 0 all inputs parsed, 1 at least one failed (the rest still converted), 2 bad usage.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from .decode import BulletinError
from .models import Document, write_pretty_json
from .pipeline import parse_bytes, parse_file
from .version import __version__

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def say_error(path: object, problem: str) -> None:
    typer.echo(f"bulletin-parse: error: {path}: {problem}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bulletin-parse {__version__}")
        raise typer.Exit()


@app.command()
def run(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="bulletin files or folders; - reads standard input", show_default=False, metavar="PATH")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="folder for one JSON per input (or FILE.jsonl with --jsonl)")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="one compact document per line, in input order")] = False,
    figures_csv_path: Annotated[Optional[Path], typer.Option("--figures-csv", help="also write every figure as a CSV row (UTF-8 with BOM)")] = None,
    glob: Annotated[str, typer.Option(help="which files to take from folders (case-insensitive)")] = "*.txt",
    jobs: Annotated[int, typer.Option("-j", "--jobs", min=1, show_default=False, help="worker processes [default: CPU count]")] = os.cpu_count() or 1,
    force: Annotated[bool, typer.Option("--force", help="redo inputs whose output is already up to date")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="print nothing but errors")] = False,
    encoding: Annotated[Optional[str], typer.Option(help="decode with this encoding instead of detecting it")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="print the JSON Schema of the output and exit")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show the traceback of an unexpected failure")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")] = False,
) -> None:
    """Turn Chinese People's Congress work bulletins into JSON."""
    if schema:
        typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
        return
    if not paths:
        raise typer.BadParameter("give a bulletin file, a folder, or - for standard input", param_hint="PATH")
    if len(paths) == 1 and not (output or jsonl or figures_csv_path):
        if paths[0].is_dir():
            say_error(paths[0], "is a folder; add -o OUT, --jsonl or --figures-csv to convert the files in it")
            raise typer.Exit(1)
        raise typer.Exit(convert_one(paths[0], encoding, debug))
    if Path("-") in paths:
        raise typer.BadParameter("- (standard input) works only alone", param_hint="PATH")
    if not (output or jsonl or figures_csv_path):
        raise typer.BadParameter("several inputs need -o FOLDER, --jsonl or --figures-csv", param_hint="PATH")
    if output and jsonl and output.suffix.lower() != ".jsonl":
        raise typer.BadParameter("with --jsonl, -o names the .jsonl file to write", param_hint="-o")
    raise typer.Exit(convert_many(paths, output, jsonl, figures_csv_path, glob, jobs, force, quiet, encoding))


def convert_one(path: Path, encoding: str | None, debug: bool) -> int:
    """The everyday case: one file (or stdin) to pretty JSON on stdout."""
    try:
        document = parse_bytes(sys.stdin.buffer.read(), "-", encoding) if str(path) == "-" else parse_file(path, encoding)
    except BulletinError as error:
        say_error(path, str(error))
        return 1
    except Exception as error:  # a bug of ours: one line, the traceback only with --debug
        if debug:
            traceback.print_exc()
        say_error(path, f"internal error ({type(error).__name__}: {error}); rerun with --debug and report it")
        return 1
    if sys.stdout.isatty():  # a person reading: the same JSON, coloured by rich
        from rich.console import Console

        Console().print_json(document.model_dump_json(), indent=2)
    else:
        write_pretty_json(document, sys.stdout.buffer)
    return 0


def convert_many(paths, output, jsonl, figures_csv_path, glob, jobs, force, quiet, encoding) -> int:
    # imported here: worker processes and archive walking cost start-up time a single file never needs
    from .batch import Job, Settings, figures_csv, find_inputs, plan_outputs, run_jobs, write_atomically

    inputs, problems = find_inputs(paths, glob)
    for problem in problems:
        typer.echo(f"bulletin-parse: error: {problem}", err=True)
    to_folder = output is not None and not jsonl
    if to_folder:
        planned, naming_warnings = plan_outputs(inputs, output)
    else:
        planned, naming_warnings = [Job(source, None) for source, _ in inputs], []
    if not quiet:
        for warning in naming_warnings:
            typer.echo(f"bulletin-parse: warning: {warning}", err=True)
    settings = Settings(encoding=encoding, want_json=jsonl, want_rows=figures_csv_path is not None, force=force)
    lines, rows = [], []
    totals = {"converted": 0, "skipped": 0, "failed": len(problems), "reports": 0, "figures": 0, "warnings": 0}
    with _progress(len(planned), quiet) as advance:
        for outcome in run_jobs(planned, settings, jobs, advance):
            if outcome.error:
                totals["failed"] += 1
                say_error(outcome.source, outcome.error)
                continue
            totals["skipped" if outcome.skipped else "converted"] += 1
            if not outcome.skipped:  # the summary speaks of what this run converted
                for key in ("reports", "figures", "warnings"):
                    totals[key] += getattr(outcome, key)
            rows += outcome.figure_rows
            if jsonl:
                if output:
                    lines.append(outcome.json)
                else:
                    sys.stdout.buffer.write(outcome.json + b"\n")
    collected, unwritten = [], 0
    if jsonl and output:
        collected.append((output, lambda stream: stream.writelines(line + b"\n" for line in lines)))
    if figures_csv_path:
        collected.append((figures_csv_path, lambda stream: stream.write(figures_csv(rows).encode("utf-8-sig"))))
    for path, write in collected:
        try:
            write_atomically(path, write)
        except OSError as error:
            say_error(path, f"cannot be written ({error.strerror or error})")
            unwritten += 1
    if not quiet:
        typer.echo(_summary(len(planned) + len(problems), totals), err=True)
    return 1 if totals["failed"] or unwritten else 0


def _summary(files: int, totals: dict) -> str:
    return (
        f"{files} files: {totals['converted']} converted, {totals['skipped']} skipped (up to date), "
        f"{totals['failed']} failed; the converted hold {totals['reports']} reports, {totals['figures']} figures, "
        f"{totals['warnings']} warnings"
    )


@contextmanager
def _progress(total: int, quiet: bool):
    """A progress bar on stderr (files, rate, time left), only for a person at a terminal;
    yields the function that marks one file done."""
    if quiet or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task):
            return Text(f"{task.speed or 0:.1f} files/s")

    columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(), FilesPerSecond(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("files", total=total)
        yield lambda: progress.advance(task)


def main() -> None:
    app()
