"""Read the lexicons: the data files (classifiers, qualifiers, byline organisations, domain words)
that tell the parser what the words of a bulletin mean. Code never spells these lists itself.

In an installed wheel the files sit in the package (`bulletin_parse/lexicons`); in a source
checkout they are the top-level `lexicons/` folder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import regex


def lexicon_path(name: str) -> Path:
    packaged = resources.files("bulletin_parse") / "lexicons" / name
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "lexicons" / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(f"lexicon {name!r} is missing from the installation")


def lexicon_text(name: str) -> str:
    """A lexicon file's whole text, for the one whose layout is no table (jieba_compact.txt)."""
    return lexicon_path(name).read_text(encoding="utf-8")


@cache
def read_lexicon(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon; blank lines and `#` comments are skipped."""
    rows = []
    for line in lexicon_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def words(name: str, role: str | None = None) -> tuple[str, ...]:
    """The words of a lexicon (its first column), or those whose second column is `role`;
    longest first, so that a pattern made of them prefers 人大常委会 to 常委会."""
    chosen = [row[0] for row in read_lexicon(name) if role is None or row[1:2] == (role,)]
    return tuple(sorted(chosen, key=len, reverse=True))


def alternation(name: str, role: str | None = None) -> str:
    """A regular-expression alternation of `words(name, role)`, each escaped."""
    return "|".join(regex.escape(word) for word in words(name, role))


@cache
def _t2s_table() -> tuple[frozenset[str], dict[int, str]]:
    pairs = {row[0]: row[1] for row in read_lexicon("jieba_t2s.tsv")}
    return frozenset(pairs), str.maketrans(pairs)


def to_simplified(text: str) -> str:
    """Traditional characters replaced by their simplified image, one character for one, so that
    offsets into the result are offsets into `text` (辦公室 → 办公室, 縣 → 县). Simplified text,
    the usual case, is returned as it is without translating."""
    traditional, table = _t2s_table()
    return text if traditional.isdisjoint(text) else text.translate(table)
