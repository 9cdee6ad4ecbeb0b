"""Validate a data directory: files, Table Schema, then the checks no schema can express.

``validate(data_dir)`` never raises for bad data: every problem it finds is
returned in the report, with the file, line, column, offending value and a
hint where one helps. The Table Schema part is done by ``frictionless``
(``cooperation.tableschema`` splits it into tasks, which ``workers`` > 1
runs in parallel); ``cooperation.checks`` holds the rest.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from cooperation import checks, tableschema
from cooperation.problems import Problem, did_you_mean
from cooperation.schema import DESCRIPTOR, Schema

# The resources and columns the code reads. Their types, constraints and
# descriptions live in datapackage.json; this only says which must be there.
USES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sources": ("source_id", "title", "publisher", "url", "published", "event", "event_date", "text_path"),
        "speakers": ("speaker_id", "name", "role", "country", "country_code"),
        "themes": ("theme_id", "title", "description", "order"),
        "sectors": ("sector_id", "label", "theme_id", "description"),
        "statements": ("statement_id", "source_id", "speaker_id", "sectors", "summary", "strength", "quote"),
        "narration": ("narration_id", "source_id", "kind", "text"),
    }
)  # fmt: skip

# frictionless error types that only repeat, for another table, a file-level
# problem already reported by the file checks.
_CASCADE = {"foreign-key", "scheme-error", "source-error", "encoding-error"}


@dataclass(frozen=True)
class Report:
    """What validation found, and the tables it read on the way."""

    data_dir: Path
    problems: tuple[Problem, ...]
    schema: Schema | None = None
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    coverage: tuple[checks.Coverage, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(data_dir: str | Path, workers: int = 1) -> Report:
    """Check everything about ``data_dir`` and return every problem found.

    ``workers`` is how many processes the Table Schema pass may use on large tables.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return Report(data_dir, (Problem(str(data_dir), "the data directory does not exist"),))
    try:
        schema = Schema.read(data_dir)
    except FileNotFoundError:
        return Report(data_dir, (Problem(DESCRIPTOR, "the data package descriptor is missing"),))
    except (OSError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        return Report(
            data_dir,
            (Problem(DESCRIPTOR, f"is not a valid data package descriptor: {exc}", line=line),),
        )

    problems = _check_descriptor(schema)
    if problems:
        return Report(data_dir, tuple(problems), schema)

    tables: dict[str, pd.DataFrame] = {}
    rows: dict[str, list[list[str]]] = {}
    broken: set[str] = set()
    for name in USES:
        file_problems, table, table_rows = _read_table(data_dir, schema, name)
        problems += file_problems
        if table is None:
            broken.add(name)
        else:
            tables[name] = table
            rows[name] = table_rows

    problems += _frictionless(data_dir, schema, broken, tables, rows, workers)
    del rows
    found = checks.run(data_dir, schema, tables)
    problems += found.problems
    return Report(
        data_dir,
        tuple(dict.fromkeys(problems)),  # frictionless may report one cell twice
        schema,
        MappingProxyType(tables),
        MappingProxyType(found.texts),
        found.coverage,
    )


def _check_descriptor(schema: Schema) -> list[Problem]:
    problems = []
    for name, columns in USES.items():
        if name not in schema.resource_names:
            problems.append(Problem(DESCRIPTOR, f"has no resource named {name!r}"))
            continue
        declared = schema.field_names(name)
        for column in columns:
            if column not in declared:
                problems.append(Problem(DESCRIPTOR, f"resource {name!r} does not define column {column!r}"))
    return problems


def _read_table(
    data_dir: Path, schema: Schema, name: str
) -> tuple[list[Problem], pd.DataFrame | None, list[list[str]]]:
    """File-level checks, then the table as strings (empty cells as '') and as parsed rows."""
    relpath = schema.path(name)
    path = data_dir / relpath
    if not path.is_file():
        return [Problem(relpath, "the file is missing")], None, []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        value = raw[exc.start : exc.start + 1].hex()
        return (
            [
                Problem(
                    relpath,
                    "is not UTF-8",
                    line=line,
                    value=f"0x{value}",
                    hint="save the file as UTF-8",
                )
            ],
            None,
            [],
        )
    if not text.strip():
        return [Problem(relpath, "the file is empty", hint="it needs at least a header row")], None, []

    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = []  # frictionless will read the file itself
    header = rows[0] if rows else next(csv.reader(io.StringIO(text)), [])
    missing = [c for c in schema.field_names(name) if c not in header]
    if missing:
        return (
            [
                Problem(
                    relpath,
                    "column is missing from the header row",
                    line=1,
                    column=column,
                    hint=_describe(schema, name, column),
                )
                for column in missing
            ],
            None,
            [],
        )
    width = len(header)
    if rows and len(set(header)) == width and all(len(row) == width for row in rows):
        # A plain rectangle: no need to parse the text a second time.
        return [], pd.DataFrame(rows[1:], columns=header, dtype=str), rows
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, ValueError) as exc:
        return [Problem(relpath, f"could not be read as CSV: {exc}")], None, []
    return [], table, rows


def _frictionless(
    data_dir: Path,
    schema: Schema,
    broken: set[str],
    tables: Mapping[str, pd.DataFrame],
    rows: Mapping[str, list[list[str]]],
    workers: int,
) -> list[Problem]:
    """Table Schema validation (types, required, unique, enum, keys) by frictionless."""
    try:
        descriptor_errors = tableschema.descriptor_errors(data_dir)
        if descriptor_errors:
            return [Problem(DESCRIPTOR, error.note or error.message) for error in descriptor_errors]
        found = tableschema.run(tableschema.plan(data_dir, schema, rows, chunks=workers), workers)
    except Exception as exc:  # noqa: BLE001 - a library failure is a problem to report, not a crash
        return [Problem(DESCRIPTOR, f"could not be validated: {exc}")]

    problems = []
    for name, errors in found.items():
        if name in broken:
            continue
        for error in errors:
            if broken and error.type in _CASCADE:
                continue
            try:
                problems.append(_from_frictionless(schema, name, error, tables))
            except (KeyError, IndexError, ValueError):  # an error shape we do not know: keep its words
                problems.append(Problem(schema.path(name), error.message))
    return problems


def _from_frictionless(schema: Schema, name: str, error, tables) -> Problem:
    relpath = schema.path(name)
    line = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    value = getattr(error, "cell", None)
    note = error.note
    hint = None
    if error.type == "foreign-key":
        column = error.field_names[0]
        value = error.field_cells[0]
        ref = error.reference_name or name
        ref_field = error.reference_field_names[0]
        note = f"is not a {ref_field} in {schema.path(ref)}"
        if ref in tables:
            hint = did_you_mean(value, tables[ref][ref_field])
    elif error.type == "constraint-error" and column:
        allowed = schema.enum(name, column)
        if allowed and value not in allowed:
            note = f"is not one of {', '.join(allowed)}"
            hint = did_you_mean(value, allowed)
        elif value == "" or value is None:
            note = "is required but empty"
        if not hint:
            hint = _describe(schema, name, column)
    elif error.type == "type-error" and column:
        field_type = schema.field(name, column).get("type", "")
        note = f"is not a valid {field_type}"
        hint = _describe(schema, name, column)
    elif error.type in ("primary-key", "unique-error"):
        if column is None:
            column = schema.primary_key(name)
            value = _cell(error, schema, name, column)
        note = "is a duplicate; ids must be unique"
    elif error.type in ("missing-cell", "extra-cell"):
        note = error.title.lower()
    return Problem(relpath, note, line=line, column=column, value=value, hint=hint)


def _cell(error, schema: Schema, name: str, column: str) -> str | None:
    cells = getattr(error, "cells", None) or []
    names = schema.field_names(name)
    index = names.index(column) if column in names else -1
    return cells[index] if 0 <= index < len(cells) else None


def _describe(schema: Schema, name: str, column: str) -> str | None:
    try:
        description = schema.field(name, column).get("description")
    except KeyError:
        return None
    return f"expected: {description}" if description else None
