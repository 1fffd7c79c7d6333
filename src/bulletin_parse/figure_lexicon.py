"""The grammar of numbers and the lexicons it reads, compiled once: what a figure is (`FigureMatch`),
the character classes of numerals, the candidate-number regex (`lexicon().number`) and the words
of `lexicons/` (units, currencies, qualifiers, smaller units, place names, names that only contain
a numeral) in the tries that `textmatch` reads.

Every regex here is linear: a repetition inside another is only of the blanks between digits
(79 00, 1,2 40), which no other repetition can also take; other whitespace is skipped by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from .lexicon import read_lexicon
from .numerals import ARABIC_DIGITS, CHINESE_DIGITS
from .textmatch import Trie, make_trie, trie_starts


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

DIGITS = "0-9０-９"
CN_DIGITS = CHINESE_DIGITS
CN_SMALL = "十拾百佰千仟"
CN_BIG = "万萬亿億"
MAGNITUDES = CN_SMALL + CN_BIG
_D = f"[{DIGITS}]"
_ARABIC = (
    # digit groups parted only by blanks or a wrap are one number: PDF extraction split them (79 00 万),
    # also inside a thousands group (1,2 40) and after a decimal point (1.3 6亿)
    # (possessive runs: nothing after them can fail, and `re` would keep a state per group for
    # backtracking: 1 MB of "1 1 1 …" held 150 MB)
    rf"(?:{_D}(?:\s*{_D}){{0,2}}(?:[,，]{_D}\s*{_D}\s*{_D}(?!{_D}))+|{_D}++(?:\s+{_D}++)*+)"
    rf"(?:[.．](?:{_D}++(?:\s+{_D}++)*+|[{CN_DIGITS}]+))?"  # 1.五万: some converters spell decimals in Chinese
)
_CN_RUN = rf"[{CN_DIGITS}{CN_SMALL}{CN_BIG}]++(?:\s+[{CN_DIGITS}{CN_SMALL}{CN_BIG}]++)*+"
_NUMBER_TEMPLATE = (  # Arabic first: most candidates are, and no other branch starts with a digit
    rf"(?P<arabic>{_ARABIC}(?:(?!@UNITS_LIKE_MULTIPLIERS@)[千仟百佰])?(?:\s*[{CN_BIG}]{{1,2}})?)"
    # a number after its unit; a PDF's wrap may part the unit or the Chinese numeral (百分之八⏎十五)
    rf"|(?P<prefixed>(?P<per>@PER@)\s*(?:{_ARABIC}(?:\s*[{CN_BIG}]{{1,2}})?"
    rf"|{_CN_RUN}(?:\s*[点點]\s*{_CN_RUN})?))"
    rf"|(?P<word>@WORDS@)"
    rf"|(?P<several>@SEVERAL@)\s*(?P<magnitude>[{CN_SMALL}{CN_BIG}]*)"
    rf"|(?P<chinese>[{CN_DIGITS}{CN_SMALL}{CN_BIG}]+)"
)
LONGEST_NUMBER = 40  # characters, whitespace included: 233,333,333,434.34 has 18
LATIN = re.compile("[A-Za-z]")
# what a quantity can end with: a dash after one joins a range (1-2月, 30%-50%), it is no minus
AFTER_QUANTITY = frozenset(ARABIC_DIGITS + "%％‰)）]】" + CN_DIGITS + MAGNITUDES)
_WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


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
    number: re.Pattern[str]
    number_start: re.Pattern[str]  # a character that can open `number`
    follow_starts: frozenset[str]  # first characters of what can follow a number and make it a figure
    before_ends: frozenset[str]  # last characters of the qualifiers before a number
    units: dict[str, Unit]
    prefix_units: dict[str, Unit]  # units written before the number: 千分之 (三), 百分之 (十)
    several_units: dict[str, Unit]  # units read only after 数/几: 数月 (3月 is a date)
    several_units_trie: Trie
    words: dict[str, tuple[Decimal, Unit]]  # 半成, 对折: word → (value, unit)
    unit_trie: Trie
    not_units: Trie
    calendar: dict[str, str]
    calendar_trie: Trie
    approx: dict[str | None, str]
    before: Trie  # reversed trie
    recent: frozenset[str]
    inner: Trie
    after: Trie
    several: dict[str, SeveralRule]
    range_words: Trie
    marks: Trie  # (含) after a quantity: read over, it changes nothing
    non_figures: Trie
    non_figure_exceptions: dict[str, Trie]
    non_figure_reach: int
    non_figure_chars: frozenset[str]
    ordinal_before: Trie  # reversed trie
    ordinal_after: dict[str, list[tuple[Trie, int]]]
    chinese_ordinal_units: frozenset[str]  # 二期: with a bare Chinese numeral the unit numbers, it counts nothing
    unit_needs: dict[str, Trie]  # unit → trie of the words one of which must follow it (三点意见, not 下午3点)
    not_half: Trie  # words that start with 半 after a unit and are no half (3公里半径)
    article_one: frozenset[str]  # units of a measure kind with which 一 is still the article (一年来)
    grade_before: dict[str, list[tuple[str, int]]]  # unit → (word, reach): the word before the number makes N+unit a grade (水质 … 二类)
    places: Trie  # place names that begin with a numeral (place_names.tsv): 三台县, 七里河区
    signs: Trie  # reversed trie: 负, 零下, - … before a number
    signs_forward: Trie
    sign_ends: frozenset[str]  # last characters of the signs
    minus_signs: frozenset[str]  # the signs that are symbols (-, －): a range's dash too
    units_reversed: Trie  # reversed trie of the units and calendar words
    range_words_reversed: Trie
    compounds: dict[str, Trie]  # unit → trie of its smaller units (元 → 角, 分)
    compound_ratios: dict[
        str, dict[str, tuple[Decimal, str | None, str | None]]
    ]  # unit → smaller unit → (how many make one unit, unit recorded, kind)
    compound_joins: Trie  # 又, 零 between the amounts (两美元又三美分, 2年零6个月)


def _case_variants(word: str) -> set[str]:
    variants = {""}
    for ch in word:
        options = {ch.lower(), ch.upper()} if ch.isascii() and ch.isalpha() else {ch}
        variants = {head + option for head in variants for option in options}
    return variants


def _alternation(words: Iterable[str], spaced: bool = False) -> str:
    """A regex branch for the words, the longest first; one that matches nothing for none.
    `spaced`: whitespace allowed between a word's characters (a PDF's wrap in 百分⏎之)."""
    glue = r"\s*" if spaced else ""
    return "|".join(glue.join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@cache
def lexicon() -> Lexicon:
    units: dict[str, Unit] = {}
    prefix_units: dict[str, Unit] = {}
    several_units: dict[str, Unit] = {}
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
    approx: dict[str | None, str] = {}  # looked up with None too: a figure without a qualifier
    by_position: dict[str, list[str]] = {}
    recent, several = set(), {}
    for row in read_lexicon("qualifiers.tsv"):
        word, position, kind = row[0], row[1], row[2]
        options = row[3].split() if len(row) > 3 else []
        approx[word] = kind
        by_position.setdefault(position, []).append(word)
        if "recent-before-duration" in options:
            recent.add(word)
        if position == "several":
            values = dict(opt.split("=") for opt in options if "=" in opt)
            several[word] = SeveralRule(
                Decimal(values.get("low", 1)),
                Decimal(values.get("high", 9)),
                Decimal(values.get("offset", 0)),
                "alone" in options,
                "after-tens" in options,
                "several-units" in options,
            )
    # 36千米 is 36 km, not 36000 m: a unit that starts like a multiplier wins over it
    units_like_multipliers = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True) if u[0] in MAGNITUDES) or "(?!)"
    several_pattern = _alternation(several)
    non_figures, exceptions = [], {}
    for row in read_lexicon("non_figures.tsv"):
        non_figures.append(row[0])
        if len(row) > 1 and row[1]:
            exceptions[row[0]] = make_trie(row[1].split("|"))
    ordinal_after: dict[str, list[tuple[Trie, int]]] = {}
    grade_before: dict[str, list[tuple[str, int]]] = {}
    ordinal_before, chinese_ordinal_units, unit_needs, not_half = [], set(), {}, []
    article_one = set()
    for row in read_lexicon("number_contexts.tsv"):
        if row[0] == "before":
            ordinal_before.append(row[1])
        elif row[0] == "after-unit":
            ordinal_after.setdefault(row[1], []).append((make_trie([row[2]]), int(row[3])))
        elif row[0] == "chinese-ordinal":
            chinese_ordinal_units.add(row[1])
        elif row[0] == "unit-needs":
            unit_needs[row[1]] = make_trie(row[2].split("|"))
        elif row[0] == "not-half":
            not_half += row[1].split("|")
        elif row[0] == "before-unit":
            grade_before.setdefault(row[1], []).append((row[2], int(row[3])))
        elif row[0] == "article-one":
            article_one.update(row[1].split("|"))
    compound_ratios: dict[str, dict[str, tuple[Decimal, str | None, str | None]]] = {}
    compound_joins = []
    for row in read_lexicon("compound_units.tsv"):
        if row[0] == "join":
            compound_joins.append(row[1])
            continue
        sub_recorded = row[3] if len(row) > 3 and row[3] else None
        sub_kind = row[4] if len(row) > 4 and row[4] else None
        compound_ratios.setdefault(row[0], {})[row[1]] = (Decimal(row[2]), sub_recorded, sub_kind)
    unit_trie, calendar_trie = make_trie(units), make_trie(calendar)
    signs = by_position.get("sign", [])
    inner, after = make_trie(by_position.get("inner", [])), make_trie(by_position.get("after", []))
    range_words = make_trie(by_position.get("range", []))
    before = make_trie(w[::-1] for w in by_position.get("before", []))
    several_starts = "".join(re.escape(w[0]) for w in several)
    followers = (unit_trie, inner, after, range_words, calendar_trie)  # what read_figure reads after a number
    follow_starts = frozenset(CN_BIG).union(*map(trie_starts, followers))
    return Lexicon(
        number=re.compile(
            _NUMBER_TEMPLATE.replace("@SEVERAL@", several_pattern)
            .replace("@UNITS_LIKE_MULTIPLIERS@", units_like_multipliers)
            .replace("@PER@", _alternation(prefix_units, spaced=True))
            .replace("@WORDS@", _alternation(words))
        ),
        number_start=re.compile(
            f"[{DIGITS}{CN_DIGITS}{CN_SMALL}{CN_BIG}{several_starts}{''.join(re.escape(w[0]) for w in (*prefix_units, *words))}]"
        ),
        follow_starts=follow_starts,
        before_ends=trie_starts(before),
        units=units,
        prefix_units=prefix_units,
        several_units=several_units,
        several_units_trie=make_trie(several_units),
        words=words,
        unit_trie=unit_trie,
        not_units=make_trie(row[0] for row in read_lexicon("not_units.tsv")),
        calendar=calendar,
        calendar_trie=calendar_trie,
        approx=approx,
        before=before,
        recent=frozenset(recent),
        inner=inner,
        after=after,
        several=several,
        range_words=range_words,
        marks=make_trie(by_position.get("mark", [])),
        non_figures=make_trie(non_figures),
        non_figure_exceptions=exceptions,
        non_figure_reach=max((len(w) for w in non_figures), default=0),
        non_figure_chars=frozenset("".join(non_figures)),
        ordinal_before=make_trie(w[::-1] for w in ordinal_before),
        ordinal_after=ordinal_after,
        chinese_ordinal_units=frozenset(chinese_ordinal_units),
        unit_needs=unit_needs,
        not_half=make_trie(not_half),
        article_one=frozenset(article_one),
        grade_before=grade_before,
        places=make_trie(row[0] for row in read_lexicon("place_names.tsv")),
        signs=make_trie(w[::-1] for w in signs),
        signs_forward=make_trie(signs),
        sign_ends=frozenset(w[-1] for w in signs),
        minus_signs=frozenset(w for w in signs if not any("\u4e00" <= ch <= "\u9fff" for ch in w)),
        units_reversed=make_trie(w[::-1] for w in (*units, *calendar)),
        range_words_reversed=make_trie(w[::-1] for w in by_position.get("range", [])),
        compounds={unit: make_trie(subs) for unit, subs in compound_ratios.items()},
        compound_ratios=compound_ratios,
        compound_joins=make_trie(compound_joins),
    )
