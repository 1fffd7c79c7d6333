"""The README's example output is what the parser really prints for the sample it names."""

import json
import re
import subprocess
import sys
from pathlib import Path

import bulletin_parse
from paths import ROOT, SAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_json_example_is_real():
    example = json.loads(re.findall(r"```json\n(.*?)```", README, re.S)[0])
    document = json.loads(bulletin_parse.parse_file(SAMPLES / "hangzhou-bulletin.txt").model_dump_json())
    assert example["source"] | {"path": None} == document["source"] | {"path": None}
    shown = example["reports"][1]
    report = document["reports"][shown["index"] - 1]
    for key in ("title", "region", "byline", "span", "lines"):
        assert shown[key] == report[key]
    assert report["lead"].startswith(shown["lead"].rstrip("…"))
    assert shown["points"][0] | {"text": None} == report["points"][0] | {"text": None}
    assert set(shown) == set(report) and set(shown["points"][0]) == set(report["points"][0])
    assert example["figures"][1] in document["figures"]
    assert example["distribution"] == document["distribution"]
    assert example["schema_version"] == document["schema_version"] and example["generator"] == document["generator"]


def test_readme_sections_example_is_real():
    example = json.loads(re.findall(r"```json\n(.*?)```", README, re.S)[1])
    document = json.loads(bulletin_parse.parse_file(SAMPLES / "special-report.txt").model_dump_json())
    assert example["masthead"] == document["masthead"]
    for shown in example["reports"]:
        report = document["reports"][shown["index"] - 1]
        for key, value in shown.items():
            if isinstance(value, list):  # abridged with "…"
                assert [item for item in value if item != "…"] == report[key][: len(value) - 1]
            else:
                assert value == report[key]


def test_readme_first_two_commands_install_run_and_test():
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)[:2]
    assert "pip install ." in commands[0] and "bulletin-parse samples" in commands[0]
    assert "pip install '.[test]'" in commands[1] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_readme_batch_example_is_real(tmp_path):
    console = re.search(r"```console\n(.*?)```", README, re.S).group(1).splitlines()
    csv_rows = re.search(r"```csv\n(.*?)```", README, re.S).group(1).split("\n")
    out = tmp_path / "out"
    first = run_cli("samples", "-o", out, "--figures-csv", out / "figures.csv")
    second = run_cli("samples", "-o", out)
    assert [first.stderr.strip(), second.stderr.strip()] == [console[1], console[3]]
    written = (out / "figures.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [row.strip() for row in csv_rows if row.strip()] == written[:3]


def run_cli(*args):
    command = [str(Path(sys.executable).with_name("bulletin-parse"))] + [str(a) for a in args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
