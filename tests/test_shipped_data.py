"""The shipped data package: valid by our validator and by Frictionless, complete, and coded as the codebook says.

These tests read data/ on purpose; every other test of the code runs on fixtures.
"""

from __future__ import annotations

import pytest
from frictionless import Package

from cooperation import load
from cooperation.validate import validate
from tests.helpers import DATA


@pytest.fixture(scope="module")
def ds():
    return load(DATA)


def test_shipped_data_has_no_problems():
    """The shipped data validates with zero problems."""
    assert validate(DATA).problems == ()


def test_shipped_descriptor_is_a_valid_data_package():
    """Frictionless, the Data Package standard's reference library, finds the package valid, rows included."""
    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_sentence_is_accounted_for(ds):
    """Every sentence of every source text is quoted by a statement or listed as narration."""
    for coverage in ds.coverage:
        assert coverage.unaccounted == (), coverage.source_id
        assert coverage.sentences > 0


def test_both_leaders_name_the_areas_both_named(ds):
    """Areas both leaders named share one sector id, so that convergence can be counted."""
    by_sector = ds.tidy.groupby("sector_id")["speaker_id"].nunique()
    both = set(by_sector[by_sector == 2].index)
    assert {"biomedicine", "intellectual-property", "free-trade", "eu-relations"} <= both


def test_every_area_a_leader_named_is_tagged_on_that_leader(ds):
    """Each cooperation field named in Xinhua's report is a sector on a statement of its speaker."""
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
