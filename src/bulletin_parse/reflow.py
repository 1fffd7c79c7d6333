"""Stage 2: recognise the layout and rebuild paragraphs, keeping every offset into the source.

Three layouts reach us:
- `pdf`: text extracted from a PDF, hard-wrapped at a fixed width with a blank line after each
  line; paragraph ends must be inferred (a short line, a new point, a byline, an indent).
- `wrapped`: hard-wrapped text whose paragraphs are separated by blank lines.
- `paragraph-per-line`: web copy; every non-blank line is a paragraph.

A paragraph's reflowed `text` drops the layout's line breaks and the spaces extraction put
between Chinese characters and digits; `pieces` map each character back to the source.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

import regex

Layout = Literal["pdf", "wrapped", "paragraph-per-line"]

POINT_MARKER = regex.compile(r"(?:十[一二三四五六七八九]?|[一二三四五六七八九])是")
PAGE_NUMBER = regex.compile(r"[-—–－~～·\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)[-—–－~～·\s]*")
DISTRIBUTION_LABEL = regex.compile(r"(?:报送|抄送|抄报|分送|印发|报|送|发)\s*[:：]")
BYLINE_SHAPE = regex.compile(r"[(（][^()（）]{2,60}[)）]")
SENTENCE_END = frozenset("。！？；!?;…")
CLOSERS = "”’」』)）》】"
_KEEP_SPACE = regex.compile(r"[A-Za-z0-9]")
_RUN = regex.compile(r"\S+")
_WIDE = regex.compile(r"[\p{East_Asian_Width=Wide}\p{East_Asian_Width=Fullwidth}]")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, counting "\n"
    start: int  # span of the line's text without its surrounding whitespace
    end: int
    text: str
    indented: bool  # begins with a deliberate indent (a full-width space or two spaces)
    width: int  # display width: CJK characters count 2

    @property
    def is_page_number(self) -> bool:
        return PAGE_NUMBER.fullmatch(self.text) is not None


def split_lines(source: str) -> list[Line]:
    """The non-blank lines of the source with their spans (only "\\n" ends a line)."""
    lines = []
    position = 0
    for number, raw in enumerate(source.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            head = raw[:lead]
            indented = "\u3000" in head or head.count(" ") >= 2
            start = position + lead
            lines.append(Line(number, start, start + len(stripped), stripped, indented, display_width(stripped)))
        position += len(raw) + 1
    return lines


def display_width(text: str) -> int:
    """Columns on a page: CJK characters take two."""
    return len(text) + len(_WIDE.findall(text))


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence, looking through closing quotes and brackets."""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def starts_block(text: str) -> bool:
    """Whether a line can only be the start of a new paragraph: a point, a byline, a footer."""
    return bool(
        POINT_MARKER.match(text) or BYLINE_SHAPE.fullmatch(text) or DISTRIBUTION_LABEL.match(text)
    )


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    text: str
    pieces: tuple[tuple[int, int], ...]  # (position in text, source offset) where each run starts

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return self.lines[-1].number

    def source_offset(self, index: int) -> int:
        """The source offset of text[index]."""
        piece = bisect_right(self.pieces, (index, float("inf"))) - 1
        text_at, source_at = self.pieces[piece]
        return source_at + index - text_at

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span of text[start:end] (end > start)."""
        return self.source_offset(start), self.source_offset(end - 1) + 1


def reflow_lines(source: str, lines: tuple[Line, ...]) -> Paragraph:
    """Join lines into one paragraph: whitespace disappears except between two Latin letters or
    digits, where one space stays ("CBD 科创" keeps none, "Level 3" keeps one)."""
    parts: list[str] = []
    pieces: list[tuple[int, int]] = []
    length = 0
    for line in lines:
        for run in _RUN.finditer(source, line.start, line.end):
            chunk = run.group()
            if parts and _KEEP_SPACE.match(parts[-1][-1]) and _KEEP_SPACE.match(chunk[0]):
                pieces.append((length, run.start() - 1))
                parts.append(" ")
                length += 1
            pieces.append((length, run.start()))
            parts.append(chunk)
            length += len(chunk)
    return Paragraph(lines, "".join(parts), tuple(pieces))


def detect_layout(lines: list[Line], source: str) -> tuple[Layout, int]:
    """The layout and, for hard-wrapped text, the wrap width (display columns)."""
    body = [line for line in lines if not line.is_page_number]
    if len(body) < 4:
        return "paragraph-per-line", 0
    widths = sorted(line.width for line in body)
    wrap = widths[int(len(widths) * 0.9)]
    near_full = sum(1 for w in widths if w >= wrap * 0.8)
    unended = sum(1 for line in body if not ends_sentence(line.text))
    if wrap > 160 or near_full < len(body) * 0.4 or unended < len(body) * 0.4:
        return "paragraph-per-line", 0
    gaps = [source.count("\n", a.end, b.start) for a, b in zip(body, body[1:])]
    spaced = sum(1 for gap in gaps if gap >= 2)
    return ("pdf" if spaced >= len(gaps) * 0.7 else "wrapped"), wrap


def paragraphs(source: str) -> tuple[Layout, list[Paragraph]]:
    """The source's paragraphs in order; page-number lines are layout and belong to none."""
    lines = split_lines(source)
    layout, wrap = detect_layout(lines, source)
    body = [line for line in lines if not line.is_page_number]
    groups: list[list[Line]] = []
    previous: Line | None = None
    for line in body:
        if previous is None or _breaks_between(previous, line, layout, wrap, source):
            groups.append([])
        groups[-1].append(line)
        previous = line
    return layout, [reflow_lines(source, tuple(group)) for group in groups]


def _breaks_between(previous: Line, line: Line, layout: Layout, wrap: int, source: str) -> bool:
    if layout == "paragraph-per-line":
        return True
    if line.indented or starts_block(line.text) or BYLINE_SHAPE.fullmatch(previous.text):
        return True
    if layout == "wrapped":
        blank_between = "\n" in source[previous.end : line.start].replace("\n", "", 1)
        return blank_between or previous.width < wrap * 0.6
    # pdf: a line well short of the wrap width ends its paragraph
    return previous.width < wrap * 0.8
