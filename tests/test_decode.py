"""Decoding: every encoding bulletins arrive in, and a clear error for everything else."""

import codecs

import pytest

from bulletin_parse.decode import BulletinError, decode

TEXT = "上城区人大常委会\r\n收集意见建议 1300 余条\n"
EXTENSION_A = "㐀"  # in GB18030 (four bytes), absent from GBK: proves the wide codec is used

DETECTED = [
    ("utf-8", TEXT.encode("utf-8"), "utf-8", TEXT),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", TEXT),
    ("utf-16-le with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16", TEXT),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", TEXT),
    ("gbk bytes", TEXT.encode("gbk"), "gb18030", TEXT),
    ("gb18030 beyond gbk", (TEXT + EXTENSION_A).encode("gb18030"), "gb18030", TEXT + EXTENSION_A),
]


@pytest.mark.parametrize("data,encoding,text", [row[1:] for row in DETECTED], ids=[row[0] for row in DETECTED])
def test_detects_encoding_and_keeps_crlf(data, encoding, text):
    decoded = decode(data)
    assert (decoded.encoding, decoded.text) == (encoding, text)
    assert "\r\n" in decoded.text


def test_only_gb18030_is_a_guess():
    assert decode(TEXT.encode("gb18030")).guessed
    assert not decode(TEXT.encode("utf-8")).guessed


@pytest.mark.parametrize("name", ["gbk", "GB2312", "cp936", "gb18030"])
def test_narrow_chinese_codecs_are_widened_to_gb18030(name):
    decoded = decode((TEXT + EXTENSION_A).encode("gb18030"), name)
    assert decoded.encoding == "gb18030" and decoded.text.endswith(EXTENSION_A)


def test_explicit_encoding_overrides_detection():
    data = "人大".encode("utf-16-le")
    assert decode(data, "utf-16-le").text == "人大"


BAD = [
    ("empty", b"", "is empty"),
    ("whitespace only", b" \r\n\t\n\xe3\x80\x80", "whitespace only"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ("utf-16 without BOM", "人大常委会\n第1期\n".encode("utf-16-le"), "try --encoding utf-8, gb18030, big5 or utf-16"),
    ("invalid everywhere", b"\x81\x30\xff\xfe\x80\x80\xff", "neither UTF-8, UTF-16, GB18030 nor Big5"),
    ("odd utf-16", codecs.BOM_UTF16_LE + b"\x41\x00\x42", "not valid utf-16"),
]


@pytest.mark.parametrize("data,message", [row[1:] for row in BAD], ids=[row[0] for row in BAD])
def test_bad_input_is_a_one_line_error(data, message):
    with pytest.raises(BulletinError) as raised:
        decode(data)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_wrong_explicit_encoding_names_the_fix():
    with pytest.raises(BulletinError, match="--encoding"):
        decode("人大".encode("gb18030"), "utf-8")
    with pytest.raises(BulletinError, match="unknown encoding"):
        decode(b"abc", "klingon")


def test_a_short_line_both_gb18030_and_big5_reads_as_gb18030():
    """Where GB18030 and Big5 are equally plausible, the mainland's encoding wins."""
    data = "索 引 号:123456/2019-".encode("gb18030")
    data.decode("big5")  # valid Big5 too (坰 竘 瘍)
    assert decode(data).encoding == "gb18030"


def test_traditional_text_in_big5_reads_as_big5():
    text = "臺中市議會監督預算執行，聽取審議報告，提出意見建議 25 條。\n"
    assert decode((text * 3).encode("big5")).encoding == "big5"
