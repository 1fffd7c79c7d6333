"""PDF bulletins, read from the text layer with pypdfium2 (PDFium).

PDFium gives each page's text in reading order (it follows the content stream, so a two-column
page comes column by column), breaks it where a line of type ends, and gives every character its
box and font. The text alone loses what tells a bulletin's parts apart, so the reader writes the
layout back into the text in the forms the text parser already reads:

- a paragraph's first-line indent becomes "　　" before the line (the paragraph mark of PDF text
  without blank lines);
- a wide gap inside a line (publisher …… date) becomes "　　", the mark of a line set out in columns;
- a title the layout wrapped over several lines becomes one line (its second line would otherwise
  read as the start of the lead), set off by a blank line above and below, as by the space
  around it on the page;
- a line opening with 一是 or （一） that the layout runs on from a full line above, without an
  indent, is joined to that line (on its own it would read as a new paragraph).

Lines set at >= 1.15x the body size, or bold where the sizes are equal, are `title_lines`. Every
page's text ends with a form feed, so page = 1 + form feeds before an offset.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from ..blocks import POINT_MARKER, SECTION_MARKER
from ..decode import BulletinError
from ..reflow import SET_OUT
from . import SAME_SIZE, TITLE_RATIO, Published

if TYPE_CHECKING:  # pypdfium2 ships no type information: these are Any to mypy, named for the reader
    from pypdfium2 import PdfDocument, PdfPage, PdfTextPage

INDENT = (1.5, 2.6)  # a first-line indent, in character widths: two characters, give or take
SET_OUT_GAP = 2.0  # a gap wider than two characters inside a line sets the line out in columns
TITLE_PITCH = 2.0  # a wrapped title's next baseline is at most two character heights below
BOLD_NAMES = ("bold", "black", "heavy")
UNMAPPED_SHARE = 0.5  # more than this share of characters without a Unicode map: the text is unreadable
# What PDFium gives for a character whose font has no Unicode map: its code as a control
# character or a Latin-1 letter, U+FFFD, or a private-use code. A bulletin holds next to none.
UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xff\ufffd\ue000-\uf8ff]")
LINE = re.compile(r"[^\r\n]+")
SPACE_RUN = re.compile("[ \u3000\xa0]+")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # \x02 marks hyphens; \f must only end pages
_PASSWORD, _SECURITY = 4, 5  # PDFium's FPDF_ERR_PASSWORD and FPDF_ERR_SECURITY


class Line(NamedTuple):
    text: str
    chars: int  # visible characters, the line's weight in the body size
    size: float
    bold: bool
    left: float  # where the first character starts (its origin)
    right: float  # where the last character's box ends
    baseline: float  # PDF space: y grows up the page


class Page(NamedTuple):
    lines: list[Line]
    images: int  # image objects, counted only on a page without text
    visible: int  # characters other than whitespace
    unreadable: int  # of those, the ones no font's Unicode map can have meant (see UNREADABLE)
    sampled: int  # characters PDFium was asked about (the first, middle and last of each line)
    unmapped: int  # of those, the ones PDFium found no Unicode for


def read_pdf(data: bytes) -> Published:
    """The text of a PDF with its pages and title lines; refuses a scan, unmapped fonts, an
    encrypted or a damaged file with one line saying what to do."""
    import pypdfium2 as pdfium

    document = _open(pdfium, data)
    try:
        pages = [_read_page(pdfium, document, number) for number in range(len(document))]
    finally:
        document.close()
    _refuse_unreadable(pages)
    text, titles = _compose(pages)
    empty = tuple(number for number, page in enumerate(pages, 1) if not page.lines)
    return Published(text, "pdf", f"pypdfium2 {pdfium.version.PYPDFIUM_INFO.version}", len(pages), titles, empty)


def _open(pdfium: ModuleType, data: bytes) -> PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == _PASSWORD:
            raise BulletinError(
                "is an encrypted PDF that needs a password; remove the password (for example with qpdf --decrypt) and try again"
            ) from None
        if error.err_code == _SECURITY:
            raise BulletinError("is encrypted with a security handler PDFium cannot open; save an unprotected copy and try again") from None
        raise BulletinError(f"is not a readable PDF ({_reason(error)}); it may be damaged or cut short") from None
    if len(document) == 0:
        document.close()
        raise BulletinError("is a PDF without pages")
    return document


def _reason(error: Exception) -> str:
    """PDFium's words for a failure, without pypdfium2's wrapping ("Failed to load document
    (PDFium: Data format error).")."""
    found = re.search(r"PDFium: ([^)]+)", str(error))
    return found.group(1) if found else str(error).rstrip(".")


def _read_page(pdfium: ModuleType, document: PdfDocument, number: int) -> Page:
    try:
        page = document[number]
    except pdfium.PdfiumError:
        raise BulletinError(f"is a damaged PDF (page {number + 1} cannot be read)") from None
    try:
        textpage = page.get_textpage()
        try:
            return _page_of(pdfium, page, _TextPage(pdfium, textpage))
        finally:
            textpage.close()
    finally:
        page.close()


def _page_of(pdfium: ModuleType, page: PdfPage, textpage: _TextPage) -> Page:
    lines: list[Line] = []
    sampled = unmapped = 0
    for match in LINE.finditer(textpage.text):
        line, samples = _line(textpage, match.start(), match.group())
        if line is not None:
            lines.append(line)
            sampled += len(samples)
            unmapped += sum(textpage.unmapped(index) for index in samples)
    images = 0 if lines else sum(1 for _ in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
    visible = len("".join(textpage.text.split()))
    return Page(lines, images, visible, len(UNREADABLE.findall(textpage.text)), sampled, unmapped)


class _TextPage:
    """Per-character questions to a PDFium text page, by position in its text. The text and the
    characters are counted alike except around characters beyond the BMP, where PDFium's own
    conversion is asked."""

    def __init__(self, pdfium: ModuleType, textpage: PdfTextPage) -> None:
        self.raw = pdfium.raw
        self.handle = textpage.raw
        self.text = textpage.get_text_range()
        self.aligned = len(self.text) == textpage.count_chars()
        self.rect = pdfium.raw.FS_RECTF()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()

    def index(self, position: int) -> int:
        return position if self.aligned else self.raw.FPDFText_GetCharIndexFromTextIndex(self.handle, position)

    def edges(self, position: int) -> tuple[float, float]:
        """Left and right of the character's box (at its font's full height: a space has one too)."""
        self.raw.FPDFText_GetLooseCharBox(self.handle, self.index(position), self.rect)
        return self.rect.left, self.rect.right

    def origin(self, position: int) -> tuple[float, float]:
        """Where the character's pen position is: x at its left, y on the baseline."""
        self.raw.FPDFText_GetCharOrigin(self.handle, self.index(position), ctypes.byref(self.x), ctypes.byref(self.y))
        return self.x.value, self.y.value

    def size(self, position: int) -> float:
        size: float = self.raw.FPDFText_GetFontSize(self.handle, self.index(position))
        return size

    def bold(self, position: int) -> bool:
        """By the font's name or weight: PDF producers mark bold faces either way."""
        index = self.index(position)
        self.raw.FPDFText_GetFontInfo(self.handle, index, self.name, len(self.name), ctypes.byref(self.flags))
        name = self.name.value.decode("latin-1").lower()
        if any(word in name for word in BOLD_NAMES):
            return True
        weight: int = self.raw.FPDFText_GetFontWeight(self.handle, index)
        return weight >= 600

    def unmapped(self, position: int) -> bool:
        error: int = self.raw.FPDFText_HasUnicodeMapError(self.handle, self.index(position))
        return error == 1


def _line(textpage: _TextPage, start: int, raw: str) -> tuple[Line | None, tuple[int, ...]]:
    """One line of the page with its size and style, read from its first, middle and last
    characters (a bold run-in heading does not make its paragraph's first line bold)."""
    visible = [offset for offset, char in enumerate(raw) if not char.isspace() and not CONTROL.match(char)]
    if not visible:
        return None, ()
    samples = tuple(sorted({start + visible[0], start + visible[len(visible) // 2], start + visible[-1]}))
    sizes = sorted(textpage.size(position) for position in samples)
    size = sizes[len(sizes) // 2]
    bold = all(textpage.bold(position) for position in samples)
    left, baseline = textpage.origin(start + visible[0])
    right = textpage.edges(start + visible[-1])[1]
    text = CONTROL.sub("", _set_out(textpage, start, raw, size)).strip()
    return Line(text, len(visible), size, bold, left, right, baseline), samples


def _set_out(textpage: _TextPage, start: int, raw: str, size: float) -> str:
    """The line with every space wider than two characters written as "　　" (PDFium writes one
    space for any gap)."""
    lead = len(raw) - len(raw.lstrip())

    def spaced(run: re.Match[str]) -> str:
        gap = textpage.edges(start + lead + run.end())[0] - textpage.edges(start + lead + run.start() - 1)[1]
        return SET_OUT if gap > SET_OUT_GAP * size else run.group()

    return SPACE_RUN.sub(spaced, raw.strip())


def _refuse_unreadable(pages: list[Page]) -> None:
    """A PDF with no text to read: a scan, or fonts whose characters map to no Unicode."""
    count = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
    visible = sum(page.visible for page in pages)
    if not visible:
        if any(page.images for page in pages):
            raise BulletinError(f"no text layer ({count}, images only); run OCR first")
        raise BulletinError(f"no text layer ({count}, nothing on them to read)")
    unreadable = sum(page.unreadable for page in pages) > visible * UNMAPPED_SHARE
    if unreadable or sum(page.unmapped for page in pages) > sum(page.sampled for page in pages) * UNMAPPED_SHARE:
        raise BulletinError(f"its fonts have no Unicode maps, so its text cannot be read ({count}); run OCR first")


class Layout(NamedTuple):
    """What the whole document's lines say about its type: sizes, margins, line width."""

    body: float  # the size most characters are set in
    body_bold: bool
    margins: frozenset[int]  # left edges body lines start at more than once, one per column
    width: float  # the usual width of a full body line
    pitch: float  # the usual distance from one body line's baseline to the next
    indents: bool  # whether first-line indents mark its paragraphs


def _layout(lines: list[Line]) -> Layout:
    """Measured on all pages at once: one page may hold too few lines to tell its margins."""
    sizes: Counter[float] = Counter()
    bold: Counter[bool] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += line.chars
        bold[line.bold] += line.chars
    body = sizes.most_common(1)[0][0]
    body_lines = [line for line in lines if abs(line.size - body) <= body * 0.1]
    starts = Counter(round(line.left) for line in body_lines)
    margins = frozenset(left for left, count in starts.items() if count >= 2)
    width = Counter(round(line.right - line.left) for line in body_lines).most_common(1)[0][0]
    pitches = Counter(
        round(upper.baseline - lower.baseline, 1) for upper, lower in pairwise(body_lines) if 0 < upper.baseline - lower.baseline < 3 * body
    )
    pitch = pitches.most_common(1)[0][0] if pitches else 1.5 * body
    layout = Layout(body, bold[True] > bold[False], margins, width, pitch, False)
    return layout._replace(indents=sum(_indented(line, layout) for line in body_lines) >= 2)


def _compose(pages: list[Page]) -> tuple[str, frozenset[int]]:
    """The text of all pages, each ending with a form feed, and the numbers of its title lines.
    A blank line sets titles off from the text around them, as the space above and below them
    does on the page (a title as wide as the text would otherwise run into the paragraph before)."""
    layout = _layout([line for page in pages for line in page.lines])
    chunks: list[str] = []
    titles: set[int] = set()
    number = 1
    for page in pages:
        texts: list[str] = []
        previous: Line | None = None
        for run in _runs(page.lines, layout):
            line = run[0]
            title = _is_title(line, layout)
            if previous is not None and not title and _continues(previous, line, layout):
                texts[-1] += line.text
            else:
                if previous is not None and title != _is_title(previous, layout):
                    texts.append("")
                if title:
                    titles.add(number + len(texts))
                texts.append(_joined(run) if title else SET_OUT + line.text if _indented(line, layout) else line.text)
            previous = run[-1]
        number += len(texts)
        chunks.append("\n".join(texts) + "\n\f" if texts else "\f")
    return "".join(chunks), frozenset(titles)


def _is_title(line: Line, layout: Layout) -> bool:
    return line.size >= layout.body * TITLE_RATIO or (line.bold and not layout.body_bold and line.size >= layout.body * SAME_SIZE)


def _indented(line: Line, layout: Layout) -> bool:
    """Whether the line starts about two characters in from a margin: a paragraph's first line.
    A centred or right-aligned line stands further in, and is no paragraph start."""
    low, high = INDENT
    return any(low * line.size <= line.left - margin <= high * line.size for margin in layout.margins)


def _continues(upper: Line, lower: Line, layout: Layout) -> bool:
    """Whether a line opening with a point or section marker (一是, （一）) runs on the paragraph
    above: where indents mark paragraphs, it starts at the margin right under a full line. Such a
    line is joined to the one above, since on its own it would read as a new paragraph."""
    return (
        layout.indents
        and bool(POINT_MARKER.match(lower.text) or SECTION_MARKER.match(lower.text))
        and round(lower.left) in layout.margins
        and not _indented(lower, layout)
        and upper.right - lower.left >= layout.width * 0.9
        and 0 < upper.baseline - lower.baseline <= layout.pitch + 0.25 * lower.size
    )


def _runs(lines: list[Line], layout: Layout) -> Iterator[list[Line]]:
    """The page's lines, a wrapped title's lines grouped together, every other line alone."""
    run: list[Line] = []
    for line in lines:
        if run and _continues_title(run[-1], line, layout):
            run.append(line)
            continue
        if run:
            yield run
        run = [line]
    if run:
        yield run


def _continues_title(upper: Line, lower: Line, layout: Layout) -> bool:
    """A title line right under another, in the same size and weight: the title wrapped. A
    "——" subtitle and a 【banner】 stay lines of their own."""
    return (
        _is_title(upper, layout)
        and _is_title(lower, layout)
        and abs(upper.size - lower.size) <= upper.size * 0.02
        and upper.bold == lower.bold
        and 0 < upper.baseline - lower.baseline <= TITLE_PITCH * upper.size
        and not lower.text.startswith(("—", "【"))
        and not upper.text.endswith("】")
    )


def _joined(run: list[Line]) -> str:
    """Wrapped lines as one: nothing between Chinese characters, a space between two words."""
    joined = ""
    for line in run:
        if joined and joined[-1].isascii() and joined[-1].isalnum() and line.text[0].isascii() and line.text[0].isalnum():
            joined += " "
        joined += line.text
    return joined
