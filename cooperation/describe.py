"""Each chart in words: a one-sentence takeaway and the chart's numbers as a table, for every reader.

A screen reader cannot read a plotly chart, and a sighted reader may want the
exact figures: each chart's aggregate (``cooperation.aggregate``) is described
here, computed from the data, never typed in.
"""

from __future__ import annotations

import itertools

import pandas as pd

from cooperation import aggregate, timeline
from cooperation import vocabulary as vocab
from cooperation.data import TOGETHER, UNNAMED, Dataset
from cooperation.vocabulary import NO_SPEAKER_CLAIMS
from cooperation.vocabulary import listed as _listed
from cooperation.vocabulary import plural as _plural


def convergence(ds: Dataset, frame: pd.DataFrame) -> str:
    """How many sectors every side named in one account, and each country's strongest commitments."""
    agreed = frame.drop_duplicates("sector_id")["agreement"]
    both = ds.every_side
    named = int((agreed == aggregate.IN_ONE_ACCOUNT).sum())
    parts = [
        f"{named} of {_plural(len(agreed), 'sector')} {'was' if named == 1 else 'were'} named by {both} in one account"
    ]
    across = int((agreed == aggregate.ACROSS_ACCOUNTS).sum())
    if across:
        parts[0] += f", and {across} more only across accounts"
    for country in ds.countries:
        mine = frame[frame["side"] == country]
        if not mine.empty:
            best = mine[mine["rank"] == mine["rank"].min()]
            parts.append(
                f"{country} committed most strongly ({best['strongest'].iloc[0]}) on {_listed(list(best['sector']))}"
            )
    return "; ".join(parts) + "."


def _side(side: str) -> str:
    """A side as a sentence names the statements from it."""
    return {UNNAMED: NO_SPEAKER_CLAIMS, TOGETHER: "claims of both sides together"}.get(side, side)


def mentions(ds: Dataset, frame: pd.DataFrame) -> str:
    """The sectors named most often, and by whom."""
    totals = frame.groupby("sector", sort=False)["statements"].sum()
    top = totals[totals == totals.max()]
    by_side = [
        f"{_plural(int(n), 'statement')} from {_side(side)}"
        for side, n in frame[frame["sector"] == top.index[0]][["side", "statements"]].itertuples(index=False)
    ]
    return (
        f"{_listed(list(top.index))} {'is' if len(top) == 1 else 'are'} named most often: "
        f"{_plural(int(top.iloc[0]), 'statement')}{'' if len(top) == 1 else ' each'} ({_listed(by_side)})."
    )


def hierarchy(ds: Dataset, frame: pd.DataFrame) -> str:
    """The themes by the statements that name their sectors, largest first."""
    themes = (
        frame.groupby("theme", sort=False)["statements"].sum().sort_values(ascending=False, kind="stable")
    )
    named = [f"{theme} ({n:,})" for theme, n in themes.items()]
    return f"Mentions of sectors by theme, largest first: {_listed(named, limit=len(named))}."


def strength(ds: Dataset, frame: pd.DataFrame) -> str:
    """Each speaker's most frequent commitment strength."""
    parts = []
    for name, mine in frame.groupby("name", sort=False):
        total = int(mine["statements"].sum())
        top = mine.sort_values(["statements", "rank"], ascending=[False, True], kind="stable").iloc[0]
        who = NO_SPEAKER_CLAIMS.capitalize() if name == UNNAMED else name
        parts.append(
            f"{who}: {top['strength']} most often ({int(top['statements'])} of {_plural(total, 'statement')})"
        )
    return "; ".join(parts) + "."


def convergence_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Sector, how far the sides agree, and each side's strongest commitment ('none' where it named none)."""
    wide = frame.pivot_table(index="sector", columns="side", values="strongest", aggfunc="first", sort=False)
    sides = [s for s in ds.sides if s in wide.columns]
    agreement = frame.drop_duplicates("sector").set_index("sector")["agreement"]
    table = (
        wide[sides]
        .fillna("none")
        .rename_axis(columns=None)
        .reset_index()
        .rename(columns={"sector": "Sector"})
    )
    table.insert(1, "Sides agree", table["Sector"].map(agreement))
    return table


def _counts(frame: pd.DataFrame, rows: str, heading: str, columns: str, order) -> pd.DataFrame:
    """Statements per ``rows`` (headed ``heading``) and per ``columns``, in ``order``, 0 where there are none."""
    wide = frame.pivot_table(index=rows, columns=columns, values="statements", aggfunc="sum", sort=False)
    return (
        wide[[c for c in order if c in wide.columns]]
        .fillna(0)
        .astype(int)
        .rename_axis(columns=None)
        .reset_index()
        .rename(columns={rows: heading})
    )


def mentions_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Sector, and each side's number of statements naming it."""
    return _counts(frame, "sector", "Sector", "side", ds.sides)


def hierarchy_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Theme, sector and number of statements."""
    return frame[["theme", "sector", "statements"]].rename(
        columns={"theme": "Theme", "sector": "Sector", "statements": "Statements"}
    )


def strength_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Speaker, and the number of their statements at each strength, strongest first."""
    return _counts(frame, "name", "Speaker", "strength", ds.strengths)


# --- Over time -------------------------------------------------------------------------------


def _published_by(side: str) -> str:
    return "third parties" if side == vocab.THIRD_PARTY else side


def meetings(ds: Dataset, frame: pd.DataFrame) -> str:
    """How many meetings over which years, the longest gap between two, and the accounts of each side."""
    if frame.empty:
        return "No meeting matches the filters."
    dates = list(frame["date"])
    parts = [f"{_plural(len(dates), 'meeting')} from {dates[0]} to {dates[-1]}"]
    if len(dates) > 1:
        gaps = [(b - a).days for a, b in itertools.pairwise(dates)]
        i = max(range(len(gaps)), key=gaps.__getitem__)
        parts.append(f"the longest gap between two is {gaps[i]:,} days, from {dates[i]} to {dates[i + 1]}")
    sides = [s for s in (*ds.countries, vocab.THIRD_PARTY) if s in frame]
    parts.append(
        _listed(
            [f"{_plural(int(frame[s].sum()), 'account')} published by {_published_by(s)}" for s in sides],
            limit=len(sides),
        )
    )
    return "; ".join(parts) + "."


def meetings_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Date, meeting, kind, participants with their roles, and accounts of each side."""
    sides = [s for s in (*ds.countries, vocab.THIRD_PARTY) if s in frame]
    table = frame[["date", "title", "kind", "participants", *sides]].copy()
    table["date"] = [str(d) for d in table["date"]]
    return table.rename(
        columns={
            "date": "Date",
            "title": "Meeting",
            "kind": "Kind",
            "participants": "Participants (role that day)",
            **{s: timeline.accounts_name(s) for s in sides},
        }
    )


def grid(ds: Dataset, frame: pd.DataFrame) -> str:
    """The sector raised at the most meetings, and how often both sides named a sector at the same meeting."""
    if frame.empty:
        return "No sector matches the filters."
    named = frame[frame["state"] == "named"]
    meetings = (
        named.groupby("sector", sort=False)["event_id"].nunique().sort_values(ascending=False, kind="stable")
    )
    both = named.groupby(["sector_id", "event_id"])["side"].nunique()
    together = int((both >= max(len(ds.countries), 2)).sum())
    unknown = int((frame["state"] == "unknown").sum())
    parts = [
        f"{_listed(list(meetings.index[meetings == meetings.iloc[0]]))} "
        f"{'is' if (meetings == meetings.iloc[0]).sum() == 1 else 'are'} raised at the most meetings "
        f"({_plural(int(meetings.iloc[0]), 'meeting')})"
        if not meetings.empty
        else "no side named a sector",
        f"{ds.every_side} named the same sector at the same meeting {_plural(together, 'time')}",
        f"{_plural(unknown, 'cell')} {'is' if unknown == 1 else 'are'} unknown, an account's copy lacking that side's part",
    ]
    return "; ".join(parts) + "."


def grid_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Sector, then for each country the number of meetings at which it named the sector, and the unknown cells."""
    named = frame[frame["state"] == "named"]
    counts = named.groupby(["sector", "side"])["event_id"].nunique()
    unknown = frame[frame["state"] == "unknown"].groupby("sector").size()
    sectors = list(dict.fromkeys(frame["sector"]))
    table = pd.DataFrame({"Sector": sectors})
    for side in ds.countries:
        table[f"Meetings {side} named it at"] = [int(counts.get((s, side), 0)) for s in sectors]
    table["Cells unknown"] = [int(unknown.get(s, 0)) for s in sectors]
    return table


def convergence_over_time(ds: Dataset, frame: pd.DataFrame) -> str:
    """At how many meetings the sides named a sector in one account, and where most."""
    if frame.empty:
        return "No meeting matches the filters."
    agreed = frame[frame[aggregate.IN_ONE_ACCOUNT] > 0]
    parts = [
        f"At {len(agreed):,} of {_plural(len(frame), 'meeting')} {ds.every_side} named at least one sector in one account"
    ]
    if not agreed.empty:
        top = agreed.sort_values(aggregate.IN_ONE_ACCOUNT, ascending=False, kind="stable").iloc[0]
        parts.append(f"most at {top['date']} ({_plural(int(top[aggregate.IN_ONE_ACCOUNT]), 'sector')})")
    unknown = int(frame[timeline.UNKNOWN_OTHER].sum())
    if unknown:
        parts.append(
            f"{_plural(unknown, 'sector')} one side named are left with the other side's part unknown"
        )
    return "; ".join(parts) + "."


def convergence_over_time_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Date, meeting, and the number of its sectors in each convergence group."""
    table = frame[["date", "title", *timeline.GROUPS]].copy()
    table["date"] = [str(d) for d in table["date"]]
    return table.rename(
        columns={"date": "Date", "title": "Meeting", **{g: g.capitalize() for g in timeline.GROUPS}}
    )


def history(ds: Dataset, frame: pd.DataFrame) -> str:
    """How many sectors were raised, the one raised at the most meetings, and how many moved in strength."""
    if frame.empty:
        return "No sector matches the filters."
    top = frame.sort_values("meetings", ascending=False, kind="stable").iloc[0]
    moved = frame[[bool(m) for m in frame["moves"]]]
    parts = [
        f"{_plural(len(frame), 'sector')} raised",
        f"{top['sector']} at the most meetings ({_plural(int(top['meetings']), 'meeting')}, "
        f"first on {top['first']}, last on {top['last']})",
        f"the strength of {_plural(len(moved), 'sector')} moved from one meeting to a later one",
    ]
    return "; ".join(parts) + "."


def coverage(ds: Dataset, accounts: pd.DataFrame) -> str:
    """How many accounts of each publishers' side a finding draws on: absence is only as good as coverage."""
    counts = accounts.groupby("side").size()
    listed = [
        f"{_plural(int(counts[s]), 'account')} published by {_published_by(s)}"
        for s in timeline.sides_of_accounts(ds)
        if counts.get(s, 0)
    ]
    meetings = accounts["event_id"].nunique()
    if not listed:
        return "No account of the chosen meetings is left by the filters."
    return (
        f"Drawn from {_listed(listed, limit=len(listed))}, of {_plural(meetings, 'meeting')}; "
        "third parties' accounts count for no side."
    )


def one_side_only(ds: Dataset, frame: pd.DataFrame, side: str) -> str:
    """How many sectors one side's accounts report that no other side's accounts coded here ever do (neutral)."""
    mine = frame[frame["side"] == side]
    others = _listed([c for c in ds.countries if c != side])
    if mine.empty:
        return f"Every sector the accounts published by {side} report is also reported in those published by {others}."
    return (
        f"{_plural(len(mine), 'sector')} reported in the accounts published by {side}, never reported in "
        f"the accounts published by {others} coded here."
    )


def reported_by_table(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Sector, and at how many meetings the accounts each side published (and third parties') report it."""
    sides = [s for s in (*ds.countries, vocab.THIRD_PARTY) if s in frame]
    named = {
        s: f"Meetings in accounts published by {'third parties' if s == vocab.THIRD_PARTY else s}"
        for s in sides
    }
    return frame[["sector", *sides]].rename(columns={"sector": "Sector", **named})
