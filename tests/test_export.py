"""Downloads: the filtered statements as CSV and the whole package as a zip."""

from __future__ import annotations

import csv
import io
import zipfile

from cooperation import export, load
from cooperation import filters as flt
from cooperation.snapshot import take
from tests.helpers import MEETING, expected, rows


def test_statements_csv_keeps_the_schema_columns_and_adds_context():
    """The CSV has the statements' own columns in order, then the speaker and their role that day, the event and its
    date, and the account and its side, values as curated."""
    ds = load(MEETING)
    sector = rows(MEETING, "statements")[-1]["sectors"].split(";")[0]
    selected = flt.statements_of(ds, flt.apply(ds, flt.Filters(sector=(sector,))))
    table = list(csv.DictReader(io.StringIO(export.statements_csv(ds, selected).decode("utf-8"))))
    assert list(table[0]) == [
        *ds.schema.field_names("statements"),
        "speaker_name",
        "speaker_role",
        "country",
        "event_id",
        "event_date",
        "source_title",
        "account_side",
        "source_url",
    ]
    assert {r["statement_id"] for r in table} == expected(MEETING, sector)
    original = {r["statement_id"]: r for r in rows(MEETING, "statements")}
    source = {s["source_id"]: s for s in rows(MEETING, "sources")}
    dates = {e["event_id"]: e["date"] for e in rows(MEETING, "events")}
    roles = {(p["event_id"], p["speaker_id"]): p["role"] for p in rows(MEETING, "participants")}
    for row in table:
        mine = original[row["statement_id"]]
        assert {k: row[k] for k in mine} == mine
        event = source[mine["source_id"]]["event_id"]
        assert (row["event_id"], row["event_date"]) == (event, dates[event])
        assert row["account_side"] == source[mine["source_id"]]["side"]
        assert row["speaker_role"] == roles.get((event, mine["speaker_id"]), "")  # the role of that day


def test_package_zip_holds_every_file_as_read():
    """The zip holds the descriptor, every table, the codebook and the source texts, under the directory's name,
    byte for byte as the snapshot read them."""
    archive = zipfile.ZipFile(io.BytesIO(export.package_zip(take(MEETING))))
    files = {p: p.read_bytes() for p in MEETING.rglob("*") if p.is_file()}
    assert set(archive.namelist()) == {f"{MEETING.name}/{p.relative_to(MEETING)}" for p in files}
    for path, content in files.items():
        assert archive.read(f"{MEETING.name}/{path.relative_to(MEETING)}") == content


def test_the_zip_is_the_version_served_not_the_disk(data_copy):
    """Files changed on disk after the dataset was read do not change what its zip holds."""
    ds = load(data_copy)
    before = (data_copy / "statements.csv").read_bytes()
    (data_copy / "statements.csv").write_text("changed", encoding="utf-8")
    archive = zipfile.ZipFile(io.BytesIO(export.package_zip(ds.snapshot)))
    assert archive.read("data/statements.csv") == before


def test_file_names_are_safe():
    """Download names keep only lowercase letters, digits, dots and dashes."""
    assert export.safe_name("../../etc/<passwd> 1.0") == "etc-passwd-1.0"
    assert export.safe_name("") == "data"
