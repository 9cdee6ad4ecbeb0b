"""The dashboard in real Chromium: counts, the Sectors filter, links, pages and the CSV download."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import ARTIFACTS, IDLE, metric, open_app, wait_idle
from tests.conftest import DATA
from tests.oracle import expected, rows

SECTORS = {r["sector_id"]: r["label"] for r in rows(DATA, "sectors")}
THEMES = rows(DATA, "themes")


def pick_sector(page: Page, label: str) -> None:
    """Choose a sector in the sidebar's Sectors multiselect, as a person would."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Sectors")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label, exact=True).click()


def sector_chips(page: Page):
    """The selected values shown in the Sectors multiselect."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    return box.filter(has=page.get_by_role("combobox", name="Sectors")).locator("[data-tag]")


def test_overview_loads_with_the_right_count(page: Page, server, page_errors):
    """The overview loads with no exception and counts every statement."""
    open_app(page, server.url)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(DATA))))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stTab")).to_have_count(4)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)  # only the open tab's chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1700})
    wait_idle(page)
    page.screenshot(path=ARTIFACTS / "overview.png", full_page=True)


def test_picking_a_sector_updates_count_table_and_url(page: Page, server, page_errors):
    """Picking a sector in Sectors updates the count and the table, and the URL carries its id."""
    open_app(page, server.url)
    pick_sector(page, SECTORS["intellectual-property"])
    want = expected(DATA, "intellectual-property")
    expect(metric(page, "Statements")).to_have_text(str(len(want)))
    expect(page).to_have_url(re.compile(r"[?&]sector=intellectual-property(&|$)"))
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_have_count(1)
    expect(grid.locator("[role='row']")).to_have_count(len(want) + 1)  # and the header row


def test_chart_tabs_live_in_the_link(page: Page, server, page_errors):
    """Choosing a chart tab draws that chart, keeps the filter and puts the tab in the URL; the link reopens it."""
    open_app(page, f"{server.url}/?sector=free-trade")
    page.get_by_role("tab", name="Themes").click()
    wait_idle(page)
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]chart=Themes(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]sector=free-trade(&|$)"))
    link = page.url

    pick_sector(page, SECTORS["biomedicine"])  # a filter change keeps the chosen chart
    wait_idle(page)
    expect(page).to_have_url(re.compile(r"[?&]chart=Themes(&|$)"))
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)

    open_app(page, link)
    expect(page.get_by_role("tab", name="Themes")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(DATA, "free-trade"))))


def _element(payload: bytes | str) -> str | None:
    """The type of element a WebSocket frame from the server adds, if it adds one."""
    if isinstance(payload, str):
        return None
    message = ForwardMsg.FromString(payload)
    if message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
        return message.delta.new_element.WhichOneof("type")
    return None


def _run_finished(payload: bytes | str) -> bool:
    """Whether a WebSocket frame from the server says a script or fragment run finished successfully."""
    if isinstance(payload, str):
        return False
    message = ForwardMsg.FromString(payload)
    return message.WhichOneof("type") == "script_finished" and message.script_finished in (
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    )


def test_switching_tabs_reruns_only_the_charts(page: Page, server, page_errors):
    """Choosing another chart tab sends that chart again, but not the metrics, filters or table."""
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
        page.get_by_role("tab", name="Themes").click()
    sent = set(map(_element, frames))
    assert "plotly_chart" in sent
    assert not sent & {"metric", "multiselect", "dataframe", "download_button"}
    expect(page.locator(".js-plotly-plot .treemaplayer")).to_have_count(1)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(DATA))))


def test_switching_pages_keeps_the_filter(page: Page, server, page_errors):
    """After choosing a sector, moving to another page through the sidebar keeps it, in the URL too."""
    open_app(page, f"{server.url}/?sector=free-trade")
    theme = next(t for t in THEMES if t["theme_id"] == "economy")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=theme["title"]).click()
    expect(page.get_by_role("heading", name=theme["title"])).to_be_visible()
    wait_idle(page)
    expect(metric(page, "Statements")).to_have_text(str(len(expected(DATA, "free-trade"))))
    expect(page).to_have_url(re.compile(r"/economy\?sector=free-trade$"))
    expect(sector_chips(page)).to_have_text([SECTORS["free-trade"]])


def test_a_table_row_leads_to_its_quote_in_the_source(page: Page, server, page_errors):
    """Clicking a table row's "in context" link opens, in a new tab, the source with that row's quote."""
    open_app(page, f"{server.url}/?sector=free-trade")
    grid = page.get_by_test_id("stDataFrame")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is a canvas: the first row's "In context" cell, right of the 520 px Quote column.
    x, y = box["x"] + 560, box["y"] + 53
    page.mouse.move(x - 4, y)
    page.mouse.move(x, y)
    with page.context.expect_page() as opened:
        page.mouse.click(x, y)
    tab = opened.value
    tab.wait_for_selector(IDLE, timeout=30_000)
    statement_id = re.fullmatch(r".*/source\?statement=([a-z0-9-]+)", tab.url).group(1)
    assert statement_id in expected(DATA, "free-trade")
    quote = next(s["quote"] for s in rows(DATA, "statements") if s["statement_id"] == statement_id)
    expect(tab.get_by_role("heading", name="The statement you followed")).to_be_visible()
    expect(tab.locator("mark").first).to_have_text(quote)


def test_a_card_leads_to_its_quote_in_the_source(page: Page, server, page_errors):
    """Following a theme card's "in context" link opens the source text with that quote singled out."""
    open_app(page, server.url)
    theme = next(t for t in THEMES if t["theme_id"] == "economy")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=theme["title"]).click()
    expect(page.get_by_role("heading", name=theme["title"])).to_be_visible()
    wait_idle(page)
    card = page.get_by_test_id("stMain").locator("div", has=page.locator("blockquote")).last
    quote = card.locator("blockquote").inner_text().strip("“”")
    card.get_by_role("link", name="in context").click()
    expect(page).to_have_url(re.compile(r"/source\?statement=[a-z0-9-]+$"))
    wait_idle(page)
    heading = page.get_by_role("heading", name="The statement you followed")
    followed = page.get_by_test_id("stVerticalBlock").filter(has=heading).last  # the innermost: its box
    expect(followed.locator("mark")).to_have_text(quote)
    expect(followed.locator("blockquote")).to_have_text(f"“{quote}”")
    expect(page.get_by_role("heading", name="Source text", exact=True)).to_be_visible()


def test_a_shared_link_prefills_the_filters(page: Page, server, page_errors):
    """Opening a link with two sector ids pre-fills Sectors with their labels and counts both."""
    open_app(page, f"{server.url}/?sector=intellectual-property&sector=free-trade")
    expect(sector_chips(page)).to_have_text([SECTORS["intellectual-property"], SECTORS["free-trade"]])
    both = expected(DATA, "intellectual-property") | expected(DATA, "free-trade")
    expect(metric(page, "Statements")).to_have_text(str(len(both)))


def test_every_page_opens_with_its_title(page: Page, server, page_errors):
    """Every theme page, the source page and the data page open with no exception and their titles."""
    pages = [(t["theme_id"], t["title"]) for t in THEMES]
    pages += [("source", "Source text"), ("data", "Data and method")]
    for path, title in pages:
        open_app(page, f"{server.url}/{path}")
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_csv_download_holds_exactly_the_filtered_rows(page: Page, server, page_errors):
    """The CSV download holds the statements that match the filter, no more and no fewer."""
    open_app(page, f"{server.url}/?sector=biomedicine")
    button = page.get_by_test_id("stDownloadButton").get_by_role("button")
    with page.expect_download() as info:
        button.click()
    content = info.value.path().read_text(encoding="utf-8")
    downloaded = {r["statement_id"] for r in csv.DictReader(io.StringIO(content))}
    assert downloaded == expected(DATA, "biomedicine")
    assert info.value.suggested_filename.endswith("-filtered.csv")


def test_nothing_overflows_a_phone_screen(page: Page, server, page_errors):
    """At 390 px wide no page scrolls sideways: long text wraps and charts fit."""
    page.set_viewport_size({"width": 390, "height": 844})
    followed = f"source?statement={rows(DATA, 'statements')[0]['statement_id']}"
    for path in ["", *(t["theme_id"] for t in THEMES), "source", followed, "data"]:
        open_app(page, f"{server.url}/{path}")
        widths = page.evaluate(
            """() => {
                const main = document.querySelector("[data-testid='stMain']");
                return [document.documentElement.scrollWidth, main.scrollWidth, main.clientWidth];
            }"""
        )
        assert widths[0] <= 390, (path, widths)
        assert widths[1] <= widths[2], (path, widths)
