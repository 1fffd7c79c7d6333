"""The whole pipeline: decode (or read a published PDF, Word file or web page) → reflow →
segment → figures → the `Document` model.

Each stage is a module of pure functions; this one only wires them together and attributes
every figure to the report, point, section and page whose span holds it.
"""

from __future__ import annotations

import gc
import hashlib
import io
import re
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from .decode import BulletinError, decode
from .drafts import FoundReport
from .figure_lexicon import CN_BIG, CN_SMALL
from .figure_table import FigureTable, Places, Reading
from .figures import extract_figures
from .files import MAX_SIZE, path_text, read_regular_file
from .models import GENERATOR, SCHEMA_VERSION, Byline, Document, InlinePoint, Masthead, Point, Report, Section, Source, Unassigned, Warning
from .numerals import ARABIC_DIGITS, CHINESE_DIGITS
from .readers import Published, read_published
from .reflow import Pages, line_end, paragraphs
from .segment import FoundText, Structure, segment
from .subjects import Neighbours, find_subject
from .tables import Records, RecordTable

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_FORM_FEED = re.compile("[^\f]")
# a number a wrap or a PDF's spacing parted: 79 00, 八⏎十五, 八十七点⏎五
_NUMERAL_CHARS = CHINESE_DIGITS + CN_SMALL + "点點"
SPLIT_DIGITS = re.compile(rf"[{ARABIC_DIGITS}]\s+[{ARABIC_DIGITS}]|[{_NUMERAL_CHARS}]\s+[{_NUMERAL_CHARS}{CN_BIG}]")


def parse(text: str, path: str | None = None) -> Document:
    """Parse a bulletin's decoded text. Spans index `text` exactly as given."""
    label = None if path is None else path_text(path)  # a path with lone surrogates is escaped as files are
    source = Source(
        path=label,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        chars=len(text),
        layout_lines=[],
    )
    return _build(text, source, [])


def parse_file(path: str | Path, encoding: str | None = None, max_size: int = MAX_SIZE) -> Document:
    """Read, decode and parse one bulletin file; `BulletinError` says why a file cannot be read
    (not a regular file, larger than `max_size` bytes, not text)."""
    text, source, warnings = _read(Path(path), encoding, max_size)
    return _build(text, source, warnings)


def read_source(path: str | Path, encoding: str | None = None, max_size: int = MAX_SIZE) -> tuple[str, Source, list[Warning]]:
    """What `parse_file` reads before it parses: the decoded text, its `Source` record and the
    decoding's warnings. The batch compares the record with an existing output's to learn
    whether parsing is needed at all; `parse_source` does the rest."""
    return _read(Path(path), encoding, max_size)


def parse_source(text: str, source: Source, warnings: list[Warning]) -> Document:
    """Parse what `read_source` returned."""
    return _build(text, source, warnings)


def parse_bytes(data: bytes, path: str | None = None, encoding: str | None = None) -> Document:
    """Decode and parse a bulletin's bytes (standard input, a database blob)."""
    return _build(*read_bytes(data, path, encoding))


def read_bytes(data: bytes, path: str | None = None, encoding: str | None = None) -> tuple[str, Source, list[Warning]]:
    """What `parse_bytes` reads before it parses, as `read_source` for a file."""
    label = path if path in (None, "-") else path_text(path)  # a path with lone surrogates is escaped as files are
    try:
        return _decode(data, label, encoding)
    except BulletinError as error:
        raise error.at(label) from None


def _read(path: Path, encoding: str | None, max_size: int) -> tuple[str, Source, list[Warning]]:
    """The decoded text of a file; its bytes are let go on return (a 50 MB file is 50 MB). Only a
    regular file is read (a FIFO would wait forever, /dev/zero never ends), and only up to
    `max_size` bytes. The path is recorded as `path_text` writes it: a name that is not UTF-8
    cannot go into JSON as it is."""
    label = path_text(path)
    try:
        return _decode(read_regular_file(path, max_size), label, encoding)
    except BulletinError as error:
        raise error.at(label) from None


def _decode(data: bytes, path: str | None, encoding: str | None) -> tuple[str, Source, list[Warning]]:
    """The text of a file's bytes: a published form (PDF, Word, a web page) through its reader,
    anything else decoded as text."""
    published = read_published(data, path)
    if published is not None:
        return _published(data, path, published)
    decoded = decode(data, encoding)
    warnings = []
    if decoded.guessed:
        warnings.append(Warning(code="encoding-guessed", message=f"not UTF-8; decoded as {decoded.encoding}"))
    source = Source(path=path, encoding=decoded.encoding, sha256=hashlib.sha256(data).hexdigest(), chars=len(decoded.text), layout_lines=[])
    return decoded.text, source, warnings


def _published(data: bytes, path: str | None, published: Published) -> tuple[str, Source, list[Warning]]:
    """A published file's text, as its reader made it: the text every span indexes (--text-out
    writes it), in UTF-8."""
    source = Source(
        path=path,
        encoding="utf-8",
        format=published.format,
        pages=published.pages,
        extractor=published.extractor,
        sha256=hashlib.sha256(data).hexdigest(),
        chars=len(published.text),
        layout_lines=[],
    )
    warnings = [Warning(code="empty-page", message=f"page {page} has no text (an image?)") for page in published.empty_pages]
    return published.laid_out_text(), source, warnings


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector, paused while a document is built. A parse makes records
    by the hundred thousand that all live on, and each time they grow the heap by a quarter the
    collector walks every one of them again: a fifth of the time of a file dense with figures.
    The parse makes no reference cycles, so no garbage waits for it. A parse that found it on
    turns it back on (in threads, the first to finish)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@_collector_paused()
def _build(text: str, source: Source, warnings: list[Warning]) -> Document:
    text, warnings = _without_lone_surrogates(text, warnings)
    # the paragraphs die here, before figures are read: a large file never holds both
    _, found, layout_lines = paragraphs(text, getattr(text, "title_lines", frozenset()))  # a published file's LaidOutText
    pages = Pages(text)
    structure = segment(text, found, pages)
    del found
    places = Places(text, structure.reports, pages)
    figures, split_numbers = _figures(text, _layout_blanked(text, layout_lines, places.line_starts), places)
    return Document.build(
        schema_version=SCHEMA_VERSION,
        generator=GENERATOR,
        source=source.model_copy(update={"layout_lines": layout_lines}),
        masthead=Masthead.build(**_values(structure.masthead)),
        reports=Records(structure.reports, _report),  # records made when read: see `drafts.FoundReports`
        figures=figures,
        distribution=structure.distribution,
        unassigned=Records(structure.unassigned, _unassigned),
        warnings=WarningTable(warnings, figures, split_numbers, structure),
    )


class WarningTable(RecordTable[Warning]):
    """A document's warnings, in order: the reading's, one for each figure whose number was read
    across blanks or a line break, one for each report that numbers its points out of order, and
    the rest of segmentation's. The middle two are kept as positions of figures and reports (a
    file can hold a hundred thousand) and made when read."""

    def __init__(self, read: list[Warning], figures: FigureTable, split_numbers: array[int], structure: Structure) -> None:
        self._read, self._figures, self._split_numbers = read, figures, split_numbers
        self._reports, self._found = structure.reports, structure.warnings

    def __len__(self) -> int:
        return len(self._read) + len(self._split_numbers) + len(self._reports.misnumbered) + len(self._found)

    def _item(self, index: int) -> Warning:
        if index < len(self._read):
            return self._read[index]
        index -= len(self._read)
        if index < len(self._split_numbers):
            figure = self._figures[self._split_numbers[index]]
            message = f"{figure.text!r} read as one number: its digits were parted by blanks or a line break"
            return Warning.build(code="split-number", message=message, line=figure.line)
        index -= len(self._split_numbers)
        misnumbered = self._reports.misnumbered
        found = self._reports.numbering_warning(misnumbered[index]) if index < len(misnumbered) else self._found[index - len(misnumbered)]
        return Warning.build(**_values(found))


def _values(found: DataclassInstance) -> dict[str, object]:
    """A found thing's fields by name (not `dataclasses.asdict`, which would turn the nested ones into dicts too)."""
    return {field.name: getattr(found, field.name) for field in fields(found)}


def _unassigned(found: FoundText) -> Unassigned:
    return Unassigned.build(**_values(found))


def _report(found: FoundReport) -> Report:
    """The record of a report segmentation found, with its points, sections, inline points and
    byline: the stages hand on plain data, and the records are made here."""
    return Report.build(
        **_values(found)
        | {
            "points": [Point.build(**_values(point)) for point in found.points],
            "sections": [Section.build(**_values(section)) for section in found.sections],
            "inline_points": [InlinePoint.build(**_values(item)) for item in found.inline_points],
            "byline": Byline.build(**_values(found.byline)) if found.byline else None,
        }
    )


def _without_lone_surrogates(text: str, warnings: list[Warning]) -> tuple[str, list[Warning]]:
    """Lone surrogates (from text built in Python, or an escape-reading codec) are no Unicode
    text: no JSON or UTF-8 can hold them. Each becomes U+FFFD, one character for one, so every
    span still indexes the text as given."""
    first_found = LONE_SURROGATE.search(text)
    if first_found is None:
        return text, warnings
    found = LONE_SURROGATE.findall(text)
    first = text.count("\n", 0, first_found.start()) + 1
    warning = Warning(code="lone-surrogates", message=f"{len(found)} lone surrogate(s), not Unicode text, shown as U+FFFD", line=first)
    return LONE_SURROGATE.sub("\ufffd", text), warnings + [warning]


def _layout_blanked(text: str, layout_lines: list[int], starts: array[int]) -> str:
    """The text with its layout lines (page numbers, running headers, drawn rules) turned to
    spaces, one character for one, form feeds kept: what figures are read in. A number whose
    unit a page break carried over (17⏎— 5 —⏎\f项) reads whole, and a running header's date
    is no figure on every page; every offset still indexes the text. A bare number line stays:
    it cannot be told from digits of the text's own."""
    if not layout_lines:
        return text
    blanked, done = io.StringIO(), 0  # written piece by piece: a file of short pages has a million
    for number in layout_lines:
        start, end = starts[number - 1], line_end(text, starts, number)
        if text[start:end].strip().isdigit():
            continue  # a bare number line may be a number's own digits a wrap parted (2⏎00余人次)
        blanked.write(text[done:start])
        blanked.write(NOT_FORM_FEED.sub(" ", text[start:end]))
        done = end
    blanked.write(text[done:])
    return blanked.getvalue()


def _figures(text: str, view: str, places: Places) -> tuple[FigureTable, array[int]]:
    """Every figure's reading, each subject searched between the figure's neighbours, and the
    positions of the figures whose number was read across blanks or a line break. The figures stream from the
    reader into the table, one ahead of the one being placed: a file of figures never holds
    their records."""
    table = FigureTable(text, places)
    split_numbers = array("Q")
    ends = Neighbours().ends_before
    matches = extract_figures(view)
    match = next(matches, None)
    while match is not None:
        following = next(matches, None)
        start, end = match.start, match.end
        subject = find_subject(view, start, end, match.unit, match.kind, Neighbours(ends, following.start if following else None))
        if SPLIT_DIGITS.search(view, start, end):
            split_numbers.append(len(table))
        table.append(
            start, end, Reading(match.value, match.low, match.high, match.approx, match.unit, match.kind, match.iso, subject, match.quoted)
        )
        ends = (*ends[1:], end)
        match = following
    return table, split_numbers
