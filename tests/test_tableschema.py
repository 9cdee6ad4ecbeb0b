"""The Table Schema pass finds the same problems whether a table is checked whole, from its file or in chunks."""

from __future__ import annotations

import csv

import pytest

from benchmarks.generate import generate
from cooperation import tableschema
from cooperation.schema import Schema
from cooperation.validate import validate
from tests.conftest import DATA
from tests.test_validate import CASES, STATEMENTS, _sub

# Row-level breakage that the shipped cases do not cover, for the chunk and lookup logic.
STRUCTURE = [
    ("missing-cell", _sub(STATEMENTS, ",position,China attaches great importance", ",position")),
    ("extra-cell", _sub(STATEMENTS, "Reported speech: Li said that ...\n", "Reported speech: Li said that ...,x\n")),
    ("blank-row", _sub(STATEMENTS, "\nli-importance,", "\n\nli-importance,")),
    ("duplicate-far-apart", lambda d: _append(d / STATEMENTS, "li-anniversary")),
    ("restates-unknown", _sub("narration.csv", ",li-tap-potential,", ",li-tap-potentail,")),
]  # fmt: skip


def _append(path, statement_id):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    copied = next(line for line in lines if line.startswith(f"{statement_id},"))
    path.write_text("".join(lines) + copied, encoding="utf-8")


def _problems(path, monkeypatch, *, chunked=False, from_files=False):
    with monkeypatch.context() as m:
        if chunked:
            m.setattr(tableschema, "MIN_CHUNK_ROWS", 1)  # split every table, however small
        if from_files:
            m.setattr(tableschema, "_readable", lambda schema, name: False)
        return sorted(map(str, validate(path, workers=2 if chunked else 1).problems))


@pytest.mark.parametrize("case", CASES + STRUCTURE, ids=[c[0] for c in CASES + STRUCTURE])
def test_chunks_and_files_agree(case, data_copy, monkeypatch):
    """Chunked in two processes, whole, or read by frictionless from the files: the same problems."""
    case[1](data_copy)
    from_files = _problems(data_copy, monkeypatch, from_files=True)
    assert from_files, "the case should break the data"
    assert _problems(data_copy, monkeypatch) == from_files
    assert _problems(data_copy, monkeypatch, chunked=True) == from_files


def test_rows_with_one_key_share_a_chunk(monkeypatch):
    """Every data row lands in exactly one chunk, and rows with the same primary key in the same one."""
    monkeypatch.setattr(tableschema, "MIN_CHUNK_ROWS", 1)
    schema = Schema.read(DATA)
    header = schema.field_names("statements")
    rows = [header, *([f"id{i % 7}", *[""] * (len(header) - 1)] for i in range(40))]
    chunks = [t for t in tableschema.plan(DATA, schema, {"statements": rows}, 3) if t.name == "statements"]
    assert len(chunks) > 1
    assert sorted(line for t in chunks for line in t.lines) == list(range(2, 42))
    owner = {}
    for index, task in enumerate(chunks):
        for row in task.rows[1:]:
            assert owner.setdefault(row[0], index) == index


def test_lookups_hold_only_the_referenced_rows():
    """A foreign key's lookup table holds the referenced rows the chunk can match, not the whole table."""
    schema = Schema.read(DATA)
    rows = {n: _rows(DATA / schema.path(n)) for n in ("statements", "narration", "sources", "speakers")}
    narration = next(t for t in tableschema.plan(DATA, schema, rows) if t.name == "narration")
    lookup = next(lookup for lookup in narration.lookups if lookup.name == "statements")
    restated = {row[rows["narration"][0].index("restates")] for row in rows["narration"][1:]} - {""}
    assert lookup.rows[0] == ["statement_id"]
    assert {row[0] for row in lookup.rows[1:]} == restated
    assert len(lookup.rows) - 1 < len(rows["statements"]) - 1


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_large_table_is_split_and_lines_stay_true(tmp_path):
    """At twice MIN_CHUNK_ROWS statements, a duplicate id and a bad value far apart are found at their lines."""
    data = generate(2 * tableschema.MIN_CHUNK_ROWS, tmp_path / "data")
    path = data / STATEMENTS
    rows = _rows(path)
    header = rows[0]
    copy = list(rows[1])  # the first statement again, at the end, with a strength that does not exist
    copy[header.index("strength")] = "pledged"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(copy)
    last = len(rows) + 1  # the file line of the appended row

    schema = Schema.read(data)
    chunks = [
        t for t in tableschema.plan(data, schema, {"statements": _rows(path)}, 2) if t.name == "statements"
    ]
    assert len(chunks) == 2

    problems = validate(data, workers=2).problems
    assert {(p.line, p.column, p.value) for p in problems} == {
        (last, "statement_id", copy[0]),
        (last, "strength", "pledged"),
    }, problems
