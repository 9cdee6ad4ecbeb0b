"""Data that does not validate: one panel listing every problem, for the curators, and nothing else on the page.

The whole matrix of bad data is the validator's (tests/test_validate.py); a
handful of its cases, one of each kind of problem, are shown here through the
app, with the malformed descriptors and a missing package.
"""

from __future__ import annotations

import json

import pytest

from cooperation.web.widgets import PROBLEM_COLUMNS
from tests.helpers import entry
from tests.test_validate import CASES

# One case of each kind: a cell's type, a link to nothing, a quote that is not verbatim, a file missing, bad bytes.
SHOWN = ("type-date", "foreign-key-speaker", "quote-not-verbatim", "missing-file", "not-utf8")


def _panel(at) -> list[dict]:
    """The problems the one error panel lists, checking that the page shows nothing else."""
    assert not at.exception
    (error,) = at.error
    assert "no data to show yet" in error.value
    assert "for its curators" in error.value
    assert "python -m" not in error.value  # a visitor is not a curator
    (table,) = at.dataframe
    assert list(table.value.columns) == PROBLEM_COLUMNS
    assert len(at.metric) == 0
    assert len(at.get("plotly_chart")) == 0
    return table.value.to_dict("records")


@pytest.mark.parametrize("name", SHOWN)
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


def test_a_malformed_descriptor_is_shown_with_its_key(data_copy, monkeypatch):
    """A descriptor whose field has no name gives the panel, the problem naming the key where it is."""
    path = data_copy / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    del package["resources"][2]["schema"]["fields"][1]["name"]
    path.write_text(json.dumps(package), encoding="utf-8")
    (problem,) = _panel(entry(monkeypatch, data_copy))
    assert problem["file"] == "datapackage.json"
    assert problem["key"] == "resources[2].schema.fields[1]"
    assert "'name'" in problem["problem"]
