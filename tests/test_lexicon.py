"""The lexicons: data files read by one loader, every one the code names shipped, patterns built
from them preferring the longer word."""

from __future__ import annotations

import re
from pathlib import Path

import regex

from bulletin_parse.lexicon import alternation, lexicon_path, read_lexicon, words

ROOT = Path(__file__).resolve().parents[1]


def test_every_lexicon_the_code_names_exists():
    named = set()
    for path in (ROOT / "src" / "bulletin_parse").rglob("*.py"):
        named |= set(re.findall(r"[\"']([a-z0-9_]+\.(?:tsv|txt))[\"']", path.read_text(encoding="utf-8")))
    assert {"classifiers.tsv", "masthead_words.tsv", "region_suffixes.tsv", "dateline_words.tsv"} <= named
    assert [name for name in sorted(named) if not lexicon_path(name).is_file()] == []


def test_no_python_module_reads_a_lexicon_file_itself():
    """lexicon.py is the one loader: nobody else opens the lexicons folder."""
    for path in (ROOT / "src" / "bulletin_parse").rglob("*.py"):
        if path.name != "lexicon.py":
            assert "lexicon_path(" not in path.read_text(encoding="utf-8"), path.name


def test_words_come_longest_first_and_by_role():
    endings = words("masthead_words.tsv", "org-ending")
    assert endings.index("人大常委会") < endings.index("常委会")
    assert "编者按" in words("masthead_words.tsv", "editors-note") and "编者按" not in endings
    assert [len(word) for word in endings] == sorted(map(len, endings), reverse=True)


def test_an_alternation_matches_the_longest_word():
    pattern = regex.compile(alternation("masthead_words.tsv", "org-ending"))
    assert pattern.match("人大常委会办公室").group() == "人大常委会"
    assert regex.compile(rf"(?:{alternation('region_suffixes.tsv')})$").search("宁夏回族自治区").group() == "自治区"


def test_comments_and_blank_lines_are_no_rows():
    rows = read_lexicon("region_suffixes.tsv")
    assert rows and all(row[0] and not row[0].startswith("#") for row in rows)
