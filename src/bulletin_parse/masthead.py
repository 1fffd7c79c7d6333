"""The masthead: the bulletin's own head (name, 第N期 / 总第N期, date, publisher) above its reports.

Part of segmentation (stage 3): `segment` asks how many leading paragraphs form the masthead and
reads its fields here. What the fields do not hold is handed back, so it still reaches
`unassigned`.

Every paragraph is read the same way: the issue numbers and the date are found and blanked out,
and the pieces left between them must each be the name, the publisher, a note (内部资料　注意保存,
(专报)) or a publishing word (编, 主办：); a paragraph with anything else in it is no masthead line.
Matching runs on a simplified copy (`to_simplified` maps one character to one, so positions hold)
and values are cut from the text as written: 人大工作簡報, 總第98期, 甘肅省人大常委會研究室.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, NamedTuple, TypedDict

import regex

from .blocks import EDITORS_NOTE, HAS_CONTENT, SENTENCE_END
from .lexicon import alternation, read_lexicon, to_simplified
from .numerals import parse_numeral
from .paragraph_table import Paragraph

MASTHEAD_SCAN = 10  # the masthead is among the first paragraphs (notes and an 编者按 included)
LINE_MAX_CHARS = 60  # a masthead line is short; a longer paragraph is report text
ISSUE_LINE_MAX_CHARS = 40  # an issue number, or a publisher and a date
TITLE_MAX_CHARS = 40  # the line under a name that stands alone must look like a title
NAME_MAX_PREFIX = 14  # characters before the name's ending: 齐齐哈尔市人大常委会工作通讯

_NUMBER = r"\s*[\d〇○零一二三四五六七八九十百]+\s*"
_YEAR = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年"
# Each is blanked out with the brackets around it (（总第156期）, 人大工作简报（第3期）); the value
# is group 1 (the year of 2024年第5期 is no part of the issue number).
TOTAL_NO = regex.compile(rf"[(（]?\s*(总\s*第{_NUMBER}期)\s*[)）]?")
ISSUE_NO = regex.compile(rf"[(（]?\s*(?:{_YEAR}\s*度?\s*)?(第{_NUMBER}期)\s*[)）]?")
DATE = regex.compile(
    r"[(（]?\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
    r"(?:\s*(\d{1,2}|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二三四五六七八九])\s*日)?\s*[)）]?"
)
_ORG_ENDING = alternation("masthead_words.tsv", "org-ending")
_LABEL = rf"(?:{alternation('masthead_words.tsv', 'label')})(?:单位)?\s*[:：]"  # 主办：XX市人大常委会
_VERB = alternation("masthead_words.tsv", "verb")  # XX市人大常委会办公室编
PUBLISHER = regex.compile(rf"(?:{_LABEL})?(\p{{Han}}{{1,30}}?(?:{_ORG_ENDING}))(?:{_VERB})?")
PUBLISHING_WORDS = regex.compile(rf"(?:{_LABEL}|{_VERB})+")  # "2024年5月20日印发": the words left alone
NOTE = regex.compile(alternation("masthead_words.tsv", "note"))  # bracketed or not: （内部资料　注意保存）, (专报)
ISSUE_KIND = regex.compile(rf"[(（]\p{{Han}}{{1,8}}(?:{alternation('masthead_words.tsv', 'note')})[)）]")  # （代表工作专刊）
PIECE = regex.compile(r"[^\x00\s,，、;；|｜]+")  # what is left between the blanked numbers and dates
PIECE_TRIM = "\"'“”‘’《》〈〉★☆◆◇■□●•·※—－-_*＊~～"
ASCII_CODE = regex.compile(r"[!-~]+")  # No.12345, www.rd.gov.cn, 120: a code or number, no words


@cache
def _bulletin_name() -> tuple[regex.Pattern, frozenset[str]]:
    """The name pattern from lexicons/bulletin_names.tsv, and the endings that make a name
    even with no issue number or date under it."""
    rows = read_lexicon("bulletin_names.tsv")
    endings = "|".join(sorted((regex.escape(row[0]) for row in rows), key=len, reverse=True))
    pattern = regex.compile(rf"\p{{Han}}{{0,{NAME_MAX_PREFIX}}}?(?P<ending>{endings})(?:[(（]\p{{Han}}{{1,6}}[)）])?")
    return pattern, frozenset(row[0] for row in rows if row[1:2] == ("alone",))


class _Line(NamedTuple):
    """What one paragraph holds as a masthead line."""

    name: str | None = None
    alone: bool = False  # the name's ending makes it a name even with no issue number under it
    issue_no: str | None = None
    total_no: str | None = None
    date: str | None = None
    publisher: str | None = None
    notes: bool = False  # furniture no field holds: 内部资料, (专报), an 编者按
    extra: bool = False  # a code no field holds beside the fields (No.12345, a URL, 120): kept in unassigned
    other: bool = False  # text that belongs to no masthead (a report's title or lead)

    @property
    def dated(self) -> bool:
        return bool(self.issue_no or self.total_no or self.date)


class _Values(TypedDict, total=False):
    """The `_Line` fields one paragraph has given so far, as `_read_line` collects them."""

    name: str
    alone: bool
    issue_no: str
    total_no: str
    date: str
    publisher: str
    notes: bool
    extra: bool


def masthead_zone(paragraphs: Sequence[Paragraph]) -> int:
    """How many leading paragraphs form the masthead: the run of masthead lines at the top, when
    it holds an issue number or a date, or the name and the publisher, or a name that stands alone
    (人大动态) with a title under it. The name only counts above the issue number and the date:
    below them a line like "审计查出问题整改工作" is the first report's title, which, like its lead,
    ends the run. Notes and an 编者按 neither make a masthead nor end one."""
    last = 0  # paragraphs up to the last masthead line
    name = None
    dated = published = False
    stop = None
    for index, paragraph in enumerate(paragraphs[:MASTHEAD_SCAN]):
        line = _read_line(paragraph.text)
        if line.other or (line.name and (dated or name)):
            stop = index
            break
        if line.name:
            name = line
        dated, published, last = dated or line.dated, published or bool(line.publisher), index + 1
    if dated or (name and published):
        return last
    if name and name.alone and stop is not None and stop + 1 < len(paragraphs) and _looks_like_title(paragraphs[stop].text):
        return stop
    return 0


@dataclass(frozen=True, slots=True)
class FoundMasthead:
    """The masthead's fields as read (the pipeline records them as a `models.Masthead`)."""

    title: str | None = None
    issue_no: str | None = None
    total_no: str | None = None
    date: str | None = None
    publisher: str | None = None
    lines: tuple[int, int] | None = None


def read_masthead(paragraphs: Sequence[Paragraph]) -> tuple[FoundMasthead, list[Paragraph]]:
    """Masthead fields from the masthead zone, each the first one found; paragraphs with anything
    else in them (notes, an 编者按, a second date) are returned too, so that what the fields do not
    hold still reaches `unassigned`."""
    fields = dict.fromkeys(("title", "issue_no", "total_no", "date", "publisher"))
    leftovers = []
    dated = False
    for paragraph in paragraphs:
        line = _read_line(paragraph.text)
        found = {
            "title": None if dated else line.name,
            "issue_no": line.issue_no,
            "total_no": line.total_no,
            "date": line.date,
            "publisher": line.publisher,
        }
        unused = bool(line.name and dated)  # a second name, below the issue line
        for key, value in found.items():
            if value and fields[key] is None:
                fields[key] = value
            elif value:
                unused = True
        dated = dated or line.dated
        if line.other or line.notes or line.extra or unused:
            leftovers.append(paragraph)
    lines = (paragraphs[0].first_line, paragraphs[-1].last_line) if paragraphs else None
    return FoundMasthead(**fields, lines=lines), leftovers


def heads_an_issue(text: str) -> bool:
    """Whether a paragraph is a line only an issue's head holds: its number (第8期), or its publisher
    with a date. Between reports it starts the next issue of a file that holds several."""
    if len(text) > ISSUE_LINE_MAX_CHARS or not ("期" in text or "月" in text):  # most paragraphs: at a glance
        return False
    line = _read_line(text)
    return not line.other and bool(line.issue_no or line.total_no or (line.publisher and line.date))


def _read_line(text: str) -> _Line:
    """The masthead parts of one paragraph (see the module's docstring)."""
    if EDITORS_NOTE.match(to_simplified(text[:8])) or not HAS_CONTENT.search(text):
        return _Line(notes=True)  # an 编者按, or a line of symbols: kept in unassigned
    if len(text) > LINE_MAX_CHARS:
        return _Line(other=True)
    simplified = to_simplified(text)
    values: _Values = {}
    searched: tuple[tuple[Literal["total_no", "issue_no", "date"], regex.Pattern[str]], ...] = (
        ("total_no", TOTAL_NO),
        ("issue_no", ISSUE_NO),
        ("date", DATE),
    )
    for key, pattern in searched:
        match = pattern.search(simplified)
        value = match and (_iso_date(match) if key == "date" else regex.sub(r"\s", "", text[match.start(1) : match.end(1)]))
        if value:
            values[key] = value
            simplified = simplified[: match.start()] + "\x00" * (match.end() - match.start()) + simplified[match.end() :]
    name_pattern, alone_endings = _bulletin_name()
    for piece in PIECE.finditer(simplified):
        chunk = piece.group().strip(PIECE_TRIM)
        start = piece.start() + len(piece.group()) - len(piece.group().lstrip(PIECE_TRIM))
        if chunk != piece.group() and HAS_CONTENT.search(chunk):
            values["extra"] = True  # ★人大工作简报★: the stars stay in unassigned
        if not HAS_CONTENT.search(chunk) or PUBLISHING_WORDS.fullmatch(chunk):
            continue
        if "name" not in values and (match := name_pattern.fullmatch(chunk)):
            values["name"], values["alone"] = text[start : start + len(chunk)], match["ending"] in alone_endings
        elif "publisher" not in values and (match := PUBLISHER.fullmatch(chunk)):
            values["publisher"] = text[start + match.start(1) : start + match.end(1)]
        elif not HAS_CONTENT.search(NOTE.sub("", chunk)) or ISSUE_KIND.fullmatch(chunk):
            values["notes"] = True
        elif ASCII_CODE.fullmatch(chunk):
            values["extra"] = True
        else:
            return _Line(other=True)
    if values.get("extra") and values.keys() <= {"extra", "notes"}:
        return _Line(other=True)  # a code on a line of its own is no masthead line
    return _Line(**values)


def _iso_date(match: regex.Match) -> str | None:
    """2024年5月20日 or 二〇二三年七月十日 as 2023-07-10 (2024-05 without a day); None for no real date."""
    year_text, month_text, day_text = match.groups()  # year and month are always there, the day may not be
    try:
        year, month = _numeral(year_text), _numeral(month_text)
        day = _numeral(day_text) if day_text else None
        datetime.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _numeral(part: str) -> int:
    return int(parse_numeral(part.replace("○", "〇")))


def _looks_like_title(text: str) -> bool:
    """Short and without a sentence: under a lone name, a title means the name heads a bulletin;
    a lead (a sentence) means the name-like line was the report's own title."""
    return len(text) <= TITLE_MAX_CHARS and SENTENCE_END.isdisjoint(text)  # no sentence ends anywhere in it
