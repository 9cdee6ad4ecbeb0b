"""At 100,000 statements the overview counts them all and sends a capped table with a notice."""

from __future__ import annotations

from benchmarks.generate import generate
from cooperation.vocabulary import TABLE_LIMIT
from tests.helpers import MEETING, entry, metric


def test_100000_statements_load_and_render(tmp_path, monkeypatch):
    """100,000 statements load, are counted, and the table shows the first TABLE_LIMIT with a notice."""
    data = generate(100_000, tmp_path / "big", source=MEETING)
    at = entry(monkeypatch, data, timeout=180)
    assert not at.exception
    assert metric(at, "Statements") == "100,000"
    (table,) = at.dataframe
    assert len(table.value) == TABLE_LIMIT
    assert any(f"Showing {TABLE_LIMIT:,} of 100,000" in c.value for c in at.caption)
