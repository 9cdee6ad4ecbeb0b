"""Aggregates of filtered rows: what the metrics and charts are drawn from.

Each function takes the dataset and the matching tidy rows (one per statement
and sector) and returns a small frame or a few counts, so charts never receive
raw rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cooperation import vocabulary as vocab
from cooperation.data import Dataset

# How far the sides agree on a sector, among the rows counted (``agreement``).
IN_ONE_ACCOUNT = "in one account"  # every side of the event named it, within a single account
ACROSS_ACCOUNTS = "only across accounts"  # every side named it, but no single account says so
ONE_SIDE = "one side"


@dataclass(frozen=True)
class Counts:
    """The headline counts of the matching statements."""

    statements: int
    sectors: int
    accounts: int
    speakers: int
    shared: int  # sectors every side named within one account
    across: int  # sectors every side named only across accounts


def counts(ds: Dataset, rows: pd.DataFrame) -> Counts:
    """Distinct statements, sectors, accounts and named speakers among the rows, and where the sides agree."""
    agreed = agreement(ds, rows)
    return Counts(
        statements=rows["statement_id"].nunique(),
        sectors=rows["sector_id"].nunique(),
        accounts=rows["source_id"].nunique(),
        speakers=rows["speaker_id"].nunique(),  # a claim with no named speaker counts for no one
        shared=sum(a == IN_ONE_ACCOUNT for a in agreed.values()),
        across=sum(a == ACROSS_ACCOUNTS for a in agreed.values()),
    )


def agreement(ds: Dataset, rows: pd.DataFrame) -> dict[str, str]:
    """For each sector among the rows, in the sectors' order, how far the sides of its event agree on it.

    A sector counts as named by every side when, within a single account,
    speakers of every country of its event named it (``IN_ONE_ACCOUNT``); a
    claim the account gives to both sides together counts for every country of
    its event. Two accounts that each report one side naming it do not make that
    agreement: the sector is then ``ACROSS_ACCOUNTS``. Claims an account
    attributes to the meeting count for no side.
    """
    pairs = agreement_by_event(ds, rows)
    ranks = {IN_ONE_ACCOUNT: 0, ACROSS_ACCOUNTS: 1, ONE_SIDE: 2}
    best: dict[str, str] = {}
    for (_, sector), kind in pairs.items():
        if sector not in best or ranks[kind] < ranks[best[sector]]:
            best[sector] = kind
    return {s: best[s] for s in ds.sectors["sector_id"] if s in best}


def agreement_by_event(ds: Dataset, rows: pd.DataFrame) -> dict[tuple[str, str], str]:
    """``agreement`` for each (event, sector) among the rows: how far the sides of that event agree on it there."""
    named = by_country(ds, rows)
    need = {e: len(c) for e, c in ds.event_countries.items()}
    in_one = _every_side(named, ["event_id", "source_id", "sector_id"], need)
    across = _every_side(named, ["event_id", "sector_id"], need) - in_one
    present = rows[["event_id", "sector_id"]].drop_duplicates()
    return {
        pair: IN_ONE_ACCOUNT if pair in in_one else ACROSS_ACCOUNTS if pair in across else ONE_SIDE
        for pair in zip(present["event_id"], present["sector_id"])
    }


def by_country(ds: Dataset, rows: pd.DataFrame, columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows with a country: each speaker's, and one row per country of its event for a claim of both sides.

    Columns: event_id, source_id, sector_id, then ``columns``, then country.
    """
    keys = ["event_id", "source_id", "sector_id", *columns, "country"]
    speakers = rows.loc[rows["country"].notna(), keys]
    together = rows.loc[rows["attribution"] == vocab.BOTH, keys[:-1]]
    if together.empty:
        return speakers
    countries = pd.DataFrame(
        [(e, c) for e, cs in ds.event_countries.items() for c in cs], columns=["event_id", "country"]
    )
    return pd.concat([speakers, together.merge(countries, on="event_id")], ignore_index=True)


def _every_side(named: pd.DataFrame, keys: list[str], need: dict[str, int]) -> set[tuple[str, str]]:
    """(event, sector) for which some group (by ``keys``) holds speakers of every country of the event, two at least."""
    countries = named.groupby(keys, observed=True)["country"].nunique()
    return {(key[0], key[-1]) for key, n in countries.items() if n >= max(need.get(key[0], 0), 2)}


def mentions(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per sector and side."""
    counts = _statements_per(rows, ["sector_id", "sector", "side"])
    return _by_sector_then_side(ds, counts)


def convergence(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """For each sector and side, the strongest commitment made, and how far the sides agree on the sector."""
    strongest = (
        rows.groupby(["sector_id", "sector", "side"], observed=True)["strength_rank"]
        .min()
        .rename("rank")
        .reset_index()
    )
    strongest["strongest"] = [ds.strengths[r] for r in strongest["rank"]]
    strongest["agreement"] = strongest["sector_id"].map(agreement(ds, rows))
    return _by_sector_then_side(ds, strongest)


def hierarchy(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per theme and sector, for a treemap or sunburst."""
    counts = _statements_per(rows, ["theme_id", "sector_id", "sector"])
    titles = dict(zip(ds.themes["theme_id"], ds.themes["title"]))
    counts["theme"] = counts["theme_id"].map(titles)
    return counts


def strength(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per speaker (or no speaker named) and commitment strength, strongest first."""
    counts = _statements_per(rows, ["name", "side", "strength"])
    counts["rank"] = counts["strength"].map(ds.strength_rank)
    return counts.sort_values(["rank", "name"], kind="stable").reset_index(drop=True)


def _statements_per(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Distinct statements per combination of ``keys``, in a column named ``statements``."""
    return rows.groupby(keys, observed=True)["statement_id"].nunique().rename("statements").reset_index()


def _by_sector_then_side(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    sector_rank = {s: i for i, s in enumerate(ds.sectors["sector_id"])}
    side_rank = {c: i for i, c in enumerate(ds.sides)}
    return (
        frame.assign(_s=frame["sector_id"].map(sector_rank), _c=frame["side"].map(side_rank))
        .sort_values(["_s", "_c"], kind="stable")
        .drop(columns=["_s", "_c"])
        .reset_index(drop=True)
    )
