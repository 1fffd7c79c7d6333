"""Reading a quantity: the number at a candidate and what follows it (余/多, a multiplier, the unit
with a half or smaller units, a rate denominator, 以上/左右), what stands before it (a qualifier,
a sign), a range's second number, and the figure they make (kind, value, bounds); with the
exclusions of figures.md that look at a quantity (bare numbers, determiners, sessions, grades).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, Inexact, localcontext

from .figure_lexicon import AFTER_QUANTITY, CN_BIG, CN_DIGITS, CN_SMALL, LATIN, LONGEST_NUMBER, MAGNITUDES, FigureMatch, Unit, lexicon
from .numerals import ARABIC_DIGITS, parse_numeral, tidy
from .textmatch import last_before, match_backward, match_forward, skip_space, squeeze

LEADING_ZEROS = re.compile(r"[0０]{2,}|[0０][1-9１-９]")
_CLAUSE_END = set("，,。；;：:！!？?、“”「」()（）《》")


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


def read_pair(text: str, match: re.Match[str], pair: re.Match[str], qualifier: tuple[str, int] | None) -> tuple[FigureMatch | None, int]:
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


def read_quantity(text: str, match: re.Match[str], value: Decimal | None = None) -> Quantity | None:
    """The number at `match` and what follows it: 余/多, multiplier, unit, 以上/左右."""
    core = squeeze(match.group())
    chinese = bool(match["chinese"])
    magnitude_only = False
    if match["arabic"] and LEADING_ZEROS.match(core):
        return None  # "00 万": the tail of a number a page or a wrap cut off, never a figure of its own
    if value is None:
        value, magnitude_only = parse_core(core, chinese)
    if value is None:
        return None
    lex = lexicon()
    multiplier = _trailing_multiplier(core)
    end, inner = match.end(), None
    pos = skip_space(text, end)  # where the next word starts: `end` with whitespace skipped
    for _ in range(2):  # 1300余万 and 22万余: 余 before or after the multiplier
        word = match_forward(lex.inner, text, pos)
        if word and inner is None:
            inner, end = word
        elif pos < len(text) and text[pos] in CN_BIG and multiplier == 1:
            multiplier = parse_numeral("1" + text[pos])
            value, end = value * multiplier, pos + 1
        else:
            break  # nothing read: a second round would read nothing either
        pos = skip_space(text, end)
    unit, unit_text, unit_start = None, None, None
    found = read_unit(text, pos)
    if found:
        unit, unit_text, unit_start, end = found
        pos = skip_space(text, end)
    if pos < len(text) and text[pos] in "(（":
        mark = match_forward(lex.marks, text, pos)  # 50万元(含)以上, 1万(含)-5万元: the bound is included
        if mark:
            end = mark[1]
            pos = skip_space(text, end)
    after = None
    word = match_forward(lex.after, text, pos)
    if word:
        after, end = word
    return Quantity(match.start(), match.end(), end, value, chinese, magnitude_only, multiplier, inner, after, unit, unit_text, unit_start)


def _trailing_multiplier(core: str) -> Decimal:
    """The factor written after the digits: 万 in 3.5万 and 三十万, 千万 in 3千万 (in 三千万 the 千
    belongs to the Chinese number). A range's first end shares it: 3至5万 is 30000..50000."""
    if core[-1:] not in MAGNITUDES:
        return Decimal(1)  # most numbers: nothing after the digits
    body = core.rstrip(CN_BIG)
    tail = core[len(body) :]
    if body and body[-1] in "千仟百佰" and not (len(body) > 1 and body[-2] in CN_DIGITS):
        body, tail = body[:-1], body[-1] + tail
    try:
        return parse_numeral("1" + tail) if tail and body else Decimal(1)
    except ValueError:  # 万万: not a multiplier numerals.py reads
        return Decimal(1)


def parse_core(core: str, chinese: bool) -> tuple[Decimal | None, bool]:
    """The value of a number's characters; (None, _) when they are not one number."""
    if chinese and len(core) > 1 and all(ch in CN_DIGITS for ch in core) and len(core) != 4:
        return None, False  # 一二, 十四五-like strings of digits name things; 二〇二四 is a year
    try:
        return parse_numeral(core), False
    except ValueError:
        pass
    if chinese and core[0] in MAGNITUDES:
        try:  # 千, 百万: read as 一千, 一百万, but only a figure when qualified (近千人)
            return parse_numeral("一" + core), True
        except ValueError:
            pass
    return None, False


def read_unit(text: str, pos: int) -> tuple[Unit, str, int, int] | None:
    """The unit at `pos`: the longest lexicon unit, unless a non-unit word starts there, with a
    rate denominator (元/月) or an alternative in brackets (只(头)) added."""
    lex = lexicon()
    word = match_forward(lex.unit_trie, text, pos)
    if not word:
        return None
    if word[0][-1] in _ASCII_ALNUM and word[1] < len(text) and text[word[1]] in _ASCII_ALNUM:
        return None  # 10MWp, 5Gbit: a Latin unit runs into no other letter
    blocker = match_forward(lex.not_units, text, pos)
    if blocker and blocker[1] > word[1]:
        return None
    needs = lex.unit_needs.get(word[0])
    if needs and not match_forward(needs, text, skip_space(text, word[1])):
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
        per = match_forward(lex.unit_trie, text, end + 1) or match_forward(lex.calendar_trie, text, end + 1)
        if per:
            recorded, end = recorded + "/" + per[0], per[1]
            unit = replace(unit, kind="measure")
    elif end < len(text) and text[end] in "(（":
        inside = match_forward(lex.unit_trie, text, end + 1)
        if inside and inside[1] < len(text) and text[inside[1]] in ")）":
            recorded, end = recorded + squeeze(text[word[1] : inside[1] + 1]), inside[1] + 1
    return unit, recorded, pos, end


_AFTER_UNIT = frozenset("半又零" + ARABIC_DIGITS + CN_DIGITS + CN_SMALL)  # what _read_smaller_units and
# _read_fraction_of_unit can read after a unit (三斤半, 七成六, 5元3角, 两美元又三美分, 2年零6个月)
_ASCII_ALNUM = frozenset(ARABIC_DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_TENTHS = "一二三四五六七八九"
_NUMERAL_CHARS = frozenset(ARABIC_DIGITS + "点點.．" + CN_DIGITS + MAGNITUDES)


def _read_fraction_of_unit(text: str, unit: Unit, end: int) -> tuple[Unit, int]:
    """半 after the unit (三斤半, 三成半: a half more), or for 成 a digit of tenths (七成六: 7.6成)."""
    pos = skip_space(text, end)
    if pos >= len(text):
        return unit, end
    ch = text[pos]
    if ch == "半" and unit.half and not match_forward(lexicon().not_half, text, pos):
        return replace(unit, extra=unit.extra + Decimal("0.5"), half=False), pos + 1
    if unit.digit_after and ch in _TENTHS:
        following = skip_space(text, pos + 1)
        if following >= len(text) or text[following] not in _NUMERAL_CHARS:
            return replace(unit, extra=unit.extra + parse_numeral(ch) / 10, digit_after=False), pos + 1
    return unit, end


def _read_smaller_units(text: str, unit: Unit, end: int) -> tuple[Unit, int]:
    """5元3角, 2元5角8分, 两美元又三美分, 1小时30分钟, 2年零6个月: amounts of smaller units after
    the unit join it, in the larger unit (5.3元, 1.5小时), each smaller than the one before and below
    one of it, and only while the sum is an exact decimal (1小时20分钟 stays two figures)."""
    lex = lexicon()
    smaller, joins = lex.compounds[unit.written], lex.compound_joins
    extra, last, pos, joined = Decimal(0), Decimal(1), end, None
    while True:
        at = skip_space(text, pos)
        if at >= len(text) or text[at] not in _AFTER_UNIT:
            break
        join = match_forward(joins, text, at)
        match = lex.number.match(text, skip_space(text, join[1]) if join else at)
        if not match or not (match["arabic"] or match["chinese"]) or match.end() - match.start() > LONGEST_NUMBER:
            break
        sub_at = skip_space(text, match.end())
        sub = match_forward(smaller, text, sub_at)
        if not sub:
            break
        longer = match_forward(lex.unit_trie, text, sub_at)
        if longer and longer[1] > sub[1]:
            break  # 5元3分钟: 分钟 is no 分
        ratio, recorded, kind = lex.compound_ratios[unit.written][sub[0]]
        try:
            amount = parse_numeral(squeeze(match.group()))
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
    return replace(
        unit, extra=unit.extra + extra, recorded=recorded or unit.recorded, kind=kind or unit.kind, half=False, digit_after=False
    ), pos


def _unit_value(value: Decimal, unit: Unit | None, multiplier: Decimal, extra: Decimal | None = None) -> Decimal:
    """The figure's value from the number's and the unit's: 三成半 is (3 + 0.5) × 10 percent, 八五折
    and 85折 are 8.5 × 10 percent (a two-digit number before 折 is read digit by digit)."""
    if unit is None:
        return value
    if unit.digits and multiplier == 1 and 10 <= value < 100 and value == value.to_integral_value():
        value /= 10
    value += unit.extra if extra is None else extra
    return value if unit.scale == 1 else tidy(value * unit.scale)


_SIGNED_KINDS = frozenset(("measure", "percent", "money", "ratio"))  # a count or a duration has no sign


def read_sign(text: str, start: int) -> int | None:
    """Where a sign right before the number starts: 负 / 零下 (负0.2千米, 零下5度), or a minus
    (-5℃, 下降-3.2%) unless it stands between two quantities (1-2月, 3个-5个, 30%-50%: a range)."""
    lex = lexicon()
    found = match_backward(lex.signs, text, start)
    if not found:
        return None
    word, at = found
    if word in lex.minus_signs:
        before = last_before(text, at)
        if before >= 0 and (text[before] in AFTER_QUANTITY or LATIN.match(text, before)):
            return None  # 1-2, G-5, 30%-50%, (2024)-3
        unit = match_backward(lex.units_reversed, text, before + 1) if before >= 0 else None
        if unit and unit[1] > 0 and text[unit[1] - 1] in AFTER_QUANTITY:
            return None  # 5名-10名: a range of two quantities
    return at


def read_qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """超 / 近 / 约 / 不少于 … right before the number (whitespace between allowed), with where
    it starts."""
    lex = lexicon()
    found = match_backward(lex.before, text, start)
    return found if found and lex.approx[found[0]] != "-" else None


def read_range_end(text: str, left: Quantity) -> Quantity | None:
    """The second number of a range (5名~10名, 2至3年, 35—65人, 1991-2010年), if one follows."""
    if left.inner or left.after:
        return None
    lex = lexicon()
    sep = match_forward(lex.range_words, text, skip_space(text, left.end))
    if not sep:
        return None
    at = skip_space(text, sep[1])
    sign = match_forward(lex.signs_forward, text, at)  # -3℃至-1℃
    match = lex.number.match(text, skip_space(text, sign[1]) if sign else at)
    if not match or not (match["arabic"] or match["chinese"]):
        return None
    right = read_quantity(text, match)
    if right is None or right.inner or right.magnitude_only:
        return None
    if sign:
        right.sign_start = at
    word = match_forward(lex.calendar_trie, text, skip_space(text, match.end()))
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
    left_core, right_core = squeeze(text[left.start : left.number_end]), squeeze(text[right.start : right.number_end])
    first_digit = parse_numeral(right_core[0]) if right_core[0] not in MAGNITUDES else 0
    if len(left_core) == 1 and first_digit and right_core[1:].strip(MAGNITUDES) == "" and len(right_core) > 1:
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
    lex = lexicon()
    unit = q.unit
    kind = unit.kind if unit else "count"
    # most figures: the number is the value
    value = q.value if unit is None or unit.scale == 1 and not unit.digits and not unit.extra else _unit_value(q.value, unit, q.multiplier)
    negative = q.sign_start is not None and kind in _SIGNED_KINDS  # a sign before a count is no sign of it
    if negative:
        value = -value
    number_start = q.sign_start if negative and q.sign_start is not None else q.start
    before, start = qualifier or (None, number_start)
    if before in lex.recent and kind == "duration":
        before, start = None, number_start  # 近三年来: the last three years, exactly three
    if is_not_a_quantity(text, q, bool(before or q.inner or q.after or negative)) or _names_a_session(text, q):
        return None
    approx = lex.approx.get(q.inner) or lex.approx.get(before) or lex.approx.get(q.after)
    low, high = bounds(value, approx)
    return FigureMatch(start, q.end, value, low, high, approx, q.unit_text, kind)


def bounds(value: Decimal, approx: str | None) -> tuple[Decimal | None, Decimal | None]:
    if approx is None:
        return value, value
    if approx == "more_than":  # high = value + 10^k at the last non-zero digit's place
        if not value:
            return value, None
        exponent = value.normalize().as_tuple().exponent
        assert isinstance(exponent, int)  # a finite value: only NaN and infinity have a letter there
        return value, value + Decimal(10) ** exponent
    if approx in ("over", "at_least"):
        return value, None
    if approx in ("at_most", "nearly"):
        return None, value
    return None, None


def _is_year(q: Quantity) -> bool:
    return q.multiplier == 1 and q.value == int(q.value) and 1000 <= q.value <= 2999


# --- exclusions ---------------------------------------------------------------------------


_ONE_MEASURES = frozenset(("duration", "measure", "ratio", "money", "percent"))


def is_not_a_quantity(text: str, q: Quantity, qualified: bool) -> bool:
    """figures.md "Not extracted": bare numbers, determiners, section numbers, codes."""
    if q.unit is None and not qualified and (q.chinese or q.multiplier == 1):
        return True  # a bare number: 11 选 10, 回首2024, table cells
    if q.magnitude_only and not qualified:
        return True  # 千万 (the adverb), 百年 as a name
    if (
        q.chinese
        and q.value == 1
        and not qualified
        and not (q.unit and (q.unit.extra or q.unit.kind in _ONE_MEASURES and q.unit.written not in lexicon().article_one))
    ):
        return True  # 一个, 一项, 一年 (难忘的一年): the indefinite article; 一小时, 一吨, 一倍 measure one of the unit
    if q.chinese and q.unit and q.unit.written in lexicon().chinese_ordinal_units and not qualified:
        return True  # 二期工程: a phase, not two of them
    if q.unit and q.unit.kind == "count" and q.multiplier == 1 and q.value != q.value.to_integral_value():
        return True  # 2.2本计划: a section number, since counts of things are whole
    return q.unit is None and q.end < len(text) and bool(LATIN.match(text, q.end))  # 5G, 15k: a code


def _names_a_session(text: str, q: Quantity) -> bool:
    """二次会议, 8次主任会议: N次 followed closely by 会议 names a session, it counts none; so
    does N类 near 水质 (劣五类水体, 水质保持二类: a grade of water)."""
    if q.unit is None:
        return False
    lex = lexicon()
    for words, reach in lex.ordinal_after.get(q.unit.written, ()):
        pos, seen = q.end, 0
        while pos < len(text) and seen <= reach and text[pos] not in _CLAUSE_END:
            if match_forward(words, text, pos):
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
