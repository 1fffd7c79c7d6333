"""The outline inside one report: its sections (一、… / （一）… / 1. headings) and the
enumerations inside its paragraphs (提出三点意见：一是…；二是…).

Part of segmentation (stage 3). Neither changes where text goes: a section heading stays in the
lead or point it stands in, an inline list in its paragraph; both are views with source spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import SECTION_LEVELS
from .enumerations import SENTENCE_END, find_inline_points
from .paragraph_table import Paragraph
from .reflow import source_span, source_spans

SECTION_HEADING_MAX_CHARS = 50


@dataclass(frozen=True, slots=True)
class FoundSection:
    """A section heading as read (the pipeline records it as a `models.Section`)."""

    level: int
    marker: str
    heading: str
    span: tuple[int, int]
    line: int


@dataclass(frozen=True, slots=True)
class FoundInlinePoint:
    """An item of an enumeration inside a paragraph (recorded as a `models.InlinePoint`)."""

    ordinal: int
    marker: str
    text: str
    span: tuple[int, int]
    point: int | None


def read_section(source: str, paragraph: Paragraph, level: int) -> FoundSection | None:
    """The section a heading paragraph opens. A heading on its own line is the whole line after
    the marker; a run-in one ("（一）形成监督模式。昌平区…") is its first sentence. A marker
    followed by a long sentence opens a list item, not a section."""
    text = paragraph.text
    marker = SECTION_LEVELS[level - 1][1].match(text).group()
    end_of_sentence = SENTENCE_END.search(text, len(marker))
    heading_end = end_of_sentence.start() if end_of_sentence else len(text)
    heading = text[len(marker) : heading_end].rstrip("，,；;：: ")
    if not heading or len(heading) > SECTION_HEADING_MAX_CHARS:
        return None
    start, end = source_span(source, paragraph, 0, len(marker) + len(heading))
    return FoundSection(
        level=level,
        marker=marker,
        heading=heading,
        span=(start, end),
        line=paragraph.first_line + source.count("\n", paragraph.start, start),
    )


def read_inline_points(source: str, paragraph: Paragraph, point: int | None) -> list[FoundInlinePoint]:
    """The enumerations inside one paragraph of a report, with source spans; `point` is the
    ordinal of the paragraph-level point that holds the paragraph."""
    items = find_inline_points(paragraph.text)
    spans = source_spans(source, paragraph, [(item.start, item.end) for item in items]) if items else []
    return [
        FoundInlinePoint(ordinal=item.ordinal, marker=item.marker, text=item.text, span=span, point=point)
        for item, span in zip(items, spans, strict=True)
    ]
