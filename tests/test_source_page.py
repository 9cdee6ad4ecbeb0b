"""The source page in AppTest: the whole text with every quote marked, and one statement singled out by a link."""

from __future__ import annotations

import re

import pytest

from cooperation import routes
from tests.helpers import MEETING, escaped, html_blocks, html_of, md_unescape, page, param, rewrite, row, rows


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


EVENTS = [e["event_id"] for e in rows(MEETING, "events")]


def _event(source_id: str) -> str:
    return row(MEETING, "sources", "source_id", source_id)["event_id"]


@pytest.mark.parametrize("event_id", EVENTS)
def test_source_page_marks_every_quote_and_counts_sentences(monkeypatch, event_id):
    """Every quote of the meeting shown lies inside a highlight; each text held has its metric, every sentence counted."""
    at = page(monkeypatch, routes.SOURCE, **{routes.MEETING: event_id})
    assert not at.exception
    marks = " | ".join(_marked(html_of(at)))
    for statement in rows(MEETING, "statements"):
        if statement["evidence"] == "quote" and _event(statement["source_id"]) == event_id:
            assert escaped(" ".join(statement["quote"].split())) in marks, statement["statement_id"]
    coverage = [m.value for m in at.metric if m.label == "Sentences accounted for"]
    held = [s for s in rows(MEETING, "sources") if s["text_path"] and s["event_id"] == event_id]
    assert len(coverage) == len(held)
    assert all(re.fullmatch(r"(\d+) of \1", c) for c in coverage), coverage


@pytest.mark.parametrize("event_id", EVENTS)
def test_an_account_without_text_shows_its_facts_link_and_statements(monkeypatch, event_id):
    """A source whose text is not held lists its facts, its link, what is unknown, and its statements as paraphrase."""
    at = page(monkeypatch, routes.SOURCE, **{routes.MEETING: event_id})
    body = html_of(at)
    sources = [s for s in rows(MEETING, "sources") if s["event_id"] == event_id]
    for source in rows(MEETING, "sources"):
        assert (escaped(source["url"]) in body) == (source in sources), source["source_id"]
    for statement in rows(MEETING, "statements"):
        if statement["evidence"] == "paraphrase" and _event(statement["source_id"]) == event_id:
            assert escaped(statement["summary"]) in body
    for gap in rows(MEETING, "gaps"):
        if _event(gap["source_id"]) == event_id:
            assert escaped(gap["note"]) in body
    if any(not s["text_path"] for s in sources):
        assert any("do not hold this account's text" in i.value for i in at.info)


def test_the_source_page_shows_one_meeting_at_a_time_newest_first(monkeypatch):
    """Without a meeting in the link, the newest is shown; the picker lists every meeting, newest first."""
    events = sorted(rows(MEETING, "events"), key=lambda e: e["date"], reverse=True)
    at = page(monkeypatch, routes.SOURCE)
    assert not at.exception
    picker = at.selectbox(key="source-meeting")
    assert picker.value == events[0]["event_id"]
    assert picker.options == [f"{e['date']} · {e['title']}" for e in events]
    shown = [md_unescape(h.value) for h in at.main.header]
    assert shown == [f"{events[0]['title']}, {events[0]['date']}"]


def test_a_statement_link_opens_its_meeting(monkeypatch):
    """A link to a statement of an older meeting shows that meeting, not the newest."""
    oldest = min(rows(MEETING, "events"), key=lambda e: e["date"])
    statement = next(s for s in rows(MEETING, "statements") if _event(s["source_id"]) == oldest["event_id"])
    at = page(monkeypatch, routes.SOURCE, **{routes.STATEMENT: statement["statement_id"]})
    assert at.selectbox(key="source-meeting").value == oldest["event_id"]
    assert (
        param(at, routes.MEETING) == []
    )  # the statement's id already says which meeting: the link stays as followed


def test_the_accounts_filter_chooses_the_sources_shown(monkeypatch):
    """With the Accounts filter set, the page shows those accounts only, and says so."""
    sources = rows(MEETING, "sources")
    at = page(monkeypatch, routes.SOURCE, source=[sources[1]["source_id"]])
    titles = [md_unescape(h.value) for h in at.subheader]
    assert sources[1]["title"] in titles
    assert sources[0]["title"] not in titles
    assert any(f"Showing 1 of {len(sources)} accounts" in c.value for c in at.caption)


def _each(evidence: str):
    """Run a test once for every statement of the fixture with this kind of evidence, named by its id."""
    return pytest.mark.parametrize(
        "statement",
        [s for s in rows(MEETING, "statements") if s["evidence"] == evidence],
        ids=lambda s: s["statement_id"],
    )


@_each("quote")
def test_a_statement_link_shows_its_quote_in_context(monkeypatch, statement):
    """A link to one quoted statement shows its card, then its quote marked among the sentences around it."""
    at = page(monkeypatch, routes.SOURCE, **{routes.STATEMENT: statement["statement_id"]})
    assert not at.exception
    assert at.header[0].value == "The statement you followed"
    card, context, *_ = html_blocks(at)
    assert escaped(statement["summary"]) in card
    assert escaped(statement["quote"]) in card
    assert f"{routes.SOURCE}?{routes.STATEMENT}=" not in card  # no link to the page it is on
    (marked,) = _marked(context)
    assert marked == escaped(" ".join(statement["quote"].split()))
    shown = " ".join(re.sub(r"<[^>]+>", "", context).split())
    assert shown in escaped(" ".join(_text(statement["source_id"]).split()))
    assert len(shown) > len(marked)  # the sentences around it too
    emphasised = re.findall(r'<mark class="[^"]*cd-emphasis[^"]*"[^>]*>(.*?)</mark>', html_of(at), flags=re.S)
    assert [" ".join(m.split()) for m in emphasised] == [marked, marked]  # in the passage and the text only


@_each("paraphrase")
def test_a_link_to_a_paraphrase_shows_its_card_and_no_passage(monkeypatch, statement):
    """A link to a paraphrased statement shows its card, says there is no passage, and marks nothing."""
    at = page(monkeypatch, routes.SOURCE, **{routes.STATEMENT: statement["statement_id"]})
    assert not at.exception
    assert at.header[0].value == "The statement you followed"
    card = html_blocks(at)[0]
    assert escaped(statement["summary"]) in card
    assert "Paraphrase." in card
    assert any("no passage to show" in c.value for c in at.caption)
    assert re.search(r'<mark class="[^"]*cd-emphasis', html_of(at)) is None


@pytest.mark.parametrize("wanted", ["no-such-statement", "$x$ :red[y] <b>z</b>"])
def test_an_unknown_statement_link_says_so(monkeypatch, wanted):
    """A link to a statement id that does not exist says so, literally, and singles nothing out."""
    at = page(monkeypatch, routes.SOURCE, **{routes.STATEMENT: wanted})
    assert not at.exception
    (warning,) = at.warning
    assert wanted in md_unescape(warning.value)
    assert "The statement you followed" not in [h.value for h in at.header]
    assert re.search(r'<mark class="[^"]*cd-emphasis', html_of(at)) is None


def test_an_account_with_no_claim_coded_shows_what_it_reports(data_copy, monkeypatch):
    """An account whose text is not held and from which no claim is coded (only narration) still has its place."""
    source = next(s for s in rows(data_copy, "sources") if not s["text_path"])
    rewrite(data_copy / "statements.csv", lambda i, r: None if r["source_id"] == source["source_id"] else r)
    at = page(monkeypatch, routes.SOURCE, data=data_copy, **{routes.MEETING: source["event_id"]})
    assert not at.exception
    assert any("No claim of either side is coded from this account" in c.value for c in at.caption)
    for narration in rows(data_copy, "narration"):
        if narration["source_id"] == source["source_id"]:
            assert escaped(narration["text"]) in html_of(at)
