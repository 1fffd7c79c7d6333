"""Tests of `bulletin_parse.enumerations`: a table of paragraphs, negatives, properties, corpus C.

Every paragraph in the tables is written for these tests in the style of bulletins (提出三点意见：
一是…；二是…), none is copied from a source. Each case is paragraph → [(ordinal, marker, text)].
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bulletin_parse.enumerations import LEADING, TRAILING, find_inline_points

POSITIVE = [
    # 一是 / 二是 after a colon, items ending at ；
    (
        "会议提出三点意见：一是加强学习；二是深入调研；三是狠抓落实。",
        [(1, "一是", "加强学习"), (2, "二是", "深入调研"), (3, "三是", "狠抓落实")],
    ),
    # 一要 after a comma, items ending at ，
    (
        "主任会议强调，一要提高站位，二要压实责任，三要形成合力。",
        [(1, "一要", "提高站位"), (2, "二要", "压实责任"), (3, "三要", "形成合力")],
    ),
    (
        "他就做好议案办理工作提出四点要求：一是要统一思想；二是要细化分工；三是要加强督办；四是要及时反馈。",
        [(1, "一是要", "统一思想"), (2, "二是要", "细化分工"), (3, "三是要", "加强督办"), (4, "四是要", "及时反馈")],
    ),
    # the list follows its subject straight, no punctuation before 一是
    (
        "视察组要求，县政府及相关部门一是要优化审批服务；二是要加强政策宣传；三是要畅通诉求渠道。",
        [(1, "一是要", "优化审批服务"), (2, "二是要", "加强政策宣传"), (3, "三是要", "畅通诉求渠道")],
    ),
    ("各乡镇人大主席团一要抓好代表培训，二要办好代表之家。", [(1, "一要", "抓好代表培训"), (2, "二要", "办好代表之家")]),
    # 第一 keeps its comma out of both marker and text
    (
        "会议指出，第一，要坚持党的领导；第二，要依法履职；第三，要密切联系群众。",
        [(1, "第一", "要坚持党的领导"), (2, "第二", "要依法履职"), (3, "第三", "要密切联系群众")],
    ),
    ("会议指出:第一,要坚持问题导向;第二,要注重成果转化。", [(1, "第一", "要坚持问题导向"), (2, "第二", "要注重成果转化")]),
    # Arabic markers after a colon, in every shape
    (
        "会议要求：1、完善工作机制；2、强化跟踪问效；3、加大宣传力度。",
        [(1, "1、", "完善工作机制"), (2, "2、", "强化跟踪问效"), (3, "3、", "加大宣传力度")],
    ),
    ("会议要求：1.完善工作机制；2.强化跟踪问效。", [(1, "1.", "完善工作机制"), (2, "2.", "强化跟踪问效")]),
    ("会议明确：1．规范审议程序；2．严格会议纪律。", [(1, "1．", "规范审议程序"), (2, "2．", "严格会议纪律")]),
    ("会议明确：１、规范审议程序；２、严格会议纪律。", [(1, "１、", "规范审议程序"), (2, "２、", "严格会议纪律")]),
    (
        "调研组建议：（1）加大财政投入；（2）补齐基础设施短板；（3）健全长效管护机制。",
        [(1, "（1）", "加大财政投入"), (2, "（2）", "补齐基础设施短板"), (3, "（3）", "健全长效管护机制")],
    ),
    ("座谈会上,代表们建议:(1)加强农田水利建设;(2)提高种粮补贴标准。", [(1, "(1)", "加强农田水利建设"), (2, "(2)", "提高种粮补贴标准")]),
    (
        "会议形成三项决定：1、成立工作专班。2、制定实施方案。3、定期通报进展。",
        [(1, "1、", "成立工作专班"), (2, "2、", "制定实施方案"), (3, "3、", "定期通报进展")],
    ),
    ("会议要求：1、加强审查；2、严格执行。全年共审查报告25件。", [(1, "1、", "加强审查"), (2, "2、", "严格执行")]),
    # traditional characters
    (
        "會議強調：一是提高政治站位；二是壓實工作責任；三是強化督查問效。",
        [(1, "一是", "提高政治站位"), (2, "二是", "壓實工作責任"), (3, "三是", "強化督查問效")],
    ),
    ("主任會議要求，一要加強學習，二要深入調研。", [(1, "一要", "加強學習"), (2, "二要", "深入調研")]),
    ("常委會提出，第一，堅持依法監督；第二，注重監督實效。", [(1, "第一", "堅持依法監督"), (2, "第二", "注重監督實效")]),
    (
        "他提出了三點要求，一是要提高認識；二是要加強溝通；三是要注重實效。",
        [(1, "一是要", "提高認識"), (2, "二是要", "加強溝通"), (3, "三是要", "注重實效")],
    ),
    # the last item stops at its sentence end; more sentences follow
    (
        "座谈会围绕两方面展开：一是听取工作汇报；二是开展交流讨论。与会代表积极发言，提出意见建议12条。",
        [(1, "一是", "听取工作汇报"), (2, "二是", "开展交流讨论")],
    ),
    ("他动情地说：一要对得起人民！二要对得起良心！随后宣布散会。", [(1, "一要", "对得起人民"), (2, "二要", "对得起良心")]),
    ("会议要求：一是压实责任；二是加强督查", [(1, "一是", "压实责任"), (2, "二是", "加强督查")]),
    ("会议强调：一要坚持“三个为”；二要做到“四个到位”。", [(1, "一要", "坚持“三个为”"), (2, "二要", "做到“四个到位”")]),
    # two runs in one paragraph, of different and of the same family
    (
        "会议听取了两项报告：一是计划执行情况报告；二是预算执行情况报告。会议要求：一要严格执行预算；二要加强绩效管理。",
        [(1, "一是", "计划执行情况报告"), (2, "二是", "预算执行情况报告"), (1, "一要", "严格执行预算"), (2, "二要", "加强绩效管理")],
    ),
    (
        "一季度重点抓了两件事：一是调研；二是视察。二季度计划：一是召开座谈会；二是开展专题询问。",
        [(1, "一是", "调研"), (2, "二是", "视察"), (1, "一是", "召开座谈会"), (2, "二是", "开展专题询问")],
    ),
    # a paragraph-level point (一是 at index 0) holding an inline run of its own
    ("一是加强学习。常委会提出两点要求：一要学原文；二要悟原理。", [(1, "一要", "学原文"), (2, "二要", "悟原理")]),
    # markers opening sentences: an item runs to the next marker, its 。 dropped
    (
        "区人大常委会多措并举推进代表联络站建设。一是完善阵地设施。二是健全活动制度。三是丰富履职形式。",
        [(1, "一是", "完善阵地设施"), (2, "二是", "健全活动制度"), (3, "三是", "丰富履职形式")],
    ),
    (
        "会议提出：一是议案准备充分。代表们深入调研，掌握了大量资料。二是议案范围扩展。",
        [(1, "一是", "议案准备充分。代表们深入调研，掌握了大量资料"), (2, "二是", "议案范围扩展")],
    ),
    # ordinals past ten
    (
        "全年工作分为十一项：一是学习；二是调研；三是视察；四是评议；五是询问；六是督办；七是回访；八是公开；九是考核；十是总结；十一是宣传。",
        [
            (1, "一是", "学习"),
            (2, "二是", "调研"),
            (3, "三是", "视察"),
            (4, "四是", "评议"),
            (5, "五是", "询问"),
            (6, "六是", "督办"),
            (7, "七是", "回访"),
            (8, "八是", "公开"),
            (9, "九是", "考核"),
            (10, "十是", "总结"),
            (11, "十一是", "宣传"),
        ],
    ),
    # connectives that run straight into a list
    ("会议要求一是强化责任落实，二是加快办理进度。", [(1, "一是", "强化责任落实"), (2, "二是", "加快办理进度")]),
    ("常委会审议了执法检查报告，并强调一要加大普法力度；二要严格规范执法。", [(1, "一要", "加大普法力度"), (2, "二要", "严格规范执法")]),
    ("今年重点监督两项工作，即一是优化营商环境，二是推进乡村振兴。", [(1, "一是", "优化营商环境"), (2, "二是", "推进乡村振兴")]),
    ("调研组建议一要加强统筹规划，二要强化要素保障。", [(1, "一要", "加强统筹规划"), (2, "二要", "强化要素保障")]),
    # 一是要求: 要求 is the verb, not part of the marker; 是要 and 是 mix in one run
    (
        "会议明确：一是要求各部门按时报送材料；二是要求承办单位当面答复代表。",
        [(1, "一是", "要求各部门按时报送材料"), (2, "二是", "要求承办单位当面答复代表")],
    ),
    ("会议强调：一是要提高认识；二是狠抓落实。", [(1, "一是要", "提高认识"), (2, "二是", "狠抓落实")]),
    # items with commas, separated by 、, and holding figures
    (
        "会议要求各承办单位：一是高度重视，认真研究代表建议；二是加强沟通，及时向代表反馈。",
        [(1, "一是", "高度重视，认真研究代表建议"), (2, "二是", "加强沟通，及时向代表反馈")],
    ),
    (
        "活动分三个环节：一是集中学习、二是分组讨论、三是交流发言。",
        [(1, "一是", "集中学习"), (2, "二是", "分组讨论"), (3, "三是", "交流发言")],
    ),
    ("今年以来，一是新建代表联络站15个；二是培训代表300余人次。", [(1, "一是", "新建代表联络站15个"), (2, "二是", "培训代表300余人次")]),
    # a nested list stays inside the outer item; a skipped number ends the run
    (
        "会议提出：一是加强学习，一要学理论，二要学业务；二是深入调研。",
        [(1, "一是", "加强学习，一要学理论，二要学业务"), (2, "二是", "深入调研")],
    ),
    ("会议提出：一是加强学习；二是深入调研；四是狠抓落实。", [(1, "一是", "加强学习"), (2, "二是", "深入调研")]),
]

NEGATIVE = [
    "会议统一要求各承办单位，二要按时办结。",  # 统一要求
    "各单位执行同一要求，二要按时完成。",  # 同一要求
    "坚持发展是第一要务，二要坚持改革创新。",  # 第一要务
    "思想统一是前提，二是行动一致。",  # 统一是
    "群众满意的唯一是非标准是实效，二是其次。",  # 唯一是
    "代表联络站建设是重点工作之一是共识，二是各方面都支持。",  # 之一是
    "第一批、第二批代表联络站均已建成。",  # 第一批
    "常委会第一时间召开会议，第一次专题研究此项工作。",  # 第一时间, 第一次
    "会议要求进一步加强学习，进一步狠抓落实。",  # 进一步
    "该区地区生产总值位居全市第一，增速位居全市第二，发展态势良好。",  # 第一， after a word: a rank
    "会议提出一是要加强学习。",  # a lone 一是
    "会议提出：一是加强学习；三是狠抓落实。",  # no 二是
    "会议强调，二是要加强监督；三是要狠抓落实。",  # 二是 without 一是
    "一是加强学习，二是深入调研，三是狠抓落实。",  # a paragraph-level point
    "第一，坚持党的领导；第二，坚持依法履职。",  # a 第一 paragraph
    "一要提高认识；二要压实责任。",  # an 一要 paragraph
    "会议审议了以下事项1、工作报告；2、预算调整方案。",  # 1、 not after a colon
    "会议审议了两个事项，1、工作报告；2、预算调整方案。",  # 1、 after a comma
    "会议明确：1、按时办结。",  # a lone 1、
    "此次视察了以下楼栋：1、2、3号楼。",  # numbers, not items
    "全年共争取资金：1.5亿元，2.3万元用于培训。",  # decimals
    "會議統一要求各單位，二要按時辦結。",  # 統一要求, traditional
    "",
]


def _found(paragraph: str) -> list[tuple[int, str, str]]:
    return [(item.ordinal, item.marker, item.text) for item in find_inline_points(paragraph)]


def test_the_tables_are_large():
    assert len(POSITIVE) >= 30 and len(NEGATIVE) >= 10


@pytest.mark.parametrize(("paragraph", "expected"), POSITIVE, ids=[case[0] for case in POSITIVE])
def test_inline_points(paragraph, expected):
    assert _found(paragraph) == expected
    _check_invariants(paragraph)


@pytest.mark.parametrize("paragraph", NEGATIVE, ids=NEGATIVE)
def test_no_inline_points(paragraph):
    assert _found(paragraph) == []


def test_spans_point_into_the_paragraph():
    paragraph = "会议指出，第一，要坚持党的领导；第二，要依法履职。"
    first, second = find_inline_points(paragraph)
    assert paragraph[first.start : first.end] == "第一，要坚持党的领导"
    assert paragraph[second.start : second.end] == "第二，要依法履职"


# --- properties -------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "一是",
        "二是",
        "三是",
        "十是",
        "十一是",
        "一要",
        "二要",
        "三要",
        "一是要",
        "二是要",
        "第一",
        "第二",
        "第三",
        "1、",
        "2、",
        "3、",
        "1.",
        "2.",
        "（1）",
        "（2）",
        "(1)",
        "(2)",
        "１、",
        "２、",
        "：",
        ":",
        "，",
        ",",
        "；",
        ";",
        "。",
        "！",
        "？",
        "、",
        "“",
        "”",
        " ",
        "\n",
        "统",
        "唯",
        "之",
        "同",
        "要求",
        "强调",
        "并",
        "即",
        "会议",
        "加强学习",
        "落实",
        "5",
        "12",
        ".",
        "是",
        "要",
    ]
)


def _check_invariants(paragraph: str) -> None:
    items = find_inline_points(paragraph)
    previous_end = 0
    for index, item in enumerate(items):
        assert 0 < item.start < item.end <= len(paragraph)  # index 0 never holds an item
        assert item.start >= previous_end  # ordered, not overlapping
        assert paragraph[item.start : item.start + len(item.marker)] == item.marker
        assert item.text == paragraph[item.start + len(item.marker) : item.end].lstrip(LEADING)
        assert item.text and item.text[-1] not in TRAILING
        # runs count up from 1 and have at least two items
        following = items[index + 1] if index + 1 < len(items) else None
        assert item.ordinal == 1 or items[index - 1].ordinal == item.ordinal - 1
        assert item.ordinal > 1 or (following is not None and following.ordinal == 2)
        if following is not None and following.ordinal == item.ordinal + 1:  # the next item of this run
            assert paragraph[item.end : following.start].strip(TRAILING) == ""
        previous_end = item.end


@given(st.text(max_size=200))
def test_arbitrary_text_keeps_the_invariants(paragraph):
    _check_invariants(paragraph)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_marker_soup_keeps_the_invariants(paragraph):
    _check_invariants(paragraph)


# --- corpus C: inline points per document against the gold counts -----------------------------

CORPUS_DOCUMENTS = [f"C{number:02d}" for number in range(1, 13)]


@pytest.mark.parametrize("doc", CORPUS_DOCUMENTS)
def test_corpus_c_counts(doc, shared):
    from bulletin_parse.decode import decode
    from bulletin_parse.reflow import paragraphs

    folder = shared / "corpus" / "C"
    source = next(path for path in folder.glob(f"{doc}*.txt"))
    gold = json.loads((folder / f"{doc}.gold.json").read_text(encoding="utf-8"))
    text = decode(source.read_bytes()).text
    found = sum(len(find_inline_points(paragraph.text)) for paragraph in paragraphs(text)[1])
    assert found == sum(report["inline_points"] for report in gold["reports"])
