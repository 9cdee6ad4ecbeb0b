"""The relationship over time (``cooperation.timeline``), checked against values worked out from the CSVs.

Each aggregate is compared with a plain reading of the meeting fixture's files
(three events, six accounts, a claim of both sides, a claim given to the
meeting, two copies cut off), written here without the code under test, and
with a few values read off the files by hand.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from cooperation import aggregate, load, timeline
from cooperation import filters as flt
from tests.helpers import MEETING, UNNAMED, event_countries, rows

SOURCES = {s["source_id"]: s for s in rows(MEETING, "sources")}
EVENTS = {e["event_id"]: e for e in rows(MEETING, "events")}
COUNTRY = {s["speaker_id"]: s["country"] for s in rows(MEETING, "speakers")}
COUNTRIES = event_countries(MEETING)
STATEMENTS = rows(MEETING, "statements")
GAPS = rows(MEETING, "gaps")


def _scale() -> list[str]:
    """The strengths, strongest first, as the descriptor declares them."""
    package = json.loads((MEETING / "datapackage.json").read_text(encoding="utf-8"))
    (statements,) = (r for r in package["resources"] if r["name"] == "statements")
    (field,) = (f for f in statements["schema"]["fields"] if f["name"] == "strength")
    return field["constraints"]["enum"]


SCALE = _scale()


def _event(statement: dict) -> str:
    return SOURCES[statement["source_id"]]["event_id"]


def _day(event_id: str) -> date:
    return date.fromisoformat(EVENTS[event_id]["date"])


def _claims() -> list[tuple[dict, str, str]]:
    """(statement, sector, country) for every country a claim counts for: its speaker's, or all for both sides."""
    out = []
    for s in STATEMENTS:
        if s["attribution"] == "speaker":
            countries = [COUNTRY[s["speaker_id"]]]
        elif s["attribution"] == "both":
            countries = sorted(COUNTRIES[_event(s)])
        else:
            countries = []
        out += [(s, x, c) for x in s["sectors"].split(";") for c in countries]
    return out


def _unknown() -> set[tuple[str, str]]:
    """(event, country) where an account's copy breaks off before a participant of that country."""
    return {(SOURCES[g["source_id"]]["event_id"], COUNTRY[g["speaker_id"]]) for g in GAPS}


def _sectors_of(statement: dict) -> list[str]:
    return statement["sectors"].split(";")


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


@pytest.fixture(scope="module")
def every(ds):
    return flt.apply(ds, flt.Filters())


def test_the_fixture_has_what_these_tests_need():
    """Several events, a claim of both sides, one given to the meeting, cut-off copies, a third-party account."""
    assert len(EVENTS) >= 3
    assert {s["attribution"] for s in STATEMENTS} == {"speaker", "both", "meeting"}
    assert GAPS
    assert "third party" in {s["side"] for s in SOURCES.values()}


def test_the_meetings_have_their_dates_participants_and_accounts_by_side(ds, every):
    """One row per event in date order, its participants with the role of the day, its accounts counted by side."""
    frame = timeline.meetings(ds, every)
    assert list(frame["event_id"]) == sorted(EVENTS, key=_day)
    names = {s["speaker_id"]: s["name"] for s in rows(MEETING, "speakers")}
    for r in frame.itertuples():
        who = [
            f"{names[p['speaker_id']]} ({p['role']})"
            for p in rows(MEETING, "participants")
            if p["event_id"] == r.event_id
        ]
        assert r.participants == "; ".join(who)
        mine = [s for s in SOURCES.values() if s["event_id"] == r.event_id]
        for side in {s["side"] for s in SOURCES.values()}:
            assert frame.loc[r.Index, side] == sum(s["side"] == side for s in mine)
        assert r.statements == sum(_event(s) == r.event_id for s in STATEMENTS)
    talks = frame.set_index("event_id").loc["talks-2033-09-12"]
    assert "Ana Vell (Foreign Minister of Norland)" in talks["participants"]  # her role that day, not in 2031


def test_the_grid_gives_each_side_its_strongest_commitment_or_says_why_not(ds, every):
    """Each cell: the strongest strength the side's claims give the sector at the meeting; else unknown where a
    copy lacks that side's part; else not mentioned."""
    strongest: dict[tuple[str, str, str], int] = {}
    for s, x, c in _claims():
        key = (x, _event(s), c)
        strongest[key] = min(strongest.get(key, len(SCALE)), SCALE.index(s["strength"]))
    sectors = {x for s in STATEMENTS for x in _sectors_of(s)}
    frame = timeline.grid(ds, every)
    found = {(r.sector_id, r.event_id, r.side): (r.state, r.strength) for r in frame.itertuples()}
    countries = sorted({c for cs in COUNTRIES.values() for c in cs})
    want = {}
    for x in sectors:
        for e in EVENTS:
            for c in countries:
                if (x, e, c) in strongest:
                    want[(x, e, c)] = (timeline.NAMED, SCALE[strongest[(x, e, c)]])
                elif (e, c) in _unknown():
                    want[(x, e, c)] = (timeline.UNKNOWN, "")
                else:
                    want[(x, e, c)] = (timeline.NOT_MENTIONED, "")
    assert found == want
    # Read off the files: the joint wind farm the sides agreed to in 2033 is a pledge for each.
    assert found[("offshore-wind", "talks-2033-09-12", "Suderia")] == (timeline.NAMED, "pledge")
    assert found[("offshore-wind", "talks-2033-09-12", "Norland")] == (timeline.NAMED, "pledge")
    # The ministry's note breaks off before Brand, but the Courier reports him naming grid links: named.
    assert found[("grid-links", "call-2031-03-03", "Suderia")] == (timeline.NAMED, "hope")
    assert found[("students", "call-2031-03-03", "Suderia")] == (timeline.UNKNOWN, "")


def test_the_grid_is_grouped_by_theme_and_its_cells_lead_to_statements(ds, every):
    """Sectors come theme by theme in the sectors' order; a named cell holds its statements, strongest first."""
    frame = timeline.grid(ds, every)
    themes = [t["theme_id"] for t in sorted(rows(MEETING, "themes"), key=lambda t: int(t["order"]))]
    order = [x["sector_id"] for t in themes for x in rows(MEETING, "sectors") if x["theme_id"] == t]
    shown = list(dict.fromkeys(frame["sector_id"]))
    assert shown == [x for x in order if x in shown]
    by_id = {s["statement_id"]: s for s in STATEMENTS}
    for r in frame[frame["state"] == timeline.NAMED].itertuples():
        ranks = [SCALE.index(by_id[i]["strength"]) for i in r.statement_ids]
        assert ranks == sorted(ranks)
        assert SCALE[ranks[0]] == r.strength
        assert all(
            r.sector_id in _sectors_of(by_id[i]) and _event(by_id[i]) == r.event_id for i in r.statement_ids
        )


def test_each_sectors_history_first_last_meetings_sides_and_moves(ds, every):
    """First and last raised, at how many meetings, by which side, and each change of a side's strongest strength."""
    frame = timeline.history(ds, every).set_index("sector_id")
    raised: dict[str, set[str]] = defaultdict(set)
    for s in STATEMENTS:
        for x in _sectors_of(s):
            raised[x].add(_event(s))
    assert set(frame.index) == set(raised)
    by_side: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for s, x, c in _claims():
        e = _event(s)
        by_side[(x, c)][e] = min(by_side[(x, c)].get(e, len(SCALE)), SCALE.index(s["strength"]))
    for x, events in raised.items():
        r = frame.loc[x]
        first, last = min(events, key=_day), max(events, key=_day)
        assert (r["first"], r["last"], r["meetings"]) == (_day(first), _day(last), len(events))
        for end, day in (("first", _day(first)), ("last", _day(last))):
            sides = [c for c in ("Norland", "Suderia") if any(_day(e) == day for e in by_side[(x, c)])]
            assert r[f"{end}_by"] == (", ".join(sides) or UNNAMED)
        moves = []
        for c in ("Norland", "Suderia"):
            assert r[c] == len(by_side[(x, c)])
            steps = []
            for e in sorted(by_side[(x, c)], key=_day):
                strength = SCALE[by_side[(x, c)][e]]
                if not steps or steps[-1][1] != strength:
                    steps.append((_day(e), strength))
            if len(steps) > 1:
                moves.append((c, steps))
        assert [(c, [(d, s) for d, s, _ in steps]) for c, steps in r["moves"]] == moves
    # Read off the files: Norland offered grid links in the call, pledged them at the summit, then stated a fact.
    assert timeline.moves_text(frame.loc["grid-links", "moves"]) == (
        "Norland: offer (2031-03-03) → pledge (2031-06-09) → position (2033-09-12)"
    )
    assert frame.loc["fisheries", "first_by"] == UNNAMED  # only ever given to the meeting


def test_a_move_links_the_statement_behind_each_step(ds, every):
    """Each step of a move names a statement of that side, meeting and sector, with that strength."""
    by_id = {s["statement_id"]: s for s in STATEMENTS}
    for r in timeline.history(ds, every).itertuples():
        for country, steps in r.moves:
            for day, strength, statement_id in steps:
                s = by_id[statement_id]
                assert (_day(_event(s)), s["strength"]) == (day, strength)
                assert r.sector_id in _sectors_of(s)
                assert s["attribution"] == "both" or COUNTRY[s["speaker_id"]] == country


def test_what_only_one_sides_accounts_report(ds, every):
    """The sectors that accounts one country published report and the other country's accounts never do."""
    sides: dict[str, set[str]] = defaultdict(set)
    for s in STATEMENTS:
        publisher = SOURCES[s["source_id"]]["side"]
        if publisher != "third party":
            for x in _sectors_of(s):
                sides[x].add(publisher)
    frame = timeline.one_side_only(ds, every)
    assert {(r.side, r.sector_id) for r in frame.itertuples()} == {
        (next(iter(v)), x) for x, v in sides.items() if len(v) == 1
    }
    for r in frame.itertuples():
        behind = [
            s
            for s in STATEMENTS
            if r.sector_id in _sectors_of(s) and SOURCES[s["source_id"]]["side"] == r.side
        ]
        assert set(r.statement_ids) == {s["statement_id"] for s in behind}
        assert list(r.meetings) == sorted({_event(s) for s in behind}, key=_day)
    # Read off the files: only the Courier, a Suderian paper, reports the fishing rights discussed.
    assert ("Suderia", "fisheries") in {(r.side, r.sector_id) for r in frame.itertuples()}
    # Logistics is in a Norland and a Suderian account (and the third party's): not one side's only.
    assert "logistics" not in set(frame["sector_id"])


def test_convergence_per_meeting(ds, every):
    """For each meeting, its sectors by how the sides named them: in one account, only across accounts, one side,
    or one side where a copy lacks the other side's part."""
    in_account: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    in_event: dict[tuple[str, str], set[str]] = defaultdict(set)
    present: dict[str, set[str]] = defaultdict(set)
    for s in STATEMENTS:
        for x in _sectors_of(s):
            present[_event(s)].add(x)
    for s, x, c in _claims():
        in_account[(_event(s), s["source_id"], x)].add(c)
        in_event[(_event(s), x)].add(c)
    want = {}
    for e, sectors in present.items():
        need = COUNTRIES[e]
        groups = dict.fromkeys(timeline.GROUPS, 0)
        for x in sectors:
            if any(k[0] == e and k[2] == x and v >= need for k, v in in_account.items()):
                groups[aggregate.IN_ONE_ACCOUNT] += 1
            elif in_event[(e, x)] >= need:
                groups[aggregate.ACROSS_ACCOUNTS] += 1
            elif any((e, c) in _unknown() for c in need - in_event[(e, x)]):
                groups[timeline.UNKNOWN_OTHER] += 1
            else:
                groups[aggregate.ONE_SIDE] += 1
        want[e] = groups
    frame = timeline.convergence(ds, every)
    assert list(frame["event_id"]) == sorted(present, key=_day)
    assert {r["event_id"]: {g: r[g] for g in timeline.GROUPS} for _, r in frame.iterrows()} == want
    # Read off the files: at the 2033 talks both sides agreed on offshore wind in one account.
    assert want["talks-2033-09-12"][aggregate.IN_ONE_ACCOUNT] >= 1


def test_the_relationships_label_and_follow_ups(ds, every):
    """Each statement that names the formula, or follows up one that does, by date; each follow-up as a pair."""
    by_id = {s["statement_id"]: s for s in STATEMENTS}
    labelled = [
        s for s in STATEMENTS if s["formula"] or (s["follows_up"] and by_id[s["follows_up"]]["formula"])
    ]
    frame = timeline.labels(ds, every)
    assert list(frame["statement_id"]) == [
        s["statement_id"] for s in sorted(labelled, key=lambda s: _day(_event(s)))
    ]
    assert list(frame["formula"]) == [
        s["formula"] or by_id[s["follows_up"]]["formula"]
        for s in sorted(labelled, key=lambda s: _day(_event(s)))
    ]
    pairs = [(a["statement_id"], b["statement_id"]) for a, b in timeline.follow_ups(ds, every)]
    assert pairs == [(s["follows_up"], s["statement_id"]) for s in STATEMENTS if s["follows_up"]]
    assert pairs  # the 2033 gazette recalls the grids pledged at the summit


@pytest.mark.parametrize(
    ("filters", "events"),
    [
        (flt.Filters(event=("summit-2031-06-09",)), {"summit-2031-06-09"}),
        (flt.Filters(start=date(2031, 6, 1)), {"summit-2031-06-09", "talks-2033-09-12"}),
        (flt.Filters(end=date(2031, 12, 31)), {"call-2031-03-03", "summit-2031-06-09"}),
    ],
    ids=["one meeting", "from a date", "up to a date"],
)
def test_every_aggregate_follows_the_meeting_and_period_filters(ds, filters, events):
    """With meetings or a period chosen, every aggregate draws on those meetings only."""
    matching = flt.apply(ds, filters)
    assert set(matching["event_id"]) == events
    assert set(timeline.meetings(ds, matching)["event_id"]) == events
    assert set(timeline.grid(ds, matching)["event_id"]) == events
    assert set(timeline.convergence(ds, matching)["event_id"]) == events
    history = timeline.history(ds, matching)
    assert set(history["first"]) | set(history["last"]) <= {_day(e) for e in events}
    for r in timeline.one_side_only(ds, matching).itertuples():
        assert set(r.meetings) <= events
