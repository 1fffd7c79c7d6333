"""What a person reads in a terminal: --view's summary, and the JSON laid out one line per figure;
both through a pseudo-terminal, as a person runs them. Piped, the JSON stays byte for byte what
it always was."""

import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import bulletin_parse
from bulletin_parse import view
from bulletin_parse.models import write_pretty_json
from in_process import invoke
from paths import SAMPLES, SEED

COMMAND = [str(Path(sys.executable).with_name("bulletin-parse"))]
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def in_a_terminal(*args, columns=120):
    """Run the command with a pseudo-terminal `columns` wide as its standard output (and
    COLUMNS saying so); returns what it showed, colour codes removed, and its exit status."""
    import fcntl
    import pty
    import struct
    import termios

    pid, terminal = pty.fork()
    if pid == 0:  # the child: its standard output is the pseudo-terminal
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
        os.environ.update(COLUMNS=str(columns), LINES="50", TERM="xterm-256color")
        os.environ.pop("NO_COLOR", None)
        os.execv(COMMAND[0], COMMAND + [str(arg) for arg in args])
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # EIO: the child is gone
            break
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    return ANSI.sub(b"", shown).replace(b"\r\n", b"\n").decode("utf-8"), os.waitstatus_to_exitcode(status)


def cells(line):
    """How many terminal columns a line takes (CJK characters take two)."""
    from rich.cells import cell_len

    return cell_len(line)


def panels(shown):
    """Each report's panel: its title line and the lines inside it, keyed by report index."""
    found, current = {}, None
    for line in shown.splitlines():
        match = re.match(r"╭─ (\d+) ", line)
        if match:
            current = found.setdefault(int(match.group(1)), [line])
        elif current is not None:
            current.append(line)
            if line.startswith("╰"):
                current = None
    return found


def table_rows(panel):
    """The figure rows of the tables inside a panel, as lists of cells."""
    tables = [position for position, line in enumerate(panel) if re.search(r"#\s+text\s+value\s+unit\s+kind\s+subject", line)]
    rows = []
    for start in tables:
        for line in panel[start + 2 :]:
            inner = line.strip("│").strip()
            if not re.match(r"\d+\s", inner):
                break
            rows.append(re.split(r"\s{2,}", inner))
    return tables, rows


def test_view_on_the_seed_fits_each_reports_figures_in_one_table():
    shown, status = in_a_terminal(SEED, "--view", columns=120)
    assert status == 0
    document = bulletin_parse.parse_file(SEED)
    found = panels(shown)
    assert sorted(found) == [report.index for report in document.reports]
    assert all(cells(line) <= 120 for line in shown.splitlines())
    for report in document.reports:
        panel = found[report.index]
        assert (report.title or "(no title)") in panel[0]
        if report.region:
            assert any(f"region {report.region}" in line for line in panel)
        for point in report.points:
            assert any(f"{point.marker} {point.heading}" in line for line in panel)
        mine = [(number, figure) for number, figure in enumerate(document.figures, 1) if figure.report == report.index]
        tables, rows = table_rows(panel)
        assert len(tables) == (1 if mine else 0), report.index  # one table holds them all
        assert [int(row[0]) for row in rows] == [number for number, _ in mine]
        for row, (_, figure) in zip(rows, mine, strict=True):
            assert row[1] == view.shown_text(figure.text)  # whole, never cut
            assert figure.kind in row


def test_view_shows_sections_inline_points_unassigned_and_warnings():
    document = bulletin_parse.parse_file(SAMPLES / "special-report.txt")
    shown = view.view_text(document, width=120)
    assert "人大信息  第3期  （总第156期）  2024-03-15  南屏市人大常委会研究室" in shown
    assert "一、基本情况" in shown and "  （一）站点布局基本完成" in shown
    assert "◦ 一是 活动频次不均衡  (lead)" in shown
    assert "1 unassigned" in shown and "line 15  【基层动态】" in shown
    assert "figures outside any report" in shown
    gb = view.view_text(bulletin_parse.parse_file(SAMPLES / "wrapped-gb18030.txt"), width=100)
    assert "1 warnings" in gb and "encoding-guessed  not UTF-8; decoded as gb18030" in gb


def test_view_piped_is_plain_text(tmp_path):
    result = subprocess.run(COMMAND + [str(SEED), "--view"], capture_output=True, check=False, env={**os.environ, "COLUMNS": "100"})
    assert result.returncode == 0
    assert b"\x1b[" not in result.stdout
    assert "上城区:“三个好”强化经济工作监督力度" in result.stdout.decode()


@pytest.mark.parametrize("args", [["--view", "--jsonl"], ["--view", "-o", "OUT"]])
def test_view_takes_one_input(tmp_path, args):
    args = [str(tmp_path / "out") if arg == "OUT" else arg for arg in args]
    assert invoke(SAMPLES, *args).returncode == 2


def test_shown_value():
    figures = {figure.text: figure for figure in bulletin_parse.parse_file(SEED).figures}
    assert view.shown_value(figures["15 场次"]) == "15"
    assert view.shown_value(figures["数百条"]) == "several 200–900"
    assert view.shown_value(figures["1300 余条"]) == "more than 1300 (1300–1400)"
    dates = [figure for figure in bulletin_parse.parse_file(SAMPLES / "special-report.txt").figures if figure.kind == "date"]
    assert view.shown_value(dates[0]) == dates[0].iso


# the JSON on a terminal -----------------------------------------------------------------------


def test_a_terminal_gets_one_line_per_figure():
    shown, status = in_a_terminal(SEED, columns=80)
    assert status == 0
    document = bulletin_parse.parse_file(SEED)
    assert json.loads(shown) == json.loads(document.model_dump_json())
    lines = shown.splitlines()
    figure_lines = [line for line in lines if line.startswith('    {"text": ')]
    assert len(figure_lines) == len(document.figures)
    for line, figure in zip(figure_lines, document.figures, strict=True):
        assert json.loads(line.rstrip(",")) == json.loads(figure.model_dump_json())
        assert f'"span": [{figure.span[0]}, {figure.span[1]}]' in line  # spans inline
    assert len(lines) < len(json.dumps(json.loads(shown), indent=2).splitlines()) / 4


def test_terminal_json_keeps_every_digit():
    document = bulletin_parse.parse("市：监督\n市人大常委会开展监督，增长12345678901.23456789%，共有12345678901234567890123456789人。\n")
    laid_out = view.terminal_json(document)
    assert "12345678901.23456789" in laid_out and "12345678901234567890123456789" in laid_out
    assert json.loads(laid_out, parse_float=Decimal) == json.loads(document.model_dump_json(), parse_float=Decimal)


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.txt")))
def test_piped_json_is_unchanged(name):
    document = bulletin_parse.parse_file(SAMPLES / name)
    expected = io.BytesIO()
    write_pretty_json(document, expected)
    result = invoke(SAMPLES / name)  # standard output not a terminal
    assert result.stdout.replace(str(SAMPLES / name).encode(), b"P") == expected.getvalue().replace(str(SAMPLES / name).encode(), b"P")
    assert json.loads(view.terminal_json(document)) == json.loads(result.stdout)


def test_readme_view_example_is_real():
    from paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```text\n(.*?)```", readme, re.DOTALL) if block.startswith("╭─ 2 "))
    shown = view.view_text(bulletin_parse.parse_file(SEED), width=100)
    assert example in shown
