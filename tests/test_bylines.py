"""Bylines, author lines, datelines and bylines glued to a paragraph's end (bylines.py), on forms
modelled on real bulletins, with names and units made up for these tests."""

import pytest

from bulletin_parse.bylines import (
    is_byline,
    read_author_line,
    read_byline,
    read_dateline,
    trailing_byline_start,
)
from bulletin_parse.paragraph_table import Paragraph
from bulletin_parse.reflow import paragraphs, sub_paragraph

TITLE = "青柳镇：人大主席团推动饮水安全"
LEAD = "青柳镇人大主席团聚焦民生实事开展专项监督。"


def squeeze(text):
    return "".join(text.split())


def paragraph_of(text, index):
    paragraph = paragraphs(text)[1][index]
    return text, paragraph


def line_under_a_report(line):
    """The source and the paragraph of `line` standing on its own under a report's lead."""
    source, paragraph = paragraph_of(f"{TITLE}\n{LEAD}\n{line}\n", 2)
    assert paragraph.text == squeeze(line)
    return source, paragraph


def lead_of(lead):
    source, paragraph = paragraph_of(f"{TITLE}\n{lead}\n", 1)
    assert paragraph.text.startswith(squeeze(lead)[:4])
    return source, paragraph


def rows_with_ids(rows):
    return [pytest.param(*row, id=row[0]) for row in rows]


# (line as written, organisation, authors)
BYLINES = [
    # organisation and names, spaced as PDF layout spaces them
    ("(法工委　 王　 露)", "法工委", ["王露"]),
    ("（南岭区人大常委会办公室）", "南岭区人大常委会办公室", []),
    ("(北沙区人大常委会预算工委　 石　 岚)", "北沙区人大常委会预算工委", ["石岚"]),
    ("（东湖区人大常委会办公室　钟培林）", "东湖区人大常委会办公室", ["钟培林"]),
    ("(青柳镇人大主席团　 严　 刚　 郝　 云)", "青柳镇人大主席团", ["严刚", "郝云"]),
    ("（西塘区人大常委会办公室 韩立 吴芳）", "西塘区人大常委会办公室", ["韩立", "吴芳"]),
    ("(宁川市人大常委会　 邱东明)", "宁川市人大常委会", ["邱东明"]),
    ("(邵　 斌)", None, ["邵斌"]),
    ("（蒋　欣）", None, ["蒋欣"]),
    ("(南岭区人大常委会 代表工委　 柳　 青)", "南岭区人大常委会代表工委", ["柳青"]),
    # names only, parted by spaces, ideographic spaces or 、
    ("(梁雪梅　兰溪)", None, ["梁雪梅", "兰溪"]),
    ("（贺智、潘显全）", None, ["贺智", "潘显全"]),
    ("（韦东）", None, ["韦东"]),
    ("(欧阳晓峰)", None, ["欧阳晓峰"]),
    ("（古丽娜·吐尔逊）", None, ["古丽娜·吐尔逊"]),
    # roles are neither authors nor organisation
    ("（记者 韩立　通讯员 吴芳）", None, ["韩立", "吴芳"]),
    ("（全媒体记者 孟凡 实习生 邓一帆）", None, ["孟凡", "邓一帆"]),
    ("(图文| 南溪融媒记者 卢辉)", None, ["卢辉"]),
    ("（融媒体记者 芦晓 首席记者 钱刚）", None, ["芦晓", "钱刚"]),
    ("（特约通讯员 苗青）", None, ["苗青"]),
    ("（摄影记者 侯磊）", None, ["侯磊"]),
    ("（文/林深）", None, ["林深"]),
    ("（文/图 史越）", None, ["史越"]),
    ("（编辑 姚瑶）", None, ["姚瑶"]),
    ("（摄影 马骁）", None, ["马骁"]),
    ("（童乐 摄）", None, ["童乐"]),
    ("（县融媒体中心记者 龚亮）", None, ["龚亮"]),
    # office-only bylines
    ("（研究室）", "研究室", []),
    ("（资料室）", "资料室", []),
    ("（法工委）", "法工委", []),
    ("（县人大办）", "县人大办", []),
    ("（南岭区人大常委会代表联络室）", "南岭区人大常委会代表联络室", []),
    # source lines
    ("(来源:江北人大)", "江北人大", []),
    ("(消息来源:县人大办)", "县人大办", []),
    ("(来源:民声周报)", "民声周报", []),
    ("（供稿：云溪县人大常委会办公室）", "云溪县人大常委会办公室", []),
    ("（作者单位：北沙区人大常委会研究室）", "北沙区人大常委会研究室", []),
    ("（作者：柏思远 来源：青阳县人大）", "青阳县人大", ["柏思远"]),
    ("（来源：临江市人大常委会、临江市融媒体中心）", "临江市人大常委会、临江市融媒体中心", []),
    ("（云溪县人大办供稿）", "云溪县人大办", []),
    ("来源：江北市人大", "江北市人大", []),
    ("供稿：青阳县人大常委会研究室", "青阳县人大常委会研究室", []),
    ("消息来源：县人大办", "县人大办", []),
    ("摄影/马晟", None, ["马晟"]),
    ("文/韩立", None, ["韩立"]),
    # traditional characters: matched through their simplified image, given back as written
    ("（晉陽市人大辦　杜永安）", "晉陽市人大辦", ["杜永安"]),
    ("（通訊員 崔海芳）", None, ["崔海芳"]),
    ("（來源：渭川人大）", "渭川人大", []),
    ("（廣平縣人大常委會辦公室）", "廣平縣人大常委會辦公室", []),
    ("（趙長龍）", None, ["趙長龍"]),
]


@pytest.mark.parametrize("line,organization,authors", rows_with_ids(BYLINES))
def test_byline_is_recognised_and_read(line, organization, authors):
    source, paragraph = line_under_a_report(line)
    assert is_byline(source, paragraph)
    byline = read_byline(source, paragraph)
    assert (byline.organization, byline.authors) == (organization, authors)
    assert byline.raw == line and source[byline.span[0] : byline.span[1]] == line


NOT_BYLINES = [
    "（试行）",
    "（草案）",
    "（征求意见稿）",
    "（专报）",
    "（摘要）",
    "（节选）",
    "（续）",
    "（完）",
    "（一）",
    "（二〇二四年九月）",
    "（第3期）",
    "（以下简称《条例》）",
    "（2024年第5期）",
    "（资料图片）",
    "（代表风采）",
    "（工作动态）",
    "（内部资料　注意保存）",
    "（此件公开发布）",
    "（图）",
    "（记者从会上获悉）",
    "记者：请问今年有哪些新举措？",
    "来源于群众的意见建议共有三百余条，均已交办。",
    "来源：经调查，该项目资金缺口较大。",
    "文化惠民工程稳步推进",
    "□ 韩立",
    "（一）强化监督",
    "（记者 张立）县人大常委会召开会议，听取工作汇报。",
]


@pytest.mark.parametrize("line", [pytest.param(line, id=line) for line in NOT_BYLINES])
def test_not_a_byline(line):
    source, paragraph = paragraph_of(f"{TITLE}\n{LEAD}\n{line}\n", 2)
    assert not is_byline(source, paragraph)


def test_byline_wrapped_at_the_end_of_a_paragraph_in_pdf_layout():
    """The PDF wraps a glued byline mid-word ("…记" / "者 卢辉)"): read from the source, the line
    break is a wrap, not a gap between two names."""
    lines = [
        "今年以来，南江区人大常委会把民生实事项目代表票决制作为践行",
        "全过程人民民主的重要载体，组织代表全程参与项目征集、实施和",
        "评估，推动 12 个民生实事项目件件落地，群众满意率达 96.5%，",
        "不断丰富代表活动内容，代表满意度持续提高。(图文| 南溪融媒记",
        "者 卢辉)",
    ]
    source = "\n\n".join(lines) + "\n"
    (paragraph,) = paragraphs(source)[1]
    at = trailing_byline_start(source, paragraph)
    assert paragraph.text[at:] == "(图文|南溪融媒记者卢辉)"
    byline = sub_paragraph(source, paragraph, at, len(paragraph.text))
    assert is_byline(source, byline)
    read = read_byline(source, byline)
    assert (read.raw, read.organization, read.authors) == ("(图文| 南溪融媒记\n\n者 卢辉)", None, ["卢辉"])


def test_byline_across_a_page_break_skips_the_layout_line():
    source = "(晋阳市人大常委会　\n\n— 3 —\n\n 谷东风)\n"
    page_number = source.index("— 3 —")
    paragraph = Paragraph(
        text="(晋阳市人大常委会谷东风)",
        start=0,
        end=len(source) - 1,
        first_line=1,
        last_line=5,
        line_count=2,
        gaps=((page_number, page_number + 5),),
    )
    assert is_byline(source, paragraph)
    read = read_byline(source, paragraph)
    assert (read.organization, read.authors) == ("晋阳市人大常委会", ["谷东风"])


# (line as written, authors, organisation); None for lines that are no author line
AUTHOR_LINES = [
    ("□ 张国华　刘晓敏", ["张国华", "刘晓敏"], None),
    ("□实习生 吕薇", ["吕薇"], None),
    ("□ 茹奕", ["茹奕"], None),
    ("■ 韩立", ["韩立"], None),
    ("◇ 吴芳 邵斌", ["吴芳", "邵斌"], None),
    ("☆ 记者 钱刚", ["钱刚"], None),
    ("□ 本报记者 钟培林 通讯员 柯岩", ["钟培林", "柯岩"], None),
    ("□ 融媒体记者 芦晓", ["芦晓"], None),
    ("□ 文/林深", ["林深"], None),
    ("□ 县人大办 杜永安", ["杜永安"], "县人大办"),
    ("□ 晉陽市人大辦　趙長龍", ["趙長龍"], "晉陽市人大辦"),
    ("□ 通訊員 崔海芳", ["崔海芳"], None),
    ("□ 欧阳晓峰", ["欧阳晓峰"], None),
    ("□ 梁雪梅、兰溪", ["梁雪梅", "兰溪"], None),
    ("□ 邵　 斌", ["邵斌"], None),
    ("■ 特约通讯员 苗青 摄影 侯磊", ["苗青", "侯磊"], None),
    ("□ 古丽娜·吐尔逊", ["古丽娜·吐尔逊"], None),
    ("□ 童乐 摄", ["童乐"], None),
    ("◇ 实习生 邓一帆", ["邓一帆"], None),
    ("☆ 首席记者 孟凡", ["孟凡"], None),
    ("□ 韦东", ["韦东"], None),
    ("□ 工作动态", None, None),
    ("□ 代表风采", None, None),
    ("■ 图片新闻", None, None),
    ("◇ 基层声音", None, None),
    ("☆ 要闻", None, None),
    ("□ 简讯", None, None),
    ("□ 县人大常委会办公室", None, None),
    ("□ 人大动态", None, None),
    ("□□□□□□", None, None),
    ("韩立", None, None),
    ("（韩立）", None, None),
    ("记者 钱刚", None, None),
    ("□ 监督工作取得实效", None, None),
    ("□ 2024年第5期", None, None),
    ("□ 一是强化监督", None, None),
    ("□ 会议指出，要强化监督。", None, None),
    ("◆ 聚焦", None, None),
    ("□ 试行", None, None),
    ("■ 资料图片", None, None),
]


@pytest.mark.parametrize("line,authors,organization", rows_with_ids(AUTHOR_LINES))
def test_author_line_above_a_title(line, authors, organization):
    source, paragraph = paragraph_of(f"{line}\n{TITLE}\n{LEAD}\n", 0)
    byline = read_author_line(source, paragraph)
    if authors is None:
        assert byline is None
        return
    assert (byline.organization, byline.authors) == (organization, authors)
    assert byline.raw == line and source[byline.span[0] : byline.span[1]] == line


REST = "近日，县人大常委会召开会议，听取和审议县政府关于民生实事项目办理情况的报告。"

# (lead, raw dateline, organisation, authors); raw None for leads that open with no dateline
DATELINES = [
    ("本报讯(曹文静 庄雅丽)受省人大常委会委托，", "本报讯(曹文静 庄雅丽)", None, ["曹文静", "庄雅丽"]),
    ("本报讯(王景林)近日，", "本报讯(王景林)", None, ["王景林"]),
    ("本报讯（记者 杨安平 王笑言）民生实事是惠民利民的有力载体。", "本报讯（记者 杨安平 王笑言）", None, ["杨安平", "王笑言"]),
    ("本报讯“今年虽然受到疫情影响，但工作没有停。”", "本报讯", None, []),
    ("本报讯 近日，", "本报讯", None, []),
    ("本刊讯 近日，", "本刊讯", None, []),
    ("【本报讯】7月27日，市人大常委会副主任一行深入调研。", "【本报讯】", None, []),
    ("【本刊讯】近日，", "【本刊讯】", None, []),
    ("本網訊（通訊員 崔海芳）近日，", "本網訊（通訊員 崔海芳）", None, ["崔海芳"]),
    ("本网讯（通讯员 柯岩 实习生 邓一帆）近日，", "本网讯（通讯员 柯岩 实习生 邓一帆）", None, ["柯岩", "邓一帆"]),
    ("西城人大网讯(记者 彭卫)2月24日，", "西城人大网讯(记者 彭卫)", "西城人大网", ["彭卫"]),
    ("天山日报讯(记者 赵芸)7日上午，", "天山日报讯(记者 赵芸)", "天山日报", ["赵芸"]),
    ("江城晚报讯 近日，", "江城晚报讯", "江城晚报", []),
    ("青阳融媒讯（记者 钱刚）近日，", "青阳融媒讯（记者 钱刚）", "青阳融媒", ["钱刚"]),
    ("云溪县人大常委会讯 近日，", "云溪县人大常委会讯", "云溪县人大常委会", []),
    ("中新网凉山5月15日电 （单飞）四川省人大人事代表工作会议召开。", "中新网凉山5月15日电 （单飞）", "中新网", ["单飞"]),
    ("中新网河北新闻7月25日电 (宋敏 刘亮)17个联络站，", "中新网河北新闻7月25日电 (宋敏 刘亮)", "中新网", ["宋敏", "刘亮"]),
    ("新华社北京12月4日电（记者 孙立新）全国人大常委会召开会议。", "新华社北京12月4日电（记者 孙立新）", "新华社", ["孙立新"]),
    ("新华社北京12月4日电 全国人大常委会召开会议。", "新华社北京12月4日电", "新华社", []),
    ("新华社电 近日，", "新华社电", "新华社", []),
    ("人民网北京3月5日电 （记者 韩立、吴芳）", "人民网北京3月5日电 （记者 韩立、吴芳）", "人民网", ["韩立", "吴芳"]),
    ("光明日报北京3月1日电 十四届全国人大二次会议开幕。", "光明日报北京3月1日电", "光明日报", []),
    ("新華社北京12月4日電（記者 孫立新）全國人大常委會召開會議。", "新華社北京12月4日電（記者 孫立新）", "新華社", ["孫立新"]),
    ("中新社兰州8日电（闫姣）甘肃省人大常委会召开会议。", "中新社兰州8日电（闫姣）", "中新社", ["闫姣"]),
    ("本报讯（县人大办 杜永安）近日，", "本报讯（县人大办 杜永安）", "县人大办", ["杜永安"]),
    ("本报讯(以下简称“办法”)近日，", "本报讯", None, []),
    # no dateline
    ("近日，县人大常委会召开会议。", None, None, None),
    ("9月23日下午，县人大常委会召开第二十次会议。", None, None, None),
    ("2024年，在市人大常委会的指导下，", None, None, None),
    ("为充分发挥代表作用，县人大常委会", None, None, None),
    ("县人大常委会5月3日电话回访代表。", None, None, None),
    ("国家电网县供电公司5月3日电力抢修保障有力。", None, None, None),
    ("喜讯传来，全县人大代表倍受鼓舞。", None, None, None),
    ("通讯员从县人大常委会获悉，", None, None, None),
    ("记者从县人大常委会获悉，", None, None, None),
    ("“现在代表建议办理进展到什么程度了？”", None, None, None),
    ("县人大常委会通讯联络工作会议召开。", None, None, None),
    ("资讯平台上线以来，", None, None, None),
    ("据本报记者了解，", None, None, None),
    ("电力保障工作会议召开，", None, None, None),
    ("本次专题调研，将积极促进该县人大常委会工作。", None, None, None),
    ("【区县动态】近日，", None, None, None),
    ("本报记者 钱刚 近日，", None, None, None),
    ("（记者 钱刚）近日，", None, None, None),
    ("人大简讯：近日，", None, None, None),
    ("县人大常委会讯问", None, None, None),
]


@pytest.mark.parametrize("lead,raw,organization,authors", rows_with_ids(DATELINES))
def test_dateline_at_the_start_of_a_lead(lead, raw, organization, authors):
    source, paragraph = lead_of(lead + REST)
    dateline = read_dateline(source, paragraph)
    if raw is None:
        assert dateline is None
        return
    assert (dateline.raw, dateline.organization, dateline.authors) == (raw, organization, authors)
    assert source[dateline.span[0] : dateline.span[1]] == raw and dateline.span[0] == paragraph.start


def test_dateline_span_in_pdf_layout_with_spaces_around_digits():
    lines = [
        "　　新华社北京 12 月 4 日电（记者 孙立新）全国人大常委会召开第十二次委员长",
        "会议，听取和审议关于代表建议办理情况的报告，会议由委员长主持，审议通过多项议案。",
        "会议指出，要不断提高代表建议办理质量，推动解决群众急难愁盼问题。",
    ]
    source = "\n\n".join([TITLE, *lines]) + "\n"
    lead = next(p for p in paragraphs(source)[1] if "新华社" in p.text)
    dateline = read_dateline(source, lead)
    assert dateline.raw == "新华社北京 12 月 4 日电（记者 孙立新）"
    assert (dateline.organization, dateline.authors) == ("新华社", ["孙立新"])


# (paragraph text as reflowed, where its byline starts or None)
TRAILING = [
    ("推动监督工作取得实效。（晋阳市人大办　杜永安）", "（"),
    ("推动监督工作取得实效。（晋阳市人大办杜永安）", "（"),
    ("推动乡镇人大工作再上新台阶。(刘小丽)", "("),
    ("丰富代表活动内容。(图文|南溪融媒记者卢辉)", "("),
    ("丰富代表活动内容。(图文| 南溪融媒记者 卢辉)", "("),
    ("依法履职尽责。（梁雪梅蓝溪）", "（"),
    ("依法履职尽责。（宋敏刘亮）", "（"),
    ("依法履职尽责。（贺智、潘显全）", "（"),
    ("会议要求抓好整改落实。（南岭区人大常委会办公室）", "（"),
    ("会议要求抓好整改落实。（研究室）", "（"),
    ("会议要求抓好整改落实。（来源：江北人大）", "（"),
    ("会议要求抓好整改落实。(消息来源:县人大办)", "("),
    ("会议要求抓好整改落实。（记者 韩立 通讯员 吴芳）", "（"),
    ("会议要求抓好整改落实。（全媒体记者李明实习生赵一帆）", "（"),
    ("会议要求抓好整改落实。（作者：柏思远 来源：青阳县人大）", "（"),
    ("会议要求抓好整改落实。（晉陽市人大辦　杜永安）", "（"),
    ("会议要求抓好整改落实。（通訊員崔海芳）", "（"),
    ("他说：“要把好事办好。”（韩立）", "（"),
    ("会议取得圆满成功！（北沙区人大常委会预算工委　石岚）", "（"),
    ("会议要求抓好整改落实。（县人大办供稿）", "（"),
    ("会议传达学习全会精神。摄影/马晟", "摄"),
    ("市人大常委会副主任出席。摄影/郝鑫", "摄"),
    # none
    ("审议通过了关于加强监督工作的意见（试行）。", None),
    ("通过了物业管理条例（以下简称《条例》）。", None),
    ("审议了（草案）", None),
    ("会议结束。（完）", None),
    ("会议结束。（未完待续）", None),
    ("会议结束。（资料图片）", None),
    ("会议结束。（下转第3版）", None),
    ("会议结束。（2024年）", None),
    ("会议结束。（一）", None),
    ("会议结束。（上）", None),
    ("会议结束。（图）", None),
    ("会议结束。（试行）", None),
    ("会议结束。（代表风采）", None),
    ("会议结束。（记者从会上获悉）", None),
    ("会议听取了县政府（含县发改局）的报告", None),
    ("会议听取了县政府的报告（韩立）", None),
    ("（韩立）", None),
    ("会议听取了报告。", None),
    ("会议听取了报告", None),
    ("会议结束。摄影", None),
    ("会议结束。记者：请问有何举措", None),
    ("会议结束。（详见第3版）", None),
    ("会议结束。（此件公开发布）", None),
    ("", None),
]


@pytest.mark.parametrize("text,opening", rows_with_ids(TRAILING))
def test_byline_glued_to_the_end_of_a_paragraph(text, opening):
    found = paragraphs(text)[1]
    at = trailing_byline_start(text, found[0]) if found else None
    if opening is None:
        assert at is None
        return
    assert at == text.rindex(opening)
