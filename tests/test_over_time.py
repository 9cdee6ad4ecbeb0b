"""The page over time and the meeting and period filters, in AppTest, on the meeting fixture.

The page renders with its charts, grid and lists; the filters by meeting and
period come from the link, are kept in it, change every count on every page,
and ids or dates that are not in the data are ignored with a notice.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from cooperation import routes
from tests.helpers import MEETING, escaped, expected, html_of, md_unescape, metric, page, param, rows

EVENTS = sorted(rows(MEETING, "events"), key=lambda e: e["date"])
SOURCES = {s["source_id"]: s for s in rows(MEETING, "sources")}
STATEMENTS = rows(MEETING, "statements")
SUMMIT = EVENTS[1]["event_id"]


def _of(events: set[str]) -> set[str]:
    """The statements of these events, from the CSVs."""
    return {s["statement_id"] for s in STATEMENTS if SOURCES[s["source_id"]]["event_id"] in events}


def _events_between(start: str = "", end: str = "") -> set[str]:
    return {
        e["event_id"] for e in EVENTS if (not start or e["date"] >= start) and (not end or e["date"] <= end)
    }


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _grid_dates(at) -> list[str]:
    grid = next(h.proto.body for h in at.get("html") if "cd-grid" in h.proto.body)
    return re.findall(r'<th scope="col"[^>]*><span class="cd-date">(\d{4}-\d{2}-\d{2})</span>', grid)


def test_the_page_renders_every_part(monkeypatch):
    """The meetings chart, the grid, the history, what one side only reports, convergence, labels, follow-ups."""
    at = page(monkeypatch, routes.TIMELINE)
    assert not at.exception
    assert [md_unescape(h.value) for h in at.main.header] == [
        "The meetings",
        "Meeting by sector",
        "Each sector's history",
        "What only one side's accounts report",
        "Convergence over time",
        "The relationship's label",
        "Follow-ups",
    ]
    assert len(_charts(at)) == 2
    assert _grid_dates(at) == [e["date"] for e in EVENTS]
    body = html_of(at)
    for sector in rows(MEETING, "sectors"):
        assert escaped(sector["label"]) in body
    said = " ".join(md_unescape(m.value) for m in at.main.markdown)
    assert "never reported in the accounts published by Norland coded here" in said
    takeaways = [m.value for m in at.markdown if m.value.startswith("**In short:**")]
    assert len(takeaways) >= 4  # the meetings, the grid, the history and convergence, each with its takeaway
    assert any("3 meetings" in t for t in takeaways)


def test_the_charts_have_their_numbers_as_tables(monkeypatch):
    """Every chart of the page, and the grid, has its numbers in a table beside it (sent once it is opened)."""
    at = page(monkeypatch, routes.TIMELINE)
    tables = [e for e in at.expander if "as a table" in e.label]
    assert len(tables) >= len(_charts(at)) + 1  # the grid's numbers too


@pytest.mark.parametrize(
    ("params", "events"),
    [
        ({routes.EVENT: [SUMMIT]}, {SUMMIT}),
        ({routes.FROM: EVENTS[1]["date"]}, _events_between(start=EVENTS[1]["date"])),
        ({routes.TO: EVENTS[1]["date"]}, _events_between(end=EVENTS[1]["date"])),
        ({routes.FROM: "2031-01-01", routes.TO: "2031-12-31"}, _events_between("2031-01-01", "2031-12-31")),
    ],
    ids=["one meeting", "from", "to", "a year"],
)
def test_the_meeting_and_period_filters_change_every_count(monkeypatch, params, events):
    """From the link, on the overview, a theme page and the page over time: the counts follow, the link keeps them."""
    mine = _of(events)
    at = page(monkeypatch, routes.OVERVIEW, **params)
    assert not at.exception
    assert metric(at, "Statements") == str(len(mine))
    assert metric(at, "Accounts") == str(sum(s["event_id"] in events for s in SOURCES.values()))
    for name, value in params.items():
        assert param(at, name) == (value if isinstance(value, list) else [value])
    assert not any("Ignored in the link" in c.value for c in at.sidebar.caption)
    theme = rows(MEETING, "themes")[0]["theme_id"]
    at = page(monkeypatch, theme, **params)
    assert metric(at, "Statements") == str(len(mine & expected(MEETING, theme=theme)))
    at = page(monkeypatch, routes.TIMELINE, **params)
    assert not at.exception
    assert _grid_dates(at) == [e["date"] for e in EVENTS if e["event_id"] in events]
    meetings = next(c for c in _charts(at) if c["data"])
    assert sum(len(t.get("x", ())) for t in meetings["data"] if t.get("name") == "Meetings") >= 1


def test_the_filters_are_read_back_into_the_sidebar(monkeypatch):
    """A link with a meeting and a period fills the sidebar's boxes, as a reload of the same link would."""
    start, end = EVENTS[0]["date"], EVENTS[1]["date"]
    at = page(monkeypatch, routes.TIMELINE, **{routes.EVENT: [SUMMIT], routes.FROM: start, routes.TO: end})
    assert at.multiselect(key=routes.EVENT).value == [SUMMIT]
    assert at.date_input(key=routes.FROM).value == date.fromisoformat(start)
    assert at.date_input(key=routes.TO).value == date.fromisoformat(end)
    again = page(monkeypatch, routes.TIMELINE, **dict(at.query_params))
    assert _grid_dates(again) == _grid_dates(at) == [EVENTS[1]["date"]]


def test_picking_a_meeting_in_the_sidebar_writes_the_link(monkeypatch):
    """Choosing a meeting in the sidebar narrows the counts and puts its id, not its label, in the link."""
    at = page(monkeypatch, routes.OVERVIEW)
    at.multiselect(key=routes.EVENT).select(SUMMIT).run()
    assert param(at, routes.EVENT) == [SUMMIT]
    assert metric(at, "Statements") == str(len(_of({SUMMIT})))
    at.date_input(key=routes.FROM).set_value(date.fromisoformat(EVENTS[2]["date"])).run()
    assert param(at, routes.FROM) == [EVENTS[2]["date"]]
    assert metric(at, "Statements") == "0"


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({routes.EVENT: ["no-such-meeting"]}, "event: no-such-meeting"),
        ({routes.FROM: "2031-02-30"}, "from: 2031-02-30"),
        ({routes.TO: "1999-01-01"}, "to: 1999-01-01"),
        ({routes.FROM: "2034-01-01"}, "from: 2034-01-01"),
        ({routes.FROM: "yesterday"}, "from: yesterday"),
    ],
    ids=["unknown meeting", "no such day", "before the data", "after the data", "not a date"],
)
def test_ids_and_dates_not_in_the_data_are_ignored_with_a_notice(monkeypatch, params, shown):
    """The view is the whole data, and the sidebar says what it ignored."""
    at = page(monkeypatch, routes.OVERVIEW, **params)
    assert not at.exception
    assert metric(at, "Statements") == str(len(expected(MEETING)))
    assert any(shown in md_unescape(c.value) for c in at.sidebar.caption)


def test_the_overview_says_which_meetings_and_period_it_draws_on(monkeypatch):
    """With a meeting or a period chosen, the overview names them."""
    at = page(monkeypatch, routes.OVERVIEW, **{routes.FROM: EVENTS[1]["date"]})
    said = " ".join(md_unescape(c.value) for c in at.main.caption)
    assert f"Period chosen: from {EVENTS[1]['date']}." in said
    assert f"of 2 meetings, from {EVENTS[1]['date']} to {EVENTS[2]['date']}" in said
    at = page(monkeypatch, routes.OVERVIEW, **{routes.EVENT: [SUMMIT]})
    said = " ".join(md_unescape(c.value) for c in at.main.caption)
    assert f"Meetings chosen: {EVENTS[1]['date']} · {EVENTS[1]['title']}." in said


def test_no_meeting_in_the_period_says_so(monkeypatch):
    """A period that holds no meeting leaves the page with a notice, not an error."""
    at = page(monkeypatch, routes.TIMELINE, **{routes.FROM: "2032-01-01", routes.TO: "2032-12-31"})
    assert not at.exception
    assert any("No meeting falls within" in i.value for i in at.info)
