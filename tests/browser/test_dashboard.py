"""The dashboard in real Chromium: counts, the Sectors filter, links, pages and the CSV download."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from cooperation import routes
from tests.browser.conftest import (
    ARTIFACTS,
    IDLE,
    metric,
    open_app,
    pick_chart,
    pick_sector,
    rerun_of,
    sector_chips,
    wait_idle,
)
from tests.browser.conftest import run_finished as _run_finished
from tests.helpers import MEETING, expected, row, rows

SECTORS = {r["sector_id"]: r["label"] for r in rows(MEETING, "sectors") if expected(MEETING, r["sector_id"])}
FIRST, SECOND = list(SECTORS)[:2]  # two sectors that statements name
THEMES = rows(MEETING, "themes")


def test_overview_loads_with_the_right_count(page: Page, server, page_errors):
    """The overview loads with no exception and counts every statement."""
    open_app(page, server.url)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(MEETING))))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("radiogroup", name="Chart").get_by_role("radio")).to_have_count(4)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)  # only the picked chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1700})
    wait_idle(page)
    page.screenshot(path=ARTIFACTS / "overview.png", full_page=True)


def test_picking_a_sector_updates_count_table_and_url(page: Page, server, page_errors):
    """Picking a sector in Sectors updates the count and the table, and the URL carries its id."""
    open_app(page, server.url)
    pick_sector(page, SECTORS[FIRST])
    want = expected(MEETING, FIRST)
    expect(metric(page, "Statements")).to_have_text(str(len(want)))
    expect(page).to_have_url(re.compile(rf"[?&]sector={FIRST}(&|$)"))
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)
    expect(grid.locator("[role='row']")).to_have_count(len(want) + 1)  # and the header row


def test_the_chart_picked_lives_in_the_link(page: Page, server, page_errors):
    """Picking a chart draws it, keeps the filter and puts the chart in the URL; the link reopens it."""
    open_app(page, f"{server.url}/?sector={FIRST}")
    pick_chart(page, "Themes")
    wait_idle(page)
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]chart=Themes(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]sector={FIRST}(&|$)"))
    link = page.url

    with rerun_of(page):  # a filter change keeps the chosen chart
        pick_sector(page, SECTORS[SECOND])
    expect(page).to_have_url(re.compile(r"[?&]chart=Themes(&|$)"))
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)

    open_app(page, link)
    expect(page.get_by_role("radio", name="Themes")).to_be_checked()
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(MEETING, FIRST))))


def _element(payload: bytes | str) -> str | None:
    """The type of element a WebSocket frame from the server adds, if it adds one."""
    if isinstance(payload, str):
        return None
    message = ForwardMsg.FromString(payload)
    if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
        return message.delta.new_element.WhichOneof("type")
    return None


def test_picking_a_chart_reruns_only_the_chart(page: Page, server, page_errors):
    """Picking another chart sends that chart, but not the metrics, filters or table."""
    frames: list[bytes | str] = []
    sockets: list[WebSocket] = []

    def watch(socket: WebSocket) -> None:
        sockets.append(socket)
        socket.on("framereceived", lambda payload: frames.append(payload))

    page.on("websocket", watch)
    open_app(page, server.url)
    if not any(map(_run_finished, frames)):  # the page can be drawn before the last frame is reported
        sockets[-1].wait_for_event("framereceived", _run_finished)
    assert {"metric", "multiselect", "dataframe", "plotly_chart"} <= set(map(_element, frames))

    frames.clear()
    with sockets[-1].expect_event("framereceived", _run_finished):
        pick_chart(page, "Themes")
    sent = set(map(_element, frames))
    assert "plotly_chart" in sent
    assert not sent & {"metric", "multiselect", "dataframe", "download_button"}
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(MEETING))))


def test_switching_pages_keeps_the_filter(page: Page, server, page_errors):
    """After choosing a sector, moving to another page through the sidebar keeps it, in the URL too."""
    open_app(page, f"{server.url}/?sector={FIRST}")
    theme = THEMES[-1]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=theme["title"]).click()
    expect(page.get_by_role("heading", name=theme["title"])).to_be_visible()
    wait_idle(page)
    expect(metric(page, "Statements")).to_have_text(
        str(len(expected(MEETING, FIRST) & expected(MEETING, theme=theme["theme_id"])))
    )
    expect(page).to_have_url(re.compile(rf"/{theme['theme_id']}\?sector={FIRST}$"))
    expect(sector_chips(page)).to_have_text([SECTORS[FIRST]])


def _link_in_the_table(page: Page) -> tuple[float, float]:
    """Where the table of one row shows its link: found by the pointer the grid shows over it, not by widths."""
    grid = page.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    canvas = grid.locator("canvas").first

    def pointer(x: float, y: float) -> bool:
        page.mouse.move(x, y)
        return canvas.evaluate("c => getComputedStyle(c).cursor") == "pointer"

    bottom = box["y"] + box["height"]
    for y in range(int(bottom) - 4, int(box["y"] + box["height"] / 2), -6):  # up from the bottom: the row
        for x in range(int(box["x"]), int(box["x"] + box["width"]), 16):
            if pointer(x, y):
                return x + 4, y
    raise AssertionError("no link found in the table")


@pytest.mark.parametrize("which", [0, 1])
def test_a_table_row_leads_to_its_quote_in_the_source(page: Page, server, page_errors, which):
    """Clicking a row's "in context" link opens, in a new tab, the source with that row's own quote."""
    sector = [s for s in SECTORS if len(expected(MEETING, s)) == 1][which]  # a table of one row
    (statement_id,) = expected(MEETING, sector)
    open_app(page, f"{server.url}/?sector={sector}")
    x, y = _link_in_the_table(page)
    with page.context.expect_page() as opened:
        page.mouse.click(x, y)
    tab = opened.value
    tab.wait_for_selector(IDLE)
    assert tab.url == f"{server.url}/{routes.statement_link(statement_id)}"
    quote = row(MEETING, "statements", "statement_id", statement_id)["quote"]
    expect(tab.get_by_role("heading", name="The statement you followed")).to_be_visible()
    expect(tab.locator("mark").first).to_have_text(quote)


def test_a_card_leads_to_its_quote_in_the_source(page: Page, server, page_errors):
    """Following a theme card's "in context" link opens the source text with that quote singled out."""
    open_app(page, server.url)
    theme = THEMES[0]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=theme["title"]).click()
    expect(page.get_by_role("heading", name=theme["title"])).to_be_visible()
    wait_idle(page)
    card = page.get_by_test_id("stMain").locator("div", has=page.locator("blockquote")).last
    quote = card.locator("blockquote").inner_text().strip("“”")
    card.get_by_role("link", name="in context").click()
    expect(page).to_have_url(re.compile(rf"/{routes.SOURCE}\?{routes.STATEMENT}=[a-z0-9-]+$"))
    wait_idle(page)
    heading = page.get_by_role("heading", name="The statement you followed")
    followed = page.get_by_test_id("stVerticalBlock").filter(has=heading).last  # the innermost: its box
    expect(followed.locator("mark")).to_have_text(quote)
    expect(followed.locator("blockquote")).to_have_text(f"“{quote}”")
    expect(page.get_by_role("heading", name="Sources", exact=True)).to_be_visible()


def test_a_shared_link_prefills_the_filters(page: Page, server, page_errors):
    """Opening a link with two sector ids pre-fills Sectors with their labels and counts both."""
    open_app(page, f"{server.url}/?sector={SECOND}&sector={FIRST}")
    expect(sector_chips(page)).to_have_text([SECTORS[SECOND], SECTORS[FIRST]])
    both = expected(MEETING, FIRST) | expected(MEETING, SECOND)
    expect(metric(page, "Statements")).to_have_text(str(len(both)))


def test_every_page_opens_with_its_title(page: Page, server, page_errors):
    """Every theme page, the source page and the data page open with no exception and their titles."""
    pages = [(t["theme_id"], t["title"]) for t in THEMES]
    pages += [("accounts", "Accounts compared"), ("source", "Sources"), ("data", "Data and method")]
    for path, title in pages:
        open_app(page, f"{server.url}/{path}")
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_csv_download_holds_exactly_the_filtered_rows(page: Page, server, page_errors):
    """The CSV download holds the statements that match the filter, no more and no fewer."""
    open_app(page, f"{server.url}/?sector={FIRST}")
    button = page.get_by_test_id("stDownloadButton").get_by_role("button")
    with page.expect_download() as info:
        button.click()
    content = info.value.path().read_text(encoding="utf-8")
    downloaded = {r["statement_id"] for r in csv.DictReader(io.StringIO(content))}
    assert downloaded == expected(MEETING, FIRST)
    assert info.value.suggested_filename.endswith("-filtered.csv")


@pytest.mark.parametrize(
    "width",
    [390, 320, 640],
    ids=["390 px (a phone)", "320 px (1280 px at 400% zoom)", "640 px (1280 px at 200% zoom)"],
)
def test_nothing_overflows_a_narrow_screen(page: Page, server, page_errors, width):
    """At 390, 320 and 640 px wide no page scrolls sideways (WCAG 1.4.10): long text wraps, charts fit, text keeps its size."""
    page.set_viewport_size({"width": width, "height": 844})
    followed = routes.statement_link(rows(MEETING, "statements")[0]["statement_id"])
    for path in ["", "accounts", *(t["theme_id"] for t in THEMES), "source", followed, "data"]:
        open_app(page, f"{server.url}/{path}")
        widths = page.evaluate(
            """() => {
                const main = document.querySelector("[data-testid='stMain']");
                return [document.documentElement.scrollWidth, main.scrollWidth, main.clientWidth];
            }"""
        )
        assert widths[0] <= width, (path, widths)
        assert widths[1] <= widths[2], (path, widths)
        size = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector(\"[data-testid='stMain'] p\")).fontSize)"
        )
        assert size >= 14, (path, size)
