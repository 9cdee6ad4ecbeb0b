"""Aggregates of filtered rows: what the metrics and charts are drawn from.

Each function takes the dataset and the matching tidy rows (one per statement
and sector) and returns a small frame or a few counts, so charts never receive
raw rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cooperation.data import Dataset


@dataclass(frozen=True)
class Counts:
    """The headline counts of the matching statements."""

    statements: int
    sectors: int
    speakers: int
    shared: int


def counts(ds: Dataset, rows: pd.DataFrame) -> Counts:
    """Distinct statements, sectors and speakers among the rows, and the sectors every side named."""
    return Counts(
        statements=rows["statement_id"].nunique(),
        sectors=rows["sector_id"].nunique(),
        speakers=rows["speaker_id"].nunique(),
        shared=len(shared_sectors(ds, rows)),
    )


def shared_sectors(ds: Dataset, rows: pd.DataFrame) -> list[str]:
    """Sector ids that speakers of every country in the data named (needs two or more)."""
    if len(ds.countries) < 2 or rows.empty:
        return []
    per_sector = rows.groupby("sector_id", observed=True)["country"].nunique()
    return [s for s in ds.sectors["sector_id"] if per_sector.get(s, 0) == len(ds.countries)]


def mentions(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per sector and country."""
    counts = _statements_per(rows, ["sector_id", "sector", "country"])
    return _by_sector_then_country(ds, counts)


def convergence(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """For each sector and country, the strongest commitment made, and whether all sides named it."""
    strongest = (
        rows.groupby(["sector_id", "sector", "country"], observed=True)["strength_rank"]
        .min()
        .rename("rank")
        .reset_index()
    )
    strongest["strongest"] = [ds.strengths[r] for r in strongest["rank"]]
    shared = set(shared_sectors(ds, rows))
    strongest["shared"] = strongest["sector_id"].isin(shared)
    return _by_sector_then_country(ds, strongest)


def hierarchy(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per theme and sector, for a treemap or sunburst."""
    counts = _statements_per(rows, ["theme_id", "sector_id", "sector"])
    titles = dict(zip(ds.themes["theme_id"], ds.themes["title"]))
    counts["theme"] = counts["theme_id"].map(titles)
    return counts


def strength(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Statements per speaker and commitment strength, strongest first."""
    counts = _statements_per(rows, ["speaker_id", "name", "country", "strength"])
    counts["rank"] = counts["strength"].map({m: i for i, m in enumerate(ds.strengths)})
    return counts.sort_values(["rank", "name"], kind="stable").reset_index(drop=True)


def _statements_per(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Distinct statements per combination of ``keys``, in a column named ``statements``."""
    return rows.groupby(keys, observed=True)["statement_id"].nunique().rename("statements").reset_index()


def _by_sector_then_country(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    sector_rank = {s: i for i, s in enumerate(ds.sectors["sector_id"])}
    country_rank = {c: i for i, c in enumerate(ds.countries)}
    return (
        frame.assign(_s=frame["sector_id"].map(sector_rank), _c=frame["country"].map(country_rank))
        .sort_values(["_s", "_c"], kind="stable")
        .drop(columns=["_s", "_c"])
        .reset_index(drop=True)
    )
