"""The accounts compared: computed from the data (checked against the CSVs), and shown on their page."""

from __future__ import annotations

import html
import re

import pytest

from cooperation import compare, load, routes
from tests.helpers import MEETING, UNNAMED, escaped, expected, html_of, md_unescape, metric, page, param, rows

EVENTS = {e["event_id"]: e for e in rows(MEETING, "events")}
SOURCES = rows(MEETING, "sources")
STATEMENTS = rows(MEETING, "statements")
COMPARED = next(e for e in EVENTS if sum(s["event_id"] == e for s in SOURCES) > 1)
ALONE = next(e for e in EVENTS if sum(s["event_id"] == e for s in SOURCES) == 1)


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def _event_of(statement: dict) -> str:
    return _source_event(statement["source_id"])


def _source_event(source_id: str) -> str:
    return next(s["event_id"] for s in SOURCES if s["source_id"] == source_id)


def _groups() -> list[set[str]]:
    """The claims several statements share, from the same-claim links, merged transitively."""
    groups = [{s["statement_id"]} for s in STATEMENTS]
    for s in STATEMENTS:
        if s["same_claim_as"]:
            joined = [g for g in groups if s["statement_id"] in g or s["same_claim_as"] in g]
            groups = [g for g in groups if g not in joined] + [set().union(*joined)]
    return groups


def _reach(statement: dict) -> tuple[set[str], set[str]]:
    """(other accounts that report the claim, other accounts where it is unknown), from the CSVs."""
    event = _event_of(statement)
    others = {s["source_id"] for s in SOURCES if s["event_id"] == event} - {statement["source_id"]}
    if statement["attribution"] == "meeting":
        covered = {
            a
            for a in others
            if set(statement["sectors"].split(";"))
            <= {x for s in STATEMENTS if s["source_id"] == a for x in s["sectors"].split(";")}
        }
    else:
        group = next(g for g in _groups() if statement["statement_id"] in g)
        covered = {s["source_id"] for s in STATEMENTS if s["statement_id"] in group} & others
    gaps = {(g["source_id"], g["speaker_id"]) for g in rows(MEETING, "gaps")}
    unknown = {a for a in others if (a, statement["speaker_id"]) in gaps} - covered
    return covered, unknown


def test_reach_matches_the_csv(ds):
    """For every statement of the compared event, which other accounts report it and where that is unknown."""
    found = {
        r.statement["statement_id"]: (set(r.reported_in), set(r.unknown_in))
        for r in compare.reach(ds, COMPARED)
    }
    want = {s["statement_id"]: _reach(s) for s in STATEMENTS if _event_of(s) == COMPARED}
    assert found == want
    assert any(unknown for _, unknown in want.values())  # the fixture has a gap that matters
    alone = {r.statement["statement_id"] for r in compare.only_in(ds, COMPARED)}
    assert alone == {s for s, (covered, _) in want.items() if not covered}


def test_the_matrix_matches_the_csv(ds):
    """Each cell: the strongest strength the account reports that speaker naming the sector, else unknown or not mentioned."""
    strengths = ds.strengths
    gaps = {(g["source_id"], g["speaker_id"]) for g in rows(MEETING, "gaps")}
    frame = compare.matrix(ds, COMPARED)
    assert len(frame) == frame[["sector_id", "speaker", "source_id"]].drop_duplicates().shape[0]
    for cell in frame.itertuples():
        said = [
            s["strength"]
            for s in STATEMENTS
            if s["source_id"] == cell.source_id
            and cell.sector_id in s["sectors"].split(";")
            and (s["speaker_id"] or None) == (None if cell.speaker == UNNAMED else cell.speaker_id)
        ]
        if said:
            assert (cell.state, cell.strength) == (compare.NAMED, min(said, key=strengths.index))
        elif (cell.source_id, cell.speaker_id) in gaps:
            assert cell.state == compare.UNKNOWN
        else:
            assert cell.state == compare.NOT_MENTIONED
    assert {compare.NAMED, compare.UNKNOWN, compare.NOT_MENTIONED} == set(frame["state"])


def test_same_claims_follow_the_links(ds):
    """A claim reported by several accounts holds exactly the statements its links join."""
    found = [set(c["statement_id"]) for c in compare.same_claims(ds, COMPARED)]
    mine = {s["statement_id"] for s in STATEMENTS if _event_of(s) == COMPARED}
    assert sorted(map(sorted, found)) == sorted(sorted(g) for g in _groups() if len(g) > 1 and g <= mine)


def test_words_that_differ_are_marked(ds):
    """Quotes are compared where every account's text is held, summaries otherwise; only differing words are marked."""
    claims = {tuple(c["statement_id"]): c for c in compare.same_claims(ds, COMPARED)}
    for ids, claim in claims.items():
        kind, texts = compare.compared_texts(claim)
        held = all(s["text_path"] for s in SOURCES if s["source_id"] in set(claim["source_id"]))
        assert kind == ("quote" if held else "summary"), ids
        marked = compare.differing_words(texts)
        assert [" ".join(w for w, _ in words) for words in marked] == [" ".join(t.split()) for t in texts]
        for words, text in zip(marked[1:], texts[1:]):
            same = {re.sub(r"\W", "", w).lower() for w in texts[0].split()}
            for word, differs in words:
                if not differs:
                    assert re.sub(r"\W", "", word).lower() in same, (ids, word, text)
    assert any(
        d
        for c in claims.values()
        for words in compare.differing_words(compare.compared_texts(c)[1])
        for _, d in words
    )


def test_exchanges_follow_the_answers(ds):
    """Each exchange is a statement and the statement of the same account that answers it."""
    found = [(a["statement_id"], b["statement_id"]) for a, b in compare.exchanges(ds, COMPARED)]
    want = [
        (s["answers"], s["statement_id"]) for s in STATEMENTS if s["answers"] and _event_of(s) == COMPARED
    ]
    assert found == want
    assert want


def _links(body: str) -> set[str]:
    return {
        re.search(r"statement=([a-z0-9-]+)", html.unescape(h)).group(1)
        for h in re.findall(rf'href="({routes.SOURCE}\?[^"]*)"', body)
    }


def test_the_page_shows_what_only_one_account_reports(monkeypatch, ds):
    """The 'only one account' lists hold exactly the claims the data leaves to one account, for the compared event only."""
    at = page(monkeypatch, routes.ACCOUNTS, **{routes.MEETING: COMPARED})
    assert not at.exception
    headers = [md_unescape(h.value) for h in at.header]
    assert any(EVENTS[COMPARED]["title"] in h for h in headers)
    assert not any(EVENTS[ALONE]["title"] in h for h in headers)  # one account: nothing to compare
    lists = "".join(
        h.proto.body for h in at.get("html") if "on the source page" in h.proto.body and "<ul" in h.proto.body
    )
    alone = {r.statement["statement_id"] for r in compare.only_in(ds, COMPARED)}
    assert _links(lists) == alone
    assert alone
    body = html_of(at)
    for gap in rows(MEETING, "gaps"):
        if _source_event(gap["source_id"]) == COMPARED:
            assert escaped(gap["note"]) in body


def test_the_comparison_shows_one_meeting_at_a_time_newest_first(monkeypatch, ds):
    """With several meetings to compare, the newest is shown, and the others are picked in the page."""
    assert len(ds.compared_events) > 1  # the fixture is made so
    newest = max(ds.compared_events, key=lambda e: EVENTS[e]["date"])
    at = page(monkeypatch, routes.ACCOUNTS)
    assert not at.exception
    assert param(at, routes.MEETING) == [newest]
    picker = at.selectbox(key="accounts-meeting")
    assert picker.value == newest
    assert picker.options == [
        ds.event_labels[e] for e in sorted(ds.compared_events, key=lambda e: EVENTS[e]["date"], reverse=True)
    ]
    assert ds.event_labels[ALONE] not in picker.options  # one account: nothing to compare
    assert any(EVENTS[newest]["title"] in md_unescape(h.value) for h in at.header)


def test_the_page_follows_the_filters(monkeypatch):
    """The sector filter narrows the matrix and the lists; the account filter, the accounts shown."""
    sector = "grid-links"
    at = page(monkeypatch, routes.ACCOUNTS, sector=[sector])
    assert not at.exception
    lists = "".join(h.proto.body for h in at.get("html") if "on the source page" in h.proto.body)
    assert _links(lists) <= expected(MEETING, sector)
    matrix = next(h.proto.body for h in at.get("html") if "<caption" in h.proto.body)
    label = next(s["label"] for s in rows(MEETING, "sectors") if s["sector_id"] == sector)
    assert re.findall(r'<th scope="row"[^>]*>(.*?)</th>', matrix) == [escaped(label)]
    one = next(s for s in SOURCES if s["event_id"] == COMPARED)
    at = page(
        monkeypatch, routes.ACCOUNTS, source=[one["source_id"]]
    )  # the page turns to that account's meeting
    assert [md_unescape(h.value) for h in at.get("markdown") if h.value.startswith("####")] == [
        f"#### {one['label'] or one['publisher']}"
    ]
    assert param(at, routes.ACCOUNT) == [one["source_id"]]


@pytest.mark.parametrize("path", [routes.OVERVIEW, routes.ACCOUNTS, routes.SOURCE, "energy"])
def test_the_account_filter_changes_counts_on_every_page(monkeypatch, path):
    """?source=<id> is read from the link, kept in it, and every count follows it."""
    source = next(s for s in SOURCES if not s["text_path"])
    at = page(monkeypatch, path, source=[source["source_id"]])
    assert not at.exception
    assert at.multiselect(key=routes.ACCOUNT).value == [source["source_id"]]
    assert param(at, routes.ACCOUNT) == [source["source_id"]]
    if path in (routes.OVERVIEW, "energy"):
        mine = {s["statement_id"] for s in STATEMENTS if s["source_id"] == source["source_id"]}
        theme = None if path == routes.OVERVIEW else path
        assert metric(at, "Statements") == str(len(mine & expected(MEETING, theme=theme)))
        assert metric(at, "Accounts") == "1"
