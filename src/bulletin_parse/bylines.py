"""Bylines: who wrote a report and where it came from, split into the organisation and the authors.

A bulletin says it in four places, one reader for all of them (`_read`):
- a byline closing the report, on its own line ("(钱塘区人大常委会预算工委　 石　 晗)", "（来源：河北人大）",
  "来源：XX市人大") or glued to the end of the last paragraph ("…取得实效。（晋州市人大办　杜建永）");
- an author line above the title ("□实习生 吕薇");
- a dateline opening the lead ("本报讯（记者 杨安迪 王笑伊）", "新华社北京12月4日电"), which stays in the
  lead (contract 1.1) and fills the byline when the report has no other.

Roles (记者, 通讯员, 摄影 …) are neither authors nor organisation; an outlet glued to a role
("清水融媒记者") is the role's, not the report's. The words are data (`lexicons/byline_*.tsv`).
The source's spaces separate organisation and names ("晋州市人大常委会　 谷东法") and a PDF pads a
two-character name with them ("付　 斌"), so bylines are read from the source, not the reflowed
text, with line breaks and the layout lines inside a paragraph taken out (a wrap is no gap).
Traditional text is matched through `to_simplified` (one character for one, so positions hold)
and given back as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from typing import NamedTuple

import regex

from .blocks import SENTENCE_END, TITLE_REGION, ends_sentence
from .lexicon import read_lexicon, to_simplified, words
from .paragraph_table import Paragraph
from .reflow import BYLINE_SHAPE, source_span

SEPARATORS = r"\s、，,；;/／|｜:："
PIECE = regex.compile(f"[^{SEPARATORS}]+")
LABEL_MARKS = "/／|｜:："
SLASH_MARKS = "/／|｜"
WRAP = regex.compile(r"[^\S\n]*\n\s*")  # a line break with the blanks around it: the layout's, not a gap
NAME = regex.compile(r"\p{Han}+(?:[·•・]\p{Han}+)*")
SENTENCE_PUNCTUATION = regex.compile(r"[，。；！？,;!?]")
OPENERS, CLOSERS = "(（", ")）"
AUTHOR_MARKS = "□■◇☆"  # an author line above a title: "□ 张国华　刘晓敏"
HOME_OUTLETS = words("dateline_words.tsv", "home-outlet")  # a dateline's own paper: no organisation
DATE = r"(?:[\d〇一二三四五六七八九十]{1,3}\s?月\s?)?[\d〇一二三四五六七八九十]{1,3}\s?日"
NOT_AFTER_DIAN = "".join(words("dateline_words.tsv", "not-after-电"))  # 电力, 电话 …: no dateline
NOT_AFTER_XUN = "".join(words("dateline_words.tsv", "not-after-讯"))  # 讯问, 讯息, 讯号
MAX_INNER = 60  # characters inside a byline's brackets
BRACKET = regex.compile(f"[(（][^()（）]{{1,{MAX_INNER}}}[)）]")  # a dateline's (记者 孙立)
MAX_CREDIT_LINE = 40  # a bracket-less "来源：XX市人大" line
MAX_AUTHOR_LINE = 30
MAX_NAME_WITH_DOT = 16  # "阿依古丽·买买提"
MAX_GLUED_NAMES = 9  # names run together in reflowed text ("戴雪平蓝溪"), up to three
DATELINE_HEAD = 80  # characters of a lead searched for a dateline


class _Words(NamedTuple):
    roles: regex.Pattern
    kinds: dict[str, str]
    org_endings: tuple[str, ...]
    long_endings: tuple[str, ...]  # of two characters or more
    short_endings: tuple[str, ...]  # of one
    surnames: frozenset[str]
    not_names: frozenset[str]
    dateline: regex.Pattern


@cache
def _words() -> _Words:
    """The lexicons, compiled once: roles longest first, so 摄影记者 wins over 摄影 and 消息来源 over 来源;
    a `label` role counts only before a label mark (文/李明), a `closing` one at the end too (张立 摄)."""
    kinds = {row[0]: row[1] for row in read_lexicon("byline_roles.tsv")}
    marks = {
        "person": "",
        "source": "",
        "label": f"(?=\\s*[{regex.escape(LABEL_MARKS)}])",
        "closing": f"(?=\\s*(?:[{regex.escape(LABEL_MARKS)}]|$))",
    }
    alternatives = [regex.escape(word) + marks[kinds[word]] for word in sorted(kinds, key=len, reverse=True)]
    endings = tuple(row[0] for name in ("byline_orgs.tsv", "byline_outlets.tsv") for row in read_lexicon(name))
    ending = "|".join(regex.escape(word) for word in sorted(set(endings), key=len, reverse=True))
    dateline = regex.compile(
        rf"(?P<open>【)?(?:(?P<outlet>{'|'.join(HOME_OUTLETS)}|\p{{Han}}{{1,10}}(?:{ending}))讯(?![{NOT_AFTER_XUN}])"
        rf"|(?P<agency>\p{{Han}}{{1,8}}?(?:{ending}))(?:\p{{Han}}{{0,10}}?{DATE})?电(?![{NOT_AFTER_DIAN}]))(?(open)】)"
    )
    return _Words(
        regex.compile("|".join(alternatives)),
        kinds,
        endings,
        tuple(word for word in endings if len(word) > 1),
        tuple(word for word in endings if len(word) == 1),
        frozenset(row[0] for row in read_lexicon("byline_surnames.tsv")),
        frozenset(row[0] for row in read_lexicon("byline_not_names.tsv")),
        dateline,
    )


class _Reading(NamedTuple):
    organization: str | None
    authors: tuple[str, ...]  # a tuple: readings are cached and shared
    ok: bool  # every part read as a role, an organisation or a name

    @property
    def is_byline(self) -> bool:
        return self.ok and bool(self.organization or self.authors)


def is_byline(source: str, paragraph: Paragraph) -> bool:
    """A short bracketed paragraph whose inside reads as organisations, names and roles, or a
    bracket-less credit line ("来源：XX市人大", "摄影/马宬") on a line of its own."""
    if BYLINE_SHAPE.fullmatch(paragraph.text):  # its length is bounded, however many lines the PDF spreads it on
        return _read(_spaced(source, paragraph, paragraph.start + 1, paragraph.end - 1)).is_byline
    if paragraph.line_count > 1 or len(paragraph.text) > MAX_CREDIT_LINE:
        return False
    spaced = _spaced(source, paragraph, paragraph.start, paragraph.end)
    return _opens_with_credit(spaced) and _read(spaced).is_byline


@dataclass(frozen=True, slots=True)
class FoundByline:
    """A byline as read (the pipeline records it as a `models.Byline`)."""

    raw: str
    organization: str | None
    authors: list[str]
    span: tuple[int, int]


def read_byline(source: str, paragraph: Paragraph) -> FoundByline:
    """Split "(法工委　 王　 露)" into organisation 法工委 and authors [王露]; whatever does not read
    as either is kept as an author rather than lost."""
    inset = 1 if BYLINE_SHAPE.fullmatch(paragraph.text) else 0
    return _whole_paragraph(source, paragraph, _read(_spaced(source, paragraph, paragraph.start + inset, paragraph.end - inset)))


def read_author_line(source: str, paragraph: Paragraph) -> FoundByline | None:
    """An author line above a title ("□ 张国华　刘晓敏", "□实习生 吕薇"): a mark, then names with
    optional roles. Names alone must start with a surname, so a column banner ("□ 工作动态") is none,
    and a title with its place ("■ 白沙县：…") is none."""
    text = paragraph.text
    if paragraph.line_count > 1 or len(text) > MAX_AUTHOR_LINE or text[0] not in AUTHOR_MARKS:
        return None
    prefix = TITLE_REGION.match(text, 1)
    if prefix and not _words().roles.fullmatch(to_simplified(prefix.group(1))):
        return None  # "■ 白沙县：举办…培训班" is a brief's title; "□ 撰稿：张三" an author line
    reading = _read(_spaced(source, paragraph, paragraph.start + 1, paragraph.end))
    return _whole_paragraph(source, paragraph, reading) if reading.ok and reading.authors else None


def read_dateline(source: str, paragraph: Paragraph) -> FoundByline | None:
    """The dateline opening a lead ("本报讯（记者 孙立）", "中新网凉山5月15日电 （单鹏）", "【本报讯】"), or
    None. `raw` runs through its bracket (through 讯/电 when it has none); `organization` is the
    outlet or agency it names, none for 本报/本刊; `authors` the bracket's names without roles."""
    head = paragraph.text[:DATELINE_HEAD]
    if not any(char in head for char in "讯电訊電"):
        return None
    simple = to_simplified(head)
    match = _words().dateline.match(simple)
    if not match:
        return None
    end, outlet = match.end(), "outlet" if match.group("outlet") else "agency"
    organization = None if match.group(outlet) in HOME_OUTLETS else head[match.start(outlet) : match.end(outlet)]
    authors: list[str] = []
    bracket = BRACKET.match(head, end)
    if bracket:
        inner = _read(_spaced(source, paragraph, *source_span(source, paragraph, end + 1, bracket.end() - 1)), evidence=True)
        if inner.is_byline:
            authors, organization, end = list(inner.authors), organization or inner.organization, bracket.end()
    first, last = source_span(source, paragraph, 0, end)
    return FoundByline(raw=source[first:last], organization=organization, authors=authors, span=(first, last))


def trailing_byline_start(source: str, paragraph: Paragraph) -> int | None:
    """Where, in a paragraph's reflowed text, a byline glued to its end starts: a bracket after a
    sentence end whose inside reads as a byline ("…取得实效。（晋州市人大办　杜建永）"), or a credit
    after one ("…精神。摄影/马宬"); None otherwise ("…的意见（试行）。", "…（以下简称《条例》）。",
    "…。（完）"). The inside is read from the source, whose spaces part organisation and names."""
    text = paragraph.text
    if not text or text[-1] in SENTENCE_END:  # most paragraphs: nothing after their last sentence
        return None
    if text.endswith(tuple(CLOSERS)):
        at = max(text.rfind(char) for char in OPENERS)
        inner = text[at + 1 : -1]
        if not (at > 0 and 2 <= len(inner) <= MAX_INNER and not any(c in inner for c in OPENERS + CLOSERS) and ends_sentence(text[:at])):
            return None
        start, end = source_span(source, paragraph, at + 1, len(text) - 1)
        return at if _read(_spaced(source, paragraph, start, end)).is_byline else None
    at = max(text.rfind(char) for char in SENTENCE_END) + 1
    tail = text[at:]
    if at > 0 and len(tail) <= MAX_CREDIT_LINE and _opens_with_credit(tail):
        start, end = source_span(source, paragraph, at, len(text))
        return at if _read(_spaced(source, paragraph, start, end)).is_byline else None
    return None


def _whole_paragraph(source: str, paragraph: Paragraph, reading: _Reading) -> FoundByline:
    return FoundByline(
        raw=source[paragraph.start : paragraph.end],
        organization=reading.organization,
        authors=list(reading.authors),
        span=(paragraph.start, paragraph.end),
    )


def _spaced(source: str, paragraph: Paragraph, start: int, end: int) -> str:
    """The source between start and end with the paragraph's layout lines (page numbers, running
    headers inside it) turned into line breaks, which `_read` joins over as wraps."""
    parts, position = [], start
    for gap_start, gap_end in paragraph.gaps:
        if start <= gap_start < end:
            parts += [source[position:gap_start], "\n"]
            position = gap_end
    return "".join(parts) + source[position:end]


def _opens_with_credit(text: str) -> bool:
    """A bracket-less credit: a source label with its colon (来源：, 供稿：), a role with a slash or
    bar (摄影/, 文/, 图文|), or a person's role set apart by a blank (通讯员　罗小川) where the text
    kept its blanks. "记者：" is left alone: an interview's questions open so."""
    simple = to_simplified(text)
    match = _words().roles.match(simple)
    if not match:
        return False
    rest = simple[match.end() :]
    mark = rest.lstrip()[:1]
    kind = _words().kinds[match.group()]
    return bool(mark) and (mark in SLASH_MARKS or (mark in "：:" and kind != "person") or (kind == "person" and rest[:1].isspace()))


@lru_cache(maxsize=1024)  # a byline is read when found and again when it is split into fields
def _read(written: str, evidence: bool = False, spaced: bool = True) -> _Reading:
    """Read a byline's inside: roles split it into fields; a field after a source label (来源：)
    is the organisation as written; the pieces of the others are organisations (…人大常委会, …办),
    names, or an outlet glued to the role after it (清水融媒记者). Names standing alone (no role,
    organisation or `evidence` beside them) must start with a surname. `spaced` says the text kept
    the source's spaces; in reflowed text names run together and are split at surnames."""
    written = WRAP.sub("", written)
    simple = to_simplified(written)
    words = _words()
    roles = [match for match in words.roles.finditer(simple) if not _role_inside_org(simple, match)]
    edges = [0] + [edge for match in roles for edge in match.span()] + [len(simple)]
    organizations: list[tuple[int, int]] = []  # spans, in order
    pending: list[tuple[int, int, bool]] = []  # pieces that are no organisation: span, glued to a role after it
    ok = True
    for number in range(len(roles) + 1):
        start, end = edges[2 * number], edges[2 * number + 1]
        before = roles[number - 1] if number else None
        pieces = [match.span() for match in PIECE.finditer(simple, start, end)]
        if before is not None and words.kinds[before.group()] == "source" and pieces:
            # the organisation as written, then the names of those who wrote for it (供稿：白鹭镇人大　何春雨)
            pieces = _merge_single_characters(simple, pieces)
            names_from = len(pieces)
            while names_from > 1 and _credited_name(simple[pieces[names_from - 1][0] : pieces[names_from - 1][1]], spaced):
                names_from -= 1
            organizations.append((pieces[0][0], pieces[names_from - 1][1]))
            ok = ok and not SENTENCE_PUNCTUATION.search(simple, pieces[0][0], pieces[names_from - 1][1])
            pending += [(piece_start, piece_end, False) for piece_start, piece_end in pieces[names_from:]]
            continue
        glued_role = number < len(roles) and words.kinds[roles[number].group()] != "source"
        for piece_start, piece_end in _merge_single_characters(simple, pieces):
            if _is_organization(simple[piece_start:piece_end]) and not (glued_role and piece_end == end):
                organizations.append((piece_start, piece_end))
            else:
                pending.append((piece_start, piece_end, glued_role and piece_end == end))
    evidence = evidence or bool(roles or organizations)
    authors: list[str] = []
    for start, end, glued in pending:
        piece, as_written = "".join(simple[start:end].split()), "".join(written[start:end].split())  # "付　 斌"
        if glued:  # "清水融媒记者": the role's outlet; "张立摄": a name after all
            authors += [as_written[a:b] for a, b in _names(piece, False, spaced) or ()]
            continue
        names = None if _is_organization(piece) else _names(piece, evidence, spaced)
        if names is None:
            cut = next(
                (cut for cut in range(len(piece) - 2, 2, -1) if _is_organization(piece[:cut]) and _names(piece[cut:], True, spaced)), None
            )  # "晋州市人大办杜建永"
            if cut is None:
                ok = False
                authors.append(as_written)
                continue
            organizations.append((start, start + cut))
            names = [(cut + a, cut + b) for a, b in _names(piece[cut:], True, spaced) or ()]  # never None: `next` found names
        authors += [as_written[a:b] for a, b in names]
    return _Reading(_join_organizations(written, sorted(organizations)), tuple(authors), ok)


def _role_inside_org(simple: str, role: regex.Match) -> bool:
    """编辑部, 记者站, 摄影家协会: a role word that, with what follows it unseparated, ends like an organisation."""
    rest = PIECE.match(simple, role.end())
    whole = simple[role.start() : rest.end()] if rest else ""
    return bool(rest) and any(whole.endswith(ending) for ending in _words().org_endings)


def _merge_single_characters(simple: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """PDF layout pads two-character names with spaces ("王　 露"): a run of single characters
    parted by blanks only is one name, or pairs of them when the run is longer than three."""
    merged: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for piece in pieces + [(len(simple), len(simple))]:
        single = piece[1] - piece[0] == 1
        if single and run and not simple[run[-1][1] : piece[0]].strip():
            run.append(piece)
            continue
        groups = [run] if len(run) <= 3 else [run[i : i + 2] for i in range(0, len(run), 2)]
        merged += [(group[0][0], group[-1][1]) for group in groups if group]
        run = [piece] if single else []
        if not single and piece[1] > piece[0]:
            merged.append(piece)
    return merged


def _is_organization(text: str) -> bool:
    """Long enough and ending like one (…办公室, …工委, …人大办): three characters at least, four for
    a one-character ending (…局, …报), which short names also end with."""
    words = _words()
    return (
        len(text) >= 3
        and text not in words.not_names
        and (text.endswith(words.long_endings) or (len(text) >= 4 and text.endswith(words.short_endings)))
    )


def _names(piece: str, evidence: bool, spaced: bool) -> list[tuple[int, int]] | None:
    """The names in a piece as spans: one name of two to four characters, or several run together
    (split where each part starts with a surname, three-character names tried first); None if the
    piece is no name. A four-character piece in spaced text beside a role is one name (扎西多吉)."""
    words = _words()
    if piece in words.not_names or not NAME.fullmatch(piece) or len(piece) < 2:
        return None
    if any(dot in piece for dot in "·•・"):
        return [(0, len(piece))] if len(piece) <= MAX_NAME_WITH_DOT else None
    if len(piece) <= 3 and (evidence or has_surname(piece)):
        return [(0, len(piece))]
    if len(piece) == 4 and (piece[:2] in words.surnames or (evidence and spaced)):
        return [(0, 4)]
    for split in _splits(len(piece)) if len(piece) <= MAX_GLUED_NAMES else ():
        spans = [(sum(split[:i]), sum(split[: i + 1])) for i in range(len(split))]
        if all(has_surname(piece[a:b]) and piece[a:b] not in words.not_names for a, b in spans):
            return spans
    return [(0, 4)] if len(piece) == 4 and evidence else None


def _credited_name(piece: str, spaced: bool) -> bool:
    """Whether a piece after a source's organisation is a person's name: one name, surname first."""
    return not _is_organization(piece) and has_surname(piece) and _names(piece, True, spaced) == [(0, len(piece))]


def has_surname(name: str) -> bool:
    """Starts with a surname, single (王) or compound (欧阳)."""
    return name[:1] in _words().surnames or name[:2] in _words().surnames


@cache
def _splits(length: int) -> tuple[tuple[int, ...], ...]:
    """Ways to cut `length` characters into names of three and two, three-character names first."""
    found = {split for count in range(2, 4) for split in product((3, 2), repeat=count) if sum(split) == length}
    return tuple(sorted(found, reverse=True))


def _join_organizations(written: str, spans: list[tuple[int, int]]) -> str | None:
    """One organisation from its pieces: those parted by blanks only are one name split by layout
    ("钱塘区人大常委会 预算工委"); those parted by 、 keep it; others are joined by 、."""
    parts: list[str] = []
    for number, (start, end) in enumerate(spans):
        if number:
            gap = "".join(written[spans[number - 1][1] : start].split())
            parts.append(gap if gap in ("", "、", "，", ",") else "、")
        parts.append("".join(written[start:end].split()))
    return "".join(parts) or None
