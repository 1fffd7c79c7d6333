"""Stage 2: recognise the layout and rebuild paragraphs, keeping every offset into the source.

Three layouts reach us:
- `pdf`: text extracted from a PDF, hard-wrapped at a fixed width with a blank line after each
  line; paragraph ends must be inferred (a short line, a new point, a byline, an indent).
- `wrapped`: hard-wrapped text whose paragraphs are separated by blank lines.
- `paragraph-per-line`: web copy; every non-blank line is a paragraph.

A paragraph's reflowed `text` drops the layout's line breaks and the spaces extraction put
between Chinese characters and digits; its `start`/`end` are the source span it came from.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Literal, NamedTuple

import regex

Layout = Literal["pdf", "wrapped", "paragraph-per-line"]

POINT_MARKER = regex.compile(r"(?:十[一二三四五六七八九]?|[一二三四五六七八九])是")
PAGE_NUMBER = regex.compile(r"[-—–－~～·\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)[-—–－~～·\s]*")
FULL_DATE_END = regex.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
RULE_CHARS = "━─═_=＝*＊~～·•◆◇■□☆★-‐—–－"  # a line of these draws a rule under a masthead or between items
RULE = regex.compile(f"[{regex.escape(RULE_CHARS)}\\s]{{3,}}")
DISTRIBUTION_LABEL = regex.compile(r"(?:报送|抄送|抄报|分送|印发|报|送|发)\s*[:：]")
BYLINE_SHAPE = regex.compile(r"[(（][^()（）]{2,60}[)）]")
SENTENCE_END = frozenset("。！？；!?;…")
CLOSERS = "”’」』)）》】"
_KEEP_SPACE = regex.compile(r"[A-Za-z0-9]")
_RUN = regex.compile(r"\S+")


class Line(NamedTuple):  # a tuple: a bulletin has thousands of lines, built twice
    number: int  # 1-based, counting "\n"
    start: int  # span of the line's text without its surrounding whitespace
    end: int
    text: str
    indented: bool  # begins with a deliberate indent (a full-width space or two spaces)
    width: int  # display width: CJK characters count 2

    @property
    def is_page_number(self) -> bool:
        return PAGE_NUMBER.fullmatch(self.text) is not None

    @property
    def is_rule(self) -> bool:
        return self.text[0] in RULE_CHARS and RULE.fullmatch(self.text) is not None

    @property
    def is_set_out(self) -> bool:
        """Set out in columns, as "办公室　　　　2024年9月12日": a wide gap inside the line."""
        return "\u3000\u3000" in self.text or "    " in self.text


def iter_lines(source: str) -> Iterator[Line]:
    """The non-blank lines of the source with their spans (only "\\n" ends a line), one at a
    time: a 50 MB file never holds all its lines at once."""
    position = 0
    number = 0
    while position <= len(source):
        newline = source.find("\n", position)
        stop = len(source) if newline < 0 else newline
        number += 1
        raw = source[position:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            head = raw[:lead]
            indented = "\u3000" in head or head.count(" ") >= 2
            start = position + lead
            yield Line(number, start, start + len(stripped), stripped, indented, display_width(stripped))
        position = stop + 1


def display_width(text: str) -> int:
    """Columns on a page: CJK characters and full-width punctuation take two, as they take two
    bytes in GB18030 (twenty times faster than asking Unicode for each character's width)."""
    return len(text.encode("gb18030", "replace"))


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence, looking through closing quotes and brackets."""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def starts_block(text: str) -> bool:
    """Whether a line can only be the start of a new paragraph: a point, a byline, a footer."""
    return bool(
        POINT_MARKER.match(text) or BYLINE_SHAPE.fullmatch(text) or DISTRIBUTION_LABEL.match(text)
    )


class Paragraph(NamedTuple):
    text: str  # reflowed
    start: int  # source span of the paragraph, from its first to its last non-blank character
    end: int
    first_line: int
    last_line: int
    line_count: int


def reflow_lines(source: str, lines: list[Line]) -> Paragraph:
    """Join lines into one paragraph: whitespace disappears except between two Latin letters or
    digits, where one space stays ("CBD 科创" keeps none, "Level 3" keeps one)."""
    parts: list[str] = []
    for line in lines:
        for chunk in _RUN.findall(source, line.start, line.end):
            if parts and _KEEP_SPACE.match(parts[-1][-1]) and _KEEP_SPACE.match(chunk[0]):
                parts.append(" ")
            parts.append(chunk)
    first, last = lines[0], lines[-1]
    return Paragraph("".join(parts), first.start, last.end, first.number, last.number, len(lines))


def detect_layout(source: str) -> tuple[Layout, int]:
    """The layout and, for hard-wrapped text, the wrap width (display columns)."""
    widths, unended, gaps, spaced = [], 0, 0, 0
    previous_end = None
    for line in iter_lines(source):
        if line.is_page_number or line.is_rule:
            continue
        widths.append(line.width)
        unended += not ends_sentence(line.text)
        if previous_end is not None:
            gaps += 1
            spaced += source.count("\n", previous_end, line.start) >= 2
        previous_end = line.end
    if len(widths) < 4:
        return "paragraph-per-line", 0
    widths.sort()
    wrap = widths[int(len(widths) * 0.9)]
    near_full = len(widths) - bisect_left(widths, wrap * 0.8)
    if wrap > 160 or near_full < len(widths) * 0.4 or unended < len(widths) * 0.4:
        return "paragraph-per-line", 0
    return ("pdf" if spaced >= gaps * 0.7 else "wrapped"), wrap


def paragraphs(source: str) -> tuple[Layout, list[Paragraph]]:
    """The source's paragraphs in order; page-number lines and drawn rules are layout and belong
    to none (a rule also ends the paragraph before it)."""
    layout, wrap = detect_layout(source)
    found: list[Paragraph] = []
    group: list[Line] = []
    after_byline = False  # the last paragraph found is a byline
    for line in iter_lines(source):
        if line.is_rule and group:
            found.append(reflow_lines(source, group))
            after_byline, group = False, []
        if line.is_page_number or line.is_rule:
            continue
        if group and (_breaks_between(group[-1], line, layout, wrap, source)
                      or (after_byline and len(group) == 1 and _is_title_line(group[0], wrap))):
            found.append(reflow_lines(source, group))
            after_byline, group = BYLINE_SHAPE.fullmatch(found[-1].text) is not None, []
        group.append(line)
    if group:
        found.append(reflow_lines(source, group))
    return layout, found


def _continues_a_list(previous: Line, line: Line, wrap: int) -> bool:
    """A full line ending in ；/，/、 runs on into the next item of an enumeration inside its
    paragraph ("…抓好以下工作：一是…；⏎二是…"), even when the wrap puts 二是 at a line start."""
    return bool(POINT_MARKER.match(line.text)) and previous.text[-1] in "；;，,、" and previous.width >= wrap * 0.8


def _is_title_line(line: Line, wrap: int) -> bool:
    """A line under a byline, not indented, with no sentence punctuation, that stops short of the
    wrap width is the next report's title, however close to the width it comes
    (乾元镇：预算审查监督“三步走”…); an untitled report's lead opens with an indent or runs full."""
    return (not line.indented and not ends_sentence(line.text) and line.width < wrap * 0.9
            and not any(char in line.text for char in "。！？；，,"))


def _breaks_between(previous: Line, line: Line, layout: Layout, wrap: int, source: str) -> bool:
    if layout == "paragraph-per-line":
        return True
    if line.indented or BYLINE_SHAPE.fullmatch(previous.text):
        return True
    if starts_block(line.text) and not _continues_a_list(previous, line, wrap):
        return True
    if line.is_set_out or (previous.is_set_out and FULL_DATE_END.search(previous.text)):
        return True  # a line set out in columns starts a paragraph; "办公室　　2024年9月12日" ends one
    if layout == "wrapped":
        blank_between = "\n" in source[previous.end : line.start].replace("\n", "", 1)
        return blank_between or previous.width < wrap * 0.6
    # pdf: a line well short of the wrap width ends its paragraph
    return previous.width < wrap * 0.8
