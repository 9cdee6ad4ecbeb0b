"""Links: unknown ids are dropped with a notice, and odd, empty or very long values never break a page."""

from __future__ import annotations

import pytest

from cooperation import routes
from tests.helpers import MEETING, entry, expected, md_unescape, metric, param, rows

SECTOR = rows(MEETING, "sectors")[0]["sector_id"]


def test_unknown_ids_in_a_link_are_ignored_with_a_notice(monkeypatch):
    """Unknown and empty values are dropped, the rest applies, and a notice names what was ignored."""
    at = entry(monkeypatch, sector=[SECTOR, "no-such-sector", ""], strength=["sworn"])
    assert not at.exception
    assert at.multiselect(key=routes.SECTOR).value == [SECTOR]
    assert metric(at, "Statements") == str(len(expected(MEETING, SECTOR)))
    notice = md_unescape(" ".join(c.value for c in at.sidebar.caption))
    assert "no-such-sector" in notice
    assert "sworn" in notice
    assert param(at, routes.SECTOR) == [SECTOR]
    assert routes.STRENGTH not in at.query_params


@pytest.mark.parametrize(
    "params",
    [
        {"sector": ["", " ", SECTOR]},
        {"sector": ["<script>alert(1)</script>", "$5 and $10", ":red[x]"]},
        {"sector": ["x" * 10_000], "speaker": ["é" * 500], "strength": ["\u202e"]},
        {"q": ["z" * 50_000]},
        {"q": ["a", "b"], "unknown": ["1"]},
        {"sector": [f"s{i}" for i in range(500)]},
    ],
    ids=["empty", "markup", "long-ids", "long-search", "repeated", "many"],
)
def test_malformed_query_parameters_are_ignored(params, monkeypatch):
    """Unknown ids, empty values, odd characters and very long values open the app without an error."""
    at = entry(monkeypatch, **params)
    assert not at.exception
    assert len(at.metric) == 5
    assert len(at.sidebar.text_input(key=routes.SEARCH).value) <= 200
