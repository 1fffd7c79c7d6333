"""Find what a figure counts: the noun phrase (its `subject`) in "收集意见建议 1300 余条" → 意见建议.

A bulletin puts the counted thing either before a predicate figure ("收集建议 92 条") or right
after an attributive one ("在六个区级实体化产业平台设立"). We look at the figure's clause without
whitespace (PDF text is hard-wrapped anywhere), tag a small window, and read one noun chunk:
after the figure when a noun follows it, else before it. Words that sit between a subject and its
figure (共, 累计, 达, 等 …) and light verbs (开展, 召开 …) come from the lexicon
`subject_links.tsv`; domain compounds that jieba would split come from `domain_words.txt`.

Tagging is jieba's dictionary segmentation with the dictionary's POS tags (`words.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from .lexicon import read_lexicon
from .numerals import ARABIC_DIGITS, CHINESE_DIGITS
from .words import Token, tagger

Tokens = Sequence[Token]

WINDOW = 40  # characters each side: a clause, rarely more; keeps POS tagging cheap
TOPIC_WINDOW = 120  # how far back a sentence's topic is looked for, clause by clause
SENTENCE_ENDS = set("。；;！!？?")
CLAUSE_ENDS = set(",，:：") | SENTENCE_ENDS
_CLAUSE_END_CLASS = "[" + re.escape("".join(CLAUSE_ENDS)) + "]"
CLAUSE_SPLIT = re.compile(_CLAUSE_END_CLASS)  # also finds the next clause end
OPENERS, CLOSERS = "(（“「《", ")）”」》"
BRACKETS = frozenset(OPENERS + CLOSERS)
COORDINATORS = {"、", "和", "及", "与", "以及"}
NOMINAL_FLAGS = {"vn", "j", "l", "an", "eng", "b", "zg", "quote"}
NUMERAL_CHARS = set(
    ARABIC_DIGITS + CHINESE_DIGITS + "十百千万萬亿億余餘多几幾"
)  # what ends a numeral token (m): digits, magnitudes, 余/多/几
NO_SUBJECT_KINDS = {"year", "date"}  # a calendar point counts nothing
PURE_MEASURE_WORDS = {"个", "個"}  # a noun follows them, never the clause's verb


@cache
def _links() -> dict[str, str]:
    """word → role: `skip` (sits between subject and figure), `change` (growth/ratio verb whose
    subject is the previous clause's), `light` (verb that opens an activity, not part of it),
    `determiner` (stripped from a subject's front)."""
    return {row[0]: row[1] for row in read_lexicon("subject_links.tsv")}


def _compact_side(text: str, index: int, step: int, limit: int = WINDOW, bound: int | None = None) -> str:
    """Up to `limit` non-space characters from `index` walking by `step`, stopping at a sentence
    end or at `bound`: what the same walk reads in `text[:bound]` forward, in `text[bound:]` back."""
    if step > 0:
        low, high = 0, len(text) if bound is None else bound
    else:
        low, high = bound or 0, len(text)
    if not low <= index < high:
        return ""
    span = 3 * limit + 16  # raw characters that hold `limit` others in all but odd layouts
    while True:
        if step > 0:
            raw = text[index : min(index + span, high)]
            stop = min((at for at in map(raw.find, SENTENCE_ENDS) if at >= 0), default=-1)
            if stop >= 0:
                raw = raw[:stop]
            compact = "".join(raw.split())
            if len(compact) >= limit or stop >= 0 or index + span >= high:
                return compact[:limit]
        else:
            first = max(low, index + 1 - span)
            raw = text[first : index + 1]
            stop = max(map(raw.rfind, SENTENCE_ENDS))
            if stop >= 0:
                raw = raw[stop + 1 :]
            compact = "".join(raw.split())
            if len(compact) >= limit or stop >= 0 or first == low:
                return compact[-limit:] if compact else ""
        span *= 4


LAST_CLAUSE_END = re.compile("(?s).*" + _CLAUSE_END_CLASS)
RAW_SPAN = 4 * WINDOW  # raw characters that hold WINDOW others in all but odd layouts


def _clause_after(text: str, end: int, bound: int | None = None) -> str:
    """`CLAUSE_SPLIT.split(_compact_side(text, end, +1, bound=bound))[0]`, without walking
    character by character."""
    high = len(text) if bound is None else bound
    if not 0 <= end < high:
        return ""  # in a run of figures (3%3%…) the next one starts where this one ends
    last = min(end + RAW_SPAN, high)
    stop = CLAUSE_SPLIT.search(text, end, last)
    clause = "".join(text[end : stop.start() if stop else last].split())
    if stop or len(clause) >= WINDOW or last == high:
        return clause[:WINDOW]
    return CLAUSE_SPLIT.split(_compact_side(text, end, +1, bound=high))[0]


def _clause_before(text: str, start: int, bound: int = 0) -> str:
    """`CLAUSE_SPLIT.split(_compact_side(text, start - 1, -1, bound=bound))[-1]`, likewise."""
    if start <= bound:
        return ""
    first = start - RAW_SPAN if start - RAW_SPAN > bound else bound
    stop = LAST_CLAUSE_END.match(text, first, start)
    clause = "".join(text[stop.end() if stop else first : start].split())
    if stop or len(clause) >= WINDOW or first == bound:
        return clause[-WINDOW:] if clause else ""
    return CLAUSE_SPLIT.split(_compact_side(text, start - 1, -1, bound=bound))[-1]


# No dictionary word holds an ASCII digit, so a clause is cut the same whatever its digits say:
# "比上年增收1284万元" as "比上年增收0000万元". Clauses are tagged by that shape, and the words read
# back from the clause: a budget report's sentences repeat a few shapes with other numbers.
_DIGIT_SHAPE = str.maketrans("123456789", "000000000")


def _tag(clause: str) -> Tokens:
    """(word, flag) pairs; a short quoted name (“健康村长”) becomes one token flagged `quote`.
    The cut is kept by the clause's shape (`_tag_shape`); the words are read back from the clause."""
    shape = clause.translate(_DIGIT_SHAPE)
    tokens = _tag_shape(shape)
    if shape == clause:
        return tokens
    words, at = [], 0
    for word, flag in tokens:
        words.append((clause[at : at + len(word)], flag))
        at += len(word)
    return tuple(words)


@lru_cache(maxsize=1024)
def _tag_shape(clause: str) -> Tokens:
    tokens: list[Token] = []
    rest = clause
    while rest:
        open_at = rest.find("“")
        close_at = rest.find("”", open_at + 1) if open_at >= 0 else -1
        if open_at < 0 or close_at < 0 or close_at - open_at > 16:
            tokens += tagger().cut(rest)
            break
        tokens += tagger().cut(rest[:open_at])
        tokens.append((rest[open_at : close_at + 1], "quote"))
        rest = rest[close_at + 1 :]
    return tuple(tokens)


def _is_number(token: Token) -> bool:
    word, flag = token
    return flag == "m" or (flag == "q" and len(word) <= 2) or word in ("%", "％")


def _is_numeral(token: Token) -> bool:
    return token[1] == "m" and token[0][-1] in NUMERAL_CHARS


def _is_nominal(token: Token) -> bool:
    word, flag = token
    if _links().get(word) in ("skip", "light", "change") or word in COORDINATORS:
        return False
    return flag.startswith("n") or flag in NOMINAL_FLAGS


def _is_verbal(token: Token) -> bool:
    word, flag = token
    return flag.startswith("v") and _links().get(word) is None


def _chunk_before(tokens: Tokens, verb_fallback: bool = True) -> str | None:
    """The noun chunk ending at the end of `tokens`, after dropping what sits between a subject
    and its figure: linking words, time words, an aside in brackets, a figure right before ours
    (12类【45件】). With no noun there, an activity: "专项视察 15 项", "开展入户走访 5 次"."""
    end = _end_of_subject(tokens)
    start = _noun_chunk_start(tokens, end)
    if start == end and verb_fallback:
        verb_start = end
        while verb_start and _is_verbal(tokens[verb_start - 1]) and end - verb_start < 2:
            verb_start -= 1
        if verb_start < end:
            start = _noun_chunk_start(tokens, verb_start)
    while start < end and _links().get(tokens[start][0]) == "determiner":
        start += 1
    if end - start > 1 and tokens[start][1] == "vn" and tokens[start + 1][1].startswith("n"):
        start += 1  # "培育农业龙头企业 49 家": a verbal noun before a noun is the clause's verb
    return _tidy(tokens[start:end])


def _noun_chunk_start(tokens: Tokens, end: int) -> int:
    """Where the run of nouns (with 、/和 between them, brackets, adjectives) ending at `end` starts."""
    start = end
    while start:
        word, flag = tokens[start - 1]
        if start >= 2 and _is_numeral(tokens[start - 2]):
            break  # a classifier of another figure: "20 项、执法检查 2 项"
        if (
            _is_nominal(tokens[start - 1])
            or word in CLOSERS
            or (start < end and (word in OPENERS or flag == "a"))  # 重大事项决定
            or (word in COORDINATORS and start < end and start >= 2 and _is_nominal(tokens[start - 2]))
        ):
            start -= 1
        else:
            break
    return start


def _end_of_subject(tokens: Tokens) -> int:
    """Where a subject before the figure ends: past linking words, adverbs, asides, other figures."""
    end = len(tokens)
    while end:
        word, flag = tokens[end - 1]
        if word in CLOSERS and any(w in OPENERS for w, _ in tokens[: end - 1]):
            while end and tokens[end - 1][0] not in OPENERS:  # "同比(下同)增长", "人数(含…)52729人"
                end -= 1
            end -= 1
        elif _links().get(word) in ("skip", "change") or flag in ("t", "d") or _is_number(tokens[end - 1]):
            end -= 1
        elif end >= 2 and _is_number(tokens[end - 2]) and len(word) == 1:  # the classifier of 120 天
            end -= 2
        else:
            break
    return end


def _chunk_after(tokens: Tokens) -> str | None:
    """The noun chunk a figure modifies ("27 名“健康村长”", "27 个偏远山区、…的行政村(社区)"),
    or None when the figure is a predicate (followed by punctuation, a verb or an adverb)."""
    at = 1 if tokens and tokens[0][0] == "的" else 0
    if at < len(tokens) and (not _is_nominal(tokens[at]) or tokens[at][1] == "l"):
        at = _skip_relative_clause(tokens, at)  # an idiom (l) here is a predicate: 基础薄弱的社区
    if at < len(tokens) - 1 and tokens[at][1] == "a" and _is_nominal(tokens[at + 1]):
        at += 1  # 2 起一般安全责任事故 → 安全责任事故
    if at >= len(tokens) or not _is_nominal(tokens[at]):
        return None
    end = at
    while end < len(tokens):
        token = tokens[end]
        nxt = tokens[end + 1] if end + 1 < len(tokens) else ("", "")
        if _is_nominal(token) or token[0] in OPENERS + CLOSERS or (token[0] in COORDINATORS and _is_nominal(nxt)):
            end += 1
        else:
            break
    if end < len(tokens) and tokens[end][1] in ("a", "ad"):
        head = _skip_relative_clause(tokens, at)  # "8 个基础薄弱、需求迫切的社区"
        if head != at:
            return _chunk_after(tokens[head:])
    if end - at > 1 and tokens[end - 1][1] == "vn" and tokens[end - 2][1].startswith("n"):
        end -= 1  # "4 万户农户发展": the activity after the noun is the clause's predicate
    return _tidy(tokens[at:end])


def _skip_relative_clause(tokens: Tokens, at: int) -> int:
    """Index after a short modifier ending in 的 ("偏远山区、医疗资源匮乏的"), when a noun follows it."""
    for i in range(at, min(at + 8, len(tokens) - 1)):
        word = tokens[i][0]
        if word in CLAUSE_ENDS or _is_number(tokens[i]):
            break
        if word == "的":
            return i + 1 if _is_nominal(tokens[i + 1]) else at
    return at


def _tidy(tokens: Tokens) -> str | None:
    """Join a chunk, dropping determiners (各类, 全部) and brackets left open at its edges."""
    if not tokens:
        return None  # most figures of a run: nothing between them and the one before
    while tokens and _links().get(tokens[0][0]) == "determiner":
        tokens = tokens[1:]
    while tokens and _links().get(tokens[-1][0]) == "determiner":
        tokens = tokens[:-1]
    if tokens and tokens[0][0] in OPENERS and tokens[0][0] != "“":
        closing = next((i for i, (w, _) in enumerate(tokens) if w in CLOSERS), len(tokens) - 1)
        tokens = tokens[closing + 1 :]  # "(建成区)园林绿地面积": an aside before the name
    words = [word for word, _ in tokens]
    while words and (words[0] in CLOSERS or words[0] in COORDINATORS):
        words.pop(0)
    while words and (words[-1] in OPENERS or words[-1] in COORDINATORS):
        words.pop()
    phrase = "".join(words)
    if BRACKETS.isdisjoint(phrase):
        return phrase or None  # most subjects: no bracket or quote to balance
    if phrase.startswith("“") and phrase.endswith("”") and phrase.count("“") == 1:
        phrase = phrase[1:-1]  # a name standing alone: 健康村长, not “健康村长”
    for opener, closer in zip(OPENERS, CLOSERS, strict=True):
        if phrase.count(opener) != phrase.count(closer):
            phrase = phrase.replace(opener, "").replace(closer, "")
    return phrase or None


def _crosses_a_figure(tokens: Tokens) -> bool:
    """Whether a figure stands between the subject before ours and ours."""
    return any(_is_number(t) for t in tokens[_end_of_subject(tokens) :])


def _opens_without_topic(tokens: Tokens) -> bool:
    """A clause that opens with 比/增长/完成/占 … continues the sentence's topic instead of naming one."""
    words = [word for word, flag in tokens if flag not in ("d", "t", "c")]
    return bool(words) and _links().get(words[0]) in ("skip", "change")


def _sentence_topic(clauses: list[str]) -> str | None:
    """The subject of the nearest earlier clause that names its own: "税收收入 8103 万元" → 税收收入."""
    return next(filter(None, map(_clause_topic, reversed(clauses))), None)


@lru_cache(maxsize=256)
def _clause_topic(clause: str) -> str | None:
    """The subject a clause names before one of its figures, if it names its own. Kept for the
    last clauses seen: each later figure of a sentence asks its earlier clauses again."""
    tokens = _tag(clause)
    if _opens_without_topic(tokens):
        return None
    for i in reversed(range(len(tokens))):
        if tokens[i][1] == "m" and any(ch.isdigit() for ch in tokens[i][0]):
            head = _chunk_before(tokens[:i], verb_fallback=False)
            if head:
                return head
    return None


# How many figures may stand between a figure and its subject ("由 2020 年的 46% 提高到 71%": 2)
# or its sentence's topic ("收入 24627 万元,完成预算数 60999 万元的 40.4%,比上年减收 1070 万元,下降 4.2%": 4):
# the most the corpus and the test bulletins need.
SUBJECT_CROSSES = 3
TOPIC_CROSSES = 4


class Neighbours(NamedTuple):
    """Where the figures around one lie: the ends of the TOPIC_CROSSES + 1 figures before it
    (oldest first, 0 where there is none) and the start of the figure after it (None: none)."""

    ends_before: tuple[int, ...] = (0,) * (TOPIC_CROSSES + 1)
    next_start: int | None = None


NO_NEIGHBOURS = Neighbours()  # `find_subject` without figures around the one it reads


def find_subject(text: str, start: int, end: int, unit: str | None, kind: str, neighbours: Neighbours = NO_NEIGHBOURS) -> str | None:
    """The noun phrase naming what the figure at text[start:end] counts; None when unclear.

    The figures around it bound the search, so that a figure in a run of figures costs what one in
    prose does, not its windows' worth of other figures: the noun a figure modifies ends before
    the next figure, a subject before it lies across SUBJECT_CROSSES figures at most, a sentence's
    topic across TOPIC_CROSSES."""
    if kind in NO_SUBJECT_KINDS:
        return None
    subject_bound = neighbours.ends_before[-SUBJECT_CROSSES - 1]
    topic_bound = neighbours.ends_before[-TOPIC_CROSSES - 1]
    right_clause = _clause_after(text, end, neighbours.next_start)
    after = _subject_after(right_clause, unit in PURE_MEASURE_WORDS) if right_clause else None
    if after:
        return after
    before, needs_topic = _subject_before(_clause_before(text, start, subject_bound), kind != "duration")
    if needs_topic:
        earlier = CLAUSE_SPLIT.split(_compact_side(text, start - 1, -1, TOPIC_WINDOW, topic_bound))[:-1]
        return _sentence_topic(earlier) or before
    return before


# The two halves of the search read only their clause, so each keeps what it found for the last
# clauses seen: figures repeat their clauses (every figure of 3%3%3%… has the same two).


@lru_cache(maxsize=1024)
def _subject_after(clause: str, after_measure_word: bool) -> str | None:
    """The noun the figure modifies, read from the clause after it."""
    tokens = _tag(clause)
    if after_measure_word and len(tokens) > 1 and tokens[0][1] == "v" and _is_nominal(tokens[1]):
        tokens = ((tokens[0][0], "vn"), *tokens[1:])  # 12 个候选项目: after 个 a verb opens a compound noun
    return _chunk_after(tokens)


@lru_cache(maxsize=1024)
def _subject_before(clause: str, verb_fallback: bool) -> tuple[str | None, bool]:
    """The subject read from the clause before the figure, and whether the sentence's topic is
    wanted instead: "收入 8103 万元,比上年增收 1284 万元,增长 18.8%", "完成预算数 6 万元的 40.4%":
    such a clause speaks of the sentence's topic, and a noun before an earlier figure in it is not ours."""
    tokens = _tag(clause)
    before = _chunk_before(tokens, verb_fallback)
    return before, _opens_without_topic(tokens) and (before is None or _crosses_a_figure(tokens))
