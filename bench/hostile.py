"""Time bulletin-parse on pathological inputs and measure peak memory on a 50 MB bulletin.

    python bench/hostile.py            # every case
    python bench/hostile.py 余 quote   # the cases whose names contain these words

Each case runs in a fresh process (`bulletin_parse.parse` on text built in that process), so one
case's caches do not help the next. Targets (issue "Hostile input"): each case well under 10 s,
time linear in size; a 50 MB bulletin parses with peak memory under 10x its size. Issue 11 adds
text made of figures (5 MB of nothing but figures under 10 s) and 5 MB of prose dense with
figures at 400,000 characters a second or more; and every case, dense with structure or with
figures, under 10x its size (UTF-8) in memory: what the parse adds to the process's peak RSS.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "hangzhou-bulletin.txt"

CASES = {
    "5 MB single line": "(lambda line: (line * (5_000_000 // 3 // len(line) + 1))[: 5_000_000 // 3])(SEED.replace('\\n', ''))",
    "100,000 一是 markers": "'一是' * 100_000",
    "100,000 一是 paragraphs": "'一是加强监督。内容。\\n' * 100_000",
    "1 MB of digits": "'1' * 1_000_000",
    "1 MB of (": "'(' * 1_000_000",
    "1 MB of 余": "'余' * 1_000_000",
    "400,000 quote marks": "'“' * 400_000",
    "1 MB of spaced digits": "'1 ' * 500_000",
    "20,000 points, a figure each": "'一是加强监督。内容 3 个。\\n' * 20_000",
    "90,000 inline items, one paragraph": "'会议要求：' + '一是学习；二是调研；三是落实；' * 30_000",
    "100,000 section headings": "'一、标题\\n（一）小标题\\n' * 50_000",
    "50,000 pages, running headers": "'人大工作简报\\n\\n' + '县人大常委会召开会议，听取审议报告。\\n\\n— 1 —\\n\\n人大工作简报\\n\\n' * 50_000",
    "100,000 briefs with datelines": "'本报讯（记者 孙立）近日，县人大常委会召开会议。\\n' * 100_000",
    "100,000 glued bylines": "'会议取得实效。（县人大办　李明）\\n' * 100_000",
    "100,000 misnumbered reports": "'二是加强。\\n（县人大办　李明）\\n' * 100_000",
    "50,000 banners between reports": "'会议召开。\\n【基层动态】\\n县人大召开会议。\\n' * 50_000",
    "100,000 split numbers": "' 1 300 元，' * 100_000",
}
FIGURE_CASES = {
    "5 MB of 3%": "'3%' * 2_500_000",
    "5 MB of 3个": "'3个' * 1_250_000",
}
PROSE_CASES = {  # limit: PROSE_RATE
    "5 MB of figure-dense prose": "figure_dense_prose(5_000_000)",
    "5 MB of budget-report prose": "budget_report_prose(5_000_000)",
}
PROSE_RATE = 400_000  # characters a second
MEMORY_RATIO = 10  # peak RSS the parse adds, over the text's size in UTF-8


def until_size(parts, size: int) -> str:
    """The parts joined, as many as make `size` bytes of UTF-8."""
    chosen, total = [], 0
    for part in parts:
        if total >= size:
            break
        chosen.append(part)
        total += len(part.encode("utf-8"))
    return "".join(chosen)


def figure_dense_prose(size: int) -> str:
    """Clauses of a noun and a figure, a figure every 10 characters, every number different:
    收集意见建议 1300 余条，走访企业 150 家、办结率达 98.5%，…"""
    nouns = [
        "收集意见建议",
        "走访企业",
        "办结率达",
        "接待来访群众",
        "召开座谈会",
        "建成代表联络站",
        "同比增长",
        "培训代表",
        "新建农村公路",
        "发放补贴资金",
        "督办代表建议",
        "审议工作报告",
    ]
    units = ["余条", "家", "%", "人次", "场", "个", "%", "名", "公里", "亿元", "件", "项"]
    marks = "，、，；，。"

    def clause(i: int) -> str:
        unit = units[i % len(units)]
        n = 1 + i * 7919 % 9973
        number = f"{n / 10:g}" if unit in ("%", "亿元", "公里") else str(n)
        return nouns[i * 5 % len(nouns)] + number + unit + marks[i % len(marks)]

    return until_size(map(clause, itertools.count()), size)


def budget_report_prose(size: int) -> str:
    """Sentences as budget reports write them (the densest bulletin of the corpus, a figure every
    12 characters), their shares and changes speaking of the sentence's topic:
    税收收入累计完成 8103 万元，完成年初预算数 60999 万元的 13.2%，比上年增收 1284 万元，增长 18.8%。"""
    items = [
        "一般公共预算收入",
        "税收收入",
        "非税收入",
        "一般公共预算支出",
        "政府性基金预算收入",
        "政府性基金支出",
        "国有资本经营预算收入",
        "社会保险基金收入",
    ]

    def sentence(i: int) -> str:
        done, planned = 1000 + i * 7919 % 99000, 20000 + i * 104729 % 300000
        more = i % 2 == 0
        return (
            f"{items[i % len(items)]}累计完成{done}万元，完成年初预算数{planned}万元的{100 * done / planned:.1f}%，"
            f"比上年{'增收' if more else '减收'}{i * 31 % 9000 + 10}万元，{'增长' if more else '下降'}{i * 17 % 400 / 10 + 0.1:g}%。"
        )

    return until_size(map(sentence, itertools.count()), size)


CHILD = """
import resource, sys, time
from pathlib import Path
import bulletin_parse
sys.path.insert(0, sys.argv[2])
from hostile import budget_report_prose, figure_dense_prose
SEED = Path(sys.argv[1]).read_text(encoding="utf-8")
text = {expression}
bulletin_parse.parse("预热 3 个")  # load lexicons and tagger outside the timing
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
document = bulletin_parse.parse(text)
seconds = time.perf_counter() - started
added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(f"{{seconds:.2f}} {{len(text)}} {{len(text.encode('utf-8', 'surrogatepass'))}} {{len(document.figures)}} {{added}}")
"""


def time_case(expression: str) -> tuple[float, int, int, int, int]:
    """Seconds, characters, UTF-8 bytes, figures, and the bytes the parse added to peak RSS."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(expression=expression), str(SEED), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    seconds, chars, size, figures, added = result.stdout.split()
    return float(seconds), int(chars), int(size), int(figures), int(added)


def peak_memory_50mb() -> tuple[int, int, float]:
    """Peak RSS of `bulletin-parse` on the seed repeated to 50 MB, and the wall time."""
    data = SEED.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        big.write_bytes(data * (50_000_000 // len(data) + 1))
        command = [str(Path(sys.executable).with_name("bulletin-parse")), str(big)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)  # this child's peak, not the largest case's before it
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if process.returncode:
            raise SystemExit(f"bulletin-parse failed on the 50 MB bulletin (exit {process.returncode})")
        return big.stat().st_size, usage.ru_maxrss * 1024, wall


def main() -> None:
    wanted = sys.argv[1:]
    print(
        f"{'case':28} {'chars':>10} {'figures':>9} {'seconds':>8} {'chars/s':>10} {'memory':>16}  "
        f"(limits 10 s; {MEMORY_RATIO}x its size in memory; prose {PROSE_RATE:,} chars/s)"
    )
    for name, expression in {**CASES, **FIGURE_CASES, **PROSE_CASES}.items():
        if wanted and not any(word in name for word in wanted):
            continue
        seconds, chars, size, figures, added = time_case(expression)
        ok = seconds < 10 and added < MEMORY_RATIO * size
        ok = ok and (name not in PROSE_CASES or chars / seconds >= PROSE_RATE)
        print(
            f"{name:28} {chars:>10,} {figures:>9,} {seconds:>8.2f} {chars / max(seconds, 0.01):>10,.0f} "
            f"{added / 1e6:>7.0f} MB {added / size:>5.1f}x  {'PASS' if ok else 'FAIL'}",
            flush=True,
        )
    if not wanted or any("50" in word for word in wanted):
        size, peak, wall = peak_memory_50mb()
        ratio = peak / size
        print(
            f"50 MB bulletin: {size / 1e6:.0f} MB in, peak RSS {peak / 1e6:.0f} MB = {ratio:.1f}x its size "
            f"(limit 10x), {wall:.0f} s  {'PASS' if ratio < 10 else 'FAIL'}"
        )


if __name__ == "__main__":
    main()
