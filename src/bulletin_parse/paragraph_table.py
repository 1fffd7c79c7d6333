"""The paragraphs reflow finds, held as columns: a file of short lines is a hundred thousand
paragraphs, and a tuple of eight fields with its string and integers would cost twenty times the
text it came from. The reflowed texts are held joined in one string, the rest in arrays; each
`Paragraph` is made when read.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple, overload

from .tables import RecordTable

Gaps = tuple[tuple[int, int], ...]


class Paragraph(NamedTuple):
    text: str  # reflowed
    start: int  # source span of the paragraph, from its first to its last non-blank character
    end: int
    first_line: int
    last_line: int
    line_count: int
    gaps: Gaps = ()  # spans of layout lines (a page break) inside the paragraph
    set_as_title: bool = False  # a published file's layout sets the paragraph's line as a title


class _Columns:
    """The storage a table and its slices share; filled by `append`, in text order."""

    JOIN_EVERY = 4096  # texts joined into one string this many at a time while filling
    RECENT = 4096  # a bulletin of a few thousand paragraphs reads each one once; a larger file holds this many

    def __init__(self, source_length: int) -> None:
        code = "I" if source_length < 2**32 else "Q"
        self.text_ends, self.starts, self.ends = array(code), array(code), array(code)
        self.first_lines, self.last_lines, self.line_counts = array(code), array(code), array(code)
        self.gaps: dict[int, Gaps] = {}
        self.titles: set[int] = set()
        self.joined: list[str] = []  # the texts so far, in a few long strings
        self.pending: list[str] = []
        self.recent: dict[int, Paragraph] = {}  # the paragraphs made last: segmentation reads each a few times

    def append(self, paragraph: Paragraph) -> None:
        number = len(self.starts)
        self.pending.append(paragraph.text)
        if len(self.pending) >= self.JOIN_EVERY:
            self.joined.append("".join(self.pending))
            self.pending.clear()
        self.text_ends.append((self.text_ends[-1] if number else 0) + len(paragraph.text))
        self.starts.append(paragraph.start)
        self.ends.append(paragraph.end)
        self.first_lines.append(paragraph.first_line)
        self.last_lines.append(paragraph.last_line)
        self.line_counts.append(paragraph.line_count)
        if paragraph.gaps:
            self.gaps[number] = paragraph.gaps
        if paragraph.set_as_title:
            self.titles.add(number)

    def texts(self) -> str:
        if self.pending or len(self.joined) > 1:
            self.joined = ["".join(self.joined + self.pending)]
            self.pending.clear()
        return self.joined[0] if self.joined else ""

    def paragraph(self, number: int) -> Paragraph:
        made = self.recent.get(number)
        if made is None:
            if len(self.recent) >= self.RECENT:
                del self.recent[next(iter(self.recent))]
            made = self.recent[number] = self._make(number)
        return made

    def _make(self, number: int) -> Paragraph:
        text_start = self.text_ends[number - 1] if number else 0
        return Paragraph(
            self.texts()[text_start : self.text_ends[number]],
            self.starts[number],
            self.ends[number],
            self.first_lines[number],
            self.last_lines[number],
            self.line_counts[number],
            self.gaps.get(number, ()),
            number in self.titles,
        )


class ParagraphTable(RecordTable[Paragraph]):
    """Paragraphs in text order, made when read; a slice (step 1) is a table over the same
    columns, a run of them."""

    def __init__(self, source_length: int) -> None:
        self._columns = _Columns(source_length)
        self._first = 0  # the run of the columns this table is, from first to stop (None: to their end)
        self._stop: int | None = None

    def append(self, paragraph: Paragraph) -> None:
        """Add the next paragraph (to a table that is no slice of another)."""
        assert self._stop is None and not self._first, "a slice of a table is read-only"
        self._columns.append(paragraph)

    def __len__(self) -> int:
        return (len(self._columns.starts) if self._stop is None else self._stop) - self._first

    def _item(self, index: int) -> Paragraph:
        return self._columns.paragraph(self._first + index)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...
    @overload
    def __getitem__(self, index: slice) -> ParagraphTable: ...
    def __getitem__(self, index: int | slice) -> Paragraph | ParagraphTable:
        if isinstance(index, int):
            number = self._first + index
            if index < 0 or number >= (len(self._columns.starts) if self._stop is None else self._stop):
                number = self._first + self._position(index)  # from the end, or out of range
            return self._columns.paragraph(number)
        start, stop, step = index.indices(len(self))
        if step != 1:
            raise ValueError("paragraphs are sliced in runs (step 1)")
        part = ParagraphTable.__new__(ParagraphTable)
        part._columns, part._first, part._stop = self._columns, self._first + start, self._first + max(start, stop)
        return part

    def index_of(self, paragraph: Paragraph) -> int:
        """The position in this table of a paragraph read from it (found by its start)."""
        return bisect_left(self._columns.starts, paragraph.start, self._first, self._first + len(self)) - self._first

    def extent(self, positions: Sequence[int]) -> tuple[tuple[int, int], tuple[int, int]]:
        """The span and the first and last line of the paragraphs at some positions (a report's,
        not all in text order), read from the columns: paragraphs stand in text order, so the
        first position starts the span and the last ends it."""
        columns, first, last = self._columns, self._first + min(positions), self._first + max(positions)
        return (columns.starts[first], columns.ends[last]), (columns.first_lines[first], columns.last_lines[last])
