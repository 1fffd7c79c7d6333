"""Find the figures of a bulletin: "收集意见建议 1300 余条" → 1300..1400 条, more_than.

What a figure is, and how it is recorded, is `../shared/spec/figures.md`. The text is the raw
source: PDF extraction breaks lines every ~30 characters and puts spaces around digits, so every
step below reads through whitespace ("超\\n\\n100 万", "27\\n\\n个") and a figure's span covers the
break. One pipeline, left to right:

1. find a candidate number (`_NUMBER`): Arabic, Chinese, a number after its unit (百分之…,
   千分之…, $20, €15), a quantity word (半成, 对折), or 数/几/上 + magnitude;
2. read it as a calendar point when 年/月/日 follow (`read_calendar`), else read what follows it:
   余/多, a multiplier, the unit with a half or smaller units after it (三斤半, 5元3角, 1小时30分钟),
   a rate denominator, 以上/左右 … (`read_quantity`), and what stands before it: 超, 近, 约 …
   (`read_qualifier_before`), a sign (负, 零下, -: `read_sign`); join two quantities into a range;
3. decide kind, value (a percent in percent: 七成 → 70, 八五折 → 85) and bounds (`make_figure`);
4. drop what figures.md does not extract: bare numbers and determiners (`is_not_a_quantity`),
   sessions (二次会议) and grades (二类水质), ordinals and names (`is_ordinal_or_name`), place
   names that begin with a numeral (三台县), document numbers and URLs.

The words (units, currencies, qualifiers, smaller units, place names, names that only contain a
numeral) are lexicon data in `lexicons/`; this module holds the grammar of numbers only. Every
regex here is linear: a repetition inside another is only of the blanks between digits (79 00,
1,2 40), which no other repetition can also take; other whitespace is skipped by hand.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, Inexact, localcontext
from functools import cache, lru_cache

from .lexicon import read_lexicon, to_simplified
from .numerals import parse_numeral


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
_D = f"[{_DIGITS}]"
_ARABIC = (
    # digit groups parted only by blanks or a wrap are one number: PDF extraction split them (79 00 万),
    # also inside a thousands group (1,2 40) and after a decimal point (1.3 6亿)
    # (possessive runs: nothing after them can fail, and `re` would keep a state per group for
    # backtracking: 1 MB of "1 1 1 …" held 150 MB)
    rf"(?:{_D}(?:\s*{_D}){{0,2}}(?:[,，]{_D}\s*{_D}\s*{_D}(?!{_D}))+|{_D}++(?:\s+{_D}++)*+)"
    rf"(?:[.．](?:{_D}++(?:\s+{_D}++)*+|[{_CN_DIGITS}]+))?"  # 1.五万: some converters spell decimals in Chinese
)
_CN_RUN = rf"[{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}]++(?:\s+[{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}]++)*+"
_NUMBER_TEMPLATE = (  # Arabic first: most candidates are, and no other branch starts with a digit
    rf"(?P<arabic>{_ARABIC}(?:(?!@UNITS_LIKE_MULTIPLIERS@)[千仟百佰])?(?:\s*[{_CN_BIG}]{{1,2}})?)"
    # a number after its unit; a PDF's wrap may part the unit or the Chinese numeral (百分之八⏎十五)
    rf"|(?P<prefixed>(?P<per>@PER@)\s*(?:{_ARABIC}(?:\s*[{_CN_BIG}]{{1,2}})?"
    rf"|{_CN_RUN}(?:\s*[点點]\s*{_CN_RUN})?))"
    rf"|(?P<word>@WORDS@)"
    rf"|(?P<several>@SEVERAL@)\s*(?P<magnitude>[{_CN_SMALL}{_CN_BIG}]*)"
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
        if reading is not None or start + end > pos:
            pos = start + end  # a figure may end before its candidate did (百分之八⏎三是: 8)
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
    if match["prefixed"] or match["word"] or (match["several"] and match["magnitude"]):
        return False
    return not (match["arabic"] and match.group()[-1] in _MAGNITUDES)  # 3万 alone is a figure


def read_figure(text: str, match: re.Match) -> tuple[FigureMatch | None, int]:
    """The figure that starts with the candidate number `match`, and where reading stopped."""
    start, lex = match.start(), _lexicon()
    if match.end() - start > _LONGEST_NUMBER:
        return None, match.end()  # a run of digits no bulletin writes as a quantity (an ID, a hash)
    if not match["arabic"]:
        if match["prefixed"]:
            return read_prefixed(text, match)
        if match["word"]:
            return read_word(text, match), match.end()
        if match["several"]:
            return read_several(text, match)
        place = _match_forward(lex.places, text, start)
        if place:
            return None, max(place[1], match.end())  # 三台县, 七里河区: a place name, no 3 台 or 7 里
    if start and _LATIN.match(text, start - 1):
        return None, match.end()  # G60, A4: a code, not a number
    if text.startswith("分之", _skip_space(text, match.end())):
        return None, match.end()  # 不少于五分之一: a fraction (figures.md), the 五 counts nothing
    sign = read_sign(text, start) if start and (text[start - 1] in lex.sign_ends or text[start - 1].isspace()) else None
    qualifier = read_qualifier_before(text, match.start() if sign is None else sign)
    if qualifier is None and sign is None:
        calendar = read_calendar(text, match)
        if calendar is not None:
            return calendar
    pair = _PAIR.fullmatch(_squeeze(match.group())) if match["chinese"] and sign is None else None
    if pair:
        return read_pair(text, match, pair, qualifier)
    left = read_quantity(text, match)
    if left is None:
        return None, match.end()
    left.sign_start = sign
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
    digits: bool = False  # 八五折, 85折: a two-digit number is read digit by digit (8.5 of the unit)
    digit_after: bool = False  # 七成六: a digit after the unit counts tenths of it
    half: bool = False  # 三斤半, 两天半: 半 after the unit adds a half


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
    sign_start: int | None = None  # where a sign before the number starts (负0.2千米, -5℃, 零下5度)


def read_pair(text: str, match: re.Match, pair: re.Match, qualifier: tuple[str, int] | None) -> tuple[FigureMatch | None, int]:
    """两三个, 八九亿元: two neighbouring digits are a range (2..3, 8亿..9亿); before a unit read
    digit by digit they are one number (八五折 is 8.5折)."""
    try:
        low, high = (parse_numeral(digit + pair["units"]) for digit in (pair["low"], pair["high"]))
    except ValueError:
        return None, match.end()
    q = read_quantity(text, match, low)
    if q is not None and q.unit is not None and q.unit.digits and not pair["units"]:
        q.value = low * 10 + high
        return make_figure(text, q, qualifier), q.end
    if not low < high or q is None or q.unit is None or q.inner or is_not_a_quantity(text, q, True):
        return None, match.end()
    kind = q.unit.kind
    low, high = _unit_value(low, q.unit, q.multiplier), _unit_value(high, q.unit, q.multiplier)
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
    if pos < len(text) and text[pos] in "(（":
        mark = _match_forward(lex.marks, text, pos)  # 50万元(含)以上, 1万(含)-5万元: the bound is included
        if mark:
            end = mark[1]
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
    if word[0][-1] in _ASCII_ALNUM and word[1] < len(text) and text[word[1]] in _ASCII_ALNUM:
        return None  # 10MWp, 5Gbit: a Latin unit runs into no other letter
    blocker = _match_forward(lex.not_units, text, pos)
    if blocker and blocker[1] > word[1]:
        return None
    needs = lex.unit_needs.get(word[0])
    if needs and not _match_forward(needs, text, _skip_space(text, word[1])):
        return None
    unit = lex.units[word[0]]
    recorded, end = unit.recorded, word[1]
    if end < len(text) and (text[end] in _AFTER_UNIT or text[end].isspace()):  # most units: punctuation or a noun follows
        if unit.half or unit.digit_after:
            unit, end = _read_fraction_of_unit(text, unit, end)
        if unit.written in lex.compounds:
            unit, end = _read_smaller_units(text, unit, end)
            recorded = unit.recorded
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


_AFTER_UNIT = frozenset("半又零0123456789０１２３４５６７８９" + _CN_DIGITS + _CN_SMALL)  # what _read_smaller_units and
# _read_fraction_of_unit can read after a unit (三斤半, 七成六, 5元3角, 两美元又三美分, 2年零6个月)
_ASCII_ALNUM = frozenset("0123456789０１２３４５６７８９ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_TENTHS = "一二三四五六七八九"
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９点點.．" + _CN_DIGITS + _MAGNITUDES)


def _read_fraction_of_unit(text: str, unit: Unit, end: int) -> tuple[Unit, int]:
    """半 after the unit (三斤半, 三成半: a half more), or for 成 a digit of tenths (七成六: 7.6成)."""
    pos = _skip_space(text, end)
    if pos >= len(text):
        return unit, end
    ch = text[pos]
    if ch == "半" and unit.half and not _match_forward(_lexicon().not_half, text, pos):
        return replace(unit, extra=unit.extra + Decimal("0.5"), half=False), pos + 1
    if unit.digit_after and ch in _TENTHS:
        following = _skip_space(text, pos + 1)
        if following >= len(text) or text[following] not in _NUMERAL_CHARS:
            return replace(unit, extra=unit.extra + parse_numeral(ch) / 10, digit_after=False), pos + 1
    return unit, end


def _read_smaller_units(text: str, unit: Unit, end: int) -> tuple[Unit, int]:
    """5元3角, 2元5角8分, 两美元又三美分, 1小时30分钟, 2年零6个月: amounts of smaller units after
    the unit join it, in the larger unit (5.3元, 1.5小时), each smaller than the one before and below
    one of it, and only while the sum is an exact decimal (1小时20分钟 stays two figures)."""
    lex = _lexicon()
    smaller, joins = lex.compounds[unit.written], lex.compound_joins
    extra, last, pos, joined = Decimal(0), Decimal(1), end, None
    while True:
        at = _skip_space(text, pos)
        if at >= len(text) or text[at] not in _AFTER_UNIT:
            break
        join = _match_forward(joins, text, at)
        match = lex.number.match(text, _skip_space(text, join[1]) if join else at)
        if not match or not (match["arabic"] or match["chinese"]) or match.end() - match.start() > _LONGEST_NUMBER:
            break
        sub_at = _skip_space(text, match.end())
        sub = _match_forward(smaller, text, sub_at)
        if not sub:
            break
        longer = _match_forward(lex.unit_trie, text, sub_at)
        if longer and longer[1] > sub[1]:
            break  # 5元3分钟: 分钟 is no 分
        ratio, recorded, kind = lex.compound_ratios[unit.written][sub[0]]
        try:
            amount = parse_numeral(_squeeze(match.group()))
            with localcontext() as context:
                context.traps[Inexact] = True
                part = amount / ratio
        except (ValueError, Inexact):
            break
        if ratio <= last or part * last >= 1 or amount < 0:
            break  # 5元30角, 2元8分5角: not a smaller amount
        extra, last, pos = extra + part, ratio, sub[1]
        joined = (recorded, kind)
    if joined is None:
        return unit, end
    recorded, kind = joined
    return replace(unit, extra=unit.extra + extra, recorded=recorded or unit.recorded, kind=kind or unit.kind,
                   half=False, digit_after=False), pos


def _unit_value(value: Decimal, unit: Unit | None, multiplier: Decimal, extra: Decimal | None = None) -> Decimal:
    """The figure's value from the number's and the unit's: 三成半 is (3 + 0.5) × 10 percent, 八五折
    and 85折 are 8.5 × 10 percent (a two-digit number before 折 is read digit by digit)."""
    if unit is None:
        return value
    if unit.digits and multiplier == 1 and 10 <= value < 100 and value == value.to_integral_value():
        value /= 10
    value += unit.extra if extra is None else extra
    return value if unit.scale == 1 else _tidy(value * unit.scale)


def _tidy(value: Decimal) -> Decimal:
    """75, not 75.0 (7.5成); 0.3, not 0.30: a scaled value as numerals.py gives values."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


_SIGNED_KINDS = frozenset(("measure", "percent", "money", "ratio"))  # a count or a duration has no sign


def read_sign(text: str, start: int) -> int | None:
    """Where a sign right before the number starts: 负 / 零下 (负0.2千米, 零下5度), or a minus
    (-5℃, 下降-3.2%) unless it stands between two quantities (1-2月, 3个-5个, 30%-50%: a range)."""
    lex = _lexicon()
    found = _match_backward(lex.signs, text, start)
    if not found:
        return None
    word, at = found
    if word in lex.minus_signs:
        before = at - 1
        while before >= 0 and text[before].isspace():
            before -= 1
        if before >= 0 and (text[before] in _AFTER_QUANTITY or _LATIN.match(text, before)):
            return None  # 1-2, G-5, 30%-50%, (2024)-3
        unit = _match_backward(lex.units_reversed, text, before + 1) if before >= 0 else None
        if unit and unit[1] > 0 and text[unit[1] - 1] in _AFTER_QUANTITY:
            return None  # 5名-10名: a range of two quantities
    return at


_AFTER_QUANTITY = frozenset("0123456789０１２３４５６７８９%％‰)）]】" + _CN_DIGITS + _MAGNITUDES)


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
    at = _skip_space(text, sep[1])
    sign = _match_forward(lex.signs_forward, text, at)  # -3℃至-1℃
    match = lex.number.match(text, _skip_space(text, sign[1]) if sign else at)
    if not match or not (match["arabic"] or match["chinese"]):
        return None
    right = read_quantity(text, match)
    if right is None or right.inner or right.magnitude_only:
        return None
    if sign:
        right.sign_start = at
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
    if right.unit is not None:  # 六至七成 is 60..70 percent, 2至3年半 2..3.5 years
        low = _unit_value(low, right.unit, left.multiplier, left.unit.extra if left.unit else Decimal(0))
        high = _unit_value(high, right.unit, right.multiplier)
    kind = right.unit.kind if right.unit else "count"
    signed = kind in _SIGNED_KINDS
    if signed and left.sign_start is not None:
        low = -low  # -3℃至5℃ is -3..5
    if signed and right.sign_start is not None:
        high = -high
    if not low < high or _names_a_session(text, right):
        return None
    unit = right.unit_text
    start = left.sign_start if signed and left.sign_start is not None else left.start
    return FigureMatch(start, right.end, None, low, high, "range", unit, kind)


def make_figure(text: str, q: Quantity, qualifier: tuple[str, int] | None) -> FigureMatch | None:
    """Kind and bounds of one quantity, or None when figures.md does not count it."""
    lex = _lexicon()
    unit = q.unit
    kind = unit.kind if unit else "count"
    if unit is None or unit.scale == 1 and not unit.digits and not unit.extra:
        value = q.value  # most figures: the number is the value
    else:
        value = _unit_value(q.value, unit, q.multiplier)
    negative = q.sign_start is not None and kind in _SIGNED_KINDS  # a sign before a count is no sign of it
    if negative:
        value = -value
    number_start = q.sign_start if negative else q.start
    before, start = qualifier or (None, number_start)
    if before in lex.recent and kind == "duration":
        before, start = None, number_start  # 近三年来: the last three years, exactly three
    if is_not_a_quantity(text, q, bool(before or q.inner or q.after or negative)) or _names_a_session(text, q):
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


def read_prefixed(text: str, match: re.Match) -> tuple[FigureMatch | None, int]:
    """A number after its unit: 百分之十二点五 (12.5), 千分之三 (0.3, in percent), $20, €2,500.
    A number the wrap parted (百分之八⏎十五) is read whole when its parts make one number;
    otherwise the part before the break is the number (百分之八⏎三是…: 8, and 三是 is read next)."""
    unit = _lexicon().prefix_units[_squeeze(match["per"])]
    number_start = match.end("per")
    for end in _number_ends(text, number_start, match.end()):
        rest = _squeeze(text[number_start:end])
        if len(rest) > 1 and all(char in _CN_DIGITS for char in rest) and _WHITESPACE.search(text, number_start, end):
            continue  # 八⏎三 is no 83: digits read one by one never span a break
        try:
            value = parse_numeral(rest)
        except ValueError:
            if rest not in _MAGNITUDES:
                continue
            value = parse_numeral("一" + rest)  # 百分之百: the whole
        figure = _qualified(text, match.start(), end, value if unit.scale == 1 else _tidy(value * unit.scale), unit.recorded, unit.kind)
        return figure, max(figure.end, end)
    return None, match.end()


def _number_ends(text: str, start: int, end: int) -> list[int]:
    """Where the number in text[start:end] may end: its end, then before each break in it, the
    latest first."""
    breaks = [blank.start() for blank in _WHITESPACE.finditer(text, _skip_space(text, start), end)]
    return [end, *reversed(breaks)]


def read_word(text: str, match: re.Match) -> FigureMatch | None:
    """半成 (5), 对折 (50): a quantity written as a word of quantity_words.tsv."""
    value, unit = _lexicon().words[match["word"]]
    return _qualified(text, match.start(), match.end(), value, unit.recorded, unit.kind)


def _qualified(text: str, number_start: int, number_end: int, value: Decimal, unit: str, kind: str) -> FigureMatch:
    """A figure read whole at text[number_start:number_end], with 约/近 … before it or 以上/左右 … after it."""
    lex = _lexicon()
    after = _match_forward(lex.after, text, _skip_space(text, number_end))
    before, start = read_qualifier_before(text, number_start) or (None, number_start)
    approx = lex.approx[after[0]] if after else lex.approx.get(before)
    end = after[1] if after else number_end
    low, high = _bounds(value, approx)
    return FigureMatch(start, end, value, low, high, approx, unit, kind)


def read_several(text: str, match: re.Match) -> tuple[FigureMatch | None, int]:
    """数百条 (200..900), 上万人 (10000..99999), 几个 and 数项 (2..9), 十几个 (11..19), 二十几人 (21..29)."""
    lex = _lexicon()
    word, magnitude_text = match["several"], match["magnitude"]
    rule = lex.several[word]
    start = match.start()
    tens = None
    if start and text[start - 1] in _CN_NUMERAL:
        if not rule.after_tens:
            return None, match.end()
        tens, start = _tens_before(text, start)  # 二十几: 几 is the ones digit, 1 to 9
        if tens is None:
            return None, match.end()
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
    at = _skip_space(text, match.end())
    found = read_unit(text, at)
    if found is None and rule.bare_units:  # 数月: a unit read only after 数 (3月 is a date)
        word_after = _match_forward(lex.several_units_trie, text, at)
        if word_after:
            unit = lex.several_units[word_after[0]]
            found = unit, unit.recorded, at, word_after[1]
    if found is None and not magnitude_text:
        return None, match.end()
    unit, recorded, _, end = found or (None, None, None, match.end())
    if unit and unit.kind not in ("count", "money", "measure", "duration"):
        return None, match.end()
    if tens is not None:
        low, high = (tens + 1) * value, (tens + 9) * value
    else:
        low, high = rule.low * value, rule.high * value + rule.offset
    return FigureMatch(start, end, None, low, high, "several", recorded, unit.kind if unit else "count"), end


_CN_NUMERAL = frozenset(_CN_DIGITS + _CN_SMALL + _CN_BIG)


def _tens_before(text: str, start: int) -> tuple[Decimal | None, int]:
    """十 / 二十 / 三十 … right before `start` (十几, 二十几): its value and where it starts."""
    begin = start
    while begin and start - begin < 8 and text[begin - 1] in _CN_NUMERAL:
        begin -= 1
    prefix = text[begin:start]
    if prefix[-1] not in "十拾":
        return None, start
    try:
        return parse_numeral(prefix), begin
    except ValueError:
        return None, start


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
        if month is None or _ends_a_span(text, match.start()):
            return None  # 1—7月, 1-2月: a month span (figures.md: not extracted), no date
        day = _read_calendar_part(text, word[1], "day", 31)
        if day is None:
            return _date(match.start(), word[1], f"--{month:02d}"), word[1]
        return _date(match.start(), day[1], f"--{month:02d}-{day[0]:02d}"), day[1]
    return None


def _ends_a_span(text: str, start: int) -> bool:
    """Whether the number at `start` is the second of two joined by a range word (1-2月)."""
    lex = _lexicon()
    sep = _match_backward(lex.range_words_reversed, text, start)
    if not sep:
        return False
    before = sep[1] - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before >= 0 and text[before] in _AFTER_QUANTITY


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
_WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


# --- exclusions ---------------------------------------------------------------------------


_ONE_MEASURES = frozenset(("duration", "measure", "ratio", "money", "percent"))


def is_not_a_quantity(text: str, q: Quantity, qualified: bool) -> bool:
    """figures.md "Not extracted": bare numbers, determiners, section numbers, codes."""
    if q.unit is None and not qualified and (q.chinese or q.multiplier == 1):
        return True  # a bare number: 11 选 10, 回首2024, table cells
    if q.magnitude_only and not qualified:
        return True  # 千万 (the adverb), 百年 as a name
    if q.chinese and q.value == 1 and not qualified and not (q.unit and (q.unit.extra or q.unit.kind in _ONE_MEASURES
                                                                         and q.unit.written not in _lexicon().article_one)):
        return True  # 一个, 一项, 一年 (难忘的一年): the indefinite article; 一小时, 一吨, 一倍 measure one of the unit
    if q.chinese and q.unit and q.unit.written in _lexicon().chinese_ordinal_units and not qualified:
        return True  # 二期工程: a phase, not two of them
    if q.unit and q.unit.kind == "count" and q.multiplier == 1 and q.value != q.value.to_integral_value():
        return True  # 2.2本计划: a section number, since counts of things are whole
    return q.unit is None and q.end < len(text) and bool(_LATIN.match(text, q.end))  # 5G, 15k: a code


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
    """二次会议, 8次主任会议: N次 followed closely by 会议 names a session, it counts none; so
    does N类 near 水质 (劣五类水体, 水质保持二类: a grade of water)."""
    if q.unit is None:
        return False
    lex = _lexicon()
    for words, reach in lex.ordinal_after.get(q.unit.written, ()):
        pos, seen = q.end, 0
        while pos < len(text) and seen <= reach and text[pos] not in _CLAUSE_END:
            if _match_forward(words, text, pos):
                return True
            seen += not text[pos].isspace()
            pos += 1
    for word, reach in lex.grade_before.get(q.unit.written, ()):
        pos, seen = q.start - 1, 0
        while pos >= 0 and seen < reach and text[pos] not in _CLAUSE_END:
            if text.startswith(word, pos):
                return True
            seen += not text[pos].isspace()
            pos -= 1
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
    after_tens: bool = False  # 十几, 二十几: after 十 the word is the ones digit
    bare_units: bool = False  # 数月: the units read only after such a word (several-only in classifiers.tsv)


@dataclass(frozen=True)
class Lexicon:
    number: re.Pattern
    number_start: re.Pattern  # a character that can open `number`
    follow_starts: frozenset  # first characters of what can follow a number and make it a figure
    before_ends: frozenset  # last characters of the qualifiers before a number
    units: dict
    prefix_units: dict  # units written before the number: 千分之 (三), 百分之 (十)
    several_units: dict  # units read only after 数/几: 数月 (3月 is a date)
    several_units_trie: dict
    words: dict  # 半成, 对折: word → (value, unit)
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
    marks: dict  # (含) after a quantity: read over, it changes nothing
    non_figures: dict
    non_figure_exceptions: dict
    non_figure_reach: int
    non_figure_chars: frozenset
    ordinal_before: dict  # reversed trie
    ordinal_after: dict
    chinese_ordinal_units: frozenset  # 二期: with a bare Chinese numeral the unit numbers, it counts nothing
    unit_needs: dict  # unit → trie of the words one of which must follow it (三点意见, not 下午3点)
    not_half: dict  # words that start with 半 after a unit and are no half (3公里半径)
    article_one: frozenset  # units of a measure kind with which 一 is still the article (一年来)
    grade_before: dict  # unit → (word, reach): the word before the number makes N+unit a grade (水质 … 二类)
    places: dict  # place names that begin with a numeral (place_names.tsv): 三台县, 七里河区
    signs: dict  # reversed trie: 负, 零下, - … before a number
    signs_forward: dict
    sign_ends: frozenset  # last characters of the signs
    minus_signs: frozenset  # the signs that are symbols (-, －): a range's dash too
    units_reversed: dict  # reversed trie of the units and calendar words
    range_words_reversed: dict
    compounds: dict  # unit → trie of its smaller units (元 → 角, 分)
    compound_ratios: dict  # unit → smaller unit → (how many make one unit, unit recorded, kind)
    compound_joins: dict  # 又, 零 between the amounts (两美元又三美分, 2年零6个月)


def _case_variants(word: str) -> set[str]:
    variants = {""}
    for ch in word:
        options = {ch.lower(), ch.upper()} if ch.isascii() and ch.isalpha() else {ch}
        variants = {head + option for head in variants for option in options}
    return variants


def _alternation(words, spaced: bool = False) -> str:
    """A regex branch for the words, the longest first; one that matches nothing for none.
    `spaced`: whitespace allowed between a word's characters (a PDF's wrap in 百分⏎之)."""
    glue = r"\s*" if spaced else ""
    return "|".join(glue.join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def _lexicon() -> Lexicon:
    units, prefix_units, several_units = {}, {}, {}
    for row in read_lexicon("classifiers.tsv"):
        written, kind = row[0], row[1]
        recorded = row[2] if len(row) > 2 and row[2] else written
        extra = Decimal(row[3]) if len(row) > 3 and row[3] else Decimal(0)
        scale = Decimal(row[4]) if len(row) > 4 and row[4] else Decimal(1)
        options = row[5].split() if len(row) > 5 else []
        half = not extra and (kind in ("duration", "measure") or "half" in options)
        unit = Unit(written, kind, recorded, extra, scale, "digits" in options, "digit-after" in options, half)
        (prefix_units if "before" in options else several_units if "several-only" in options else units)[written] = unit
    for written, unit in list(units.items()):  # 168 CM, 3.5 KM: Latin units of two letters or more in any case
        if sum(ch.isascii() and ch.isalpha() for ch in written) >= 2:
            for variant in _case_variants(written):
                units.setdefault(variant, replace(unit, written=variant, recorded=variant))
    for written, unit in list(units.items()):  # 120m２ is 120m2: digits of a unit in either width
        wide = written.translate(_WIDE_DIGITS)
        if wide != written:
            units.setdefault(wide, replace(unit, written=wide))
    words = {}
    for row in read_lexicon("currencies.tsv"):
        written, position = row[0], row[1]
        if written not in units and written not in prefix_units:
            (prefix_units if position == "before" else units)[written] = Unit(written, "money", written, Decimal(0))
    for row in read_lexicon("quantity_words.tsv"):
        words[row[0]] = (Decimal(row[1]), units[row[2]])
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
                                        Decimal(values.get("offset", 0)), "alone" in options, "after-tens" in options,
                                        "several-units" in options)
    # 36千米 is 36 km, not 36000 m: a unit that starts like a multiplier wins over it
    units_like_multipliers = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True)
                                      if u[0] in _CN_SMALL + _CN_BIG) or "(?!)"
    several_pattern = _alternation(several)
    non_figures, exceptions = [], {}
    for row in read_lexicon("non_figures.tsv"):
        non_figures.append(row[0])
        if len(row) > 1 and row[1]:
            exceptions[row[0]] = _trie(row[1].split("|"))
    ordinal_before, ordinal_after, chinese_ordinal_units, unit_needs, not_half = [], {}, set(), {}, []
    article_one, grade_before = set(), {}
    for row in read_lexicon("number_contexts.tsv"):
        if row[0] == "before":
            ordinal_before.append(row[1])
        elif row[0] == "after-unit":
            ordinal_after.setdefault(row[1], []).append((_trie([row[2]]), int(row[3])))
        elif row[0] == "chinese-ordinal":
            chinese_ordinal_units.add(row[1])
        elif row[0] == "unit-needs":
            unit_needs[row[1]] = _trie(row[2].split("|"))
        elif row[0] == "not-half":
            not_half += row[1].split("|")
        elif row[0] == "before-unit":
            grade_before.setdefault(row[1], []).append((row[2], int(row[3])))
        elif row[0] == "article-one":
            article_one.update(row[1].split("|"))
    compound_ratios, compound_joins = {}, []
    for row in read_lexicon("compound_units.tsv"):
        if row[0] == "join":
            compound_joins.append(row[1])
            continue
        recorded = row[3] if len(row) > 3 and row[3] else None
        kind = row[4] if len(row) > 4 and row[4] else None
        compound_ratios.setdefault(row[0], {})[row[1]] = (Decimal(row[2]), recorded, kind)
    unit_trie, calendar_trie = _trie(units), _trie(calendar)
    signs = by_position.get("sign", [])
    inner, after = _trie(by_position.get("inner", [])), _trie(by_position.get("after", []))
    range_words = _trie(by_position.get("range", []))
    before = _trie(w[::-1] for w in by_position.get("before", []))
    several_starts = "".join(re.escape(w[0]) for w in several)
    followers = (unit_trie, inner, after, range_words, calendar_trie)  # what read_figure reads after a number
    follow_starts = frozenset(_CN_BIG).union(*map(_starts, followers))
    return Lexicon(
        number=re.compile(_NUMBER_TEMPLATE.replace("@SEVERAL@", several_pattern)
                          .replace("@UNITS_LIKE_MULTIPLIERS@", units_like_multipliers)
                          .replace("@PER@", _alternation(prefix_units, spaced=True)).replace("@WORDS@", _alternation(words))),
        number_start=re.compile(f"[{_DIGITS}{_CN_DIGITS}{_CN_SMALL}{_CN_BIG}{several_starts}"
                                f"{''.join(re.escape(w[0]) for w in (*prefix_units, *words))}]"),
        follow_starts=follow_starts,
        before_ends=_starts(before),
        units=units,
        prefix_units=prefix_units,
        several_units=several_units,
        several_units_trie=_trie(several_units),
        words=words,
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
        marks=_trie(by_position.get("mark", [])),
        non_figures=_trie(non_figures),
        non_figure_exceptions=exceptions,
        non_figure_reach=max((len(w) for w in non_figures), default=0),
        non_figure_chars=frozenset("".join(non_figures)),
        ordinal_before=_trie(w[::-1] for w in ordinal_before),
        ordinal_after=ordinal_after,
        chinese_ordinal_units=frozenset(chinese_ordinal_units),
        unit_needs=unit_needs,
        not_half=_trie(not_half),
        article_one=frozenset(article_one),
        grade_before=grade_before,
        places=_trie(row[0] for row in read_lexicon("place_names.tsv")),
        signs=_trie(w[::-1] for w in signs),
        signs_forward=_trie(signs),
        sign_ends=frozenset(w[-1] for w in signs),
        minus_signs=frozenset(w for w in signs if not any("\u4e00" <= ch <= "\u9fff" for ch in w)),
        units_reversed=_trie(w[::-1] for w in (*units, *calendar)),
        range_words_reversed=_trie(w[::-1] for w in by_position.get("range", [])),
        compounds={unit: _trie(subs) for unit, subs in compound_ratios.items()},
        compound_ratios=compound_ratios,
        compound_joins=_trie(compound_joins),
    )
