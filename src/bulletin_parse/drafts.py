"""A report as segmentation collects it (a `Draft`: its paragraphs by role), the report read from
it (`to_report`), and the reports of a document held as drafts (`FoundReports`).

Part of segmentation (stage 3). A report's points, sections, inline lists and byline are read from
its paragraphs again each time the report is asked for: a file of a hundred thousand reports or
points keeps only where each paragraph stands and what role it has, not the strings and records
read from them, and places each figure by bisection over the spans kept for that.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .blocks import POINT_MARKER, SENTENCE_END, section_level
from .bylines import FoundByline, read_author_line, read_byline, read_dateline
from .numerals import parse_numeral
from .outline import FoundInlinePoint, FoundSection, read_inline_points, read_section
from .paragraph_table import Paragraph, ParagraphTable
from .reflow import Pages
from .regions import report_region
from .tables import RecordTable

HEADING_MAX_CHARS = 24  # the longest slogan heading seen is 20 characters; 26 reads as a sentence


@dataclass(frozen=True, slots=True)
class FoundPoint:
    """A point as read (the pipeline records it as a `models.Point`)."""

    ordinal: int
    marker: str
    heading: str | None
    text: str
    span: tuple[int, int]
    section: int | None
    page: int | None


@dataclass(frozen=True, slots=True)
class FoundReport:
    """A report as read (the pipeline records it as a `models.Report`)."""

    index: int
    title: str | None
    region: str | None
    lead: str
    points: list[FoundPoint]
    sections: list[FoundSection]
    inline_points: list[FoundInlinePoint]
    byline: FoundByline | None
    span: tuple[int, int]
    lines: tuple[int, int]
    pages: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class FoundWarning:
    code: str
    message: str
    line: int | None = None


class Draft:
    """A report being read: the paragraphs seen so far, by role. The lead's and the points'
    paragraphs (a report may have a hundred thousand) are kept as their positions in the body."""

    def __init__(self, body: ParagraphTable) -> None:
        self.body = body
        self.title: list[Paragraph] = []
        self.byline: Paragraph | None = None
        self.authors_above: Paragraph | None = None  # "□ 张国华　刘晓敏" over the title
        self.dateline: FoundByline | None = None  # "本报讯（记者 孙立）" opening the lead
        self._lead = array("Q")
        self._points, self._opens = array("Q"), bytearray()  # each point paragraph; 1 where a point opens

    @property
    def has_body(self) -> bool:
        return bool(self._lead or self._points)

    @property
    def lead(self) -> list[Paragraph]:
        return [self.body[position] for position in self._lead]

    @property
    def points(self) -> list[list[Paragraph]]:
        groups: list[list[Paragraph]] = []
        for position, opens in zip(self._points, self._opens, strict=True):
            (groups.append([self.body[position]]) if opens else groups[-1].append(self.body[position]))
        return groups

    def roles(self) -> Iterator[tuple[int, int]]:
        """Each paragraph's role (`AUTHORS_ABOVE` … `BYLINE`) and position in the body, in report order."""
        if self.authors_above:
            yield AUTHORS_ABOVE, self.body.index_of(self.authors_above)
        yield from ((TITLE, self.body.index_of(paragraph)) for paragraph in self.title)
        yield from ((LEAD, position) for position in self._lead)
        yield from ((POINT if opens else POINT_MORE, position) for position, opens in zip(self._points, self._opens, strict=True))
        if self.byline:
            yield BYLINE, self.body.index_of(self.byline)

    def extent(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The report's span and its first and last line."""
        return self.body.extent([position for _, position in self.roles()])

    def add(self, role: int, position: int) -> None:
        if role == AUTHORS_ABOVE:
            self.authors_above = self.body[position]
        elif role == TITLE:
            self.title.append(self.body[position])
        elif role in (POINT, POINT_MORE):
            self._points.append(position)
            self._opens.append(role == POINT)
        elif role == BYLINE:
            self.byline = self.body[position]
        else:
            self._lead.append(position)

    def add_body(self, source: str, paragraph: Paragraph) -> None:
        position = self.body.index_of(paragraph)
        if POINT_MARKER.match(paragraph.text):
            self.add(POINT, position)
        elif self._points:
            self.add(POINT_MORE, position)
        else:
            if not self._lead:
                self.dateline = read_dateline(source, paragraph)
            self.add(LEAD, position)


AUTHORS_ABOVE, TITLE, LEAD, POINT, POINT_MORE, BYLINE = range(6)


def to_report(source: str, draft: Draft, index: int, pages: Pages) -> FoundReport:
    """A report from its draft: the closing byline, else the author line over the title, else the
    lead's dateline is its byline; sections and inline lists are read from its paragraphs."""
    title = "".join(p.text for p in draft.title) or None
    lead = draft.lead
    byline: FoundByline | None
    if draft.byline:
        byline = read_byline(source, draft.byline)
    elif draft.authors_above:
        byline = read_author_line(source, draft.authors_above)
    else:
        byline = read_dateline(source, lead[0]) if lead else None
    sections: list[FoundSection] = []
    inline_points: list[FoundInlinePoint] = []
    points: list[FoundPoint] = []
    for paragraph, group in _outline_order(lead, draft.points):
        if group:
            points.append(read_point(group, len(sections) - 1 if sections else None, pages))
        if section := opened_section(source, paragraph, bool(sections)):
            sections.append(section)
        inline_points += read_inline_points(source, paragraph, points[-1].ordinal if points else None)
    span, lines = draft.extent()
    return FoundReport(
        index=index,
        title=title,
        region=report_region(title, byline, lead),
        lead="\n".join(p.text for p in lead),
        points=points,
        sections=sections,
        inline_points=inline_points,
        byline=byline,
        span=span,
        lines=lines,
        pages=pages.over(span),
    )


def _outline_order(lead: Iterable[Paragraph], points: Iterable[list[Paragraph]]) -> Iterator[tuple[Paragraph, list[Paragraph] | None]]:
    """The lead's and the points' paragraphs in order, each point's first with its point's
    paragraphs (a point opens there)."""
    yield from ((paragraph, None) for paragraph in lead)
    for group in points:
        yield group[0], group
        yield from ((paragraph, None) for paragraph in group[1:])


def opened_section(source: str, paragraph: Paragraph, outline_begun: bool) -> FoundSection | None:
    """The section a paragraph opens. Level 3 markers (1. / 1、) open sections only inside an
    outline already begun: elsewhere they number list items."""
    level = section_level(paragraph.text)
    return read_section(source, paragraph, level) if level and (level < 3 or outline_begun) else None


def point_marker(paragraph: Paragraph) -> tuple[str, int]:
    """The marker opening a point's first paragraph (一是) and its ordinal."""
    marker = POINT_MARKER.match(paragraph.text).group()
    return marker, int(parse_numeral(marker[:-1]))


def read_point(paragraphs: list[Paragraph], section: int | None, pages: Pages) -> FoundPoint:
    """Marker, heading and text of a point. The heading is the opening sentence when it is a
    short slogan and more follows it; a point of one sentence has that sentence as its text."""
    first = paragraphs[0]
    marker, ordinal = point_marker(first)
    rest = first.text[len(marker) :]
    heading = None
    stop = rest.find("。")
    more_follows = stop + 1 < len(rest) or len(paragraphs) > 1
    if 0 < stop <= HEADING_MAX_CHARS and more_follows and SENTENCE_END.isdisjoint(rest[:stop]):
        heading, rest = rest[:stop], rest[stop + 1 :]
    return FoundPoint(
        ordinal=ordinal,
        marker=marker,
        heading=heading,
        text="\n".join([rest] + [p.text for p in paragraphs[1:]]).strip("\n"),
        span=(first.start, paragraphs[-1].end),
        section=section,
        page=pages.at(first.start),
    )


class FoundReports(RecordTable[FoundReport]):
    """The reports of a document, each held as the positions of its paragraphs in the body and
    their roles, and read again (`to_report`) when asked for; with the spans of every report,
    point and section, which place a figure by bisection."""

    def __init__(self, source: str, body: ParagraphTable, pages: Pages) -> None:
        self._source, self._body, self._pages = source, body, pages
        code = "I" if len(source) < 2**32 else "Q"
        self._members, self._roles, self._member_ends = array(code), bytearray(), array(code)
        self._starts, self._ends, self._first_lines, self._point_counts = array(code), array(code), array(code), array(code)
        self.misnumbered = array(code)  # the positions of the reports that number their points out of order
        self._point_starts, self._point_ends, self._point_ordinals = array(code), array(code), array(code)
        self._section_starts, self._section_report_ends, self._section_positions = array(code), array(code), array(code)

    def add(self, draft: Draft) -> None:
        """Keep a report read from its draft."""
        source, begin = self._source, len(self._members)
        for role, position in draft.roles():
            self._members.append(position)
            self._roles.append(role)
        self._member_ends.append(len(self._members))
        (start, end), (first_line, _) = self._body.extent(self._members[begin:])
        self._starts.append(start)
        self._ends.append(end)
        self._first_lines.append(first_line)
        ordinals, sections = [], 0
        for role, position in zip(self._roles[begin:], self._members[begin:], strict=True):
            if role not in (LEAD, POINT, POINT_MORE):
                continue
            paragraph = self._body[position]
            if role == POINT:
                ordinals.append(point_marker(paragraph)[1])
                self._point_starts.append(paragraph.start)
                self._point_ends.append(paragraph.end)
                self._point_ordinals.append(ordinals[-1])
            elif role == POINT_MORE:
                self._point_ends[-1] = paragraph.end
            if section := opened_section(source, paragraph, bool(sections)):
                self._section_starts.append(section.span[0])
                self._section_report_ends.append(end)
                self._section_positions.append(sections)
                sections += 1
        self._point_counts.append(len(self._point_ordinals))
        if ordinals != list(range(1, len(ordinals) + 1)):
            self.misnumbered.append(len(self) - 1)

    def numbering_warning(self, index: int) -> FoundWarning:
        """The warning on a report (at a position in `misnumbered`) whose points are numbered out of order."""
        ordinals = list(self._point_ordinals[self._point_counts[index - 1] if index else 0 : self._point_counts[index]])
        message = f"report {index + 1} numbers its points {ordinals}"
        return FoundWarning(code="points-out-of-order", message=message, line=self._first_lines[index])

    def __len__(self) -> int:
        return len(self._member_ends)

    def _item(self, index: int) -> FoundReport:
        draft = Draft(self._body)
        for member in range(self._member_ends[index - 1] if index else 0, self._member_ends[index]):
            draft.add(self._roles[member], self._members[member])
        return to_report(self._source, draft, index + 1, self._pages)

    def report_at(self, offset: int) -> int | None:
        """The `index` of the report holding an offset."""
        found = bisect_right(self._starts, offset) - 1
        return found + 1 if found >= 0 and offset < self._ends[found] else None

    def point_at(self, offset: int) -> int | None:
        """The ordinal of the point holding an offset."""
        found = bisect_right(self._point_starts, offset) - 1
        return self._point_ordinals[found] if found >= 0 and offset < self._point_ends[found] else None

    def section_at(self, offset: int) -> int | None:
        """The position in its report's sections of the last section heading at or before an
        offset, within the same report."""
        found = bisect_right(self._section_starts, offset) - 1
        return self._section_positions[found] if found >= 0 and offset < self._section_report_ends[found] else None
