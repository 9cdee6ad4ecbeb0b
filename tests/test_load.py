"""Loading a valid package: typed, joined, immutable tables, and the values derived from them."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import json
import shutil

import pytest

from cooperation import data_dir, load, routes
from cooperation.descriptor import CONTRACT, SHOWS
from tests.helpers import DATA, MEETING, OTHER, TOGETHER, UNNAMED, page, rows, side


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def test_tables_are_typed(ds):
    """Dates are dates, integers are integers and sector lists are tuples, as the schema says."""
    source = rows(MEETING, "sources")[0]
    assert ds.sources["published"].iloc[0] == datetime.date.fromisoformat(source["published"])
    assert sorted(ds.themes["order"]) == sorted(int(t["order"]) for t in rows(MEETING, "themes"))
    assert ds.statements["sectors"].iloc[0] == tuple(rows(MEETING, "statements")[0]["sectors"].split(";"))


def test_themes_and_sectors_are_in_the_themes_order(ds):
    """Themes follow their order column; sectors follow their theme."""
    themes = sorted(rows(MEETING, "themes"), key=lambda t: int(t["order"]))
    assert list(ds.themes["theme_id"]) == [t["theme_id"] for t in themes]
    rank = {t["theme_id"]: i for i, t in enumerate(themes)}
    assert [rank[t] for t in ds.sectors["theme_id"]] == sorted(rank[t] for t in ds.sectors["theme_id"])


def test_tidy_has_one_row_per_statement_and_sector(ds):
    """The tidy frame explodes each statement into one row per sector it names, labelled and attributed."""
    statements = rows(MEETING, "statements")
    assert len(ds.tidy) == sum(len(s["sectors"].split(";")) for s in statements)
    assert ds.tidy["statement_id"].nunique() == len(ds.statements) == len(statements)
    assert ds.tidy["sector"].notna().all()
    sides = dict(zip(ds.tidy["statement_id"], ds.tidy["side"]))
    assert sides == {s["statement_id"]: side(MEETING, s) for s in statements}
    events = dict(zip(ds.tidy["statement_id"], ds.tidy["event_id"]))
    source_event = {s["source_id"]: s["event_id"] for s in rows(MEETING, "sources")}
    assert events == {s["statement_id"]: source_event[s["source_id"]] for s in statements}


@pytest.mark.parametrize(("attribution", "named"), [("meeting", UNNAMED), ("both", TOGETHER)])
def test_a_claim_with_no_speaker_has_no_speaker_and_no_country(ds, attribution, named):
    """A claim given to the meeting, or to both sides together, has no speaker id and no country, and is named as such."""
    mine = ds.statements[ds.statements["attribution"] == attribution]
    assert not mine.empty
    assert mine["speaker_id"].isna().all()
    assert mine["country"].isna().all()
    assert set(mine["name"]) == set(mine["side"]) == {named}
    assert ds.sides == (*ds.countries, TOGETHER, UNNAMED)


def test_each_statement_carries_its_speakers_role_at_its_event_and_the_date(ds):
    """A speaker's role is the one of the event their account reports (participants.csv); the date is the event's."""
    event = {s["source_id"]: s["event_id"] for s in rows(MEETING, "sources")}
    dates = {e["event_id"]: e["date"] for e in rows(MEETING, "events")}
    roles = {(p["event_id"], p["speaker_id"]): p["role"] for p in rows(MEETING, "participants")}
    found = dict(zip(ds.statements["statement_id"], zip(ds.statements["role"], ds.statements["date"])))
    for s in rows(MEETING, "statements"):
        role, date = found[s["statement_id"]]
        assert str(date) == dates[event[s["source_id"]]]
        if s["attribution"] == "speaker":
            assert role == roles[(event[s["source_id"]], s["speaker_id"])]
    assert (
        len({roles[k] for k in roles if k[1] == "ana-vell"}) > 1
    )  # the fixture has a speaker whose role changes


def test_quotes_are_placed_and_paraphrases_are_not(ds):
    """A quote has its span in its source's text; a paraphrase has none."""
    for s in ds.statements.itertuples():
        if s.evidence == "quote":
            start, end = s.quote_span
            assert " ".join(ds.texts[s.source_id][start:end].split()) == " ".join(s.quote.split())
        else:
            assert s.quote_span is None
            assert not s.has_text


def test_dataset_is_frozen(ds):
    """The dataset's attributes cannot be reassigned, nor its texts changed."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.statements = None
    with pytest.raises(TypeError):
        ds.texts["x"] = "y"


def test_strengths_follow_the_schema_order(ds):
    """The commitment scale comes from the schema's enum, strongest first, and ranks each statement."""
    assert ds.strengths == ds.schema.enum("statements", "strength")
    ranks = ds.statements["strength_rank"]
    assert [ds.strengths[r] for r in ranks] == list(ds.statements["strength"])


def test_derived_values_live_on_the_dataset(ds):
    """The dataset knows where it came from and each country's, strength's and theme's colour."""
    assert ds.data_dir == MEETING
    assert list(ds.side_colors) == [
        *dict.fromkeys(s["country"] for s in rows(MEETING, "speakers")),
        TOGETHER,
        UNNAMED,
    ]
    assert len(set(ds.side_colors.values())) == len(ds.side_colors)
    assert set(ds.side_symbols) == set(ds.side_colors)
    assert list(ds.source_labels) == list(ds.source_titles) == list(ds.sources["source_id"])
    assert ds.compared_events == tuple(
        e for e in ds.events["event_id"] if (ds.sources["event_id"] == e).sum() > 1
    )
    assert list(ds.strength_colors) == list(ds.strengths)
    assert list(ds.theme_colors) == list(ds.themes["theme_id"])


def test_data_dir_comes_from_the_environment(monkeypatch, tmp_path):
    """COOPERATION_DATA chooses the data directory; without it, data/ beside app.py."""
    monkeypatch.setenv("COOPERATION_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    monkeypatch.delenv("COOPERATION_DATA")
    assert data_dir() == DATA


def test_optional_columns_may_be_left_out(tmp_path, monkeypatch):
    """A package that leaves out every optional column the code can do without loads and renders on every page."""
    data = tmp_path / "data"
    shutil.copytree(OTHER, data)
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        keys = {n for k in resource["schema"].get("foreignKeys", []) for n in k["fields"]}
        needed = set(CONTRACT[resource["name"]].columns) | keys
        resource["schema"]["fields"] = [
            f
            for f in resource["schema"]["fields"]
            if f.get("constraints", {}).get("required") or f["name"] in needed
        ]
        assert not (set(SHOWS.get(resource["name"], ())) - keys) & {
            f["name"] for f in resource["schema"]["fields"]
        }
        path = data / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            table = list(csv.DictReader(handle))
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(
                handle, [f["name"] for f in resource["schema"]["fields"]], extrasaction="ignore"
            )
            writer.writeheader()
            writer.writerows(table)
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert "notes" not in (data / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
    assert len(load(data).statements) == len(rows(OTHER, "statements"))
    paths = [routes.OVERVIEW, routes.SOURCE, routes.DATA, rows(OTHER, "themes")[0]["theme_id"]]
    for path in paths:
        assert not page(monkeypatch, path, data=data).exception, path
