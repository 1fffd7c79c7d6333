#!/usr/bin/env python3
"""Build the two data files the subject finder segments with, from their upstream sources.

    python tools/build_jieba_lexicons.py [--min-freq 20] [--jieba-dict PATH] [--opencc-ts PATH]

lexicons/jieba_compact.txt
    The words of jieba's dictionary (dict.txt of the installed `jieba`, or --jieba-dict) whose
    frequency is at least --min-freq or that occur in the sample bulletins (samples/*.txt: 办结
    is rare in general text, common in bulletins), in jieba's own `word freq tag` format, followed by the
    prefixes of those words that are not words themselves as `prefix 0 x` lines (jieba treats a
    freq-0 entry exactly as a prefix; storing them saves building them at every start).
    A `# total N` header keeps the frequency total of the FULL dictionary, so every word kept
    has the same log-probability as in jieba and the segmentation among kept words is jieba's.
    ~80k words at the default cut instead of 349k: loads in a few hundredths of a second, and
    subject accuracy on the seed and the dev corpus is unchanged (bench/subject_eval.py).

lexicons/jieba_t2s.tsv
    Traditional → simplified, one character to one character, from OpenCC's TSCharacters.txt
    (first candidate). The subject finder segments the simplified image of a clause (jieba's
    dictionary is simplified) and reads the words back from the original characters. The
    OpenCC file comes with the PyPI package `opencc-python-reimplemented` (opencc/dictionary/
    TSCharacters.txt): `pip download --no-deps opencc-python-reimplemented==0.1.7`, unzip.
    Without --opencc-ts the existing table is left as it is.

Licences: jieba's dictionary is MIT, OpenCC's data Apache-2.0; both headers say so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPACT = ROOT / "lexicons" / "jieba_compact.txt"
T2S = ROOT / "lexicons" / "jieba_t2s.tsv"
# characters that TSCharacters lists as traditional but that simplified text uses in their own
# right (乾隆, 乾坤): mapping them would change simplified text
KEEP_AS_IS = set("乾")
HAN_FIRST, HAN_LAST = "\u4e00", "\u9fd5"  # jieba's Han block: [\u4E00-\u9FD5]


def sample_text(paths: list[Path]) -> str:
    """The bulletins in samples/ without whitespace (PDF text wraps inside words)."""
    texts = []
    for path in paths:
        data = path.read_bytes()
        for encoding in ("utf-8-sig", "utf-16", "gb18030"):
            try:
                texts.append(data.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return "".join("".join(texts).split())


def build_compact(dict_path: Path, min_freq: int, jieba_version: str, keep_from: list[Path]) -> None:
    rows = []
    total = 0
    seen = sample_text(keep_from)
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else "x"
        total += freq
        if freq >= min_freq or word in seen:
            rows.append((word, freq, tag))
    words = {word for word, _, _ in rows}
    prefixes = sorted({w[:i] for w in words for i in range(1, len(w))} - words)
    header = [
        "# jieba's dictionary, compacted for bulletin-parse's subject finder by",
        f"# tools/build_jieba_lexicons.py --min-freq {min_freq}, from jieba {jieba_version} dict.txt (MIT licence);",
        f"# rarer words are kept when they occur in {', '.join(p.name for p in keep_from) or 'no sample'}.",
        "# jieba's `word freq tag` lines; `prefix 0 x` for a prefix of words that is no word itself.",
        "# A blank line before each first character: the segmenter reads a character's words the",
        "# first time it meets that character. `total` is the full dictionary's frequency total.",
        f"# total {total}",
    ]
    entries = sorted([(w, f, t) for w, f, t in rows] + [(p, 0, "x") for p in prefixes])
    body = []
    for word, freq, tag in entries:
        if body and body[-1][0] != word[0]:
            body.append("")
        body.append(f"{word} {freq} {tag}")
    COMPACT.write_text("\n".join(header + [""] + body) + "\n", encoding="utf-8")
    print(f"{COMPACT}: {len(rows)} words (of {total} total frequency), {len(prefixes)} prefixes, {COMPACT.stat().st_size} bytes")


def build_t2s(ts_path: Path) -> None:
    pairs = []
    for line in ts_path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        trad, simp = line.split("\t", 1)
        simp = simp.split()[0] if simp.split() else ""
        # both inside jieba's Han range: a character outside it is never part of a word, and
        # mapping across its edge would move a block boundary
        if (
            len(trad) == 1
            and len(simp) == 1
            and trad != simp
            and trad not in KEEP_AS_IS
            and HAN_FIRST <= trad <= HAN_LAST
            and HAN_FIRST <= simp <= HAN_LAST
        ):
            pairs.append((trad, simp))
    header = [
        "# Traditional → simplified characters for segmenting traditional text with jieba's",
        "# simplified dictionary (subjects.py). Built by tools/build_jieba_lexicons.py from",
        "# OpenCC's TSCharacters.txt (Apache-2.0), first candidate, one character to one.",
    ]
    T2S.write_text("\n".join(header + [f"{t}\t{s}" for t, s in pairs]) + "\n", encoding="utf-8")
    print(f"{T2S}: {len(pairs)} characters, {T2S.stat().st_size} bytes")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-freq", type=int, default=20)
    ap.add_argument("--jieba-dict", type=Path, help="jieba's dict.txt (default: the installed jieba's)")
    ap.add_argument("--opencc-ts", type=Path, help="OpenCC's TSCharacters.txt")
    ap.add_argument(
        "--keep-from",
        type=Path,
        nargs="*",
        default=sorted((ROOT / "samples").glob("*.txt")),
        help="bulletins whose words are kept whatever their frequency (default: samples/*.txt)",
    )
    args = ap.parse_args()
    version = "?"
    dict_path = args.jieba_dict
    if dict_path is None:
        try:
            import jieba
        except ImportError:
            sys.exit("jieba is not installed: pip install jieba, or give --jieba-dict")
        dict_path = Path(jieba.__file__).with_name("dict.txt")
        version = jieba.__version__
    build_compact(dict_path, args.min_freq, version, args.keep_from)
    if args.opencc_ts:
        build_t2s(args.opencc_ts)


if __name__ == "__main__":
    main()
