"""Filters as values: to and from a link's parameters, and applied to the tidy rows."""

from __future__ import annotations

import pytest

from cooperation import filters as flt
from cooperation import load, routes
from tests.helpers import MEETING, expected, rows


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def test_a_link_round_trips(ds):
    """Filters read from a link and written back give the same link, ids in the order given."""
    sectors = [s["sector_id"] for s in rows(MEETING, "sectors")][:2][::-1]
    params = {routes.SECTOR: sectors, routes.STRENGTH: [ds.strengths[0]], routes.SEARCH: ["wind"]}
    filters, ignored = flt.from_params(params, ds)
    assert ignored == {}
    assert flt.to_params(filters) == params


def test_unknown_and_empty_values_are_reported_not_kept(ds):
    """Ids not in the data are dropped and reported; empty values and repeats are dropped silently."""
    sector = rows(MEETING, "sectors")[0]["sector_id"]
    filters, ignored = flt.from_params(
        {routes.SECTOR: [sector, "nope", "", sector], routes.SPEAKER: ["x"]}, ds
    )
    assert filters.sector == (sector,)
    assert ignored == {routes.SECTOR: ["nope"], routes.SPEAKER: ["x"]}


def test_search_keeps_the_last_value_folded_and_cut(ds):
    """A search from a link keeps its last value, white space folded, cut to MAX_TEXT characters."""
    filters, _ = flt.from_params({routes.SEARCH: ["first", "  a   b  " + "c" * 500]}, ds)
    assert filters.q.startswith("a b c")
    assert len(filters.q) == flt.MAX_TEXT


def test_apply_matches_the_csv(ds):
    """Applying a sector filter keeps exactly the tidy rows of the statements naming that sector."""
    for sector in ds.sectors["sector_id"]:
        found = flt.apply(ds, flt.Filters(sector=(sector,)))
        assert set(found["statement_id"]) == expected(MEETING, sector)
        assert set(flt.statements_of(ds, found)["statement_id"]) == expected(MEETING, sector)


def test_search_matches_quotes_and_summaries_ignoring_case(ds):
    """Free text matches a statement's quote or summary, whatever the case."""
    statement = rows(MEETING, "statements")[0]
    for text in (statement["quote"].upper(), statement["summary"].lower()):
        found = flt.apply(ds, flt.Filters(q=text))
        assert statement["statement_id"] in set(found["statement_id"])
    assert flt.apply(ds, flt.Filters(q="no such words anywhere")).empty
