"""Web pages of bulletins, read with selectolax (lexbor).

A saved bulletin page is the bulletin inside a site: a header, navigation, a breadcrumb, related
links and the site's own footer. The bulletin is the smallest element holding at least 85% of the
page's Chinese characters; the heading right above it (the page's title, often outside the
content box) is kept, and so is a 报/送/发 footer after it, which sites set apart from the text.
Each block element is one line; the cells of a table row share a line, set out in columns.
`h1`–`h4` lines are `title_lines`.

Decoding follows the text path: a byte order mark first, then the page's `<meta charset>`
(GBK and GB2312 read as GB18030, which holds both), then detection.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from ..decode import BulletinError, decode
from ..reflow import DISTRIBUTION_LABEL
from . import Published

MAIN_SHARE = 0.85
SET_OUT = "\u3000\u3000"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
HTML_SPACE = re.compile("[ \t\n\r\f]+")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
CHROME = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "select", "button",
          "input", "textarea", "object", "embed")
BLOCKS = frozenset({"address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div",
                    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
                    "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table",
                    "tbody", "tfoot", "thead", "tr", "ul"})
CELLS = frozenset({"td", "th"})
TITLES = frozenset({"h1", "h2", "h3", "h4"})


class Line(NamedTuple):
    text: str
    heading: int | None  # the mem_id of the h1–h4 it stands in: a title line
    place: str  # "before", "main" or "after": where it stands against the bulletin's element
    near: bool  # inside the bulletin element's parent or grandparent (the article around the text)


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
    kept = _kept(list(_lines(root, main.mem_id, _ancestors(main, root))))
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


def _main_element(root):
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


def _ancestors(main, root) -> frozenset[int]:
    """The bulletin element's parent and grandparent, short of the page's body: the article
    box whose heading belongs to the bulletin."""
    found, node = [], main.parent
    while node is not None and node.mem_id != root.mem_id and len(found) < 2:
        found.append(node.mem_id)
        node = node.parent
    return frozenset(found)


def _lines(root, main_id: int, near_ids: frozenset[int]) -> Iterator[Line]:
    """Every block's text in document order, a line each, with where it stands."""
    place, near, heading = "before", 0, None
    parts: list[str] = []
    for node, entering in _walk(root):
        tag = node.tag
        if node.is_text_node:
            parts.append(HTML_SPACE.sub(" ", node.text_content or "").replace("\xa0", " "))
        elif tag in CELLS and not entering:
            if parts and parts[-1] != SET_OUT:
                parts.append(SET_OUT)
        elif tag == "br" or tag in BLOCKS:
            if text := "".join(parts).strip():
                yield Line(text, heading, place, near > 0)
            parts = []
        if tag in TITLES:
            heading = node.mem_id if entering else None
        if node.mem_id in near_ids:
            near += 1 if entering else -1
        if node.mem_id == main_id:
            place = "main" if entering else "after"
    if text := "".join(parts).strip():
        yield Line(text, heading, place, near > 0)


def _walk(root) -> Iterator[tuple[object, bool]]:
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
    footer = [line for line in lines if line.place == "after" and DISTRIBUTION_LABEL.match(line.text)]
    return title + [line for line in lines if line.place == "main"] + footer
