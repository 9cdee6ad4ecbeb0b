"""Theme pages in AppTest: each shows exactly its statements as cards, honours the filters and links each card."""

from __future__ import annotations

import html
import re

import pytest

from cooperation import routes
from tests.helpers import MEETING, escaped, expected, html_of, md_unescape, metric, page, rows
from tests.test_overview import _statement_link

THEMES = [t["theme_id"] for t in rows(MEETING, "themes")]


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_page_shows_its_statements(monkeypatch, theme):
    """Each theme page runs, titled by its theme, and shows as cards exactly the statements naming its sectors."""
    at = page(monkeypatch, theme)
    assert not at.exception
    title = next(t["title"] for t in rows(MEETING, "themes") if t["theme_id"] == theme)
    assert md_unescape(at.title[0].value) == title
    want = expected(MEETING, theme=theme)
    assert metric(at, "Statements") == str(len(want))
    cards = html_of(at)
    for statement in rows(MEETING, "statements"):
        shown = escaped(statement["summary"]) in cards
        assert shown == (statement["statement_id"] in want), statement["statement_id"]


def test_cards_show_the_kind_of_evidence(monkeypatch):
    """A quote stands in quotation marks; a paraphrase is labelled, with no quotation marks; no speaker is said so."""
    cards = html_of(page(monkeypatch, "energy"))
    for statement in rows(MEETING, "statements"):
        if "offshore-wind" not in statement["sectors"].split(";"):
            continue
        card = _card(cards, statement["statement_id"])
        if statement["evidence"] == "quote":
            assert f"“{escaped(statement['quote'])}”" in card
            assert ">in context</a>" in card
        else:
            assert "Paraphrase." in card
            assert "“" not in card
            assert "”" not in card
            assert "read the account</a>" in card
        assert ("speaker not named" in card) == (statement["attribution"] == "meeting"), statement[
            "statement_id"
        ]


def _card(cards: str, statement_id: str) -> str:
    """The one card that links to this statement."""
    link = escaped(routes.statement_link(statement_id))
    (card,) = [c for c in cards.split('<div class="cd-card') if f'href="{link}"' in c]
    return card


def test_a_sector_of_another_theme_empties_a_theme_page(monkeypatch):
    """A sector filter from another theme leaves a theme page with no statements and a message."""
    sectors = rows(MEETING, "sectors")
    theme, other = THEMES[0], next(s["sector_id"] for s in sectors if s["theme_id"] != THEMES[0])
    at = page(monkeypatch, theme, sector=[other])
    assert not at.exception
    assert metric(at, "Statements") == "0"
    assert any("No statements match" in i.value for i in at.info)


@pytest.mark.parametrize("theme", THEMES)
def test_every_card_links_to_its_quote_in_context(monkeypatch, theme):
    """Each statement card links to the source text singling out that card's own statement."""
    at = page(monkeypatch, theme)
    cards = html_of(at)
    found = re.findall(rf'href="({routes.SOURCE}\?[^"]*)"', cards)
    assert {_statement_link(html.unescape(href)) for href in found} == expected(MEETING, theme=theme)
