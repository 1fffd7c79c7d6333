"""Word (.docx) bulletins, read with python-docx.

The body is read with `Document.iter_inner_content()`, paragraphs and tables in document order:
the plain `paragraphs` list silently leaves out every table, and bulletins often lay their
masthead out in one. Each paragraph is one line (Word's own paragraphs need no reflow). A table
row whose cells hold a line each becomes one line with the cells set out in columns ("publisher
date", as the text parser reads a masthead); a cell holding several paragraphs gives them
a line each. Paragraphs set bold, or larger than the body, are `title_lines`.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal, NamedTuple, overload

from ..decode import BulletinError
from ..reflow import SET_OUT
from . import SAME_SIZE, TITLE_RATIO, Published

if TYPE_CHECKING:
    from docx.shared import Length
    from docx.styles.style import CharacterStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


class Para(NamedTuple):
    text: str
    size: float | None  # points; None where neither the runs nor the styles say
    bold: bool


def read_docx(data: bytes) -> Published:
    """The text of a .docx, one paragraph per line, with its title lines."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError):  # SyntaxError: lxml's XML errors
        raise BulletinError("is not a readable Word file; it may be damaged or cut short") from None
    lines = [line for block in document.iter_inner_content() for line in _block_lines(block)]
    if not any(para.text.strip() for line in lines for para in line):
        raise BulletinError("is a Word file without text")
    body = _body_size(lines)
    texts: list[str] = []
    titles: set[int] = set()
    number = 1
    for line in lines:
        text = SET_OUT.join(para.text for para in line)
        spans = text.count("\n") + 1  # a line break inside a paragraph (Shift+Enter) is a line of its own
        if all(_is_title(para, body) for para in line):
            titles.update(range(number, number + spans))
        texts.append(text)
        number += spans
    return Published("\n".join(texts) + "\n", "docx", f"python-docx {docx.__version__}", None, frozenset(titles))


def _block_lines(block: Paragraph | Table) -> Iterator[list[Para]]:
    """A paragraph's line, or a table's lines row by row; each line is the paragraphs it joins."""
    from docx.table import Table

    if isinstance(block, Table):
        yield from _table_lines(block)
    else:
        yield [_para(block)]


def _table_lines(table: Table) -> Iterator[list[Para]]:
    """Each row's distinct cells (a merged cell is listed once per grid column it spans, and
    under every row it spans down): on one line when each holds one paragraph, else in turn."""
    seen: set[object] = set()  # the cells' XML elements: holding them keeps each one's identity
    for row in table.rows:
        cells: list[list[list[Para]]] = []  # each cell's lines
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append([line for block in cell.iter_inner_content() for line in _block_lines(block)])
        filled = [[line for line in cell if any(para.text.strip() for para in line)] for cell in cells]
        filled = [cell for cell in filled if cell]
        if all(len(cell) == 1 for cell in filled) and filled:
            yield [para for cell in filled for para in cell[0]]
        else:
            yield from (line for cell in filled for line in cell)


def _para(paragraph: Paragraph) -> Para:
    """A paragraph's text and the size and weight its text is set in (the first run's size;
    bold only when every run with text is)."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    text = paragraph.text.replace("\r", "")
    if not runs:
        return Para(text, None, False)
    size = _run_value(runs[0], paragraph, "size")
    return Para(text, size.pt if size is not None else None, all(_run_value(run, paragraph, "bold") for run in runs))


@overload
def _run_value(run: Run, paragraph: Paragraph, attribute: Literal["size"]) -> Length | None: ...
@overload
def _run_value(run: Run, paragraph: Paragraph, attribute: Literal["bold"]) -> bool | None: ...
def _run_value(run: Run, paragraph: Paragraph, attribute: Literal["size", "bold"]) -> Length | bool | None:
    """A run's font attribute as Word applies it: the run's own, else its character style's, else
    the paragraph style's, each style falling back on the style it is based on."""
    value: Length | bool | None = getattr(run.font, attribute)
    style: CharacterStyle | None
    for style in (run.style, paragraph.style):
        while value is None and style is not None:
            value = getattr(style.font, attribute)
            style = style.base_style
    return value


def _body_size(lines: list[list[Para]]) -> float | None:
    """The size most characters are set in (None: the document's default size)."""
    sizes: Counter[float | None] = Counter()
    for line in lines:
        for para in line:
            sizes[para.size] += len(para.text)
    return sizes.most_common(1)[0][0]


def _is_title(para: Para, body: float | None) -> bool:
    """Larger than the body, or bold at its size; a paragraph without a size of its own is set in
    the document's default, compared as the body."""
    if not para.text.strip():
        return False
    size = para.size if para.size is not None else body
    if size is None or body is None:
        return para.bold
    return size >= body * TITLE_RATIO or (para.bold and size >= body * SAME_SIZE)
