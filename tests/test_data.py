"""The shipped data package: valid, complete, and loaded into a typed, immutable dataset."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from cooperation import load
from cooperation.validate import validate
from tests.conftest import DATA


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


def test_shipped_data_has_no_problems():
    """The shipped data validates with zero problems."""
    report = validate(DATA)
    assert report.problems == ()


def test_every_sentence_is_accounted_for(ds):
    """Every sentence of the source is quoted by a statement or listed as narration."""
    (coverage,) = ds.coverage
    assert coverage.sentences == 11
    assert coverage.unaccounted == ()
    assert (coverage.quoted, coverage.narration) == (8, 3)


def test_tables_are_typed(ds):
    """Dates are dates, integers are integers and sector lists are tuples."""
    assert ds.sources["event_date"].iloc[0] == datetime.date(2021, 12, 7)
    assert ds.themes["order"].tolist() == [1, 2, 3, 4]
    assert isinstance(ds.statements["sectors"].iloc[0], tuple)


def test_tidy_has_one_row_per_statement_and_sector(ds):
    """The tidy frame explodes each statement into one row per sector it names."""
    expected = sum(len(s) for s in ds.statements["sectors"])
    assert len(ds.tidy) == expected
    assert ds.tidy["statement_id"].nunique() == len(ds.statements) == 19
    assert ds.tidy["sector"].notna().all()
    assert ds.tidy["country"].notna().all()


def test_dataset_is_frozen(ds):
    """The dataset's attributes cannot be reassigned."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.statements = None
    with pytest.raises(TypeError):
        ds.texts["x"] = "y"


def test_strengths_follow_the_schema_order(ds):
    """The commitment scale comes from the schema's enum, strongest first."""
    assert ds.strengths == ds.schema.enum("statements", "strength")
    assert ds.statements["strength_rank"].between(0, len(ds.strengths) - 1).all()


def test_both_leaders_name_the_areas_both_named(ds):
    """Areas both leaders named share one sector id, so convergence can be counted."""
    by_sector = ds.tidy.groupby("sector_id")["speaker_id"].nunique()
    both = set(by_sector[by_sector == 2].index)
    assert {"biomedicine", "intellectual-property", "free-trade", "eu-relations"} <= both


def test_every_area_a_leader_named_is_tagged_on_that_leader(ds):
    """Each cooperation field named in the report is a sector on a statement of its speaker."""
    named = {
        "li-keqiang": {"biomedicine", "microelectronics", "modern-agriculture", "intellectual-property",
                       "free-trade", "multilateralism", "pandemic-response", "people-to-people",
                       "political-relations", "economic-cooperation", "eu-relations"},
        "alexander-de-croo": {"investment", "trade", "biomedicine", "scientific-research",
                              "intellectual-property", "free-trade", "eu-relations",
                              "political-relations", "pandemic-response", "people-to-people"},
    }  # fmt: skip
    for speaker, sectors in named.items():
        tagged = set(ds.tidy.loc[ds.tidy["speaker_id"] == speaker, "sector_id"])
        assert sectors <= tagged, sectors - tagged


def test_data_dir_comes_from_the_environment(monkeypatch, tmp_path):
    """COOPERATION_DATA chooses the data directory."""
    from cooperation import data_dir

    monkeypatch.setenv("COOPERATION_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    monkeypatch.delenv("COOPERATION_DATA")
    assert data_dir() == DATA
