"""The figures of a parsed document are a table whose records are made when read: it must behave
as the list of records it stands for, and the shortcuts that make dense text cheap must not
change what is read."""

from __future__ import annotations

import json
import re

import pytest

import bulletin_parse
from bulletin_parse.lexicon import lexicon_path
from bulletin_parse.models import Document, Figure

TEXT = "全年收集意见建议 1300 余条，走访企业150家，办结率达98.5%。\n二是督办代表建议 12 件。"


def test_the_table_reads_as_the_list_of_its_records():
    figures = bulletin_parse.parse(TEXT).figures
    records = list(figures)
    assert len(figures) == len(records) == 4
    assert all(isinstance(record, Figure) for record in records)
    assert [figures[i] for i in range(4)] == records
    assert figures[-1] == records[-1] and figures[1:3] == records[1:3] and figures[::-2] == records[::-2]
    assert figures == records and records == list(figures)
    with pytest.raises(IndexError):
        figures[4]
    assert [(f.text, f.value, f.unit, f.subject, f.line) for f in figures] == [
        ("1300 余条", 1300, "条", "意见建议", 1),
        ("150家", 150, "家", "企业", 1),
        ("98.5%", pytest.approx(98.5), "%", "办结率", 1),
        ("12 件", 12, "件", "代表建议", 2),
    ]


def test_the_table_serialises_as_a_list_and_loads_back_as_one():
    document = bulletin_parse.parse(TEXT)
    data = json.loads(document.model_dump_json())
    assert data["figures"] == [record.model_dump(mode="json") for record in document.figures]
    assert document.model_dump()["figures"] == [record.model_dump() for record in document.figures]
    loaded = Document.model_validate_json(document.model_dump_json())
    assert loaded.figures == document.figures and loaded == document


def test_a_text_without_figures_has_an_empty_table():
    document = bulletin_parse.parse("县人大常委会召开会议。")
    assert len(document.figures) == 0 and list(document.figures) == []
    assert json.loads(document.model_dump_json())["figures"] == []


def test_repeated_readings_are_stored_once():
    figures = bulletin_parse.parse("3%" * 1000).figures
    assert len(figures) == 1000 and len(figures._readings) == 1
    assert figures[999].span == (1998, 2000) and figures[999].value == 3


def test_no_dictionary_word_holds_an_ascii_digit():
    """Clauses are tagged by their digit shape (1284 as 0000): exact only while the segmenter's
    dictionaries have no word with a digit in it."""
    for name in ("jieba_compact.txt", "domain_words.txt"):
        lines = lexicon_path(name).read_text(encoding="utf-8").splitlines()
        words = [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]
        assert words and not [word for word in words if re.search("[0-9]", word)], name


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("超过" + " " * 30 + "300人", "超过" + " " * 30 + "300人"),  # a qualifier across a wide PDF gap
        ("超过" + " " * 60 + "300人", "300人"),  # farther than a figure is read: the number alone
        ("共 300" + "\n" * 200 + "人", None),  # a unit 200 lines on is no unit of this number
    ],
)
def test_a_figure_is_read_within_its_window(text, surface):
    found = [figure.text for figure in bulletin_parse.parse(text).figures]
    assert found == ([surface] if surface else [])


def test_a_parsed_document_copies_with_updates():
    """Records built by the parser share one frozen fields-set; pydantic's model_copy(update=…)
    adds to the copy's, so the copy must get a set of its own."""
    document = bulletin_parse.parse(TEXT)
    copied = document.model_copy(update={"warnings": []})
    assert copied.warnings == [] and copied.figures == document.figures and copied.reports == document.reports
    figure = document.figures[0].model_copy(update={"subject": "建议"})
    assert figure.subject == "建议" and document.figures[0].subject == "意见建议"
