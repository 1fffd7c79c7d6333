"""The typed records of the output contract (`../shared/spec/output.md`).

These models are the source of truth for the JSON: `bulletin-parse --schema` prints their
JSON Schema. Every record that comes from the text carries its `span` (source offsets,
`[start, end)`) so a user can go back to the exact place in the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, BinaryIO, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    WrapSerializer,
)
from pydantic_core import to_json

from .version import __version__

SCHEMA_VERSION = "1.2"
GENERATOR = f"bulletin-parse {__version__}"


_EXACT = "exact-numbers"  # serialisation context: write every digit of a non-integral value
_EXACT_MARK = "\x00exact-decimal:"  # how such a value leaves pydantic, as a string to unquote
_MARKED = re.compile(rb'"\\u0000exact-decimal:(-?[0-9]+\.[0-9]+)"')
_MARKED_TEXT = re.compile(_MARKED.pattern.decode())


def _as_json_number(value: Decimal, info: SerializationInfo) -> int | float | str:
    """Exact decimals become JSON numbers: integral ones as ints, others by their shortest float
    repr when that is the same number (3.5, 0.3). A value a float cannot hold (12345678901.23456789)
    is marked, and `_unmark` writes its digits as the JSON number."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) == value or not (info.context and info.context.get(_EXACT)):
        return as_float
    return _EXACT_MARK + format(value, "f")


_EXACT_CONTEXT = {_EXACT: True}


def _unmark(data: bytes) -> bytes:
    return _MARKED.sub(rb"\1", data) if b"exact-decimal:" in data else data


def decimal_text(value: Decimal | None) -> str:
    """A value as a person reads it, every digit and no exponent ("" for none): 1300, 0.3, 12000."""
    return "" if value is None else format(value, "f")


Number = Annotated[Decimal, PlainSerializer(_as_json_number, when_used="json"), WithJsonSchema({"type": "number"})]
Span = tuple[int, int]


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple(model.model_fields)
    return names, frozenset(names)


Approx = Literal["more_than", "over", "at_least", "at_most", "nearly", "about", "several", "range"]
Kind = Literal["count", "year", "date", "percent", "money", "duration", "measure", "ratio"]


_R = TypeVar("_R", bound="Record")


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def build(cls: type[_R], **values: object) -> _R:
        """Construct from values the parser made itself, every field given, without validating
        them again: what `model_construct` does (the instance state pydantic documents on
        BaseModel) at a quarter of its cost, with one fields-set shared by all instances where
        pydantic gives each its own (~700 bytes): a 50 MB bulletin has a hundred thousand
        records. The tests validate every document the parser produces."""
        names, fields_set = _fields(cls)
        if len(values) != len(names):
            raise TypeError(f"{cls.__name__}.build takes every field: {sorted(set(names) ^ set(values))}")
        record = cls.__new__(cls)
        for attribute, value in (
            ("__dict__", {name: values[name] for name in names}),
            ("__pydantic_fields_set__", fields_set),
            ("__pydantic_extra__", None),
            ("__pydantic_private__", None),
        ):
            object.__setattr__(record, attribute, value)
        return record

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """pydantic's copy; a record made by `build` first gets a fields-set of its own, as pydantic
        adds the updated names to the copy's (the shared one is frozen)."""
        if isinstance(self.__pydantic_fields_set__, frozenset):
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        return super().model_copy(update=update, deep=deep)


class Source(Record):
    path: str | None = Field(description="the file as given; null for text passed in directly")
    encoding: str = Field(
        description="how the bytes were decoded: utf-8, utf-8-sig, utf-16, gb18030 (utf-8 for a published file: the text its reader made, as --text-out writes it)"
    )
    format: str = Field("text", description="text, or the published form read: pdf, docx, doc, html")
    pages: int | None = Field(None, description="a PDF's pages")
    extractor: str | None = Field(None, description="the library or tool that read a published file, and its version")
    sha256: str = Field(description="of the file's bytes (of the UTF-8 text for text passed in)")
    chars: int = Field(description="length of the decoded text, the space all spans index")
    layout_lines: list[int] = Field(description="lines dropped as layout: page numbers, running headers, drawn rules")


class Masthead(Record):
    title: str | None = Field(None, description="the bulletin's name as printed (人大工作简报), null when the file has none")
    issue_no: str | None = Field(None, description="the 第N期 part only, as written")
    total_no: str | None = Field(None, description="the 总第N期 part, as written")
    date: str | None = Field(None, description="ISO 8601 (YYYY-MM-DD, or YYYY-MM when the day is missing)")
    publisher: str | None = Field(None, description="who issues it (XX人大常委会办公室), as written")
    lines: tuple[int, int] | None = Field(None, description="first and last line of the masthead, null when there is none")


class Point(Record):
    ordinal: int = Field(description="1 for 一是, 2 for 二是, …")
    marker: str = Field(description="the enumeration marker as written: 一是, 二是, 第一, …")
    heading: str | None = Field(description="the point's opening slogan, without its closing 。")
    text: str = Field(description="the point after its marker and heading, reflowed (line breaks and PDF spaces gone)")
    span: Span = Field(description="[start, end) in the source text, from the marker to the point's end")
    section: int | None = Field(description="index in the report's `sections` of the innermost section holding the point")
    page: int | None = Field(description="the page it starts on (1 + form feeds before it); null for text without pages")


class Section(Record):
    level: int = Field(description="1 for 一、, 2 for （一）, 3 for 1. / 1、 / (1)")
    marker: str = Field(description="the outline marker as written: 一、, （一）, 1., (1)")
    heading: str = Field(description="the line after the marker, or a run-in heading's first sentence")
    span: Span = Field(description="the heading only")
    line: int = Field(description="the 1-based line of the heading")


class InlinePoint(Record):
    ordinal: int = Field(description="1 for the list's first item, 2 for the second, …")
    marker: str = Field(description="一是, 一要, 第一, 1、 …")
    text: str = Field(description="from after the marker to the next marker, or to the end of the sentence")
    span: Span = Field(description="[start, end) in the source text, marker included")
    point: int | None = Field(description="ordinal of the paragraph-level point holding the list; null in the lead")


class Byline(Record):
    raw: str = Field(description="the byline as written")
    organization: str | None = Field(description="the organisation part (钱塘区人大常委会预算工委), null when the byline names none")
    authors: list[str] = Field(description="the author names, spacing inside a name removed (石\u3000 晗 → 石晗); empty when none")
    span: Span = Field(description="[start, end) in the source text")


class Report(Record):
    index: int = Field(description="1-based, in document order")
    title: str | None = Field(description="the report's title, reflowed; null for a report without one")
    region: str | None = Field(description="the place the report is about: title prefix or byline organisation")
    lead: str = Field(description="the paragraphs before the first point (or the whole body when it has no points), reflowed")
    points: list[Point] = Field(description="the paragraphs that open with 一是, 二是, …, in order")
    sections: list[Section] = Field(description="outline headings inside the report (一、, （一）, 1.), in order")
    inline_points: list[InlinePoint] = Field(description="enumerations inside a paragraph (提出三点意见：一是…；二是…)")
    byline: Byline | None = Field(description="the author line, usually in brackets at the end; null when the report has none")
    span: Span = Field(description="[start, end) in the source text, title to byline")
    lines: tuple[int, int] = Field(description="first and last line, 1-based, counting \\n")
    pages: tuple[int, int] | None = Field(description="first and last page; null for text without pages")


class Figure(Record):
    text: str = Field(description="the exact slice of the source, line breaks included")
    span: Span = Field(description="[start, end) in the source text: text == source[start:end]")
    line: int = Field(description="the 1-based line the figure starts on")
    value: Number | None = Field(
        description="the number as one exact value (1300 余条 → 1300, 七成 → 70 for percent); null for several and range"
    )
    low: Number | None = Field(description="the lower bound the wording allows (1300 余 → 1300); null when open below (近, 不超过)")
    high: Number | None = Field(description="the upper bound (1300 余 → 1400); null when open above (以上, 超过)")
    approx: Approx | None = Field(
        description="how the wording bounds the value: null when exact; more_than (余/多), over, at_least, at_most, nearly, about, several, range"
    )
    unit: str | None = Field(description="the classifier or unit, in simplified characters (条, 万元, %, 个月); null for a bare count")
    kind: Kind = Field(description="count, year, date, percent, money, duration, measure or ratio")
    iso: str | None = Field(None, description="dates only: 2024-05-20, 2024-05 or --09-19")
    subject: str | None = Field(description="what is counted (意见建议 in 收集意见建议 1300 余条); null when unclear")
    quoted: bool = Field(description="whether the figure stands inside “…” or 「…」 (a slogan's number)")
    report: int | None = Field(description="the `index` of the report holding the figure; null outside every report")
    point: int | None = Field(description="the `ordinal` of the point holding the figure; null outside every point")
    section: int | None = Field(description="index in the report's `sections` of the innermost section holding the figure")
    page: int | None = Field(description="the page it stands on; null for text without pages")


def _as_list(records: Sequence[Record], serialize: SerializerFunctionWrapHandler) -> object:
    return serialize(records if isinstance(records, list) else list(records))


# A parsed document holds its reports, figures, unassigned text and warnings as tables
# (`tables.RecordTable`: records made when read), one loaded from JSON as lists: either
# serialises as the list of records.
Reports = Annotated[Sequence[Report], WrapSerializer(_as_list)]
Figures = Annotated[Sequence[Figure], WrapSerializer(_as_list)]


class Unassigned(Record):
    text: str = Field(description="the text as written in the source")
    span: Span = Field(description="[start, end) in the source text")
    lines: tuple[int, int] = Field(description="first and last line, 1-based")


class Warning(Record):
    code: str = Field(description="a stable name to filter on: encoding-guessed, split-number, lone-surrogates, empty-page, no-bylines, …")
    message: str = Field(description="what happened, for a person")
    line: int | None = Field(None, description="the 1-based line it concerns; null for the whole file")


class Document(Record):
    schema_version: str = Field(
        SCHEMA_VERSION, description="the version of this contract; a renamed or removed field is a new major version"
    )
    generator: str = Field(GENERATOR, description="the program and version that wrote this")
    source: Source = Field(description="what was read and how")
    masthead: Masthead = Field(description="the bulletin's head: name, issue, date, publisher")
    reports: Reports = Field(description="the bulletin's items, in order")
    figures: Figures = Field(description="every figure in the text, in order")
    distribution: list[str] = Field(description="the 报/送/发/抄送 lines at the end, reflowed")
    unassigned: Annotated[Sequence[Unassigned], WrapSerializer(_as_list)] = Field(
        description="every non-blank piece of text no other field holds: nothing is dropped"
    )
    warnings: Annotated[Sequence[Warning], WrapSerializer(_as_list)] = Field(description="what a user should know about this file")

    def model_dump_json(self, **options: Any) -> str:
        """pydantic's JSON, with every digit of every value (a float holds about 17)."""
        context = {**(options.pop("context", None) or {}), _EXACT: True}
        text = super().model_dump_json(context=context, **options)
        return _MARKED_TEXT.sub(r"\1", text) if "exact-decimal:" in text else text


def write_json(document: Document, stream: BinaryIO, indent: int | None = None) -> None:
    """Write the document as UTF-8 JSON (Chinese unescaped), one record at a time: the bytes are
    those of `model_dump_json(indent=indent)`, but a 50 MB bulletin's JSON is never held whole."""
    newline, colon = (b"\n", b": ") if indent else (b"", b":")
    pad = b" " * (indent or 0)
    stream.write(b"{")
    for number, name in enumerate(Document.model_fields):
        value = getattr(document, name)
        stream.write((b"," if number else b"") + newline + pad + _json(name) + colon)
        if isinstance(value, Sequence) and not isinstance(value, (str, tuple)):
            if not value:
                stream.write(b"[]")
                continue
            stream.write(b"[")
            for position, item in enumerate(value):
                nested = _json(item, indent).replace(b"\n", newline + pad + pad)
                stream.write((b"," if position else b"") + newline + pad + pad + nested)
            stream.write(newline + pad + b"]")
        else:
            stream.write(_json(value, indent).replace(b"\n", newline + pad))
    stream.write(newline + b"}")


def write_pretty_json(document: Document, stream: BinaryIO) -> None:
    """The JSON a person reads: indented by two, ending with a newline."""
    write_json(document, stream, indent=2)
    stream.write(b"\n")


def _json(value: object, indent: int | None = None) -> bytes:
    if isinstance(value, BaseModel):
        return _unmark(value.__pydantic_serializer__.to_json(value, indent=indent, context=_EXACT_CONTEXT))
    return _unmark(to_json(value, indent=indent, context=_EXACT_CONTEXT))
