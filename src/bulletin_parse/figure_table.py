"""A document's figures held as a table: where each stands, and which reading it has.

A bulletin dense with figures (a budget report, a statistics annex, or 5 MB of `3%3%3%…`) has a
figure every few characters. One pydantic record per figure costs about a kilobyte, so the
figures are kept as three columns of integers instead (start, end, reading), with every distinct
reading (value, bounds, approx, unit, kind, iso, subject, quoted) stored once. The records a
caller sees are made when read: `document.figures[i]`, iteration and slices give `Figure`s, the
same ones a list of records would hold; the line, report, point, section and page of each are
found by bisection over the document's structure.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from decimal import Decimal
from typing import NamedTuple

from .drafts import FoundReports
from .models import Figure
from .reflow import Pages, line_starts
from .tables import RecordTable


class Reading(NamedTuple):
    """What a figure says, apart from where it stands."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    approx: str | None
    unit: str | None
    kind: str
    iso: str | None
    subject: str | None
    quoted: bool


class Places:
    """Where an offset stands: its line, report, point, section and page, each found by
    bisection (a report can hold thousands of points, a file millions of figures)."""

    def __init__(self, text: str, reports: FoundReports, pages: Pages) -> None:
        self.page = pages.at
        self.line_starts = line_starts(text)
        self.report = reports.report_at
        self.point = reports.point_at
        self.section = reports.section_at

    def line(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)


class FigureTable(RecordTable[Figure]):
    """The figures of one parsed text, in order, as `Figure` records made on demand."""

    def __init__(self, text: str, places: Places) -> None:
        self._text = text
        self._places = places
        offsets = "I" if len(text) < 2**32 else "Q"
        self._starts, self._ends, self._reading_of = array(offsets), array(offsets), array("I")
        self._readings: list[Reading] = []
        self._reading_ids: dict[Reading, int] = {}

    def append(self, start: int, end: int, reading: Reading) -> None:
        """Add the figure at text[start:end]; figures come in text order."""
        number = self._reading_ids.get(reading)
        if number is None:
            number = self._reading_ids[reading] = len(self._readings)
            self._readings.append(reading)
        self._starts.append(start)
        self._ends.append(end)
        self._reading_of.append(number)

    def __len__(self) -> int:
        return len(self._starts)

    def _item(self, index: int) -> Figure:
        start, end = self._starts[index], self._ends[index]
        reading = self._readings[self._reading_of[index]]
        places = self._places
        return Figure.build(
            text=self._text[start:end],
            span=(start, end),
            line=places.line(start),
            value=reading.value,
            low=reading.low,
            high=reading.high,
            approx=reading.approx,
            unit=reading.unit,
            kind=reading.kind,
            iso=reading.iso,
            subject=reading.subject,
            quoted=reading.quoted,
            report=places.report(start),
            point=places.point(start),
            section=places.section(start),
            page=places.page(start),
        )
