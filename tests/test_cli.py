"""End to end: the command on real files, its JSON, its errors and exit codes. Most tests run it
in this process (`invoke`); the installed command itself is run where a process matters: its
entry point, standard input, a terminal."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from in_process import invoke
from paths import ROOT, SAMPLES, SEED

COMMAND = [str(Path(sys.executable).with_name("bulletin-parse"))]


def run(*args, stdin=None):
    """The installed command with these arguments; standard input is the bytes given, else
    /dev/null (no pipe to read)."""
    feed = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run(COMMAND + [str(a) for a in args], capture_output=True, **feed)


def test_parses_the_real_bulletin_to_unescaped_json():
    result = run(SEED)  # the installed entry point
    assert result.returncode == 0, result.stderr
    assert "上城区:“三个好”强化经济工作监督力度".encode() in result.stdout
    document = json.loads(result.stdout)
    assert document["schema_version"] == "1.2"
    assert document["source"] | {"sha256": None} == {
        "path": str(SEED),
        "encoding": "utf-8",
        "sha256": None,
        "chars": len(SEED.read_text(encoding="utf-8")),
        "layout_lines": [],
        "format": "text",
        "pages": None,
        "extractor": None,
    }
    assert len(document["reports"]) == 9


def test_reads_standard_input():
    result = run("-", stdin=SEED.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_encoding_option_overrides_detection(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("上城区：监督工作\n上城区人大常委会开展监督。\n".encode("utf-16-le"))
    assert invoke(path).returncode == 1
    result = invoke(path, "--encoding", "utf-16-le")
    assert result.returncode == 0 and json.loads(result.stdout)["source"]["encoding"] == "utf-16-le"


def test_schema_describes_the_document():
    result = invoke("--schema")
    schema = json.loads(result.stdout)
    assert result.returncode == 0
    assert {"source", "masthead", "reports", "figures", "distribution", "unassigned", "warnings"} <= set(schema["properties"])
    assert "Figure" in schema["$defs"]
    definitions = schema["$defs"]
    # contract 1.1: sections, inline points, 总第N期, the lines dropped as layout
    assert {"sections", "inline_points"} <= set(definitions["Report"]["properties"])
    assert set(definitions["Section"]["properties"]) == {"level", "marker", "heading", "span", "line"}
    assert set(definitions["InlinePoint"]["properties"]) == {"ordinal", "marker", "text", "span", "point"}
    assert "section" in definitions["Point"]["properties"] and "section" in definitions["Figure"]["properties"]
    assert "total_no" in definitions["Masthead"]["properties"]
    assert "layout_lines" in definitions["Source"]["properties"]
    # 1.2: the published form read, and pages on reports, points and figures
    assert {"format", "pages", "extractor"} <= set(definitions["Source"]["properties"])
    assert "pages" in definitions["Report"]["properties"]
    assert "page" in definitions["Point"]["properties"] and "page" in definitions["Figure"]["properties"]


BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b"\n \n\t\n",
    "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "report.txt": b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n",
    "garbled.txt": b"\x81\x30\xff\xfe\x80\x80\xff\xa0",  # invalid UTF-8, UTF-16 and GB18030 alike
}


@pytest.mark.parametrize("name", sorted(BAD_FILES) + ["missing.txt", "folder"])
def test_bad_input_is_one_line_and_exit_1(tmp_path, name):
    if name in BAD_FILES:
        (tmp_path / name).write_bytes(BAD_FILES[name])
    if name == "folder":
        (tmp_path / name).mkdir()
    result = invoke(tmp_path / name)
    message = result.stderr.decode()
    assert result.returncode == 1 and result.stdout == b""
    assert message.startswith(f"bulletin-parse: error: {tmp_path / name}: ")
    assert message.count("\n") == 1 and "Traceback" not in message


def test_file_that_fails_to_read():
    result = invoke("/proc/self/mem")  # opens, then every read fails: an unreadable file even for root
    assert result.returncode == 1
    assert result.stderr.decode() == "bulletin-parse: error: /proc/self/mem: cannot be read (Input/output error)\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("人大")
    path.chmod(0)
    result = invoke(path)
    assert result.returncode == 1 and b"permission denied" in result.stderr


@pytest.mark.parametrize("args", [[], ["--no-such-option", str(SEED)]], ids=["no path", "unknown option"])
def test_bad_usage_exits_2(args):
    assert invoke(*args).returncode == 2


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.glob("*.txt")))
def test_every_sample_converts(name):
    result = invoke(SAMPLES / name)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reports"]


def test_a_terminal_gets_the_same_json_coloured():
    import pty

    pid, terminal = pty.fork()
    if pid == 0:  # the child: stdout is the pseudo-terminal
        os.environ.update(COLUMNS="40", FORCE_COLOR="1", TERM="xterm-256color")  # narrower than the text
        os.execv(COMMAND[0], COMMAND + [str(SAMPLES / "pdf-pages.txt")])
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.waitpid(pid, 0)
    assert b"\x1b[" in shown  # coloured
    plain = re.sub(rb"\x1b\[[0-9;]*m", b"", shown).replace(b"\r\n", b"\n")
    assert json.loads(plain) == json.loads(invoke(SAMPLES / "pdf-pages.txt").stdout)


PUBLISHED = ROOT / "tests" / "fixtures" / "published"


def test_a_pdf_is_read_and_its_text_written_with_text_out(tmp_path):
    text_path = tmp_path / "text.txt"
    result = invoke(PUBLISHED / "special-report.pdf", "--text-out", text_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    text = text_path.read_bytes().decode("utf-8")  # newlines as written
    assert (document["source"]["format"], document["source"]["pages"]) == ("pdf", 2)
    assert document["source"]["chars"] == len(text)
    assert all(text[f["span"][0] : f["span"][1]] == f["text"] for f in document["figures"])
    assert all(f["page"] == 1 + text.count("\f", 0, f["span"][0]) for f in document["figures"])
    assert [r["pages"] for r in document["reports"]] == [[1, 1], [1, 1], [2, 2], [2, 2]]


def test_a_folder_gives_every_published_form_and_text_out_takes_one_input(tmp_path):
    result = invoke(PUBLISHED, "--jsonl")
    formats = sorted({json.loads(line)["source"]["format"] for line in result.stdout.splitlines()})
    assert formats == ["doc", "docx", "html", "pdf"] or formats == ["docx", "html", "pdf"]  # .doc needs antiword
    assert invoke(PUBLISHED, SEED, "-o", tmp_path / "out", "--text-out", tmp_path / "t.txt").returncode == 2


def test_text_writes_beside_each_json_the_text_its_spans_index(tmp_path):
    out = tmp_path / "out"
    result = invoke(PUBLISHED / "special-report.pdf", SAMPLES / "web-copy-crlf.txt", "-o", out, "--text")
    assert result.returncode == 0, result.stderr
    for name in ("special-report", "web-copy-crlf"):
        document = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        text = (out / f"{name}.txt").read_bytes().decode("utf-8")
        assert document["source"]["chars"] == len(text)
        assert all(text[f["span"][0] : f["span"][1]] == f["text"] for f in document["figures"])
    assert invoke(SEED, "--jsonl", "--text").returncode == 2
