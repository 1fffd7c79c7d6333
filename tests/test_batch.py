"""End to end: converting a generated archive of a few hundred bulletins in nested folders. The
command runs in this process (`invoke`), but where a process is killed."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from in_process import invoke
from paths import SAMPLES, SEED

COMMAND = [str(Path(sys.executable).with_name("bulletin-parse"))]
BAD = {"empty.txt": b"", "scan.txt": b"%PDF-1.5\n%binary", "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00"}


def run(*args, **kwargs):
    """The installed command, as a process."""
    return subprocess.run(COMMAND + [str(a) for a in args], capture_output=True, **kwargs)


def small_bulletin(number: int) -> str:
    return (
        f"人大工作简报\n第{number}期\n\n"
        f"第{number}区：代表联络站接待群众\n"
        f"　　今年以来，区人大常委会组织代表进站接待群众{number}人次，收集意见建议{number + 3}条。\n"
        f"　　一是完善制度。制定接待规则{number % 7 + 2}项。\n"
        f"（区人大常委会办公室　 张　 三）\n"
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """220 good files in three levels of folders, a few seed-sized ones, and bad files among them."""
    root = tmp_path_factory.mktemp("archive")
    for number in range(220):
        folder = root / f"{2000 + number % 4}" / f"{number % 3:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        encoding = "gb18030" if number % 5 == 0 else "utf-8"
        (folder / f"issue-{number:03d}.txt").write_bytes(small_bulletin(number).encode(encoding))
    for number in range(6):
        (root / "2000" / f"seed-{number}.txt").write_bytes(SEED.read_bytes())
    for name, data in BAD.items():
        (root / "2001" / name).write_bytes(data)
    (root / "2002" / "notes.md").write_text("not a bulletin")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_archive_is_mirrored_and_bad_files_reported(archive, tmp_path):
    result = invoke(archive, "-o", tmp_path / "out", "-j", "2")
    assert result.returncode == 1
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("bulletin-parse: error:")]
    assert sorted(line.split(": ")[2] for line in errors) == sorted(str(archive / "2001" / name) for name in BAD)
    outputs = tree(tmp_path / "out")
    inputs = {str(p.relative_to(archive).with_suffix(".json")) for p in archive.rglob("*.txt") if p.name not in BAD}
    assert set(outputs) == inputs and len(outputs) == 226
    document = json.loads(outputs[str(Path("2003") / "00" / "issue-015.json")])
    assert document["source"]["path"] == str(archive / "2003" / "00" / "issue-015.txt")
    assert "226 converted, 0 skipped (up to date), 3 failed" in result.stderr.decode()


def test_two_workers_write_what_one_writes(archive, tmp_path):
    invoke(archive, "-o", tmp_path / "one", "-j", "1", "-q")
    invoke(archive, "-o", tmp_path / "two", "-j", "2", "-q")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_jsonl_in_input_order_round_trips(archive, tmp_path):
    result = invoke(archive, "--jsonl", "-q", "-j", "2")
    documents = [json.loads(line) for line in result.stdout.decode().splitlines()]
    paths = [d["source"]["path"] for d in documents]
    assert len(documents) == 226 and paths == sorted(paths, key=lambda p: Path(p).relative_to(archive).parts)
    invoke(archive, "--jsonl", "-o", tmp_path / "all.jsonl", "-q")
    assert (tmp_path / "all.jsonl").read_bytes() == result.stdout


def test_figures_csv_opens_as_utf8_with_bom(archive, tmp_path):
    result = invoke(archive / "2000" / "00", "--figures-csv", tmp_path / "figures.csv", "-q")
    assert result.returncode == 0 and result.stdout == b""
    raw = (tmp_path / "figures.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    issue = [row for row in rows if row["document"].endswith("issue-012.txt")]
    assert [(row["text"], row["value"], row["unit"], row["report"], row["title"], row["point"]) for row in issue] == [
        ("12人次", "12", "人次", "1", "第12区：代表联络站接待群众", ""),
        ("15条", "15", "条", "1", "第12区：代表联络站接待群众", ""),
        ("7项", "7", "项", "1", "第12区：代表联络站接待群众", "1"),
    ]


def test_rerun_skips_finished_files_and_force_redoes_them(archive, tmp_path):
    out = tmp_path / "out"
    invoke(archive / "2001", "-o", out, "-q")
    stamps = {path: path.stat().st_mtime_ns for path in out.rglob("*.json")}
    again = invoke(archive / "2001", "-o", out)
    assert f"0 converted, {len(stamps)} skipped (up to date), 3 failed" in again.stderr.decode()
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*.json")} == stamps
    with_table = invoke(archive / "2001", "-o", out, "--figures-csv", tmp_path / "figures.csv")
    assert "the converted hold 0 reports, 0 figures" in with_table.stderr.decode()  # skipped ones are not counted
    assert len((tmp_path / "figures.csv").read_text(encoding="utf-8-sig").splitlines()) > len(stamps)  # but their rows are written
    forced = invoke(archive / "2001", "-o", out, "--force")
    assert f"{len(stamps)} converted, 0 skipped" in forced.stderr.decode()


def test_sigkill_leaves_no_truncated_json_and_rerun_completes(archive, tmp_path):
    out = tmp_path / "out"
    command = COMMAND + [str(archive), "-o", str(out), "-j", "1", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 20:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = {path: path.stat().st_mtime_ns for path in out.rglob("*.json")}
    assert 20 <= len(finished) < 226, "the run was not killed mid-way"
    for path in finished:
        json.loads(path.read_bytes())
    rerun = run(archive, "-o", out, "-j", "1")
    assert f"{226 - len(finished)} converted, {len(finished)} skipped" in rerun.stderr.decode()
    assert all(path.stat().st_mtime_ns == stamp for path, stamp in finished.items())
    assert len(list(out.rglob("*.json"))) == 226 and not list(out.rglob("*.partial"))


def test_colliding_names_are_made_distinct(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_text(small_bulletin(1), encoding="utf-8")
    (tmp_path / "in" / "x.TXT").write_text(small_bulletin(2), encoding="utf-8")
    result = invoke(tmp_path / "in", "-o", tmp_path / "out")
    assert result.returncode == 0
    # inputs go in path order, so x.TXT (upper case sorts first) takes x.json
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["x.json", "x.txt.json"]
    assert json.loads((tmp_path / "out" / "x.json").read_bytes())["source"]["path"].endswith("x.TXT")
    assert "output name x.json is taken; writing x.txt.json" in result.stderr.decode()


def test_symlink_loop_ends(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(small_bulletin(3), encoding="utf-8")
    os.symlink(tmp_path / "in", tmp_path / "in" / "sub" / "loop")
    result = invoke(tmp_path / "in", "--jsonl", "-q")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 1


def test_links_in_the_output_tree_never_carry_writes_outside_it(tmp_path):
    """A folder link in OUT is refused; a file link is not followed; a link planted at a
    temporary name is never written through (temporary names are new, and opened O_EXCL)."""
    for name in ("kept", "linked", "planted"):
        (tmp_path / "in" / name).mkdir(parents=True)
        (tmp_path / "in" / name / "a.txt").write_text(small_bulletin(5), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "victim").write_text("untouched")
    (tmp_path / "out" / "kept").mkdir(parents=True)
    os.symlink(elsewhere / "victim", tmp_path / "out" / "kept" / "a.json")
    os.symlink(elsewhere, tmp_path / "out" / "linked")
    (tmp_path / "out" / "planted").mkdir()
    os.symlink(elsewhere / "victim", tmp_path / "out" / "planted" / ".a.json.partial")
    result = invoke(tmp_path / "in", "-o", tmp_path / "out")
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert (
        f"bulletin-parse: error: {tmp_path / 'in' / 'linked' / 'a.txt'}: its output {tmp_path / 'out' / 'linked' / 'a.json'} "
        f"would leave {tmp_path / 'out'} (a link in it); not converted"
    ) in stderr
    assert "2 converted, 0 skipped (up to date), 1 failed" in stderr
    assert (elsewhere / "victim").read_text() == "untouched" and sorted(p.name for p in elsewhere.iterdir()) == ["victim"]
    for name in ("kept", "planted"):
        written = tmp_path / "out" / name / "a.json"
        assert not written.is_symlink() and json.loads(written.read_bytes())["reports"]


def test_quiet_prints_nothing_but_errors(archive, tmp_path):
    result = invoke(archive / "2001", "-o", tmp_path / "out", "-q")
    assert all(line.startswith("bulletin-parse: error:") for line in result.stderr.decode().splitlines())


@pytest.mark.parametrize(
    "args",
    [["FOLDER", "FOLDER"], ["FOLDER", "--jsonl", "-o", "out.json"], ["-", "FOLDER", "--jsonl"], ["FOLDER", "-j", "0", "--jsonl"]],
    ids=["two inputs without -o", "jsonl to a non-jsonl file", "stdin among others", "zero jobs"],
)
def test_bad_usage_exits_2(args):
    assert invoke(*[SAMPLES if a == "FOLDER" else a for a in args]).returncode == 2


def test_an_output_cut_short_is_redone(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(small_bulletin(4), encoding="utf-8")
    invoke(tmp_path / "in", "-o", tmp_path / "out", "-q")
    output = tmp_path / "out" / "a.json"
    whole = output.read_bytes()
    output.write_bytes(whole[: len(whole) // 2])  # as a power cut might leave it
    result = invoke(tmp_path / "in", "-o", tmp_path / "out")
    assert "1 converted, 0 skipped" in result.stderr.decode()
    assert output.read_bytes() == whole


def test_unwritable_table_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    result = invoke(SAMPLES / "pdf-pages.txt", "--figures-csv", tmp_path / "taken" / "figures.csv", "-q")
    message = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in message
    assert message.startswith(f"bulletin-parse: error: {tmp_path / 'taken' / 'figures.csv'}: cannot be written")
