"""Promises kept under attack, on the text side (issue 11): strings JSON cannot hold, characters
dropped from masthead lines or with lines of symbols, values rounded on the way to JSON.
Each case is a minimal reproduction written for the project."""

import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import bulletin_parse
from invariants import assert_invariants, lost_characters


def cli(*args, stdin=b""):
    command = [str(Path(sys.executable).with_name("bulletin-parse")), *map(str, args)]
    return subprocess.run(command, input=stdin, capture_output=True, timeout=60)


# 2. Lone surrogates: no JSON or UTF-8 can hold them.
@pytest.mark.parametrize("text", ["人大\ud800", "县人大常委会召开会议\n会议\udc80听取报告 3 件。\n"], ids=["end", "inside"])
def test_lone_surrogates_never_reach_the_json(text):
    document = bulletin_parse.parse(text)
    json.loads(document.model_dump_json())  # serialises
    assert [w.code for w in document.warnings if w.code == "lone-surrogates"] == ["lone-surrogates"]
    assert all(text[f.span[0] : f.span[1]] == f.text for f in document.figures)


@pytest.mark.parametrize(
    "encoding,data",
    [
        ("unicode_escape", b"x\\ud800"),
        ("raw_unicode_escape", b"x\\ud800"),
        ("base64", b"5Lq65aSn"),
        ("rot13", b"abc"),
    ],
    ids=["unicode_escape", "raw_unicode_escape", "base64", "rot13"],
)
def test_encodings_that_are_no_file_encodings_are_refused_in_one_line(tmp_path, encoding, data):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    result = cli("--encoding", encoding, path)
    assert result.returncode == 2 and result.stdout == b""  # bad usage: the option names no file encoding
    assert "not an encoding text files are written in" in result.stderr.decode()


def test_utf7_surrogates_give_valid_json(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"Committee meeting\n+2AA-\n")  # UTF-7 reads +2AA- as a lone surrogate
    result = cli("--encoding", "utf-7", path)
    assert result.returncode == 0, result.stderr
    assert "lone-surrogates" in [w["code"] for w in json.loads(result.stdout)["warnings"]]


# 4. Whatever of a masthead line no field takes goes to unassigned.
REPORT = "县人大常委会召开会议\n会议听取了县政府的报告。会议要求抓好整改。\n（县人大常委会办公室）\n"
MASTHEAD_EXTRAS = [
    ("人大工作简报\n第5期 120\n" + REPORT, "120"),
    ("人大工作简报\n第5期\n2024年5月20日 www.rd.gov.cn\n" + REPORT, "www.rd.gov.cn"),
    ("人大工作简报\n第5期\nNo.12345 2024年5月20日\n" + REPORT, "No.12345"),
]


@pytest.mark.parametrize("text,extra", MASTHEAD_EXTRAS, ids=[row[1] for row in MASTHEAD_EXTRAS])
def test_what_no_masthead_field_takes_is_kept(text, extra):
    document = bulletin_parse.parse(text)
    assert document.masthead.issue_no == "第5期"
    assert any(extra in piece.text for piece in document.unassigned)
    assert lost_characters(text, document) == Counter()


# 5. Lines of symbols are text, not layout: only page numbers, running headers and rules are.
SYMBOL_LINES = ["收入\n￥\n36万元。\n", "县人大常委会召开会议\n😀 ± ○ →\n会议听取报告。\n", "会议\n\u200b\n听取报告。\n"]


@pytest.mark.parametrize("text", SYMBOL_LINES, ids=["yuan sign", "emoji and signs", "zero-width space"])
def test_lines_of_symbols_are_kept(text):
    document = bulletin_parse.parse(text)
    assert document.source.layout_lines == []
    held = "".join(r.lead + (r.title or "") for r in document.reports) + "".join(p.text for p in document.unassigned)
    assert text.split("\n")[1].replace(" ", "") in held
    assert_invariants(text, document)


# 10. Exact values end to end.
def test_a_29_digit_count_is_exact_in_the_record_and_the_json():
    document = bulletin_parse.parse("共有12345678901234567890123456789人参加。")
    (figure,) = document.figures
    assert figure.value == Decimal("12345678901234567890123456789") == figure.low == figure.high
    assert '"value":12345678901234567890123456789,' in document.model_dump_json()


def test_a_large_amount_times_wan_is_exact():
    (figure,) = bulletin_parse.parse("投入资金1234567890123456789012345.5万元。").figures
    assert figure.value == Decimal("12345678901234567890123455000")


def test_a_value_no_float_holds_keeps_its_digits_in_the_json():
    document = bulletin_parse.parse("增长12345678901.23456789%，约3.5万元，达0.3%。")
    values = [figure["value"] for figure in json.loads(document.model_dump_json(), parse_float=Decimal)["figures"]]
    assert values == [Decimal("12345678901.23456789"), 35000, Decimal("0.3")]
