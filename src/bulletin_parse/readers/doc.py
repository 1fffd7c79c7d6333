"""Word 97–2003 (.doc) bulletins, read with antiword when it is installed.

No maintained Python library reads the old binary format, and antiword is small and packaged
everywhere (`apt-get install antiword`). It writes each paragraph on one line (`-w 0`) with a
blank line after it, and a table row as `|cell   |cell   |`; a row becomes one line with its
cells set out in columns, as the Word reader writes it. antiword reports no fonts, so a .doc has
no title lines.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import cache

from ..decode import BulletinError
from ..reflow import SET_OUT
from . import Published

TIMEOUT = 120  # seconds; antiword reads a bulletin in milliseconds
TABLE_ROW = re.compile(r"^\|(.*)\|[ \t]*$", re.MULTILINE)
INSTALL = "install antiword (apt-get install antiword) or save it as .docx"


def read_doc(data: bytes) -> Published:
    """The text of a .doc through antiword, one paragraph per line."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise BulletinError(f"is a Word 97-2003 .doc file, which needs antiword; {INSTALL}")
    with tempfile.NamedTemporaryFile(suffix=".doc") as file:  # antiword reads files, not pipes
        file.write(data)
        file.flush()
        try:
            done = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", file.name], check=False, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise BulletinError(f"antiword did not finish within {TIMEOUT} s; save it as .docx") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BulletinError(f"antiword cannot read it ({said[-1] if said else f'exit {done.returncode}'}); save it as .docx")
    text = TABLE_ROW.sub(_row, done.stdout.decode("utf-8", "replace")).strip("\n")
    if not text.strip():
        raise BulletinError("is a Word file without text")
    return Published(text + "\n", "doc", _version(antiword), None, frozenset())


def _row(match: re.Match[str]) -> str:
    return SET_OUT.join(cell.strip() for cell in match.group(1).split("|") if cell.strip())


@cache
def _version(antiword: str) -> str:
    """The tool and its version ("antiword 0.37"), from the usage antiword prints when run without a file."""
    usage = subprocess.run([antiword], check=False, capture_output=True, timeout=TIMEOUT).stderr.decode("utf-8", "replace")
    found = re.search(r"Version:\s*(\S+)", usage)
    return f"antiword {found.group(1)}" if found else "antiword"
