"""The place a report is about (its `region`): a title's prefix (上城区：…), the place heading
its byline's organisation (钱塘区人大常委会预算工委), or the congress that opens its title
(青禾县人大常委会召开…). Place names end in a suffix of `region_suffixes.tsv`; a prefix without
one is a place when the report names it as one or the dictionary knows it (四川, 珠溪)."""

from __future__ import annotations

import regex

from .blocks import HAN_ONLY, TITLE_REGION
from .bylines import FoundByline, has_surname
from .lexicon import alternation, to_simplified, words
from .paragraph_table import Paragraph
from .words import dictionary_words

_REGION_SUFFIX = alternation("region_suffixes.tsv")
ORG_REGION = regex.compile(rf"(?:(?!人大)\p{{Han}}){{1,8}}?(?:{_REGION_SUFFIX})(?=人大|人民|政府|党|委|$)")
TITLE_CONGRESS = regex.compile(
    rf"(?![我全本该各在]|部分|有关|相关|自治[区州县])(?:(?!人大)[^\P{{Han}}省市区县]){{2,8}}?(?:{_REGION_SUFFIX})(?=人大|人民政府|政府)"
)  # one place, one suffix
VISITING = regex.compile(r"来我|到我|赴我|莅临")


def report_region(title: str | None, byline: FoundByline | None, lead: list[Paragraph]) -> str | None:
    """The place the report is about: a title's prefix ("上城区:…", "珠溪：…", "西湖区人大常委会：…"
    → 西湖区), else the place heading the byline's organisation, else the congress that opens the
    title ("青禾县人大常委会召开…"), unless it is a visitor ("横山区人大考察团来我县…"). A prefix
    that is no place ("代表风采：") names none."""
    prefix = TITLE_REGION.match(title) if title else None
    if prefix and (place := _place_in(prefix.group(1)) or _bare_place(prefix.group(1), lead)):
        return place
    if byline and byline.organization and (place := _place_in(byline.organization)):
        return place
    if title and not VISITING.search(title) and (congress := TITLE_CONGRESS.match(to_simplified(title))):
        return title[: congress.end()]
    return None


def _place_in(text: str) -> str | None:
    """The place an organisation's name opens with (秭歸縣人大 → 秭歸縣), as written."""
    place = ORG_REGION.match(to_simplified(text))
    return text[: place.end()] if place else None


def _bare_place(prefix: str, lead: list[Paragraph]) -> str | None:
    """A title prefix without 区/县/市 (珠溪：, 四川：) is a place when it is no column name, no
    person's name (杨秀兰：…, three characters after a surname) and the report names it as a place
    (珠溪县, 四川省) or it reads as one."""
    simple = to_simplified(prefix)
    if not HAN_ONLY.fullmatch(simple) or simple.endswith(words("column_words.tsv")) or not 2 <= len(simple) <= 6:
        return None
    text = to_simplified("".join(p.text for p in lead[:2]))
    if regex.search(regex.escape(simple) + r"[省市区县州镇乡旗]", text):
        return prefix
    segmented = dictionary_words(simple)
    if segmented[0][1] == "ns":  # 四川, 河北大厂
        return prefix
    unknown = all(len(word) == 1 for word, _ in segmented)  # a small place's name: 珠溪, 雲川
    person = len(simple) == 3 and has_surname(simple)
    return prefix if unknown and not person else None
