"""Browser sessions are independent: each keeps its own filters and gets its own counts."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.conftest import metric, new_page, open_app, pick_sector, start_server, wait_idle
from tests.helpers import MEETING, expected, rows

SECTORS = {r["sector_id"]: r["label"] for r in rows(MEETING, "sectors")}


def test_two_sessions_never_share_filters(browser: Browser, server):
    """Two browser contexts with different filters each keep their own, while the other changes."""
    first, second = (new_page(browser) for _ in range(2))
    try:
        a, b, c = list(SECTORS)[:3]
        open_app(first, f"{server.url}/?sector={a}")
        open_app(second, f"{server.url}/?sector={b}")
        pick_sector(first, SECTORS[c])
        both = expected(MEETING, a) | expected(MEETING, c)
        expect(metric(first, "Statements")).to_have_text(str(len(both)))
        second.reload()
        wait_idle(second)
        expect(metric(second, "Statements")).to_have_text(str(len(expected(MEETING, b))))
        assert c not in second.url
    finally:
        for page in (first, second):
            page.context.close()


def test_ten_sessions_filtering_at_once_get_correct_counts(browser: Browser, server):
    """Ten sessions pick different sectors at the same moment and each sees its own right count."""
    sectors = (list(SECTORS) * 2)[:10]  # ten sessions, each picking a sector
    pages = [new_page(browser) for _ in sectors]
    try:
        for page in pages:
            open_app(page, server.url)
        for page, sector in zip(pages, sectors):  # each pick returns before its rerun ends
            pick_sector(page, SECTORS[sector])
        for page, sector in zip(pages, sectors):
            expect(metric(page, "Statements")).to_have_text(str(len(expected(MEETING, sector))))
            assert page.url.endswith(f"?sector={sector}")
    finally:
        for page in pages:
            page.context.close()


def test_first_visitor_of_a_fresh_server_keeps_the_first_pick(browser: Browser):
    """On a server that has served nothing yet, the first sector a visitor picks is applied."""
    fresh = start_server()
    page = new_page(browser)
    sector = next(iter(SECTORS))
    try:
        open_app(page, fresh.url)
        pick_sector(page, SECTORS[sector])
        expect(metric(page, "Statements")).to_have_text(str(len(expected(MEETING, sector))))
        expect(page).to_have_url(f"{fresh.url}/?sector={sector}")
    finally:
        page.context.close()
        fresh.stop()
