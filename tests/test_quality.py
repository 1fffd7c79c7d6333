"""The quality gate: each sample against its hand-checked expected JSON, with pinned floors.

Raise a floor when the parser improves; a change that lowers a score fails here and must say why.
"""

import json

import pytest
from conftest import ROOT, SAMPLES
from quality import figure_scores, structure_accuracy

import bulletin_parse

FLOORS = {
    # sample: (structure, figure precision, figure recall, value, unit, approx, kind, subject)
    "hangzhou-bulletin": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "pdf-pages": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "web-copy-crlf": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
    "wrapped-gb18030": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
}


def score(name):
    expected = json.loads((ROOT / "tests" / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    document = bulletin_parse.parse_file(SAMPLES / f"{name}.txt")
    return structure_accuracy(expected, document), figure_scores(expected, document)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_structure_floor(name):
    structure, _ = score(name)
    assert structure >= FLOORS[name][0]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_floors(name):
    _, figures = score(name)
    names = ("precision", "recall", "value", "unit", "approx", "kind", "subject")
    got = {key: round(figures[key], 3) for key in names}
    floors = dict(zip(names, FLOORS[name][1:]))
    below = {key: (got[key], floors[key]) for key in names if got[key] < floors[key]}
    assert not below, f"below floor: {below}; missed {figures['missed']}, spurious {figures['spurious']}"


def test_every_sample_has_expected_json():
    assert sorted(FLOORS) == sorted(path.stem for path in SAMPLES.glob("*.txt"))
