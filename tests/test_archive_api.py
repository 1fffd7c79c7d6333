"""`batch.convert_archive` called from Python: what it returns, what it calls back, what it
writes (the same as the command), and the one error it raises (bad usage)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from bulletin_parse.batch import ArchiveSummary, UsageError, convert_archive
from in_process import invoke
from paths import SAMPLES, SEED

NAMES = ("hangzhou-bulletin.txt", "pdf-pages.txt", "special-report.txt")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three bulletins in two folders, an empty file (fails) and a file --glob leaves out."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for number, name in enumerate(NAMES):
        shutil.copy(SAMPLES / name, (root / "sub" if number else root) / name)
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.md").write_text("not a bulletin")
    return root


def test_a_folder_is_converted_and_counted(folder, tmp_path):
    problems, progress, unmatched = [], [], []
    summary = convert_archive(
        [folder],
        tmp_path / "out",
        jobs=1,
        on_problem=lambda path, message: problems.append((path, message)),
        on_progress=lambda done, total: progress.append((done, total)),
        on_unmatched=unmatched.append,
    )
    assert isinstance(summary, ArchiveSummary)
    assert (summary.files, summary.converted, summary.skipped, summary.failed, summary.unwritten) == (4, 3, 0, 1, 0)
    assert summary.problems == problems == [(folder / "empty.txt", "is empty")]
    assert summary.unmatched == unmatched == [folder / "notes.md"]
    assert progress == [(done, 4) for done in range(5)]
    assert not summary.ok and summary.stopped is None
    documents = [json.loads(path.read_bytes()) for path in sorted((tmp_path / "out").rglob("*.json"))]
    assert len(documents) == 3 and summary.reports == sum(len(document["reports"]) for document in documents)
    assert summary.figures == sum(len(document["figures"]) for document in documents)


def test_a_second_run_skips_what_is_up_to_date_and_force_redoes_it(folder, tmp_path):
    convert_archive(folder, tmp_path / "out", jobs=1)  # one path, as a Path or text, is one input
    again = convert_archive(str(folder), str(tmp_path / "out"), jobs=2)
    assert (again.converted, again.skipped, again.failed, again.reports, again.figures) == (0, 3, 1, 0, 0)
    forced = convert_archive([folder], tmp_path / "out", force=True)
    assert (forced.converted, forced.skipped) == (3, 0)


def test_jsonl_is_what_the_command_writes(folder, tmp_path):
    command = invoke(folder, "--jsonl", "-q").stdout
    summary = convert_archive([folder], jsonl=tmp_path / "all.jsonl", jobs=2)
    assert summary.converted == 3 and (tmp_path / "all.jsonl").read_bytes() == command
    stream = io.BytesIO()
    convert_archive([folder], jsonl=stream, jobs=1)
    assert stream.getvalue() == command
    assert [json.loads(line)["source"]["path"] for line in command.splitlines()] == [
        str(folder / NAMES[0]),
        *(str(folder / "sub" / name) for name in NAMES[1:]),
    ]


def test_jsonl_lines_stream_as_they_come_and_the_file_is_put_in_place_at_the_end(folder, tmp_path):
    events = []

    class Recorder(io.BytesIO):
        def write(self, data):
            events.append("line")
            return super().write(data)

    def progress(done, total):
        events.append(f"done {done}")
        partial = [path.stat().st_size for path in tmp_path.glob(".bulletin-parse.*.partial")]
        events.append(f"partial {partial[0] > 0}" if partial else "no partial")
        assert not (tmp_path / "all.jsonl").exists()

    convert_archive([folder], jsonl=Recorder(), figures_csv=tmp_path / "all.csv", jobs=1, on_progress=progress)
    # empty.txt first (it fails), then each document's line as soon as it is converted
    assert [event for event in events if not event.endswith(("True", "False", "partial"))] == [
        "done 0",
        "done 1",
        "line",
        "done 2",
        "line",
        "done 3",
        "line",
        "done 4",
    ]
    table = tmp_path / "all.csv"
    assert table.read_bytes().startswith("\ufeffdocument,report".encode()) and not list(tmp_path.glob("*.partial"))
    events.clear()
    convert_archive([folder], jsonl=tmp_path / "all.jsonl", jobs=1, on_progress=progress)
    assert events[1] == "partial False" and events[-1] == "partial True"  # the temporary file grows as the lines come
    assert len((tmp_path / "all.jsonl").read_bytes().splitlines()) == 3 and not list(tmp_path.glob("*.partial"))


def test_a_stream_that_fails_stops_the_run_and_is_one_problem(folder, tmp_path):
    class Full(io.RawIOBase):
        name = "the full stream"

        def write(self, data):
            raise OSError(28, "No space left on device")

    summary = convert_archive([folder], jsonl=Full(), figures_csv=tmp_path / "all.csv", jobs=1)
    assert summary.unwritten == 1 and summary.converted == 1 and not summary.ok
    assert summary.problems[-1] == ("the full stream", "cannot be written (No space left on device)")
    assert len(summary.problems) == summary.failed + summary.unwritten
    assert not (tmp_path / "all.csv").exists() and not list(tmp_path.glob("*.partial"))  # the run did not end: no table


def test_a_table_that_cannot_be_written_is_one_problem(folder, tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    summary = convert_archive([folder], tmp_path / "out", figures_csv=tmp_path / "taken" / "figures.csv")
    assert summary.converted == 3 and summary.unwritten == 1
    assert summary.problems[-1] == (tmp_path / "taken" / "figures.csv", "cannot be written (File exists)")


def test_html_writes_the_pages_and_the_index(folder, tmp_path):
    summary = convert_archive([folder], tmp_path / "out", html=True, text=True)
    assert summary.converted == 3 and summary.unwritten == 0
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "sub" / "pdf-pages.html").is_file() and (tmp_path / "out" / "sub" / "pdf-pages.txt").is_file()


@pytest.mark.parametrize(
    "call, parameter",
    [
        (lambda folder, tmp: convert_archive([folder]), "out"),
        (lambda folder, tmp: convert_archive([], tmp / "out"), "paths"),
        (lambda folder, tmp: convert_archive([folder], tmp / "out", jobs=0), "jobs"),
        (lambda folder, tmp: convert_archive([folder], tmp / "out", encoding="foo"), "encoding"),
        (lambda folder, tmp: convert_archive([folder], folder / "empty.txt"), "out"),
        (lambda folder, tmp: convert_archive([folder], jsonl=tmp), "jsonl"),
        (lambda folder, tmp: convert_archive([folder], figures_csv=folder / "sub" / "pdf-pages.txt"), "figures_csv"),
        (lambda folder, tmp: convert_archive([folder], jsonl=io.BytesIO(), html=True), "html"),
    ],
    ids=[
        "nothing to write",
        "no paths",
        "no jobs",
        "unknown encoding",
        "out is a file",
        "jsonl is a folder",
        "table over an input",
        "html without out",
    ],
)
def test_bad_usage_is_a_value_error_and_writes_nothing(folder, tmp_path, call, parameter):
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(UsageError) as raised:
        call(folder, tmp_path)
    assert isinstance(raised.value, ValueError) and raised.value.parameter == parameter
    assert sorted(tmp_path.rglob("*")) == before


def test_a_missing_input_is_a_problem_not_an_error(tmp_path):
    summary = convert_archive([tmp_path / "missing", SEED], jsonl=io.BytesIO())
    assert (summary.files, summary.converted, summary.failed) == (2, 1, 1)
    assert summary.problems == [(tmp_path / "missing", "does not exist")]


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    import re

    from paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "convert_archive" in block)
    shutil.copytree(SAMPLES, tmp_path / "archive")
    (tmp_path / "archive" / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    exec(example, {})
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["archive/empty.txt is empty", f"{len(list(SAMPLES.glob('*.txt')))} 0 1 False"]
    assert (tmp_path / "out" / "figures.csv").is_file() and (tmp_path / "out" / "hangzhou-bulletin.json").is_file()


def test_a_resumed_run_skips_a_published_file_without_reading_it_again(tmp_path, monkeypatch):
    """A PDF's or a Word file's text depends on its bytes alone: the same path and sha256 make the
    same document, so a resumed run does not extract the text again (that costs most of a parse)."""
    from bulletin_parse import readers

    root = tmp_path / "in"
    root.mkdir()
    for name in ("special-report.docx", "special-report.pdf"):
        shutil.copy(Path(__file__).parent / "fixtures" / "published" / name, root / name)
    assert convert_archive([root], tmp_path / "out", jobs=1).converted == 2

    def no_reading(data, path=None):
        raise AssertionError("the published file was read again")

    monkeypatch.setattr(readers, "read_published", no_reading)
    monkeypatch.setattr("bulletin_parse.pipeline.read_published", no_reading)
    summary = convert_archive([root], tmp_path / "out", jobs=1)
    assert (summary.skipped, summary.converted, summary.failed) == (2, 0, 0)
    (root / "special-report.pdf").write_bytes((root / "special-report.pdf").read_bytes() + b"\n")  # new bytes: read again
    monkeypatch.undo()
    assert convert_archive([root], tmp_path / "out", jobs=1).converted == 1


def test_a_resumed_run_leaves_a_current_text_file_alone_and_restores_a_missing_one(folder, tmp_path):
    out = tmp_path / "out"
    convert_archive([folder], out, jobs=1, text=True)
    written = out / "hangzhou-bulletin.txt"
    before = written.stat().st_mtime_ns
    assert convert_archive([folder], out, jobs=1, text=True).skipped == 3
    assert written.stat().st_mtime_ns == before  # not written again
    written.unlink()
    assert convert_archive([folder], out, jobs=1, text=True).skipped == 3
    assert written.read_text(encoding="utf-8") == (SAMPLES / "hangzhou-bulletin.txt").read_text(encoding="utf-8")
