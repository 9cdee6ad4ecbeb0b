"""Hostile curated text and links in a real browser: nothing runs, nothing is injected, all reads literally."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from cooperation import routes
from tests.browser.conftest import metric, open_app, start_server
from tests.helpers import rows
from tests.hostile import CARRIER, LITERALS, MARKERS, make_hostile
from tests.servers import Server


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[Server]:
    """The app serving a data package with the payload in every text field."""
    data = make_hostile(tmp_path_factory.mktemp("hostile") / "data")
    running = start_server(data)
    yield running
    running.stop()


def _pages(data) -> list[str]:
    """Every page; the pages of one meeting at a time, at the meeting whose text carries the payload."""
    source = next(s for s in rows(data, "statements") if s["statement_id"] == CARRIER)["source_id"]
    meeting = next(s for s in rows(data, "sources") if s["source_id"] == source)["event_id"]
    return [
        "",
        routes.link(routes.ACCOUNTS, **{routes.MEETING: meeting}),
        routes.TIMELINE,
        *(t["theme_id"] for t in rows(data, "themes")),
        routes.link(routes.SOURCE, **{routes.MEETING: meeting}),
        routes.statement_link(CARRIER),  # its quote and summary carry the payload
        routes.statement_link(
            next(s["statement_id"] for s in rows(data, "statements") if s["evidence"] == "paraphrase")
        ),
        routes.DATA,
    ]


def test_hostile_text_is_inert_and_literal_on_every_page(page: Page, hostile_server, page_errors):
    """On every page: no dialog, no injected element, the page visible, and the payload shown as typed."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in _pages(hostile_server.data):
        open_app(page, f"{hostile_server.url}/{path}")
        for marker in MARKERS:
            expect(page.locator(marker)).to_have_count(0)
        expect(page.locator("iframe[src^='javascript']")).to_have_count(0)
        scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join(' ')")
        assert "xss-" not in scripts, path
        assert page.evaluate("getComputedStyle(document.body).display") != "none", path
        expect(page.get_by_test_id("stApp")).to_be_visible()
        main = page.get_by_test_id("stMain")
        for literal in LITERALS:
            expect(main.get_by_text(literal, exact=False).filter(visible=True).first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
    assert dialogs == []


def test_hostile_titles_read_exactly_as_typed(page: Page, hostile_server, page_errors):
    """A theme title full of markup and Markdown is the page heading, character for character."""
    theme = rows(hostile_server.data, "themes")[0]
    open_app(page, f"{hostile_server.url}/{theme['theme_id']}")
    heading = page.get_by_test_id("stMain").get_by_test_id("stHeading").first
    assert " ".join(heading.inner_text().split()) == " ".join(theme["title"].split())
    link = page.get_by_test_id("stSidebarNav").get_by_role("link").filter(has_text="xss-script").first
    shown, title = " ".join(link.inner_text().split()), " ".join(theme["title"].split())
    assert shown.endswith(title)  # after the icon's ligature name
    assert "\\" not in shown


def test_malformed_links_are_ignored(page: Page, server, page_errors):
    """Unknown ids, empty values, odd characters and a very long URL open the app with no error."""
    odd = quote("<script>alert(1)</script>'\"%00&;$:red[x]", safe="")
    links = [
        f"/?sector=&sector={rows(server.data, 'sectors')[0]['sector_id']}",
        f"/?sector={odd}&speaker={odd}&strength={odd}&q={odd}",
        "/?sector=" + "x" * 6000,
        "/?" + "&".join(f"sector=s{i}" for i in range(300)),
        f"/{rows(server.data, 'themes')[0]['theme_id']}?q=" + "y" * 3000 + "&unknown=1",
    ]
    for link in links:
        open_app(page, server.url + link)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(metric(page, "Statements")).to_be_visible()
