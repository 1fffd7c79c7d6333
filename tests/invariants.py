"""The invariants every parse keeps, checked by the property tests and on every sample."""

from collections import Counter

import regex

from bulletin_parse.masthead import DATE, ISSUE_NO, PUBLISHING_WORDS, TOTAL_NO
from bulletin_parse.models import Document
from bulletin_parse.reflow import iter_lines

HAS_CONTENT = regex.compile(r"[\p{L}\p{N}]")
WHITESPACE = regex.compile(r"\s+")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def in_order(wanted: str, text: str) -> bool:
    """Whether the characters of `wanted` occur in `text` in order."""
    rest = iter(text)
    return all(char in rest for char in wanted)


def output_texts(document: Document) -> list[str]:
    masthead = document.masthead
    texts = [masthead.title, masthead.issue_no, masthead.total_no, masthead.publisher]
    for report in document.reports:
        texts += [report.title, report.lead, report.byline.raw if report.byline else None]
        for point in report.points:
            texts += [point.marker, point.heading, point.text]
    texts += document.distribution
    texts += [piece.text for piece in document.unassigned]
    return [text for text in texts if text]


def lost_characters(source: str, document: Document) -> Counter:
    """Non-whitespace source characters that no output field holds. Exempt: the lines the
    document lists as layout (page numbers, running headers, rules), the 。 that closes each point
    heading, and on masthead lines what the masthead normalises or frames (its date, 编/主办,
    punctuation): a masthead line's letters and digits must be held."""
    masthead = set(range(document.masthead.lines[0], document.masthead.lines[1] + 1)) if document.masthead.lines else set()
    layout = set(document.source.layout_lines)
    kept = Counter()
    masthead_lines = []
    for line in iter_lines(source):
        if line.number in layout:
            continue
        if line.number in masthead:
            masthead_lines.append(line.text)
        else:
            kept.update(char for char in line.text if not char.isspace())
    framed = "\n".join(masthead_lines)  # a date may wrap: 2023年11月⏎3日
    for pattern in (TOTAL_NO, ISSUE_NO, DATE, PUBLISHING_WORDS):  # the year of 2024年第3期 is the issue's frame
        framed = pattern.sub("", framed)
    kept.update(char for char in framed if HAS_CONTENT.match(char))
    produced = Counter(char for text in output_texts(document) for char in text if not char.isspace())
    lost = kept - produced
    headings = sum(1 for report in document.reports for point in report.points if point.heading)
    lost["。"] = max(0, lost["。"] - headings)
    return +lost


def assert_invariants(source: str, document: Document) -> None:
    assert document.source.chars == len(source)
    end = 0
    for report in document.reports:
        start, stop = report.span
        assert end <= start < stop <= len(source), f"report {report.index} span {report.span} out of order"
        assert report.lines == (source.count("\n", 0, start) + 1, source.count("\n", 0, stop - 1) + 1)
        for point in report.points:
            assert start <= point.span[0] < point.span[1] <= stop
            assert point.section is None or 0 <= point.section < len(report.sections)
        for section in report.sections:
            assert start <= section.span[0] < section.span[1] <= stop
            assert squeeze(source[section.span[0] : section.span[1]]) == squeeze(section.marker + section.heading)
            assert section.line == source.count("\n", 0, section.span[0]) + 1
        ordinals = [point.ordinal for point in report.points]
        for item in report.inline_points:
            assert start <= item.span[0] < item.span[1] <= stop
            assert squeeze(source[item.span[0] : item.span[1]]).startswith(squeeze(item.marker))
            assert in_order(squeeze(item.text), source[item.span[0] : item.span[1]])  # a page break may fall inside
            assert item.point is None or item.point in ordinals
        end = stop
    lines = source.count("\n") + 1
    assert all(1 <= number <= lines for number in document.source.layout_lines)
    for figure in document.figures:
        start, stop = figure.span
        assert source[start:stop] == figure.text
        assert figure.line == source.count("\n", 0, start) + 1
        assert figure.text == figure.text.strip()
        if figure.value is not None and figure.low is not None:
            assert figure.low <= figure.value
        if figure.value is not None and figure.high is not None:
            assert figure.value <= figure.high
    assert lost_characters(source, document) == Counter()
