"""Subject accuracy in-process, scored like /work/shared/tools/score.py (seed + dev corpus).

    python bench/subject_eval.py [--dump FILE] [--diff FILE]

--dump writes every figure's subject (all figures, gold or not) to FILE as JSON; --diff compares
this run's subjects against such a dump and lists the figures whose subject changed. Useful when
changing how subjects are found: the official scorer runs the CLI per document (minutes); this
takes seconds once the tagger is loaded.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import score  # noqa: E402  (the official scorer's matching rules)

from bulletin_parse.pipeline import parse_file  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump")
    ap.add_argument("--diff")
    args = ap.parse_args()
    docs = score.load_sets(["seed", "dev"])
    right = {"seed": 0, "dev": 0}
    total = {"seed": 0, "dev": 0}
    subjects: dict[str, dict[str, str | None]] = {}
    t0 = time.perf_counter()
    for label, path, gold, hint in docs:
        out = parse_file(path).model_dump(mode="json")
        text, _ = score.decode(path, hint)
        subjects[label] = {f"{f['span'][0]}-{f['span'][1]}:{f['text']}": f["subject"] for f in out["figures"]}
        result = score.score_figures(text, gold.get("figures", []), out["figures"])
        key = "seed" if label == "seed" else "dev"
        right[key] += result["attr"].get("subject", 0)
        total[key] += result["attr_n"].get("subject", 0)
    elapsed = time.perf_counter() - t0
    for key in ("seed", "dev"):
        print(f"subject {key}: {right[key]}/{total[key]} = {right[key] / max(total[key], 1):.4f}")
    both = sum(right.values()) / max(sum(total.values()), 1)
    print(f"subject overall: {sum(right.values())}/{sum(total.values())} = {both:.4f}  ({elapsed:.1f} s)")
    if args.dump:
        Path(args.dump).write_text(json.dumps(subjects, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.diff:
        old = json.loads(Path(args.diff).read_text(encoding="utf-8"))
        same = changed = 0
        for label, figs in subjects.items():
            for key, subject in figs.items():
                if key not in old.get(label, {}):
                    continue
                if old[label][key] == subject:
                    same += 1
                else:
                    changed += 1
                    print(f"  {label} {key}: {old[label][key]!r} -> {subject!r}")
        print(f"figures with the same subject: {same}/{same + changed}")


if __name__ == "__main__":
    main()
