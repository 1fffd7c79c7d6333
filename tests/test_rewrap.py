"""Re-wrapping a bulletin inside its numbers changes none of its figures (figures.md, 1.1).

PDF text breaks lines anywhere, and extraction splits digit runs with a space (`79 00 万`, `1 954 年`)
or a paragraph break (`32\\n\\n0 多万名`). figures.md: digits split that way "are one number when
nothing else separates them". So: parse each sample and held-out bulletin once as it is, insert
" " or "\\n\\n" between two digits inside some of its figures, parse again, and every figure of the
original must still be there - the same value, low, high and unit, on the same (shifted) span.

A break among the digits after a decimal point (`1.3 6亿元`) or inside a thousands group (`1,2 40条`)
joins too (issue 12): the property over every split point has those cases as explicit examples; the
property over whole-number digit runs alone is kept as the narrower guard.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

import bulletin_parse
from bulletin_parse.pipeline import read_source

ROOT = Path(__file__).resolve().parents[1]
PATHS = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "bulletins").glob("*.txt"))
NAMES = [str(path.relative_to(ROOT)) for path in PATHS]
DIGITS = frozenset("0123456789０１２３４５６７８９")
GROUPING = frozenset(".,．，")  # a digit run after one of these is a fraction or a thousands group
SEPARATORS = (" ", "\n\n")


@cache
def _text(name: str) -> str:
    text, _source, _warnings = read_source(ROOT / name)  # some samples are GB18030
    return text


@cache
def _unsplit(name: str) -> tuple:
    return tuple(bulletin_parse.parse(_text(name)).figures)


def _after_grouping(text: str, offset: int) -> bool:
    """Whether the digit run holding text[offset - 1] follows a decimal point or a thousands comma."""
    start = offset - 1
    while start > 0 and text[start - 1] in DIGITS:
        start -= 1
    return start >= 2 and text[start - 1] in GROUPING and text[start - 2] in DIGITS


@cache
def _gaps(name: str, whole_only: bool) -> tuple[int, ...]:
    """Offsets between two digits of one figure's text: where a break may be put."""
    text = _text(name)
    gaps = {
        i for figure in _unsplit(name) for i in range(figure.span[0] + 1, figure.span[1]) if text[i - 1] in DIGITS and text[i] in DIGITS
    }
    return tuple(sorted(i for i in gaps if not (whole_only and _after_grouping(text, i))))


def rewraps(whole_only: bool):
    @st.composite
    def strategy(draw):
        name = draw(st.sampled_from([name for name in NAMES if _gaps(name, whole_only)]), label="document")
        inserts = draw(
            st.lists(
                st.tuples(st.sampled_from(_gaps(name, whole_only)), st.sampled_from(SEPARATORS)),
                min_size=1,
                max_size=4,
                unique_by=lambda insert: insert[0],
            ),
            label="inserts",
        )
        return name, sorted(inserts)

    return strategy()


def _rewrap(text: str, inserts: list[tuple[int, str]]) -> str:
    pieces, last = [], 0
    for offset, separator in inserts:
        pieces += [text[last:offset], separator]
        last = offset
    return "".join(pieces + [text[last:]])


def _shift(offset: int, inserts: list[tuple[int, str]], *, at_end: bool) -> int:
    """Where `offset` of the unsplit text lands: a start moves past breaks put at or before it,
    an end past breaks put before it."""
    return offset + sum(len(separator) for at, separator in inserts if at < offset or (at == offset and not at_end))


def _check(case) -> None:
    name, inserts = case
    wrapped = _rewrap(_text(name), inserts)
    found = [(figure.span, (figure.value, figure.low, figure.high, figure.unit)) for figure in bulletin_parse.parse(wrapped).figures]
    missing = []
    for figure in _unsplit(name):
        start = _shift(figure.span[0], inserts, at_end=False)
        end = _shift(figure.span[1], inserts, at_end=True)
        want = (figure.value, figure.low, figure.high, figure.unit)
        if not any(span[0] < end and start < span[1] and values == want for span, values in found):
            near = [(wrapped[span[0] : span[1]], values) for span, values in found if span[0] < end and start < span[1]]
            missing.append((figure.text, want, wrapped[start:end], near))
    assert not missing, missing


def _break_in(name: str, surface: str, after: int) -> tuple[str, list[tuple[int, str]]]:
    """A case breaking `surface` (which the document holds once) after its first `after` characters."""
    return name, [(_text(name).index(surface) + after, " ")]


def test_the_documents_are_there_and_have_split_points():
    assert len(NAMES) >= 5
    assert sum(len(_gaps(name, True)) for name in NAMES) > 100


@settings(max_examples=settings.default.max_examples, deadline=None)  # 60 in CI; the soak profile's in a long run
@given(rewraps(whole_only=False))
@example(_break_in("tests/bulletins/b1.bulletin.txt", "1.36亿元", 3))
@example(_break_in("samples/web-copy-crlf.txt", "1,240条", 3))
def test_breaks_inside_digit_runs_change_no_figure(case):
    _check(case)


@settings(max_examples=settings.default.max_examples, deadline=None)
@given(rewraps(whole_only=True))
def test_breaks_inside_whole_digit_runs_change_no_figure(case):
    _check(case)
