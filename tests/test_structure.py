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
    ("pdf-pages.txt", ("人大工作简报", "第18期", "2024-10-15", "临江市人大常委会办公厅")),
    ("web-copy-crlf.txt", ("人大工作动态", "2024年第7期（总第215期）", "2024-07-12", "江城市人大常委会办公室")),
    ("wrapped-gb18030.txt", ("人大工作简报", "第5期", "2023-11-03", "南湖县人大常委会办公室")),
    ("hangzhou-bulletin.txt", (None, None, None, None)),
]


@pytest.mark.parametrize("name,fields", MASTHEADS, ids=[row[0] for row in MASTHEADS])
def test_masthead(name, fields):
    masthead = parse_sample(name).masthead
    assert (masthead.title, masthead.issue_no, masthead.date, masthead.publisher) == fields


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
