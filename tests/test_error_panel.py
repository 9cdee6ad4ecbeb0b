"""Data that does not validate: one panel listing every problem, and nothing else on the page."""

from __future__ import annotations

import pytest

from tests.helpers import entry
from tests.test_validate import CASES

COLUMNS = ["file", "line", "column", "value", "problem", "hint"]


def _panel(at) -> list[dict]:
    """The problems the one error panel lists, checking that the page shows nothing else."""
    assert not at.exception
    (error,) = at.error
    assert "did not validate" in error.value
    (table,) = at.dataframe
    assert list(table.value.columns) == COLUMNS
    assert len(at.metric) == 0
    assert len(at.get("plotly_chart")) == 0
    return table.value.to_dict("records")


@pytest.mark.parametrize("name", CASES)
def test_bad_data_shows_one_error_panel(name, data_copy, monkeypatch):
    """Invalid data gives one panel naming each problem's file, column and value, and nothing else."""
    case = CASES[name]
    case.breaks(data_copy)
    problems = _panel(entry(monkeypatch, data_copy))
    mine = [p for p in problems if p["file"] == case.file and case.message in p["problem"]]
    assert mine, problems
    if case.column is not None:
        assert any(p["column"] == case.column for p in mine), mine
    if case.value is not None:
        assert any(p["value"] == case.value for p in mine), mine


@pytest.mark.parametrize("breakage", ["no-directory", "no-descriptor", "broken-descriptor"])
def test_missing_or_broken_package_shows_the_panel(breakage, data_copy, monkeypatch):
    """A data directory that is missing, or has no or a broken descriptor, gives the panel with one problem."""
    target = data_copy
    if breakage == "no-directory":
        target = data_copy.parent / "nowhere"
    elif breakage == "no-descriptor":
        (data_copy / "datapackage.json").unlink()
    else:
        (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    assert len(_panel(entry(monkeypatch, target))) == 1
