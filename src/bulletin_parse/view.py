"""What a person reads in a terminal: `--view`'s summary of a document (rich panels and tables),
and the JSON laid out compactly (one line per figure) for a terminal.

Pure functions of the document: `view` returns the renderable, `view_text` the text it prints at
a given width, `terminal_json` the compact JSON text.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TypeGuard

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .models import Document, Figure, Report, decimal_text, write_json

NEWLINE_SHOWN = "⏎"  # a line break inside a figure's text


# --view ---------------------------------------------------------------------------------------


def view(document: Document) -> RenderableType:
    """The masthead, then each report as a panel (title, region, byline, the lead's first line,
    sections, points with their headings, inline points) holding its figures' table; figures
    outside any report, unassigned text and warnings last."""
    figures: dict[int | None, list[tuple[int, Figure]]] = {}
    for position, figure in enumerate(document.figures, 1):
        figures.setdefault(figure.report, []).append((position, figure))
    parts: list[RenderableType] = [masthead(document)]
    parts += [report_panel(report, figures.get(report.index, [])) for report in document.reports]
    if figures.get(None):
        parts.append(Panel(figure_table(figures[None]), title="figures outside any report", title_align="left", border_style="magenta"))
    if document.unassigned:
        lines = Text()
        for piece in document.unassigned:
            lines.append(f"line {_lines(piece.lines)}  ", style="bold red").append(_one_line(piece.text), style="red").append("\n")
        lines.rstrip()
        parts.append(Panel(lines, title=f"{len(document.unassigned)} unassigned", title_align="left", border_style="red"))
    if document.warnings:
        lines = Text()
        for warning in document.warnings:
            where = f"line {warning.line}  " if warning.line is not None else ""
            lines.append(where, style="bold yellow").append(warning.code, style="bold yellow").append(
                f"  {warning.message}\n", style="yellow"
            )
        lines.rstrip()
        parts.append(Panel(lines, title=f"{len(document.warnings)} warnings", title_align="left", border_style="yellow"))
    return Group(*parts)


def view_text(document: Document, width: int = 100, color: bool = False) -> str:
    """What `view` prints on a terminal `width` columns wide (with colour codes when `color`)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None, legacy_windows=False)
    console.print(view(document))
    return buffer.getvalue()


def masthead(document: Document) -> RenderableType:
    head = document.masthead
    line = Text()
    for part, style in (
        (head.title, "bold"),
        (head.issue_no, "bold"),
        (head.total_no and f"（{head.total_no}）", ""),
        (head.date, "cyan"),
        (head.publisher, "green"),
    ):
        if part:
            line.append(part, style=style).append("  ")
    if not line:
        line.append("(no masthead)", style="dim")
    line.rstrip()
    source = document.source
    about = Text(f"{source.path or '(text)'} · {source.format}", style="dim")
    if source.format == "text":
        about.append(f" {source.encoding}")
    counts = (
        f" · {len(document.reports)} reports · {len(document.figures)} figures"
        f" · {len(document.unassigned)} unassigned · {len(document.warnings)} warnings"
    )
    about.append(counts)
    return Group(line, about)


def report_panel(report: Report, figures: list[tuple[int, Figure]]) -> Panel:
    body: list[RenderableType] = []
    facts = Text()
    if report.region:
        facts.append("region ", style="dim").append(report.region, style="bold cyan").append("   ")
    if report.byline:
        facts.append("byline ", style="dim").append(_one_line(report.byline.raw), style="green")
    if facts:
        body.append(facts)
    lead = report.lead.split("\n", 1)[0].strip()
    if lead:
        body.append(Text(lead, no_wrap=True, overflow="ellipsis"))
    for section in report.sections:
        body.append(
            Text.assemble(
                ("  " * (section.level - 1), ""),
                (section.marker, "magenta"),
                (section.heading, "bold magenta"),
                no_wrap=True,
                overflow="ellipsis",
            )
        )
    for point in report.points:
        heading = point.heading or _one_line(point.text)
        body.append(
            Text.assemble(
                ("• ", "green"),
                (point.marker, "bold green"),
                " ",
                (heading, "bold" if point.heading else ""),
                no_wrap=True,
                overflow="ellipsis",
            )
        )
    for inline in report.inline_points:
        where = f"  (point {inline.point})" if inline.point is not None else "  (lead)"
        body.append(
            Text.assemble(
                ("  ◦ ", "yellow"),
                (inline.marker, "yellow"),
                " ",
                _one_line(inline.text),
                (where, "dim"),
                no_wrap=True,
                overflow="ellipsis",
            )
        )
    body.append(figure_table(figures) if figures else Text("no figures", style="dim"))
    title = Text.assemble((f"{report.index} ", "bold white on blue"), " ", (report.title or "(no title)", "bold"))
    span = f"lines {report.lines[0]}–{report.lines[1]}" + (f" · pages {report.pages[0]}–{report.pages[1]}" if report.pages else "")
    return Panel(Group(*body), title=title, title_align="left", subtitle=span, subtitle_align="right", border_style="blue")


def figure_table(figures: Iterable[tuple[int, Figure]]) -> Table:
    """One row per figure, each on one line: text, value (or low–high), unit, kind, subject."""
    figures = list(figures)
    texts = [shown_text(figure.text) for _, figure in figures]
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False, expand=False, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("text", style="bold yellow", no_wrap=True, overflow="ellipsis", min_width=min(24, max(map(_width, texts), default=4)))
    table.add_column("value", justify="right", no_wrap=True, overflow="ellipsis")
    table.add_column("unit", no_wrap=True, overflow="ellipsis")
    table.add_column("kind", no_wrap=True)
    table.add_column("subject", no_wrap=True, overflow="ellipsis")
    for (position, figure), text in zip(figures, texts, strict=True):
        table.add_row(str(position), text, shown_value(figure), figure.unit or "", figure.kind, figure.subject or "")
    return table


def shown_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", NEWLINE_SHOWN)


def shown_value(figure: Figure) -> str:
    """The value, or low–high when there is none (a range around a value follows it), or a
    date's ISO form; an approximation (about, over) in words."""
    value, low, high = (decimal_text(figure.value), decimal_text(figure.low), decimal_text(figure.high))
    bounds = f"{low}–{high}" if low and high and low != high else ""
    shown = value or bounds or low or high or figure.iso or ""
    if value and bounds:
        shown += f" ({bounds})"
    if figure.approx and figure.approx != "range" and shown:
        shown = f"{figure.approx.replace('_', ' ')} {shown}"
    return shown


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(lines: tuple[int, int]) -> str:
    return str(lines[0]) if lines[0] == lines[1] else f"{lines[0]}–{lines[1]}"


def _width(text: str) -> int:
    return Text(text).cell_len


# JSON on a terminal ---------------------------------------------------------------------------


class _Raw(str):
    """A JSON number kept as written: every digit of an exact value."""


def terminal_json(document: Document) -> str:
    """The document's JSON for a person at a terminal: the same data as the indented output, but
    every record of a list (a figure, a point, a warning) on one line, spans inline; the
    document and each report keep one field per line. Numbers are written as the document
    writes them, every digit kept."""
    buffer = io.BytesIO()
    write_json(document, buffer)
    data = json.loads(buffer.getvalue(), parse_float=_Raw, parse_int=_Raw)
    return _layout(data, 0) + "\n"


def _records(value: object) -> TypeGuard[list[dict[str, object]]]:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _layout(value: object, indent: int) -> str:
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict) and (indent == 0 or any(_records(item) for item in value.values())):
        fields = [f"{inner}{_inline(key)}: {_layout(item, indent + 2)}" for key, item in value.items()]
        return "{\n" + ",\n".join(fields) + f"\n{pad}}}" if fields else "{}"
    if _records(value) or (indent == 2 and isinstance(value, list) and len(value) > 1):
        return "[\n" + ",\n".join(inner + _layout(item, indent + 2) for item in value) + f"\n{pad}]"
    return _inline(value)


def _inline(value: object) -> str:
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inline(key)}: {_inline(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def print_terminal_json(document: Document, console: Console | None = None) -> None:
    """`terminal_json`, coloured as rich colours JSON, never wrapped (a wrap inside a string would
    not be JSON when copied)."""
    from rich.highlighter import JSONHighlighter

    console = console or Console()
    text = JSONHighlighter()(Text(terminal_json(document).rstrip("\n")))
    text.no_wrap = True
    text.overflow = None
    console.print(text, soft_wrap=True)
