"""Downloads: the filtered statements as CSV, and the whole data package as a zip."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd

from cooperation.data import Dataset
from cooperation.filters import Filters
from cooperation.snapshot import Snapshot

# Columns added to the statements' own for a reader of the CSV alone.
EXTRA = {
    "name": "speaker_name",
    "role": "speaker_role",  # at the event
    "country": "country",
    "event_id": "event_id",
    "date": "event_date",
    "source_title": "source_title",
    "account_side": "account_side",
    "source_url": "source_url",
}


def statements_csv(ds: Dataset, statements: pd.DataFrame) -> bytes:
    """The statements in the schema's columns and order, plus speaker and source URL."""
    columns = ds.schema.field_names("statements")
    delimiter = ds.schema.delimiter("statements", "sectors")
    out = statements.assign(sectors=[delimiter.join(s) for s in statements["sectors"]])
    out = out[columns + list(EXTRA)].rename(columns=EXTRA)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def safe_name(text: object, fallback: str = "data") -> str:
    """A file name made only of lowercase letters, digits, dots and dashes."""
    name = re.sub(r"[^a-z0-9.]+", "-", str(text).lower()).strip("-.")
    return name[:80] or fallback


def file_name(ds: Dataset, filters: Filters) -> str:
    stem = safe_name(ds.schema.meta("name", ""), "cooperation") + "-statements"
    return f"{stem}-filtered.csv" if filters.active else f"{stem}.csv"


def package_zip(snapshot: Snapshot) -> bytes:
    """Every file of the data package, as validated and served, with its folder structure, in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for relpath, content in sorted(snapshot.files.items()):
            archive.writestr(f"{snapshot.root.name}/{relpath}", content)
    return buffer.getvalue()
