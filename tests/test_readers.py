"""Readers of published bulletins (PDF, Word, web pages) on fixtures laid out from the project's
own bulletins by tools/make_published_fixtures.py: nothing lost, pages and titles found, the same
structure as the text the fixture was made from, and a one-line refusal for every file that
cannot be read."""

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import regex

from bulletin_parse import parse, parse_bytes, parse_file
from bulletin_parse.decode import BulletinError, decode
from bulletin_parse.readers import Published, detect_format, read_published
from bulletin_parse.readers.html import is_site_line
from bulletin_parse.reflow import paragraphs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "published"
HAN = regex.compile(r"\p{Han}")

# fixture → (the text it was laid out from, its format, its pages)
READABLE = {
    "special-report.pdf": ("samples/special-report.txt", "pdf", 2),
    "hangzhou-a5.pdf": ("samples/hangzhou-bulletin.txt", "pdf", 8),
    "b1-two-column.pdf": ("tests/bulletins/b1.bulletin.txt", "pdf", 2),
    "empty-page.pdf": ("samples/pdf-pages.txt", "pdf", 3),
    "special-report.docx": ("samples/special-report.txt", "docx", None),
    "wrapped.doc": ("samples/wrapped-gb18030.txt", "doc", None),
    "a1-page.html": ("tests/bulletins/a1.bulletin.txt", "html", None),
}
EXTRACTORS = {"pdf": "pypdfium2 ", "docx": "python-docx ", "doc": "antiword ", "html": "selectolax "}
NEEDS_ANTIWORD = pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword is not installed (apt-get install antiword)")


def read(name: str) -> Published:
    return read_published((FIXTURES / name).read_bytes(), name)


def marks(name: str) -> list:
    return [NEEDS_ANTIWORD] if name.endswith(".doc") else []


def readable(*extra):
    """READABLE as pytest parameters, .doc ones needing antiword."""
    return [pytest.param(name, *extra, marks=marks(name), id=name) for name in READABLE]


def source_text(name: str) -> str:
    return decode((ROOT / READABLE[name][0]).read_bytes()).text


def han(text: str) -> str:
    return "".join(HAN.findall(text))


def bare(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", readable())
def test_keeps_every_chinese_character_in_order(name):
    """The fixture holds the source's paragraphs (its page furniture aside): the reader gives
    back exactly their Chinese characters, in order, and nothing of the site around a page."""
    content = "".join(paragraph.text for paragraph in paragraphs(source_text(name))[1])
    assert han(read(name).text) == han(content)


@pytest.mark.parametrize("name", readable())
def test_format_extractor_and_pages(name):
    published = read(name)
    _, kind, pages = READABLE[name]
    assert (published.format, published.pages) == (kind, pages)
    assert published.extractor.startswith(EXTRACTORS[kind])


@pytest.mark.parametrize("name", [name for name, (_, kind, _) in READABLE.items() if kind == "pdf"])
def test_each_pdf_page_ends_with_a_form_feed(name):
    """page = 1 + form feeds before an offset: every "— N —" printed on a page falls on page N."""
    published = read(name)
    assert published.text.count("\f") == published.pages and published.text.endswith("\f")
    numbers = list(regex.finditer(r"— (\d+) —", published.text))
    for found in numbers:
        assert 1 + published.text.count("\f", 0, found.start()) == int(found.group(1))
    assert len(numbers) == (0 if name == "empty-page.pdf" else published.pages)


def test_a_page_without_text_is_reported():
    assert read("empty-page.pdf").empty_pages == (2,)
    assert read("special-report.pdf").empty_pages == ()


def title_texts(published: Published) -> list[str]:
    lines = published.text.split("\n")
    return [bare(lines[number - 1]) for number in sorted(published.title_lines)]


@pytest.mark.parametrize("name", [name for name in READABLE if not name.endswith(".doc")])
def test_title_lines_are_the_titles(name):
    """Every report title and the masthead's name are title lines, each whole on one line (a
    title the layout wrapped is joined); the other title lines are section headings or column
    banners set bold."""
    document = parse(source_text(name))
    titles = {bare(report.title) for report in document.reports if report.title}
    found = title_texts(read(name))
    assert titles <= set(found)
    if document.masthead.title:
        assert found[0] == bare(document.masthead.title)
    others = {bare(section.heading) for report in document.reports for section in report.sections}
    for text in set(found) - titles - {bare(document.masthead.title or "")}:
        assert regex.sub(r"^[一二三四五六七八九十]+、", "", text) in others or text.startswith("【")


@NEEDS_ANTIWORD
def test_antiword_reports_no_title_lines():
    assert read("wrapped.doc").title_lines == frozenset()


def structure(document) -> dict:
    return {
        "masthead": (document.masthead.title, document.masthead.issue_no, document.masthead.date, document.masthead.publisher),
        "titles": [report.title for report in document.reports],
        "bylines": [(report.byline.organization, report.byline.authors) if report.byline else None for report in document.reports],
        "points": [[point.heading for point in report.points] for report in document.reports],
        "sections": [[section.heading for section in report.sections] for report in document.reports],
        "inline_points": [len(report.inline_points) for report in document.reports],
        "distribution": [bare(line) for line in document.distribution],
    }


@pytest.mark.parametrize("name", readable())
def test_same_structure_as_the_text(name):
    """Parsed from the reader's text, a published bulletin has the masthead, reports, bylines,
    points, sections and footer its text file has."""
    assert structure(parse(read(name).text)) == structure(parse_file(ROOT / READABLE[name][0]))


@pytest.mark.parametrize("name", [pytest.param(name, marks=marks(name), id=name) for name in READABLE])
def test_same_figures_as_the_text(name):
    def figures(document):
        return [(figure.value, figure.unit, figure.kind) for figure in document.figures]

    assert figures(parse(read(name).text)) == figures(parse_file(ROOT / READABLE[name][0]))


def test_wrapped_titles_and_set_out_mastheads_are_single_lines():
    lines = read("special-report.pdf").text.split("\n")
    assert "南屏市人大常委会研究室\u3000\u30002024年3月15日" in lines
    assert "市人大常委会为矛盾纠纷预防和多元化解提供有力法治保障" in read("hangzhou-a5.pdf").text.split("\n")


def test_two_columns_read_column_by_column():
    text = bare(read("b1-two-column.pdf").text)
    reports = [bare(report.title) for report in parse_file(ROOT / "tests/bulletins/b1.bulletin.txt").reports]
    assert [text.find(title) for title in reports] == sorted(text.find(title) for title in reports)


def test_the_word_table_masthead_is_read_in_order():
    lines = read("special-report.docx").text.split("\n")
    assert lines[:3] == ["人大信息", "2024年第3期（总第156期）", "南屏市人大常委会研究室\u3000\u30002024年3月15日"]


def test_a_line_break_inside_a_word_paragraph_is_a_line():
    """Shift+Enter breaks a Word paragraph; the title lines after it are counted past it."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)
    paragraph = document.add_paragraph("人大信息")
    paragraph.add_run().add_break()
    paragraph.add_run("2024年第3期")
    document.add_paragraph().add_run("东岭县：代表履职实行积分管理").bold = True
    document.add_paragraph("本刊讯　3月5日，东岭县人大常委会召开主任会议。")
    buffer = io.BytesIO()
    document.save(buffer)
    published = read_published(buffer.getvalue())
    assert published.text.split("\n")[:3] == ["人大信息", "2024年第3期", "东岭县：代表履职实行积分管理"]
    assert published.title_lines == frozenset({3})


def test_the_web_page_keeps_the_bulletin_and_drops_the_site():
    text = read("a1-page.html").text
    for chrome in ("首页", "当前位置", "发布时间", "版权所有", "网站标识码", "江城人大网"):
        assert chrome not in text
    lines = text.split("\n")
    assert lines[0] == "人大工作简报"  # the page's heading, outside the text's box
    assert [line[:2] for line in lines[-4:-1]] == ["报：", "送：", "发："]  # the footer, set apart on the page


# --- title lines: what the layout tells segmentation ------------------------------------------

MASTHEAD = "人大工作简报\n第5期\n东岭县人大常委会办公室\u3000\u30002024年3月5日\n"

# name → (text, the lines its layout sets as titles, the report titles read with them, read from the text alone)
TITLE_LINES = {
    "a lead's first line shaped like a title stays the lead's": (
        MASTHEAD + "东岭县：代表联络站实现全覆盖\n东岭县人大常委会把代表联络站建设作为年度重点，先后开展调研3次，推\n"
        "动全县12个乡镇建成代表联络站，接待群众200余人次。\n（东岭县人大常委会办公室）\n",
        {4},
        ["东岭县：代表联络站实现全覆盖"],
        ["东岭县：代表联络站实现全覆盖东岭县人大常委会把代表联络站建设作为年度重点，先后开展调研3次，推"],
    ),
    "a title's first line ending on a comma": (
        MASTHEAD + "聚焦民生关切，\n推动实事落地见效\n\u3000\u3000今年以来，县人大常委会组织代表视察民生实事项目5次。\n"
        "（县人大常委会办公室）\n",
        {4, 5},
        ["聚焦民生关切，推动实事落地见效"],
        [None, "推动实事落地见效"],
    ),
    "a title's short second line": (
        MASTHEAD + "县人大常委会开展民生实事项目\n回头看\n\u3000\u3000今年以来，县人大常委会对民生实事项目开展回头看。\n"
        "（县人大常委会办公室）\n",
        {4, 5},
        ["县人大常委会开展民生实事项目回头看"],
        ["县人大常委会开展民生实事项目"],
    ),
    "a short line in the body's type is no title": (
        MASTHEAD + "东岭县：代表联络站实现全覆盖\n\u3000\u3000本刊讯　3月5日，东岭县人大常委会召开代表联络站建设推进会。\n"
        "县人大常委会主任调研联络站\n\u3000\u30003月6日，县人大常委会主任到城关镇代表联络站调研。\n",
        {4},
        ["东岭县：代表联络站实现全覆盖"],
        ["东岭县：代表联络站实现全覆盖", "县人大常委会主任调研联络站"],
    ),
    "a section heading set bold stays the report's": (
        MASTHEAD + "关于代表联络站建设情况的调研报告\n\u3000\u3000今年以来，县人大常委会对代表联络站建设开展调研。\n"
        "一、基本情况\n\u3000\u3000全县建成代表联络站12个。\n（县人大常委会办公室）\n",
        {4, 6},
        ["关于代表联络站建设情况的调研报告"],
        ["关于代表联络站建设情况的调研报告"],
    ),
    "only the name set large: the text's own rules": (
        MASTHEAD + "东岭县：代表联络站实现全覆盖\n\u3000\u3000今年以来，县人大常委会对代表联络站建设开展调研。\n（县人大常委会办公室）\n",
        {1},
        ["东岭县：代表联络站实现全覆盖"],
        ["东岭县：代表联络站实现全覆盖"],
    ),
}


def laid_out(text: str, title_lines: set[int]) -> str:
    return Published(text, "docx", "test", title_lines=frozenset(title_lines)).laid_out_text()


@pytest.mark.parametrize("text,title_lines,with_layout,text_alone", TITLE_LINES.values(), ids=list(TITLE_LINES))
def test_title_lines_decide_the_titles(text, title_lines, with_layout, text_alone):
    """Where the layout sets titles, a line set as one is a title line, a title of two lines
    stays whole, and a line set in the body's type is none, however it reads."""
    assert [report.title for report in parse(laid_out(text, title_lines)).reports] == with_layout
    assert [report.title for report in parse(text).reports] == text_alone


def test_sections_stay_sections_under_title_lines():
    text, title_lines, _, _ = TITLE_LINES["a section heading set bold stays the report's"]
    assert [section.heading for section in parse(laid_out(text, title_lines)).reports[0].sections] == ["基本情况"]


WRAPPED_PAGE = [  # a PDF's text: a blank line after every line, the lead's first line not indented
    "人大工作简报",
    "第5期",
    "东岭县人大常委会办公室\u3000\u30002024年3月5日",
    "县人大常委会召开代表联络站建设工作推进会议部署下一阶段重点工作",
    "今年以来，县人大常委会把代表联络站建设作为年度重点工作，先后开展",
    "调研3次，推动全县12个乡镇建成代表联络站，接待群众200余人次，收集",
    "意见建议60余条，交办有关部门办理，办结率达到百分之九十以上，群众",
    "对代表联络站的工作普遍表示满意。",
    "（东岭县人大常委会办公室）",
]


@pytest.mark.parametrize(
    "title_lines,title",
    [({7}, "县人大常委会召开代表联络站建设工作推进会议部署下一阶段重点工作"), (set(), None)],
    ids=["set as a title", "text alone"],
)
def test_a_title_as_wide_as_the_text_ends_its_paragraph(title_lines, title):
    """Reflow joins a full line to the next; a line set as a title is a paragraph of its own."""
    text = "\n\n".join(WRAPPED_PAGE) + "\n"
    found = paragraphs(text, frozenset(title_lines))[1]
    assert (WRAPPED_PAGE[3] in [paragraph.text for paragraph in found]) == bool(title_lines)
    assert [report.title for report in parse(laid_out(text, title_lines)).reports] == [title]


def test_a_web_page_heading_of_two_lines_is_one_title():
    html = page(
        f"<div>{MASTHEAD.replace(chr(10), '<br>')}<h2>聚焦民生关切，<br>推动实事落地见效</h2>"
        "<p>　　今年以来，县人大常委会组织代表视察民生实事项目5次。</p><p>（县人大常委会办公室）</p></div>"
    )
    document = parse_bytes(html.encode(), "page.html")
    assert [report.title for report in document.reports] == ["聚焦民生关切，推动实事落地见效"]


# --- refusals: one line a user can act on --------------------------------------------------

REFUSALS = {
    "scan.pdf": "no text layer (3 pages, images only); run OCR first",
    "no-unicode.pdf": "its fonts have no Unicode maps, so its text cannot be read (2 pages); run OCR first",
    "encrypted.pdf": "is an encrypted PDF that needs a password; remove the password (for example with qpdf --decrypt) and try again",
}


@pytest.mark.parametrize("name,message", REFUSALS.items(), ids=list(REFUSALS))
def test_refuses_an_unreadable_pdf(name, message):
    with pytest.raises(BulletinError) as refused:
        read(name)
    assert str(refused.value) == message


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DAMAGED = {
    "pdf without body": (b"%PDF-1.7\nnot really a pdf\n", "is not a readable PDF (Data format error); it may be damaged or cut short"),
    "pdf cut short": (
        (FIXTURES / "special-report.pdf").read_bytes()[:3000],
        "is not a readable PDF (Data format error); it may be damaged or cut short",
    ),
    "docx cut short": (
        (FIXTURES / "special-report.docx").read_bytes()[:5000],
        "is not a readable Word file; it may be damaged or cut short",
    ),
    "docx without parts": (zipped({"word/document.xml": "<w:document"}), "is not a readable Word file; it may be damaged or cut short"),
    "page without text": (b"<!DOCTYPE html><html><body><nav>\xe9\xa6\x96\xe9\xa1\xb5</nav></body></html>", "is a web page without text"),
}


@pytest.mark.parametrize("data,message", DAMAGED.values(), ids=list(DAMAGED))
def test_refuses_a_damaged_file(data, message):
    with pytest.raises(BulletinError) as refused:
        read_published(data)
    assert str(refused.value) == message


def test_an_empty_word_file_is_refused():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(BulletinError, match="^is a Word file without text$"):
        read_published(buffer.getvalue())


def test_a_doc_without_antiword_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BulletinError) as refused:
        read("wrapped.doc")
    assert (
        str(refused.value)
        == "is a Word 97-2003 .doc file, which needs antiword; install antiword (apt-get install antiword) or save it as .docx"
    )


def fake_antiword(folder: Path, script: str) -> None:
    tool = folder / "antiword"
    tool.write_text(f"#!/bin/sh\n{script}\n")
    tool.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in antiword is a shell script")
def test_antiword_output_is_read_row_by_row(tmp_path, monkeypatch):
    """What antiword writes: a paragraph a line with a blank line after it, a table row as
    |cell|cell| (here from a stand-in, so the test needs no antiword)."""
    fake_antiword(
        tmp_path,
        """[ -z "$1" ] && { echo 'Version: 0.37' >&2; exit 1; }
printf '|人大信息                     |\\n|南屏市人大常委会研究室   |2024年3月15日   |\\n\\n县人大常委会开展回头看\\n\\n'""",
    )
    monkeypatch.setenv("PATH", str(tmp_path))
    published = read("wrapped.doc")
    assert published.text == "人大信息\n南屏市人大常委会研究室\u3000\u30002024年3月15日\n\n县人大常委会开展回头看\n"
    assert published.extractor == "antiword 0.37"


@pytest.mark.skipif(os.name != "posix", reason="the stand-in antiword is a shell script")
def test_antiword_failing_is_one_line(tmp_path, monkeypatch):
    fake_antiword(tmp_path, 'echo "I\'m afraid the text stream of this file is too small to handle." >&2; exit 1')
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BulletinError) as refused:
        read("wrapped.doc")
    assert (
        str(refused.value) == "antiword cannot read it (I'm afraid the text stream of this file is too small to handle.); save it as .docx"
    )


# --- telling formats apart --------------------------------------------------------------------


def text_files() -> list[Path]:
    return sorted(
        [*(ROOT / "samples").glob("*.txt"), *(ROOT / "tests" / "bulletins").glob("*.txt"), *(ROOT / "tests" / "forms").glob("*.txt")]
    )


@pytest.mark.parametrize("path", text_files(), ids=lambda path: path.name)
def test_text_is_left_to_decoding(path):
    assert read_published(path.read_bytes(), str(path)) is None


FORMATS = {
    "pdf": (b"%PDF-1.4\n", None, "pdf"),
    "html after a BOM and blanks": (b"\xef\xbb\xbf \n<!DOCTYPE html>\n<html>", None, "html"),
    "xhtml": (b'<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml">', None, "html"),
    "utf-16 html": ("\ufeff<html><body>".encode("utf-16-le"), None, "html"),
    "a page fragment named .htm": (b"<meta charset=utf-8><div>", "page.htm", "html"),
    "a fragment named .txt": (b"<meta charset=utf-8><div>", "page.txt", None),
    "text opening with <": ("<基层动态>\n正文".encode(), None, None),
    "a zip that is no Word file": (zipped({"xl/workbook.xml": "<x/>"}), None, None),
    "ole2 that is no Word file": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), None, None),
    "ole2 word": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "WordDocument".encode("utf-16-le"), None, "doc"),
}


@pytest.mark.parametrize("data,path,kind", FORMATS.values(), ids=list(FORMATS))
def test_detects_the_format_by_content(data, path, kind):
    assert detect_format(data, path) == kind


# --- web pages: decoding and layout -------------------------------------------------------------

EXTENSION_A = "㐀"  # in GB18030 (four bytes), absent from GBK and GB2312


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("declared", ["gb2312", "GBK", "gb18030"])
def test_a_page_declared_gbk_or_gb2312_is_read_as_gb18030(declared):
    html = page(f"<p>嘉善县{EXTENSION_A}人大</p>", f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">')
    assert read_published(html.encode("gb18030")).text == f"嘉善县{EXTENSION_A}人大\n"


def test_a_byte_order_mark_outranks_the_declared_charset():
    html = page("<p>嘉善县人大</p>", '<meta charset="gb2312">')
    assert read_published(b"\xef\xbb\xbf" + html.encode("utf-8")).text == "嘉善县人大\n"


def test_a_wrong_declaration_falls_back_to_detection():
    assert read_published(page("<p>嘉善县人大</p>", '<meta charset="gb2312">').encode("utf-8")).text == "嘉善县人大\n"


def test_a_page_is_one_block_a_line_with_table_rows_set_out():
    html = page(
        "<div><h2>标题一</h2><p>第一段<b>加粗</b>文字<br>换行后</p><table><tr><td>办公室</td><td>2024年3月15日</td></tr></table>"
        "<ul><li>一是甲</li><li>二是乙</li></ul></div>"
    )
    published = read_published(html.encode())
    assert published.text == "标题一\n第一段加粗文字\n换行后\n办公室\u3000\u30002024年3月15日\n一是甲\n二是乙\n"
    assert published.title_lines == frozenset({1})


def test_a_deeply_nested_page_is_read():
    depth = 20_000
    html = page("<div>" * depth + "<p>嘉善县人大</p>" + "</div>" * depth)
    assert read_published(html.encode()).text == "嘉善县人大\n"


# --- web pages: the bulletin's footer and the site's lines --------------------------------------

SITE_HEADER = '<div class="top">江城人大网<nav><a href="/">首页</a></nav></div>'
SITE_FOOTER = '<div class="foot">版权所有 江城市人大<br>网站标识码 3301000001</div>'
LONG_TEXT = "".join(
    f"<p>　　今年以来，县人大常委会组织代表开展视察调研活动{count}次，收集意见建议数十条，交办有关部门办理。</p>" for count in range(2, 14)
)
FOOTERS = {
    "paragraphs in a box": '<div class="fb"><p>报：市人大常委会办公室</p><p>送：县委办公室</p><p>（共印120份）</p></div>',
    "lines of one block": '<div class="fb">报：市人大常委会办公室<br>送：县委办公室<br>（共印120份）</div>',
    "table rows": "<table><tr><td>报：市人大常委会办公室</td></tr><tr><td>送：县委办公室</td></tr><tr><td>（共印120份）</td></tr></table>",
    "a link under it": (
        '<div class="fb"><p>报：市人大常委会办公室</p><p>送：县委办公室</p><p>（共印120份）</p>'
        '<p>上一篇：<a href="/1">县人大常委会召开主任会议</a></p></div>'
    ),
}


@pytest.mark.parametrize("footer", FOOTERS.values(), ids=list(FOOTERS))
def test_the_footer_keeps_the_lines_set_with_it(footer):
    """The 报/送 footer after the text's box comes with what is set in its box (the print run),
    and without the site's footer or a link to the next page."""
    html = page(
        SITE_HEADER + f'<div class="article"><h1>人大工作简报</h1><div class="content">{LONG_TEXT}</div>{footer}</div>' + SITE_FOOTER
    )
    assert read_published(html.encode()).text.split("\n")[-4:] == ["报：市人大常委会办公室", "送：县委办公室", "（共印120份）", ""]


SHORT_TEXT = (
    "<p>第18期</p><p>临江市人大常委会办公厅&nbsp;&nbsp;2024年10月15日</p><h2>市人大常委会开展营商环境执法检查</h2>"
    "<p>　　9月中旬，市人大常委会组成执法检查组，对营商环境条例实施情况开展执法检查，走访企业36家，召开座谈会4场。</p>"
    "<p>　　一是突出问题导向。检查组事先梳理企业反映集中的融资难、审批慢等问题，形成检查清单。</p>"
    "<p>（市人大常委会财经委）</p>"
)
SHORT_PAGE_LINES = ["人大工作简报", "第18期", "临江市人大常委会办公厅  2024年10月15日", "市人大常委会开展营商环境执法检查"]


@pytest.mark.parametrize(
    "info",
    [
        "发布时间：2024-07-12&nbsp;&nbsp;来源：本网",
        "发布日期：2024年7月12日 浏览次数：35 【打印】【关闭】",
        "来源：本网　点击数：35",
        "【打印本页】【关闭窗口】",
    ],
)
def test_a_short_page_drops_the_site_lines_around_its_text(info):
    """A short bulletin's text box holds too small a share of the page: the article box around it
    is read, with the site's date line under the heading and its tools under the text."""
    html = page(
        SITE_HEADER + f'<div class="article"><h1>人大工作简报</h1><div class="info">{info}</div>'
        f'<div class="content">{SHORT_TEXT}</div><div class="tools">【打印】【关闭】</div></div>' + SITE_FOOTER
    )
    lines = read_published(html.encode()).text.split("\n")
    assert lines[:4] == SHORT_PAGE_LINES and lines[-2:] == ["（市人大常委会财经委）", ""]
    assert parse_bytes(html.encode(), "page.html").masthead.issue_no == "第18期"


def test_a_date_line_among_the_reports_is_the_bulletins():
    """A report copied from a site carries its date line: inside the text it is kept."""
    info = "发布时间：2024年06月07日　来源：青峰人大网"
    html = page(f'<div class="content">{SHORT_TEXT.replace("<p>　　一是", f"<p>{info}</p><p>　　一是")}</div>')
    assert info in read_published(html.encode()).text.split("\n")


SITE_LINES = {
    "发布时间：2024-07-12  来源：本网": True,
    "发布日期：2024年7月12日 浏览次数：35 字号：大 中 小": True,
    "信息来源：县人大 发布时间：2024/7/1 【打印】": True,
    "作者：张伟 发布时间：2024-07-12": True,
    "来源：本网 浏览次数：35": True,
    "【打印】【关闭】": True,
    "时间：3月5日 地点：县人大常委会会议室": False,  # a meeting's, not a page's
    "编辑：许畅 校对：周立群 本期印发100份": False,  # the bulletin's own
    "编辑：许畅": False,
    "（来源：东坝镇人大）": False,
    "报：县委办公室": False,
    "县人大常委会召开会议 发布时间：2024-07-12": False,
}


@pytest.mark.parametrize("text,site", SITE_LINES.items(), ids=list(SITE_LINES))
def test_site_lines(text, site):
    assert is_site_line(text) == site


# --- start-up -------------------------------------------------------------------------------------


def test_readers_import_no_format_library_until_needed():
    """Reading a .txt must not pay for PDF, Word or HTML libraries."""
    code = "import sys, bulletin_parse.readers; print(sorted({'pypdfium2', 'docx', 'selectolax'} & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"
