"""Web pages of bulletins, read with selectolax (lexbor).

A saved bulletin page is the bulletin inside a site: a header, navigation, a breadcrumb, related
links and the site's own footer. The bulletin is the smallest element holding at least 85% of the
page's Chinese characters; the heading right above it (the page's title, often outside the
content box) is kept, and so is a 报/送/发 footer after it, which sites set apart from the text,
with the lines set with it in its box (（共印120份）). The site's own lines at the head and the
foot of the text are dropped: a short page's text box holds too small a share for the 85%, and
the element found then is the article box around it, with the site's date line (发布时间：…
来源：…) and tools (【打印】【关闭】) in it. Each block element is one line; the cells of a table
row share a line, set out in columns. `h1`–`h4` lines are `title_lines`.

Decoding follows the text path: a byte order mark first, then the page's `<meta charset>`
(GBK and GB2312 read as GB18030, which holds both), then detection.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from ..decode import BulletinError, decode
from ..reflow import DISTRIBUTION_LABEL, SET_OUT
from . import Published

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MAIN_SHARE = 0.85
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
HTML_SPACE = re.compile("[ \t\n\r\f]+")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
CHROME = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "nav",
    "select",
    "button",
    "input",
    "textarea",
    "object",
    "embed",
)
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
CELLS = frozenset({"td", "th"})
TITLES = frozenset({"h1", "h2", "h3", "h4"})
# The site's lines about a page: its publishing date and the fields set beside it (来源：本网,
# 浏览次数：…), or its counters and tools alone. A line is the site's only when it holds nothing
# else: a bulletin's "时间：3月5日　地点：…" names no publishing, and its "编辑：…" under the
# text names the bulletin's editor unless a publishing date stands beside it.
SITE_LINE_MAX = 120
_PUBLISHED = r"(?:发布|发表|发稿|更新|上传)(?:时间|日期)"
_PAGE_FIELD = r"(?:信息|文章|稿件)?来源|浏览(?:次数|量)?|阅读(?:次数|量)?|点击(?:数|量|次数)?|访问(?:次数|量)|字号|字体"
_PERSON = r"作者|撰稿|(?:责任)?编辑|审核"
SITE_LABEL = re.compile(rf"(?:{_PUBLISHED}|{_PAGE_FIELD}|{_PERSON})\s*$")  # ends the text before a colon
PERSON_LABEL = re.compile(rf"(?:{_PERSON})\s*$")
SITE_TOOL = re.compile(r"(?<!\S)(?:打印(?:本页|此页|文章)?|关闭(?:本页|窗口)?|返回(?:顶部|列表)?|收藏(?:本页)?|分享(?:到)?)(?!\S)")
SITE_DATE = re.compile(rf"{_PUBLISHED}\s*[:：]\s*\d{{4}}\s*[-年/.]\s*\d{{1,2}}")
BRACKETS = re.compile(r"[【】\[\]]")
COLON = re.compile("[:：]")


class Line(NamedTuple):
    text: str
    heading: int | None  # the mem_id of the h1–h4 it stands in: a title line
    place: str  # "before", "main" or "after": where it stands against the bulletin's element
    near: bool  # inside the bulletin element's parent or grandparent (the article around the text)
    holder: int | None  # the mem_id of the block element its text stands in
    box: int | None  # and of the block around that one
    linked: bool  # some of its text is a link's (a site's navigation, 上一篇：…)


def read_html(data: bytes) -> Published:
    """The bulletin on a web page, one block per line, with its h1–h4 lines as titles."""
    import selectolax
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_decode(data))
    for node in tree.css(", ".join(CHROME) + ", [role=navigation]"):
        node.decompose()
    root = tree.body
    if root is None:
        raise BulletinError("is a web page without a body")
    main = _main_element(root)
    kept = _without_site_lines(_kept(list(_lines(root, main.mem_id, _ancestors(main, root)))))
    if not kept:
        raise BulletinError("is a web page without text")
    titles = frozenset(number for number, line in enumerate(kept, 1) if line.heading is not None)
    return Published("\n".join(line.text for line in kept) + "\n", "html", f"selectolax {selectolax.__version__}", None, titles)


def _decode(data: bytes) -> str:
    """The page's text: a BOM decides, then the declared charset when the bytes bear it out,
    then the text path's detection (UTF-8, else GB18030)."""
    if not data.startswith(BOMS):
        declared = META_CHARSET.search(data[:4096])
        if declared:
            try:
                return decode(data, declared.group(1).decode("ascii")).text
            except BulletinError:
                pass  # a wrong or unknown declaration: detect instead
    return decode(data).text


def _main_element(root: LexborNode) -> LexborNode:
    """The smallest element holding >= 85% of the page's Chinese characters: the bulletin
    without the site around it. A page without Chinese is taken whole."""
    counts: Counter[int] = Counter()
    for node in root.traverse(include_text=True):
        if node.is_text_node and (found := len(HAN.findall(node.text_content or ""))):
            parent = node.parent
            while parent is not None:
                counts[parent.mem_id] += found
                parent = parent.parent
    total = counts[root.mem_id]
    if not total:
        return root
    best = root
    for node in root.traverse():
        if total * MAIN_SHARE <= counts[node.mem_id] <= counts[best.mem_id]:
            best = node  # a descendant with the same count comes later: the deepest wins
    return best


def _ancestors(main: LexborNode, root: LexborNode) -> frozenset[int]:
    """The bulletin element's parent and grandparent, short of the page's body: the article
    box whose heading belongs to the bulletin."""
    found: list[int] = []
    node = main.parent
    while node is not None and node.mem_id != root.mem_id and len(found) < 2:
        found.append(node.mem_id)
        node = node.parent
    return frozenset(found)


def is_site_line(text: str) -> bool:
    """A line of the site's about the page: its publishing date with the fields set beside it
    (发布时间：2024-07-12　来源：本网　浏览次数：35), its counters (来源：本网　浏览次数：35), or
    its tools alone (【打印】【关闭】). Each colon must follow one of the site's labels, and what
    stands before the first is that label."""
    if len(text) > SITE_LINE_MAX:
        return False
    pieces = COLON.split(SITE_TOOL.sub(" ", BRACKETS.sub(" ", text)))
    labels = pieces[:-1]
    if not labels:
        return not pieces[0].strip()  # nothing but tools
    if SITE_LABEL.match(labels[0].strip()) is None or not all(SITE_LABEL.search(piece) for piece in labels):
        return False
    return SITE_DATE.search(text) is not None or not any(PERSON_LABEL.search(piece) for piece in labels)


def _without_site_lines(lines: list[Line]) -> list[Line]:
    """The lines without the site's at the head of the text (under the page's heading) or at its
    foot. One among the bulletin's paragraphs is the bulletin's: a report copied from a site
    carries its date line."""
    site = [is_site_line(line.text) for line in lines]
    text = [index for index, line in enumerate(lines) if not site[index] and line.heading is None]
    if not text:
        return lines
    return [line for index, line in enumerate(lines) if not site[index] or text[0] < index < text[-1]]


def _lines(root: LexborNode, main_id: int, near_ids: frozenset[int]) -> Iterator[Line]:
    """Every block's text in document order, a line each, with where it stands."""
    place, near, links = "before", 0, 0
    heading: int | None = None
    parts: list[str] = []
    blocks: list[int] = []  # the block elements open around the walk
    holder: int | None = None
    box: int | None = None
    linked = False
    for node, entering in _walk(root):
        tag = node.tag
        if node.is_text_node:
            if not parts:
                holder, box, linked = blocks[-1] if blocks else None, blocks[-2] if len(blocks) > 1 else None, False
            parts.append(HTML_SPACE.sub(" ", node.text_content or "").replace("\xa0", " "))
            linked = linked or (links > 0 and bool(parts[-1].strip()))
        elif tag in CELLS and not entering:
            if parts and parts[-1] != SET_OUT:
                parts.append(SET_OUT)
        elif tag == "br" or tag in BLOCKS:
            if text := "".join(parts).strip():
                yield Line(text, heading, place, near > 0, holder, box, linked)
            parts = []
            if tag in BLOCKS and entering:
                blocks.append(node.mem_id)
            elif tag in BLOCKS:
                blocks.pop()
        elif tag == "a":
            links += 1 if entering else -1
        if tag in TITLES:
            heading = node.mem_id if entering else None
        if node.mem_id in near_ids:
            near += 1 if entering else -1
        if node.mem_id == main_id:
            place = "main" if entering else "after"
    if text := "".join(parts).strip():
        yield Line(text, heading, place, near > 0, holder, box, linked)


def _walk(root: LexborNode) -> Iterator[tuple[LexborNode, bool]]:
    """(node, entering) for every element, entering and leaving, and (text, True) for text, in
    document order; a loop, not recursion, so a deeply nested page cannot overflow the stack."""
    stack = [(root, True)]
    while stack:
        node, entering = stack.pop()
        yield node, entering
        if entering and not node.is_text_node:
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(list(node.iter(include_text=True))))


def _kept(lines: list[Line]) -> list[Line]:
    """The bulletin's lines: after the last heading above it in the same article box (a page's
    title often stands outside the text's box), and followed by the distribution footer
    (报：… 送：…) that sites set after it."""
    before = [line for line in lines if line.place == "before"]
    headings = [line.heading for line in before[-3:] if line.heading is not None and line.near]
    title = [line for line in before if headings and line.heading == headings[-1]]
    return title + [line for line in lines if line.place == "main"] + _footer([line for line in lines if line.place == "after"])


def _footer(after: list[Line]) -> list[Line]:
    """The distribution footer among the lines after the bulletin's element: each 报/送/发 line,
    and the lines set with one in its box right under it (（共印120份）, 2024年9月12日印发),
    up to a line that stands elsewhere or is a link (the site's footer and navigation)."""
    footer: list[Line] = []
    previous: Line | None = None
    for line in after:
        if DISTRIBUTION_LABEL.match(line.text) or (
            footer and footer[-1] is previous and not line.linked and _set_together(footer[-1], line)
        ):
            footer.append(line)
        previous = line
    return footer


def _set_together(upper: Line, lower: Line) -> bool:
    """Two lines in one box: the same block, or two blocks side by side in one."""
    return lower.holder == upper.holder or (lower.box is not None and lower.box == upper.box)
