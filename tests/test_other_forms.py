"""Forms bulletins from other provinces take, first seen in the blind sets tests/bulletins/f1-g3:
each row is a small bulletin written for this table and what a reader expects of it."""

from __future__ import annotations

import pytest

import bulletin_parse

BODY = "县人大常委会召开代表座谈会\n会议听取了代表意见，对下一步工作提出了具体要求。\n（县人大常委会办公室　陈立）\n"


@pytest.mark.parametrize(
    ("head", "masthead"),
    [
        (  # a congress's own name over the issue, a note above it, name and date set out on one line
            "内部资料　注意保存\n枫城人大\n第11期（总第346期）\n枫城市人大常委会办公室主办　　二〇二四年六月二十日\n",
            ("枫城人大", "第11期", "总第346期", "2024-06-20", "枫城市人大常委会办公室"),
        ),
        (
            "（此件公开发布）\n常委会简报\n2024年第7期\n岑川县人大常委会研究室　　2024年7月10日\n",
            ("常委会简报", "第7期", None, "2024-07-10", "岑川县人大常委会研究室"),
        ),
        (  # a township's presidium, a month without a day
            "青岗镇人大工作动态\n第3期\n青岗镇人大主席团　　　　2024年3月\n",
            ("青岗镇人大工作动态", "第3期", None, "2024-03", "青岗镇人大主席团"),
        ),
        (  # a committee of the standing committee publishes
            "代表建议办理工作专报\n第2期\n枫川市人大常委会选举任免联络工作委员会　　2024年9月20日\n",
            ("代表建议办理工作专报", "第2期", None, "2024-09-20", "枫川市人大常委会选举任免联络工作委员会"),
        ),
        (  # the issue's kind in brackets between the name and the issue
            "人大工作通讯\n（代表工作专刊）\n2024年第8期\n岷川省人大常委会办公厅编印　　2024年10月21日\n",
            ("人大工作通讯", "第8期", None, "2024-10-21", "岷川省人大常委会办公厅"),
        ),
    ],
)
def test_masthead_forms(head, masthead):
    document = bulletin_parse.parse(head + BODY)
    found = document.masthead
    assert (found.title, found.issue_no, found.total_no, found.date, found.publisher) == masthead
    assert [report.title for report in document.reports] == ["县人大常委会召开代表座谈会"]


@pytest.mark.parametrize(
    ("closing", "organization", "authors"),
    [
        ("（供稿：白鹭镇人大　何春雨）", "白鹭镇人大", ["何春雨"]),  # a source label, then who wrote for it
        ("（来源：青禾县人大）", "青禾县人大", []),
        ("（青禾县人大常委会办公室供稿）", "青禾县人大常委会办公室", []),
        ("通讯员　孙小北", None, ["孙小北"]),  # a person's role set apart by a blank, on its own line
        ("通讯员　龚　雪", None, ["龚雪"]),
    ],
)
def test_closing_byline_forms(closing, organization, authors):
    text = "县人大常委会开展执法检查\n检查组深入企业和工地，实地察看了扬尘治理情况。\n" + closing + "\n"
    (report,) = bulletin_parse.parse(text).reports
    assert report.byline is not None and (report.byline.organization, report.byline.authors) == (organization, authors)
    assert report.title == "县人大常委会开展执法检查"


def test_a_credit_under_the_title_is_the_byline_not_the_title():
    text = "◆ 代表在行动\n白沙镇人大代表当起“河小二”守护一江清水\n通讯员　罗小川\n早上六点多，代表蒋红梅就沿着江堤开始了一天的巡河。\n"
    document = bulletin_parse.parse(text)
    (report,) = document.reports
    assert report.title == "白沙镇人大代表当起“河小二”守护一江清水"
    assert report.byline is not None and report.byline.authors == ["罗小川"]
    assert [item.text for item in document.unassigned] == ["◆代表在行动"]


@pytest.mark.parametrize("banner", ["▲ 监督纵横", "◆ 代表在行动", "■代表风采", "【工作动态】"])
def test_a_banner_is_no_part_of_the_title_under_it(banner):
    document = bulletin_parse.parse(banner + "\n" + BODY)
    assert [report.title for report in document.reports] == ["县人大常委会召开代表座谈会"]
    assert len(document.unassigned) == 1


def test_briefs_with_their_headline_run_in():
    """■ 地名：标题　正文…: the headline is the brief's title, the mark kept in unassigned."""
    text = (
        "【区县传真】\n"
        "■ 沿河区：开展代表述职评议　6月28日，沿河区人大常委会组织12名区人大代表向原选区选民述职。\n"
        "（沿河区人大常委会代表工作室　林　可）\n"
        "■ 望川县：视察乡村学校建设　7月2日，望川县人大常委会组织代表视察乡村学校建设情况。\n"
        "■ 白沙县：举办乡镇人大干部培训班　7月9日，白沙县人大常委会举办乡镇人大干部培训班。\n"
        "（来源：白沙县人大）\n"
    )
    document = bulletin_parse.parse(text)
    assert [(r.title, r.region, r.lead[:5]) for r in document.reports] == [
        ("沿河区：开展代表述职评议", "沿河区", "6月28日"),
        ("望川县：视察乡村学校建设", "望川县", "7月2日，"),
        ("白沙县：举办乡镇人大干部培训班", "白沙县", "7月9日，"),
    ]
    assert [item.text for item in document.unassigned] == ["【区县传真】", "■", "■", "■"]


def test_a_dateline_under_a_title_as_wide_as_the_text_starts_the_lead():
    lines = [
        "人大工作简报",
        "",
        "第6期",
        "",
        "市人大常委会开展《沅安市城市养犬管理条例》执法",  # as wide as the text
        "",
        "本刊讯　6 月 5 日至 7 日，市人大常委会副主任宋家铭带队",
        "",
        "对条例贯彻实施情况开展执法检查，召开座谈会 3 场，听",
        "",
        "取了市公安局、市城市管理局等部门的工作汇报。",
        "",
    ]
    (report,) = bulletin_parse.parse("\n".join(lines)).reports
    assert report.title == "市人大常委会开展《沅安市城市养犬管理条例》执法"
    assert report.lead.startswith("本刊讯") and report.byline is not None and report.byline.raw == "本刊讯"


def test_a_speech_in_the_province_names_no_region():
    text = "在全省人大代表工作会议上的讲话（摘要）\n同志们：这次会议的主要任务是总结工作、部署任务。\n（省人大常委会办公厅）\n"
    (report,) = bulletin_parse.parse(text).reports
    assert report.region is None


def test_a_column_of_numbered_briefs():
    """1.石门镇人大开展…: numbered headlines naming who acted, the first over a paragraph that opens a
    brief, are the briefs' titles (their numbers kept in unassigned); a report's own 1./2. list is not."""
    text = (
        "【工作动态】\n"
        "1.石门镇人大开展农村人居环境整治专项视察\n"
        "9月12日，石门镇人大主席团组织代表视察全镇农村人居环境整治工作。\n"
        "2.城关镇人大组织代表走访辖区重点企业\n"
        "为帮助企业纾困解难，城关镇人大组织代表走访了5家重点企业。\n"
        "县人大常委会召开主任会议\n"
        "会议提出三点要求：\n"
        "1.县政府要加大投入\n"
        "2.各乡镇要落实责任\n"
        "（县人大常委会办公室）\n"
    )
    document = bulletin_parse.parse(text)
    assert [report.title for report in document.reports] == [
        "石门镇人大开展农村人居环境整治专项视察",
        "城关镇人大组织代表走访辖区重点企业",
        "县人大常委会召开主任会议",
    ]
    assert [item.text for item in document.unassigned] == ["【工作动态】", "1.", "2."]


def test_a_file_of_two_issues():
    """The second issue's head and the first one's footer, between reports, are no reports."""
    issue = (
        "人大信息\n第{n}期\n枫川市人大常委会办公厅　　2024年7月{day}日\n"
        "梧桐县：院坝议事会议出新路子\n今年以来，梧桐县人大常委会在全县推行院坝议事会。\n（梧桐县人大常委会办公室　邱实）\n"
        "报：省人大常委会办公厅。\n送：市人民政府办公室。\n（共印90份）\n"
    )
    document = bulletin_parse.parse(issue.format(n=7, day=12) + issue.format(n=8, day=26))
    assert (document.masthead.issue_no, document.masthead.date) == ("第7期", "2024-07-12")
    assert [report.title for report in document.reports] == ["梧桐县：院坝议事会议出新路子"] * 2
    assert [item.text for item in document.unassigned][:4] == [
        "报：省人大常委会办公厅。",
        "送：市人民政府办公室。",
        "（共印90份）",
        "人大信息",
    ]
