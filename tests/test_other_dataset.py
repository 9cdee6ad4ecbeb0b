"""Another curated dataset, with two other countries and three other themes, works with no code change."""

from __future__ import annotations

import pytest

from cooperation import routes
from tests.helpers import OTHER, entry, expected, metric, page, rows

PATHS = [routes.OVERVIEW, routes.SOURCE, routes.DATA, *(t["theme_id"] for t in rows(OTHER, "themes"))]


@pytest.mark.parametrize("path", PATHS)
def test_another_dataset_renders_on_every_page(monkeypatch, path):
    """Every page of the other dataset renders with no exception, and counts its own statements."""
    at = page(monkeypatch, path, data=OTHER)
    assert not at.exception
    if path not in (routes.SOURCE, routes.DATA):
        theme = None if path == routes.OVERVIEW else path
        assert metric(at, "Statements") == str(len(expected(OTHER, theme=theme)))


def test_another_dataset_builds_its_own_filters(monkeypatch):
    """The entry point offers the other dataset's sectors, by label, in its order."""
    at = entry(monkeypatch, data=OTHER)
    assert not at.exception
    assert metric(at, "Statements") == str(len(expected(OTHER)))
    assert at.multiselect(key=routes.SECTOR).options == [r["label"] for r in rows(OTHER, "sectors")]
