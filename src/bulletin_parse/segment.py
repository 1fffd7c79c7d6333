"""Stage 3: paragraphs to the bulletin's structure.

A bulletin is a masthead, a run of reports and a distribution footer. A report is an optional
title, a lead, its 一是/二是 points and an optional byline; a byline closes a report, and so does
a new title. Whatever fits nowhere is kept in `unassigned`: the parser never drops text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from .lexicon import read_lexicon
from .models import Byline, Masthead, Point, Report, Unassigned, Warning
from .numerals import parse_numeral
from .reflow import BYLINE_SHAPE, DISTRIBUTION_LABEL, POINT_MARKER, Paragraph, ends_sentence

MASTHEAD_SCAN = 8  # the masthead is among the first paragraphs
TITLE_MAX_CHARS = 50
HEADING_MAX_CHARS = 32
FOOTER_MAX_CHARS = 150

_NTH_ISSUE = r"第\s*[\d一二三四五六七八九十〇零]+\s*期"
ISSUE_NO = regex.compile(rf"(?:\d{{4}}\s*年\s*)?{_NTH_ISSUE}(?:\s*[(（]\s*总{_NTH_ISSUE}\s*[)）])?|总{_NTH_ISSUE}")
DATE = regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
BULLETIN_NAME = regex.compile(r"\p{Han}{0,12}(?:简报|动态|通讯|快报|专报|情况|信息|工作)(?:[(（]\p{Han}{1,8}[)）])?")
PUBLISHER = regex.compile(r"\p{Han}{2,30}?(?:办公厅|办公室|研究室|编辑部)")
TITLE_REGION = regex.compile(r"([^\s:：，,。“”\"]{2,12})[:：]")
ORG_REGION = regex.compile(r"\p{Han}{1,8}?(?:自治区|自治州|自治县|省|市|区|县|旗|镇|乡|街道)(?=人大|人民|政府|党|委|$)")
BYLINE_LABEL = regex.compile(r"(作者单位|供稿单位|来源)\s*[:：]|(供稿|作者|撰稿|记者|通讯员|摄影)\s*[:：]?|(文|图)\s*[:：/]")
NAME_SEPARATORS = regex.compile(r"[\s\u3000、，,；;/]+")
HAS_HAN = regex.compile(r"\p{Han}")
HAS_CONTENT = regex.compile(r"[\p{L}\p{N}]")
MASTHEAD_NOTE = regex.compile(r"内部|注意保存|仅供参考|僅供參考|秘密|机密|機密")  # "（内部资料　注意保存）" under the name
PUBLISHING_VERBS = regex.compile(r"[编印制主办发]")  # "…办公厅编", "…印发": no text of their own


def segment(source: str, paragraphs: list[Paragraph]) -> tuple[Masthead, list[Report], list[str], list[Unassigned], list[Warning]]:
    """The structure of a bulletin from its paragraphs."""
    unassigned: list[Paragraph] = []
    content = [p for p in paragraphs if HAS_CONTENT.search(p.text)]  # rules (———, ＊＊＊) are layout
    masthead_zone = _masthead_zone(content)
    masthead, leftovers = read_masthead(content[:masthead_zone])
    unassigned += leftovers
    footer_at = _footer_start(source, content, masthead_zone)
    distribution = [p.text for p in content[footer_at:]]
    reports, orphans, warnings = build_reports(source, content[masthead_zone:footer_at])
    unassigned += orphans
    return (
        masthead,
        reports,
        distribution,
        [Unassigned(text=p.text, span=(p.start, p.end), lines=(p.first_line, p.last_line)) for p in sorted(unassigned, key=lambda p: p.start)],
        warnings,
    )


def _masthead_zone(paragraphs: list[Paragraph]) -> int:
    """How many leading paragraphs form the masthead: up to the last one that names the issue,
    its date or the bulletin, before any report content. The bulletin's name heads the masthead:
    after the issue number or date, a line like "审计查出问题整改工作" is a report's title."""
    zone = 0
    for index, paragraph in enumerate(paragraphs[:MASTHEAD_SCAN]):
        text = paragraph.text
        if POINT_MARKER.match(text) or len(text) > 60 or (BYLINE_SHAPE.fullmatch(text) and not MASTHEAD_NOTE.search(text)):
            break
        if ISSUE_NO.search(text) or (DATE.search(text) and len(text) < 40) or (BULLETIN_NAME.fullmatch(text) and not zone):
            zone = index + 1
    return zone


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


def read_masthead(paragraphs: list[Paragraph]) -> tuple[Masthead, list[Paragraph]]:
    """Masthead fields from the masthead zone; paragraphs with anything else in them are returned
    too, so that what the fields do not hold still reaches `unassigned`."""
    title = issue_no = date = publisher = None
    leftovers = []
    for paragraph in paragraphs:
        rest = paragraph.text
        if issue_no is None and (match := ISSUE_NO.search(rest)):
            issue_no = match.group()
            rest = rest.replace(match.group(), " ")
        if date is None and (match := DATE.search(rest)):
            year, month, day = match.groups()
            date = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
            rest = rest.replace(match.group(), " ")
        if publisher is None and (match := PUBLISHER.search(rest)):
            publisher = match.group()
            rest = rest.replace(match.group(), " ")
        if title is None and (match := BULLETIN_NAME.fullmatch(rest.strip())):
            title = match.group()
            rest = ""
        if HAS_HAN.search(PUBLISHING_VERBS.sub("", rest)):
            leftovers.append(paragraph)
    lines = (paragraphs[0].first_line, paragraphs[-1].last_line) if paragraphs else None
    return Masthead(title=title, issue_no=issue_no, date=date, publisher=publisher, lines=lines), leftovers


@dataclass
class _Draft:
    """A report being read: the paragraphs seen so far, by role."""

    title: list[Paragraph] = field(default_factory=list)
    lead: list[Paragraph] = field(default_factory=list)
    points: list[list[Paragraph]] = field(default_factory=list)
    byline: Paragraph | None = None

    @property
    def has_body(self) -> bool:
        return bool(self.lead or self.points)

    @property
    def paragraphs(self) -> list[Paragraph]:
        found = self.title + self.lead + [p for point in self.points for p in point]
        return found + ([self.byline] if self.byline else [])


def build_reports(source: str, body: list[Paragraph]) -> tuple[list[Report], list[Paragraph], list[Warning]]:
    drafts: list[_Draft] = []
    draft = _Draft()
    orphans: list[Paragraph] = []
    for index, paragraph in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if is_byline(source, paragraph):
            if draft.byline:  # the report had a byline under its title; this one starts the next
                drafts.append(draft)
                draft = _Draft()
            draft.byline = paragraph
            if draft.has_body or not draft.title:
                drafts.append(draft)
                draft = _Draft()
            continue
        if is_title(paragraph, following):
            if draft.has_body:
                drafts.append(draft)
                draft = _Draft()
            draft.title.append(paragraph)
            if len(draft.title) > 2:  # a run of short lines is a contents list, not a title
                orphans.append(draft.title.pop(0))
            continue
        if POINT_MARKER.match(paragraph.text):
            draft.points.append([paragraph])
        elif draft.points:
            draft.points[-1].append(paragraph)
        else:
            draft.lead.append(paragraph)
    if draft.paragraphs:
        drafts.append(draft)
    reports, warnings = [], []
    for draft in drafts:
        if not draft.has_body and not draft.byline:
            orphans += draft.title
            continue
        report = to_report(source, draft, len(reports) + 1)
        reports.append(report)
        ordinals = [point.ordinal for point in report.points]
        if ordinals != list(range(1, len(ordinals) + 1)):
            warnings.append(Warning(code="points-out-of-order", message=f"report {report.index} numbers its points {ordinals}", line=report.lines[0]))
    if reports and not any(report.byline for report in reports):
        warnings.append(Warning(code="no-bylines", message="no report has a byline; reports were split at titles only"))
    return reports, orphans, warnings


def is_byline(source: str, paragraph: Paragraph) -> bool:
    """A short parenthesised paragraph that names an organisation or people."""
    if paragraph.line_count > 2 or not BYLINE_SHAPE.fullmatch(paragraph.text):
        return False
    inner = _spaced_inner(source, paragraph)
    tokens = _tokens(inner)
    return bool(BYLINE_LABEL.search(inner) or _organization_tokens(tokens) or all(2 <= len(t) <= 4 for t in tokens))


def is_title(paragraph: Paragraph, following: Paragraph | None) -> bool:
    """A short line with no sentence in it, followed by more text."""
    text = paragraph.text
    return (
        following is not None
        and 4 <= len(text) <= TITLE_MAX_CHARS
        and not ends_sentence(text)
        and not any(char in text for char in "。！？；")
        and text[-1] not in ":：,，、"
        and not POINT_MARKER.match(text)
    )


def to_report(source: str, draft: _Draft, index: int) -> Report:
    paragraphs = draft.paragraphs
    title = "".join(p.text for p in draft.title) or None
    byline = read_byline(source, draft.byline) if draft.byline else None
    return Report.build(
        index=index,
        title=title,
        region=_region(title, byline),
        lead="\n".join(p.text for p in draft.lead),
        points=[read_point(point) for point in draft.points],
        byline=byline,
        span=(min(p.start for p in paragraphs), max(p.end for p in paragraphs)),
        lines=(min(p.first_line for p in paragraphs), max(p.last_line for p in paragraphs)),
    )


def read_point(paragraphs: list[Paragraph]) -> Point:
    """Marker, heading (the opening slogan when short) and text of a point."""
    first = paragraphs[0]
    marker = POINT_MARKER.match(first.text).group()
    rest = first.text[len(marker) :]
    heading = None
    stop = rest.find("。")
    if 0 < stop <= HEADING_MAX_CHARS and not any(char in rest[:stop] for char in "！？；!?;"):
        heading, rest = rest[:stop], rest[stop + 1 :]
    return Point.build(
        ordinal=int(parse_numeral(marker[:-1])),
        marker=marker,
        heading=heading,
        text="\n".join([rest] + [p.text for p in paragraphs[1:]]).strip("\n"),
        span=(first.start, paragraphs[-1].end),
    )


def read_byline(source: str, paragraph: Paragraph) -> Byline:
    """Split "(法工委　 王　 露)" into organisation 法工委 and authors [王露]."""
    raw = source[paragraph.start : paragraph.end]
    inner = paragraph.text[1:-1]
    label = BYLINE_LABEL.match(inner)
    if label and label.group(1):  # "作者单位：…": the whole byline is the organisation
        return Byline.build(raw=raw, organization=inner[label.end() :].strip() or None, authors=[], span=(paragraph.start, paragraph.end))
    tokens = _tokens(BYLINE_LABEL.sub(" ", _spaced_inner(source, paragraph)))
    orgs = _organization_tokens(tokens)
    names = _merge_split_names([t for t in tokens if t not in orgs])
    return Byline.build(raw=raw, organization="".join(orgs) or None, authors=names, span=(paragraph.start, paragraph.end))


def _spaced_inner(source: str, paragraph: Paragraph) -> str:
    """The byline's inside with its spaces kept: they separate organisation and names."""
    return source[paragraph.start + 1 : paragraph.end - 1]


def _tokens(text: str) -> list[str]:
    return [token for token in NAME_SEPARATORS.split(text) if token]


@cache
def _organization_suffixes() -> tuple[str, ...]:
    return tuple(row[0] for row in read_lexicon("byline_orgs.tsv"))


def _organization_tokens(tokens: list[str]) -> list[str]:
    """Tokens that name an organisation: long enough and ending like one (…办公室, …工委)."""
    suffixes = _organization_suffixes()
    return [
        token
        for token in tokens
        if any(token.endswith(suffix) and len(token) >= (3 if len(suffix) > 1 else 4) for suffix in suffixes)
    ]


def _merge_split_names(tokens: list[str]) -> list[str]:
    """PDF layout pads two-character names with spaces ("王　 露"): runs of single characters are
    one name (pairs, when the run is longer than three)."""
    names: list[str] = []
    run: list[str] = []
    for token in tokens + [""]:
        if len(token) == 1:
            run.append(token)
            continue
        if run:
            names += ["".join(run)] if len(run) <= 3 else ["".join(run[i : i + 2]) for i in range(0, len(run), 2)]
            run = []
        if token:
            names.append(token)
    return names


def _region(title: str | None, byline: Byline | None) -> str | None:
    """The place a title's prefix names ("上城区:…", "西湖区人大常委会：…" → 西湖区), else the place
    at the head of the byline's organisation. A prefix that is no place ("代表风采：") names none."""
    prefix = TITLE_REGION.match(title) if title else None
    for named in (prefix.group(1) if prefix else None, byline.organization if byline else None):
        if named and (place := ORG_REGION.match(named)):
            return place.group()
    return None
