"""Downloads: the filtered statements as CSV and the whole package as a zip."""

from __future__ import annotations

import csv
import io
import zipfile

from cooperation import export, load
from cooperation import filters as flt
from tests.conftest import DATA
from tests.oracle import expected, rows


def test_statements_csv_keeps_the_schema_columns_and_adds_context():
    """The CSV has the statements' own columns in order, then speaker, country and source URL."""
    ds = load(DATA)
    selected = flt.statements_of(ds, flt.apply(ds, flt.Filters(sector=("free-trade",))))
    table = list(csv.DictReader(io.StringIO(export.statements_csv(ds, selected).decode("utf-8"))))
    header = list(table[0])
    assert header == [*ds.schema.field_names("statements"), "speaker_name", "country", "source_url"]
    assert {r["statement_id"] for r in table} == expected(DATA, "free-trade")
    original = {r["statement_id"]: r for r in rows(DATA, "statements")}
    for row in table:
        assert row["quote"] == original[row["statement_id"]]["quote"]
        assert row["sectors"] == original[row["statement_id"]]["sectors"]


def test_package_zip_holds_every_file():
    """The zip holds the descriptor, every table, the codebook and the source texts."""
    names = set(zipfile.ZipFile(io.BytesIO(export.package_zip(DATA))).namelist())
    wanted = {f"data/{p.relative_to(DATA)}" for p in DATA.rglob("*") if p.is_file()}
    assert names == wanted
    assert "data/datapackage.json" in names


def test_file_names_are_safe():
    """Download names keep only lowercase letters, digits, dots and dashes."""
    assert export.safe_name("../../etc/<passwd> 1.0") == "etc-passwd-1.0"
    assert export.safe_name("") == "data"
