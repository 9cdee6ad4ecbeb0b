"""The source page in AppTest: the whole text with every quote marked, and one statement singled out by a link."""

from __future__ import annotations

import html
import re

import pytest

from cooperation import routes
from tests.helpers import MEETING, html_of, metric, page, row, rows


def _text(source_id: str) -> str:
    """A source's text, read from the file its row names."""
    return (MEETING / row(MEETING, "sources", "source_id", source_id)["text_path"]).read_text(
        encoding="utf-8"
    )


def _marked(body: str) -> list[str]:
    """The text of each highlight, tags removed and white space folded."""
    return [
        " ".join(re.sub(r"<[^>]+>", "", m).split())
        for m in re.findall(r"<mark[^>]*>(.*?)</mark>", body, re.S)
    ]


def test_source_page_marks_every_quote_and_counts_sentences(monkeypatch):
    """Every statement's quote lies inside a highlight, and the coverage metric counts every sentence."""
    at = page(monkeypatch, routes.SOURCE)
    assert not at.exception
    marks = " | ".join(_marked(html_of(at)))
    for statement in rows(MEETING, "statements"):
        assert html.escape(" ".join(statement["quote"].split())) in marks, statement["statement_id"]
    accounted = metric(at, "Sentences accounted for")
    assert re.fullmatch(r"(\d+) of \1", accounted), accounted


@pytest.mark.parametrize("statement", rows(MEETING, "statements"), ids=lambda s: s["statement_id"])
def test_a_statement_link_shows_its_quote_in_context(monkeypatch, statement):
    """A link to one statement shows its card, then its quote marked among the sentences around it."""
    at = page(monkeypatch, routes.SOURCE, **{routes.STATEMENT: statement["statement_id"]})
    assert not at.exception
    assert [h.value for h in at.subheader] == ["The statement you followed"]
    card, context, *_, full = (h.proto.body for h in at.get("html"))
    assert html.escape(statement["summary"]) in card
    assert html.escape(statement["quote"]) in card
    assert f"{routes.SOURCE}?{routes.STATEMENT}=" not in card  # no link to the page it is on
    (marked,) = _marked(context)
    assert marked == html.escape(" ".join(statement["quote"].split()))
    shown = " ".join(re.sub(r"<[^>]+>", "", context).split())
    assert shown in html.escape(" ".join(_text(statement["source_id"]).split()))
    assert len(shown) > len(marked)  # the sentences around it too
    emphasised = re.findall(r'<mark style="[^"]*font-weight:600[^"]*"[^>]*>(.*?)</mark>', full, flags=re.S)
    assert [" ".join(m.split()) for m in emphasised] == [marked]  # only it stands out, with no filter set


@pytest.mark.parametrize("wanted", ["no-such-statement", "$x$ :red[y] <b>z</b>"])
def test_an_unknown_statement_link_says_so(monkeypatch, wanted):
    """A link to a statement id that does not exist says so, literally, and singles nothing out."""
    at = page(monkeypatch, routes.SOURCE, **{routes.STATEMENT: wanted})
    assert not at.exception
    (warning,) = at.warning
    assert wanted in warning.value.replace("\\", "")
    assert not at.subheader
    assert "font-weight:600" not in html_of(at)
