"""Invariants on every sample and on generated bulletin-like text (hypothesis)."""

import io

import pytest
from conftest import ROOT, SAMPLES
from hypothesis import given
from hypothesis import strategies as st
from invariants import assert_invariants

import bulletin_parse
from bulletin_parse.models import Document, Point, write_json

SAMPLE_FILES = sorted(path.name for path in SAMPLES.glob("*.txt"))


WRITTEN_BULLETINS = sorted((ROOT / "tests" / "bulletins").glob("*.bulletin.txt"))


@pytest.mark.parametrize("path", [SAMPLES / name for name in SAMPLE_FILES] + WRITTEN_BULLETINS, ids=lambda path: path.name)
def test_samples_keep_invariants(path):
    document = bulletin_parse.parse_file(path)
    text = path.read_bytes().decode(document.source.encoding).removeprefix("\ufeff")
    assert_invariants(text, document)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_built_records_equal_validated_ones(name):
    """Records are built without validation (Record.build); validating their JSON gives equal
    records, defaults included."""
    document = bulletin_parse.parse_file(SAMPLES / name)
    validated = Document.model_validate_json(document.model_dump_json())
    assert validated == document
    assert validated.model_dump() == document.model_dump()


def test_build_takes_every_field():
    with pytest.raises(TypeError, match=r"Point.build takes every field: \['heading', 'marker', 'section', 'span', 'text'\]"):
        Point.build(ordinal=1)


PIECES = st.sampled_from([
    "上城区：代表联络站建设取得实效", "一是", "二是", "十一是", "强化组织领导，形成工作合力。",
    "收集意见建议 1300 余条", "超\n\n100 万", "27\n\n个", "“三个好”", "（法工委　 王　 露）",
    "(上城区人大常委会办公室)", "送：省人大常委会办公厅", "— 2 —", "\x0c", "第12期", "2024年5月20日",
    "。", "，", "、", "（", "）", "“", "”", "\u3000\u3000", " ", "\n", "\n\n", "\r\n", "12.5%", "3.5 亿元",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(alphabet="人大常委会议建条次个年月日一二三四五六七八九十百千万余多近约超0123456789 \n", max_size=12)), max_size=60).map("".join)


@given(TEXTS)
def test_generated_text_keeps_invariants(text):
    document = bulletin_parse.parse(text)
    Document.model_validate_json(document.model_dump_json())
    assert_invariants(text, document)
    assert bulletin_parse.parse(text) == document


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_streamed_json_is_pydantic_json(name, indent):
    document = bulletin_parse.parse_file(SAMPLES / name)
    stream = io.BytesIO()
    write_json(document, stream, indent)
    assert stream.getvalue() == document.model_dump_json(indent=indent).encode()
