"""The vectorised Table Schema checks find what Frictionless finds, at the same lines, at any size."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from frictionless import Package

from benchmarks.generate import generate
from cooperation import tableschema
from cooperation.schema import Schema
from cooperation.validate import validate
from tests.helpers import MEETING
from tests.test_validate import CASES

# The cases that break a table against its Table Schema (the others break what no schema can say).
TABLE_SCHEMA_CASES = [
    "type-date", "date-not-iso", "url-scheme", "url-ftp", "enum", "required", "unique",
    "foreign-key-speaker", "foreign-key-source", "foreign-key-theme", "bad-integer", "below-minimum",
    "missing-cell", "extra-cell", "blank-row", "restates-unknown", "same-claim-unknown", "answers-unknown",
    "event-unknown", "gap-unknown-speaker",
]  # fmt: skip


@pytest.mark.parametrize("name", TABLE_SCHEMA_CASES)
def test_the_same_rows_as_frictionless(name, data_copy):
    """Frictionless, reading the files row by row, finds problems in exactly the rows the validator names."""
    CASES[name].breaks(data_copy)
    package = Package(str(data_copy / "datapackage.json"))
    report = package.validate()
    theirs = {
        (package.get_resource(task.name).path, error.row_number)
        for task in report.tasks
        for error in task.errors
    }
    assert theirs, "the case should break the data"
    files = {path for path, _ in theirs}
    ours = {(p.file, p.line) for p in validate(data_copy).problems if p.file in files}
    assert ours == theirs


def test_a_large_table_is_checked_whole_with_true_lines(tmp_path):
    """In 20,000 statements, a duplicate id and a strength that does not exist, far apart, are found at their lines."""
    data = generate(20_000, tmp_path / "data", source=MEETING)
    path = data / "statements.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    copy = list(table[1])  # the first statement again, at the end, with a strength that does not exist
    copy[header.index("strength")] = "pledged"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(copy)
    last = len(table) + 1  # the appended row's line
    problems = validate(data).problems
    assert {(p.line, p.column, p.value) for p in problems} == {
        (last, "statement_id", copy[0]),
        (last, "strength", "pledged"),
    }, problems


def _schema(fields: list[dict], **table) -> Schema:
    return Schema({"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": fields, **table}}]})


def _check(schema: Schema, rows: dict[str, list[str]], others=None) -> list[tuple]:
    frame = pd.DataFrame(rows, dtype="str")
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    found = tableschema.check(schema, "t", frame, {"t": frame, **(others or {})})
    return [(p.line, p.column, p.value, p.message) for p in found]


def test_a_primary_key_of_two_fields():
    """A key of two fields is unique as a pair: the second of two equal pairs is the duplicate."""
    schema = _schema([{"name": "a"}, {"name": "b"}], primaryKey=["a", "b"])
    found = _check(schema, {"a": ["x", "x", "x"], "b": ["1", "2", "1"]})
    assert [(line, column) for line, column, *_ in found] == [(4, "a, b")]


def test_a_foreign_key_of_two_fields_and_one_to_itself():
    """A two-field reference must match a row of the other table; a reference with no resource is to the table itself."""
    schema = Schema(
        {
            "resources": [
                {
                    "name": "t",
                    "path": "t.csv",
                    "schema": {
                        "fields": [{"name": "id"}, {"name": "a"}, {"name": "b"}, {"name": "parent"}],
                        "foreignKeys": [
                            {"fields": ["a", "b"], "reference": {"resource": "u", "fields": ["x", "y"]}},
                            {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
                        ],
                    },
                },
                {"name": "u", "path": "u.csv", "schema": {"fields": [{"name": "x"}, {"name": "y"}]}},
            ]
        }
    )
    other = pd.DataFrame({"x": ["1", "2"], "y": ["p", "q"]}, dtype="str")
    rows = {"id": ["r1", "r2", "r3"], "a": ["1", "1", "2"], "b": ["p", "q", "q"], "parent": ["", "r1", "r9"]}
    found = _check(schema, rows, {"u": other})
    assert [(line, column, value) for line, column, value, _ in found] == [(3, "a", "1"), (4, "parent", "r9")]


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ({"name": "f", "type": "geopoint"}, "type 'geopoint'"),
        ({"name": "f", "type": "date", "format": "%d/%m/%Y"}, "format '%d/%m/%Y'"),
        ({"name": "f", "constraints": {"exclusiveMinimum": 1}}, "constraint 'exclusiveMinimum'"),
    ],
)
def test_what_the_validator_cannot_check_is_reported(field, words):
    """A type, format or constraint the adapter does not map is a descriptor problem, not silently passed."""
    (problem,) = tableschema.unsupported(_schema([field]))
    assert words in problem.message
    assert problem.file == "datapackage.json"


def test_references_to_nothing_are_reported():
    """A primary key or foreign key naming a field or resource that does not exist is a descriptor problem."""
    schema = _schema(
        [{"name": "a"}],
        primaryKey=["b"],
        foreignKeys=[{"fields": ["a"], "reference": {"resource": "nowhere", "fields": ["id"]}}],
    )
    messages = " | ".join(p.message for p in tableschema.unsupported(schema))
    assert "primary key names 'b'" in messages
    assert "resource 'nowhere'" in messages
