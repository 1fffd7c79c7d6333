"""The JSON Schema a script author reads (`bulletin-parse --schema`): every property described,
numbers typed as numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def schema() -> dict:
    result = subprocess.run([str(Path(sys.executable).with_name("bulletin-parse")), "--schema"], capture_output=True, check=True)
    return json.loads(result.stdout)


def properties(node: dict, where: str = ""):
    """Every (path, property schema) of the schema, nested definitions included."""
    for name, definition in node.get("$defs", {}).items():
        yield from properties(definition, name)
    for name, prop in node.get("properties", {}).items():
        yield f"{where or node.get('title')}.{name}", prop


def test_every_property_has_a_description():
    found = list(properties(schema()))
    assert len(found) > 70
    assert [path for path, prop in found if not prop.get("description")] == []


def test_values_and_bounds_are_numbers_or_null():
    figure = dict(properties(schema()))
    for name in ("value", "low", "high"):
        assert figure[f"Figure.{name}"]["anyOf"] == [{"type": "number"}, {"type": "null"}]
