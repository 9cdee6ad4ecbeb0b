"""Aggregates of the tidy rows, checked against counts made from the CSVs."""

from __future__ import annotations

from collections import Counter

import pytest

from cooperation import aggregate, load
from tests.helpers import MEETING, UNNAMED, event_countries, rows, side, speaker_name


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def _pairs() -> list[tuple[dict, str]]:
    """(statement, sector_id) for every sector each statement names."""
    return [(s, x) for s in rows(MEETING, "statements") for x in s["sectors"].split(";")]


def _agreement() -> dict[str, str]:
    """Each sector's agreement, from the CSVs: every country of its event within one account, across, or one side."""
    event = {s["source_id"]: s["event_id"] for s in rows(MEETING, "sources")}
    countries = event_countries(MEETING)
    in_account: dict[tuple[str, str], set[str]] = {}
    in_event: dict[tuple[str, str], set[str]] = {}
    for s, x in _pairs():
        if s["attribution"] == "meeting":
            continue
        # a claim of both sides together counts for every country of its event
        named = countries[event[s["source_id"]]] if s["attribution"] == "both" else {side(MEETING, s)}
        in_account.setdefault((s["source_id"], x), set()).update(named)
        in_event.setdefault((event[s["source_id"]], x), set()).update(named)
    found = {}
    for _, x in _pairs():
        one = any(x == y and c == countries[event[a]] and len(c) > 1 for (a, y), c in in_account.items())
        across = any(x == y and c == countries[e] and len(c) > 1 for (e, y), c in in_event.items())
        found[x] = (
            aggregate.IN_ONE_ACCOUNT if one else aggregate.ACROSS_ACCOUNTS if across else aggregate.ONE_SIDE
        )
    return found


def test_the_fixture_has_every_kind_of_agreement():
    """The fixture holds a sector agreed in one account, one agreed only across accounts, and one-sided ones."""
    assert set(_agreement().values()) == {
        aggregate.IN_ONE_ACCOUNT,
        aggregate.ACROSS_ACCOUNTS,
        aggregate.ONE_SIDE,
    }


def test_counts_and_agreement(ds):
    """Statements, sectors, accounts, named speakers, and how far the sides agree on each sector."""
    statements = rows(MEETING, "statements")
    agreement = _agreement()
    counts = aggregate.counts(ds, ds.tidy)
    assert (counts.statements, counts.sectors, counts.accounts, counts.speakers) == (
        len(statements),
        len({x for _, x in _pairs()}),
        len({s["source_id"] for s in statements}),
        len({s["speaker_id"] for s in statements if s["attribution"] == "speaker"}),
    )
    assert (counts.shared, counts.across) == (
        list(agreement.values()).count(aggregate.IN_ONE_ACCOUNT),
        list(agreement.values()).count(aggregate.ACROSS_ACCOUNTS),
    )
    assert aggregate.agreement(ds, ds.tidy) == agreement


def test_mentions_count_statements_per_sector_and_side(ds):
    """One row per sector and side (a claim with no speaker on a side of its own), counting statements."""
    want = Counter((x, side(MEETING, s)) for s, x in _pairs())
    frame = aggregate.mentions(ds, ds.tidy)
    assert dict(zip(zip(frame["sector_id"], frame["side"]), frame["statements"])) == want
    assert UNNAMED in set(frame["side"])


def test_convergence_is_the_strongest_commitment_per_sector_and_side(ds):
    """For each sector and side, the strongest strength any of its statements made (the schema's order)."""
    strengths = ds.schema.enum("statements", "strength")
    best: dict[tuple[str, str], int] = {}
    for s, x in _pairs():
        key = (x, side(MEETING, s))
        best[key] = min(best.get(key, len(strengths)), strengths.index(s["strength"]))
    frame = aggregate.convergence(ds, ds.tidy)
    assert dict(zip(zip(frame["sector_id"], frame["side"]), frame["strongest"])) == {
        k: strengths[v] for k, v in best.items()
    }
    assert dict(zip(frame["sector_id"], frame["agreement"])) == _agreement()


def test_hierarchy_counts_statements_per_theme_and_sector(ds):
    """Each sector named, under its theme's title, with its number of statements."""
    theme_of = {s["sector_id"]: s["theme_id"] for s in rows(MEETING, "sectors")}
    titles = {t["theme_id"]: t["title"] for t in rows(MEETING, "themes")}
    want = Counter((titles[theme_of[x]], x) for _, x in _pairs())
    frame = aggregate.hierarchy(ds, ds.tidy)
    assert dict(zip(zip(frame["theme"], frame["sector_id"]), frame["statements"])) == want


def test_strength_counts_statements_per_speaker_strongest_first(ds):
    """Statements per speaker (or no speaker named) and strength, the strongest strength first."""
    want = Counter((speaker_name(MEETING, s), s["strength"]) for s in rows(MEETING, "statements"))
    frame = aggregate.strength(ds, ds.tidy)
    assert dict(zip(zip(frame["name"], frame["strength"]), frame["statements"])) == want
    assert list(frame["rank"]) == sorted(frame["rank"])
