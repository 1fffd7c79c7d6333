"""Exact values of numbers as bulletins write them: Arabic, Chinese, financial and mixed forms.

`parse_numeral("1.2万")` is `Decimal(12000)`, `parse_numeral("一亿二千万")` is `Decimal(120000000)`.
Values are `Decimal` and never pass through float, so 1.2万 is exactly 12000. The accepted
language follows cn2an's strict, normal and smart modes (its test table is checked in the tests),
so a numeral that cn2an rejects as malformed ("百十一", "十一十二", "10.1万零100") is rejected here.
Callers strip whitespace first; percents go through `parse_percent`.
"""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException, Inexact, localcontext
from functools import lru_cache

# The characters of the language. Digits include the financial (壹贰…) and traditional forms,
# 幺 (1, as read aloud) and 两 (2, before a unit). 廿/卅 are spelled out before parsing.
DIGIT_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "貳": 2,
    "叁": 3,
    "參": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "陸": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
ABBREVIATIONS = {"廿": "二十", "卅": "三十"}
DECIMAL_POINTS = "点點."
NEGATIVE_SIGNS = ("负", "負", "-", "−")

# Shared with the figure reader: the digits a number is written in, Arabic (half and full width)
# and Chinese (with ○, which PDFs and typists put for 〇), and full-width forms made plain.
ARABIC_DIGITS = "0123456789０１２３４５６７８９"
CHINESE_DIGITS = "零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
TO_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")
_DIGIT_CLASS = "0-9" + "".join(DIGIT_VALUES)
_SMALL_CLASS, _WAN_CLASS, _YI_CLASS = "".join(SMALL_UNITS), "万萬", "亿億"
# 壹拾壹元壹角壹分, 壹佰壹拾壹圆整: a money amount in yuan, read as the number of yuan.
_MONEY = re.compile(rf"(?P<yuan>.+?)[元圆圓](?:(?P<jiao>[{_DIGIT_CLASS}])角|零)?(?:(?P<fen>[{_DIGIT_CLASS}])分)?[整正]?")
# The part after a decimal point: digits, then at most one multiplier such as 万, 亿 or 千万亿.
_FRACTION = re.compile(rf"(?P<digits>[{_DIGIT_CLASS}]+)(?P<multiplier>[{_SMALL_CLASS}]?[{_WAN_CLASS}]?[{_YI_CLASS}]?)")
_GROUPED_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_ZERO = ("zero", 0)
_PLAIN = re.compile(r"(?P<digits>[1-9][0-9]*(?:\.[0-9]+)?|0\.[0-9]+)(?P<multiplier>[万亿]?)")


@lru_cache(maxsize=8192)  # bulletins repeat the same few numbers; Decimals are immutable
def parse_numeral(text: str) -> Decimal:
    """The exact value of a number as written in a bulletin; ValueError if it is not one."""
    if text.isascii() and text.isdigit() and (text[0] != "0" or len(text) == 1):
        return Decimal(text)  # most numbers (12, 2024): no grammar to read, and exact as they are
    plain = _PLAIN.fullmatch(text)
    if plain:  # 13.2, 8103万, 1.5亿: digits exact as written, times their multiplier
        with localcontext() as context:
            context.prec = 200
            return tidy(Decimal(plain["digits"]) * BIG_UNITS.get(plain["multiplier"], 1))
    text = text.translate(TO_HALF_WIDTH)
    for short, spelled in ABBREVIATIONS.items():
        text = text.replace(short, spelled)
    negative = text.startswith(NEGATIVE_SIGNS)
    if negative:
        text = text[1:]
    # A local context so that no arithmetic can round silently: an inexact step is an error.
    with localcontext() as context:
        context.prec = 200
        context.traps[Inexact] = True
        try:
            money = _MONEY.fullmatch(text)
            if money:
                value = _parse_unsigned(money["yuan"])
                value += Decimal(_digit_value(money["jiao"] or "0")) / 10
                value += Decimal(_digit_value(money["fen"] or "0")) / 100
            else:
                value = _parse_unsigned(text)
            return tidy(-value if negative else value)
        except DecimalException as error:
            raise ValueError(f"not an exact number: {text!r}") from error


def parse_percent(text: str) -> Decimal:
    """The number of a percentage, in percent: 百分之十二点五 and 12.5% both give 12.5;
    百分之百 (a bare 百, which no other numeral is) gives 100."""
    text = text.translate(TO_HALF_WIDTH)
    if text.startswith("百分之"):
        rest = text[len("百分之") :]
        return Decimal(100) if rest in ("百", "佰") else parse_numeral(rest)
    if text.endswith("%"):
        return parse_numeral(text[:-1])
    raise ValueError(f"not a percentage: {text!r}")


def tidy(value: Decimal) -> Decimal:
    """Integral values at exponent 0 (12000, not 1.2E+4), others without trailing zeros."""
    if not value:
        return Decimal(0)  # also turns 负零 (-0) into 0
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _digit_value(char: str) -> int:
    return int(char) if "0" <= char <= "9" else DIGIT_VALUES[char]


def _parse_unsigned(text: str) -> Decimal:
    """A number with at most one decimal point, and after it digits and an optional multiplier."""
    parts = re.split(f"[{DECIMAL_POINTS}]", text)
    if len(parts) == 1:
        return Decimal(_parse_integer(text))
    if len(parts) > 2:
        raise ValueError(f"more than one decimal point: {text!r}")
    whole, fraction = parts
    match = _FRACTION.fullmatch(fraction)
    if not whole or not match:
        raise ValueError(f"malformed decimal: {text!r}")
    multiplier = 1
    for unit in match["multiplier"]:
        multiplier *= SMALL_UNITS.get(unit) or BIG_UNITS[unit]
    if multiplier != 1 and any(char in BIG_UNITS for char in whole):
        raise ValueError(f"two multipliers around a decimal point: {text!r}")
    fraction_value = Decimal("0." + "".join(str(_digit_value(char)) for char in match["digits"]))
    return (_parse_integer(whole) + fraction_value) * multiplier


def _parse_integer(text: str) -> int:
    """Arabic digits, Chinese digits read one by one (一二三, 二〇〇二), or a numeral with units."""
    for run in re.findall(r"[0-9,]*,[0-9,]*", text):
        if not _GROUPED_THOUSANDS.fullmatch(run):
            raise ValueError(f"misplaced thousands separator: {text!r}")
    text = text.replace(",", "")
    if re.fullmatch("[0-9]+", text):
        return int(text)
    if text and all(char in DIGIT_VALUES for char in text):
        return int("".join(str(DIGIT_VALUES[char]) for char in text))
    return _parse_big_units(_tokens(text), [10**8, 10**4], at_start=True)


def _tokens(text: str) -> list[tuple[str, int]]:
    """(kind, value) pairs. One Arabic digit acts like a Chinese digit (1百 is 一百, 三万5 is 三万五);
    a longer run of Arabic digits is a literal value (200亿零四千230, 1万600)."""
    tokens = []
    for piece in re.findall("[0-9]+|.", text):
        if len(piece) > 1:
            tokens.append(("run", int(piece)))
        elif piece.isascii() and piece.isdigit() or piece in DIGIT_VALUES:
            value = _digit_value(piece)
            tokens.append(("digit", value) if value else _ZERO)
        elif piece in SMALL_UNITS:
            tokens.append(("unit", SMALL_UNITS[piece]))
        elif piece in BIG_UNITS:
            tokens.append(("big", BIG_UNITS[piece]))
        else:
            raise ValueError(f"not a numeral: {text!r}")
    return tokens


def _parse_big_units(tokens: list[tuple[str, int]], bigs: list[int], at_start: bool) -> int:
    """Split at 亿, then at 万: 一千零一万一千零一 is 一千零一 × 万 + 一千零一."""
    if len(tokens) == 1 and tokens[0][0] == "run":
        return tokens[0][1]
    if not bigs:
        return _parse_thousands(tokens, at_start)
    big, smaller = bigs[0], bigs[1:]
    positions = [index for index, token in enumerate(tokens) if token == ("big", big)]
    if not positions:
        return _parse_big_units(tokens, smaller, at_start)
    if len(positions) > 1:
        raise ValueError("a large unit repeated")
    head, tail = tokens[: positions[0]], tokens[positions[0] + 1 :]
    if not head:
        raise ValueError("a large unit with no number before it")
    value = _parse_big_units(head, smaller, at_start) * big
    if not tail:
        return value
    after_zero = tail[0] == _ZERO
    if after_zero:
        tail = tail[1:]
        if not tail:
            raise ValueError("a numeral ending in 零")
    elif len(tail) == 1 and tail[0][0] == "digit":
        return value + tail[0][1] * big // 10  # 三万五 is 35000, 一亿五 is 150000000
    rest = _parse_big_units(tail, smaller, at_start=False)
    if rest >= big:
        raise ValueError("a part after a large unit is not smaller than it")
    return value + rest


def _parse_thousands(tokens: list[tuple[str, int]], at_start: bool) -> int:
    """A value below 10000 from digits, 十百千 and 零; units must fall (十一十二 is no numeral)."""
    if not tokens:
        raise ValueError("an empty numeral")
    total, place, pending, after_zero = 0, 10**4, None, False
    for index, (kind, value) in enumerate(tokens):
        if kind == "digit":
            if pending is not None:
                raise ValueError("two digits in a row inside a numeral with units")
            pending = value
        elif kind == "zero":
            if pending is not None:
                raise ValueError("a digit followed by 零")
            after_zero = True
        elif kind == "unit":
            if value >= place:
                raise ValueError("units out of order")
            if pending is None and at_start and index == 0 and value != 10:
                raise ValueError("a numeral starting with 百 or 千")  # 十一 yes, 百十一 no
            total += (1 if pending is None else pending) * value
            place, pending, after_zero = value, None, False
        elif kind == "run" and index == len(tokens) - 1 and pending is None and value < place:
            return total + value  # 1百01 is 101
        else:
            raise ValueError("a misplaced number inside a numeral with units")
    if pending is not None:
        # 两千六 is 2600 and 一百二 is 120; after 零 or 十 a digit counts ones.
        return total + (pending if after_zero or place in (10, 10**4) else pending * place // 10)
    if after_zero:
        raise ValueError("a numeral ending in 零")
    return total
