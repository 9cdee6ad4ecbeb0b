"""Accessibility in real Chromium: axe on every page state, a keyboard-only journey, distinct page titles.

axe-core (through axe-playwright-python) checks the WCAG 2.0, 2.1 and 2.2 A and
AA rules; a serious or critical violation fails the test unless it is on the
short list of known exceptions in axe_exceptions.py, each one Streamlit's own, dated and
sourced, and each still occurring (a stale exception fails too). The list is
printed in the header of every test run. Four best-practice rules (HELD: one h1,
headings in order, one main landmark, landmarks named apart) fail the test too. Reflow at 320 px is checked with the
phone width in test_dashboard.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from cooperation import routes
from cooperation.registry import NUMBERS
from cooperation.registry import OVERVIEW as CHARTS
from tests.browser.axe_exceptions import KNOWN
from tests.browser.conftest import ROOT, metric, open_app, wait_idle
from tests.helpers import MEETING, expected, rows
from tests.servers import Server, start_streamlit

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SERIOUS = {"serious", "critical"}
# Best-practice rules held as firmly as the serious ones: one h1, headings in order, one main, landmarks named apart.
HELD = {"heading-order", "landmark-unique", "page-has-heading-one", "landmark-one-main"}
SECTOR = next(s["sector_id"] for s in rows(MEETING, "sectors") if len(expected(MEETING, s["sector_id"])) > 1)
QUOTED = next(s["statement_id"] for s in rows(MEETING, "statements") if s["evidence"] == "quote")
PARAPHRASED = next(s["statement_id"] for s in rows(MEETING, "statements") if s["evidence"] == "paraphrase")
THEMES = [t["theme_id"] for t in rows(MEETING, "themes")]


EVENTS = sorted(rows(MEETING, "events"), key=lambda e: e["date"])


def _longest(options: dict[str, str]) -> str:
    return max(options, key=lambda k: len(options[k]))


def longest_labels_link() -> str:
    """A link that selects, in every filter list, the option with the longest label."""
    sectors = {s["sector_id"]: s["label"] for s in rows(MEETING, "sectors")}
    events = {e["event_id"]: f"{e['date']} · {e['title']}" for e in EVENTS}
    dates = {e["event_id"]: e["date"] for e in EVENTS}
    accounts = {s["source_id"]: f"{s['title']} ({dates[s['event_id']]})" for s in rows(MEETING, "sources")}
    speakers = {s["speaker_id"]: f"{s['name']} ({s['country']})" for s in rows(MEETING, "speakers")}
    return routes.link(
        routes.OVERVIEW,
        **{
            routes.SECTOR: _longest(sectors),
            routes.EVENT: _longest(events),
            routes.ACCOUNT: _longest(accounts),
            routes.SPEAKER: _longest(speakers),
            routes.STRENGTH: "position",
        },
    )


def _states() -> list[str]:
    """Every page state to check: each chart, each page, a statement singled out, a meeting picked, a meeting
    or a period chosen, every filter with its longest label: with a sector filter and without."""
    plain = [
        *(f"?{routes.CHART}={chart.label}" for chart in CHARTS),
        routes.ACCOUNTS,
        routes.link(routes.ACCOUNTS, **{routes.MEETING: EVENTS[0]["event_id"]}),
        routes.TIMELINE,
        routes.link(routes.TIMELINE, **{routes.EVENT: EVENTS[1]["event_id"]}),
        routes.link(routes.TIMELINE, **{routes.FROM: EVENTS[1]["date"], routes.TO: EVENTS[-1]["date"]}),
        routes.link(routes.OVERVIEW, **{routes.FROM: EVENTS[1]["date"]}),
        longest_labels_link(),
        *THEMES,
        routes.SOURCE,
        routes.link(routes.SOURCE, **{routes.MEETING: EVENTS[0]["event_id"]}),
        routes.statement_link(QUOTED),
        routes.statement_link(PARAPHRASED),
        routes.DATA,
    ]
    joined = [f"{state}{'&' if '?' in state else '?'}{routes.SECTOR}={SECTOR}" for state in plain]
    return plain + joined


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def found() -> Iterator[dict[str, set[str]]]:
    """Known exceptions seen, by rule, across the module's states; at the end, every known one must have been seen."""
    seen: dict[str, set[str]] = {}
    yield seen
    stale = [rule for rule, *_ in KNOWN if rule not in seen]
    assert not stale, f"known exceptions that no longer occur, to remove from KNOWN: {stale}"


def _serious(axe: Axe, page: Page) -> list[dict]:
    tags = [*TAGS, "best-practice"]
    result = axe.run(
        page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    )
    return [v for v in result.response["violations"] if v["impact"] in SERIOUS or v["id"] in HELD]


def _check(axe: Axe, page: Page, state: str, found: dict[str, set[str]]) -> None:
    known = {rule for rule, *_ in KNOWN}
    violations = _serious(axe, page)
    for v in violations:
        if v["id"] in known:
            found.setdefault(v["id"], set()).add(state)
    unknown = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"][:3]])
        for v in violations
        if v["id"] not in known
    ]
    assert not unknown, (state, unknown)


@pytest.mark.parametrize("state", _states())
def test_no_serious_violation_on_any_page_state(
    page: Page, server: Server, axe: Axe, found, state, page_errors
):
    """axe finds no serious or critical WCAG 2.2 A or AA violation in this state of a page, its charts' numbers
    shown (but known exceptions)."""
    open_app(page, f"{server.url}/{state}")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    numbers = page.get_by_text(NUMBERS, exact=True)
    for i in range(numbers.count()):  # open every chart's numbers, one after another
        numbers.nth(i).click()
        expect(page.get_by_test_id("stExpander").get_by_role("table")).to_have_count(i + 1)
        wait_idle(page)
    _check(axe, page, state, found)


def test_no_serious_violation_on_the_error_panel(page: Page, tmp_path, axe: Axe, found, page_errors):
    """The panel of problems that a server with no valid data shows passes too."""
    data = tmp_path / "data"
    shutil.copytree(MEETING, data)
    (data / "narration.csv").unlink()
    broken = start_streamlit(ROOT / "app.py", data)
    try:
        open_app(page, broken.url)
        expect(page.get_by_text("The dashboard has no data to show yet")).to_be_visible()
        _check(axe, page, "error panel", found)
    finally:
        broken.stop()


def test_no_serious_violation_with_an_update_pending(
    page: Page, edited: Server, axe: Axe, found, page_errors
):
    """The sidebar's notice of an update waiting on disk, and the data page's account of it, pass too."""
    open_app(page, edited.url)
    # The version on disk no longer validates: the last valid one is served.
    (edited.data / "narration.csv").unlink()
    for path in ("", routes.DATA):
        open_app(page, f"{edited.url}/{path}")
        expect(page.get_by_test_id("stSidebar").get_by_text("An update is waiting")).to_be_visible()
        _check(axe, page, f"update pending, /{path}", found)


def _focus(page: Page) -> dict:
    """The focused element, and whether it (or a near ancestor) shows a focus ring of 2 px or more."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            let ring = false;
            for (let p = e, i = 0; p && i < 3; p = p.parentElement, i++) {
                const c = getComputedStyle(p);
                if (c.outlineStyle !== "none" && parseFloat(c.outlineWidth) >= 2) ring = true;
            }
            return {tag: e.tagName, role: e.getAttribute("role"), label: e.getAttribute("aria-label"),
                    text: (e.innerText || "").trim(), href: e.getAttribute("href"), ring};
        }"""
    )


def _tab_to(page: Page, wanted, backwards: bool = False, limit: int = 80) -> dict:
    """Press Tab (or Shift+Tab) until ``wanted(focused)`` holds, checking a visible focus ring at every stop."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = _focus(page)
        assert focused["ring"], f"no visible focus ring on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError(f"not reached by keyboard in {limit} steps")


def test_a_keyboard_alone_filters_moves_and_opens_a_statement(page: Page, server: Server, page_errors):
    """With the keyboard alone: reach Sectors, pick a sector, clear it, move to a theme page and open a statement
    in context, a visible focus ring all the way."""
    label = next(s["label"] for s in rows(MEETING, "sectors") if s["sector_id"] == SECTOR)
    every = str(len(expected(MEETING)))
    open_app(page, server.url)
    _tab_to(page, lambda f: f["role"] == "combobox" and f["label"] == "Sectors")
    page.keyboard.type(label)
    expect(page.get_by_role("option", name=label, exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    expect(metric(page, "Statements")).to_have_text(str(len(expected(MEETING, SECTOR))))
    expect(page).to_have_url(re.compile(rf"[?&]{routes.SECTOR}={SECTOR}(&|$)"))
    wait_idle(page)
    page.keyboard.press("Escape")  # close the list of options
    page.keyboard.press("Backspace")  # remove the sector picked: the filter is clear
    expect(metric(page, "Statements")).to_have_text(every)
    wait_idle(page)
    theme = rows(MEETING, "themes")[0]
    _tab_to(page, lambda f: f["tag"] == "A" and f["text"].endswith(theme["title"]), backwards=True)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=theme["title"], exact=True)).to_be_visible()
    wait_idle(page)
    _tab_to(page, lambda f: f["tag"] == "A" and f["text"] == "in context", limit=150)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{routes.SOURCE}\?{routes.STATEMENT}=[a-z0-9-]+$"))
    expect(page.get_by_role("heading", name="The statement you followed")).to_be_visible()


def test_the_keyboard_alone_picks_a_chart(page: Page, server: Server, page_errors):
    """With the keyboard alone: reach the chart's radio buttons, pick the next chart with an arrow key; the chart,
    the checked button and the link follow, a visible focus ring all the way."""
    first, second = (chart.label for chart in CHARTS[:2])
    open_app(page, server.url)
    _tab_to(page, lambda f: f["tag"] == "INPUT" and page.evaluate("document.activeElement.type") == "radio")
    expect(page.get_by_role("radio", name=first)).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name=second)).to_be_checked()
    expect(page).to_have_url(re.compile(rf"[?&]{routes.CHART}={second}(&|$)"))
    wait_idle(page)
    assert _focus(page)["ring"], "no visible focus ring on the chart picked"
