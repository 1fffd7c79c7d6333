"""Words and their parts of speech: jieba's dictionary segmentation, done on a compact copy of
its dictionary (`jieba_compact.txt`, built by tools/build_jieba_lexicons.py) plus the project's
domain words (`domain_words.txt`), read character by character as texts need it. jieba itself
is never imported: its full load costs a second or more, its HMM tagger milliseconds a clause.
Traditional characters are mapped to simplified ones (`jieba_t2s.tsv`) for the look-up only.

Used by the subject finder (`subjects.py`) and for place names in titles (`segment.py`).
"""

from __future__ import annotations

import re
import threading
from functools import cache
from math import log

from .lexicon import lexicon_text, read_lexicon, to_simplified

Token = tuple[str, str]  # (word, jieba POS flag)


class Segmenter:
    """jieba's dictionary segmentation (its DAG and max-probability route, HMM off) on the compact
    dictionary `jieba_compact.txt` plus `domain_words.txt`, each word tagged with its dictionary
    POS. Traditional characters are segmented through their simplified image (`jieba_t2s.tsv`)
    and the words read back from the original text.

    Differences from `jieba.posseg.cut`: no HMM (jieba's Viterbi over ~250 POS states costs
    milliseconds a clause), so a run of characters the dictionary does not join stays single
    characters, each with its dictionary tag (`x` when it has none); ASCII digit runs are `m`,
    letter runs `eng` (a lone letter keeps its dictionary tag, like jieba's).

    One segmenter serves every thread. `cut` looks words up without a lock; what makes that safe
    is that a character leaves `unread` (a frozenset, replaced whole) only once all its words are
    in `prefixes` and `tags`. A text with unread characters reads them first, under the lock."""

    HAN_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._]+)")
    ASCII_RUN = re.compile(r"[.0-9]+|[a-zA-Z0-9]+|.", re.S)

    def __init__(self) -> None:
        data = lexicon_text("jieba_compact.txt")
        total = 0
        body = 0
        while data.startswith("#", body):  # header: `# total N` is the full dictionary's total
            end = data.index("\n", body)
            if data.startswith("# total ", body):
                total = int(data[body + 8 : end])
            body = end + 1
        # first character → its words, still as text: read when a clause first holds it
        sections = data[body:].strip("\n").split("\n\n")
        self._sections = {section[0]: section for section in sections}
        self._domain: dict[str, list[tuple[str, int, str | None]]] = {}
        for (line,) in read_lexicon("domain_words.txt"):
            parts = line.split("#", 1)[0].split()
            if parts:  # like jieba's add_word: the frequency counts into the total
                word, count = parts[0], int(parts[1])
                self._domain.setdefault(word[0], []).append((word, count, parts[2] if len(parts) > 2 else None))
                total += count
        self.logtotal = log(total)
        self.unread = frozenset(self._sections) | frozenset(self._domain)  # first characters not read yet
        self._reading = threading.Lock()
        # word → log probability, a prefix that is no word → 0.0 (jieba's freq-0 entries)
        self.prefixes: dict[str, float] = {}
        self.tags: dict[str, str] = {}

    def _read(self, chars: frozenset[str]) -> None:
        """Load the words of those of `chars` still unread (another thread may have read some
        while this one waited for the lock), then drop them from `unread`."""
        with self._reading:
            chars = self.unread.intersection(chars)
            self._load(chars)
            self.unread = self.unread - chars

    def _load(self, chars: frozenset[str]) -> None:
        """Put the dictionary words (and domain words) that start with any of `chars` in `prefixes` and `tags`."""
        logtotal = self.logtotal
        for char in chars:
            section = self._sections.pop(char, None)
            if section:
                cells = section.split()  # word, frequency, tag; word, frequency, tag; …
                words = cells[0::3]
                self.prefixes.update(zip(words, [log(int(f)) - logtotal if f != "0" else 0.0 for f in cells[1::3]], strict=True))
                self.tags.update(zip(words, cells[2::3], strict=True))
            for word, count, tag in self._domain.get(char, ()):
                self.prefixes[word] = log(count) - logtotal if count else 0.0
                for i in range(1, len(word)):
                    self.prefixes.setdefault(word[:i], 0.0)
                if tag:
                    self.tags[word] = tag

    def cut(self, text: str) -> list[Token]:
        simple = to_simplified(text)  # returns `text` itself when it has no traditional character
        if not self.unread.isdisjoint(simple):
            self._read(self.unread.intersection(simple))
        tokens: list[Token] = []
        for i, block in enumerate(self.HAN_BLOCK.split(simple)):
            if i % 2:  # split() with a group: Han blocks at odd places
                self._cut_block(block, tokens)
            elif block:
                tokens += [(ch, "x") for ch in block]
        if simple is not text:  # read the words back from the original characters
            at = 0
            for i, (word, flag) in enumerate(tokens):
                tokens[i] = (text[at : at + len(word)], flag)
                at += len(word)
        return tokens

    def _cut_block(self, block: str, tokens: list[Token]) -> None:
        """jieba's `get_DAG` + `calc` in one backward pass, then its walk with single characters
        buffered (see `_flush`). Ties go to the longer word, as in jieba's max over (score, end);
        the scores add up in jieba's order, so equal routes stay equal."""
        n = len(block)
        if n == 1:  # a lone character (a digit between two %): no route to walk
            self._flush(block, tokens)
            return
        get = self.prefixes.get
        scores = [0.0] * (n + 1)
        ends = list(range(1, n + 2))
        floor = -self.logtotal  # a character that is no word: log(1) - log(total)
        for k in range(n - 1, -1, -1):
            value = get(block[k])
            best = None
            i = k + 1
            while value is not None:
                if value:
                    score = value + scores[i]
                    if best is None or score >= best:
                        best = score
                        ends[k] = i
                if i == n:
                    break
                i += 1
                value = get(block[k:i])
            scores[k] = floor + scores[k + 1] if best is None else best
        tags = self.tags
        x = 0
        buf = ""
        while x < n:
            y = ends[x]
            if y - x == 1:
                buf += block[x]
            else:
                if buf:
                    self._flush(buf, tokens)
                    buf = ""
                word = block[x:y]
                tokens.append((word, tags.get(word, "x")))
            x = y
        if buf:
            self._flush(buf, tokens)

    def _flush(self, buf: str, tokens: list[Token]) -> None:
        """Single characters the route left alone: ASCII number runs → m, letter runs → eng, any
        other character (a lone letter too) → its dictionary tag, else x."""
        tags = self.tags
        for part in self.ASCII_RUN.findall(buf) if len(buf) > 1 else (buf,):
            if part[0] in ".0123456789":
                tokens.append((part, "m"))
            elif len(part) > 1:
                tokens.append((part, "eng"))
            else:
                tokens.append((part, tags.get(part, "x")))


@cache
def tagger() -> Segmenter:
    """The segmenter, built once and only when the first text is cut."""
    return Segmenter()


def dictionary_words(text: str) -> list[Token]:
    """The text's words as jieba's dictionary segments them, each with its POS tag (ns: a place);
    a character the dictionary joins to nothing stands alone."""
    return tagger().cut(text)
