"""Find what a figure counts: the noun phrase (its `subject`) in "收集意见建议 1300 余条" → 意见建议.

A bulletin puts the counted thing either before a predicate figure ("收集建议 92 条") or right
after an attributive one ("在六个区级实体化产业平台设立"). We look at the figure's clause without
whitespace (PDF text is hard-wrapped anywhere), tag a small window with jieba, and read one
noun chunk: after the figure when a noun follows it, else before it. Words that sit between a
subject and its figure (共, 累计, 达, 等 …) and light verbs (开展, 召开 …) come from the lexicon
`subject_links.tsv`; domain compounds that jieba would split come from `domain_words.txt`.
"""

from __future__ import annotations

from functools import cache

from bulletin_parse.lexicon import lexicon_path, read_lexicon

WINDOW = 40  # characters each side: a clause, rarely more; keeps POS tagging cheap
SENTENCE_ENDS = set("。；;！!？?")
CLAUSE_ENDS = set(",，:：") | SENTENCE_ENDS
OPENERS, CLOSERS = "(（“「《", ")）”」》"
COORDINATORS = {"、", "和", "及", "与", "以及"}
NOMINAL_FLAGS = {"vn", "j", "l", "an", "eng", "b", "zg", "quote"}
NO_SUBJECT_KINDS = {"year", "date"}  # a calendar point counts nothing


@cache
def _links() -> dict[str, str]:
    """word → role: `skip` (sits between subject and figure), `change` (growth/ratio verb whose
    subject is the previous clause's), `light` (verb that opens an activity, not part of it),
    `determiner` (stripped from a subject's front)."""
    return {row[0]: row[1] for row in read_lexicon("subject_links.tsv")}


@cache
def _tagger():
    """jieba's POS tagger with the domain dictionary, built once and only when first needed
    (loading jieba's main dictionary costs most of a second)."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for line in lexicon_path("domain_words.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if parts:
            word, freq, tag = (parts + [None, None])[:3]
            tokenizer.add_word(word, int(freq) if freq else None, tag)
    return jieba.posseg.POSTokenizer(tokenizer)


def _compact_side(text: str, index: int, step: int) -> str:
    """Up to WINDOW non-space characters from `index` walking by `step`, stopping at a sentence end."""
    chars: list[str] = []
    while 0 <= index < len(text) and len(chars) < WINDOW:
        ch = text[index]
        if ch in SENTENCE_ENDS:
            break
        if not ch.isspace():
            chars.append(ch)
        index += step
    return "".join(reversed(chars) if step < 0 else chars)


def _tag(clause: str) -> list[tuple[str, str]]:
    """(word, flag) pairs; a short quoted name (“健康村长”) becomes one token flagged `quote`."""
    tokens: list[tuple[str, str]] = []
    rest = clause
    while rest:
        open_at = rest.find("“")
        close_at = rest.find("”", open_at + 1) if open_at >= 0 else -1
        if open_at < 0 or close_at < 0 or close_at - open_at > 16:
            tokens += [(p.word, p.flag) for p in _tagger().cut(rest)]
            break
        tokens += [(p.word, p.flag) for p in _tagger().cut(rest[:open_at])]
        tokens.append((rest[open_at : close_at + 1], "quote"))
        rest = rest[close_at + 1 :]
    return tokens


def _is_number(token: tuple[str, str]) -> bool:
    word, flag = token
    return flag == "m" or (flag == "q" and len(word) <= 2) or word in "%％"


def _is_nominal(token: tuple[str, str]) -> bool:
    word, flag = token
    if _links().get(word) in ("skip", "light", "change") or word in COORDINATORS:
        return False
    return flag.startswith("n") or flag in NOMINAL_FLAGS


def _is_verbal(token: tuple[str, str]) -> bool:
    word, flag = token
    return flag.startswith("v") and _links().get(word) is None


def _chunk_before(tokens: list[tuple[str, str]], verb_fallback: bool = True) -> str | None:
    """The noun chunk ending at the end of `tokens`, after dropping what sits between a subject
    and its figure: linking words, time words, an aside in brackets, a figure right before ours
    (12类【45件】). With no noun there, an activity verb ("开展入户走访 5 次")."""
    end = _end_of_subject(tokens)
    start = end
    while start:
        token = tokens[start - 1]
        if _is_nominal(token) or token[0] in CLOSERS:
            start -= 1
        elif token[0] in OPENERS and start < end:
            start -= 1
        elif start < end and token[1] == "a":  # 重大事项决定
            start -= 1
        elif token[0] in COORDINATORS and start < end and start >= 2 and _is_nominal(tokens[start - 2]):
            start -= 1
        else:
            break
    if start == end and verb_fallback:
        while start and _is_verbal(tokens[start - 1]) and end - start < 3:
            start -= 1
    return _tidy(tokens[start:end])


def _end_of_subject(tokens: list[tuple[str, str]]) -> int:
    end = len(tokens)
    while end:
        word, flag = tokens[end - 1]
        if word in CLOSERS and any(w in OPENERS for w, _ in tokens[:end - 1]):
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


def _chunk_after(tokens: list[tuple[str, str]]) -> str | None:
    """The noun chunk a figure modifies ("27 名“健康村长”", "27 个偏远山区、…的行政村(社区)"),
    or None when the figure is a predicate (followed by punctuation, a verb or an adverb)."""
    at = 1 if tokens and tokens[0][0] == "的" else 0
    if at < len(tokens) and not _is_nominal(tokens[at]):
        at = _skip_relative_clause(tokens, at)
    if at < len(tokens) - 1 and tokens[at][1] == "a" and _is_nominal(tokens[at + 1]):
        at += 1  # 2 起一般安全责任事故 → 安全责任事故
    if at >= len(tokens) or not _is_nominal(tokens[at]):
        return None
    end = at
    while end < len(tokens):
        token = tokens[end]
        nxt = tokens[end + 1] if end + 1 < len(tokens) else ("", "")
        if _is_nominal(token) or token[0] in OPENERS + CLOSERS:
            end += 1
        elif token[0] in COORDINATORS and _is_nominal(nxt):
            end += 1
        else:
            break
    return _tidy(tokens[at:end])


def _skip_relative_clause(tokens: list[tuple[str, str]], at: int) -> int:
    """Index after a short modifier ending in 的 ("偏远山区、医疗资源匮乏的"), when a noun follows it."""
    for i in range(at, min(at + 8, len(tokens) - 1)):
        word = tokens[i][0]
        if word in CLAUSE_ENDS or _is_number(tokens[i]):
            break
        if word == "的":
            return i + 1 if _is_nominal(tokens[i + 1]) else at
    return at


def _tidy(tokens: list[tuple[str, str]]) -> str | None:
    """Join a chunk, dropping leading determiners (各类) and unbalanced brackets at its edges."""
    while tokens and _links().get(tokens[0][0]) == "determiner":
        tokens = tokens[1:]
    words = [word for word, _ in tokens]
    while words and (words[0] in CLOSERS or words[0] in COORDINATORS):
        words.pop(0)
    while words and (words[-1] in OPENERS or words[-1] in COORDINATORS):
        words.pop()
    phrase = "".join(words)
    if phrase.startswith("“") and phrase.endswith("”") and phrase.count("“") == 1:
        phrase = phrase[1:-1]  # a name standing alone: 健康村长, not “健康村长”
    for opener, closer in zip(OPENERS, CLOSERS):
        if phrase.count(opener) != phrase.count(closer):
            phrase = phrase.replace(opener, "").replace(closer, "")
    return phrase or None


def _split_clauses(compact: str) -> list[str]:
    clauses, current = [], ""
    for ch in compact:
        if ch in CLAUSE_ENDS:
            clauses.append(current)
            current = ""
        else:
            current += ch
    return clauses + [current]


def _head_of_clause(clause: str) -> str | None:
    """The subject of the first figure in a clause: "税收收入 8103 万元" → 税收收入."""
    tokens = _tag(clause)
    for i in reversed(range(len(tokens))):
        if tokens[i][1] == "m" and any(ch.isdigit() for ch in tokens[i][0]):
            head = _chunk_before(tokens[:i], verb_fallback=False)
            if head:
                return head
    return None


def find_subject(text: str, start: int, end: int, unit: str | None, kind: str) -> str | None:
    """The noun phrase naming what the figure at text[start:end] counts; None when unclear."""
    if kind in NO_SUBJECT_KINDS:
        return None
    right_clause = _split_clauses(_compact_side(text, end, +1))[0]
    if right_clause:
        after = _chunk_after(_tag(right_clause))
        if after:
            return after
    clauses = _split_clauses(_compact_side(text, start - 1, -1))
    tokens = _tag(clauses[-1])
    before = _chunk_before(tokens, verb_fallback=kind != "duration")
    if before:
        return before
    # "税收收入 8103 万元,比上年增收 1284 万元,增长 18.8%": the growth is the earlier subject's
    trailing = [t for t in tokens if not _is_number(t) and t[0] not in CLAUSE_ENDS]
    if trailing and all(_links().get(word) in ("skip", "change") for word, _ in trailing):
        for clause in reversed(clauses[:-1]):
            head = _head_of_clause(clause)
            if head:
                return head
    return None
