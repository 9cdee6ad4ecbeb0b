"""The dashboard's filters as a value, to and from a URL's query parameters.

A link carries stable ids (``?sector=intellectual-property&sector=free-trade``)
and a period as ISO dates (``?from=2021-01-01&to=2021-12-31``); unknown ids,
malformed dates and dates outside the data's are dropped and reported back,
never raised. The parameters' names are ``cooperation.routes``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from cooperation import routes
from cooperation.data import Dataset
from cooperation.vocabulary import MAX_TEXT

# Which column of the tidy rows each list filter selects on.
COLUMNS = {
    routes.SECTOR: "sector_id",
    routes.ACCOUNT: "source_id",
    routes.SPEAKER: "speaker_id",
    routes.STRENGTH: "strength",
    routes.EVENT: "event_id",
}


@dataclass(frozen=True)
class Filters:
    """What the user selected; an empty selection means "all"."""

    sector: tuple[str, ...] = ()
    source: tuple[str, ...] = ()  # accounts
    speaker: tuple[str, ...] = ()
    strength: tuple[str, ...] = ()
    event: tuple[str, ...] = ()  # meetings
    start: date | None = None  # the period, both ends included
    end: date | None = None
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.q) or self.dated or any(getattr(self, name) for name in routes.FILTER_LISTS)

    @property
    def dated(self) -> bool:
        """Whether a period narrows the rows."""
        return self.start is not None or self.end is not None


def choices(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """The allowed ids of each list filter, in display order."""
    return {
        routes.SECTOR: tuple(ds.sectors["sector_id"]),
        routes.ACCOUNT: tuple(ds.sources["source_id"]),
        routes.SPEAKER: tuple(ds.speakers["speaker_id"]),
        routes.STRENGTH: ds.strengths,
        routes.EVENT: tuple(ds.events["event_id"]),
    }


def period(ds: Dataset) -> tuple[date, date]:
    """The days a period can start or end on: from 1 January of the first event's year to 31 December of the
    last's, so that whole years can be chosen (``?from=2021-01-01&to=2021-12-31``)."""
    first, last = ds.events["date"].min(), ds.events["date"].max()
    return date(first.year, 1, 1), date(last.year, 12, 31)


def from_params(params: Mapping[str, Iterable[str]], ds: Dataset) -> tuple[Filters, dict[str, list[str]]]:
    """Filters from query parameters, and the values that were not understood."""
    allowed = choices(ds)
    kept: dict[str, tuple[str, ...]] = {}
    ignored: dict[str, list[str]] = {}
    for name in routes.FILTER_LISTS:
        aliases = (old for old, new in routes.ALIASES.items() if new == name)
        given = [*params.get(name, ()), *(v for old in aliases for v in params.get(old, ()))]
        values = [str(v) for v in given if str(v).strip()]
        kept[name] = tuple(dict.fromkeys(v for v in values if v in allowed[name]))
        unknown = [v for v in values if v not in allowed[name]]
        if unknown:
            ignored[name] = unknown
    texts = [str(v) for v in params.get(routes.SEARCH, ())]
    q = " ".join(texts[-1].split())[:MAX_TEXT] if texts else ""
    first, last = period(ds)
    ends: dict[str, date | None] = {}
    for name in routes.PERIOD:
        given = [str(v) for v in params.get(name, ()) if str(v).strip()]
        ends[name] = None
        if not given:
            continue
        try:
            day = date.fromisoformat(given[-1].strip())
        except ValueError:
            day = None
        if day is None or not first <= day <= last:
            ignored[name] = given[-1:]
        else:
            ends[name] = day
    return Filters(q=q, start=ends[routes.FROM], end=ends[routes.TO], **kept), ignored


def to_params(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for a link to exactly this view (empty filters are left out)."""
    params = {name: list(getattr(filters, name)) for name in routes.FILTER_LISTS if getattr(filters, name)}
    for name, day in ((routes.FROM, filters.start), (routes.TO, filters.end)):
        if day is not None:
            params[name] = [day.isoformat()]
    if filters.q:
        params[routes.SEARCH] = [filters.q]
    return params


def apply(ds: Dataset, filters: Filters, tidy: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of the tidy frame (one per statement and sector) that match."""
    rows = ds.tidy if tidy is None else tidy
    mask = pd.Series(True, index=rows.index)
    for name, column in COLUMNS.items():
        selected = getattr(filters, name)
        if selected:
            mask &= rows[column].isin(selected)
    if filters.start is not None:
        mask &= rows["day"] >= filters.start.toordinal()
    if filters.end is not None:
        mask &= rows["day"] <= filters.end.toordinal()
    if filters.q:
        mask &= rows["search_text"].str.contains(filters.q.casefold(), regex=False)
    return rows[mask]


def events_of(ds: Dataset, filters: Filters) -> pd.DataFrame:
    """The events the meeting and period filters keep, in date order (the other filters choose claims, not meetings)."""
    events = ds.events
    days = events["date"].map(date.toordinal)
    mask = pd.Series(True, index=events.index)
    if filters.event:
        mask &= events["event_id"].isin(filters.event)
    if filters.start is not None:
        mask &= days >= filters.start.toordinal()
    if filters.end is not None:
        mask &= days <= filters.end.toordinal()
    return events[mask]


def statements_of(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The statements (one row each, with all their sectors) behind tidy rows."""
    # Positions, not ids: looking many string ids up is far slower.
    return ds.statements.iloc[np.unique(rows["statement_row"].to_numpy())]
