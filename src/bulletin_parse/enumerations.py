"""Enumerations inside one paragraph: the inline points of contract 1.1 (`report.inline_points`).

"提出三点意见：一是加强学习；二是深入调研；三是狠抓落实。" holds three items. Works on a paragraph's
reflowed text and returns each item's marker and text with offsets into that text.

The same characters make words as often as markers (统一是, 统一要求, 第一要务, 居全市第一，),
so a marker counts only where a clause can begin: at a boundary or after a connective
(`BOUNDARY`). Then a run must count up from 1 with at least two items; a run of Arabic
markers (1、/1./（1）) must open right after a colon, where lists of that shape are announced,
since 1、 elsewhere numbers anything. A marker at index 0 opens no run: that paragraph is a
paragraph-level point (一是…) or an 一要/第一 paragraph, which segment.py handles.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

import regex

from .numerals import parse_numeral

CHINESE_ORDINAL = "十[一二三四五六七八九]?|[一二三四五六七八九]"
ARABIC_ORDINAL = "[0-9０-９]{1,2}"
# Where a clause can begin: a paragraph start, punctuation, or a connective that runs straight
# into a list ("会议要求一要…", "并强调一是…"), in simplified and traditional characters.
BOUNDARY = r"^|[：:，,；;。！？!?、]|即|并|並|同时|同時|要求|强调|強調|指出|提出|认为|認為|建议|建議"
# Groups share names across branches (the regex module allows it). 是要 belongs to the marker
# (一是要), but not in 一是要求… where 要求 is the verb; 第一 counts only before a comma; 1. is no
# marker before a digit (1.5亿).
# A run's 一是/一要 may also follow its subject straight ("相关部门一是要…；二是要…"), unless the 一
# ends a word (统一, 唯一, 之一, 第一要务 …); the run's later markers still need a boundary.
WORDS_ENDING_IN_ONE = "统統唯之同第逐万萬单單专專划劃归歸合不如"
MARKER = regex.compile(
    rf"(?<={BOUNDARY})(?:(?P<number>{CHINESE_ORDINAL})(?P<family>是)(?:要(?!求))?"
    rf"|(?P<number>{CHINESE_ORDINAL})(?P<family>要)"
    rf"|(?P<family>第)(?P<number>{CHINESE_ORDINAL})(?=[，,])"
    rf"|(?P<number>{ARABIC_ORDINAL})(?P<family>、|[.．](?![0-9０-９]))"
    rf"|(?P<family>[（(])(?P<number>{ARABIC_ORDINAL})[）)])"
    rf"|(?<![{WORDS_ENDING_IN_ONE}])(?P<number>一)(?:(?P<family>是)(?:要(?!求))?|(?P<family>要))"
)
FIRST_MARKER = regex.compile(r"一是|一要|第一|[1１][、.．]|[（(][1１][）)]")  # every run opens with one
CHINESE_FAMILIES = ("是", "要", "第")  # the others are Arabic: 、 . (
COLONS = "：:"
LEADING = "，,：:"  # between a marker and its text: 第一，加强学习
TRAILING = "；;，,、。！？!?"  # between an item's text and the next marker
SENTENCE_END = regex.compile(r"[。！？!?]")
_SAME_SHAPE = str.maketrans("．（", ".(")  # 1．and 1. , （1）and (1) make one run


class InlineItem(NamedTuple):
    ordinal: int  # 1, 2, 3 …
    marker: str  # 一是, 二要, 一是要, 第一, 1、, （1） as written
    text: str  # the item without its marker, leading comma and trailing separator
    start: int  # where the marker starts in the paragraph
    end: int  # just after the text: text == paragraph[start + len(marker):end].lstrip(LEADING)


class _Marker(NamedTuple):
    start: int
    end: int
    ordinal: int
    family: str  # 是, 要, 第, or the punctuation of an Arabic marker
    marker: str


def find_inline_points(paragraph: str) -> list[InlineItem]:
    """Every run of enumeration items in the paragraph, in order. Runs of one family are found
    on their own, so a list nested in another's item (一是…，一要…，二要…；二是…) cannot cut
    the outer one short; of overlapping runs the earlier, outer one is kept."""
    if not FIRST_MARKER.search(paragraph):  # most paragraphs hold no list: skip the full scan
        return []
    markers = sorted((_read(match) for match in MARKER.finditer(paragraph)), key=lambda m: m.family)
    runs = [run for _, family in groupby(markers, key=lambda m: m.family) for run in _runs(paragraph, list(family))]
    found: list[InlineItem] = []
    for run in sorted(runs, key=lambda run: run[0].start):
        if not found or run[0].start >= found[-1].end:
            found += run
    return found


def _read(match: regex.Match) -> _Marker:
    number = match["number"]
    ordinal = int(number) if number.isdigit() else int(parse_numeral(number))
    family = match["family"].translate(_SAME_SHAPE)
    return _Marker(match.start(), match.end(), ordinal, family, match.group())


def _opens(paragraph: str, marker: _Marker) -> bool:
    """Whether a marker can open a run: ordinal 1, not at the paragraph start, and for Arabic
    markers right after a colon."""
    chinese = marker.family in CHINESE_FAMILIES
    return marker.ordinal == 1 and marker.start > 0 and (chinese or paragraph[marker.start - 1] in COLONS)


def _runs(paragraph: str, markers: list[_Marker]) -> list[list[InlineItem]]:
    """The runs among one family's markers (in text order): 1, 2, 3 … A marker that does not
    continue the run (a repeated or skipped number) ends it, and its last item stops there."""
    runs: list[list[InlineItem]] = []
    current: list[_Marker] = []
    for marker in [*markers, None]:
        if marker and current and marker.ordinal == len(current) + 1:
            current.append(marker)
            continue
        if len(current) >= 2:
            items = _items(paragraph, current, marker.start if marker else len(paragraph))
            if all(item.text for item in items):  # 楼栋：1、2、3号楼 numbers no items
                runs.append(items)
        current = [marker] if marker and _opens(paragraph, marker) else []
    return runs


def _items(paragraph: str, run: list[_Marker], limit: int) -> list[InlineItem]:
    """Each item runs to the next marker; the last one to the end of its sentence."""
    items = []
    for index, marker in enumerate(run):
        if index + 1 < len(run):
            stop = run[index + 1].start
        else:
            sentence_end = SENTENCE_END.search(paragraph, marker.end, limit)
            stop = sentence_end.start() if sentence_end else limit
        kept = paragraph[marker.end : stop].rstrip(TRAILING)
        items.append(InlineItem(marker.ordinal, marker.marker, kept.lstrip(LEADING), marker.start, marker.end + len(kept)))
    return items
