"""Whitespace-tolerant word matching: tries of the lexicon words, matched forward (the longest word
starting at a position) or backward (the longest word ending before it), with the PDF's whitespace
allowed between a word's characters; and the small helpers that read through that whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeAlias

WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"\s*")

_END = ""
# a trie: a character → the trie of what may follow it; _END → the word that ends there
Trie: TypeAlias = dict[str, Any]


def make_trie(words: Iterable[str]) -> Trie:
    root: Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = word
    return root


def trie_starts(trie: Trie) -> frozenset[str]:
    """The characters a word of `trie` can start with."""
    return frozenset(ch for ch in trie if ch != _END)


def match_forward(trie: Trie, text: str, pos: int) -> tuple[str, int] | None:
    """The longest word of `trie` starting at `pos`, whitespace allowed between its characters:
    (word, end after its last character)."""
    if pos >= len(text) or text[pos] not in trie:
        return None  # most calls: no word starts here
    node: Trie | None
    best: tuple[str, int] | None
    node, best, i, n = trie, None, pos, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() and i > pos:
            i += 1
            continue
        node = node.get(ch)
        if node is None:
            break
        i += 1
        if _END in node:
            best = (node[_END], i)
    return best


def last_before(text: str, pos: int) -> int:
    """The index of the last non-whitespace character before `pos` (-1 when there is none)."""
    before = pos - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before


def match_backward(reversed_trie: Trie, text: str, pos: int) -> tuple[str, int] | None:
    """The longest word (of a trie of reversed words) ending right before `pos`, whitespace
    allowed before `pos` and inside the word: (word, start of its first character)."""
    node: Trie | None
    best: tuple[str, int] | None
    node, best, i = reversed_trie, None, last_before(text, pos)
    while i >= 0:
        ch = text[i]
        if ch.isspace():
            i -= 1
            continue
        node = node.get(ch)
        if node is None:
            break
        if _END in node:
            best = (node[_END][::-1], i)
        i -= 1
    return best


def skip_space(text: str, pos: int) -> int:
    if pos >= len(text) or not text[pos].isspace():
        return pos  # most calls: no whitespace to skip
    spaces = _SPACES.match(text, pos)
    assert spaces is not None  # \s* matches everywhere
    return spaces.end()


def squeeze(s: str) -> str:
    """A number's characters without the PDF's whitespace; ○ (a circle) written for 〇."""
    if s.isalnum():
        return s  # most numbers: neither whitespace nor ○ is alphanumeric
    return WHITESPACE.sub("", s).replace("○", "〇")
