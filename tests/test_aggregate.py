"""Aggregates of the tidy rows, checked against counts made from the CSVs."""

from __future__ import annotations

from collections import Counter

import pytest

from cooperation import aggregate, load
from tests.helpers import MEETING, rows


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def _country() -> dict[str, str]:
    return {s["speaker_id"]: s["country"] for s in rows(MEETING, "speakers")}


def _pairs() -> list[tuple[str, str]]:
    """(statement_id, sector_id) for every sector each statement names."""
    return [(s["statement_id"], x) for s in rows(MEETING, "statements") for x in s["sectors"].split(";")]


def test_counts_and_shared_sectors(ds):
    """Statements, sectors, speakers, and the sectors that speakers of both countries named."""
    statements = rows(MEETING, "statements")
    by_sector: dict[str, set[str]] = {}
    for s in statements:
        for x in s["sectors"].split(";"):
            by_sector.setdefault(x, set()).add(_country()[s["speaker_id"]])
    shared = {x for x, countries in by_sector.items() if len(countries) == 2}
    counts = aggregate.counts(ds, ds.tidy)
    assert (counts.statements, counts.sectors, counts.speakers, counts.shared) == (
        len(statements),
        len(by_sector),
        len({s["speaker_id"] for s in statements}),
        len(shared),
    )
    assert set(aggregate.shared_sectors(ds, ds.tidy)) == shared


def test_mentions_count_statements_per_sector_and_country(ds):
    """One row per sector and country, counting the statements that name it."""
    speaker = {s["statement_id"]: s["speaker_id"] for s in rows(MEETING, "statements")}
    want = Counter((x, _country()[speaker[s]]) for s, x in _pairs())
    frame = aggregate.mentions(ds, ds.tidy)
    assert dict(zip(zip(frame["sector_id"], frame["country"]), frame["statements"])) == want


def test_convergence_is_the_strongest_commitment_per_sector_and_country(ds):
    """For each sector and country, the strongest strength any of its statements made (the schema's order)."""
    strengths = ds.schema.enum("statements", "strength")
    best: dict[tuple[str, str], int] = {}
    for s in rows(MEETING, "statements"):
        for x in s["sectors"].split(";"):
            key = (x, _country()[s["speaker_id"]])
            best[key] = min(best.get(key, len(strengths)), strengths.index(s["strength"]))
    frame = aggregate.convergence(ds, ds.tidy)
    assert dict(zip(zip(frame["sector_id"], frame["country"]), frame["strongest"])) == {
        k: strengths[v] for k, v in best.items()
    }


def test_hierarchy_counts_statements_per_theme_and_sector(ds):
    """Each sector named, under its theme's title, with its number of statements."""
    theme_of = {s["sector_id"]: s["theme_id"] for s in rows(MEETING, "sectors")}
    titles = {t["theme_id"]: t["title"] for t in rows(MEETING, "themes")}
    want = Counter((titles[theme_of[x]], x) for _, x in _pairs())
    frame = aggregate.hierarchy(ds, ds.tidy)
    assert dict(zip(zip(frame["theme"], frame["sector_id"]), frame["statements"])) == want


def test_strength_counts_statements_per_speaker_strongest_first(ds):
    """Statements per speaker and strength, the strongest strength first."""
    want = Counter((s["speaker_id"], s["strength"]) for s in rows(MEETING, "statements"))
    frame = aggregate.strength(ds, ds.tidy)
    assert dict(zip(zip(frame["speaker_id"], frame["strength"]), frame["statements"])) == want
    assert list(frame["rank"]) == sorted(frame["rank"])
