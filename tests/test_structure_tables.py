"""A parsed document keeps its paragraphs, reports, unassigned text and warnings as tables whose
records are made when read (a file dense with structure would otherwise cost 30-50x its size):
each must behave as the list of records it stands for, and the spans it keeps to place figures
must agree with the records."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bulletin_parse
from bulletin_parse import reflow
from bulletin_parse.models import Document, Report, Unassigned, Warning
from bulletin_parse.reflow import paragraphs, reflowed_text
from paths import ROOT, SAMPLES

# web copy, a paragraph a line: a banner between masthead and reports, a report numbering its
# points 二是, 一是, numbers a PDF's spacing parted
BULLETIN = """人大工作简报
第5期
县人大常委会办公室　　　　2024年6月3日
【基层动态】
县人大常委会开展代表视察活动
6月1日，县人大常委会组织部分县人大代表视察全县重点项目建设情况，代表们先后来到产业园区、农村公路和学校建设工地，实地察看项目 1 2 个，收集意见建议 3 0 余条。
二是加强跟踪督办。督办代表建议 15 件，逐条明确责任单位和办理时限，推动问题解决。
一是强化结果运用。将视察意见交县政府研究处理，并在下次常委会会议上听取办理情况报告。
（县人大办　李明）
北岭镇：人大主席团听取民生实事项目汇报
会议听取了镇政府关于民生实事项目推进情况的汇报，今年确定的 8 个项目中已有 5 个完工，代表们围绕项目质量和资金使用提出意见建议。
（北岭镇人大　王芳）
"""


def test_the_tables_hold_what_the_bulletin_says():
    document = bulletin_parse.parse(BULLETIN)
    assert [(r.index, r.title, r.region, [p.ordinal for p in r.points], r.byline and r.byline.raw, r.lines) for r in document.reports] == [
        (1, "县人大常委会开展代表视察活动", None, [2, 1], "（县人大办　李明）", (5, 9)),
        (2, "北岭镇：人大主席团听取民生实事项目汇报", "北岭镇", [], "（北岭镇人大　王芳）", (10, 12)),
    ]
    assert [(u.text, u.lines) for u in document.unassigned] == [("【基层动态】", (4, 4))]
    assert [(w.code, w.line) for w in document.warnings] == [("split-number", 6), ("split-number", 6), ("points-out-of-order", 5)]
    assert document.warnings[0].message == "'1 2 个' read as one number: its digits were parted by blanks or a line break"
    assert document.warnings[-1].message == "report 1 numbers its points [2, 1]"
    assert [(f.text, f.report, f.point) for f in document.figures][1:] == [
        ("6月1日", 1, None),
        ("1 2 个", 1, None),
        ("3 0 余条", 1, None),
        ("15 件", 1, 2),
        ("8 个", 2, None),
        ("5 个", 2, None),
    ]


@pytest.mark.parametrize(("name", "kind"), [("reports", Report), ("unassigned", Unassigned), ("warnings", Warning)])
def test_a_table_reads_as_the_list_of_its_records(name, kind):
    document = bulletin_parse.parse(BULLETIN)
    table = getattr(document, name)
    records = list(table)
    assert records and all(isinstance(record, kind) for record in records)
    assert [table[i] for i in range(len(table))] == records and table == records and records == table
    assert table[-1] == records[-1] and table[::-1] == records[::-1] and table[1:] == records[1:]
    with pytest.raises(IndexError):
        table[len(records)]
    with pytest.raises(TypeError):
        hash(table)
    assert json.loads(document.model_dump_json())[name] == [record.model_dump(mode="json") for record in records]
    loaded = Document.model_validate_json(document.model_dump_json())
    assert getattr(loaded, name) == table and loaded == document


def test_a_file_of_a_thousand_reports_has_a_thousand_records():
    document = bulletin_parse.parse("会议取得实效。（县人大办　李明）\n" * 1000)
    assert len(document.reports) == 1000
    assert document.reports[999].index == 1000 and document.reports[999].byline.authors == ["李明"]
    assert document.reports[999].span == (999 * 17, 999 * 17 + 16)


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")) + sorted((ROOT / "tests" / "bulletins").glob("*.txt")), ids=lambda p: p.name)
def test_figures_are_placed_as_the_records_say(path):
    """The report, point and section of every figure, found by bisection over the spans the
    tables keep, are those the records' own spans give."""
    document = bulletin_parse.parse_file(path)
    for figure in document.figures:
        start = figure.span[0]
        holding = [report for report in document.reports if report.span[0] <= start < report.span[1]]
        assert figure.report == (holding[0].index if holding else None)
        points = [point for report in holding for point in report.points if point.span[0] <= start < point.span[1]]
        assert figure.point == (points[0].ordinal if points else None)
        sections = [position for report in holding for position, section in enumerate(report.sections) if section.span[0] <= start]
        assert figure.section == (sections[-1] if sections else None)


def test_a_slice_of_the_paragraphs_is_a_table_over_the_same_paragraphs():
    found = paragraphs(BULLETIN)[1]
    every = list(found)
    assert len(every) == 12 and every[3].text == "【基层动态】"
    body = found[3:10]
    assert list(body) == every[3:10] and list(body[1:3]) == every[4:6] and list(body[5:]) == every[8:10] and not body[9:]
    with pytest.raises(ValueError):
        found[::2]
    assert [body.index_of(paragraph) for paragraph in body] == list(range(7))
    assert [found.index_of(paragraph) for paragraph in every] == list(range(12))


def _reflowed_by_pieces(source: str, start: int, end: int, gaps: tuple[tuple[int, int], ...]) -> str:
    """What reflow makes of a span, piece by piece: the runs of non-blank characters outside the
    gaps, with one space between two that end and begin with a Latin letter or digit."""
    pieces: list[str] = []
    position = start
    for gap_start, gap_end in (*gaps, (end, end)):
        for piece in source[position:gap_start].split():
            if pieces and pieces[-1][-1].isascii() and pieces[-1][-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
                pieces.append(" ")
            pieces.append(piece)
        position = gap_end
    return "".join(pieces)


@given(
    st.lists(st.sampled_from(["a", "Z", "7", "中", "。", " ", "\u3000", "\t", "\n", "\f", "  "]), max_size=60).map("".join),
    st.sets(st.integers(0, 59), max_size=4),
    st.sampled_from([1, 2, 3, 7, 65_536]),
)
def test_reflow_keeps_one_space_between_latin_runs_whatever_its_blocks(text, cuts, block):
    """Reflow works a block at a time (a line of spaced digits is a million pieces): the blocks
    must not show in what it makes. Gaps stand for layout lines inside the span."""
    edges = sorted(cut for cut in cuts if cut < len(text))
    gaps = tuple((a, b) for a, b in zip(edges[::2], edges[1::2], strict=False) if a < b)
    saved, reflow.REFLOW_BLOCK = reflow.REFLOW_BLOCK, block
    try:
        assert reflowed_text(text, 0, len(text), gaps) == _reflowed_by_pieces(text, 0, len(text), gaps)
    finally:
        reflow.REFLOW_BLOCK = saved


def test_a_parsed_document_pickles_and_copies_whole():
    """Documents cross process boundaries (multiprocessing, a cache): the tables go with them."""
    document = bulletin_parse.parse(BULLETIN)
    assert pickle.loads(pickle.dumps(document)) == document
    assert copy.deepcopy(document) == document
    assert document.model_copy(update={"reports": list(document.reports)}) == document
