"""Time bulletin-parse on pathological inputs and measure peak memory on a 50 MB bulletin.

    python bench/hostile.py            # every case
    python bench/hostile.py 余 quote   # the cases whose names contain these words

Each case runs in a fresh process (`bulletin_parse.parse` on text built in that process), so one
case's caches do not help the next. Targets (issue "Hostile input"): each case well under 10 s,
time linear in size; a 50 MB bulletin parses with peak memory under 10x its size.
"""

from __future__ import annotations

import resource
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
}

CHILD = """
import sys, time
from pathlib import Path
import bulletin_parse
SEED = Path(sys.argv[1]).read_text(encoding="utf-8")
text = {expression}
bulletin_parse.parse("预热 3 个")  # load lexicons and tagger outside the timing
started = time.perf_counter()
document = bulletin_parse.parse(text)
print(f"{{time.perf_counter() - started:.2f}} {{len(text)}} {{len(document.figures)}}")
"""


def time_case(expression: str) -> tuple[float, int, int]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(expression=expression), str(SEED)], capture_output=True, text=True, timeout=600
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    seconds, chars, figures = result.stdout.split()
    return float(seconds), int(chars), int(figures)


def peak_memory_50mb() -> tuple[int, int, float]:
    """Peak RSS of `bulletin-parse` on the seed repeated to 50 MB, and the wall time."""
    data = SEED.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        big.write_bytes(data * (50_000_000 // len(data) + 1))
        command = [str(Path(sys.executable).with_name("bulletin-parse")), str(big)]
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return big.stat().st_size, peak_kb * 1024, wall


def main() -> None:
    wanted = sys.argv[1:]
    print(f"{'case':28} {'chars':>10} {'figures':>8} {'seconds':>8}  (limit 10 s)")
    for name, expression in CASES.items():
        if wanted and not any(word in name for word in wanted):
            continue
        seconds, chars, figures = time_case(expression)
        print(f"{name:28} {chars:>10,} {figures:>8,} {seconds:>8.2f}  {'PASS' if seconds < 10 else 'FAIL'}", flush=True)
    if not wanted or any("50" in word for word in wanted):
        size, peak, wall = peak_memory_50mb()
        ratio = peak / size
        print(f"50 MB bulletin: {size / 1e6:.0f} MB in, peak RSS {peak / 1e6:.0f} MB = {ratio:.1f}x its size "
              f"(limit 10x), {wall:.0f} s  {'PASS' if ratio < 10 else 'FAIL'}")


if __name__ == "__main__":
    main()
