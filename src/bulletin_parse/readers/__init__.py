"""Bulletins as they are published: PDF, Word (.docx and .doc) and web pages, read from the file.

A reader turns a published file into the text the parser indexes (every span and line refers to
it, and it is what `--text-out` writes) plus what only the layout knows: which lines are set as
titles, and where pages end. The format is told by content, not by the file's name, so a saved
page called `.txt` or a PDF without a suffix is still read as what it is. Plain text is no
published form: `read_published` returns None for it and decoding takes over, unchanged.

Each reader imports its library only when a file of its format arrives: reading a `.txt` pays for
no PDF, Word or HTML library.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "docx", "doc", "html"]
TITLE_RATIO = 1.15  # a line (PDF) or paragraph (Word) this much larger than the body is a title
SAME_SIZE = 0.95  # bold at this share of the body size or more counts as "the same size"


class LaidOutText(str):
    """A published file's text that still knows which of its lines the layout sets as titles,
    so the hint travels with the text from reading to parsing (`reflow.paragraphs` takes it as
    `title_lines`). It is the text in every other way; a copy made of it (a slice, a
    replacement) is plain text without the hint, and is parsed by the text's own rules."""

    title_lines: frozenset[int]


@dataclass(frozen=True)
class Published:
    """What a reader made of a published file."""

    text: str  # what spans index; a PDF's pages each end with "\f": page = 1 + form feeds before an offset
    format: Format
    extractor: str  # the library or tool and its version, as "pypdfium2 5.15.2"
    pages: int | None = None  # PDF only: Word and HTML have no fixed pages
    title_lines: frozenset[int] = frozenset()  # 1-based lines of `text` the layout sets as titles
    empty_pages: tuple[int, ...] = field(default=())  # 1-based PDF pages without text in a PDF that has some

    def laid_out_text(self) -> LaidOutText:
        """The text, carrying its title lines."""
        text = LaidOutText(self.text)
        text.title_lines = self.title_lines
        return text


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the stream every Word 97–2003 file holds
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
_MARKUP_START = re.compile(rb"\s*<[!a-z]", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def detect_format(data: bytes, path: str | None = None) -> Format | None:
    """The published format of a file's bytes, or None for text. The suffix only settles a page
    saved without its <html> (a fragment starting with <meta> or <div> named .html)."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else None
    if data.startswith(_OLE2):
        return "doc" if _WORD_STREAM in data else None
    head = _head_as_bytes(data)
    if _HTML_START.match(head):
        return "html"
    if path and path.lower().endswith(_HTML_SUFFIXES) and _MARKUP_START.match(head):
        return "html"
    return None


def _is_docx(data: bytes) -> bool:
    """A zip is a Word file when it holds word/document.xml (an .xlsx or a .zip does not). A zip
    cut short has no directory to list: its first entries' own headers still name word/ parts,
    and the Word reader says it is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return b"word/" in data[:65536]


def _head_as_bytes(data: bytes) -> bytes:
    """The first kilobyte without its byte order mark, as ASCII-compatible bytes (a UTF-16 page
    is sniffed through its decoded head)."""
    head = data[:1024]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore").encode("utf-8")
    return head.removeprefix(codecs.BOM_UTF8)


def read_published(data: bytes, path: str | None = None) -> Published | None:
    """Read a published bulletin, or return None when the bytes are text (for `decode`).
    Raises `BulletinError` with one line a user can act on when the file cannot be read."""
    kind = detect_format(data, path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data)
    if kind == "doc":
        from .doc import read_doc

        return read_doc(data)
    if kind == "html":
        from .html import read_html

        return read_html(data)
    return None
