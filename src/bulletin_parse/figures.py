"""Find the figures of a bulletin: "收集意见建议 1300 余条" → 1300..1400 条, more_than.

What a figure is, and how it is recorded, is `../shared/spec/figures.md`. The text is the raw
source: PDF extraction breaks lines every ~30 characters and puts spaces around digits, so every
step below reads through whitespace ("超\\n\\n100 万", "27\\n\\n个") and a figure's span covers the
break. One pipeline, left to right:

1. find a candidate number (`lexicon().number`): Arabic, Chinese, a number after its unit (百分之…,
   千分之…, $20, €15), a quantity word (半成, 对折), or 数/几/上 + magnitude;
2. read it as a calendar point when 年/月/日 follow (`read_calendar`), else read what follows it:
   余/多, a multiplier, the unit with a half or smaller units after it (三斤半, 5元3角, 1小时30分钟),
   a rate denominator, 以上/左右 … (`read_quantity`), and what stands before it: 超, 近, 约 …
   (`read_qualifier_before`), a sign (负, 零下, -: `read_sign`); join two quantities into a range;
3. decide kind, value (a percent in percent: 七成 → 70, 八五折 → 85) and bounds (`make_figure`);
4. drop what figures.md does not extract: bare numbers and determiners (`is_not_a_quantity`),
   sessions (二次会议) and grades (二类水质), ordinals and names (`is_ordinal_or_name`), place
   names that begin with a numeral (三台县), document numbers and URLs.

This module runs the pipeline and reads the special forms (a number after its unit, a quantity
word, 数/几 + magnitude), the masks (URLs, document numbers) and the quotes. The rest is in:

- `figure_lexicon`: `FigureMatch`, the grammar of numbers (character classes, the candidate-number
  regex) and the lexicons it is compiled with (`lexicon()`);
- `quantities`: reading a quantity, ranges, kind and bounds, and the exclusions of step 4 that
  look at a quantity (`is_not_a_quantity`, sessions and grades);
- `calendar`: years and dates (`read_calendar`);
- `textmatch`: tries of words, matched forward or backward through whitespace.

The words (units, currencies, qualifiers, smaller units, place names, names that only contain a
numeral) are lexicon data in `lexicons/`; the code holds the grammar of numbers only. Every regex
is linear: a repetition inside another is only of the blanks between digits (79 00, 1,2 40), which
no other repetition can also take; other whitespace is skipped by hand.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import TypeAlias

from .calendar import read_calendar
from .figure_lexicon import CN_BIG, CN_DIGITS, CN_SMALL, LATIN, LONGEST_NUMBER, MAGNITUDES, FigureMatch, Lexicon, lexicon
from .lexicon import to_simplified
from .numerals import parse_numeral, tidy
from .quantities import (
    bounds,
    make_figure,
    make_range,
    parse_core,
    read_pair,
    read_qualifier_before,
    read_quantity,
    read_range_end,
    read_sign,
    read_unit,
)
from .textmatch import WHITESPACE, last_before, match_backward, match_forward, skip_space, squeeze

EXACT_DIGITS = 200  # Decimal precision for values: far more than LONGEST_NUMBER times a 亿亿 multiplier
_PAIR = re.compile(rf"(?P<low>[{CN_DIGITS}])(?P<high>[{CN_DIGITS}])(?P<units>[{CN_SMALL}{CN_BIG}]*)")
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
    lex = lexicon()
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
# a figure as _read_window gives it: FigureMatch's fields from start to iso, the offsets in the window
_Reading: TypeAlias = tuple[int, int, Decimal | None, Decimal | None, Decimal | None, str | None, str | None, str, str | None]


@lru_cache(maxsize=4096)
def _read_window(window: str, at: int) -> tuple[_Reading | None, int]:
    """`read_figure` for the candidate number at `window[at:]`, with the exclusions that look
    around it: the figure's fields with offsets in the window (None for no figure), and where
    reading stopped."""
    match = lexicon().number.match(window, at)
    assert match is not None  # the candidate matched there in the text, and the window holds all of it
    figure, end = read_figure(window, match)
    if figure is None or is_ordinal_or_name(window, figure.start):
        return None, end
    unit = to_simplified(figure.unit) if figure.unit else None  # contract 1.1: 個 → 个; the span keeps the source's
    return (figure.start, figure.end, figure.value, figure.low, figure.high, figure.approx, unit, figure.kind, figure.iso), end


def _find_number(lex: Lexicon, text: str, pos: int) -> re.Match[str] | None:
    """`lex.number.search(text, pos)`, but only tried where a number can start: re cannot skip
    ahead by itself through a pattern whose branches open with groups, and most text is no number."""
    while start := lex.number_start.search(text, pos):
        match = lex.number.match(text, start.start())
        if match:
            return match
        pos = start.start() + 1
    return None


def _is_bare(lex: Lexicon, text: str, match: re.Match[str]) -> bool:
    """Whether `read_figure` would surely give (None, match.end()) for the candidate: nothing
    that makes a number a figure (unit, 余, 万, 以上, 年, a range, 超/近 …) touches it, and it is
    not one by itself (a Chinese number, Arabic digits without 万, 数/几 without 百/千).
    The common non-figures (一 in 统一, table cells) so cost no full read. A new kind of word that
    read_figure looks for after or before a number belongs in `follow_starts` / `before_ends`."""
    after = skip_space(text, match.end())
    if after < len(text) and text[after] in lex.follow_starts:
        return False  # most figures: a unit follows
    before = last_before(text, match.start())
    if before >= 0 and text[before] in lex.before_ends:
        return False
    if match["prefixed"] or match["word"] or (match["several"] and match["magnitude"]):
        return False
    return not (match["arabic"] and match.group()[-1] in MAGNITUDES)  # 3万 alone is a figure


def read_figure(text: str, match: re.Match[str]) -> tuple[FigureMatch | None, int]:
    """The figure that starts with the candidate number `match`, and where reading stopped."""
    start, lex = match.start(), lexicon()
    if match.end() - start > LONGEST_NUMBER:
        return None, match.end()  # a run of digits no bulletin writes as a quantity (an ID, a hash)
    if not match["arabic"]:
        if match["prefixed"]:
            return read_prefixed(text, match)
        if match["word"]:
            return read_word(text, match), match.end()
        if match["several"]:
            return read_several(text, match)
        place = match_forward(lex.places, text, start)
        if place:
            return None, max(place[1], match.end())  # 三台县, 七里河区: a place name, no 3 台 or 7 里
    if start and LATIN.match(text, start - 1):
        return None, match.end()  # G60, A4: a code, not a number
    if text.startswith("分之", skip_space(text, match.end())):
        return None, match.end()  # 不少于五分之一: a fraction (figures.md), the 五 counts nothing
    sign = read_sign(text, start) if start and (text[start - 1] in lex.sign_ends or text[start - 1].isspace()) else None
    qualifier = read_qualifier_before(text, match.start() if sign is None else sign)
    if qualifier is None and sign is None:
        calendar = read_calendar(text, match)
        if calendar is not None:
            return calendar
    pair = _PAIR.fullmatch(squeeze(match.group())) if match["chinese"] and sign is None else None
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


# --- special forms: percent, quantity words, several ---------------------------------------


def read_prefixed(text: str, match: re.Match[str]) -> tuple[FigureMatch | None, int]:
    """A number after its unit: 百分之十二点五 (12.5), 千分之三 (0.3, in percent), $20, €2,500.
    A number the wrap parted (百分之八⏎十五) is read whole when its parts make one number;
    otherwise the part before the break is the number (百分之八⏎三是…: 8, and 三是 is read next)."""
    unit = lexicon().prefix_units[squeeze(match["per"])]
    number_start = match.end("per")
    for end in _number_ends(text, number_start, match.end()):
        rest = squeeze(text[number_start:end])
        if len(rest) > 1 and all(char in CN_DIGITS for char in rest) and WHITESPACE.search(text, number_start, end):
            continue  # 八⏎三 is no 83: digits read one by one never span a break
        try:
            value = parse_numeral(rest)
        except ValueError:
            if len(rest) != 1 or rest not in MAGNITUDES:
                continue  # 万萬 is no number (a string of magnitudes, not one)
            value = parse_numeral("一" + rest)  # 百分之百: the whole
        figure = _qualified(text, match.start(), end, value if unit.scale == 1 else tidy(value * unit.scale), unit.recorded, unit.kind)
        return figure, max(figure.end, end)
    return None, match.end()


def _number_ends(text: str, start: int, end: int) -> list[int]:
    """Where the number in text[start:end] may end: its end, then before each break in it, the
    latest first."""
    breaks = [blank.start() for blank in WHITESPACE.finditer(text, skip_space(text, start), end)]
    return [end, *reversed(breaks)]


def read_word(text: str, match: re.Match[str]) -> FigureMatch | None:
    """半成 (5), 对折 (50): a quantity written as a word of quantity_words.tsv."""
    value, unit = lexicon().words[match["word"]]
    return _qualified(text, match.start(), match.end(), value, unit.recorded, unit.kind)


def _qualified(text: str, number_start: int, number_end: int, value: Decimal, unit: str, kind: str) -> FigureMatch:
    """A figure read whole at text[number_start:number_end], with 约/近 … before it or 以上/左右 … after it."""
    lex = lexicon()
    after = match_forward(lex.after, text, skip_space(text, number_end))
    before, start = read_qualifier_before(text, number_start) or (None, number_start)
    approx = lex.approx[after[0]] if after else lex.approx.get(before)
    end = after[1] if after else number_end
    low, high = bounds(value, approx)
    return FigureMatch(start, end, value, low, high, approx, unit, kind)


def read_several(text: str, match: re.Match[str]) -> tuple[FigureMatch | None, int]:
    """数百条 (200..900), 上万人 (10000..99999), 几个 and 数项 (2..9), 十几个 (11..19), 二十几人 (21..29)."""
    lex = lexicon()
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
    at = skip_space(text, match.end())
    found = read_unit(text, at)
    if found is None and rule.bare_units:  # 数月: a unit read only after 数 (3月 is a date)
        word_after = match_forward(lex.several_units_trie, text, at)
        if word_after:
            several_unit = lex.several_units[word_after[0]]
            found = several_unit, several_unit.recorded, at, word_after[1]
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


_CN_NUMERAL = frozenset(CN_DIGITS + CN_SMALL + CN_BIG)


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


# --- exclusions around a figure --------------------------------------------------------------


def is_ordinal_or_name(text: str, start: int) -> bool:
    """第一批, 三分之二 (a word before the number), or a name or determiner of non_figures.tsv
    that covers the figure's first character (三个代表, “十四五”, 成千上万)."""
    lex = lexicon()
    if match_backward(lex.ordinal_before, text, start):
        return True
    if text[start] not in lex.non_figure_chars:
        return False  # a word covering `start` has its character: 2024, 超 are in none
    pos, steps = start, 0
    while pos >= 0 and steps < lex.non_figure_reach:
        if text[pos] in lex.non_figures:  # a word of the trie starts here
            word = match_forward(lex.non_figures, text, pos)
            if word and word[1] > start:
                exceptions = lex.non_figure_exceptions.get(word[0])
                if not (exceptions and match_forward(exceptions, text, skip_space(text, word[1]))):
                    return True
        if not text[pos].isspace():
            steps += 1
        pos -= 1
    return False


# --- masks (URLs, e-mail, document numbers) and quotes ----------------------------------------


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


def _trim_url(text: str, m: re.Match[str]) -> int:
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
