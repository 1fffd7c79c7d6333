"""Structure: layouts, masthead, reports, points, bylines, footer — on samples written for the
project and on the real bulletin in samples/."""

import pytest
from conftest import SAMPLES, SEED

import bulletin_parse
from bulletin_parse.reflow import paragraphs


def parse_sample(name):
    return bulletin_parse.parse_file(SAMPLES / name)


LAYOUTS = [
    ("hangzhou-bulletin.txt", "pdf"),
    ("pdf-pages.txt", "pdf"),
    ("web-copy-crlf.txt", "paragraph-per-line"),
    ("wrapped-gb18030.txt", "wrapped"),
    ("special-report.txt", "paragraph-per-line"),
]


@pytest.mark.parametrize("name,layout", LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_layout_is_recognised(name, layout):
    document = parse_sample(name)
    text = (SAMPLES / name).read_bytes().decode(document.source.encoding).removeprefix("\ufeff")
    assert paragraphs(text)[0] == layout


EXPECTED_REPORTS = {
    "pdf-pages.txt": [
        ("市人大常委会开展营商环境执法检查", None, ["突出问题导向", "创新检查方式", "强化结果运用"], "市人大常委会财经委", ["陈静"]),
        ("东坡区：“代表议事日”让民生实事落地见效", "东坡区", [], "东坡区人大常委会办公室", []),
    ],
    "web-copy-crlf.txt": [
        ("西湖区：代表联络站“小窗口”解决群众“大难题”", "西湖区", ["规范站点建设", "畅通民意渠道", "强化跟踪问效"], None, ["张立", "王芳"]),
        ("拱墅区：预算联网监督实现全覆盖", "拱墅区", [], "拱墅区人大常委会预算工作委员会", []),
    ],
    "wrapped-gb18030.txt": [
        ("县人大常委会开展“民生实事”项目票决制工作回头看", "南湖县",
         ["摸清底数", "听取意见", "实地查看", "问题交办", "限时整改", "跟踪督办", "公开结果", "代表评议", "建章立制", "总结提升", "成果运用"],
         "南湖县人大常委会办公室", []),
        ("凤鸣镇：人大主席团推动农村饮水安全提标", "凤鸣镇", [], "凤鸣镇人大主席团", ["李强"]),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_REPORTS))
def test_reports_of_each_layout(name):
    document = parse_sample(name)
    got = [
        (r.title, r.region, [p.heading for p in r.points], r.byline and r.byline.organization, r.byline.authors if r.byline else [])
        for r in document.reports
    ]
    assert got == EXPECTED_REPORTS[name]
    assert document.unassigned == [] and document.warnings == document.warnings[:1]


def test_two_line_title_and_eleven_points():
    report = parse_sample("wrapped-gb18030.txt").reports[0]
    assert report.title == "县人大常委会开展“民生实事”项目票决制工作回头看"
    assert [p.marker for p in report.points][-2:] == ["十是", "十一是"]
    assert [p.ordinal for p in report.points] == list(range(1, 12))


MASTHEADS = [
    ("pdf-pages.txt", ("人大工作简报", "第18期", None, "2024-10-15", "临江市人大常委会办公厅")),
    ("web-copy-crlf.txt", ("人大工作动态", "第7期", "总第215期", "2024-07-12", "江城市人大常委会办公室")),
    ("wrapped-gb18030.txt", ("人大工作简报", "第5期", None, "2023-11-03", "南湖县人大常委会办公室")),
    ("hangzhou-bulletin.txt", (None, None, None, None, None)),
]


@pytest.mark.parametrize("name,fields", MASTHEADS, ids=[row[0] for row in MASTHEADS])
def test_masthead(name, fields):
    masthead = parse_sample(name).masthead
    assert (masthead.title, masthead.issue_no, masthead.total_no, masthead.date, masthead.publisher) == fields


FOOTERS = [
    ("hangzhou-bulletin.txt", ["送:省人大常委会办公厅、研究室", "市人大常委会组成人员,市人大机关各部门,各区、县(市)人大常委会"]),
    ("web-copy-crlf.txt", ["报：省人大常委会办公厅", "送：市委办公室、市政府办公室", "抄送：各区、县（市）人大常委会"]),
    ("pdf-pages.txt", ["报：省人大常委会办公厅", "送：市人大常委会组成人员，各区、县（市）人大常委会"]),
]


@pytest.mark.parametrize("name,items", FOOTERS, ids=[row[0] for row in FOOTERS])
def test_distribution_footer(name, items):
    assert parse_sample(name).distribution == items


def bulletin_with_byline(byline):
    return f"上城区：监督工作取得实效\n上城区人大常委会聚焦民生实事开展专项监督。\n{byline}\n"


BYLINES = [
    ("(法工委　 王　 露)", "法工委", ["王露"]),
    ("(上城区人大常委会办公室)", "上城区人大常委会办公室", []),
    ("(钱塘区人大常委会预算工委　 石　 晗)", "钱塘区人大常委会预算工委", ["石晗"]),
    ("（余杭区人大常委会办公室　王培栋）", "余杭区人大常委会办公室", ["王培栋"]),
    ("（记者 张立　通讯员 王芳）", None, ["张立", "王芳"]),
    ("（作者单位：西湖区人大常委会办公室）", "西湖区人大常委会办公室", []),
    ("（供稿：萧山区人大常委会研究室）", "萧山区人大常委会研究室", []),
    ("（文/李明）", None, ["李明"]),
    ("(凤鸣镇人大主席团　 李　 强　 陈　 红)", "凤鸣镇人大主席团", ["李强", "陈红"]),
    ("（西湖区人大常委会办公室 张立 王芳）", "西湖区人大常委会办公室", ["张立", "王芳"]),
]


@pytest.mark.parametrize("raw,organization,authors", BYLINES, ids=[row[0] for row in BYLINES])
def test_byline_forms(raw, organization, authors):
    (report,) = bulletin_parse.parse(bulletin_with_byline(raw)).reports
    assert report.byline.raw == raw
    assert (report.byline.organization, report.byline.authors) == (organization, authors)


def test_region_from_byline_when_title_has_no_prefix():
    reports = parse_sample("hangzhou-bulletin.txt").reports
    assert [r.region for r in reports] == [None, "上城区", "钱塘区", "余杭区", "临平区", "桐庐县", "建德市", "滨江区", "淳安县"]
    assert [r.title is None for r in reports[-2:]] == [True, True]


def test_point_heading_is_the_short_opening_slogan():
    text = "一是强化组织领导,形成工作合力。首次成立工作专班。\n二是这一段的开头是一句很长很长的话没有任何停顿一直说到这里才结束所以它不是标题。后文。\n"
    report = bulletin_parse.parse(text).reports[0]
    assert [(p.heading, p.text) for p in report.points] == [
        ("强化组织领导,形成工作合力", "首次成立工作专班。"),
        (None, "这一段的开头是一句很长很长的话没有任何停顿一直说到这里才结束所以它不是标题。后文。"),
    ]


def test_points_out_of_order_are_warned():
    text = "标题一二三四\n导语一句话。\n一是第一点。内容。\n三是第三点。内容。\n"
    document = bulletin_parse.parse(text)
    assert [w.code for w in document.warnings] == ["points-out-of-order", "no-bylines"]


def test_seed_spans_and_lines():
    document = bulletin_parse.parse_file(SEED)
    text = SEED.read_text(encoding="utf-8")
    first = document.reports[0]
    assert text[first.span[0] : first.span[1]].startswith("市人大常委会为矛盾纠纷预防和多元化解")
    assert text[first.span[0] : first.span[1]].endswith("(法工委　 王　 露)")
    assert first.lines == (1, 64)
    point = first.points[1]
    assert text[point.span[0] :].startswith("二是坚持开门立法")


def test_long_title_is_not_joined_to_a_lead_line_without_final_punctuation():
    text = (
        "　人大工作简报\n\n第 12 期\n\n杭州市人大常委会办公厅编　　　　　　　　2024 年 6 月 5 日\n\n"
        "市人大常委会召开代表座谈会听取对优化营商环境工作的意见建议和呼声\n\n"
        "6月3日，市人大常委会召开代表座谈会，听取 15 名市人大代表的意见建议。与会代表\n"
        "共提出意见建议 42 条。\n\n（市人大常委会办公厅）\n"
    )
    document = bulletin_parse.parse(text)
    masthead = document.masthead
    assert (masthead.title, masthead.issue_no, masthead.date, masthead.publisher) == ("人大工作简报", "第12期", "2024-06-05", "杭州市人大常委会办公厅")
    (report,) = document.reports
    assert report.title == "市人大常委会召开代表座谈会听取对优化营商环境工作的意见建议和呼声"
    assert report.lead.startswith("6月3日，市人大常委会召开代表座谈会")
    assert [f.text for f in document.figures] == ["2024 年 6 月 5 日", "6月3日", "15 名", "42 条"]


REGIONS = [
    ("上城区:“三个好”强化经济工作监督力度", "(法工委　 王　 露)", "上城区"),
    ("西湖区人大常委会：代表联络站全覆盖", "(法工委　 王　 露)", "西湖区"),
    ("代表风采：一位老代表的履职故事", "(滨江区人大常委会办公室)", "滨江区"),
    ("代表风采：一位老代表的履职故事", "(法工委　 王　 露)", None),
    ("凤鸣镇：人大主席团推动饮水安全", "(县人大常委会办公室)", "凤鸣镇"),
]


@pytest.mark.parametrize("title,byline,region", REGIONS, ids=[row[0] for row in REGIONS])
def test_region_is_a_place(title, byline, region):
    text = f"{title}\n人大常委会聚焦民生实事开展专项监督。\n{byline}\n"
    assert bulletin_parse.parse(text).reports[0].region == region


def pdf(lines):
    """Text as a PDF gives it: every line followed by a blank line."""
    return "\n\n".join(lines) + "\n"


LEAD_LINES = [
    "今年以来，南江区人大常委会把民生实事项目代表票决制作为践行",
    "全过程人民民主的重要载体，组织代表全程参与项目征集、实施和",
    "评估，推动 12 个民生实事项目件件落地，群众满意率达 96.5%。",
]
MASTHEAD_CASES = [
    pytest.param(pdf(["人大工作简报", "第 8 期", "嘉北市人大常委会办公室　　　　　　2024 年 9 月 12 日",
                      "南江区：“三张清单”推动民生实事项目落地", *LEAD_LINES, "（南江区人大常委会办公室）"]),
                 "南江区：“三张清单”推动民生实事项目落地", id="pdf: publisher and date set out on one line"),
    pytest.param("内部资料　注意保存\n\n人大工作简报\n\n第21期\n\n嘉北市人大常委会办公室　　　　　　2024年9月12日\n"
                 "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n\n南江区人大常委会听取和审议民生实事项目\n办理情况工作\n\n"
                 + "\n".join(LEAD_LINES) + "\n\n（南江区人大常委会办公室）\n",
                 "南江区人大常委会听取和审议民生实事项目办理情况工作", id="wrapped: note above, rule below, title ending in 工作"),
    pytest.param("人大工作简报\n（内部资料　注意保存）\n第21期\n嘉北市人大常委会办公室　　2024年9月12日\n"
                 "南江区：“三张清单”推动民生实事项目落地\n" + "".join(LEAD_LINES) + "\n（南江区人大常委会办公室）\n",
                 "南江区：“三张清单”推动民生实事项目落地", id="web copy: bracketed note under the name"),
]


@pytest.mark.parametrize("text,title", MASTHEAD_CASES)
def test_masthead_shapes_leave_the_first_title_alone(text, title):
    document = bulletin_parse.parse(text)
    masthead = document.masthead
    assert (masthead.title, masthead.date, masthead.publisher) == ("人大工作简报", "2024-09-12", "嘉北市人大常委会办公室")
    assert masthead.issue_no in ("第8期", "第21期")
    (report,) = document.reports
    assert report.title == title and report.lead.startswith("今年以来")


def test_pdf_title_under_a_byline_near_the_wrap_width():
    text = pdf([*LEAD_LINES, "（南江区人大常委会办公室）", "北山镇：预算审查监督“三步走”管好用好“钱袋子”",
                "北山镇人大主席团坚持把预算审查监督作为履职重点，通过会前", "审早介入、会中议重质量、会后督重实效，推动财政资金用在",
                "刀刃上，全年审查部门预算 26 个。", "（北山镇人大主席团）"])
    reports = bulletin_parse.parse(text).reports
    assert [report.title for report in reports] == [None, "北山镇：预算审查监督“三步走”管好用好“钱袋子”"]
    assert reports[1].lead.startswith("北山镇人大主席团坚持")


def test_enumeration_inside_a_paragraph_stays_there_when_wrapped_to_a_line_start():
    text = pdf([
        "县民政局负责人在应询时表示，下一步将重点抓好以下几项工作：",
        "一是到 2025 年底实现镇级养老服务中心全覆盖，补齐农村短板；",
        "二是将养老护理员培训补贴提高到每人 2000 元；三是探索“物业",
        "+养老”模式，年内新增老年助餐点 15 个以上。",
        "二是会后跟踪促落实。常委会将询问中提出的问题梳理成清单，",
        "交县政府研究处理，并在年底前听取整改情况报告。",
        "（县人大常委会社会建设工委　 吴佳怡）",
    ])
    (report,) = bulletin_parse.parse(text).reports
    assert [point.marker for point in report.points] == ["一是", "二是"]
    assert "二是将养老护理员" in report.points[0].text
