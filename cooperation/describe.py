"""Each chart in words: a one-sentence takeaway and the chart's numbers as a table, for every reader.

A screen reader cannot read a plotly chart, and a sighted reader may want the
exact figures: each chart's aggregate (``cooperation.aggregate``) is described
here, computed from the data, never typed in.
"""

from __future__ import annotations

import pandas as pd

from cooperation import aggregate
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
