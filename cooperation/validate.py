"""Validate a data directory: files, Table Schema, then the checks no schema can express.

``validate(data_dir)`` never raises for bad data: every problem it finds is
returned in the report, with the file, line, column (or, in the descriptor,
the key), offending value and a hint where one helps. The descriptor is
checked whole first (``cooperation.descriptor``), and nothing reads it
before. It checks a snapshot of the files (``cooperation.snapshot``), read
once, and the report keeps it. Tables are read by pyarrow's CSV reader; the
Table Schema checks are ``cooperation.tableschema``'s (pandera, whole columns
at a time); ``cooperation.checks`` holds the rest.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from cooperation import checks, descriptor, tableschema
from cooperation.problems import Problem
from cooperation.report import Report
from cooperation.schema import DESCRIPTOR, Schema
from cooperation.snapshot import Snapshot, take

HEADER_CHARS = 65_536  # enough text to hold any header row


def validate(source: str | Path | Snapshot) -> Report:
    """Check everything about a data directory (or a snapshot of one) and return every problem found."""
    snapshot = source if isinstance(source, Snapshot) else take(source)
    if not snapshot.root.is_dir() and not snapshot.files:
        return Report(snapshot, (Problem(str(snapshot.root), "the data directory does not exist"),))
    raw = snapshot.read(DESCRIPTOR)
    if raw is None:
        return Report(snapshot, (Problem(DESCRIPTOR, "the data package descriptor is missing"),))
    try:
        parsed = Schema.parse(raw)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        return Report(
            snapshot, (Problem(DESCRIPTOR, f"is not a valid data package descriptor: {exc}", line=line),)
        )
    problems = descriptor.check(parsed)
    if problems:
        return Report(snapshot, tuple(problems))
    schema = Schema(parsed)

    tables: dict[str, pd.DataFrame] = {}
    for name in schema.resource_names:
        file_problems, table = _read_table(snapshot, schema, name)
        problems += file_problems
        if table is not None:
            tables[name] = table
    for name, table in tables.items():
        problems += tableschema.check(schema, name, table, tables)
    found = checks.run(snapshot, schema, tables)
    problems += found.problems
    return Report(
        snapshot,
        tuple(dict.fromkeys(problems)),
        schema,
        MappingProxyType(tables),
        MappingProxyType(found.texts),
        found.coverage,
    )


def _header(schema: Schema, name: str, header: list[str]) -> list[Problem]:
    """Columns the schema defines that the header lacks, and columns the header names twice."""
    relpath = schema.path(name)
    missing = [
        Problem(
            relpath,
            "column is missing from the header row",
            line=1,
            column=column,
            hint=tableschema.describe(schema, name, column),
        )
        for column in schema.field_names(name)
        if column not in header
    ]
    twice = [
        Problem(relpath, "appears twice in the header row", line=1, column=column)
        for column in dict.fromkeys(header)
        if header.count(column) > 1
    ]
    return missing + twice


def _read_table(snapshot: Snapshot, schema: Schema, name: str) -> tuple[list[Problem], pd.DataFrame | None]:
    """File-level checks, then the table as text (empty cells as ''), indexed by each row's line in the file.

    A line here is a row of the CSV file, the header being line 1 (as Frictionless counts rows).
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    relpath = schema.path(name)
    raw = snapshot.read(relpath)
    if raw is None:
        return [Problem(relpath, "the file is missing")], None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        value = raw[exc.start : exc.start + 1].hex()
        problem = Problem(
            relpath, "is not UTF-8", line=line, value=f"0x{value}", hint="save the file as UTF-8"
        )
        return [problem], None
    if not text or text.isspace():  # isspace stops at the first other character
        return [Problem(relpath, "the file is empty", hint="it needs at least a header row")], None

    header = next(csv.reader(io.StringIO(text[:HEADER_CHARS], newline="")), [])
    header_problems = _header(schema, name, header)
    if header_problems:
        return header_problems, None

    ragged: list[Problem] = []

    def skip(row) -> str:
        kind = "missing" if row.actual_columns < row.expected_columns else "extra"
        ragged.append(
            Problem(
                relpath,
                f"{kind} cell: the row has {row.actual_columns} cells where the header has {row.expected_columns}",
                line=row.number,
                value=row.text,
            )
        )
        return "skip"  # read again below, fitted

    try:
        table = pacsv.read_csv(
            pa.py_buffer(raw),
            read_options=pacsv.ReadOptions(use_threads=False),  # with threads, a bad row's number is unknown
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=skip
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        ).to_pandas()
    except (pa.ArrowInvalid, ValueError) as exc:
        return [Problem(relpath, f"could not be read as CSV: {exc}")], None
    if ragged:  # rare: keep those rows too, their cells cut or padded to the header, as Frictionless does
        table = _rows_fitted(text, header)
    table.index = pd.Index(np.arange(2, len(table) + 2), name="line")  # rows are numbered from 2
    empty = (table == "").all(axis=1).to_numpy()
    blank = [
        Problem(relpath, "is a blank row", line=int(line), hint="remove the empty line")
        for line in table.index[empty]
    ]
    return ragged + blank, table[~empty]  # a blank row is reported once, and left out of every other check


def _rows_fitted(text: str, header: list[str]) -> pd.DataFrame:
    """Every data row, read by the csv module, cut or padded with empty cells to the header's width."""
    width = len(header)
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    return pd.DataFrame([(row + [""] * width)[:width] for row in rows], columns=header, dtype="str")
