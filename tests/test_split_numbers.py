"""Digits that PDF extraction parted with a space or a line break (issue 12, "never a wrong number"):
one number when nothing else separates them, with a `split-number` warning on its line; the
zero-led tail of a cut number is never a figure. Phrases written for the project."""

from decimal import Decimal

import pytest

import bulletin_parse

SPLIT = [
    ("共投入资金79 00 万元。", "79 00 万元", Decimal("79000000")),
    ("参与群众达32\n\n0 多万名。", "32\n\n0 多万名", Decimal("3200000")),
    ("全年办结建议达 11\n\n6 件，占比68.24%。", "11\n\n6 件", Decimal("116")),
    ("收集意见建议 1 300 余条。", "1 300 余条", Decimal("1300")),
]


@pytest.mark.parametrize("text,surface,value", SPLIT, ids=[row[1].replace("\n", "⏎") for row in SPLIT])
def test_digits_parted_by_blanks_are_one_number(text, surface, value):
    document = bulletin_parse.parse(text)
    figure = document.figures[0]
    assert (figure.text, figure.value) == (surface, value)
    assert [w.line for w in document.warnings if w.code == "split-number"] == [1]


def test_a_split_year_is_the_year():
    (figure,) = bulletin_parse.parse("他于1 954 年9月15日出生。").figures
    assert figure.iso == "1954-09-15"


@pytest.mark.parametrize("text", ["资金\n00 万元到位。", "编号05号文件", "第 007 号"], ids=["00 万", "05号", "007"])
def test_a_zero_led_number_is_no_figure(text):
    assert [f.value for f in bulletin_parse.parse(text).figures if f.value == 0] == []


def test_numbers_apart_stay_apart():
    figures = bulletin_parse.parse("新建联络站 12 个、活动室 34 间。").figures
    assert [(f.text, f.value) for f in figures] == [("12 个", 12), ("34 间", 34)]
    assert not [w for w in bulletin_parse.parse("新建联络站 12 个。").warnings if w.code == "split-number"]
