"""Invariants on every sample and on generated bulletin-like text (hypothesis)."""

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import bulletin_parse
from bulletin_parse.models import Document, Point, write_json
from bulletin_parse.reflow import paragraphs, source_span, source_spans
from invariants import assert_invariants
from paths import ROOT, SAMPLES

SAMPLE_FILES = sorted(path.name for path in SAMPLES.glob("*.txt"))


WRITTEN_BULLETINS = sorted((ROOT / "tests" / "bulletins").glob("*.bulletin.txt")) + sorted((ROOT / "tests" / "forms").glob("*.txt"))


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
    with pytest.raises(TypeError, match=r"Point.build takes every field: \['heading', 'marker', 'page', 'section', 'span', 'text'\]"):
        Point.build(ordinal=1)


PIECES = st.sampled_from(
    [
        "上城区：代表联络站建设取得实效",
        "一是",
        "二是",
        "十一是",
        "强化组织领导，形成工作合力。",
        "收集意见建议 1300 余条",
        "超\n\n100 万",
        "27\n\n个",
        "“三个好”",
        "（法工委　 王　 露）",
        "(上城区人大常委会办公室)",
        "送：省人大常委会办公厅",
        "— 2 —",
        "\x0c",
        "第12期",
        "2024年5月20日",
        "。",
        "，",
        "、",
        "（",
        "）",
        "“",
        "”",
        "\u3000\u3000",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "12.5%",
        "3.5 亿元",
        # contract 1.1 forms: sections, inline lists, datelines, author lines, banners, running headers
        "一、基本情况",
        "（一）站点布局基本完成。",
        "1.",
        "：一是学习；二是调研；三是落实。",
        "一要",
        "第一，",
        "本报讯（记者 孙立）",
        "新华社北京12月4日电",
        "□ 张国华　刘晓敏",
        "【基层动态】",
        "◆ 工作动态",
        "人大工作简报",
        "摄影/马宬",
        "（来源：珠溪县人大）",
        "——副标题",
        "？",
        "珠溪：",
        "2024年第3期（总第156期）",
    ]
)
TEXTS = st.lists(
    st.one_of(
        PIECES,
        st.text(alphabet="人大常委会议建条次个年月日一二三四五六七八九十百千万余多近约超0123456789 \n", max_size=12),
        st.text(alphabet="￥±○→😀\u200b\u3000※…—·\t\x0b\x0c\r", max_size=4),  # symbols and odd blanks: text, not layout
        st.text(max_size=4),  # any Unicode character at all
    ),
    max_size=60,
).map("".join)


@given(TEXTS, st.data())
def test_source_spans_invert_reflow(text, data):
    """Every part of a paragraph's reflowed text maps back to the source slice that holds the same
    characters, with whitespace and the paragraph's layout lines between them."""
    for paragraph in paragraphs(text)[1]:
        length = len(paragraph.text)
        parts = data.draw(st.lists(st.tuples(st.integers(0, length - 1), st.integers(1, length)), max_size=4))
        parts = [(start, max(start + 1, end)) for start, end in parts]
        spans = source_spans(text, paragraph, parts)
        assert spans == [source_span(text, paragraph, start, end) for start, end in parts]
        for (start, end), (first, last) in zip(parts, spans, strict=True):
            kept = "".join(text[a:b] for a, b in _without_gaps(first, last, paragraph.gaps))
            assert "".join(kept.split()) == "".join(paragraph.text[start:end].split())


def _without_gaps(first, last, gaps):
    position = first
    for gap_start, gap_end in gaps:
        if first <= gap_start < last:
            yield position, gap_start
            position = gap_end
    yield position, last


@given(TEXTS)
@example("￥万萬")  # a currency over a string of magnitudes raised once (万萬 read as one number)
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
