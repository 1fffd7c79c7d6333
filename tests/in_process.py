"""The command run in this process (typer's CliRunner) for the tests of options, messages, exit
statuses and files written: no process start-up for each. What only a real process shows (the
installed entry point, standard input, a terminal, signals, a full or closed standard output)
is tested by running the command."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping

from typer.testing import CliRunner

from bulletin_parse.cli import app, html_without_page


def invoke(*args: object, env: Mapping[str, str | None] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command with these arguments, as `cli.main` reads them (a bare --html included); its
    exit status and its standard output and error as bytes, as `subprocess.run` gives them.
    Standard input is empty and not a pipe, standard output and error not terminals."""
    argv = html_without_page([os.fspath(arg) if isinstance(arg, os.PathLike) else str(arg) for arg in args])
    result = CliRunner(env=env).invoke(app, argv, catch_exceptions=False, prog_name="bulletin-parse")
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout_bytes, result.stderr_bytes)
