"""What a line or a paragraph of a bulletin is: a title, a point, a section heading, a column
banner, an editor's note, page furniture, or text. The one home of these shapes: reflow asks it
where a paragraph must end (a title line, a subtitle), segmentation which paragraph is a report's
title and which is no report at all.

It reads text only (it imports no other stage), so every stage may ask it.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from .lexicon import alternation, to_simplified, words

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .paragraph_table import Paragraph
    from .reflow import Line

POINT_MARKER = regex.compile(r"(?:十[一二三四五六七八九]?|[一二三四五六七八九])是")
SECTION_STARTS = frozenset("一二三四五六七八九十(（")
HOME_DATELINE = regex.compile(rf"【?(?:{alternation('dateline_words.tsv', 'home-outlet')})讯")  # 本刊讯 opens a lead
SECTION_MARKER = regex.compile(r"[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]")  # 一、 and （一）: outline headings
SENTENCE_END = frozenset("。！？；!?;…")
CLAUSE_MARKS = "。！？；，,"  # a line holding one has a sentence or a clause in it: no title
CLOSERS = "”’」』)）》】"
SECTION_LEVELS = (
    (1, regex.compile(r"[一二三四五六七八九十]{1,3}、")),
    (2, regex.compile(r"[(（][一二三四五六七八九十]{1,3}[)）]")),
    (3, regex.compile(r"\d{1,2}(?:[、．]|\.(?!\d))|[(（]\d{1,2}[)）]")),
)
MARKER_STARTS = frozenset("一二三四五六七八九十(（0123456789")
EDITORS_NOTE = regex.compile(
    rf"[【\[(（]?\s*(?:{alternation('masthead_words.tsv', 'editors-note')})"
)  # under the masthead, before the first report
HAS_CONTENT = regex.compile(r"[\p{L}\p{N}]")
TITLE_REGION = regex.compile(r"([^\s:：，,。“”\"]{2,12})[:：]")
TITLE_MAX_CHARS = 50
SET_TITLE_MAX_CHARS = 100  # a title the layout sets as one may run longer (关于…情况的调研报告)
ACTOR = regex.compile(r"人大|常委会|人民代表大会|政府|委员会|代表团|\p{Han}[省市区县镇乡旗]")
BRACKETED = regex.compile(r"[【〖［\[][^】〗］\]]{2,12}[】〗］\]]")
DECORATIONS = "◆◇■□●○▲△★☆▶►·•※ 　"
BANNER_MARKS = "◆◇■●▲△★☆▶►※"  # marks that set a column's name apart (□ marks an author line)
BANNER_MAX_CHARS = 8
MARKED_BANNER_MAX_CHARS = 6  # a marked line this short is a column's name whatever its words (◆ 代表在行动)
HAN_ONLY = regex.compile(r"\p{Han}+")
FURNITURE_HEAD = 12  # the label and its colon open the line
FURNITURE = regex.compile(rf"(?:{alternation('furniture_labels.tsv')})\s*[:：]")
CAPTION = regex.compile(r"[(（]?(?:图为|上图|下图|左图|右图|图片为)")  # （图为代表们在察看项目建设情况）


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence, looking through closing quotes and brackets."""
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def section_level(text: str) -> int | None:
    """The outline level a paragraph's opening marker gives, or None."""
    if text[0] not in MARKER_STARTS:
        return None
    for level, marker in SECTION_LEVELS:
        if marker.match(text):
            return level
    return None


def is_subtitle_line(line: Line) -> bool:
    """A title's "——…" second line (——岜山县人大常委会创新代表建议办理机制侧记), however wide: it
    ends its paragraph."""
    return line.text.startswith(("——", "—— ")) and not any(char in line.text for char in CLAUSE_MARKS)


def is_title_line(line: Line, wrap: int) -> bool:
    """A line under a byline or a finished paragraph, not indented, with no sentence punctuation, that stops short of the
    wrap width is the next report's title, however close to the width it comes
    (乾元镇：预算审查监督“三步走”…); an untitled report's lead opens with an indent or runs full."""
    return (
        not line.indented
        and not ends_sentence(line.text)
        and line.width < wrap * 0.9
        and not any(char in line.text for char in CLAUSE_MARKS)
    )


def is_title(paragraph: Paragraph, following: Paragraph | None, expecting_title: bool = False) -> bool:
    """A short line with no sentence in it, followed by more text. Where a report is expected
    (after a byline), a title may ask a question (人大代表是如何履职的？)."""
    text = paragraph.text
    stops = "。；" if expecting_title else "。！？；"
    return (
        following is not None
        and HAS_CONTENT.search(text) is not None
        and 4 <= len(text) <= TITLE_MAX_CHARS
        and (not ends_sentence(text) or (expecting_title and text[-1] in "？?" and len(following.text) > len(text)))
        and not any(char in text for char in stops)
        and text[-1] not in ":：,，、"
        and not POINT_MARKER.match(text)
        and section_level(text) is None
    )


def is_set_title(paragraph: Paragraph, following: Paragraph | None) -> bool:
    """A paragraph the layout sets as a title (larger, bold, a heading) that can be a report's:
    followed by more text, no sentence in it, no point or section heading (a section heading
    set bold stays the report's). However short its lines, and ending on a comma where the title
    goes on in the next line set as one (聚焦民生关切，⏎推动实事落地)."""
    text = paragraph.text
    return (
        paragraph.set_as_title
        and following is not None
        and HAS_CONTENT.search(text) is not None
        and len(text) <= SET_TITLE_MAX_CHARS
        and not any(char in text for char in "。；")
        and (text[-1] not in ":：,，、" or following.set_as_title)
        and not POINT_MARKER.match(text)
        and section_level(text) is None
    )


def layout_sets_titles(body: Sequence[Paragraph]) -> bool:
    """Whether a published file's layout tells the titles: it sets at least one paragraph of the
    body as a report's title could be set (`is_set_title`, no column banner). A layout that sets
    one title so sets every one so, and a line it sets in the body's type is no title, however
    short (the lead's first line under a title: 凤鸣镇人大主席团把…，推). Text has no such hints."""
    return any(is_set_title(paragraph, following) and not is_banner(paragraph.text) for paragraph, following in pairwise(body))


def names_an_actor(text: str) -> bool:
    """Whether a title-like line names who acted (a place, 人大, 常委会…): a report's title does,
    a heading line inside a report ("聚焦履职平台建设“出点子”") seldom does."""
    return bool(TITLE_REGION.match(text) or ACTOR.search(to_simplified(text)))


def is_banner(text: str) -> bool:
    """A column banner over several items (【基层动态】, ◆ 工作动态, 信息集萃): not a report."""
    if len(text) > BANNER_MAX_CHARS * 2:  # 【…】 holds up to twelve
        return False
    if BRACKETED.fullmatch(text):
        return True
    name = text.strip(DECORATIONS)  # ★ 代表风采 ★
    if text[0] in BANNER_MARKS and len(name) <= MARKED_BANNER_MAX_CHARS and HAN_ONLY.fullmatch(name):
        return True
    return len(name) <= BANNER_MAX_CHARS and to_simplified(name).endswith(words("column_words.tsv"))


def is_editors_note(text: str) -> bool:
    """An 编者按 between reports introduces one; it is none."""
    return EDITORS_NOTE.match(to_simplified(text[:FURNITURE_HEAD])) is not None


def is_furniture(text: str) -> bool:
    """Lines a web page or document frame adds (发布时间：…, 附件：…, 责任编辑：…, （本期编辑：…）)
    and a photo's caption (（图为…）): never a title, and no report's byline."""
    head = to_simplified(text[:FURNITURE_HEAD])
    return FURNITURE.match(head.lstrip("(（【")) is not None or CAPTION.match(head) is not None
