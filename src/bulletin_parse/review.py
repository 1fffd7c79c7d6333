"""The review page: one self-contained HTML file (no network, works from file://) in which a
person checks a parse against its source.

It shows the text every span indexes with its line numbers; each report outlined with its title,
region and byline; points (their headings), sections, inline points and bylines marked; every
figure highlighted, its record shown on hover and in a per-report table that sorts by column;
unassigned text and warnings in a colour that stands out. `render_index` makes the page that
lists a batch's bulletins.

Spans index the text in code points, a browser's strings in UTF-16: all slicing is done here, and
the template (Jinja2, autoescaped: nothing from the source reaches the page unescaped) receives
the text already cut into a flat run of tokens — text, line starts, openings and closings of
the marked elements — so that it needs no recursion and no arithmetic.
"""

from __future__ import annotations

import heapq
import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from markupsafe import Markup, escape

from .models import Document, Figure, decimal_text
from .pipeline import LONE_SURROGATE
from .reflow import line_end, line_starts

if TYPE_CHECKING:  # Jinja2 is imported only when a page is made
    from jinja2 import Environment, Template

_INDENT = " \t\u3000\f"  # what may stand before a report on its first line (a page break too)

# how deep each kind of element nests: lower ranks hold higher ones (a report holds its points,
# a point its inline points, anything a figure)
RANKS = {
    "masthead": 0,
    "report": 0,
    "unassigned": 0,
    "section": 1,
    "point": 1,
    "byline": 1,
    "heading": 2,
    "inline": 3,
    "layout": 4,
    "figure": 5,
}
BLOCKS = frozenset(("masthead", "report"))  # drawn as boxes: a line starting with one has its number inside


@dataclass
class Mark:
    """An element of the page over text[start:end]; a `part` above 1 continues one that another
    element cut (two ranges that cross cannot both be single elements)."""

    start: int
    end: int
    kind: str
    data: Any = None
    part: int = 1

    @property
    def rank(self) -> int:
        return RANKS[self.kind]


class Token(NamedTuple):
    kind: str  # "text", "line", "page" (a form feed), "open", "close"
    text: str = ""  # text and page: the characters
    line: int = 0  # line: its number
    mark: Mark | None = None  # open and close
    warned: tuple[str, ...] = ()  # line: the warnings on it


@dataclass(frozen=True)
class FigureRow:
    """A figure as the page shows it: its number (1-based, document order) and its record's
    values written out exactly."""

    number: int
    figure: Figure
    value: str
    low: str
    high: str
    range: str  # low–high, empty when exact

    @property
    def id(self) -> str:
        return f"fig-{self.number}"


@dataclass(frozen=True)
class IndexRow:
    """One bulletin of a batch on the index page."""

    source: str  # the input path, as messages spell it
    page: str | None = None  # link to its review page, relative to the index
    json: str | None = None  # link to its JSON
    masthead: str = ""
    reports: int = 0
    figures: int = 0
    warnings: int = 0
    error: str | None = None
    skipped: bool = False


def render_page(document: Document, text: str) -> str:
    """The review page of `document`, parsed from `text` (what `pipeline.read_source` returned;
    the text every span indexes)."""
    if len(text) != document.source.chars:
        raise ValueError(
            f"the text has {len(text)} characters, the document's source {document.source.chars}: not the text it was parsed from"
        )
    text = LONE_SURROGATE.sub("\ufffd", text)  # as the parser saw it: one character for one
    rows = figure_rows(document)
    tables: dict[int | None, list[FigureRow]] = {}
    for row in rows:
        tables.setdefault(row.figure.report, []).append(row)
    warned: dict[int, list[str]] = {}
    for warning in document.warnings:
        if warning.line is not None:
            warned.setdefault(warning.line, []).append(f"{warning.code}: {warning.message}")
    return _template("review.html.jinja").render(
        document=document,
        source_name=document.source.path or "(text)",
        tokens=tokens(text, marks(document, text, rows)),
        tables=tables,
        outside=tables.get(None, []),
        warned={line: tuple(messages) for line, messages in warned.items()},
        line_count=text.count("\n") + 1,
        masthead_label=masthead_label(document),
        points=sum(len(report.points) for report in document.reports),
    )


def render_index(rows: Sequence[IndexRow], title: str = "bulletin-parse review") -> str:
    """The page that lists a batch's bulletins: masthead, reports, figures, warnings, links."""
    return _template("index.html.jinja").render(rows=rows, title=title)


def link(target: str | os.PathLike[str], base: str | os.PathLike[str]) -> str:
    """A relative URL from the folder `base` to `target`, its bytes percent-encoded (a file name
    that is not UTF-8 is still found)."""
    relative = os.path.relpath(target, base)
    return quote(os.fsencode(Path(relative).as_posix()))


def masthead_label(document: Document) -> str:
    masthead = document.masthead
    parts = [masthead.title, masthead.issue_no, masthead.total_no and f"（{masthead.total_no}）", masthead.date]
    return " ".join(part for part in parts if part)


def figure_rows(document: Document) -> list[FigureRow]:
    rows = []
    for position, figure in enumerate(document.figures, 1):
        low, high = decimal_text(figure.low), decimal_text(figure.high)
        rows.append(FigureRow(position, figure, decimal_text(figure.value), low, high, f"{low}–{high}" if low != high else ""))
    return rows


# the marked ranges ----------------------------------------------------------------------------


def marks(document: Document, text: str, rows: Iterable[FigureRow]) -> list[Mark]:
    """Every element of the page with its range, before nesting."""
    starts = line_starts(text)
    found: list[Mark] = []
    masthead = document.masthead.lines
    if masthead:
        end = min([line_end(text, starts, masthead[1])] + [report.span[0] for report in document.reports])
        found.append(Mark(starts[masthead[0] - 1], end, "masthead", document.masthead))
    before = found[0].end if found else 0  # where the box before ends
    for report in document.reports:
        start = report.span[0]
        while start > before and text[start - 1] in _INDENT:  # the box opens at its first line's start
            start -= 1
        found.append(Mark(start, report.span[1], "report", report))
        before = report.span[1]
        for point in report.points:
            found.append(Mark(*point.span, "point", point))
            if point.heading:
                at = text.find(point.heading, point.span[0], point.span[1])
                if at >= 0:
                    found.append(Mark(at, at + len(point.heading), "heading", point))
        for position, section in enumerate(report.sections):
            found.append(Mark(*section.span, "section", (position, section)))
        for inline in report.inline_points:
            found.append(Mark(*inline.span, "inline", inline))
        if report.byline:
            found.append(Mark(*report.byline.span, "byline", report.byline))
    for piece in document.unassigned:
        found.append(Mark(*piece.span, "unassigned", piece))
    for line in document.source.layout_lines:
        if 0 < line <= len(starts):
            found.append(Mark(starts[line - 1], line_end(text, starts, line), "layout", line))
    figures = [Mark(*row.figure.span, "figure", row) for row in rows]
    return _around_figures([mark for mark in found if mark.start < mark.end], figures)


def _around_figures(containers: list[Mark], figures: list[Mark]) -> list[Mark]:
    """A figure is never cut: an element's edge that falls inside a figure moves out to the
    figure's edge, so the element holds it whole (figures never overlap one another)."""
    starts = [figure.start for figure in figures]

    def holder(offset: int) -> Mark | None:
        index = bisect_right(starts, offset - 1) - 1  # the last figure starting before offset
        return figures[index] if index >= 0 and figures[index].end > offset else None

    for mark in containers:
        if (figure := holder(mark.start)) is not None:
            mark.start = figure.start
        if (figure := holder(mark.end)) is not None:
            mark.end = figure.end
    return containers + figures


def nest(found: Iterable[Mark]) -> list[Mark]:
    """The ranges made to nest, in opening order: one that starts inside another and runs past
    its end is cut there, and goes on as a part of its own after it."""
    heap = [(mark.start, -mark.end, mark.rank, order, mark) for order, mark in enumerate(found)]
    heapq.heapify(heap)
    order = len(heap)
    nested: list[Mark] = []
    open_ends: list[int] = []
    while heap:
        start, _, _, _, mark = heapq.heappop(heap)
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and mark.end > open_ends[-1]:
            rest = Mark(open_ends[-1], mark.end, mark.kind, mark.data, mark.part + 1)
            order += 1
            heapq.heappush(heap, (rest.start, -rest.end, rest.rank, order, rest))
            mark = Mark(mark.start, open_ends[-1], mark.kind, mark.data, mark.part)
        if mark.start < mark.end:
            nested.append(mark)
            open_ends.append(mark.end)
    return nested


def tokens(text: str, found: Iterable[Mark]) -> list[Token]:
    """The text as a flat run of tokens: at each offset the elements ending there close
    (innermost first), the boxes starting there open, then the number of a line starting there,
    then the other elements; the text between is cut at line starts and form feeds."""
    nested = nest(found)
    opening: dict[int, list[Mark]] = {}
    for mark in nested:
        opening.setdefault(mark.start, []).append(mark)
    stops = sorted({0, len(text)} | set(opening) | {mark.end for mark in nested})
    out: list[Token] = []
    stack: list[Mark] = []
    line = 0
    for index, offset in enumerate(stops):
        while stack and stack[-1].end <= offset:
            out.append(Token("close", mark=stack.pop()))
        starting = opening.get(offset, ())
        for mark in starting:
            if mark.kind in BLOCKS:
                out.append(Token("open", mark=mark))
                stack.append(mark)
        if offset == 0 or (offset < len(text) and text[offset - 1] == "\n"):
            line += 1
            out.append(Token("line", line=line))
        for mark in starting:
            if mark.kind not in BLOCKS:
                out.append(Token("open", mark=mark))
                stack.append(mark)
        if index + 1 < len(stops):
            line = _text_tokens(text, offset, stops[index + 1], line, out)
    while stack:
        out.append(Token("close", mark=stack.pop()))
    return out


_BREAK = re.compile(r"\n|\f")


def _text_tokens(text: str, start: int, end: int, line: int, out: list[Token]) -> int:
    """text[start:end] as tokens, with the number of each line that starts inside it (one that
    starts at `end` is the caller's); returns the number of the line it ends on."""
    at = start
    for match in _BREAK.finditer(text, start, end):
        if match.start() > at:
            out.append(Token("text", text[at : match.start()]))
        out.append(Token("page" if match.group() == "\f" else "text", match.group()))
        at = match.end()
        if match.group() == "\n" and at < end:
            line += 1
            out.append(Token("line", line=line))
    if end > at:
        out.append(Token("text", text[at:end]))
    return line


# the template ---------------------------------------------------------------------------------


def source_text(value: str) -> Markup:
    """Text from the source, escaped; a carriage return as a character reference, which the
    browser keeps (a raw one it would read as a newline, and the page's text would no longer be
    the source's)."""
    escaped = escape(value)
    return escaped.replace("\r", Markup("&#13;")) if "\r" in value else escaped


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=PackageLoader("bulletin_parse", "templates"),
        autoescape=select_autoescape(["html", "jinja"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["source"] = source_text
    environment.globals["ranks"] = RANKS
    return environment


def _template(name: str) -> Template:
    return _environment().get_template(name)
