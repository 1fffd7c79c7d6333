"""The README's example output is what the parser really prints for the sample it names."""

import json
import re

from conftest import ROOT, SAMPLES

import bulletin_parse

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_json_example_is_real():
    example = json.loads(re.search(r"```json\n(.*?)```", README, re.S).group(1))
    document = json.loads(bulletin_parse.parse_file(SAMPLES / "hangzhou-bulletin.txt").model_dump_json())
    assert example["source"] | {"path": None} == document["source"] | {"path": None}
    shown = example["reports"][1]
    report = document["reports"][shown["index"] - 1]
    for key in ("title", "region", "byline", "span", "lines"):
        assert shown[key] == report[key]
    assert report["lead"].startswith(shown["lead"].rstrip("…"))
    assert shown["points"][0] | {"text": None} == report["points"][0] | {"text": None}
    assert example["figures"][1] in document["figures"]
    assert example["distribution"] == document["distribution"]


def test_readme_first_two_commands_install_run_and_test():
    commands = re.findall(r"```bash\n(.*?)\n```", README, re.S)[:2]
    assert "pip install ." in commands[0] and "bulletin-parse samples" in commands[0]
    assert "pip install '.[test]'" in commands[1] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()
