"""Stage 1: bytes to text.

Bulletins arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or GB18030. GB18030 is a
superset of GBK and GB2312, so those narrower codecs are never used: a GBK file decoded as GBK
would lose the characters GBK lacks, while GB18030 reads it identically.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


class BulletinError(Exception):
    """A file that cannot be parsed; its message is one line a user can act on."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # true when no BOM or strict UTF-8 vouched for the encoding


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030", "hz": "gb18030"}
_TRY_ENCODING = "try --encoding utf-8, gb18030 or utf-16"
_NOT_FILE_ENCODINGS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})


def canonical_encoding(name: str) -> str:
    """The codec to use for a user-named encoding: its Python name, GBK family widened to GB18030.
    Only encodings files are written in: not Python's transforms (base64, rot13) nor the codecs
    that read escape sequences (unicode_escape reads "\\ud800" as a lone surrogate)."""
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise BulletinError(f"unknown encoding {name!r}; {_TRY_ENCODING}") from None
    if not codec._is_text_encoding or codec.name in _NOT_FILE_ENCODINGS:
        raise BulletinError(f"{name!r} is not an encoding text files are written in; {_TRY_ENCODING}")
    return _SUPERSETS.get(codec.name, codec.name)


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a bulletin's bytes, detecting the encoding unless one is given."""
    if data.startswith(b"%PDF-"):
        raise BulletinError("is a PDF, not text; extract its text first (for example with pdftotext)")
    if encoding:
        codec = canonical_encoding(encoding)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise BulletinError(f"is not valid {codec} (byte {error.start}); {_TRY_ENCODING}") from None
        decoded = Decoded(text.removeprefix("\ufeff"), codec, guessed=False)
    else:
        decoded = _detect(data)
    _check_is_text(decoded.text)
    return decoded


def _detect(data: bytes) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec).removeprefix("\ufeff"), codec, guessed=False)
            except UnicodeDecodeError as error:
                raise BulletinError(f"starts with a {codec} BOM but is not valid {codec} (byte {error.start})") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", guessed=False)
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("gb18030"), "gb18030", guessed=True)
    except UnicodeDecodeError:
        raise BulletinError(f"is neither UTF-8, UTF-16 nor GB18030 text; {_TRY_ENCODING}") from None


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # control characters text never holds (tab, CR, LF, VT, FF excepted)


def _check_is_text(text: str) -> None:
    if not text:
        raise BulletinError("is empty")
    if text.isspace():
        raise BulletinError("has no text (whitespace only)")
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise BulletinError(f"looks like binary data, not text; {_TRY_ENCODING}")
