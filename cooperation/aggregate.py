"""Aggregates of filtered rows: what the metrics and charts are drawn from.

Each function takes the dataset and the matching tidy rows (one per statement
and sector) and returns a small frame, so charts never receive raw rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from cooperation import text as textlib
from cooperation.checks import FIXED_PAGES
from cooperation.data import Dataset

_, SOURCE_PAGE, _ = FIXED_PAGES  # the source text's URL path, as app.py names it
STATEMENT_PARAM = "statement"  # ?statement=<statement_id> on the source page singles that statement out


@dataclass(frozen=True)
class Counts:
    statements: int
    sectors: int
    speakers: int
    shared: int


def counts(ds: Dataset, rows: pd.DataFrame) -> Counts:
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


TABLE_LIMIT = 200  # rows the statements table sends per update (0.12 s less than 1,000 at 100,000 statements); the download holds them all


def table(ds: Dataset, statements: pd.DataFrame, limit: int = TABLE_LIMIT) -> pd.DataFrame:
    """The statements as the table shows them, quote first, at most ``limit`` rows."""
    labels = ds.sector_labels
    shown = statements.head(limit)
    return pd.DataFrame(
        {
            "Quote": shown["quote"],
            "In context": [source_link(s) for s in shown["statement_id"]],
            "Summary": shown["summary"],
            "Speaker": shown["name"],
            "Country": shown["country"],
            "Strength": shown["strength"],
            "Sectors": [[labels[s] for s in ss] for ss in shown["sectors"]],
            "Source": shown["source_url"],
        }
    )


def source_link(statement_id: str) -> str:
    """The link, relative to the app's root, to the source text with this statement singled out."""
    return f"{SOURCE_PAGE}?{urlencode({STATEMENT_PARAM: statement_id})}"


@dataclass(frozen=True)
class InContext:
    """A statement and the passage of its source around its quote."""

    statement: pd.Series
    start: int  # where the passage starts and ends in the source text
    end: int


def in_context(ds: Dataset, statement_id: str) -> InContext | None:
    """The statement with this id and its quote's sentences with one sentence either side, or None."""
    found = ds.statements[ds.statements["statement_id"] == statement_id]
    if found.empty:
        return None
    statement = found.iloc[0]
    spans = textlib.sentences(ds.texts[statement["source_id"]])
    holding = [i for i, span in enumerate(spans) if textlib.overlaps(span, statement["quote_span"])]
    first, last = max(holding[0] - 1, 0), min(holding[-1] + 1, len(spans) - 1)
    return InContext(statement, spans[first][0], spans[last][1])
