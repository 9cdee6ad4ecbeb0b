"""The shipped data package: valid by our validator and by Frictionless, complete, and coded as the codebook says.

These tests read data/ on purpose; every other test of the code runs on fixtures.
"""

from __future__ import annotations

import re

import pytest
from frictionless import Package

from cooperation import compare, load
from cooperation.validate import validate
from tests.helpers import DATA, rows


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


def _accounts_md() -> dict[str, str]:
    """ACCOUNTS.md's sections by heading."""
    text = (DATA / "ACCOUNTS.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


@pytest.mark.parametrize(
    ("heading", "source_id"),
    [
        ("China's foreign ministry readout", "mfa-readout-2021-12-07"),
        ("The Belgian Prime Minister's office news item", "premier-be-2021-12-07"),
    ],
)
def test_every_point_of_an_account_without_text_is_coded(heading, source_id):
    """Each point of ACCOUNTS.md names what codes it; those rows are the account's, and every row has a point."""
    section = _accounts_md()[heading]
    points = re.split(r"^\s*- ", section, flags=re.M)[1:]
    assert points
    for point in points:
        assert "→" in point or point.rstrip().endswith(":"), (
            point
        )  # each point, but a heading of points, says what codes it
    named = set(re.findall(r"→ `([a-z0-9-]+)`", section))
    rows_of_account = {s["statement_id"] for s in rows(DATA, "statements") if s["source_id"] == source_id} | {
        n["narration_id"] for n in rows(DATA, "narration") if n["source_id"] == source_id
    }
    assert named == rows_of_account


def test_the_comparison_finds_what_the_accounts_say_alone(ds):
    """Human rights and a level playing field only in the Belgian item, commemorations only in the readout,
    opposing protectionism only in Xinhua's report (unknown in the readout)."""
    (event,) = ds.events["event_id"]
    alone = {r.statement["statement_id"]: r for r in compare.only_in(ds, event)}
    assert {"pm-dc-human-rights", "pm-meeting-level-playing-field"} <= alone.keys()
    assert "mfa-li-commemorations" in alone
    assert alone["dc-free-trade"].unknown_in == ("mfa-readout-2021-12-07",)
    assert "pm-meeting-covid" not in alone  # its topic is in the other accounts too


def test_the_comparison_finds_healthy_and_sound(ds):
    """The same claim in Xinhua's report and the readout differs by one word: healthy, sound."""
    (event,) = ds.events["event_id"]
    (claim,) = [c for c in compare.same_claims(ds, event) if "li-healthy-relations" in set(c["statement_id"])]
    kind, texts = compare.compared_texts(claim)
    marked = compare.differing_words(texts)
    assert kind == "summary"  # the readout's text is not held
    assert [[w.strip(",") for w, differs in words if differs] for words in marked] == [["healthy"], ["sound"]]


def test_what_each_account_says_of_each_leader(ds):
    """The readout's De Croo is unknown throughout; the Belgian item reports nothing of Li."""
    (event,) = ds.events["event_id"]
    frame = compare.matrix(ds, event)
    dc_in_readout = frame[
        (frame["speaker_id"] == "alexander-de-croo") & (frame["source_id"] == "mfa-readout-2021-12-07")
    ]
    assert set(dc_in_readout["state"]) == {compare.UNKNOWN}
    li_in_item = frame[
        (frame["speaker_id"] == "li-keqiang") & (frame["source_id"] == "premier-be-2021-12-07")
    ]
    assert set(li_in_item["state"]) == {compare.NOT_MENTIONED}
