"""The command line: a thin shell over `parse_file`.

Errors are one line on stderr naming the file and what to try; `--debug` shows the traceback.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .decode import BulletinError
from .models import Document
from .pipeline import parse_bytes, parse_file

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


def fail(path: str, problem: str) -> None:
    typer.echo(f"bulletin-parse: error: {path}: {problem}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bulletin-parse {__version__}")
        raise typer.Exit()


@app.command()
def run(
    path: Annotated[Optional[str], typer.Argument(help="a bulletin text file, or - for standard input")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="decode with this encoding instead of detecting it")] = None,
    schema: Annotated[bool, typer.Option("--schema", help="print the JSON Schema of the output and exit")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="show the traceback of an unexpected failure")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")] = False,
) -> None:
    """Turn a Chinese People's Congress work bulletin into JSON."""
    if schema:
        typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
        return
    if path is None:
        raise typer.BadParameter("give a bulletin file, or - for standard input", param_hint="PATH")
    try:
        if path == "-":
            document = parse_bytes(sys.stdin.buffer.read(), "-", encoding)
        else:
            document = parse_file(path, encoding)
    except BulletinError as error:
        fail(path, str(error))
        raise typer.Exit(1) from None
    except Exception as error:  # a bug of ours: say so in one line, keep the traceback for --debug
        if debug:
            traceback.print_exc()
        fail(path, f"internal error ({type(error).__name__}: {error}); rerun with --debug and report it")
        raise typer.Exit(1) from None
    sys.stdout.write(document.model_dump_json(indent=2) + "\n")


def main() -> None:
    app()
