"""The masthead on its own: small mastheads (invented places) in the layouts bulletins come in,
each followed by one short report, read through reflow as `segment` reads them. Each case gives
the fields (title, issue_no, total_no, date, publisher) and the zone: how many leading
paragraphs the masthead takes, so that the first report's title is never swallowed."""

from __future__ import annotations

import pytest
import regex

from bulletin_parse.masthead import masthead_zone, read_masthead
from bulletin_parse.reflow import paragraphs

HAS_CONTENT = regex.compile(r"[\p{L}\p{N}]")

TITLE = "青松县：代表联络站开展集中接待活动"
LEAD = "青松县人大常委会组织代表进站接待选民，收集意见建议 26 条，已全部交办。"
BYLINE = "（青松县人大常委会办公室）"
REPORT = f"{TITLE}\n{LEAD}\n{BYLINE}\n"
# A PDF page: lines wrapped at 30 characters, so that the layout is recognised as pdf.
PDF_LEAD = [
    "今年以来，青松县人大常委会把代表联络站建设作为践行全过程人民",
    "民主的重要载体，组织代表定期进站接待选民，听取群众意见建议，",
    "推动解决群众急难愁盼问题，全年收集意见建议 126 条，办结率达",
    "到百分之九十以上，群众满意度不断提升，代表履职更加扎实有效，",
    "联络站的阵地作用得到充分发挥，为全县经济社会发展凝聚了合力。",
    "下一步，县人大常委会将继续完善代表联络站运行机制，推动代表",
]


def pdf(*lines: str) -> str:
    """Text as a PDF gives it: a blank line after every line, then the report."""
    return "\n\n".join([*lines, TITLE, *PDF_LEAD, "工作常态化。", BYLINE]) + "\n"


def web(*lines: str) -> str:
    """Web copy: one paragraph per line."""
    return "\n".join(lines) + "\n" + REPORT


def content(text: str):
    """The paragraphs `segment` works on: rules and other lines without letters or digits dropped."""
    return [p for p in paragraphs(text)[1] if HAS_CONTENT.search(p.text)]


NONE = (None, None, None, None, None)
CASES = [
    # (id, text, (title, issue_no, total_no, date, publisher), zone)
    (
        "web: name, issue, publisher and date set out",
        web("人大工作简报", "第3期", "青松县人大常委会办公室　　　　2024年3月5日"),
        ("人大工作简报", "第3期", None, "2024-03-05", "青松县人大常委会办公室"),
        3,
    ),
    (
        "pdf: blank line after every line, spaces around digits",
        pdf("人大工作简报", "第 8 期", "嘉禾市人大常委会办公室　　　　　　2024 年 9 月 12 日"),
        ("人大工作简报", "第8期", None, "2024-09-12", "嘉禾市人大常委会办公室"),
        3,
    ),
    (
        "pdf: name letter-spaced, rule under the masthead",
        pdf("人 大 工 作 简 报", "第 5 期", "云岭市人大常委会办公厅　　　2024 年 6 月 3 日", "━━━━━━━━━━━━━━━━━━━━"),
        ("人大工作简报", "第5期", None, "2024-06-03", "云岭市人大常委会办公厅"),
        3,
    ),
    (
        "人大简讯, year and issue, note, publisher and date on own lines, rule",
        web("人大简讯", "2024年第5期", "内部资料　注意保存", "汉川市人大常委会办公室", "2024年5月20日", "━━━━━━━━━━━━"),
        ("人大简讯", "第5期", None, "2024-05-20", "汉川市人大常委会办公室"),
        5,
    ),
    (
        "issue with total, Chinese date on the publisher line",
        pdf("人大简报", "第12期（总第156期）", "天河市人大常委会办公室　　二〇二三年七月十日", "━━━━━━━━━━━━━━━━"),
        ("人大简报", "第12期", "总第156期", "2023-07-10", "天河市人大常委会办公室"),
        3,
    ),
    (
        "year, issue and total",
        web("人大工作动态", "2024年第3期（总第156期）", "江岸市人大常委会办公室　2024年7月12日"),
        ("人大工作动态", "第3期", "总第156期", "2024-07-12", "江岸市人大常委会办公室"),
        3,
    ),
    (
        "ASCII brackets around the total",
        pdf("人大工作简报", "第6期(总第98期)", "北辰省人大常委会研究室", "2025年4月2日", "━━━━━━━━━━━━━━━━"),
        ("人大工作简报", "第6期", "总第98期", "2025-04-02", "北辰省人大常委会研究室"),
        4,
    ),
    (
        "total alone",
        web("人大工作简报", "", "总第218期", "", "柯桥区人大常委会办公室　　　　　　2024年6月3日"),
        ("人大工作简报", None, "总第218期", "2024-06-03", "柯桥区人大常委会办公室"),
        3,
    ),
    (
        "Chinese numeral issue",
        web("人大动态", "第十二期", "松江县人大常委会办公室　　2023年12月28日"),
        ("人大动态", "第十二期", None, "2023-12-28", "松江县人大常委会办公室"),
        3,
    ),
    (
        "Chinese year and issue, date with ○ standing alone",
        web("人大动态", "", "二〇一八年第二期", "", "天成市人大常委会办公厅", "", "二○一八年二月一日", ""),
        ("人大动态", "第二期", None, "2018-02-01", "天成市人大常委会办公厅"),
        4,
    ),
    (
        "traditional: 人大工作簡報, 辦公廳",
        web("人大工作簡報", "第4期", "甘南省人大常委會辦公廳", "二〇二二年八月八日"),
        ("人大工作簡報", "第4期", None, "2022-08-08", "甘南省人大常委會辦公廳"),
        4,
    ),
    (
        "traditional: 人大動態, 總第, 內部資料",
        web("人大動態", "（內部資料　注意保存）", "2023年第9期（總第120期）", "雲城市人大常委會辦公室　　2023年9月1日"),
        ("人大動態", "第9期", "總第120期", "2023-09-01", "雲城市人大常委會辦公室"),
        4,
    ),
    (
        "traditional pdf: 人大工作交流, 研究室",
        pdf("人大工作交流", "第4期", "甘西省人大常委會研究室", "2022年8月8日", "━━━━━━━━━━━━━━━━"),
        ("人大工作交流", "第4期", None, "2022-08-08", "甘西省人大常委會研究室"),
        4,
    ),
    (
        "name with its bracketed qualifier on one line",
        web("人大工作简报（专报）", "第15期", "西川省人大常委会办公厅　　　　2025年3月28日"),
        ("人大工作简报（专报）", "第15期", None, "2025-03-28", "西川省人大常委会办公厅"),
        3,
    ),
    (
        "qualifier on a line of its own",
        web("人大工作简报", "(专报)", "第15期", "西川省人大常委会办公厅　　　　2025年3月28日"),
        ("人大工作简报", "第15期", None, "2025-03-28", "西川省人大常委会办公厅"),
        4,
    ),
    (
        "常委会工作通讯, tabs between publisher and date",
        web("常委会工作通讯", "第7期（总第213期）", "齐安市人大常委会办公室\t\t2023年7月3日"),
        ("常委会工作通讯", "第7期", "总第213期", "2023-07-03", "齐安市人大常委会办公室"),
        3,
    ),
    (
        "人大信息 and an 编者按 under the masthead",
        web(
            "人大信息",
            "",
            "2018年第2期",
            "",
            "京南市人大常委会研究室",
            "",
            "2018年3月6日",
            "",
            "  编者按:2018年是全面贯彻党的十九大精神的开局之年。各区人大常委会依法履职，取得了新的成效。本期摘编部分区的做法，供参考。",
            "",
        ),
        ("人大信息", "第2期", None, "2018-03-06", "京南市人大常委会研究室"),
        5,
    ),
    (
        "人大工作快报, publisher with 编",
        web("人大工作快报", "第21期", "临溪市人大常委会办公室编　　2024年11月2日"),
        ("人大工作快报", "第21期", None, "2024-11-02", "临溪市人大常委会办公室"),
        3,
    ),
    (
        "代表工作简报, 主办 label naming the 人大常委会",
        web("代表工作简报", "第2期", "主办：东湖县人大常委会", "2024年2月26日"),
        ("代表工作简报", "第2期", None, "2024-02-26", "东湖县人大常委会"),
        4,
    ),
    (
        "bracketed note under the name",
        web("人大工作简报", "（内部资料　注意保存）", "第21期", "嘉禾市人大常委会办公室　　2024年9月12日"),
        ("人大工作简报", "第21期", None, "2024-09-12", "嘉禾市人大常委会办公室"),
        4,
    ),
    (
        "内部刊物 above the name, rule between name and issue",
        web("内部刊物", "人大工作简报", "━━━━━━━━━━━━", "第9期", "宁海区人大常委会办公室　　　2024年10月15日", "────────────"),
        ("人大工作简报", "第9期", None, "2024-10-15", "宁海区人大常委会办公室"),
        4,
    ),
    (
        "everything on one line",
        web("人大简报　第3期　青松县人大常委会办公室　2024年3月5日"),
        ("人大简报", "第3期", None, "2024-03-05", "青松县人大常委会办公室"),
        1,
    ),
    (
        "issue in brackets on the name line, date in brackets",
        web("人大工作简报（第3期）", "（2024年3月5日）"),
        ("人大工作简报", "第3期", None, "2024-03-05", None),
        2,
    ),
    (
        "organisation above the name",
        web("东湖县人大常委会", "人大工作简报", "第3期", "2024年3月5日"),
        ("人大工作简报", "第3期", None, "2024-03-05", "东湖县人大常委会"),
        4,
    ),
    (
        "full-width digits",
        web("人大简报", "第３期", "青松县人大常委会办公室　２０２４年３月５日"),
        ("人大简报", "第３期", None, "2024-03-05", "青松县人大常委会办公室"),
        3,
    ),
    (
        "date without a day",
        web("人大工作简报", "第5期", "南湖县人大常委会办公室编　　2023年11月"),
        ("人大工作简报", "第5期", None, "2023-11", "南湖县人大常委会办公室"),
        3,
    ),
    (
        "wrapped: the date broken over two lines",
        "人大工作简报\n第5期\n南湖县人大常委会办公室编　　2023年11月\n3日\n\n"
        + TITLE
        + "\n\n"
        + "".join(line + "\n" for line in PDF_LEAD)
        + "\n"
        + BYLINE
        + "\n",
        ("人大工作简报", "第5期", None, "2023-11-03", "南湖县人大常委会办公室"),
        3,
    ),
    (
        "report title with 信息 under the masthead",
        "人大动态\n第5期\n白河县人大常委会办公室　　2024年4月18日\n县人大常委会召开代表信息员培训会\n" + LEAD + "\n" + BYLINE + "\n",
        ("人大动态", "第5期", None, "2024-04-18", "白河县人大常委会办公室"),
        3,
    ),
    (
        "report title ending in 工作 under the issue line",
        "人大工作简报\n第9期\n宁海区人大常委会办公室　　　2024年10月15日\n审计查出问题整改工作\n" + LEAD + "\n" + BYLINE + "\n",
        ("人大工作简报", "第9期", None, "2024-10-15", "宁海区人大常委会办公室"),
        3,
    ),
    (
        "report title ending in 情况 under a date",
        "人大信息\n2024年第1期\n2024年1月8日\n代表建议办理情况\n" + LEAD + "\n" + BYLINE + "\n",
        ("人大信息", "第1期", None, "2024-01-08", None),
        3,
    ),
    ("the name alone, a title under it", "人大动态\n\n" + REPORT, ("人大动态", None, None, None, None), 1),
    ("name-like title over a lead: no masthead", "代表履职动态\n" + LEAD + "\n" + BYLINE + "\n", NONE, 0),
    ("no masthead: opens with a report title", REPORT, NONE, 0),
    ("no masthead: opens with a title ending in 工作", "区人大常委会跟踪监督审计查出问题整改工作\n" + LEAD + "\n" + BYLINE + "\n", NONE, 0),
    ("no masthead: pdf", "\n\n".join([TITLE, *PDF_LEAD, "工作常态化。", BYLINE]) + "\n", NONE, 0),
]


@pytest.mark.parametrize("text,fields,zone", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_masthead(text, fields, zone):
    found = content(text)
    assert masthead_zone(found) == zone
    masthead, _ = read_masthead(found[:zone])
    assert (masthead.title, masthead.issue_no, masthead.total_no, masthead.date, masthead.publisher) == fields
    assert masthead.lines == ((found[0].first_line, found[zone - 1].last_line) if zone else None)
    first_report = found[zone].text
    assert first_report.startswith(("青松县", "县人大常委会", "审计查出", "代表", "区人大常委会")), first_report


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if case[0].startswith(("pdf", "issue with total", "ASCII", "traditional pdf"))],
    ids=lambda case: case[0],
)
def test_pdf_cases_are_read_as_pdf(case):
    assert paragraphs(case[1])[0] == "pdf"


LEFTOVERS = [
    (
        "notes and the qualifier line are handed back",
        web("内部刊物", "人大工作简报", "(专报)", "第15期", "西川省人大常委会办公厅　　2025年3月28日"),
        ["内部刊物", "(专报)"],
    ),
    (
        "an 编者按 is handed back",
        web("人大信息", "第2期", "2018年3月6日", "编者按：本期摘编部分区的做法，供参考。"),
        ["编者按：本期摘编部分区的做法，供参考。"],
    ),
    ("publishing words are not", web("人大简报", "第3期", "青松县人大常委会办公室编印", "2024年3月5日印发"), []),
]


@pytest.mark.parametrize("text,leftovers", [case[1:] for case in LEFTOVERS], ids=[case[0] for case in LEFTOVERS])
def test_what_the_fields_do_not_hold_is_handed_back(text, leftovers):
    found = content(text)
    _, left = read_masthead(found[: masthead_zone(found)])
    assert [p.text for p in left] == leftovers


def test_a_long_first_paragraph_is_no_masthead():
    text = "人大工作简报" + "第3期" * 100_000 + "\n" + REPORT
    assert masthead_zone(content(text)) == 0
