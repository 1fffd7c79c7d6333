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

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

import regex

from .blocks import (
    BANNER_MARKS,
    CLAUSE_MARKS,
    HAS_CONTENT,
    POINT_MARKER,
    is_banner,
    is_editors_note,
    is_furniture,
    is_set_title,
    is_title,
    layout_sets_titles,
    names_an_actor,
)
from .bylines import is_byline, read_author_line, read_dateline, trailing_byline_start
from .drafts import Draft, FoundReports, FoundWarning
from .masthead import FoundMasthead, heads_an_issue, masthead_zone, read_masthead
from .paragraph_table import Paragraph, ParagraphTable
from .reflow import DISTRIBUTION_LABEL, Pages, reflowed_text, sub_paragraph
from .tables import RecordTable

FOOTER_MAX_CHARS = 150

ITEM_OPENING = regex.compile(
    r"(?:近日|日前|近期|\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬|底|初)|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)[，,上中下午]"
)
ATTACHMENT = regex.compile(r"附件|附[:：]|\d{1,2}[.．、]")  # "附件：1.…", "附：1.…" and the list's further lines
LIST_ITEM = regex.compile(r"\d{1,2}[.．、]")
RUN_IN_GAP = regex.compile(r"(?<=\S)\s+(?=\S)")  # the blank between a run-in title and its text
MARK_AND_BLANKS = regex.compile(r"\S\s*")  # before a run-in title: ■ and the blanks after it
RUN_IN_HEADLINE_CHARS = (4, 30)
BRACKETED_TITLE = regex.compile(r"【[^【】。！？；]{13,50}】")  # a banner's name holds twelve at most
TITLE_MARKS = frozenset(BANNER_MARKS + "【】")
ITEM_NUMBER = regex.compile(r"\d{1,2}[.．、]")
PRINT_RUN = regex.compile(r"[(（]?\s*共印\s*\d+\s*份\s*[)）]?")  # （共印90份）, a footer's last line
NUMBERED_HEADLINE = regex.compile(r"(\d{1,2}[.．、])([^。！？；，,]{6,40})")  # 1.石门镇人大开展农村人居环境整治专项视察


@dataclass(frozen=True, slots=True)
class FoundText:
    """Text no field holds (recorded in `unassigned`)."""

    text: str
    span: tuple[int, int]
    lines: tuple[int, int]


class FoundTexts(RecordTable[FoundText]):
    """The paragraphs no field holds, in text order: the masthead's leftovers, then the body's,
    these kept as their positions in the body (a file can hold a hundred thousand)."""

    def __init__(self, leftovers: list[Paragraph], body: ParagraphTable, positions: array[int]) -> None:
        self._leftovers, self._body, self._positions = leftovers, body, array(positions.typecode, sorted(positions))

    def __len__(self) -> int:
        return len(self._leftovers) + len(self._positions)

    def _item(self, index: int) -> FoundText:
        leftovers = len(self._leftovers)
        p = self._leftovers[index] if index < leftovers else self._body[self._positions[index - leftovers]]
        return FoundText(text=p.text, span=(p.start, p.end), lines=(p.first_line, p.last_line))


class Structure(NamedTuple):
    """What segmentation found: plain data, which the pipeline turns into the `Document`."""

    masthead: FoundMasthead
    reports: FoundReports
    distribution: list[str]
    unassigned: FoundTexts
    warnings: list[FoundWarning]


def segment(source: str, paragraphs: ParagraphTable, pages: Pages | None = None) -> Structure:
    """The structure of a bulletin from its paragraphs (drawn rules are already layout; a line of
    symbols such as ￥ or → is text); `pages` says where the source's pages end."""
    pages = pages or Pages(source)
    zone = masthead_zone(paragraphs)
    masthead, leftovers = read_masthead(paragraphs[:zone])
    footer_at = _footer_start(source, paragraphs, zone)
    distribution = [p.text for p in paragraphs[footer_at:]]
    reports, body, orphans, warnings = build_reports(source, paragraphs[zone:footer_at], pages)
    return Structure(masthead, reports, distribution, FoundTexts(leftovers, body, orphans), warnings)


def _footer_start(source: str, paragraphs: Sequence[Paragraph], masthead_zone: int) -> int:
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


def build_reports(source: str, body: ParagraphTable, pages: Pages) -> tuple[FoundReports, ParagraphTable, array[int], list[FoundWarning]]:
    """The reports of the body (the paragraphs between masthead and footer), the body with its
    run-in parts split off (`_split_run_in_parts`), the positions in it of the paragraphs no report
    holds, and segmentation's warnings."""
    body = _split_run_in_parts(source, body)
    titles_set = layout_sets_titles(body)
    closing = [is_byline(source, paragraph) and not is_furniture(paragraph.text) for paragraph in body]  # （本期编辑：…） closes none
    closes_with_bylines = sum(closing) >= 2  # the bulletin ends its reports with bylines
    reports = FoundReports(source, body, pages)
    draft = Draft(body)
    orphans = array("Q")
    warnings: list[FoundWarning] = []
    any_byline = False

    def orphan(paragraph: Paragraph) -> None:
        orphans.append(body.index_of(paragraph))

    def start_next() -> None:
        """Keep the report read so far (a draft of a title alone is none), and begin the next."""
        nonlocal draft, any_byline
        if draft.has_body or draft.byline:
            if draft.byline and draft.authors_above:  # the closing byline is the report's; keep the other line too
                orphan(draft.authors_above)
                draft.authors_above = None
            reports.add(draft)
            any_byline = any_byline or bool(draft.byline or draft.authors_above or draft.dateline)
        else:
            orphans.extend(position for _, position in draft.roles())
        draft = Draft(body)

    for index, (previous, paragraph, following) in enumerate(_in_context(body)):
        if closing[index]:
            if draft.byline:  # the report had a byline under its title; this one starts the next
                start_next()
            draft.byline = paragraph
            if draft.has_body or not draft.title:
                start_next()
            continue
        if heads_an_issue(paragraph.text) or DISTRIBUTION_LABEL.match(paragraph.text) or PRINT_RUN.fullmatch(paragraph.text):
            start_next()  # a file of several issues: the next one's head, the last one's footer
            orphan(paragraph)
            continue
        if paragraph.text in TITLE_MARKS or ITEM_NUMBER.fullmatch(paragraph.text):  # a title's mark, bracket or number
            orphan(paragraph)
            continue
        if is_editors_note(paragraph.text) and draft.title and not draft.has_body:
            draft.add_body(source, paragraph)  # a title's own 编者按 opens its lead
            continue
        if is_banner(paragraph.text) or is_editors_note(paragraph.text):
            start_next()
            orphan(paragraph)
            continue
        if read_author_line(source, paragraph):
            start_next()
            draft.authors_above = paragraph
            continue
        if is_furniture(paragraph.text) or (previous and ATTACHMENT.match(previous.text) and LIST_ITEM.match(paragraph.text)):
            (draft.add_body(source, paragraph) if draft.has_body else orphan(paragraph))
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
                orphan(draft.title.pop(0))
            continue
        if draft.dateline and not draft.title and draft.has_body and opens_an_item(source, paragraph):
            start_next()  # untitled briefs, the first with a dateline and no byline to close it
        draft.add_body(source, paragraph)
    start_next()
    if reports and not any_byline:
        warnings.append(FoundWarning(code="no-bylines", message="no report has a byline; reports were split at titles only"))
    return reports, body, orphans, warnings


def _in_context(paragraphs: Iterable[Paragraph]) -> Iterator[tuple[Paragraph | None, Paragraph, Paragraph | None]]:
    """Each paragraph with the one before and the one after it (None at the ends), each read once."""
    items = iter(paragraphs)
    previous, current = None, next(items, None)
    while current is not None:
        following = next(items, None)
        yield previous, current, following
        previous, current = current, following


def _title_role(
    source: str, draft: Draft, paragraph: Paragraph, following: Paragraph | None, closes_with_bylines: bool, titles_set: bool
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


def _split_run_in_parts(source: str, body: ParagraphTable) -> ParagraphTable:
    """Split off as paragraphs of their own: a run-in title ("■ 沿河区：开展代表述职评议　6月28日，…",
    its mark apart), a title framed in brackets longer than a banner's (【区人大常委会开展…执法
    检查】, the brackets apart), a numbered brief's number (1.石门镇人大开展…, over a paragraph that
    opens a brief) and a byline printed at the end of a report's last paragraph ("…取得实效。（县
    人大办　李明）", "…精神。摄影/马宬"). The body is copied only when one is."""
    split: ParagraphTable | None = None
    next_brief = 1  # the number the column's next brief would have
    for number, (_, paragraph, following) in enumerate(_in_context(body)):
        title_end = run_in_title_end(source, paragraph)
        byline_start = trailing_byline_start(source, paragraph)
        framed = BRACKETED_TITLE.fullmatch(paragraph.text) is not None
        numbered = _numbered_brief(source, paragraph, following, next_brief)
        next_brief = int(paragraph.text[: numbered - 1]) + 1 if numbered else next_brief
        inner = [*((1, title_end) if title_end else ()), *((byline_start,) if byline_start else ())]
        inner += [*((1, len(paragraph.text) - 1) if framed else ()), *((numbered,) if numbered else ())]
        cuts = sorted({0, len(paragraph.text), *inner}) if inner else [0, len(paragraph.text)]
        if len(cuts) > 2 and split is None:
            split = ParagraphTable(len(source))
            for earlier in body[:number]:
                split.append(earlier)
        if split is not None and len(cuts) > 2:
            for start, end in pairwise(cuts):
                split.append(sub_paragraph(source, paragraph, start, end))
        elif split is not None:
            split.append(paragraph)
    return body if split is None else split


def _numbered_brief(source: str, paragraph: Paragraph, following: Paragraph | None, expected: int) -> int | None:
    """Where a numbered brief's headline starts after its number (1.石门镇人大开展…专项视察): a line
    of a number and a headline naming who acted, the first over a paragraph that opens a brief
    (9月12日，…), the next ones numbered on from it."""
    headline = NUMBERED_HEADLINE.fullmatch(paragraph.text)
    if headline is None or following is None or not names_an_actor(headline.group(2)):
        return None
    value = int(headline.group(1)[:-1])
    return headline.end(1) if (value == 1 and opens_an_item(source, following)) or value == expected > 1 else None


def run_in_title_end(source: str, paragraph: Paragraph) -> int | None:
    """Where, in a paragraph's reflowed text, the text after a run-in title starts: a mark
    (■, ◆ …), a headline without a sentence in it, a blank, then the item's text on the same line."""
    if paragraph.text[0] not in BANNER_MARKS:
        return None
    line_end = source.find("\n", paragraph.start, paragraph.end)
    headline_start = MARK_AND_BLANKS.match(source, paragraph.start).end()
    gap = RUN_IN_GAP.search(source, headline_start, paragraph.end if line_end < 0 else line_end)
    if gap is None:
        return None
    at = len(reflowed_text(source, paragraph.start, gap.start() + 1))
    headline = paragraph.text[1:at].strip()
    fits = RUN_IN_HEADLINE_CHARS[0] <= len(headline) <= RUN_IN_HEADLINE_CHARS[1] and not any(char in CLAUSE_MARKS for char in headline)
    return at if fits and HAS_CONTENT.search(paragraph.text, at) else None  # text follows, not a closing mark (★ 代表风采 ★)


def opens_an_item(source: str, paragraph: Paragraph) -> bool:
    """Whether a paragraph opens a news brief: a dateline (本刊讯…) or a date first (近日，…, 11月4日，…)."""
    return bool(ITEM_OPENING.match(paragraph.text)) or read_dateline(source, paragraph) is not None
