"""Browser sessions are independent: each keeps its own filters and gets its own counts."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.conftest import metric, open_app, start_server, wait_idle
from tests.browser.test_dashboard import SECTORS, pick_sector
from tests.conftest import DATA
from tests.oracle import expected


def test_two_sessions_never_share_filters(browser: Browser, server):
    """Two browser contexts with different filters each keep their own, while the other changes."""
    first, second = (browser.new_context().new_page() for _ in range(2))
    try:
        open_app(first, f"{server.url}/?sector=free-trade")
        open_app(second, f"{server.url}/?sector=biomedicine")
        pick_sector(first, SECTORS["investment"])
        both = expected(DATA, "free-trade") | expected(DATA, "investment")
        expect(metric(first, "Statements")).to_have_text(str(len(both)))
        second.reload()
        wait_idle(second)
        expect(metric(second, "Statements")).to_have_text(str(len(expected(DATA, "biomedicine"))))
        assert "investment" not in second.url
    finally:
        for page in (first, second):
            page.context.close()


def test_ten_sessions_filtering_at_once_get_correct_counts(browser: Browser, server):
    """Ten sessions pick different sectors at the same moment and each sees its own right count."""
    sectors = list(SECTORS)[:10]
    pages = [browser.new_context().new_page() for _ in sectors]
    try:
        for page in pages:
            open_app(page, server.url)
        for page, sector in zip(pages, sectors):  # each pick returns before its rerun ends
            pick_sector(page, SECTORS[sector])
        for page, sector in zip(pages, sectors):
            expect(metric(page, "Statements")).to_have_text(str(len(expected(DATA, sector))))
            assert page.url.endswith(f"?sector={sector}")
    finally:
        for page in pages:
            page.context.close()


def test_first_visitor_of_a_fresh_server_keeps_the_first_pick(browser: Browser):
    """On a server that has served nothing yet, the first sector a visitor picks is applied."""
    fresh = start_server()
    page = browser.new_context().new_page()
    try:
        open_app(page, fresh.url)
        pick_sector(page, SECTORS["free-trade"])
        expect(metric(page, "Statements")).to_have_text(str(len(expected(DATA, "free-trade"))))
        expect(page).to_have_url(f"{fresh.url}/?sector=free-trade")
    finally:
        page.context.close()
        fresh.stop()
