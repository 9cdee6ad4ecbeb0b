"""The relationship over time, from the matching rows: meetings, who raised which sector when, and how strongly.

Each function takes the dataset and the matching tidy rows (one per statement
and sector, ``filters.apply``) and returns a small frame. A **side** here is a
country: a claim counts for its speaker's country, a claim the account gives to
both sides together counts for every country of its event, and a claim it
attributes to the meeting counts for none. An **account's side** is its
publisher's (``sources.side``): a country, or a third party.

- ``meetings``: the events on a time axis, with their participants and the
  number of accounts of each side;
- ``grid``: for each sector, event and side, the strongest commitment the side
  made there, "not mentioned", or "unknown" where an account's copy lacks that
  side's part;
- ``history``: for each sector, when it was first and last raised, at how many
  meetings, by which side, and where its strength moved;
- ``one_side_only``: the sectors that one side's accounts report and no other
  side's accounts ever do, with the meetings and statements behind each;
- ``convergence``: for each meeting, how many sectors both sides named in one
  account, only across accounts, one side only, or one side with the other's
  part unknown;
- ``labels`` and ``follow_ups``: the relationship's formula over time, and the
  statements that follow up earlier ones.
"""

from __future__ import annotations

import pandas as pd

from cooperation import aggregate
from cooperation import vocabulary as vocab
from cooperation.data import Dataset

NAMED, NOT_MENTIONED, UNKNOWN = "named", "not mentioned", "unknown"
UNKNOWN_OTHER = "one side, the other's part unknown"  # a convergence group: absence not shown
# The convergence groups over time, in the order they are stacked.
GROUPS = (aggregate.IN_ONE_ACCOUNT, aggregate.ACROSS_ACCOUNTS, aggregate.ONE_SIDE, UNKNOWN_OTHER)


def by_country(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with the country each counts for: its speaker's, or every country of its event for both sides."""
    return aggregate.by_country(ds, rows, ("statement_id", "strength_rank"))


def _events(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The events of the rows, in date order."""
    return ds.events[ds.events["event_id"].isin(set(rows["event_id"]))]


def _unknown_sides(ds: Dataset, accounts: pd.DataFrame) -> set[tuple[str, str]]:
    """(event, country) where some account of the event lacks the part of a participant of that country."""
    country = dict(zip(ds.speakers["speaker_id"], ds.speakers["country"]))
    event_of = dict(zip(ds.sources["source_id"], ds.sources["event_id"]))
    held = set(accounts["source_id"])
    return {
        (event_of[g.source_id], country[g.speaker_id]) for g in ds.gaps.itertuples() if g.source_id in held
    }


def accounts(ds: Dataset, rows: pd.DataFrame, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """The accounts the rows draw on: every account of their events (those of ``sources`` only, when given)."""
    mine = ds.sources[ds.sources["event_id"].isin(set(rows["event_id"]))]
    return mine[mine["source_id"].isin(sources)] if sources else mine


def accounts_name(side: str) -> str:
    """How a chart or table names the accounts a publishers' side published."""
    return "Third-party accounts" if side == vocab.THIRD_PARTY else f"{side} accounts"


def sides_of_accounts(ds: Dataset) -> tuple[str, ...]:
    """The publishers' sides: the countries, then third parties."""
    return (*ds.countries, vocab.THIRD_PARTY)


def meetings(
    ds: Dataset, rows: pd.DataFrame, events: pd.DataFrame | None = None, sources: tuple[str, ...] = ()
) -> pd.DataFrame:
    """One row per event (``events``, or those of the rows), in date order: date, title, kind, participants, accounts.

    Columns: event_id, date, title, kind, participants (names with their role that day, joined), statements
    (of the rows), and one column per side of the publishers (each country, then third party) counting the
    event's accounts (those of ``sources`` only, when given).
    """
    events = _events(ds, rows) if events is None else events
    mine = ds.sources[ds.sources["event_id"].isin(set(events["event_id"]))]
    mine = mine[mine["source_id"].isin(sources)] if sources else mine
    names = dict(zip(ds.speakers["speaker_id"], ds.speakers["name"]))
    people = (
        ds.participants.assign(
            who=[f"{names[s]} ({r})" for s, r in zip(ds.participants["speaker_id"], ds.participants["role"])]
        )
        .groupby("event_id")["who"]
        .agg("; ".join)
    )
    counts = mine.groupby(["event_id", "side"]).size()
    statements = rows.groupby("event_id")["statement_id"].nunique()
    frame = pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date": events["date"],
            "title": events["title"],
            "kind": events["kind"],
            "participants": events["event_id"].map(people).fillna(""),
            "statements": events["event_id"].map(statements).fillna(0).astype(int),
        }
    )
    for side in sides_of_accounts(ds):
        frame[side] = [int(counts.get((e, side), 0)) for e in frame["event_id"]]
    return frame.reset_index(drop=True)


def grid(ds: Dataset, rows: pd.DataFrame, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """For each sector of the rows (by theme), event and country: its state and the strongest strength.

    Columns: theme_id, theme, sector_id, sector, event_id, date, side, state (``NAMED``, ``NOT_MENTIONED`` or
    ``UNKNOWN``), strength ('' unless named), statement_ids (the statements behind a named cell, strongest first).
    """
    counted = by_country(ds, rows)
    best = counted.sort_values("strength_rank", kind="stable").groupby(["sector_id", "event_id", "country"])
    strongest = best["strength_rank"].min()
    behind = best["statement_id"].agg(lambda s: tuple(dict.fromkeys(s)))
    unknown = _unknown_sides(ds, accounts(ds, rows, sources))
    titles = dict(zip(ds.themes["theme_id"], ds.themes["title"]))
    present = set(rows["sector_id"])
    events = _events(ds, rows)
    out = []
    for sector in ds.sectors.itertuples():
        if sector.sector_id not in present:
            continue
        for event in events.itertuples():
            for side in ds.countries:
                key = (sector.sector_id, event.event_id, side)
                if key in strongest.index:
                    state, strength, ids = NAMED, ds.strengths[strongest[key]], behind[key]
                elif (event.event_id, side) in unknown:
                    state, strength, ids = UNKNOWN, "", ()
                else:
                    state, strength, ids = NOT_MENTIONED, "", ()
                out.append(
                    {
                        "theme_id": sector.theme_id,
                        "theme": titles[sector.theme_id],
                        "sector_id": sector.sector_id,
                        "sector": sector.label,
                        "event_id": event.event_id,
                        "date": event.date,
                        "side": side,
                        "state": state,
                        "strength": strength,
                        "statement_ids": ids,
                    }
                )
    columns = [
        "theme_id",
        "theme",
        "sector_id",
        "sector",
        "event_id",
        "date",
        "side",
        "state",
        "strength",
        "statement_ids",
    ]
    return pd.DataFrame(out, columns=columns)


def history(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """For each sector of the rows: first and last raised, at how many meetings, by which side, and strength moves.

    Columns: sector_id, sector, theme, first (date), first_event, first_by (countries, joined), first_statement,
    last, last_event, last_by, last_statement, meetings, one column per country (meetings at which it raised the
    sector), and moves: for each country whose strongest strength on the sector changed from one meeting to a
    later one, (country, ((date, strength, statement_id), ...)), a step at each change (``moves_text`` words it).
    A sector raised only by claims the accounts give to the meeting has no side, and no moves.
    """
    dates = dict(zip(ds.events["event_id"], ds.events["date"]))
    order = ["date", "strength_rank"]  # by date, the strongest first; ties in the rows' order
    counted = by_country(ds, rows)
    counted = counted.assign(date=counted["event_id"].map(dates)).sort_values(order, kind="stable")
    tidy = rows.assign(date=rows["event_id"].map(dates)).sort_values(order, kind="stable")
    # One pass over the rows, then plain lists per sector: filtering the frames once per sector is far slower.
    columns = ["date", "event_id", "statement_id"]
    raised = {
        k: list(zip(*(g[c].tolist() for c in columns))) for k, g in tidy.groupby("sector_id", sort=False)
    }
    sided_columns = ["date", "country", "strength_rank", "statement_id", "event_id"]
    sided_by = {
        k: list(zip(*(g[c].tolist() for c in sided_columns)))
        for k, g in counted.groupby("sector_id", sort=False)
    }
    titles = dict(zip(ds.themes["theme_id"], ds.themes["title"]))
    out = []
    for sector in ds.sectors.itertuples():
        mine = raised.get(sector.sector_id)
        if not mine:
            continue
        sided = sided_by.get(sector.sector_id, [])
        days = [day for day, _, _ in mine]
        row = {"sector_id": sector.sector_id, "sector": sector.label, "theme": titles[sector.theme_id]}
        for end, day in (("first", min(days)), ("last", max(days))):
            _, event_id, statement_id = mine[days.index(day)]  # the strongest of that day
            by = {country for when, country, *_ in sided if when == day}
            row.update(
                {
                    end: day,
                    f"{end}_event": event_id,
                    f"{end}_by": ", ".join(c for c in ds.countries if c in by) or vocab.UNNAMED,
                    f"{end}_statement": statement_id,
                }
            )
        row["meetings"] = len({event_id for _, event_id, _ in mine})
        for country in ds.countries:
            row[country] = len({event_id for _, c, _, _, event_id in sided if c == country})
        moves = []
        for country in ds.countries:
            steps = _steps(ds, [(day, rank, sid) for day, c, rank, sid, _ in sided if c == country])
            if len(steps) > 1:
                moves.append((country, tuple(steps)))
        row["moves"] = tuple(moves)
        out.append(row)
    return pd.DataFrame(out)


def moves_text(moves: tuple) -> str:
    """A sector's strength moves in words: "Norland: offer (2031-03-03) → pledge (2033-09-12)"."""
    return "; ".join(
        f"{country}: " + " → ".join(f"{strength} ({day})" for day, strength, _ in steps)
        for country, steps in moves
    )


def _steps(ds: Dataset, sided: list[tuple[object, int, str]]) -> list[tuple[object, str, str]]:
    """(date, strength, statement) at each meeting where a side's strongest strength on a sector changed.

    ``sided`` holds (date, strength rank, statement id) in date order, the strongest of each date first.
    """
    steps: list[tuple[object, str, str]] = []
    seen = None
    for day, rank, statement_id in sided:
        if day == seen:
            continue
        seen = day
        strength = ds.strengths[int(rank)]
        if not steps or steps[-1][1] != strength:
            steps.append((day, strength, statement_id))
    return steps


def one_side_only(ds: Dataset, rows: pd.DataFrame, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """The sectors that accounts of one side report and the accounts of every other side of the rows never do.

    Only accounts published by a country count (third parties' report neither side). Columns: side (the
    publishers' country), sector_id, sector, theme, meetings (event ids, date order), statement_ids.
    """
    tidy = rows[rows["account_side"].isin(ds.countries)]
    if sources:
        tidy = tidy[tidy["source_id"].isin(sources)]
    reported = tidy.groupby("sector_id")["account_side"].agg(set)
    dates = dict(zip(ds.events["event_id"], ds.events["date"]))
    titles = dict(zip(ds.themes["theme_id"], ds.themes["title"]))
    out = []
    for side in ds.countries:
        for sector in ds.sectors.itertuples():
            if reported.get(sector.sector_id) != {side}:
                continue
            mine = tidy[tidy["sector_id"] == sector.sector_id]
            out.append(
                {
                    "side": side,
                    "sector_id": sector.sector_id,
                    "sector": sector.label,
                    "theme": titles[sector.theme_id],
                    "meetings": tuple(sorted(set(mine["event_id"]), key=dates.__getitem__)),
                    "statement_ids": tuple(dict.fromkeys(mine["statement_id"])),
                }
            )
    return pd.DataFrame(out, columns=["side", "sector_id", "sector", "theme", "meetings", "statement_ids"])


def reported_by(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """For each sector of the rows, at how many meetings each publishers' side reported it (third parties too)."""
    counts = rows.groupby(["sector_id", "account_side"])["event_id"].nunique()
    out = []
    for sector in ds.sectors.itertuples():
        if sector.sector_id not in set(rows["sector_id"]):
            continue
        out.append(
            {
                "sector_id": sector.sector_id,
                "sector": sector.label,
                **{side: int(counts.get((sector.sector_id, side), 0)) for side in sides_of_accounts(ds)},
            }
        )
    return pd.DataFrame(out, columns=["sector_id", "sector", *sides_of_accounts(ds)])


def convergence(ds: Dataset, rows: pd.DataFrame, sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """For each meeting of the rows: how many of its sectors fall in each convergence group (``GROUPS``).

    A sector one side named where an account of the meeting lacks the other side's part is ``UNKNOWN_OTHER``,
    not ``ONE_SIDE``: its absence is not shown. Columns: event_id, date, title, then one per group.
    """
    unknown = _unknown_sides(ds, accounts(ds, rows, sources))
    named = by_country(ds, rows).groupby(["event_id", "sector_id"])["country"].agg(set).to_dict()
    agreed = aggregate.agreement_by_event(ds, rows)
    by_event: dict[str, list[tuple[str, str]]] = {}
    for (event_id, sector), kind in agreed.items():
        by_event.setdefault(event_id, []).append((sector, kind))
    out = []
    for event in _events(ds, rows).itertuples():
        others = set(ds.event_countries.get(event.event_id, ()))
        groups = dict.fromkeys(GROUPS, 0)
        for sector, kind in by_event.get(event.event_id, ()):
            missing = others - named.get((event.event_id, sector), set())
            if kind == aggregate.ONE_SIDE and any((event.event_id, c) in unknown for c in missing):
                kind = UNKNOWN_OTHER
            groups[kind] += 1
        out.append({"event_id": event.event_id, "date": event.date, "title": event.title, **groups})
    return pd.DataFrame(out, columns=["event_id", "date", "title", *GROUPS])


def labels(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The statements that name the relationship's formula, or follow up one that does, by date.

    Columns: statement_id, date, event_id, name (the speaker, the sides together or the meeting), account,
    account_side, formula (the account's words; for a follow-up, the formula of the statement it recalls), recalled
    (whether the formula is the earlier statement's), summary.
    """
    formulas = dict(zip(ds.statements["statement_id"], ds.statements["formula"]))
    mine = rows.drop_duplicates("statement_id")
    recalled = mine["follows_up"].map(formulas).fillna("")
    named = mine["formula"].where(mine["formula"] != "", recalled)
    mine = mine.assign(_formula=named)[named != ""].sort_values(["day", "statement_row"], kind="stable")
    return pd.DataFrame(
        {
            "statement_id": mine["statement_id"],
            "date": mine["date"],
            "event_id": mine["event_id"],
            "name": mine["name"],
            "account": mine["source_title"],
            "account_side": mine["account_side"],
            "formula": mine["_formula"],
            "recalled": mine["formula"] == "",
            "summary": mine["summary"],
        }
    ).reset_index(drop=True)


def follow_ups(ds: Dataset, rows: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """Each (earlier statement, the later statement that follows it up), the later among the rows, by its date."""
    later = ds.statements.iloc[sorted(set(rows["statement_row"]))]
    later = later[later["follows_up"] != ""].sort_values("day", kind="stable")
    by_id = ds.statements_by_id
    return [(by_id.loc[s.follows_up], later.loc[s.Index]) for s in later.itertuples()]


def followed_up(ds: Dataset, rows: pd.DataFrame) -> list[tuple[pd.Series, list[pd.Series]]]:
    """The pairs of ``follow_ups`` by their earlier statement: each with its later ones, earlier statements by date."""
    grouped: dict[str, tuple[pd.Series, list[pd.Series]]] = {}
    for earlier, later in follow_ups(ds, rows):
        grouped.setdefault(earlier["statement_id"], (earlier, []))[1].append(later)
    return sorted(grouped.values(), key=lambda group: group[0]["day"])
