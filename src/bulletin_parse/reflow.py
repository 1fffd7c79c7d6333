"""Stage 2: recognise the layout and rebuild paragraphs, keeping every offset into the source.

Three layouts reach us:
- `pdf`: text extracted from a PDF, hard-wrapped at a fixed width with a blank line after each
  line; paragraph ends must be inferred (a short line, a new point, a byline, an indent).
- `wrapped`: hard-wrapped text whose paragraphs are separated by blank lines.
- `paragraph-per-line`: web copy; every non-blank line is a paragraph.

A paragraph's reflowed `text` drops the layout's line breaks and the spaces extraction put
between Chinese characters and digits; its `start`/`end` are the source span it came from, and
`source_span` maps any part of `text` back into the source.

Page furniture is layout, wherever it falls: page numbers, drawn rules, and running headers (a
short line repeating the bulletin's or a department's name at a page edge). It belongs to no
paragraph, and a paragraph broken by a page runs on across it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from itertools import chain
from typing import Literal, NamedTuple

import regex

from .blocks import (
    BANNER_MARKS,
    HOME_DATELINE,
    POINT_MARKER,
    SECTION_MARKER,
    SECTION_STARTS,
    ends_sentence,
    is_subtitle_line,
    is_title_line,
)
from .lexicon import alternation
from .paragraph_table import Gaps, Paragraph, ParagraphTable

Layout = Literal["pdf", "wrapped", "paragraph-per-line"]
SET_OUT = "\u3000\u3000"  # two ideographic spaces part columns on a line; the readers write them so

PAGE_NUMBER = regex.compile(r"[-—–－~～·\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)[-—–－~～·\s]*")
FULL_DATE_END = regex.compile(
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3})\s*日$"
)
HEADER_MAX_CHARS = 24
HEADER_PUNCTUATION = regex.compile(r"[。，,；;：:！!？?]")
RULE_CHARS = "━─═_=＝*＊~～·•◆◇■□☆★-‐—–－"  # a line of these draws a rule under a masthead or between items
RULE = regex.compile(f"[{regex.escape(RULE_CHARS)}\\s]{{3,}}")
DISTRIBUTION_LABEL = regex.compile(rf"(?:{alternation('distribution_labels.tsv')})\s*[:：]")
BYLINE_SHAPE = regex.compile(r"[(（][^()（）]{2,60}[)）]")
TRAILING_BYLINE = regex.compile(r"[。！？!?][(（][^()（）。，,]{2,30}[)）]$")
_KEEP_SPACE = regex.compile(r"[A-Za-z0-9]")
_KEPT_BLANKS = regex.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")  # reflowed to one space
_UNKEPT_BLANKS = regex.compile(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")  # reflowed away
_BLANKS_START = regex.compile(r"(?<=\S)\s")
REFLOW_BLOCK = 65_536  # characters reflowed at a time
FORM_FEED = regex.compile("\f")
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
        return SET_OUT in self.text or "    " in self.text


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


def line_starts(source: str) -> array[int]:
    """Where each line begins (index 0 for line 1), lines counted by "\\n" as every `line` is: an
    array, as a file of short lines has millions."""
    return array("I" if len(source) < 2**32 else "Q", chain((0,), (match.end() for match in regex.finditer("\n", source))))


def line_end(source: str, starts: array[int], line: int) -> int:
    """Where line `line` (1-based) ends, its newline left out."""
    return starts[line] - 1 if line < len(starts) else len(source)


def display_width(text: str) -> int:
    """Columns on a page: CJK characters and full-width punctuation take two, as they take two
    bytes in GB18030 (twenty times faster than asking Unicode for each character's width)."""
    return len(text.encode("gb18030", "replace"))


def starts_block(text: str) -> bool:
    """Whether a line can only be the start of a new paragraph: a point, a section heading, a
    byline, a footer, a lead's dateline (本刊讯, under a title as wide as the text), a line a
    mark sets apart (■ 沿河区：开展代表述职评议　6月28日，…)."""
    return bool(
        POINT_MARKER.match(text)
        or HOME_DATELINE.match(text)
        or text[0] in BANNER_MARKS
        or BYLINE_SHAPE.fullmatch(text)
        or DISTRIBUTION_LABEL.match(text)
        or (text[0] in SECTION_STARTS and SECTION_MARKER.match(text))
    )


def reflowed_text(source: str, start: int, end: int, gaps: Gaps = ()) -> str:
    """The source's text from `start` to `end`, the layout lines in `gaps` left out, as one
    paragraph: whitespace disappears except between two Latin letters or digits, where one space
    stays ("CBD 科创" keeps none, "Level 3" keeps one)."""
    if gaps:
        starts, ends = (start, *(gap[1] for gap in gaps)), (*(gap[0] for gap in gaps), end)
        text = "\n".join(source[part_start:part_end] for part_start, part_end in zip(starts, ends, strict=True))
    else:
        text = source[start:end]
    if len(text) <= REFLOW_BLOCK:
        reflowed: str = _UNKEPT_BLANKS.sub("", _KEPT_BLANKS.sub(" ", text))
        return reflowed
    parts, done = [], 0
    while True:  # a block at a time: a substitution holds a list of every piece it makes, a million on a line of spaced digits
        cut = _BLANKS_START.search(text, done + REFLOW_BLOCK) if len(text) - done > REFLOW_BLOCK else None
        stop = cut.start() if cut else len(text)
        before = 1 if done else 0  # the character before a block's first blanks, which decides them
        parts.append(_UNKEPT_BLANKS.sub("", _KEPT_BLANKS.sub(" ", text[done - before : stop]))[before:])
        if cut is None:
            return "".join(parts)
        done = stop


class Pages:
    """Where pages end: a PDF's text (and PDF-extracted text) ends each page with a form feed, so
    an offset's page is 1 + the form feeds before it. Text without any has no pages (None)."""

    def __init__(self, source: str) -> None:
        self.feeds = [match.start() for match in FORM_FEED.finditer(source)] if "\f" in source else None

    def at(self, offset: int) -> int | None:
        return None if self.feeds is None else bisect_left(self.feeds, offset) + 1

    def over(self, span: tuple[int, int]) -> tuple[int, int] | None:
        feeds = self.feeds
        return None if feeds is None else (bisect_left(feeds, span[0]) + 1, bisect_left(feeds, max(span[0], span[1] - 1)) + 1)


def _chunks(source: str, start: int, end: int, gaps: Gaps) -> Iterator[tuple[int, int, bool]]:
    """The runs of non-blank characters of the source from `start` to `end`, skipping the layout
    lines in `gaps`, each with whether reflow puts a space before it."""
    position, previous = start, ""
    for gap_start, gap_end in (*gaps, (end, end)):
        for match in _RUN.finditer(source, position, gap_start):
            chunk = match.group()
            yield match.start(), match.end(), bool(previous) and bool(_KEEP_SPACE.match(previous[-1]) and _KEEP_SPACE.match(chunk[0]))
            previous = chunk
        position = gap_end


def source_span(source: str, paragraph: Paragraph, start: int, end: int) -> tuple[int, int]:
    """The source span of `text[start:end]` of a paragraph's reflowed text: the inverse of
    `reflowed_text`. The span runs from the first character's offset to just after the last's."""
    return source_spans(source, paragraph, [(start, end)])[0]


def source_spans(source: str, paragraph: Paragraph, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`source_span` for many parts of one paragraph in a single walk (a paragraph of a million
    characters may hold thousands of list items)."""
    if not paragraph.gaps and paragraph.end - paragraph.start == len(paragraph.text):  # nothing reflowed away
        return [(paragraph.start + start, paragraph.start + end) for start, end in spans]
    wanted = sorted({index for start, end in spans for index in (start, end - 1)})
    offsets: dict[int, int] = {}
    position = count = 0
    for chunk_start, chunk_end, spaced in _chunks(source, paragraph.start, paragraph.end, paragraph.gaps):
        count += spaced
        while position < len(wanted) and wanted[position] < count + (chunk_end - chunk_start):
            offsets[wanted[position]] = chunk_start + wanted[position] - count  # a kept space: the blank before
            position += 1
        count += chunk_end - chunk_start
        if position == len(wanted):
            break
    return [(offsets.get(start, paragraph.end), offsets[end - 1] + 1 if end - 1 in offsets else paragraph.end) for start, end in spans]


def sub_paragraph(source: str, paragraph: Paragraph, start: int, end: int) -> Paragraph:
    """The part `text[start:end]` of a paragraph as a paragraph of its own, with its source span
    and lines (a byline glued to the end of a paragraph is split off this way)."""
    first, last = source_span(source, paragraph, start, end)
    first_line = paragraph.first_line + source.count("\n", paragraph.start, first)
    last_line = first_line + source.count("\n", first, last)
    gaps = tuple(gap for gap in paragraph.gaps if first <= gap[0] < last)
    line_count = sum(1 for line in source[first:last].split("\n") if line.strip())
    return Paragraph(paragraph.text[start:end], first, last, first_line, last_line, line_count, gaps, paragraph.set_as_title)


def _at_page_edges(source: str) -> Iterator[tuple[Line, bool, bool]]:
    """Each non-blank line with whether it is a page number and whether it stands at a page
    edge: right after a page number or a form feed, or right before a page number."""
    pending: tuple[Line, bool, bool] | None = None
    last_end = None
    for line in iter_lines(source):
        page_number = line.is_page_number
        if pending is not None:
            yield pending[0], pending[1], pending[2] or page_number
        after_break = last_end is not None and ((pending is not None and pending[1]) or source.find("\f", last_end, line.start) >= 0)
        pending = (line, page_number, after_break)
        last_end = line.end
    if pending is not None:
        yield pending


def _header_key(line: Line) -> str | None:
    """What a running header would repeat: a short line without sentence punctuation."""
    if len(line.text) > HEADER_MAX_CHARS or line.is_rule or HEADER_PUNCTUATION.search(line.text):
        return None
    return "".join(line.text.split())


def survey(source: str) -> tuple[Layout, int, frozenset[str]]:
    """One pass over the lines: the layout, for hard-wrapped text the wrap width (display
    columns), and the running headers (lines at page edges that repeat, or repeat the
    bulletin's first lines, its name)."""
    widths: list[int] = []
    unended: list[int] = []  # widths of the lines that stop mid-sentence (0 for those without punctuation)
    gaps = spaced = 0
    content_end = None  # where the last line of text ended
    first_lines: list[Line] = []
    at_edges: dict[str, set[int]] = {}  # header candidate → the lines it stands on
    for line, page_number, at_edge in _at_page_edges(source):
        if at_edge and not page_number and (key := _header_key(line)):
            at_edges.setdefault(key, set()).add(line.number)
        if page_number or line.is_rule:
            continue
        if len(first_lines) < 3:
            first_lines.append(line)
        widths.append(line.width)
        if not ends_sentence(line.text):
            unended.append(line.width if HEADER_PUNCTUATION.search(line.text) else 0)  # 0: a title, a name
        if content_end is not None:
            gaps += 1
            spaced += source.count("\n", content_end, line.start) >= 2
        content_end = line.end
    # the bulletin's first lines (its name) are no headers there, but name them elsewhere
    names = {key for line in first_lines if (key := _header_key(line))}
    masthead_end = first_lines[-1].number if first_lines else 0
    headers = frozenset(key for key, lines in at_edges.items() if len(lines) >= 2 or (key in names and max(lines) > masthead_end))
    if len(widths) < 4:
        return "paragraph-per-line", 0, headers
    widths.sort()
    wrap = widths[int(len(widths) * 0.9)]
    near_full = len(widths) - bisect_left(widths, wrap * 0.8)
    cut_mid_sentence = sum(width >= wrap * 0.8 for width in unended)  # full lines of text the wrap cut
    # a wrap cuts most full lines mid-sentence; full lines that end their sentences are whole
    # paragraphs of about one width (web copy of short items, a paragraph a line)
    wrapped = (near_full >= len(widths) * 0.4 and len(unended) >= len(widths) * 0.4 and cut_mid_sentence * 3 >= near_full) or (
        cut_mid_sentence >= 3 and cut_mid_sentence * 2 >= near_full
    )
    if wrap > 160 or not wrapped:
        return "paragraph-per-line", 0, headers
    return ("pdf" if spaced >= gaps * 0.7 else "wrapped"), wrap, headers


def paragraphs(source: str, title_lines: frozenset[int] = frozenset()) -> tuple[Layout, ParagraphTable, list[int]]:
    """The source's paragraphs in order, and the numbers of the lines dropped as layout: page
    numbers, drawn rules (which also end the paragraph before them) and running headers.
    `title_lines` are the lines a published file's layout sets as titles (larger, bold, a web
    page's headings): each is a paragraph of its own, `set_as_title`, whatever its width (a
    title as wide as the text would otherwise run on into the lead under it)."""
    layout, wrap, headers = survey(source)
    found = ParagraphTable(len(source))
    last: Paragraph | None = None  # the paragraph found last
    layout_lines: list[int] = []
    first: Line | None = None  # the first and the last line of the paragraph being read, and how many it has
    previous: Line | None = None
    count = 0
    gaps: list[tuple[int, int]] = []  # layout lines met since the paragraph's last line
    inner_gaps: list[tuple[int, int]] = []  # layout lines between the paragraph's lines

    def close_group() -> None:
        nonlocal last
        assert first is not None and previous is not None
        inside = tuple(inner_gaps)
        text = reflowed_text(source, first.start, previous.end, inside)
        last = Paragraph(text, first.start, previous.end, first.number, previous.number, count, inside, previous.number in title_lines)
        found.append(last)

    after_closing = False  # the last paragraph found is a byline or ends a sentence: a title may follow
    lines = _at_page_edges(source) if headers else ((line, line.is_page_number, False) for line in iter_lines(source))
    for line, page_number, at_edge in lines:
        if line.is_rule and previous:
            close_group()
            after_closing, first, previous, count, gaps, inner_gaps = False, None, None, 0, [], []
        if page_number or line.is_rule or (at_edge and headers and _header_key(line) in headers):
            layout_lines.append(line.number)
            gaps.append((line.start, line.end))
            continue
        if previous and (
            _breaks_between(previous, line, layout, wrap, source, len(gaps))
            or (title_lines and (line.number in title_lines or previous.number in title_lines))
            or (count == 1 and ((after_closing and is_title_line(previous, wrap)) or is_subtitle_line(previous)))
        ):
            close_group()
            assert last is not None
            after_closing = BYLINE_SHAPE.fullmatch(last.text) is not None or ends_sentence(last.text)
            first, count, inner_gaps = None, 0, []
        elif previous and gaps:
            inner_gaps += gaps
        if gaps:
            gaps = []
        first, previous, count = first or line, line, count + 1
    if previous:
        close_group()
    return layout, found, layout_lines


def _continues_a_list(previous: Line, line: Line, wrap: int) -> bool:
    """A full line ending in ；/，/、 runs on into the next item of an enumeration inside its
    paragraph ("…抓好以下工作：一是…；⏎二是…"), even when the wrap puts 二是 at a line start."""
    return (
        bool(POINT_MARKER.match(line.text) or SECTION_MARKER.match(line.text))
        and previous.text[-1] in "；;，,、"
        and previous.width >= wrap * 0.8
    )


def _breaks_between(previous: Line, line: Line, layout: Layout, wrap: int, source: str, layout_lines_between: int) -> bool:
    if layout == "paragraph-per-line":
        return True
    if line.indented or BYLINE_SHAPE.fullmatch(previous.text):
        return True
    if starts_block(line.text) and not _continues_a_list(previous, line, wrap):
        return True
    if line.is_set_out or (previous.is_set_out and FULL_DATE_END.search(previous.text)):
        return True  # a line set out in columns starts a paragraph; "办公室　　2024年9月12日" ends one
    if ends_sentence(previous.text) and is_title_line(line, wrap):
        return True  # a title under a full last line ("…等工作。" then "清水县:县人大常委会…")
    if previous.text[-1] in ")）" and TRAILING_BYLINE.search(previous.text):
        return True  # "…再上新台阶。(刘小娟)": the byline closes the report, whatever the width
    if layout == "wrapped":
        blank_between = source.count("\n", previous.end, line.start) > 1 + layout_lines_between
        return blank_between or previous.width < wrap * 0.6
    # pdf: a line well short of the wrap width ends its paragraph
    return previous.width < wrap * 0.8
