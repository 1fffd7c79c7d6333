"""Hostile input: mutated real bulletins, pathological text, bad files. Parse never raises, never
hangs, and every output keeps its invariants."""

import random
import resource
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bulletin_parse
from bulletin_parse.models import Document
from invariants import assert_invariants
from paths import SAMPLES

SAMPLE_TEXTS = {
    path.name: path.read_bytes().decode(bulletin_parse.parse_file(path).source.encoding).removeprefix("\ufeff")
    for path in sorted(SAMPLES.glob("*.txt"))
}


def delete_line(lines, rng):
    del lines[rng.randrange(len(lines))]


def join_lines(lines, rng):
    at = rng.randrange(len(lines) - 1) if len(lines) > 1 else 0
    lines[at : at + 2] = ["".join(lines[at : at + 2])]


def split_line(lines, rng):
    at = rng.randrange(len(lines))
    cut = rng.randrange(len(lines[at]) + 1)
    lines[at : at + 1] = [lines[at][:cut], lines[at][cut:]]


def shuffle_lines(lines, rng):
    start = rng.randrange(len(lines))
    window = lines[start : start + rng.randint(2, 12)]
    rng.shuffle(window)
    lines[start : start + len(window)] = window


def duplicate_line(lines, rng):
    at = rng.randrange(len(lines))
    lines.insert(at, lines[at])


MUTATIONS = [delete_line, join_lines, split_line, shuffle_lines, duplicate_line]


@st.composite
def mutated_bulletins(draw):
    name = draw(st.sampled_from(sorted(SAMPLE_TEXTS)))
    rng = random.Random(draw(st.integers(0, 2**32)))
    lines = SAMPLE_TEXTS[name].split("\n")
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=12)):
        if lines:
            mutation(lines, rng)
    newline = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return newline.join(lines)


@given(mutated_bulletins())
def test_mutated_bulletins_keep_invariants(text):
    document = bulletin_parse.parse(text)
    Document.model_validate_json(document.model_dump_json())
    assert_invariants(text, document)
    assert bulletin_parse.parse(text) == document


@given(mutated_bulletins(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_encodings_swapped_give_the_same_parse(text, encoding):
    document = bulletin_parse.parse_bytes(text.encode(encoding))
    expected = bulletin_parse.parse(text)
    assert document.model_dump(exclude={"source", "warnings"}) == expected.model_dump(exclude={"source", "warnings"})
    assert document.source.chars == len(text)


@contextmanager
def hang_guard(seconds):
    """Fail instead of hanging. Not a speed test: bench/hostile.py records the real timings."""

    def give_up(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def seed_on_one_line(size):
    line = SAMPLE_TEXTS["hangzhou-bulletin.txt"].replace("\n", "")
    return (line * (size // len(line) + 1))[:size]


PATHOLOGICAL = {
    "5 MB single line": lambda: seed_on_one_line(5_000_000 // 3),  # 5 MB of UTF-8
    "100,000 一是 markers": lambda: "一是" * 100_000,
    "100,000 一是 paragraphs": lambda: "一是加强监督。内容。\n" * 100_000,
    "1 MB of digits": lambda: "1" * 1_000_000,
    "1 MB of (": lambda: "(" * 1_000_000,
    "1 MB of 余": lambda: "余" * 1_000_000,
    "400,000 quote marks": lambda: "“" * 400_000,
    "1 MB of spaced digits": lambda: "1 " * 500_000,
    "a 100,000-figure range chain": lambda: "1-" * 50_000 + "2个",
    "200,000 数": lambda: "数" * 200_000,
    "20,000 points with a figure each": lambda: "一是加强监督。内容 3 个。\n" * 20_000,
}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM")
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input_never_hangs(name):
    text = PATHOLOGICAL[name]()
    with hang_guard(120):
        document = bulletin_parse.parse(text)
    for figure in document.figures[:1000]:
        assert text[figure.span[0] : figure.span[1]] == figure.text


@pytest.mark.slow
def test_50_mb_bulletin_parses_within_ten_times_its_size(tmp_path):
    """A 50 MB file (the real bulletin repeated) converts, and the process's peak memory stays
    under 10x the file: memory is deterministic where time is not (bench/hostile.py times it)."""
    seed = (SAMPLES / "hangzhou-bulletin.txt").read_bytes()
    big = tmp_path / "big.txt"
    big.write_bytes(seed * (50_000_000 // len(seed) + 1))
    output = tmp_path / "big.json"
    command = [str(Path(sys.executable).with_name("bulletin-parse")), str(big)]
    with output.open("wb") as stream:
        subprocess.run(command, stdout=stream, check=True, timeout=600)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert peak < 10 * big.stat().st_size, f"peak {peak / 1e6:.0f} MB"
    with output.open("rb") as stream:
        assert stream.read(1) == b"{"
        stream.seek(-2, 2)
        assert stream.read() == b"}\n"
