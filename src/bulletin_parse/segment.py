"""Stage 3: paragraphs to the bulletin's structure.

A bulletin is a masthead (`masthead`), a run of reports and a distribution footer. A report is an
optional title, a lead, its 一是/二是 points and an optional byline (`bylines`); a byline closes a
report, and so does a new title. A report that opened with a dateline (本报讯…) or under an author
line (□ 张国华) has no byline of its own to close it: the next title or brief does. Column
banners (【基层动态】), an 编者按 and web furniture (发布时间：…) are no reports; headings inside
a report (一、…, unmarked slogan lines) never start one. Where a published file's layout sets
titles (larger, bold, a web page's headings), the lines it sets so are the titles, and no line
set in the body's type is one. Sections and inline lists are read per report (`outline`).
Whatever fits nowhere is kept in `unassigned`: the parser never drops text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .blocks import (
    POINT_MARKER,
    SENTENCE_END,
    is_banner,
    is_editors_note,
    is_furniture,
    is_set_title,
    is_title,
    layout_sets_titles,
    names_an_actor,
    section_level,
)
from .bylines import (
    FoundByline,
    is_byline,
    read_author_line,
    read_byline,
    read_dateline,
    trailing_byline_start,
)
from .masthead import FoundMasthead, masthead_zone, read_masthead
from .numerals import parse_numeral
from .outline import FoundInlinePoint, FoundSection, read_inline_points, read_section
from .reflow import (
    DISTRIBUTION_LABEL,
    Pages,
    Paragraph,
    sub_paragraph,
)
from .regions import report_region

HEADING_MAX_CHARS = 24  # the longest slogan heading seen is 20 characters; 26 reads as a sentence
FOOTER_MAX_CHARS = 150

ITEM_OPENING = regex.compile(
    r"(?:近日|日前|近期|\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬|底|初)|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)[，,上中下午]"
)
ATTACHMENT = regex.compile(r"附件|\d{1,2}[.．、]")  # "附件：1.…" and the list's further lines
LIST_ITEM = regex.compile(r"\d{1,2}[.．、]")


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
class FoundText:
    """Text no field holds (recorded in `unassigned`)."""

    text: str
    span: tuple[int, int]
    lines: tuple[int, int]


@dataclass(frozen=True, slots=True)
class FoundWarning:
    code: str
    message: str
    line: int | None = None


class Structure(NamedTuple):
    """What segmentation found: plain data, which the pipeline turns into the `Document`."""

    masthead: FoundMasthead
    reports: list[FoundReport]
    distribution: list[str]
    unassigned: list[FoundText]
    warnings: list[FoundWarning]


def segment(source: str, paragraphs: list[Paragraph], pages: Pages | None = None) -> Structure:
    """The structure of a bulletin from its paragraphs (drawn rules are already layout; a line of
    symbols such as ￥ or → is text); `pages` says where the source's pages end."""
    pages = pages or Pages(source)
    unassigned: list[Paragraph] = []
    zone = masthead_zone(paragraphs)
    masthead, leftovers = read_masthead(paragraphs[:zone])
    unassigned += leftovers
    footer_at = _footer_start(source, paragraphs, zone)
    distribution = [p.text for p in paragraphs[footer_at:]]
    reports, orphans, warnings = build_reports(source, paragraphs[zone:footer_at], pages)
    unassigned += orphans
    return Structure(
        masthead,
        reports,
        distribution,
        [
            FoundText(text=p.text, span=(p.start, p.end), lines=(p.first_line, p.last_line))
            for p in sorted(unassigned, key=lambda p: p.start)
        ],
        warnings,
    )


def _footer_start(source: str, paragraphs: list[Paragraph], masthead_zone: int) -> int:
    """Where the distribution footer (报：/送：/抄送：) begins: the earliest labelled paragraph of
    the document's tail of short, non-report paragraphs. A label further up, followed by more
    reports (several issues in one file), is not the footer."""
    start = len(paragraphs)
    for index in range(len(paragraphs) - 1, masthead_zone - 1, -1):
        paragraph = paragraphs[index]
        if len(paragraph.text) > FOOTER_MAX_CHARS or POINT_MARKER.match(paragraph.text) or is_byline(source, paragraph):
            break
        if DISTRIBUTION_LABEL.match(paragraph.text):
            start = index
    return start


@dataclass
class _Draft:
    """A report being read: the paragraphs seen so far, by role."""

    title: list[Paragraph] = field(default_factory=list)
    lead: list[Paragraph] = field(default_factory=list)
    points: list[list[Paragraph]] = field(default_factory=list)
    byline: Paragraph | None = None
    authors_above: Paragraph | None = None  # "□ 张国华　刘晓敏" over the title
    dateline: FoundByline | None = None  # "本报讯（记者 孙立）" opening the lead

    @property
    def has_body(self) -> bool:
        return bool(self.lead or self.points)

    @property
    def paragraphs(self) -> list[Paragraph]:
        found = ([self.authors_above] if self.authors_above else []) + self.title + self.lead
        found += [p for point in self.points for p in point]
        return found + ([self.byline] if self.byline else [])

    def add_body(self, source: str, paragraph: Paragraph) -> None:
        if POINT_MARKER.match(paragraph.text):
            self.points.append([paragraph])
        elif self.points:
            self.points[-1].append(paragraph)
        else:
            if not self.lead:
                self.dateline = read_dateline(source, paragraph)
            self.lead.append(paragraph)


def build_reports(source: str, body: list[Paragraph], pages: Pages) -> tuple[list[FoundReport], list[Paragraph], list[FoundWarning]]:
    body = _split_trailing_bylines(source, body)
    titles_set = layout_sets_titles(body)
    closing = [is_byline(source, paragraph) for paragraph in body]
    closes_with_bylines = sum(closing) >= 2  # the bulletin ends its reports with bylines
    drafts: list[_Draft] = []
    draft = _Draft()
    orphans: list[Paragraph] = []

    def start_next() -> None:
        nonlocal draft
        if draft.paragraphs:
            drafts.append(draft)
        draft = _Draft()

    for index, paragraph in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if closing[index]:
            if draft.byline:  # the report had a byline under its title; this one starts the next
                start_next()
            draft.byline = paragraph
            if draft.has_body or not draft.title:
                start_next()
            continue
        if is_banner(paragraph.text) or is_editors_note(paragraph.text):
            start_next()
            orphans.append(paragraph)
            continue
        if read_author_line(source, paragraph):
            start_next()
            draft.authors_above = paragraph
            continue
        if is_furniture(paragraph.text) or (index and ATTACHMENT.match(body[index - 1].text) and LIST_ITEM.match(paragraph.text)):
            (draft.add_body(source, paragraph) if draft.has_body else orphans.append(paragraph))
            continue
        role = _title_role(source, draft, paragraph, following, closes_with_bylines, titles_set)
        if role == "heading":
            draft.add_body(source, paragraph)
            continue
        if role == "title":
            if draft.has_body:
                start_next()
            draft.title.append(paragraph)
            if len(draft.title) > 2:  # a run of short lines is a contents list, not a title
                orphans.append(draft.title.pop(0))
            continue
        if draft.dateline and not draft.title and draft.has_body and opens_an_item(source, paragraph):
            start_next()  # untitled briefs, the first with a dateline and no byline to close it
        draft.add_body(source, paragraph)
    start_next()
    reports: list[FoundReport] = []
    warnings: list[FoundWarning] = []
    for draft in drafts:
        if not draft.has_body and not draft.byline:
            orphans += draft.title + ([draft.authors_above] if draft.authors_above else [])
            continue
        if draft.byline and draft.authors_above:  # the closing byline is the report's; keep the other line too
            orphans.append(draft.authors_above)
            draft.authors_above = None
        report = to_report(source, draft, len(reports) + 1, pages)
        reports.append(report)
        ordinals = [point.ordinal for point in report.points]
        if ordinals != list(range(1, len(ordinals) + 1)):
            warnings.append(
                FoundWarning(
                    code="points-out-of-order", message=f"report {report.index} numbers its points {ordinals}", line=report.lines[0]
                )
            )
    if reports and not any(report.byline for report in reports):
        warnings.append(FoundWarning(code="no-bylines", message="no report has a byline; reports were split at titles only"))
    return reports, orphans, warnings


def _title_role(
    source: str, draft: _Draft, paragraph: Paragraph, following: Paragraph | None, closes_with_bylines: bool, titles_set: bool
) -> str | None:
    """Whether a title-like paragraph is a "title" (of the next report), a "heading" line inside
    the current one, or neither (None). Inside a report, a report that opened with a dateline or
    under an author line has no byline of its own to end it, so a title may come any time, and
    so it may where a dateline follows; there a title may ask a question. In a bulletin that ends
    its reports with bylines, a title-like line inside a report that names no actor is a heading
    ("专题调研契合民意"). Where the layout sets titles (`layout_sets_titles`), a paragraph is
    title-like when it is set as one, and only then."""
    if following is None:  # a title is followed by text (`is_title`, `is_set_title`)
        return None
    if titles_set:
        if not is_set_title(paragraph, following):
            return None
    elif not is_title(paragraph, following, expecting_title=True):
        return None
    if not draft.has_body:
        return "title"
    ends_unclosed = bool(draft.dateline or draft.authors_above) or read_dateline(source, following) is not None
    if not ends_unclosed and not titles_set and not is_title(paragraph, following):
        return None
    if closes_with_bylines and not draft.byline and not ends_unclosed and not names_an_actor(paragraph.text):
        return "heading"
    return "title"


def _split_trailing_bylines(source: str, body: list[Paragraph]) -> list[Paragraph]:
    """A byline printed at the end of a report's last paragraph ("…取得实效。（县人大办　李明）",
    "…精神。摄影/马宬") is split off as a paragraph of its own."""
    split = []
    for paragraph in body:
        at = trailing_byline_start(source, paragraph)
        if at:
            split += [sub_paragraph(source, paragraph, 0, at), sub_paragraph(source, paragraph, at, len(paragraph.text))]
        else:
            split.append(paragraph)
    return split


def opens_an_item(source: str, paragraph: Paragraph) -> bool:
    """Whether a paragraph opens a news brief: a dateline (本刊讯…) or a date first (近日，…, 11月4日，…)."""
    return bool(ITEM_OPENING.match(paragraph.text)) or read_dateline(source, paragraph) is not None


def to_report(source: str, draft: _Draft, index: int, pages: Pages) -> FoundReport:
    """A report from its draft: the closing byline, else the author line over the title, else the
    lead's dateline is its byline; sections and inline lists are read from its paragraphs."""
    paragraphs = draft.paragraphs
    title = "".join(p.text for p in draft.title) or None
    byline: FoundByline | None
    if draft.byline:
        byline = read_byline(source, draft.byline)
    elif draft.authors_above:
        byline = read_author_line(source, draft.authors_above)
    else:
        byline = draft.dateline
    sections: list[FoundSection] = []
    inline_points: list[FoundInlinePoint] = []
    points: list[FoundPoint] = []
    for paragraph in draft.lead:
        _read_outline(source, paragraph, None, sections, inline_points)
    for group in draft.points:
        point = read_point(group, len(sections) - 1 if sections else None, pages)
        points.append(point)
        for paragraph in group:
            _read_outline(source, paragraph, point.ordinal, sections, inline_points)
    span = (min(p.start for p in paragraphs), max(p.end for p in paragraphs))
    return FoundReport(
        index=index,
        title=title,
        region=report_region(title, byline, draft.lead),
        lead="\n".join(p.text for p in draft.lead),
        points=points,
        sections=sections,
        inline_points=inline_points,
        byline=byline,
        span=span,
        lines=(min(p.first_line for p in paragraphs), max(p.last_line for p in paragraphs)),
        pages=pages.over(span),
    )


def _read_outline(
    source: str, paragraph: Paragraph, point: int | None, sections: list[FoundSection], inline_points: list[FoundInlinePoint]
) -> None:
    """Add the section a paragraph opens and the enumerations inside it. Level 3 markers (1. / 1、)
    open sections only inside an outline already begun: elsewhere they number list items."""
    level = section_level(paragraph.text)
    if level and (level < 3 or sections) and (section := read_section(source, paragraph, level)):
        sections.append(section)
    inline_points += read_inline_points(source, paragraph, point)


def read_point(paragraphs: list[Paragraph], section: int | None, pages: Pages) -> FoundPoint:
    """Marker, heading and text of a point. The heading is the opening sentence when it is a
    short slogan and more follows it; a point of one sentence has that sentence as its text."""
    first = paragraphs[0]
    marker = POINT_MARKER.match(first.text).group()
    rest = first.text[len(marker) :]
    heading = None
    stop = rest.find("。")
    more_follows = stop + 1 < len(rest) or len(paragraphs) > 1
    if 0 < stop <= HEADING_MAX_CHARS and more_follows and SENTENCE_END.isdisjoint(rest[:stop]):
        heading, rest = rest[:stop], rest[stop + 1 :]
    return FoundPoint(
        ordinal=int(parse_numeral(marker[:-1])),
        marker=marker,
        heading=heading,
        text="\n".join([rest] + [p.text for p in paragraphs[1:]]).strip("\n"),
        span=(first.start, paragraphs[-1].end),
        section=section,
        page=pages.at(first.start),
    )
