"""The app never writes: every page, with filters changed, leaves the data directory as it was."""

from __future__ import annotations

from cooperation import routes
from tests.conftest import snapshot
from tests.helpers import entry, page, rows


def test_the_app_never_writes_to_the_data_directory(data_copy, monkeypatch):
    """Running every page leaves every file of the data directory as it was, byte for byte and in time."""
    before = snapshot(data_copy), {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")}
    sectors = [s["sector_id"] for s in rows(data_copy, "sectors")]
    at = entry(monkeypatch, data_copy, sector=sectors[:1])
    at.multiselect(key=routes.SECTOR).set_value(sectors[1:3]).run()
    paths = [routes.OVERVIEW, routes.SOURCE, routes.DATA, *(t["theme_id"] for t in rows(data_copy, "themes"))]
    for path in paths:
        assert not page(monkeypatch, path, data=data_copy).exception, path
    assert (snapshot(data_copy), {p: p.stat().st_mtime_ns for p in data_copy.rglob("*")}) == before
