"""Calendar points: a number read as a year or a date when 年/月/日 follow it (2024年, 2024年度,
2024年5月20日, 9月19日, 四月), and a range of years (2023年至2025年).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .figure_lexicon import AFTER_QUANTITY, CN_DIGITS, FigureMatch, lexicon
from .numerals import TO_HALF_WIDTH, parse_numeral
from .textmatch import last_before, match_backward, match_forward, skip_space, squeeze


def read_calendar(text: str, match: re.Match[str]) -> tuple[FigureMatch | None, int] | None:
    """2024年 / 2024年度 (year), 2024年5月20日, 2024年5月, 9月19日, 四月 (date); None if not one."""
    if not (match["arabic"] or match["chinese"]):
        return None
    lex = lexicon()
    word = match_forward(lex.calendar_trie, text, skip_space(text, match.end()))
    if not word:
        return None
    core = squeeze(match.group())
    role = lex.calendar[word[0]]
    if role == "year" and _looks_like_year(core, bool(match["chinese"])):
        year = int(parse_numeral(core))
        month = _read_calendar_part(text, word[1], "month", 12) if word[0] != "年度" else None
        if month is None:
            left = FigureMatch(match.start(), word[1], Decimal(year), Decimal(year), Decimal(year), None, word[0], "year")
            return _year_range(text, left) or (left, word[1])
        day = _read_calendar_part(text, month[1], "day", 31)
        if day is None:
            return _date(match.start(), month[1], f"{year:04d}-{month[0]:02d}"), month[1]
        return _date(match.start(), day[1], f"{year:04d}-{month[0]:02d}-{day[0]:02d}"), day[1]
    if role == "month":
        month_number = _calendar_value(core, 12)
        if month_number is None or _ends_a_span(text, match.start()):
            return None  # 1—7月, 1-2月: a month span (figures.md: not extracted), no date
        day = _read_calendar_part(text, word[1], "day", 31)
        if day is None:
            return _date(match.start(), word[1], f"--{month_number:02d}"), word[1]
        return _date(match.start(), day[1], f"--{month_number:02d}-{day[0]:02d}"), day[1]
    return None


def _ends_a_span(text: str, start: int) -> bool:
    """Whether the number at `start` is the second of two joined by a range word (1-2月)."""
    lex = lexicon()
    sep = match_backward(lex.range_words_reversed, text, start)
    if not sep:
        return False
    before = last_before(text, sep[1])
    return before >= 0 and text[before] in AFTER_QUANTITY


def _year_range(text: str, left: FigureMatch) -> tuple[FigureMatch, int] | None:
    """2023年至2025年: one range of kind year."""
    lex = lexicon()
    sep = match_forward(lex.range_words, text, skip_space(text, left.end))
    if not sep:
        return None
    match = lex.number.match(text, skip_space(text, sep[1]))
    if not match or not match["arabic"]:
        return None
    right = read_calendar(text, match)
    if not right or not right[0] or right[0].kind != "year":
        return None
    low, high = left.value, right[0].value
    assert low is not None and high is not None  # a year figure has its value
    if not low < high:
        return None
    return FigureMatch(left.start, right[1], None, low, high, "range", left.unit, "year"), right[1]


def _read_calendar_part(text: str, pos: int, role: str, top: int) -> tuple[int, int] | None:
    """A month or day number with its calendar word, right after `pos`: (value, end)."""
    lex = lexicon()
    match = lex.number.match(text, skip_space(text, pos))
    if not match or not (match["arabic"] or match["chinese"]):
        return None
    word = match_forward(lex.calendar_trie, text, skip_space(text, match.end()))
    if not word or lex.calendar[word[0]] != role:
        return None
    value = _calendar_value(squeeze(match.group()), top)
    return (value, word[1]) if value is not None else None


def _calendar_value(core: str, top: int) -> int | None:
    try:
        value = parse_numeral(core)
    except ValueError:
        return None
    return int(value) if value == int(value) and 1 <= value <= top else None


def _date(start: int, end: int, iso: str) -> FigureMatch:
    return FigureMatch(start, end, None, None, None, None, None, "date", iso=iso)


def _looks_like_year(core: str, chinese: bool) -> bool:
    if chinese:
        return len(core) == 4 and all(ch in CN_DIGITS for ch in core)
    digits = core.translate(TO_HALF_WIDTH)
    return len(digits) == 4 and digits.isdigit() and 1000 <= int(digits) <= 2999
