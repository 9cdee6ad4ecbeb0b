"""The data page in AppTest: the codebook, a dictionary row for every column, provenance, and the package's zip."""

from __future__ import annotations

import json

import pytest

from cooperation import routes
from tests.helpers import MEETING, html_of, page


def _package(data):
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def test_data_page_documents_every_column(monkeypatch):
    """The data page renders the codebook and a dictionary table for each table, one row per column."""
    at = page(monkeypatch, routes.DATA)
    assert not at.exception
    columns = [set(d.value["column"]) for d in at.dataframe[2:]]  # after the events and the sources
    assert columns == [{f["name"] for f in r["schema"]["fields"]} for r in _package(MEETING)["resources"]]
    assert "Unit of analysis" in html_of(at)


@pytest.mark.parametrize(("position", "resource"), [(0, "events"), (1, "sources")])
def test_provenance_headings_are_the_schema_titles(monkeypatch, position, resource):
    """The provenance tables, events then accounts, head each column with its title from datapackage.json."""
    at = page(monkeypatch, routes.DATA)
    fields = next(r for r in _package(MEETING)["resources"] if r["name"] == resource)["schema"]["fields"]
    titles = {f["name"]: f["title"] for f in fields}
    shown = {
        name: c["label"]
        for name, c in json.loads(at.dataframe[position].proto.columns).items()
        if "label" in c
    }
    assert shown == {name: titles[name] for name in shown}
    assert {"title", "notes"} <= shown.keys()
