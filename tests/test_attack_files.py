"""Issue 11, "keep every promise under attack": hostile file names, special files, permissions,
outputs that fail, concurrent runs. Every promise of the README holds: valid output or one error
line naming the file, exit status 0/1/2, atomic resumable batches, nothing dropped silently.

The permission cases run the command as an unprivileged user (root reads everything), with the
files in a temporary folder that user can reach.
"""

import csv
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from bulletin_parse.models import Document
from paths import SAMPLES, SEED

COMMAND = [str(Path(sys.executable).with_name("bulletin-parse"))]
SAMPLE = SAMPLES / "pdf-pages.txt"
GBK_NAME = os.fsdecode(b"\xbc\xf2\xb1\xa8")  # 简报 in GBK, undecodable as UTF-8
SUMMARY = re.compile(r"\d+ files: \d+ converted, \d+ skipped \(up to date\), \d+ failed; ")
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def shown(path) -> str:
    """How the README says a path is written: as is when it is UTF-8 without a backslash, else
    with every byte UTF-8 cannot hold, and every backslash, as \\xNN."""
    raw = os.fsencode(path)
    try:
        text = raw.decode("utf-8")
        if "\\" not in text:
            return text
    except UnicodeDecodeError:
        pass
    return raw.replace(b"\\", b"\\x5c").decode("utf-8", "backslashreplace")


def run(*args, prefix=(), **kwargs):
    kwargs.setdefault("timeout", 120)
    return subprocess.run([*prefix, *COMMAND, *(os.fspath(a) if isinstance(a, Path) else a for a in args)], capture_output=True, **kwargs)


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.decode("utf-8").splitlines() if line.startswith("bulletin-parse: error:")]


def assert_one_line(result, status=1, names=None):
    """The promise: no traceback, every line on stderr one of ours, and the exit status."""
    stderr = result.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    assert result.returncode == status, stderr
    if names is not None:
        assert all(line.startswith("bulletin-parse: ") or SUMMARY.match(line) for line in stderr.splitlines()), stderr
        assert [line.split(": ")[2] for line in error_lines(result)] == [str(name) for name in names], stderr


def documents(folder: Path) -> dict[str, dict]:
    return {str(path.relative_to(folder)): json.loads(path.read_bytes()) for path in sorted(folder.rglob("*.json"))}


def leftovers(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.name.endswith(".partial")]


# 1. File names that are not UTF-8 -------------------------------------------------------------


def test_path_text_escapes_only_what_utf8_cannot_hold_and_round_trips():
    from bulletin_parse.files import path_bytes, path_text

    for raw in [b"samples/a.txt", "简报/第3期.txt".encode(), b"g/\xbc\xf2\xb1\xa8.txt", b"a\\b.txt", b"\\x41\xff", b"\\\\xbc"]:
        text = path_text(os.fsdecode(raw))
        text.encode("utf-8")  # a JSON string
        assert path_bytes(text) == raw and text == shown(os.fsdecode(raw))
    assert path_text("samples/a.txt") == "samples/a.txt" and path_text("简报/第3期.txt") == "简报/第3期.txt"
    assert path_text(os.fsdecode(b"g/\xbc\xf2.txt")) == "g/\\xbc\\xf2.txt"


@pytest.fixture
def gbk_folder(tmp_path):
    """An archive copied from a GBK system: a file whose name is not UTF-8, with files after it."""
    folder = tmp_path / "g"
    folder.mkdir()
    for name in ("a.txt", GBK_NAME + ".txt", "z.txt"):
        shutil.copy(SAMPLE, folder / name)
    return folder


@pytest.mark.parametrize("mode", ["-o", "-j2", "--jsonl", "--figures-csv", "single"])
def test_a_file_name_that_is_not_utf8_is_carried_and_escaped(gbk_folder, tmp_path, mode):
    odd = gbk_folder / (GBK_NAME + ".txt")
    escaped = shown(odd)
    assert "\\xbc\\xf2\\xb1\\xa8" in escaped
    if mode == "single":
        result = run(odd)
        assert_one_line(result, 0)
        assert json.loads(result.stdout)["source"]["path"] == escaped
        return
    out = tmp_path / "out"
    args = {
        "-o": ["-o", out, "-j1"],
        "-j2": ["-o", out, "-j2"],
        "--jsonl": ["--jsonl"],
        "--figures-csv": ["--figures-csv", tmp_path / "f.csv"],
    }[mode]
    result = run(gbk_folder, *args)
    assert_one_line(result, 0)
    if mode in ("-o", "-j2"):
        written = documents(out)
        assert sorted(os.fsencode(name) for name in written) == [b"a.json", b"z.json", b"\xbc\xf2\xb1\xa8.json"]  # the bytes kept on disk
        assert written[GBK_NAME + ".json"]["source"]["path"] == escaped and not leftovers(out)
    elif mode == "--jsonl":
        paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
        assert len(paths) == 3 and escaped in paths
    else:
        rows = list(csv.DictReader((tmp_path / "f.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert {row["document"] for row in rows} == {str(gbk_folder / "a.txt"), escaped, str(gbk_folder / "z.txt")}


def test_errors_name_an_undecodable_path_escaped(tmp_path):
    odd = tmp_path / (GBK_NAME + ".txt")
    odd.write_bytes(b"")
    result = run(odd)
    assert_one_line(result, 1)
    assert result.stderr.decode("utf-8") == f"bulletin-parse: error: {shown(odd)}: is empty\n"


# 3. Two runs into one output folder; what "up to date" means ---------------------------------


def small_archive(root: Path, files: int = 3) -> Path:
    folder = root / "in"
    samples = sorted(SAMPLES.glob("*.txt"))
    for number in range(files):
        (folder / f"{number % 3}").mkdir(parents=True, exist_ok=True)
        shutil.copy(samples[number % len(samples)], folder / f"{number % 3}" / f"f{number:02d}.txt")
    return folder


def test_a_255_byte_output_name_is_written(tmp_path):
    (tmp_path / "in").mkdir()
    long = tmp_path / "in" / ("简" * 81 + "abcd.txt")  # 251 bytes; its JSON 252
    shutil.copy(SAMPLE, long)
    result = run(tmp_path / "in", "-o", tmp_path / "out")
    assert_one_line(result, 0)
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["简" * 81 + "abcd.json"]


def test_an_input_replaced_by_an_older_copy_is_redone(tmp_path):
    folder = small_archive(tmp_path, 1)
    source = folder / "0" / "f00.txt"
    run(folder, "-o", tmp_path / "out", "-q")
    assert source.read_bytes() == SEED.read_bytes()
    shutil.copy(SAMPLE, source)
    os.utime(source, (1_000_000_000, 1_000_000_000))  # older than the output
    result = run(folder, "-o", tmp_path / "out")
    assert "1 converted, 0 skipped" in result.stderr.decode()
    assert documents(tmp_path / "out")["0/f00.json"]["source"]["chars"] == len(SAMPLE.read_text(encoding="utf-8"))


def test_a_corrected_encoding_is_redone(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes((SAMPLES / "wrapped-gb18030.txt").read_bytes())
    first = run(tmp_path / "in", "-o", tmp_path / "out", "--encoding", "latin-1")  # wrong, but decodes
    assert first.returncode == 0
    second = run(tmp_path / "in", "-o", tmp_path / "out", "--encoding", "gb18030")
    assert "1 converted, 0 skipped" in second.stderr.decode()
    assert documents(tmp_path / "out")["a.json"]["source"]["encoding"] == "gb18030"
    third = run(tmp_path / "in", "-o", tmp_path / "out", "--encoding", "gb18030")
    assert "0 converted, 1 skipped" in third.stderr.decode()


def test_a_link_in_out_to_another_documents_json_is_replaced(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLE, tmp_path / "in" / "a.txt")
    other = tmp_path / "other.json"
    other.write_bytes(run(SEED).stdout)
    (tmp_path / "out").mkdir()
    os.symlink(other, tmp_path / "out" / "a.json")
    result = run(tmp_path / "in", "-o", tmp_path / "out")
    assert "1 converted, 0 skipped" in result.stderr.decode()
    assert not (tmp_path / "out" / "a.json").is_symlink()
    assert documents(tmp_path / "out")["a.json"]["source"]["path"] == str(tmp_path / "in" / "a.txt")
    assert json.loads(other.read_bytes())["source"]["path"] == str(SEED)


@pytest.mark.parametrize("options", [[], ["--figures-csv", "TABLE"]], ids=["plain", "csv"])
def test_an_output_that_is_not_a_document_is_redone_and_never_crashes(tmp_path, options):
    (tmp_path / "in").mkdir()
    shutil.copy(SAMPLE, tmp_path / "in" / "a.txt")
    run(tmp_path / "in", "-o", tmp_path / "out", "-q")
    output = tmp_path / "out" / "a.json"
    whole = output.read_bytes()
    output.write_bytes(whole[:300] + whole[-300:])  # what two writers on one name left: ends in "}\n"
    args = [str(tmp_path / "t.csv") if a == "TABLE" else a for a in options]
    result = run(tmp_path / "in", "-o", tmp_path / "out", *args)
    assert_one_line(result, 0)
    assert "1 converted, 0 skipped" in result.stderr.decode()
    assert output.read_bytes() == whole


def test_two_writers_of_one_output_never_mix(tmp_path):
    """What two runs into one OUT do, made certain: one writer is midway when the other writes the
    same output whole. Each must write its own temporary file, and the output be one of theirs."""
    from bulletin_parse.batch import write_atomically

    target = tmp_path / "a.json"
    midway, other_done = threading.Event(), threading.Event()
    failures = []

    def slow(stream):
        stream.write(b'{"writer": "slow", "padding": "')
        stream.flush()
        midway.set()
        other_done.wait(10)
        stream.write(b"x" * 1000 + b'"}\n')

    def first():
        try:
            write_atomically(target, slow)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)

    thread = threading.Thread(target=first)
    thread.start()
    assert midway.wait(10)
    write_atomically(target, lambda stream: stream.write(b'{"writer": "fast"}\n'))
    other_done.set()
    thread.join(10)
    assert not failures and json.loads(target.read_bytes())["writer"] == "slow"
    assert [path.name for path in tmp_path.iterdir()] == ["a.json"]


def concurrent_trial(root: Path) -> tuple[int, int]:
    """Two runs into one OUT, spelling the input two ways, both --force; the unparsable outputs
    they leave, and those left after a plain re-run."""
    shutil.rmtree(root / "out", ignore_errors=True)
    runs = [
        subprocess.Popen(COMMAND + [spelling, "-o", "out", "--force", "-q"], cwd=root, stderr=subprocess.PIPE)
        for spelling in ("in", str(root / "in"))
    ]
    for process in runs:
        assert b"Traceback" not in process.communicate(timeout=120)[1]
    before = unparsable(root / "out")
    rerun = subprocess.run(COMMAND + ["in", "-o", "out", "-q"], cwd=root, capture_output=True, timeout=120)
    assert rerun.returncode == 0 and rerun.stderr == b""
    return before, unparsable(root / "out")


def unparsable(out: Path) -> int:
    bad = 0
    for path in out.rglob("*.json"):
        try:
            Document.model_validate_json(path.read_bytes())
        except ValueError:
            bad += 1
    return bad + len(leftovers(out))


@pytest.mark.slow
def test_two_concurrent_runs_into_one_folder_leave_only_documents(tmp_path):
    small_archive(tmp_path, 20)
    results = [concurrent_trial(tmp_path) for _ in range(6)]
    assert results == [(0, 0)] * len(results)


# 8. Special files and permissions -------------------------------------------------------------


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/null"])
def test_only_regular_files_are_read(tmp_path, special):
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    result = run(path, timeout=20)
    assert_one_line(result, 1, names=[path])
    assert "not a regular file" in result.stderr.decode()


def test_a_fifo_in_a_folder_is_named_and_the_others_convert(tmp_path):
    small_archive(tmp_path, 3)
    os.mkfifo(tmp_path / "in" / "1" / "pipe.txt")
    result = run(tmp_path / "in", "-o", tmp_path / "out", "-j2", timeout=30)
    assert_one_line(result, 1, names=[tmp_path / "in" / "1" / "pipe.txt"])
    assert len(documents(tmp_path / "out")) == 3


def test_an_input_over_max_size_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SAMPLE.read_bytes() * 3)
    assert big.stat().st_size > 1024
    result = run(big, "--max-size", "1K")
    assert_one_line(result, 1, names=[big])
    assert "--max-size" in result.stderr.decode()
    assert run(big, "--max-size", "10M").returncode == 0
    piped = run("-", "--max-size", "1K", input=big.read_bytes())
    assert_one_line(piped, 1, names=["-"])
    assert run("-", input=big.read_bytes()).returncode == 0  # the default holds any bulletin
    assert run(big, "--max-size", "lots").returncode == 2


@pytest.fixture
def public_tmp():
    """A folder an unprivileged user can reach (pytest's tmp_path is root's alone)."""
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root")
    folder = Path(tempfile.mkdtemp(prefix="bulletin-attack-"))
    folder.chmod(0o777)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def as_user(*args, **kwargs):
    return run(*args, prefix=NOBODY if os.geteuid() == 0 else (), **kwargs)


def test_an_unreadable_subfolder_is_named_and_exit_is_1(public_tmp):
    small_archive(public_tmp, 3)
    (public_tmp / "in" / "1").chmod(0o300)  # entries cannot be listed
    result = as_user(public_tmp / "in", "--jsonl")
    assert_one_line(result, 1, names=[public_tmp / "in" / "1"])
    assert len(result.stdout.splitlines()) == 2


def test_a_file_under_an_unsearchable_folder_is_one_line(public_tmp):
    small_archive(public_tmp, 3)
    (public_tmp / "in" / "1").chmod(0o600)  # listed, not entered
    inside = public_tmp / "in" / "1" / "f01.txt"
    single = as_user(inside)
    assert_one_line(single, 1, names=[inside])
    assert "permission denied" in single.stderr.decode()
    walked = as_user(public_tmp / "in", "--jsonl")
    assert walked.returncode == 1 and "Traceback" not in walked.stderr.decode() and len(walked.stdout.splitlines()) == 2
    assert str(public_tmp / "in" / "1") in walked.stderr.decode()


@pytest.mark.parametrize("mode", [[], ["--jsonl"], ["-o", "OUT"]], ids=["single", "jsonl", "folder"])
def test_an_unreadable_file_is_one_line_and_exit_1(public_tmp, mode):
    small_archive(public_tmp, 1)
    locked = public_tmp / "in" / "0" / "f00.txt"
    locked.chmod(0)
    (public_tmp / "out").mkdir(mode=0o777)
    (public_tmp / "out").chmod(0o777)
    result = as_user(locked, *[str(public_tmp / "out") if a == "OUT" else a for a in mode])
    assert_one_line(result, 1, names=[locked])
    assert "permission denied" in result.stderr.decode()


# 9. Outputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, stdin", [([SAMPLE], None), ([SAMPLES, "--jsonl"], None), (["-"], SAMPLE.read_bytes())], ids=["file", "jsonl", "stdin"]
)
def test_a_full_standard_output_is_one_line(args, stdin):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(COMMAND + [str(a) for a in args], input=stdin, stdout=full, stderr=subprocess.PIPE, timeout=60)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert error_lines(result) == ["bulletin-parse: error: standard output: cannot be written (No space left on device)"], stderr


@pytest.mark.parametrize("args", [[SAMPLE], [SAMPLES, "--jsonl"]], ids=["file", "jsonl"])
def test_a_reader_that_stops_early_is_no_error(args):
    """`bulletin-parse FILE | head -c 100`: the closed pipe is the reader's choice, not a failure."""
    process = subprocess.Popen(COMMAND + [str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr and "error" not in stderr, stderr


def test_an_empty_or_folder_table_name_and_a_file_for_out_are_bad_usage(tmp_path):
    (tmp_path / "taken.txt").write_text("a file")
    for args in (["--figures-csv", ""], ["--figures-csv", tmp_path], ["-o", tmp_path / "taken.txt"]):
        result = run(SAMPLE, *args)
        assert result.returncode == 2 and "Traceback" not in result.stderr.decode(), result.stderr.decode()
    assert (tmp_path / "taken.txt").read_text() == "a file"


def low_file_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (40, 40))


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def test_many_jobs_under_a_low_file_limit_finish_without_a_traceback(tmp_path):
    small_archive(tmp_path, 60)
    process = subprocess.Popen(
        COMMAND + [str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "300"],
        preexec_fn=low_file_limit,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        for child in children_of(process.pid):
            os.kill(child, signal.SIGKILL)
        process.kill()
        raise
    assert "Traceback" not in stderr.decode() and process.returncode in (0, 1), stderr.decode()
    assert process.returncode == 1 or len(documents(tmp_path / "out")) == 60
    assert all(line.startswith("bulletin-parse: ") or SUMMARY.match(line) for line in stderr.decode().splitlines())


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may never reap the workers of a killed run)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_that_cannot_start_are_one_line_and_leave_no_process(tmp_path):
    """Should the open-file limit be too low once the workers start (the limit on -j is an
    estimate), the run says so in one line and leaves no worker behind."""
    small_archive(tmp_path, 60)
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_NOFILE, (40, 40)); "
        "import bulletin_parse.batch as batch; batch.worker_limit = lambda: 300; "
        "from bulletin_parse.cli import main; sys.argv[0] = 'bulletin-parse'; main()"
    )
    command = [sys.executable, "-c", script, str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "300"]
    try:
        result = subprocess.run(command, capture_output=True, timeout=60)
    finally:
        stray = [pid for pid in mentioning(str(tmp_path / "in")) if running(pid)]
        for pid in stray:
            os.kill(pid, signal.SIGKILL)
    assert_one_line(result, 1)
    assert error_lines(result) == ["bulletin-parse: error: cannot start 60 worker processes (Too many open files); try a smaller -j"]
    assert not stray


def mentioning(text: str) -> list[int]:
    """The processes whose command line holds `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def test_a_table_to_a_fifo_is_written_into_it(tmp_path):
    """`--figures-csv /dev/stdout` or a shell's `>(gzip)`: a FIFO or device is written into, not replaced."""
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(SAMPLE, "--figures-csv", fifo, timeout=60)
    reader.join(10)
    assert_one_line(result, 0)
    assert received and received[0].startswith("\ufeffdocument,report".encode()) and fifo.is_fifo()


def big_archive(root: Path, files: int = 150) -> Path:
    folder = root / "in"
    folder.mkdir()
    for number in range(files):
        shutil.copy(SEED, folder / f"f{number:03d}.txt")
    return folder


def wait_for(condition, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path):
    big_archive(tmp_path)
    process = subprocess.Popen(COMMAND + [str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j2", "-q"])
    assert wait_for(lambda: len(list((tmp_path / "out").glob("*.json"))) >= 4)
    workers = children_of(process.pid)
    assert len(workers) == 2
    process.kill()
    process.wait()

    def alive() -> list[int]:
        return [pid for pid in workers if running(pid)]

    try:
        assert wait_for(lambda: not alive(), 10), "workers outlived their parent"
    finally:
        for pid in alive():
            os.kill(pid, signal.SIGKILL)
    assert not leftovers(tmp_path / "out")  # the workers removed what they were writing
    rerun = run(tmp_path / "in", "-o", tmp_path / "out")
    assert_one_line(rerun, 0)
    assert len(documents(tmp_path / "out")) == 150


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_leaves_no_temporaries(tmp_path, jobs):
    big_archive(tmp_path)
    process = subprocess.Popen(
        COMMAND + [str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert wait_for(lambda: len(list((tmp_path / "out").glob("*.json"))) >= 4)
    workers = children_of(process.pid)
    assert len(workers) == (2 if jobs == "2" else 0)
    process.terminate()
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 1 and "Traceback" not in stderr.decode(), stderr.decode()
    assert [line for line in stderr.decode().splitlines() if line.startswith("bulletin-parse: error:")] == [
        "bulletin-parse: error: interrupted; run the same command again to resume"
    ]
    assert not [pid for pid in workers if running(pid)] and not leftovers(tmp_path / "out")


def no_big_files():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failing_write_leaves_no_temporary_files(tmp_path, jobs):
    small_archive(tmp_path, 4)
    result = run(tmp_path / "in", "-o", tmp_path / "out", "-j", jobs, preexec_fn=no_big_files)
    assert_one_line(result, 1)
    assert len(error_lines(result)) == 4 and all("cannot" in line and "File too large" in line for line in error_lines(result))
    assert not leftovers(tmp_path / "out") and not list((tmp_path / "out").rglob("*.json"))


def test_temporaries_of_a_killed_run_are_removed_by_the_next(tmp_path):
    small_archive(tmp_path, 1)
    dead = subprocess.Popen(["true"])
    dead.wait()  # its pid is free: whatever it left is stale
    (tmp_path / "out" / "0").mkdir(parents=True)
    stale = tmp_path / "out" / "0" / f".bulletin-parse.{dead.pid}.0123abcd.partial"
    stale.write_text("{")
    live = tmp_path / "out" / "0" / f".bulletin-parse.{os.getpid()}.0123abcd.partial"
    live.write_text("{")
    assert_one_line(run(tmp_path / "in", "-o", tmp_path / "out"), 0)
    assert not stale.exists() and live.exists()


def test_an_input_is_never_written_over(tmp_path):
    same = tmp_path / "same"
    same.mkdir()
    notes = same / "notes.json"
    notes.write_text("人大工作简报\n第1期\n\n一、基本情况\n代表联络站接待群众12人次。\n", encoding="utf-8")
    before = notes.read_bytes()
    result = run(same, "-o", same, "--glob", "*.json")
    assert_one_line(result, 1, names=[same])
    assert notes.read_bytes() == before and sorted(p.name for p in same.iterdir()) == ["notes.json"]
    table = run(same, "--glob", "*.json", "--figures-csv", notes)
    assert table.returncode == 2 and "Traceback" not in table.stderr.decode()
    explicit = run(notes, "--jsonl", "-o", tmp_path / "x.jsonl")
    assert explicit.returncode == 0
    assert notes.read_bytes() == before


def test_an_output_folder_inside_an_input_folder_is_not_read(tmp_path):
    folder = small_archive(tmp_path, 2)
    for _ in range(3):
        result = run(folder, "-o", folder / "out", "--glob", "*")
        assert_one_line(result, 0)
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "0/f00.txt",
        "1/f01.txt",
        "out/0/f00.json",
        "out/1/f01.json",
    ]
    result = run(folder / "out", "-o", folder / "out")
    assert_one_line(result, 1, names=[folder / "out"])
