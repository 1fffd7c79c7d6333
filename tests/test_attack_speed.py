"""Promises kept under attack (issue 11): `parse` answers the same in threads as alone, and figures
packed densely cost no more per figure than figures in prose.

Nothing here is timed (bench/hostile.py times the dense cases). The dense-figure tests count the
work instead: the characters the subject finder's segmenter cuts. That count is what made dense
figures slow — every figure re-cut the 80 characters around it, most of them other figures — and
it does not depend on the machine.
"""

from __future__ import annotations

import random
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

import bulletin_parse
from bulletin_parse import figures, subjects, words
from bulletin_parse.decode import decode
from paths import SAMPLES

SAMPLE_TEXTS = [decode(path.read_bytes(), None).text for path in sorted(SAMPLES.glob("*.txt"))]
NOUNS = [
    "收集意见建议",
    "走访企业",
    "办结率达",
    "接待来访群众",
    "召开座谈会",
    "建成代表联络站",
    "同比增长",
    "培训代表",
    "新建农村公路",
    "發放補貼資金",
    "督办代表建议",
    "审议工作报告",
]
UNITS = ["余条", "家", "%", "人次", "场", "个", "%", "名", "公里", "亿元", "件", "项"]


def dense_prose(size: int, seed: int = 0) -> str:
    """Clauses of a noun and a figure, a figure every ten characters or so, every number different."""
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        unit = rng.choice(UNITS)
        number = f"{rng.randrange(1, 99999) / 10:g}" if unit in ("%", "亿元", "公里") else str(rng.randrange(1, 9999))
        part = rng.choice(NOUNS) + number + unit + rng.choice("，、，；。")
        parts.append(part)
        total += len(part)
    return "".join(parts)[:size]


def shuffled_lines(seed: int) -> str:
    """The samples' lines in a random order: many characters the dictionary reads lazily."""
    rng = random.Random(seed)
    lines = [line for text in SAMPLE_TEXTS for line in text.split("\n") if line.strip()]
    rng.shuffle(lines)
    return "\n".join(lines[:120])


THREAD_TEXTS = SAMPLE_TEXTS + [shuffled_lines(seed) for seed in range(3)] + [dense_prose(3000, seed) for seed in range(3)]


@contextmanager
def threads_switching_every(seconds: float):
    """Threads switch far more often than Python's 5 ms default, so a race over a few bytecodes is
    hit in most runs rather than in some."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def subject_differences(alone, together) -> list[tuple[str, str | None, str | None]]:
    return [
        (a.text, a.subject, b.subject)
        for x, y in zip(alone, together, strict=True)
        for a, b in zip(x.figures, y.figures, strict=False)
        if a != b
    ]


def test_parse_in_eight_threads_equals_parse_alone():
    """The segmenter reads its dictionary a first character at a time, the first time a text
    holds it; threads starting together all read at once. Each round starts from an unread
    dictionary (the state a fresh process starts in) and parses every text in 8 threads."""
    alone = [bulletin_parse.parse(text) for text in THREAD_TEXTS]
    for _ in range(5):
        words.tagger.cache_clear()
        forget_clauses()
        with threads_switching_every(1e-5), ThreadPoolExecutor(8) as pool:
            together = list(pool.map(bulletin_parse.parse, THREAD_TEXTS))
        assert together == alone, subject_differences(alone, together)[:10]


def forget_clauses():
    """Empty the caches of clauses and figure windows read last, so that a count or a race sees
    the work itself, not what an earlier test left."""
    for cached in (
        subjects._tag_shape,
        subjects._subject_after,
        subjects._subject_before,
        subjects._clause_topic,
        figures._read_window,
    ):
        cached.cache_clear()


@contextmanager
def counting_cut():
    """Count the characters the segmenter cuts (for subjects and for place names alike)."""
    forget_clauses()
    segmenter = words.tagger()
    cut = segmenter.cut
    counted = [0]

    def counting(text: str):
        counted[0] += len(text)
        return cut(text)

    segmenter.cut = counting
    try:
        yield counted
    finally:
        del segmenter.cut


DENSE = {
    "3%": lambda figures: "3%" * figures,
    "3个": lambda figures: "3个" * figures,
    "3 个, spaced": lambda figures: "3 个 " * figures,
    "3%、": lambda figures: "3%、" * figures,
    "同比增长3%，": lambda figures: "同比增长3%，" * figures,
    "prose": lambda figures: dense_prose(12 * figures),
}


@pytest.mark.parametrize("name", DENSE)
def test_dense_figures_cut_each_character_a_few_times(name):
    """However densely figures are packed, the subject finder cuts each character of the text a
    bounded number of times: a figure's search stops at the figures around it. Unbounded, each
    figure cut its 40-character windows on both sides, other figures and all (15x to 40x the text)."""
    for count in (1000, 4000):
        text = DENSE[name](count)
        with counting_cut() as counted:
            document = bulletin_parse.parse(text)
        assert len(document.figures) >= 0.8 * count
        assert counted[0] <= 6 * len(text), f"{counted[0] / len(text):.1f} characters cut per character"


def test_work_per_figure_does_not_grow_with_the_number_of_figures():
    """Four times the figures cost four times the cutting, not more."""
    counts = []
    for count in (2000, 8000):
        with counting_cut() as counted:
            bulletin_parse.parse(dense_prose(10 * count))
        counts.append(counted[0] / count)
    assert counts[1] <= 1.2 * counts[0], counts


def test_a_subject_is_still_read_across_the_figures_bulletins_put_before_it():
    """The bound is counted in figures: what real bulletins put between a subject and its
    figure (a year and a figure, a sentence's topic four figures back) stays within it."""
    cases = {
        "沃柑商品化处理率由 2020 年的 46% 提高到 71%。": ("71%", "沃柑商品化处理率"),
        "一般公共预算收入累计完成24627万元,完成年初预算数60999万元的40.4%,比上年减收1070万元,下降4.2%。": ("4.2%", "一般公共预算收入"),
    }
    for text, (figure, subject) in cases.items():
        found = {f.text: f.subject for f in bulletin_parse.parse(text).figures}
        assert found[figure] == subject, found


def test_neighbours_change_no_subject_of_the_bulletins():
    """Bounded by its neighbours, the search finds what the unbounded search finds in every
    sample and test bulletin: the bound only cuts runs of figures no bulletin writes."""
    from bulletin_parse.figures import extract_figures
    from bulletin_parse.subjects import Neighbours, find_subject

    bulletins = sorted((SAMPLES.parent / "tests" / "bulletins").glob("*.txt"))
    texts = SAMPLE_TEXTS + [decode(path.read_bytes(), None).text for path in bulletins]
    checked = 0
    for text in texts:
        matches = list(extract_figures(text))
        remembered = len(Neighbours().ends_before)
        for at, match in enumerate(matches):
            ends = tuple(m.end for m in matches[max(0, at - remembered) : at])
            neighbours = Neighbours((0,) * (remembered - len(ends)) + ends, matches[at + 1].start if at + 1 < len(matches) else None)
            alone = find_subject(text, match.start, match.end, match.unit, match.kind)
            assert find_subject(text, match.start, match.end, match.unit, match.kind, neighbours) == alone, text[match.start : match.end]
            checked += 1
    assert checked > 500


def test_parse_leaves_the_garbage_collector_as_it_found_it(monkeypatch):
    """The collector is paused while a document is built (its records would be walked again and
    again), then left on or off as the caller had it, also when the parse fails."""
    import gc

    from bulletin_parse import pipeline

    def fail(text):
        raise RuntimeError("an internal error")

    was_on = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            bulletin_parse.parse("收集意见建议 1300 余条。")
            assert gc.isenabled() is state
            with monkeypatch.context() as patch:
                patch.setattr(pipeline, "extract_figures", fail)
                with pytest.raises(RuntimeError):
                    bulletin_parse.parse("收集意见建议 1300 余条。")
            assert gc.isenabled() is state
    finally:
        (gc.enable if was_on else gc.disable)()
