"""Options that do the obvious thing (a user's first tries): an output named like a file is that
file, `-` is standard output, piped input is read, a wrong encoding is bad usage, Big5 is
recognised, and a batch says what it did not read. Run in this process (`invoke`) but where a
process matters: piped standard input, a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from in_process import invoke
from paths import SAMPLES

COMMAND = str(Path(sys.executable).with_name("bulletin-parse"))
BULLETIN = "南湖区：代表联络站建设全覆盖\n南湖区人大常委会今年新建代表联络站 12 个，收集意见建议 300 余条。\n（南湖区人大常委会办公室）\n"


def run(*args, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    feed = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    return subprocess.run([COMMAND, *map(str, args)], capture_output=True, cwd=cwd, **feed)


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "nanhu.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def test_o_with_a_json_name_writes_that_file(bulletin, tmp_path):
    target = tmp_path / "out" / "nanhu-parsed.json"
    result = invoke(bulletin, "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.is_file(), "a folder was made instead of the file"
    assert json.loads(target.read_bytes())["reports"][0]["title"] == "南湖区：代表联络站建设全覆盖"
    assert result.stdout == b""


def test_figures_csv_dash_writes_the_table_to_standard_output(bulletin, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(bulletin, "--figures-csv", "-")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "-").exists()
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert [(row["text"], row["unit"]) for row in rows] == [("12 个", "个"), ("300 余条", "条")]


def test_jsonl_to_dash_writes_standard_output(bulletin, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(bulletin, bulletin, "--jsonl", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "-").exists()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["figures"] for line in lines)


def test_piped_input_is_read_without_a_path():
    result = run(stdin=BULLETIN.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["path"] == "-"


def test_an_unknown_encoding_is_bad_usage_naming_the_known_ones(bulletin):
    result = invoke("--encoding", "foo", bulletin)
    assert result.returncode == 2
    message = result.stderr.decode()
    assert "foo" in message and "gb18030" in message and "big5" in message and "utf-16" in message


def test_a_decoding_error_never_suggests_the_encoding_that_failed(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xff\xfe\xfd\x00\x81")
    result = invoke("--encoding", "utf-8", path)
    assert result.returncode == 1
    line = result.stderr.decode().strip()
    assert "utf-8" in line.split("try", 1)[0] and "try" in line
    assert "utf-8" not in line.split("try", 1)[1]


def test_big5_text_is_recognised(tmp_path):
    path = tmp_path / "big5.txt"
    text = "臺中市：議會監督預算執行\n臺中市人大常委會聽取審議預算執行情況報告，提出意見建議 25 條。\n（臺中市人大常委會預算工委）\n" * 3
    path.write_bytes(text.encode("big5"))
    result = invoke(path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["source"]["encoding"] == "big5"
    assert document["reports"][0]["title"] == "臺中市：議會監督預算執行"
    assert [w["code"] for w in document["warnings"]].count("encoding-guessed") == 1


def test_a_batch_names_what_it_did_not_read(tmp_path, bulletin):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BULLETIN, encoding="utf-8")
    for name in ("notes.md", "scan.jpg"):
        (folder / name).write_bytes(b"x")
    result = invoke(folder, "-o", tmp_path / "out", "--glob", "*.txt")
    assert result.returncode == 0, result.stderr
    assert "2 files not matching *.txt" in result.stderr.decode()
    listed = invoke(folder, "-o", tmp_path / "out", "--glob", "*.txt", "-v").stderr.decode()
    assert "notes.md" in listed and "scan.jpg" in listed


def test_rerun_with_another_encoding_redoes_the_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(BULLETIN.encode("gb18030"))
    first = invoke(folder, "-o", tmp_path / "out", "--encoding", "gb18030")
    again = invoke(folder, "-o", tmp_path / "out", "--encoding", "gb18030")
    other = invoke(folder, "-o", tmp_path / "out", "--encoding", "big5")
    assert b"1 converted" in first.stderr and b"1 skipped" in again.stderr
    assert b"0 skipped" in other.stderr, other.stderr


def test_bulletin_error_names_the_file(tmp_path):
    from bulletin_parse import BulletinError, parse_file

    path = tmp_path / "empty.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(BulletinError) as caught:
        parse_file(path)
    assert str(path) in str(caught.value)


def test_errors_in_a_batch_print_above_the_bar_and_the_bar_is_cleared(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        (folder / f"{number}.txt").write_text(BULLETIN, encoding="utf-8")
    (folder / "3.txt").write_bytes(b"\x00\x01binary")
    main, child = pty.openpty()
    process = subprocess.Popen(
        [COMMAND, str(folder), "-o", str(tmp_path / "out"), "-j", "1"],
        stdout=child,
        stderr=child,
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(child)
    screen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None:
            break
    process.wait()
    os.close(main)
    text = screen.decode("utf-8", "replace")
    error_lines = [line for line in text.replace("\r", "\n").split("\n") if "3.txt" in line]
    assert error_lines and all(line.lstrip("\x1b[2K ").startswith("bulletin-parse: error:") for line in error_lines), error_lines
    assert process.returncode == 1
    assert "\x1b[?25h" in text or "\x1b[2K" in text  # the bar's line is cleared at the end


def test_samples_still_convert(tmp_path):
    result = invoke(SAMPLES, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_jsonl_and_the_table_cannot_share_standard_output(bulletin):
    result = run(bulletin, "--jsonl", "--figures-csv", "-")
    assert result.returncode == 2 and result.stdout == b""
    assert "standard output" in result.stderr.decode()
