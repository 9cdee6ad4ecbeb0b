"""The dashboard's filters as a value, to and from a URL's query parameters.

A link carries stable ids (``?sector=intellectual-property&sector=free-trade``);
unknown ids and malformed values are dropped and reported back, never raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cooperation.data import Dataset

# Query parameter names, in the order they appear in a link.
LIST_PARAMS = ("sector", "speaker", "strength")
# Older names still understood in a link (data package 1.x called strength "modality").
ALIASES = {"modality": "strength"}
TEXT_PARAM = "q"
MAX_TEXT = 200  # characters of free-text search kept from a link


@dataclass(frozen=True)
class Filters:
    """What the user selected; an empty selection means "all"."""

    sector: tuple[str, ...] = ()
    speaker: tuple[str, ...] = ()
    strength: tuple[str, ...] = ()
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.sector or self.speaker or self.strength or self.q)


def choices(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """The allowed ids of each list filter, in display order."""
    return {
        "sector": tuple(ds.sectors["sector_id"]),
        "speaker": tuple(ds.speakers["speaker_id"]),
        "strength": ds.strengths,
    }


def from_params(params: Mapping[str, Iterable[str]], ds: Dataset) -> tuple[Filters, dict[str, list[str]]]:
    """Filters from query parameters, and the values that were not understood."""
    allowed = choices(ds)
    kept: dict[str, tuple[str, ...]] = {}
    ignored: dict[str, list[str]] = {}
    for name in LIST_PARAMS:
        given = [
            *params.get(name, ()),
            *(v for old, new in ALIASES.items() if new == name for v in params.get(old, ())),
        ]
        values = [str(v) for v in given if str(v).strip()]
        kept[name] = tuple(dict.fromkeys(v for v in values if v in allowed[name]))
        unknown = [v for v in values if v not in allowed[name]]
        if unknown:
            ignored[name] = unknown
    texts = [str(v) for v in params.get(TEXT_PARAM, ())]
    q = " ".join(texts[-1].split())[:MAX_TEXT] if texts else ""
    return Filters(q=q, **kept), ignored


def to_params(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for a link to exactly this view (empty filters are left out)."""
    params = {name: list(getattr(filters, name)) for name in LIST_PARAMS if getattr(filters, name)}
    if filters.q:
        params[TEXT_PARAM] = [filters.q]
    return params


def apply(ds: Dataset, filters: Filters, tidy: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of the tidy frame (one per statement and sector) that match."""
    rows = ds.tidy if tidy is None else tidy
    mask = pd.Series(True, index=rows.index)
    for name, column in (("sector", "sector_id"), ("speaker", "speaker_id"), ("strength", "strength")):
        selected = getattr(filters, name)
        if selected:
            mask &= rows[column].isin(selected)
    if filters.q:
        mask &= rows["search_text"].str.contains(filters.q.casefold(), regex=False)
    return rows[mask]


def statements_of(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The statements (one row each, with all their sectors) behind tidy rows."""
    # Positions, not ids: looking 100,000 string ids up costs over half a second.
    return ds.statements.iloc[np.unique(rows["statement_row"].to_numpy())]
