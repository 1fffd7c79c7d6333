"""Structure: layouts, masthead, reports, points, bylines, footer — on samples written for the
project and on the real bulletin in samples/."""

import pytest

import bulletin_parse
from bulletin_parse.reflow import paragraphs
from paths import SAMPLES, SEED


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


# lines about one width are no wrap when they end their sentences: a paragraph a line
SHORT_ITEMS = [
    "人大工作动态",
    "第12期",
    "区人大常委会召开第二十三次会议",
    "11月18日，区人大常委会召开第二十三次会议。",
    "会议听取了区政府关于营商环境工作的报告。",
    "会议要求持续清理涉企收费，减轻企业负担。",
    "（区人大常委会办公室　陈立）",
    "柳岸街道：选民接待日收集问题23件",
    "11月15日，街道人大工委组织代表接待选民。",
    "代表们收集道路维修、停车管理等问题23件。",
]
# the same width, cut wherever the width ran out
WRAPPED_ITEMS = [
    "人大工作动态",
    "第12期",
    "区人大常委会召开第二十三次会议",
    "11月18日，区人大常委会召开第二十三次会议，会",
    "议听取了区政府关于营商环境工作的报告，要求持",
    "续清理涉企收费，减轻企业负担。",
    "（区人大常委会办公室　陈立）",
    "柳岸街道：选民接待日收集问题23件",
    "11月15日，街道人大工委组织代表接待选民，代",
    "表们收集道路维修、停车管理等问题23件。",
]


@pytest.mark.parametrize(
    ("lines", "separator", "layout"),
    [
        (SHORT_ITEMS, "\n", "paragraph-per-line"),
        (SHORT_ITEMS, "\n\n", "paragraph-per-line"),
        (WRAPPED_ITEMS, "\n", "wrapped"),
        (WRAPPED_ITEMS, "\n\n", "pdf"),
    ],
)
def test_lines_of_one_width_are_wrapped_only_when_cut_mid_sentence(lines, separator, layout):
    assert paragraphs(separator.join(lines) + "\n")[0] == layout


@pytest.mark.parametrize(
    ("lines", "separator"),
    [
        (SHORT_ITEMS, "\n"),
        (SHORT_ITEMS, "\n\n"),
        pytest.param(
            WRAPPED_ITEMS,
            "\n",
            marks=pytest.mark.xfail(
                strict=True,
                reason="hard-wrapped without blank lines: a title wider than 0.6 of the wrap right under the masthead runs on into the lead",
            ),
        ),
        (WRAPPED_ITEMS, "\n\n"),
    ],
)
def test_titles_of_one_width_with_their_text(lines, separator):
    reports = bulletin_parse.parse(separator.join(lines) + "\n").reports
    assert [report.title for report in reports] == [lines[2], lines[7]]
    assert reports[1].lead.startswith("11月15日，街道人大工委组织代表接待选民")


def test_a_paragraph_a_line_keeps_the_title_over_its_lead():
    first = bulletin_parse.parse("\n".join(SHORT_ITEMS)).reports[0]
    assert first.title == SHORT_ITEMS[2] and first.lead == "\n".join(SHORT_ITEMS[3:6])


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
        (
            "县人大常委会开展“民生实事”项目票决制工作回头看",
            "南湖县",
            [
                "摸清底数",
                "听取意见",
                "实地查看",
                "问题交办",
                "限时整改",
                "跟踪督办",
                "公开结果",
                "代表评议",
                "建章立制",
                "总结提升",
                "成果运用",
            ],
            "南湖县人大常委会办公室",
            [],
        ),
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
    assert (masthead.title, masthead.issue_no, masthead.date, masthead.publisher) == (
        "人大工作简报",
        "第12期",
        "2024-06-05",
        "杭州市人大常委会办公厅",
    )
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
    ("珠溪：代表建议实行“三色预警”", "(研究室)", "珠溪"),  # a small place jieba does not know
    ("秭歸縣：人大代表聯絡站全覆蓋", "(研究室)", "秭歸縣"),  # traditional, as written
    ("四川：代表进家入站", "(研究室)", "四川"),
    ("履职一线：一位老代表的故事", "(研究室)", None),  # a column name
    ("杨秀兰：做群众身边的暖心人", "(研究室)", None),  # a person
    ("青禾县人大常委会召开党组会议", "(研究室)", "青禾县"),  # the congress opening the title
    ("横山区人大考察团来我县考察联络站建设", "(研究室)", None),  # a visitor
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
    pytest.param(
        pdf(
            [
                "人大工作简报",
                "第 8 期",
                "嘉北市人大常委会办公室　　　　　　2024 年 9 月 12 日",
                "南江区：“三张清单”推动民生实事项目落地",
                *LEAD_LINES,
                "（南江区人大常委会办公室）",
            ]
        ),
        "南江区：“三张清单”推动民生实事项目落地",
        id="pdf: publisher and date set out on one line",
    ),
    pytest.param(
        "内部资料　注意保存\n\n人大工作简报\n\n第21期\n\n嘉北市人大常委会办公室　　　　　　2024年9月12日\n"
        "━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n\n南江区人大常委会听取和审议民生实事项目\n办理情况工作\n\n"
        + "\n".join(LEAD_LINES)
        + "\n\n（南江区人大常委会办公室）\n",
        "南江区人大常委会听取和审议民生实事项目办理情况工作",
        id="wrapped: note above, rule below, title ending in 工作",
    ),
    pytest.param(
        "人大工作简报\n（内部资料　注意保存）\n第21期\n嘉北市人大常委会办公室　　2024年9月12日\n"
        "南江区：“三张清单”推动民生实事项目落地\n" + "".join(LEAD_LINES) + "\n（南江区人大常委会办公室）\n",
        "南江区：“三张清单”推动民生实事项目落地",
        id="web copy: bracketed note under the name",
    ),
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
    text = pdf(
        [
            *LEAD_LINES,
            "（南江区人大常委会办公室）",
            "北山镇：预算审查监督“三步走”管好用好“钱袋子”",
            "北山镇人大主席团坚持把预算审查监督作为履职重点，通过会前",
            "审早介入、会中议重质量、会后督重实效，推动财政资金用在",
            "刀刃上，全年审查部门预算 26 个。",
            "（北山镇人大主席团）",
        ]
    )
    reports = bulletin_parse.parse(text).reports
    assert [report.title for report in reports] == [None, "北山镇：预算审查监督“三步走”管好用好“钱袋子”"]
    assert reports[1].lead.startswith("北山镇人大主席团坚持")


def test_enumeration_inside_a_paragraph_stays_there_when_wrapped_to_a_line_start():
    text = pdf(
        [
            "县民政局负责人在应询时表示，下一步将重点抓好以下几项工作：",
            "一是到 2025 年底实现镇级养老服务中心全覆盖，补齐农村短板；",
            "二是将养老护理员培训补贴提高到每人 2000 元；三是探索“物业",
            "+养老”模式，年内新增老年助餐点 15 个以上。",
            "二是会后跟踪促落实。常委会将询问中提出的问题梳理成清单，",
            "交县政府研究处理，并在年底前听取整改情况报告。",
            "（县人大常委会社会建设工委　 吴佳怡）",
        ]
    )
    (report,) = bulletin_parse.parse(text).reports
    assert [point.marker for point in report.points] == ["一是", "二是"]
    assert "二是将养老护理员" in report.points[0].text


SECTIONED = (
    "关于代表联络站运行情况的调研报告\n（市人大常委会代表工委）\n"
    "为了解联络站运行情况，调研组走访联络站23个。\n"
    "一、基本情况\n"
    "（一）站点布局基本完成。全市共建成联络站216个。\n"
    "（二）活动制度逐步规范。\n"
    "一是建立接待日制度。每月接待群众一次。\n"
    "二、存在的问题\n"
    "调研组认为存在三个短板：一是活动不均衡；二是反馈不及时；三是信息化偏低。\n"
)


def test_sections_are_views_inside_one_report():
    document = bulletin_parse.parse(SECTIONED)
    (report,) = document.reports
    assert [(s.level, s.marker, s.heading) for s in report.sections] == [
        (1, "一、", "基本情况"),
        (2, "（一）", "站点布局基本完成"),
        (2, "（二）", "活动制度逐步规范"),
        (1, "二、", "存在的问题"),
    ]
    for section in report.sections:
        assert SECTIONED[section.span[0] : section.span[1]] == section.marker + section.heading
    assert "一、基本情况" in report.lead  # the heading's text stays where it stands
    (point,) = report.points
    assert (point.heading, point.section) == ("建立接待日制度", 2)
    assert [(item.ordinal, item.text, item.point) for item in report.inline_points] == [
        (1, "活动不均衡", 1),
        (2, "反馈不及时", 1),
        (3, "信息化偏低", 1),
    ]
    sections = {figure.text: figure.section for figure in document.figures}
    assert (sections["23个"], sections["216个"], sections["三个"]) == (None, 1, 3)


def test_running_headers_and_page_numbers_are_layout():
    text = pdf(
        [
            "人大工作简报",
            "第 3 期",
            "南江区：代表联络站实现全覆盖",
            *LEAD_LINES[:2],
            "— 1 —",
            "\f人大工作简报",
            LEAD_LINES[2],
            "（南江区人大常委会办公室）",
            "北山镇：预算审查监督“三步走”",
            "— 2 —",
            "\f人大工作简报",
            "北山镇人大主席团坚持把预算审查监督作为履职重点，全年审查",
            "部门预算 26 个。",
            "（北山镇人大主席团）",
        ]
    )
    document = bulletin_parse.parse(text)
    lines = text.split("\n")
    assert [lines[n - 1].strip() for n in document.source.layout_lines] == ["— 1 —", "人大工作简报", "— 2 —", "人大工作简报"]
    assert [r.title for r in document.reports] == ["南江区：代表联络站实现全覆盖", "北山镇：预算审查监督“三步走”"]
    assert document.reports[0].lead.endswith("群众满意率达96.5%。")
    assert document.masthead.title == "人大工作简报"


DATELINE_CASES = [
    ("本报讯（记者 孙立 实习生 赵一帆）近日，县人大常委会召开会议。", None, ["孙立", "赵一帆"]),
    ("新华社北京12月4日电（记者 罗清扬）全国人大常委会法工委召开座谈会。", "新华社", ["罗清扬"]),
    ("本刊讯　近日，县人大常委会召开会议。", None, []),
]


@pytest.mark.parametrize("lead,organization,authors", DATELINE_CASES, ids=[row[0][:12] for row in DATELINE_CASES])
def test_a_dateline_stays_in_the_lead_and_fills_the_byline(lead, organization, authors):
    (report,) = bulletin_parse.parse(f"县人大常委会召开代表座谈会\n{lead}\n会议听取了代表意见。\n").reports
    assert report.lead.startswith(lead[:3])  # the dateline stays in the lead
    assert (report.byline.organization, report.byline.authors) == (organization, authors)
    assert report.byline.span[0] == len("县人大常委会召开代表座谈会\n")


def test_author_line_above_a_title_and_a_byline_glued_to_the_last_paragraph():
    text = (
        "□ 张国华　刘晓敏\n西乡县：代表建议办理“回头看”\n今年以来，县人大常委会开展代表建议办理回头看。\n"
        "岐山县：代表之家建到村\n近日，县人大常委会在各村建成代表之家。（岐山县人大常委会办公室　李　强）\n"
    )
    reports = bulletin_parse.parse(text).reports
    assert [(r.title, r.byline.organization, r.byline.authors) for r in reports] == [
        ("西乡县：代表建议办理“回头看”", None, ["张国华", "刘晓敏"]),
        ("岐山县：代表之家建到村", "岐山县人大常委会办公室", ["李强"]),
    ]
    assert reports[1].lead == "近日，县人大常委会在各村建成代表之家。"


def test_a_column_banner_is_no_report_and_each_brief_is_one():
    text = (
        "【基层动态】\n东岭县人大常委会组织代表视察老旧小区改造。（东岭县人大常委会办公室）\n"
        "近日，西坪镇人大主席团设立民意收集箱。\n（西坪镇人大主席团）\n"
    )
    document = bulletin_parse.parse(text)
    assert [(r.title, r.byline.organization) for r in document.reports] == [(None, "东岭县人大常委会办公室"), (None, "西坪镇人大主席团")]
    assert [piece.text for piece in document.unassigned] == ["【基层动态】"]
