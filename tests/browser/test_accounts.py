"""Several accounts of one meeting, in real Chromium: the account filter, the comparison page, paraphrase cards."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from cooperation import routes
from tests.browser.conftest import metric, open_app, wait_idle
from tests.helpers import MEETING, expected, rows
from tests.test_comparison import COMPARED, SOURCES, STATEMENTS, _event_of, _reach


def pick_account(page: Page, label: str) -> None:
    """Choose an account in the sidebar's Accounts multiselect, as a person would."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Accounts")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label).click()


def test_the_account_filter_holds_across_pages_and_reloads(page: Page, server, page_errors):
    """Picking an account changes the counts, goes into the link, survives a reload and holds on a theme page."""
    source = next(s for s in SOURCES if not s["text_path"])
    mine = {s["statement_id"] for s in STATEMENTS if s["source_id"] == source["source_id"]}
    open_app(page, server.url)
    pick_account(page, source["title"])
    expect(metric(page, "Statements")).to_have_text(str(len(mine)))
    expect(metric(page, "Accounts")).to_have_text("1")
    expect(page).to_have_url(re.compile(rf"[?&]{routes.ACCOUNT}={source['source_id']}(&|$)"))
    page.reload()
    wait_idle(page)
    expect(metric(page, "Statements")).to_have_text(str(len(mine)))
    theme = rows(MEETING, "themes")[0]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=theme["title"]).click()
    expect(page.get_by_role("heading", name=theme["title"])).to_be_visible()
    wait_idle(page)
    expect(metric(page, "Statements")).to_have_text(
        str(len(mine & expected(MEETING, theme=theme["theme_id"])))
    )
    expect(page).to_have_url(re.compile(rf"/{theme['theme_id']}\?{routes.ACCOUNT}={source['source_id']}$"))


def test_the_comparison_page_lists_what_only_one_account_reports(page: Page, server, page_errors):
    """Under each account, the claims no other account reports: each one the data leaves to that account."""
    open_app(page, f"{server.url}/{routes.link(routes.ACCOUNTS, **{routes.MEETING: COMPARED})}")
    expect(page.get_by_role("heading", name="Reported by only one account")).to_be_visible()
    for source in (s for s in SOURCES if s["event_id"] == COMPARED):
        alone = [
            s
            for s in STATEMENTS
            if s["source_id"] == source["source_id"] and _event_of(s) == COMPARED and not _reach(s)[0]
        ]
        heading = page.get_by_role(
            "heading", name=source["label"] or source["publisher"], exact=True, level=4
        )
        expect(heading).to_be_visible()
        items = heading.locator("xpath=following::*[@data-testid='stHtml'][1]//li") if alone else None
        if alone:
            expect(items).to_have_count(len(alone))
            for statement, item in zip(alone, items.all()):
                expect(item).to_contain_text(statement["summary"])


def test_a_paraphrase_card_has_no_quotation_marks(page: Page, server, page_errors):
    """On a theme page, a paraphrased statement's card says it is a paraphrase and quotes nothing."""
    paraphrase = next(
        s for s in STATEMENTS if s["evidence"] == "paraphrase" and s["attribution"] == "speaker"
    )
    theme = next(
        t["theme_id"]
        for t in rows(MEETING, "themes")
        if paraphrase["statement_id"] in expected(MEETING, theme=t["theme_id"])
    )
    open_app(page, f"{server.url}/{theme}")
    link = page.locator(f"a[href='{routes.statement_link(paraphrase['statement_id'])}']")
    card = page.get_by_test_id("stMain").locator("div", has=link).last
    expect(card).to_contain_text(paraphrase["summary"])
    expect(card).to_contain_text("Paraphrase.")
    text = card.inner_text()
    assert "“" not in text
    assert "”" not in text
    expect(card.get_by_role("link", name="read the account")).to_have_attribute(
        "href", paraphrase_url(paraphrase)
    )


def paraphrase_url(statement: dict) -> str:
    return next(s["url"] for s in SOURCES if s["source_id"] == statement["source_id"])
