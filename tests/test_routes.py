"""Routes: one home for page paths and query parameters, and the navigation app.py and the tests both build."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pages
from cooperation import load, routes
from tests.helpers import MEETING, OTHER, ROOT, entry, md_unescape, page, rows


def test_routes_follow_the_data():
    """The overview, the comparison, over time, one page per theme in the themes' order, the source and data pages."""
    ds = load(MEETING)
    themes = sorted(rows(MEETING, "themes"), key=lambda t: int(t["order"]))
    found = pages.routes(ds)
    assert [r.path for r in found] == [
        routes.OVERVIEW,
        routes.ACCOUNTS,
        routes.TIMELINE,
        *(t["theme_id"] for t in themes),
        routes.SOURCE,
        routes.DATA,
    ]
    assert [r.title for r in found if r.kind == routes.THEME] == [t["title"] for t in themes]
    assert [r.default for r in found] == [True] + [False] * (len(found) - 1)


def test_the_comparison_is_there_only_when_an_event_has_several_accounts():
    """A dataset whose every event has one account has no comparison page."""
    assert routes.ACCOUNTS not in [r.path for r in pages.routes(load(OTHER))]


def test_over_time_is_there_only_when_the_data_has_several_events(monkeypatch):
    """A dataset of one event has no page over time, and a link to it opens the overview."""
    assert len(rows(OTHER, "events")) == 1
    assert routes.TIMELINE not in [r.path for r in pages.routes(load(OTHER))]
    at = page(monkeypatch, routes.TIMELINE, data=OTHER)
    assert not at.exception
    assert [t.value for t in at.title] == [
        t.value for t in page(monkeypatch, routes.OVERVIEW, data=OTHER).title
    ]


def test_reserved_paths_cover_every_page_module():
    """No theme id may take the name of a module in pages/, which Streamlit's legacy router also finds."""
    stems = {p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__"}
    assert stems == set(routes.PAGE_MODULES)
    assert set(routes.FIXED_PATHS) | stems == set(routes.RESERVED_PATHS)


def test_a_statement_link_names_the_source_page_and_the_id():
    """A statement's link opens the source page with that statement's id, URL-encoded."""
    link = routes.statement_link("a b&c")
    parts = urlsplit(link)
    assert parts.path == routes.SOURCE
    assert parse_qs(parts.query) == {routes.STATEMENT: ["a b&c"]}


def test_a_link_leaves_out_empty_parameters():
    """Empty values are left out of a link; repeated values repeat the parameter."""
    assert routes.link(routes.ACCOUNTS, sector=["a", "b"], q="") == "accounts?sector=a&sector=b"
    assert routes.link(routes.OVERVIEW, sector=["a"]) == "./?sector=a"  # the default page, at the root
    assert routes.link(routes.DATA) == "data"


def test_navigation_builds_a_page_per_route(monkeypatch):
    """The app registers one Streamlit page per route, in one flat list, titled by it, in order."""
    at = entry(monkeypatch)
    assert not at.exception
    built = list(at._registered_pages.values())  # what st.navigation registered, in its order
    found = pages.routes(load(MEETING))
    assert [md_unescape(p["page_name"]) for p in built] == [r.title for r in found]
    assert [p["url_pathname"] for p in built][1:] == [r.path for r in found][1:]  # the first is served at /
