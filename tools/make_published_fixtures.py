#!/usr/bin/env python3
"""Lay the project's own bulletins out as they are published, for tests/test_readers.py.

    pip install -e '.[fixtures]'                      # reportlab, Pillow
    apt-get install fonts-arphic-uming fonts-wqy-zenhei libreoffice-writer-nogui
    python tools/make_published_fixtures.py

Writes tests/fixtures/published/ (committed, so the tests need neither fonts nor LibreOffice):

special-report.pdf    A4; the masthead name large and red over a red rule, titles in a bold face
                      (WenQuanYi Zen Hei) larger than the body (AR PL UMing, both embedded as
                      subsets), first-line indents, right-set bylines, the 报/送 footer under a
                      rule, page numbers "— N —"
hangzhou-a5.pdf       A5, the Adobe CID font STSong-Light (not embedded, as many government PDFs)
b1-two-column.pdf     A4, the masthead across the page, the text in two columns
special-report.docx   the masthead laid out in a table, titles bold and larger, section headings
                      bold at the body's size, a red rule as a paragraph border
wrapped.doc           Word 97–2003, from a .docx of samples/wrapped-gb18030.txt (LibreOffice)
a1-page.html          a saved page of tests/bulletins/a1: site header, navigation, breadcrumb, the
                      bulletin's name above the text box with the date line between, the 报/送
                      footer set apart, the site's footer; <meta charset="gb2312"> and GB18030 bytes
scan.pdf              3 pages of images only (hangzhou-a5.pdf rendered at 40 dpi)
no-unicode.pdf        embedded fonts whose ToUnicode maps were removed
encrypted.pdf         needs the password "secret"
empty-page.pdf        3 pages, the second a picture without text

parity/{pdf,docx,html}/NAME.{pdf,docx,html}
                      every sample (samples/NAME.txt) and test bulletin (tests/bulletins/NAME.bulletin.txt)
                      laid out in each format, for tests/test_published_parity.py: the PDF on A4 in the
                      CID font STSong-Light (not embedded, so each file stays small), titles larger; the
                      .docx and the saved page as special-report.docx and a1-page.html are made

Every fixture holds the whole text of its source, paragraph by paragraph, as the parser's own
reflow reads it (`reflow.paragraphs`); roles (masthead, title, byline, footer) come from parsing
the source, so the layout follows the bulletin's structure.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

from bulletin_parse import parse
from bulletin_parse.decode import decode
from bulletin_parse.reflow import DISTRIBUTION_LABEL, paragraphs

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "published"
SAMPLES = ROOT / "samples"
UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")  # AR PL UMing CN is face 0
ZENHEI = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")  # WenQuanYi Zen Hei is face 0
RED = "#d40000"
SET_OUT = re.compile("[\u3000 ]{2,}")
GAP = re.compile("[\u3000 ]*\u3000[\u3000 ]*")
BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
SECTION = re.compile(r"[一二三四五六七八九十]{1,3}、")


class Block(NamedTuple):
    role: str  # name, masthead, title, section, banner, text, byline, footer
    text: str  # reflowed; a masthead line keeps its set-out gap


def read_source(path: Path) -> str:
    return decode(path.read_bytes()).text


def blocks(source: str, as_written: bool = False) -> list[Block]:
    """The bulletin's paragraphs, each with the role the parser gives it. `as_written` (the
    parity fixtures) keeps the spaces that tell parts apart where reflow joins them up: a
    masthead's publisher and date one ideographic space apart are set out, and a byline at
    the end of a paragraph keeps the spaces between its names."""
    document = parse(source)
    first, last = document.masthead.lines or (0, -1)
    titles = ["".join(report.title.split()) for report in document.reports if report.title]
    bylines = {"".join(report.byline.raw.split()) for report in document.reports if report.byline}
    bylines_raw = {
        "".join(report.byline.raw.split()): BREAK.sub("", report.byline.raw).strip() for report in document.reports if report.byline
    }
    found = []
    for paragraph in paragraphs(source)[1]:
        bare = "".join(paragraph.text.split())
        if first <= paragraph.first_line <= last:
            raw = BREAK.sub("", source[paragraph.start : paragraph.end])  # a masthead line the source wrapped
            if SET_OUT.search(raw):
                text = raw
            elif as_written and GAP.search(raw.strip()):  # publisher and date one ideographic space apart: set them out
                text = "\u3000\u3000".join("".join(part.split()) for part in GAP.split(raw.strip()))
            else:
                text = paragraph.text
            found.append(Block("name" if not found else "masthead", text))
        elif DISTRIBUTION_LABEL.match(bare):
            found.append(Block("footer", paragraph.text))
        elif any(bare in title for title in titles):
            if found and found[-1].role == "title" and not bare.startswith("—"):
                found[-1] = Block("title", found[-1].text + paragraph.text)  # one title, set as one paragraph
            else:
                found.append(Block("title", paragraph.text))
        elif bare in bylines:  # as written: the spaces between a byline's names tell them apart
            found.append(Block("byline", BREAK.sub("", source[paragraph.start : paragraph.end])))
        elif SECTION.match(bare) and len(bare) <= 16:
            found.append(Block("section", paragraph.text))
        elif bare.startswith("【") and bare.endswith("】"):
            found.append(Block("banner", paragraph.text))
        else:
            found.append(Block("text", with_byline_as_written(paragraph.text, bylines_raw) if as_written else paragraph.text))
    return found


def with_byline_as_written(text: str, bylines_raw: dict[str, str]) -> str:
    """A paragraph ending in its report's byline keeps the byline's own spaces, which tell its
    names apart ("办公室　巴特尔　其木格"); reflow joins them up."""
    for bare, raw in bylines_raw.items():
        if text.endswith(bare):
            return text[: -len(bare)] + raw
    return text


# --- PDF (reportlab) -------------------------------------------------------------------------


class PdfLook(NamedTuple):
    body_font: str
    title_font: str
    size: float  # body size, points
    page: tuple[float, float]
    margin: float
    columns: int = 1
    page_numbers: bool = True


def register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("UMing", str(UMING), subfontIndex=0))
    pdfmetrics.registerFont(TTFont("ZenHei", str(ZENHEI), subfontIndex=0))
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def styles(look: PdfLook) -> dict[str, object]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    size = look.size
    base = ParagraphStyle(
        "text", fontName=look.body_font, fontSize=size, leading=size * 1.75, wordWrap="CJK", alignment=TA_JUSTIFY, firstLineIndent=2 * size
    )
    return {
        "name": ParagraphStyle(
            "name",
            base,
            fontName=look.title_font,
            fontSize=size * 2.6,
            leading=size * 3.2,
            alignment=TA_CENTER,
            firstLineIndent=0,
            textColor=colors.HexColor(RED),
        ),
        "masthead": ParagraphStyle("masthead", base, alignment=TA_CENTER, firstLineIndent=0),
        "set-left": ParagraphStyle("set-left", base, alignment=TA_LEFT, firstLineIndent=0),
        "set-right": ParagraphStyle("set-right", base, alignment=TA_RIGHT, firstLineIndent=0),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=look.title_font,
            fontSize=size * 1.4,
            leading=size * 2,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceBefore=size,
            spaceAfter=size * 0.5,
        ),
        "section": ParagraphStyle("section", base, fontName=look.title_font),
        "banner": ParagraphStyle("banner", base, fontName=look.title_font, firstLineIndent=0, spaceBefore=size * 0.5),
        "text": base,
        "byline": ParagraphStyle("byline", base, alignment=TA_RIGHT, firstLineIndent=0),
        "footer": ParagraphStyle("footer", base, fontSize=size * 0.9, alignment=TA_LEFT, firstLineIndent=0),
    }


def story(items: list[Block], look: PdfLook, width: float) -> list[object]:
    """The flowables of a bulletin: a red rule under the masthead, a black one over the footer;
    in two columns the masthead fills a frame across the page and the text flows on below."""
    from reportlab.lib import colors
    from reportlab.platypus import FrameBreak, HRFlowable, Paragraph, Table, TableStyle

    look_styles = styles(look)
    flow: list[object] = []
    in_masthead = bool(items) and items[0].role == "name"
    footer_ruled = False
    for block in items:
        if in_masthead and block.role not in ("name", "masthead"):
            flow.append(HRFlowable(width="100%", thickness=2, color=colors.HexColor(RED), spaceBefore=4, spaceAfter=10))
            if look.columns == 2:
                flow.append(FrameBreak())
            in_masthead = False
        if block.role == "footer" and not footer_ruled:
            flow.append(HRFlowable(width="100%", thickness=1, color=colors.black, spaceBefore=12, spaceAfter=6))
            footer_ruled = True
        if block.role == "masthead" and SET_OUT.search(block.text):
            left, right = SET_OUT.split(block.text, maxsplit=1)
            cells = [Paragraph(escape(left), look_styles["set-left"]), Paragraph(escape(right), look_styles["set-right"])]
            table = Table([cells], colWidths=[width / 2] * 2)
            table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
            flow.append(table)
        else:
            flow.append(Paragraph(escape(block.text), look_styles[block.role]))
    return flow


def build_pdf(path: Path, items: list[Block], look: PdfLook, **options) -> None:
    """A bulletin PDF in one or two columns, with "— N —" at the foot of every page."""
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageTemplate,
    )

    page_width, page_height = look.page
    width = page_width - 2 * look.margin
    document = BaseDocTemplate(
        str(path),
        pagesize=look.page,
        leftMargin=look.margin,
        rightMargin=look.margin,
        topMargin=look.margin,
        bottomMargin=look.margin,
        title=path.stem,
        author="bulletin-parse fixtures",
        **options,
    )

    def footer(canvas, doc) -> None:
        if look.page_numbers:
            canvas.setFont(look.body_font, look.size * 0.9)
            canvas.drawCentredString(page_width / 2, look.margin / 2, f"— {doc.page} —")

    height = page_height - 2 * look.margin
    if look.columns == 1:
        templates = [PageTemplate("page", [Frame(look.margin, look.margin, width, height)], onPageEnd=footer)]
        flow = story(items, look, width)
    else:
        gap, top = look.size * 2, look.size * 11
        column = (width - gap) / 2

        def columns(frame_height: float) -> list[object]:
            return [Frame(look.margin + offset, look.margin, column, frame_height) for offset in (0, column + gap)]

        first = [Frame(look.margin, page_height - look.margin - top, width, top), *columns(height - top)]
        templates = [PageTemplate("first", first, onPageEnd=footer), PageTemplate("later", columns(height), onPageEnd=footer)]
        flow = [NextPageTemplate("later"), *story(items, look, width)]
    document.addPageTemplates(templates)
    document.build(flow)


def without_unicode_maps(data: bytes) -> bytes:
    """The PDF with every font's ToUnicode reference blanked out, byte for byte, so the
    cross-reference table stays right and only the Unicode maps are gone."""
    return re.sub(rb"/ToUnicode \d+ 0 R", lambda found: b" " * len(found.group()), data)


def build_scan(path: Path, source: Path, pages: int, dpi: int = 40) -> None:
    """An image-only PDF: the first pages of a PDF rendered to black and white pictures."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    document = pdfium.PdfDocument(str(source))
    scan = canvas.Canvas(str(path), pagesize=document.get_page_size(0), invariant=1)
    for number in range(pages):
        width, height = document.get_page_size(number)
        image = document[number].render(scale=dpi / 72).to_pil().convert("L").point(lambda v: 255 if v > 160 else 0).convert("1")
        scan.drawImage(ImageReader(image), 0, 0, width, height)
        scan.showPage()
    scan.save()
    document.close()


def picture(width: int, height: int):
    """A grey photograph stand-in for a page that holds only a picture."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (width, height), 230)
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 12):
        draw.line([(step, 0), (width - step, height)], fill=90, width=3)
    return image


def build_empty_page(path: Path, items: list[Block]) -> None:
    """Three pages: text, a picture alone, text again."""
    from reportlab.lib.pagesizes import A5
    from reportlab.platypus import Image, PageBreak, SimpleDocTemplate

    look = PdfLook("STSong-Light", "STSong-Light", 10.5, A5, 40, page_numbers=False)
    half = len(items) // 2
    buffer = io.BytesIO()
    picture(200, 150).save(buffer, "PNG")
    photo = Image(io.BytesIO(buffer.getvalue()), width=300, height=225)
    flow = [*story(items[:half], look, A5[0] - 80), PageBreak(), photo, PageBreak(), *story(items[half:], look, A5[0] - 80)]
    SimpleDocTemplate(
        str(path),
        pagesize=A5,
        leftMargin=40,
        rightMargin=40,
        topMargin=40,
        bottomMargin=40,
        title=path.stem,
        author="bulletin-parse fixtures",
    ).build(flow)


# --- Word (python-docx, LibreOffice) --------------------------------------------------------


def build_docx(path: Path, items: list[Block]) -> None:
    """A .docx: the masthead in a table (name across, publisher and date in two cells), a red
    rule as the border under it, titles bold at 16 pt over a 12 pt body, sections bold."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(12)
    masthead = [block for block in items if block.role in ("name", "masthead")]
    if masthead:
        table = document.add_table(rows=len(masthead), cols=2)
        for row, block in zip(table.rows, masthead, strict=True):
            if block.role == "masthead" and SET_OUT.search(block.text):
                for cell, text in zip(row.cells, SET_OUT.split(block.text, maxsplit=1), strict=True):
                    cell.text = text
                row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                continue
            cell = row.cells[0].merge(row.cells[1])
            run = cell.paragraphs[0].add_run(block.text)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.role == "name":
                run.bold, run.font.size, run.font.color.rgb = True, Pt(28), RGBColor.from_string(RED[1:])
        red_rule(document.add_paragraph())
    for block in items:
        if block.role in ("name", "masthead"):
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(block.text)
        if block.role == "title":
            run.bold, run.font.size = True, Pt(16)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.role in ("section", "banner"):
            run.bold = True
        elif block.role == "byline":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif block.role == "text":
            paragraph.paragraph_format.first_line_indent = Pt(24)
    document.core_properties.author = "bulletin-parse fixtures"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(with_fixed_times(buffer.getvalue()))


def with_fixed_times(package: bytes) -> bytes:
    """The zip with every entry dated 1980-01-01, so that the same layout gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, (1980, 1, 1, 0, 0, 0)), source.read(entry), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def red_rule(paragraph) -> None:
    """A red line under the paragraph: Word's bottom border (python-docx has no API for it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "18"), ("space", "1"), ("color", RED[1:])):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def build_doc(path: Path, items: list[Block]) -> None:
    """A Word 97–2003 file: the .docx layout saved as .doc by LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed for the .doc fixture: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{path.stem}.docx"
        build_docx(source, items)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "doc", "--outdir", folder, str(source)], check=True, capture_output=True, timeout=300
        )
        shutil.copyfile(Path(folder) / f"{path.stem}.doc", path)


# --- web page ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{name}_江城人大网</title>
<style>body {{ font-family: SimSun; }} .fb {{ border-top: 1px solid #000; }}</style>
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="top"><div class="logo">江城人大网</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/rdgk/">人大概况</a></li><li><a href="/rddt/">人大动态</a></li>
<li><a href="/jdgz/">监督工作</a></li><li><a href="/dbgz/">代表工作</a></li></ul></nav></div>
<div class="wrap">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/rddt/">工作简报</a></div>
<div class="article">
<h1>{name}</h1>
<div class="info">发布时间：2024-07-12&nbsp;&nbsp;来源：本网</div>
<div class="content">
{content}
</div>
<div class="fb">
{footer}
</div>
</div>
</div>
<div class="foot">版权所有 江城市人大<br>网站标识码 3301000001</div>
</body>
</html>
"""


def build_html(path: Path, items: list[Block]) -> None:
    """A saved bulletin page in GB18030 bytes that declare gb2312, as many Chinese sites do."""
    name = items[0].text if items and items[0].role == "name" else ""
    content, footer = [], []
    for block in items[1:] if name else items:
        text = escape(block.text).replace("\u3000", "&nbsp;")
        if block.role == "footer" or footer:  # the footer and what follows it, set apart in order
            footer.append(f"<p>{text}</p>")
        elif block.role == "title":
            content.append(f"<h2>{text}</h2>")
        elif block.role == "byline":
            content.append(f'<p style="text-align:right">{text}</p>')
        else:
            content.append(f"<p>{'&nbsp;' * 4 if block.role == 'text' else ''}{text}</p>")
    page = PAGE.format(name=escape(name), content="\n".join(content), footer="\n".join(footer))
    path.write_bytes(page.encode("gb18030"))


# --- parity: every sample and test bulletin in every format -------------------------------

PARITY = OUT / "parity"


def parity_sources() -> dict[str, Path]:
    """NAME → the text file: samples/NAME.txt and tests/bulletins/NAME.bulletin.txt."""
    found = {path.stem: path for path in sorted(SAMPLES.glob("*.txt"))}
    for path in sorted((ROOT / "tests" / "bulletins").glob("*.bulletin.txt")):
        found[path.name.removesuffix(".bulletin.txt")] = path
    return found


def build_parity() -> None:
    from reportlab.lib.pagesizes import A4

    look = PdfLook("STSong-Light", "STSong-Light", 12, A4, 64)
    for kind in ("pdf", "docx", "html"):
        (PARITY / kind).mkdir(parents=True, exist_ok=True)
    for name, source in parity_sources().items():
        items = blocks(read_source(source), as_written=True)
        build_pdf(PARITY / "pdf" / f"{name}.pdf", items, look)
        build_docx(PARITY / "docx" / f"{name}.docx", items)
        build_html(PARITY / "html" / f"{name}.html", items)


# --- all of them ------------------------------------------------------------------------------


def main() -> None:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, A5
    from reportlab.lib.pdfencrypt import StandardEncryption

    rl_config.invariant = 1  # the same bytes at every run: no dates or random ids in the files
    register_fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    build_parity()
    if sys.argv[1:] == ["--parity"]:  # only the parity fixtures (no LibreOffice needed)
        report(PARITY)
        return
    special = blocks(read_source(SAMPLES / "special-report.txt"))
    hangzhou = blocks(read_source(SAMPLES / "hangzhou-bulletin.txt"))
    wrapped = blocks(read_source(SAMPLES / "wrapped-gb18030.txt"))
    song_a4 = PdfLook("STSong-Light", "STSong-Light", 10.5, A4, 56, columns=2)
    song_a5 = PdfLook("STSong-Light", "STSong-Light", 10.5, A5, 40)
    build_pdf(OUT / "special-report.pdf", special, PdfLook("UMing", "ZenHei", 14, A4, 72))
    build_pdf(OUT / "hangzhou-a5.pdf", hangzhou, song_a5)
    build_pdf(OUT / "b1-two-column.pdf", blocks(read_source(ROOT / "tests/bulletins/b1.bulletin.txt")), song_a4)
    build_docx(OUT / "special-report.docx", special)
    build_doc(OUT / "wrapped.doc", wrapped)
    build_html(OUT / "a1-page.html", blocks(read_source(ROOT / "tests/bulletins/a1.bulletin.txt")))
    build_scan(OUT / "scan.pdf", OUT / "hangzhou-a5.pdf", pages=3)
    with tempfile.TemporaryDirectory() as folder:
        mapped = Path(folder) / "mapped.pdf"
        build_pdf(mapped, wrapped, PdfLook("ZenHei", "ZenHei", 12, A5, 40))
        (OUT / "no-unicode.pdf").write_bytes(without_unicode_maps(mapped.read_bytes()))
    build_pdf(OUT / "encrypted.pdf", wrapped, song_a5, encrypt=StandardEncryption("secret", ownerPassword="owner", strength=128))
    build_empty_page(OUT / "empty-page.pdf", blocks(read_source(SAMPLES / "pdf-pages.txt")))
    report(OUT)


def report(folder: Path) -> None:
    total = 0
    for fixture in sorted(path for path in folder.rglob("*") if path.is_file()):
        total += fixture.stat().st_size
        print(f"{fixture.stat().st_size:>8}  {fixture.relative_to(ROOT)}")
    print(f"{total:>8}  total")


if __name__ == "__main__":
    main()
