"""docs/output.md and docs/figures.md are kept in step with the code (issue 15.6).

- every field of every record in `bulletin_parse.models` has a row in its model's table in
  docs/output.md, and no row names a field the model lacks;
- every warning code the source emits is listed in docs/output.md, and no listed code is stale;
- every `approx` and `kind` value is named in docs/figures.md;
- every example in the tables of docs/figures.md gives the figure its row states (rows whose note
  says "not yet" are expected to fail, for forms the parser does not read yet).

Neither page nor this test needs ../shared.
"""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

import bulletin_parse
from bulletin_parse import models

ROOT = Path(__file__).resolve().parents[1]
OUTPUT_MD = ROOT / "docs" / "output.md"
FIGURES_MD = ROOT / "docs" / "figures.md"
SOURCES = ROOT / "src" / "bulletin_parse"

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
MODEL_HEADING = re.compile(r"^`(\w+)`")  # "### `Figure`" opens the section of that model
FIELD_ROW = re.compile(r"^\|\s*`([\w-]+)`\s*\|")  # a table row whose first cell is a backticked name
CODE_EMITTED = re.compile(r"""\bcode\s*=\s*["']([a-z0-9][a-z0-9-]*)["']""")
CHECKED = ("text", "value", "low", "high", "approx", "unit", "kind", "iso", "subject", "quoted")
NUMBERS = ("value", "low", "high")


# --- reading the pages -----------------------------------------------------------------------


def sections(text: str) -> dict[str, list[str]]:
    """The lines under each heading that opens with a backticked name, up to the next heading of
    the same or a higher level (subheadings stay inside)."""
    found: dict[str, list[str]] = {}
    current: tuple[str, int] | None = None
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            level, title = len(heading[1]), heading[2].strip()
            if current and level <= current[1]:
                current = None
            named = MODEL_HEADING.match(title)
            if named and current is None:
                current = (named[1], level)
                found.setdefault(named[1], [])
                continue
        if current:
            found[current[0]].append(line)
    return found


def table_names(lines: list[str]) -> list[str]:
    """The backticked first cells of the table rows among `lines`."""
    return [match[1] for line in lines if (match := FIELD_ROW.match(line.strip()))]


def split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Every Markdown table: its header cells and its rows' cells."""
    found, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\s*\|[\s:|-]+\|\s*", lines[i + 1]):
            header = [cell.lower() for cell in split_row(lines[i])]
            rows, i = [], i + 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(split_row(lines[i]))
                i += 1
            found.append((header, rows))
        else:
            i += 1
    return found


def unquote(cell: str) -> str:
    """A cell's content: backticks taken off, `\\n` read as a line break."""
    cell = cell.strip()
    if len(cell) >= 2 and cell.startswith("`") and cell.endswith("`"):
        cell = cell[1:-1]
    return cell.replace("\\n", "\n")


# --- the models --------------------------------------------------------------------------------


def nested_models(annotation) -> list[type[BaseModel]]:
    """The record classes inside a field's type (list[Report], Byline | None, Sequence[Figure] …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in nested_models(argument)]


def all_models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo = [models.Document]
    while todo:
        model = todo.pop(0)
        if model in seen:
            continue
        seen.append(model)
        for field in model.model_fields.values():
            todo += nested_models(field.annotation)
    return seen


MODELS = all_models()


def test_the_walk_finds_every_record():
    names = {model.__name__ for model in MODELS}
    assert names >= {
        "Document",
        "Source",
        "Masthead",
        "Report",
        "Point",
        "Section",
        "InlinePoint",
        "Byline",
        "Figure",
        "Unassigned",
        "Warning",
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_row_in_its_model_table(model):
    documented = sections(OUTPUT_MD.read_text(encoding="utf-8"))
    assert model.__name__ in documented, f"docs/output.md has no section headed `{model.__name__}`"
    rows = table_names(documented[model.__name__])
    missing = [name for name in model.model_fields if name not in rows]
    assert not missing, f"docs/output.md, `{model.__name__}`: no row for {missing}"


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_no_row_names_a_field_the_model_lacks(model):
    lines = sections(OUTPUT_MD.read_text(encoding="utf-8")).get(model.__name__, [])
    # the first table of the section is the field table; a later one (warning codes) is not
    field_table = []
    for line in lines:
        if line.strip().startswith("|"):
            field_table.append(line)
        elif field_table:
            break
    stale = [name for name in table_names(field_table) if name not in model.model_fields]
    assert not stale, f"docs/output.md, `{model.__name__}`: rows for fields the model does not have: {stale}"


def test_output_md_names_the_current_schema_version():
    text = OUTPUT_MD.read_text(encoding="utf-8")
    assert f"`schema_version` **{models.SCHEMA_VERSION}**" in text
    assert re.search(rf"^#+\s+{re.escape(models.SCHEMA_VERSION)}\s*$", text, re.M), "no section for the current version"


# --- warning codes -----------------------------------------------------------------------------


def emitted_codes() -> set[str]:
    return {code for path in SOURCES.rglob("*.py") for code in CODE_EMITTED.findall(path.read_text(encoding="utf-8"))}


def documented_codes() -> list[str]:
    lines = sections(OUTPUT_MD.read_text(encoding="utf-8")).get("Warning", [])
    at = next((i for i, line in enumerate(lines) if re.match(r"#+\s+Warning codes", line)), None)
    assert at is not None, "docs/output.md has no 'Warning codes' table under `Warning`"
    return table_names(lines[at:])


def test_the_source_emits_warning_codes():
    assert {"encoding-guessed", "split-number", "no-bylines"} <= emitted_codes()


def test_every_warning_code_is_documented():
    missing = sorted(emitted_codes() - set(documented_codes()))
    assert not missing, f"docs/output.md lists no row for the warning codes {missing}"


def test_every_documented_warning_code_is_emitted():
    stale = sorted(set(documented_codes()) - emitted_codes())
    assert not stale, f"docs/output.md lists warning codes the source never emits: {stale}"


# --- approx and kind -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", typing.get_args(models.Approx) + typing.get_args(models.Kind))
def test_every_approx_and_kind_is_named_in_figures_md(value):
    assert f"`{value}`" in FIGURES_MD.read_text(encoding="utf-8")


# --- the examples of figures.md ------------------------------------------------------------------


def figure_rows() -> list:
    rows = []
    for header, body in tables(FIGURES_MD.read_text(encoding="utf-8")):
        if header[0] == "not a figure":
            expected_none = True
        elif "example" in header and any(column in header for column in CHECKED):
            expected_none = False
        else:
            continue
        for cells in body:
            row = dict(zip(header, cells, strict=True))  # a row with a stray | fails here
            example = unquote(row["not a figure"] if expected_none else row["example"])
            note = row.get("note", "")
            marks = [pytest.mark.xfail(reason=note, strict=False)] if note.lower().startswith("not yet") else []
            expected = None if expected_none else {column: row[column] for column in CHECKED if column in row}
            rows.append(pytest.param(example, expected, marks=marks, id=example.replace("\n", "⏎")))
    return rows


FIGURE_ROWS = figure_rows()


def test_figures_md_has_checked_examples():
    assert len(FIGURE_ROWS) > 100


def as_expected(column: str, cell: str):
    value = unquote(cell)
    if value == "":
        return None
    if column in NUMBERS:
        return Decimal(value)
    if column == "quoted":
        return {"yes": True, "no": False}[value]
    return value


@pytest.mark.parametrize(("example", "expected"), FIGURE_ROWS)
def test_figures_md_example(example, expected):
    figures = bulletin_parse.parse(example).figures
    if expected is None:
        assert [figure.text for figure in figures] == []
        return
    assert len(figures) > 0, f"no figure in {example!r}"
    figure = figures[0]
    got = {column: getattr(figure, column) for column in expected}
    wanted = {column: as_expected(column, cell) for column, cell in expected.items()}
    assert got == wanted
