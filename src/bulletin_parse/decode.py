"""Stage 1: bytes to text.

Bulletins arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, GB18030 or, from Taiwan,
Hong Kong and Macao, Big5. GB18030 is a superset of GBK and GB2312, so those narrower codecs are
never used: a GBK file decoded as GBK would lose the characters GBK lacks, while GB18030 reads it
identically. GB18030 also decodes almost any bytes (Big5 text becomes a garbage of rare
characters), so when text is not UTF-8 and is valid Big5 too, charset-normalizer chooses.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


class BulletinError(Exception):
    """A file that cannot be parsed: `problem` is one line a user can act on, `path` the file
    (None for text or bytes passed in); `str()` says both."""

    def __init__(self, problem: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.problem = problem
        self.path = path

    def at(self, path: str | None) -> BulletinError:
        """The same problem, said of `path`."""
        return BulletinError(self.problem, path)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # true when no BOM or strict UTF-8 vouched for the encoding


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "euc_cn": "gb18030", "hz": "gb18030"}
KNOWN_ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16")  # what bulletins are written in, most common first
_NOT_FILE_ENCODINGS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})


def canonical_encoding(name: str) -> str:
    """The codec to use for a user-named encoding: its Python name, GBK family widened to GB18030.
    Only encodings files are written in: not Python's transforms (base64, rot13) nor the codecs
    that read escape sequences (unicode_escape reads "\\ud800" as a lone surrogate)."""
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise BulletinError(
            f"unknown encoding {name!r}; known: {', '.join(KNOWN_ENCODINGS)} (or another text encoding Python knows)"
        ) from None
    if not codec._is_text_encoding or codec.name in _NOT_FILE_ENCODINGS:
        raise BulletinError(f"{name!r} is not an encoding text files are written in; known: {', '.join(KNOWN_ENCODINGS)}")
    return _SUPERSETS.get(codec.name, codec.name)


def _try_others(failed: str | None = None) -> str:
    """What to try next: the usual encodings, never the one that just failed."""
    others = [name for name in KNOWN_ENCODINGS if failed is None or codecs.lookup(name).name != codecs.lookup(failed).name]
    return f"try --encoding {', '.join(others[:-1])} or {others[-1]}"


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a bulletin's bytes, detecting the encoding unless one is given."""
    if data.startswith(b"%PDF-"):
        raise BulletinError("is a PDF, not text; extract its text first (for example with pdftotext)")
    if encoding:
        codec = canonical_encoding(encoding)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise BulletinError(f"is not valid {codec} (byte {error.start}); {_try_others(codec)}") from None
        decoded = Decoded(text.removeprefix("\ufeff"), codec, guessed=False)
    else:
        decoded = _detect(data)
    _check_is_text(decoded.text, decoded.encoding if encoding else None)
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
    legacy = [codec for codec in ("gb18030", "big5") if _decodes(data, codec)]
    if not legacy:
        raise BulletinError(f"is neither UTF-8, UTF-16, GB18030 nor Big5 text; {_try_others()}")
    codec = legacy[0] if len(legacy) == 1 else _likelier(data, legacy)
    return Decoded(data.decode(codec), codec, guessed=True)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


_SAMPLE = 65536  # bytes charset-normalizer weighs: a bulletin says which script it is early


def _likelier(data: bytes, codecs_: list[str]) -> str:
    """Of the legacy encodings that decode the bytes, the one charset-normalizer finds likelier:
    less chaos, then more coherence. Where it cannot tell (a short line, 索引号 read as Big5 is as
    plausible to it), the first: GB18030, what the mainland's bulletins are written in."""
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n")]  # whole lines: no character cut in two
    scores = {match.encoding: (match.chaos, -match.coherence) for match in from_bytes(sample, cp_isolation=codecs_)}
    ranked = sorted((scores[codec], position, codec) for position, codec in enumerate(codecs_) if codec in scores)
    return ranked[0][2] if ranked else codecs_[0]


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # control characters text never holds (tab, CR, LF, VT, FF excepted)


def _check_is_text(text: str, encoding: str | None) -> None:
    if not text:
        raise BulletinError("is empty")
    if text.isspace():
        raise BulletinError("has no text (whitespace only)")
    sample = text[:65536]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 100:
        raise BulletinError(f"looks like binary data, not text; {_try_others(encoding)}")
