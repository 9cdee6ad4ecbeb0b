"""The page over time and the meeting and period filters in real Chromium: keyboard, targets, shared links."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from cooperation import routes
from tests.browser.conftest import metric, new_page, open_app, wait_idle
from tests.browser.test_accessibility import _tab_to, longest_labels_link
from tests.helpers import MEETING, rows

EVENTS = sorted(rows(MEETING, "events"), key=lambda e: e["date"])
SOURCES = rows(MEETING, "sources")
STATEMENTS = rows(MEETING, "statements")


def _label(event: dict) -> str:
    """How the Meetings box names an event: its date and title."""
    return f"{event['date']} · {event['title']}"


def _of(event_ids: set[str]) -> int:
    """How many statements these events' accounts hold, from the CSVs."""
    events = {s["source_id"]: s["event_id"] for s in SOURCES}
    return sum(events[s["source_id"]] in event_ids for s in STATEMENTS)


def _grid_dates(page: Page) -> list[str]:
    return page.locator(".cd-grid thead th .cd-date").all_inner_texts()


def test_the_keyboard_alone_picks_a_meeting(page: Page, server, page_errors):
    """Tab to the Meetings box, type part of a meeting's title, Enter: the counts and the link follow."""
    event = EVENTS[1]
    open_app(page, server.url)
    _tab_to(page, lambda f: f["role"] == "combobox" and f["label"] == "Meetings")
    page.keyboard.type(event["title"][:20])
    expect(page.get_by_role("option", name=_label(event), exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    expect(metric(page, "Statements")).to_have_text(str(_of({event["event_id"]})))
    expect(page).to_have_url(re.compile(rf"[?&]{routes.EVENT}={event['event_id']}(&|$)"))
    wait_idle(page)
    page.keyboard.press("Escape")
    _tab_to(page, lambda f: f["tag"] == "A" and f["text"].endswith("Over time"), backwards=True, limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Over time", exact=True, level=1)).to_be_visible()
    wait_idle(page)
    assert _grid_dates(page) == [event["date"]]


def test_a_shared_link_with_a_meeting_and_a_period_restores_the_view(browser: Browser, server, page_errors):
    """A reader picks meetings and a period; the link opened in a new browser context shows the same view."""
    first, second, third = EVENTS[:3]
    reader = new_page(browser, viewport={"width": 1400, "height": 1000})
    open_app(reader, f"{server.url}/{routes.TIMELINE}")
    sidebar = reader.get_by_test_id("stSidebar")
    for event in (first, second):
        box = sidebar.get_by_role("combobox", name="Meetings")
        box.click()
        box.fill(event["title"][:20])
        reader.get_by_role("option", name=_label(event), exact=True).click()
        wait_idle(reader)
    reader.keyboard.press("Escape")
    sidebar.get_by_role("spinbutton", name="year, From").click()  # year, month, day: each moves on when full
    reader.keyboard.type(second["date"].replace("-", ""))
    reader.keyboard.press("Escape")  # close the calendar: the date typed is taken
    expect(reader).to_have_url(re.compile(rf"[?&]{routes.FROM}={second['date']}(&|$)"))
    wait_idle(reader)
    assert _grid_dates(reader) == [second["date"]]
    shared = reader.url
    assert third["event_id"] not in shared
    reader.context.close()

    other = new_page(browser, viewport={"width": 1400, "height": 1000})
    open_app(other, shared)
    assert _grid_dates(other) == [second["date"]]
    chips = (
        other.get_by_test_id("stSidebar")
        .get_by_test_id("stMultiSelect")
        .filter(has=other.get_by_role("combobox", name="Meetings"))
    )
    expect(chips.locator("[data-tag]")).to_have_count(2)
    year, month, day = second["date"].split("-")
    for part, value in (("year", year), ("month", month), ("day", day)):
        expect(
            other.get_by_test_id("stSidebar").get_by_role("spinbutton", name=f"{part}, From")
        ).to_have_text(value)
    other.get_by_test_id("stSidebarNav").get_by_role("link", name="Overview").click()
    expect(metric(other, "Statements")).to_have_text(str(_of({second["event_id"]})))
    expect(other).to_have_url(re.compile(rf"[?&]{routes.FROM}={second['date']}(&|$)"))
    other.context.close()


def test_every_filter_keeps_a_target_of_24_px_with_its_longest_label_selected(
    page: Page, server, page_errors
):
    """WCAG 2.2's target size: the text input of each multiselect stays at least 24 by 24 px."""
    page.set_viewport_size({"width": 1280, "height": 900})
    open_app(page, f"{server.url}/{longest_labels_link()}")
    boxes = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    expect(boxes).to_have_count(5)
    for i in range(boxes.count()):
        box = boxes.nth(i)
        expect(box.locator("[data-tag]")).to_have_count(1)  # the long label is selected
        size = box.get_by_role("combobox").bounding_box()
        assert size is not None
        assert size["width"] >= 24, (i, size)
        assert size["height"] >= 24, (i, size)
