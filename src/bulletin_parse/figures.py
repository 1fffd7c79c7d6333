"""Find the figures of a bulletin: "收集意见建议 1300 余条" → 1300..1400 条, more_than.

What a figure is, and how it is recorded, is `../shared/spec/figures.md`. The text is the raw
source: PDF extraction breaks lines every ~30 characters and puts spaces around digits, so every
step below reads through whitespace ("超\\n\\n100 万", "27\\n\\n个") and a figure's span covers the
break. One pipeline, left to right:

1. find a candidate number (`_NUMBER`): Arabic, Chinese, 百分之…, or 数/几/上 + magnitude;
2. read it as a calendar point when 年/月/日 follow (`read_calendar`), else read what follows it:
   余/多, a multiplier, the unit, a rate denominator, 以上/左右 … (`read_quantity`), and what
   stands before it: 超, 近, 约 … (`read_qualifier_before`); join two quantities into a range;
3. decide kind and bounds (`make_figure`);
4. drop what figures.md does not extract: bare numbers and determiners (`is_not_a_quantity`),
   sessions (二次会议), ordinals and names (`is_ordinal_or_name`), document numbers and URLs.

The words (units, qualifiers, names that only contain a numeral) are lexicon data in
`lexicons/`; this module holds the grammar of numbers only. Every regex here is linear: no
nested quantifiers, and whitespace is skipped by hand, never by backtracking.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from functools import cache, lru_cache

from .lexicon import read_lexicon, to_simplified
from .numerals import parse_numeral, parse_percent


@dataclass(slots=True)  # not frozen: a frozen one sets each field the slow way (3%3%3%…: a figure per 2 characters)
class FigureMatch:
    start: int  # span in the given text, [start, end)
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    approx: str | None  # None, more_than, over, at_least, at_most, nearly, about, several, range
    unit: str | None  # in simplified characters (個 → 个)
    kind: str  # count, year, date, percent, money, duration, measure, ratio
    iso: str | None = None  # dates only: 2024-05-20 / 2024-05 / --09-19
    quoted: bool = False  # inside “…” or 「…」


# --- the grammar of numbers ---------------------------------------------------------------

_DIGITS = "0-9０-９"
_CN_DIGITS = "零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
_CN_SMALL = "十拾百佰千仟"
_CN_BIG = "万萬亿億"
_MAGNITUDES = _CN_SMALL + _CN_BIG
_ARABIC = (
    # digit groups parted only by blanks or a wrap are one number: PDF extraction split them (79 00 万)
    rf"(?:[{_DIGITS}]{{1,3}}(?:[,，][{_DIGITS}]{{3}}(?![{_DIGITS}]))+|[{_DIGITS}]+(?:\s+[{_DIGITS}]+)*)"
    rf"(?:[.．](?:[{_DIGITS}]+|[{_CN_DIGITS}]+))?"  # 1.五万: some converters spell decimals in Chinese
)
_NUMBER_TEMPLATE = (
    rf"(?P<percent>百分之\s*(?:{_ARABIC}|[{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}]+(?:[点點][{_CN_DIGITS}]+)?))"
    rf"|(?P<several>@SEVERAL@)\s*(?P<magnitude>[{_CN_SMALL}{_CN_BIG}]*)"
    rf"|(?P<arabic>{_ARABIC}(?:(?!@UNITS_LIKE_MULTIPLIERS@)[千仟百佰])?(?:\s*[{_CN_BIG}]{{1,2}})?)"
    rf"|(?P<chinese>[{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}]+)"
)
_LONGEST_NUMBER = 40  # characters, whitespace included: 233,333,333,434.34 has 18
LEADING_ZEROS = re.compile(r"[0０]{2,}|[0０][1-9１-９]")
EXACT_DIGITS = 200  # Decimal precision for values: far more than _LONGEST_NUMBER times a 亿亿 multiplier
_PAIR = re.compile(rf"(?P<low>[{_CN_DIGITS}])(?P<high>[{_CN_DIGITS}])(?P<units>[{_CN_SMALL}{_CN_BIG}]*)")
_CLAUSE_END = set("，,。；;：:！!？?、“”「」()（）《》")
_LATIN = re.compile("[A-Za-z]")
_EMAIL_CHARS = "A-Za-z0-9._%+\\-"
_MASKS = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9./:?#=&%_~+\-]+"  # URLs
    rf"|(?<![{_EMAIL_CHARS}])[{_EMAIL_CHARS}]+@[A-Za-z0-9.\-]+"  # e-mail (starts only at a boundary)
    r"|〔[^〕\n]{0,12}〕|\[[^\]\n]{0,12}\]"  # document numbers 〔2024〕, footnote references [8]
)
_MASK_OPENERS = re.compile(r"https?://|www\.|〔|\[")  # where a mask other than an e-mail can start
_EMAIL_CHAR = re.compile(f"[{_EMAIL_CHARS}]")
_QUOTES = {"“": "”", "「": "」"}
_QUOTE_CHARS = re.compile("[" + "".join(_QUOTES) + "".join(_QUOTES.values()) + "]")
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"\s*")


def extract_figures(text: str) -> Iterator[FigureMatch]:
    """Every figure in the raw source text (line breaks and PDF spaces included), in order, each
    given as soon as it is read: a text of figures is never held as a list of them. Arithmetic on
    values (万 multipliers, bounds) runs with room for every digit a number may have, so no value
    is rounded (Decimal's default keeps 28 digits); the context is the reader's own, never the
    caller's, also while the caller holds a figure."""
    masks = _find_masks(text)
    quotes = _quoted_spans(text)
    pos: int | None = 0
    while pos is not None:
        with localcontext() as context:
            context.prec = EXACT_DIGITS
            found, pos = _extract_some(text, pos, masks, quotes)
        yield from found


_BATCH = 1024  # figures read per stretch of the text


def _extract_some(text: str, pos: int, masks: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> tuple[list[FigureMatch], int | None]:
    """The next _BATCH figures from `pos`, and where to go on (None at the end of the text)."""
    lex = _lexicon()
    figures: list[FigureMatch] = []
    while match := _find_number(lex, text, pos):
        if _is_bare(lex, text, match):
            pos = match.end()
            continue
        at, pos = match.span()
        start = at - READ_BEHIND if at > READ_BEHIND else 0
        reading, end = _read_window(text[start : pos + READ_AHEAD], at - start)
        if start + end > pos:
            pos = start + end
        if reading is None or (masks and _inside(masks, start + reading[0])):
            continue
        figure = FigureMatch(start + reading[0], start + reading[1], *reading[2:])
        if quotes and _inside(quotes, figure.start):
            figure.quoted = True
        figures.append(figure)
        if len(figures) == _BATCH:
            return figures, pos
    return figures, None


# A figure is read from its number and what lies close to it: at most READ_BEHIND characters
# before the number (a qualifier such as 不少于, a name such as 三个代表 around it) and READ_AHEAD
# after it (余/多, 万, the unit, 以上, a range's second number and unit), whitespace included:
# far more than any bulletin writes, PDF gaps and a 40-character number included. Read through
# that window alone, a figure is a function of the window's text, kept for the windows seen last:
# text dense with figures repeats its windows (a budget table's 万元, 3%3%3%…).
READ_BEHIND, READ_AHEAD = 40, 120


@lru_cache(maxsize=4096)
def _read_window(window: str, at: int) -> tuple[tuple | None, int]:
    """`read_figure` for the candidate number at `window[at:]`, with the exclusions that look
    around it: the figure's fields with offsets in the window (None for no figure), and where
    reading stopped."""
    figure, end = read_figure(window, _lexicon().number.match(window, at))
    if figure is None or is_ordinal_or_name(window, figure.start):
        return None, end
    unit = to_simplified(figure.unit) if figure.unit else None  # contract 1.1: 個 → 个; the span keeps the source's
    return (figure.start, figure.end, figure.value, figure.low, figure.high, figure.approx, unit, figure.kind, figure.iso), end


def _find_number(lex: Lexicon, text: str, pos: int) -> re.Match | None:
    """`lex.number.search(text, pos)`, but only tried where a number can start: re cannot skip
    ahead by itself through a pattern whose branches open with groups, and most text is no number."""
    while start := lex.number_start.search(text, pos):
        match = lex.number.match(text, start.start())
        if match:
            return match
        pos = start.start() + 1
    return None


def _is_bare(lex: Lexicon, text: str, match: re.Match) -> bool:
    """Whether `read_figure` would surely give (None, match.end()) for the candidate: nothing
    that makes a number a figure (unit, 余, 万, 以上, 年, a range, 超/近 …) touches it, and it is
    not one by itself (a Chinese number, Arabic digits without 万, 数/几 without 百/千).
    The common non-figures (一 in 统一, table cells) so cost no full read. A new kind of word that
    read_figure looks for after or before a number belongs in `follow_starts` / `before_ends`."""
    after = _skip_space(text, match.end())
    if after < len(text) and text[after] in lex.follow_starts:
        return False  # most figures: a unit follows
    before = match.start() - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    if before >= 0 and text[before] in lex.before_ends:
        return False
    if match["percent"] or (match["several"] and match["magnitude"]):
        return False
    return not (match["arabic"] and match.group()[-1] in _MAGNITUDES)  # 3万 alone is a figure


def read_figure(text: str, match: re.Match) -> tuple[FigureMatch | None, int]:
    """The figure that starts with the candidate number `match`, and where reading stopped."""
    if match.end() - match.start() > _LONGEST_NUMBER:
        return None, match.end()  # a run of digits no bulletin writes as a quantity (an ID, a hash)
    if match["percent"]:
        return read_percent(text, match), match.end()
    if match["several"]:
        return read_several(text, match)
    if match.start() and _LATIN.match(text, match.start() - 1):
        return None, match.end()  # G60, A4: a code, not a number
    if text.startswith("分之", _skip_space(text, match.end())):
        return None, match.end()  # 不少于五分之一: a fraction (figures.md), the 五 counts nothing
    qualifier = read_qualifier_before(text, match.start())
    if qualifier is None:
        calendar = read_calendar(text, match)
        if calendar is not None:
            return calendar
    pair = _PAIR.fullmatch(_squeeze(match.group())) if match["chinese"] else None
    if pair:
        return read_pair(text, match, pair)
    left = read_quantity(text, match)
    if left is None:
        return None, match.end()
    right = read_range_end(text, left)
    if right is not None:
        return make_range(text, left, right), right.end
    figure = make_figure(text, left, qualifier)
    return figure, left.end


# --- reading a quantity -------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    written: str  # as in the lexicon (= the source without whitespace)
    kind: str
    recorded: str  # what the figure's `unit` says
    extra: Decimal  # 2个半小时: the 半 is part of the unit
    scale: Decimal = Decimal(1)  # 七成 is 70 (percent): a percent's value is in percent


@dataclass  # not frozen: one is built per candidate, and a frozen one sets each field the slow way
class Quantity:
    start: int  # first character of the number
    number_end: int  # after its last digit (or multiplier)
    end: int  # after the last character read (unit, 以上 …)
    value: Decimal
    chinese: bool  # written in Chinese numerals only
    magnitude_only: bool  # 千, 百万: a bare magnitude, a figure only with a qualifier
    multiplier: Decimal  # 1, or the 万/亿 (千万 …) the value was multiplied by
    inner: str | None  # 余 / 多 between number and unit
    after: str | None  # 以上, 左右 … after the unit
    unit: Unit | None
    unit_text: str | None  # the unit as recorded, with a rate denominator or (头) added
    unit_start: int | None


def read_pair(text: str, match: re.Match, pair: re.Match) -> tuple[FigureMatch | None, int]:
    """两三个, 八九亿元: two neighbouring digits are a range (2..3, 8亿..9亿)."""
    try:
        low, high = (parse_numeral(digit + pair["units"]) for digit in (pair["low"], pair["high"]))
    except ValueError:
        return None, match.end()
    q = read_quantity(text, match, low)
    if not low < high or q is None or q.unit is None or q.inner or is_not_a_quantity(text, q, True):
        return None, match.end()
    kind = q.unit.kind
    return FigureMatch(q.start, q.end, None, low, high, "range", q.unit_text, kind), q.end


def read_quantity(text: str, match: re.Match, value: Decimal | None = None) -> Quantity | None:
    """The number at `match` and what follows it: 余/多, multiplier, unit, 以上/左右."""
    core = _squeeze(match.group())
    chinese = bool(match["chinese"])
    magnitude_only = False
    if match["arabic"] and LEADING_ZEROS.match(core):
        return None  # "00 万": the tail of a number a page or a wrap cut off, never a figure of its own
    if value is None:
        value, magnitude_only = parse_core(core, chinese)
    if value is None:
        return None
    lex = _lexicon()
    multiplier = _trailing_multiplier(core)
    end, inner = match.end(), None
    pos = _skip_space(text, end)  # where the next word starts: `end` with whitespace skipped
    for _ in range(2):  # 1300余万 and 22万余: 余 before or after the multiplier
        word = _match_forward(lex.inner, text, pos)
        if word and inner is None:
            inner, end = word
        elif pos < len(text) and text[pos] in _CN_BIG and multiplier == 1:
            multiplier = parse_numeral("1" + text[pos])
            value, end = value * multiplier, pos + 1
        else:
            break  # nothing read: a second round would read nothing either
        pos = _skip_space(text, end)
    unit, unit_text, unit_start = None, None, None
    found = read_unit(text, pos)
    if found:
        unit, unit_text, unit_start, end = found
        pos = _skip_space(text, end)
    after = None
    word = _match_forward(lex.after, text, pos)
    if word:
        after, end = word
    return Quantity(match.start(), match.end(), end, value, chinese, magnitude_only, multiplier, inner, after,
                    unit, unit_text, unit_start)


def _trailing_multiplier(core: str) -> Decimal:
    """The factor written after the digits: 万 in 3.5万 and 三十万, 千万 in 3千万 (in 三千万 the 千
    belongs to the Chinese number). A range's first end shares it: 3至5万 is 30000..50000."""
    if core[-1:] not in _MAGNITUDES:
        return Decimal(1)  # most numbers: nothing after the digits
    body = core.rstrip(_CN_BIG)
    tail = core[len(body):]
    if body and body[-1] in "千仟百佰" and not (len(body) > 1 and body[-2] in _CN_DIGITS):
        body, tail = body[:-1], body[-1] + tail
    try:
        return parse_numeral("1" + tail) if tail and body else Decimal(1)
    except ValueError:  # 万万: not a multiplier numerals.py reads
        return Decimal(1)


def parse_core(core: str, chinese: bool) -> tuple[Decimal | None, bool]:
    """The value of a number's characters; (None, _) when they are not one number."""
    if chinese and len(core) > 1 and all(ch in _CN_DIGITS for ch in core) and len(core) != 4:
        return None, False  # 一二, 十四五-like strings of digits name things; 二〇二四 is a year
    try:
        return parse_numeral(core), False
    except ValueError:
        pass
    if chinese and core[0] in _CN_SMALL + _CN_BIG:
        try:  # 千, 百万: read as 一千, 一百万, but only a figure when qualified (近千人)
            return parse_numeral("一" + core), True
        except ValueError:
            pass
    return None, False


def read_unit(text: str, pos: int) -> tuple[Unit, str, int, int] | None:
    """The unit at `pos`: the longest lexicon unit, unless a non-unit word starts there, with a
    rate denominator (元/月) or an alternative in brackets (只(头)) added."""
    lex = _lexicon()
    word = _match_forward(lex.unit_trie, text, pos)
    if not word:
        return None
    blocker = _match_forward(lex.not_units, text, pos)
    if blocker and blocker[1] > word[1]:
        return None
    needs = lex.unit_needs.get(word[0])
    if needs and not _match_forward(needs, text, _skip_space(text, word[1])):
        return None
    unit = lex.units[word[0]]
    recorded, end = unit.recorded, word[1]
    if end < len(text) and text[end] == "/":
        per = _match_forward(lex.unit_trie, text, end + 1) or _match_forward(lex.calendar_trie, text, end + 1)
        if per:
            recorded, end = recorded + "/" + per[0], per[1]
            unit = replace(unit, kind="measure")
    elif end < len(text) and text[end] in "(（":
        inside = _match_forward(lex.unit_trie, text, end + 1)
        if inside and inside[1] < len(text) and text[inside[1]] in ")）":
            recorded, end = recorded + _squeeze(text[word[1]:inside[1] + 1]), inside[1] + 1
    return unit, recorded, pos, end


def read_qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """超 / 近 / 约 / 不少于 … right before the number (whitespace between allowed), with where
    it starts."""
    lex = _lexicon()
    found = _match_backward(lex.before, text, start)
    return found if found and lex.approx[found[0]] != "-" else None


def read_range_end(text: str, left: Quantity) -> Quantity | None:
    """The second number of a range (5名~10名, 2至3年, 35—65人, 1991-2010年), if one follows."""
    if left.inner or left.after:
        return None
    lex = _lexicon()
    sep = _match_forward(lex.range_words, text, _skip_space(text, left.end))
    if not sep:
        return None
    match = lex.number.match(text, _skip_space(text, sep[1]))
    if not match or not (match["arabic"] or match["chinese"]):
        return None
    right = read_quantity(text, match)
    if right is None or right.inner or right.magnitude_only:
        return None
    word = _match_forward(lex.calendar_trie, text, _skip_space(text, match.end()))
    if word and right.unit and len(right.unit.written) > len(word[0]):
        word = None  # 3百日元: the unit 日元, not the day 日
    if word and lex.calendar[word[0]] != "year":
        return None  # 1—7月, a month span, is not read as a range
    if word and left.unit is None and _is_year(left) and _is_year(right):  # 1991-2010年
        return replace(right, end=word[1], unit_text=word[0], unit=Unit(word[0], "year", word[0], Decimal(0)))
    if right.unit is None or left.unit_text not in (None, right.unit_text):
        return None
    return right


def make_range(text: str, left: Quantity, right: Quantity) -> FigureMatch | None:
    low, high = left.value, right.value
    left_core, right_core = _squeeze(text[left.start:left.number_end]), _squeeze(text[right.start:right.number_end])
    first_digit = parse_numeral(right_core[0]) if right_core[0] not in _CN_SMALL + _CN_BIG else 0
    if len(left_core) == 1 and first_digit and right_core[1:].strip(_CN_SMALL + _CN_BIG) == "" and len(right_core) > 1:
        low *= high / first_digit  # 两到三千 is 2000..3000: the first end shares 千
    elif left.multiplier == 1 and right.multiplier > 1 and low * right.multiplier <= high:
        low *= right.multiplier  # 3至5万元 is 30000..50000
    if not low < high or _names_a_session(text, right):
        return None
    kind = right.unit.kind if right.unit else "count"
    unit = right.unit_text
    return FigureMatch(left.start, right.end, None, low, high, "range", unit, kind)


def make_figure(text: str, q: Quantity, qualifier: tuple[str, int] | None) -> FigureMatch | None:
    """Kind and bounds of one quantity, or None when figures.md does not count it."""
    lex = _lexicon()
    kind = q.unit.kind if q.unit else "count"
    value = (q.value + q.unit.extra) * q.unit.scale if q.unit else q.value
    before, start = qualifier or (None, q.start)
    if before in lex.recent and kind == "duration":
        before, start = None, q.start  # 近三年来: the last three years, exactly three
    if is_not_a_quantity(text, q, bool(before or q.inner or q.after)) or _names_a_session(text, q):
        return None
    approx = (lex.approx.get(q.inner) or lex.approx.get(before) or lex.approx.get(q.after))
    low, high = _bounds(value, approx)
    return FigureMatch(start, q.end, value, low, high, approx, q.unit_text, kind)


def _bounds(value: Decimal, approx: str | None) -> tuple[Decimal | None, Decimal | None]:
    if approx is None:
        return value, value
    if approx == "more_than":  # high = value + 10^k at the last non-zero digit's place
        if not value:
            return value, None
        exponent = value.normalize().as_tuple().exponent
        return value, value + Decimal(10) ** exponent
    if approx in ("over", "at_least"):
        return value, None
    if approx in ("at_most", "nearly"):
        return None, value
    return None, None


# --- special forms: percent, several, calendar ----------------------------------------------


def read_percent(text: str, match: re.Match) -> FigureMatch | None:
    try:
        value = parse_percent(_squeeze(match.group()))
    except ValueError:
        return None
    lex = _lexicon()
    after = _match_forward(lex.after, text, _skip_space(text, match.end()))
    before, start = read_qualifier_before(text, match.start()) or (None, match.start())
    approx = lex.approx[after[0]] if after else lex.approx.get(before)
    end = after[1] if after else match.end()
    low, high = _bounds(value, approx)
    return FigureMatch(start, end, value, low, high, approx, "%", "percent")


def read_several(text: str, match: re.Match) -> tuple[FigureMatch | None, int]:
    """数百条 (200..900), 上万人 (10000..99999), 几个 (2..9)."""
    lex = _lexicon()
    word, magnitude_text = match["several"], match["magnitude"]
    rule = lex.several[word]
    start = match.start()
    if start and text[start - 1] in _CN_DIGITS + _CN_SMALL + _CN_BIG:
        return None, match.end()  # 十几, 二十几: not a bound figures.md defines
    if magnitude_text:
        value, _ = parse_core(magnitude_text, chinese=True)
        if value is None:
            return None, match.end()
        if text.startswith("分之", match.end()):
            return None, match.end()  # 数百分之 … is a fraction
    elif rule.alone:
        value = Decimal(1)
    else:
        return None, match.end()
    found = read_unit(text, _skip_space(text, match.end()))
    if found is None and not magnitude_text:
        return None, match.end()
    unit, recorded, _, end = found or (None, None, None, match.end())
    if unit and unit.kind not in ("count", "money", "measure", "duration"):
        return None, match.end()
    low, high = rule.low * value, rule.high * value + rule.offset
    return FigureMatch(start, end, None, low, high, "several", recorded, unit.kind if unit else "count"), end


def read_calendar(text: str, match: re.Match) -> tuple[FigureMatch | None, int] | None:
    """2024年 / 2024年度 (year), 2024年5月20日, 2024年5月, 9月19日, 四月 (date); None if not one."""
    if not (match["arabic"] or match["chinese"]):
        return None
    lex = _lexicon()
    word = _match_forward(lex.calendar_trie, text, _skip_space(text, match.end()))
    if not word:
        return None
    core = _squeeze(match.group())
    role = lex.calendar[word[0]]
    if role == "year" and _looks_like_year(core, bool(match["chinese"])):
        year = int(parse_numeral(core))
        month = _read_calendar_part(text, word[1], "month", 12) if word[0] != "年度" else None
        if month is None:
            left = FigureMatch(match.start(), word[1], Decimal(year), Decimal(year), Decimal(year), None,
                               word[0], "year")
            return _year_range(text, left) or (left, word[1])
        day = _read_calendar_part(text, month[1], "day", 31)
        if day is None:
            return _date(match.start(), month[1], f"{year:04d}-{month[0]:02d}"), month[1]
        return _date(match.start(), day[1], f"{year:04d}-{month[0]:02d}-{day[0]:02d}"), day[1]
    if role == "month":
        month = _calendar_value(core, 12)
        if month is None:
            return None
        day = _read_calendar_part(text, word[1], "day", 31)
        if day is None:
            return _date(match.start(), word[1], f"--{month:02d}"), word[1]
        return _date(match.start(), day[1], f"--{month:02d}-{day[0]:02d}"), day[1]
    return None


def _year_range(text: str, left: FigureMatch) -> tuple[FigureMatch, int] | None:
    """2023年至2025年: one range of kind year."""
    lex = _lexicon()
    sep = _match_forward(lex.range_words, text, _skip_space(text, left.end))
    if not sep:
        return None
    match = lex.number.match(text, _skip_space(text, sep[1]))
    if not match or not match["arabic"]:
        return None
    right = read_calendar(text, match)
    if not right or not right[0] or right[0].kind != "year" or not left.value < right[0].value:
        return None
    return FigureMatch(left.start, right[1], None, left.value, right[0].value, "range", left.unit, "year"), right[1]


def _read_calendar_part(text: str, pos: int, role: str, top: int) -> tuple[int, int] | None:
    """A month or day number with its calendar word, right after `pos`: (value, end)."""
    lex = _lexicon()
    match = lex.number.match(text, _skip_space(text, pos))
    if not match or not (match["arabic"] or match["chinese"]):
        return None
    word = _match_forward(lex.calendar_trie, text, _skip_space(text, match.end()))
    if not word or lex.calendar[word[0]] != role:
        return None
    value = _calendar_value(_squeeze(match.group()), top)
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
        return len(core) == 4 and all(ch in _CN_DIGITS for ch in core)
    digits = core.translate(_FULL_WIDTH_DIGITS)
    return len(digits) == 4 and digits.isdigit() and 1000 <= int(digits) <= 2999


def _is_year(q: Quantity) -> bool:
    return q.multiplier == 1 and q.value == int(q.value) and 1000 <= q.value <= 2999


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


# --- exclusions ---------------------------------------------------------------------------


def is_not_a_quantity(text: str, q: Quantity, qualified: bool) -> bool:
    """figures.md "Not extracted": bare numbers, determiners, section numbers, codes."""
    if q.unit is None and not qualified and (q.chinese or q.multiplier == 1):
        return True  # a bare number: 11 选 10, 回首2024, table cells
    if q.magnitude_only and not qualified:
        return True  # 千万 (the adverb), 百年 as a name
    if q.chinese and q.value == 1 and not (q.unit and q.unit.extra) and not qualified:
        return True  # 一个, 一项: the indefinite article
    if q.chinese and q.unit and q.unit.written in _lexicon().chinese_ordinal_units and not qualified:
        return True  # 二期工程: a phase, not two of them
    if q.unit and q.unit.kind == "count" and q.multiplier == 1 and q.value != q.value.to_integral_value():
        return True  # 2.2本计划: a section number, since counts of things are whole
    end_of_number = q.unit_start if q.unit_start is not None else q.end
    return end_of_number < len(text) and bool(_LATIN.match(text, end_of_number))  # 5G, 15k


def is_ordinal_or_name(text: str, start: int) -> bool:
    """第一批, 三分之二 (a word before the number), or a name or determiner of non_figures.tsv
    that covers the figure's first character (三个代表, “十四五”, 成千上万)."""
    lex = _lexicon()
    if _match_backward(lex.ordinal_before, text, start):
        return True
    if text[start] not in lex.non_figure_chars:
        return False  # a word covering `start` has its character: 2024, 超 are in none
    pos, steps = start, 0
    while pos >= 0 and steps < lex.non_figure_reach:
        if text[pos] in lex.non_figures:  # a word of the trie starts here
            word = _match_forward(lex.non_figures, text, pos)
            if word and word[1] > start:
                exceptions = lex.non_figure_exceptions.get(word[0])
                if not (exceptions and _match_forward(exceptions, text, _skip_space(text, word[1]))):
                    return True
        if not text[pos].isspace():
            steps += 1
        pos -= 1
    return False


def _names_a_session(text: str, q: Quantity) -> bool:
    """二次会议, 8次主任会议: N次 followed closely by 会议 names a session, it counts none."""
    if q.unit is None:
        return False
    for words, reach in _lexicon().ordinal_after.get(q.unit.written, ()):
        pos, seen = q.end, 0
        while pos < len(text) and seen <= reach and text[pos] not in _CLAUSE_END:
            if _match_forward(words, text, pos):
                return True
            seen += not text[pos].isspace()
            pos += 1
    return False


# --- whitespace-tolerant word matching ------------------------------------------------------

_END = ""


def _trie(words) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = word
    return root


def _starts(trie: dict) -> frozenset:
    """The characters a word of `trie` can start with."""
    return frozenset(ch for ch in trie if ch != _END)


def _match_forward(trie: dict, text: str, pos: int) -> tuple[str, int] | None:
    """The longest word of `trie` starting at `pos`, whitespace allowed between its characters:
    (word, end after its last character)."""
    if pos >= len(text) or text[pos] not in trie:
        return None  # most calls: no word starts here
    node, best, i, n = trie, None, pos, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() and i > pos:
            i += 1
            continue
        node = node.get(ch)
        if node is None:
            break
        i += 1
        if _END in node:
            best = (node[_END], i)
    return best


def _match_backward(reversed_trie: dict, text: str, pos: int) -> tuple[str, int] | None:
    """The longest word (of a trie of reversed words) ending right before `pos`, whitespace
    allowed before `pos` and inside the word: (word, start of its first character)."""
    node, best, i = reversed_trie, None, pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    while i >= 0:
        ch = text[i]
        if ch.isspace():
            i -= 1
            continue
        node = node.get(ch)
        if node is None:
            break
        if _END in node:
            best = (node[_END][::-1], i)
        i -= 1
    return best


def _skip_space(text: str, pos: int) -> int:
    if pos >= len(text) or not text[pos].isspace():
        return pos  # most calls: no whitespace to skip
    return _SPACES.match(text, pos).end()


def _squeeze(s: str) -> str:
    """A number's characters without the PDF's whitespace; ○ (a circle) written for 〇."""
    if s.isalnum():
        return s  # most numbers: neither whitespace nor ○ is alphanumeric
    return _WHITESPACE.sub("", s).replace("○", "〇")


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    if not spans:
        return False
    i = bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _find_masks(text: str) -> list[tuple[int, int]]:
    """The spans of `_MASKS.finditer(text)` (URLs, e-mail, document numbers), the URLs trimmed.
    `_MASKS` is only tried where a match can start: at an opener, or where the run of e-mail
    characters before an @ starts. re would try its four branches at every character."""
    starts = [m.start() for m in _MASK_OPENERS.finditer(text)]
    at = text.find("@")
    while at >= 0:
        start = at
        while start and _EMAIL_CHAR.match(text, start - 1):
            start -= 1
        starts.append(start)
        at = text.find("@", at + 1)
    masks, pos = [], 0
    for start in sorted(starts):
        if start >= pos and (m := _MASKS.match(text, start)):
            masks.append((m.start(), _trim_url(text, m)))
            pos = m.end()
    return masks


def _trim_url(text: str, m: re.Match) -> int:
    """A URL glued to a date (…cn/2022年07月14日) ends before the date's digits."""
    end = m.end()
    if end < len(text) and "\u4e00" <= text[end] <= "\u9fff":
        while end > m.start() and text[end - 1].isdigit():
            end -= 1
    return end


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans, opener, start = [], None, 0
    for quote in _QUOTE_CHARS.finditer(text):  # only quote marks change the state
        i, ch = quote.start(), quote.group()
        if opener is None and ch in _QUOTES:
            opener, start = ch, i
        elif opener is not None and ch == _QUOTES[opener]:
            spans.append((start, i + 1))
            opener = None
        elif opener is not None and ch in _QUOTES:
            start = i  # an unclosed quote: start again at the newer one
            opener = ch
    return spans


# --- the lexicons, read once ---------------------------------------------------------------


@dataclass(frozen=True)
class SeveralRule:
    low: Decimal
    high: Decimal
    offset: Decimal
    alone: bool


@dataclass(frozen=True)
class Lexicon:
    number: re.Pattern
    number_start: re.Pattern  # a character that can open `number`
    follow_starts: frozenset  # first characters of what can follow a number and make it a figure
    before_ends: frozenset  # last characters of the qualifiers before a number
    units: dict
    unit_trie: dict
    not_units: dict
    calendar: dict
    calendar_trie: dict
    approx: dict
    before: dict  # reversed trie
    recent: frozenset
    inner: dict
    after: dict
    several: dict
    range_words: dict
    non_figures: dict
    non_figure_exceptions: dict
    non_figure_reach: int
    non_figure_chars: frozenset
    ordinal_before: dict  # reversed trie
    ordinal_after: dict
    chinese_ordinal_units: frozenset  # 二期: with a bare Chinese numeral the unit numbers, it counts nothing
    unit_needs: dict  # unit → trie of the words one of which must follow it (三点意见, not 下午3点)


@cache
def _lexicon() -> Lexicon:
    units = {}
    for row in read_lexicon("classifiers.tsv"):
        written, kind = row[0], row[1]
        recorded = row[2] if len(row) > 2 and row[2] else written
        extra = Decimal(row[3]) if len(row) > 3 and row[3] else Decimal(0)
        scale = Decimal(row[4]) if len(row) > 4 and row[4] else Decimal(1)
        units[written] = Unit(written, kind, recorded, extra, scale)
    calendar = {row[0]: row[1] for row in read_lexicon("calendar.tsv")}
    approx, by_position, recent, several = {}, {}, set(), {}
    for row in read_lexicon("qualifiers.tsv"):
        word, position, kind = row[0], row[1], row[2]
        options = row[3].split() if len(row) > 3 else []
        approx[word] = kind
        by_position.setdefault(position, []).append(word)
        if "recent-before-duration" in options:
            recent.add(word)
        if position == "several":
            values = dict(opt.split("=") for opt in options if "=" in opt)
            several[word] = SeveralRule(Decimal(values.get("low", 1)), Decimal(values.get("high", 9)),
                                        Decimal(values.get("offset", 0)), "alone" in options)
    # 36千米 is 36 km, not 36000 m: a unit that starts like a multiplier wins over it
    units_like_multipliers = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True)
                                      if u[0] in _CN_SMALL + _CN_BIG) or "(?!)"
    several_pattern = "|".join(re.escape(w) for w in sorted(several, key=len, reverse=True)) or "(?!)"
    non_figures, exceptions = [], {}
    for row in read_lexicon("non_figures.tsv"):
        non_figures.append(row[0])
        if len(row) > 1 and row[1]:
            exceptions[row[0]] = _trie(row[1].split("|"))
    ordinal_before, ordinal_after, chinese_ordinal_units, unit_needs = [], {}, set(), {}
    for row in read_lexicon("number_contexts.tsv"):
        if row[0] == "before":
            ordinal_before.append(row[1])
        elif row[0] == "after-unit":
            ordinal_after.setdefault(row[1], []).append((_trie([row[2]]), int(row[3])))
        elif row[0] == "chinese-ordinal":
            chinese_ordinal_units.add(row[1])
        elif row[0] == "unit-needs":
            unit_needs[row[1]] = _trie(row[2].split("|"))
    unit_trie, calendar_trie = _trie(units), _trie(calendar)
    inner, after = _trie(by_position.get("inner", [])), _trie(by_position.get("after", []))
    range_words = _trie(by_position.get("range", []))
    before = _trie(w[::-1] for w in by_position.get("before", []))
    several_starts = "".join(re.escape(w[0]) for w in several)
    followers = (unit_trie, inner, after, range_words, calendar_trie)  # what read_figure reads after a number
    follow_starts = frozenset(_CN_BIG).union(*map(_starts, followers))
    return Lexicon(
        number=re.compile(_NUMBER_TEMPLATE.replace("@SEVERAL@", several_pattern)
                          .replace("@UNITS_LIKE_MULTIPLIERS@", units_like_multipliers)),
        number_start=re.compile(f"[{_DIGITS}{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}{several_starts}]"),
        follow_starts=follow_starts,
        before_ends=_starts(before),
        units=units,
        unit_trie=unit_trie,
        not_units=_trie(row[0] for row in read_lexicon("not_units.tsv")),
        calendar=calendar,
        calendar_trie=calendar_trie,
        approx=approx,
        before=before,
        recent=frozenset(recent),
        inner=inner,
        after=after,
        several=several,
        range_words=range_words,
        non_figures=_trie(non_figures),
        non_figure_exceptions=exceptions,
        non_figure_reach=max((len(w) for w in non_figures), default=0),
        non_figure_chars=frozenset("".join(non_figures)),
        ordinal_before=_trie(w[::-1] for w in ordinal_before),
        ordinal_after=ordinal_after,
        chinese_ordinal_units=frozenset(chinese_ordinal_units),
        unit_needs=unit_needs,
    )
