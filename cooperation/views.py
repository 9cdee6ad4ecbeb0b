"""What a page computes from the published data and the filters, cached per version and filters (``ds.memo``).

A profile of reruns (``docs/performance.md``) put most of a rerun's own time
into the same few computations, repeated for every reader of the same link:
the matching rows, the counts, each chart's aggregate, takeaway and figure,
the statements table, and the page over time's tables. These functions key
them on what they depend on (the filters, and the page's scope: a theme, a
meeting), so a reader who opens a link that others opened reuses their work.
Everything else a rerun does is Streamlit's own: its widgets and messages.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go

from cooperation import aggregate, display, export
from cooperation import filters as flt
from cooperation import vocabulary as vocab
from cooperation.data import Dataset
from cooperation.registry import Chart

T = TypeVar("T")


def cached(ds: Dataset, what: str, filters: flt.Filters, compute: Callable[[], T], *scope: Hashable) -> T:
    """``compute()``, done once per published version, ``what``, filters and scope."""
    return ds.memo.get((what, filters, scope), compute)


def rows(ds: Dataset, filters: flt.Filters, theme_id: str | None = None) -> pd.DataFrame:
    """The tidy rows that match the filters (within one theme, when given); read-only."""

    def compute() -> pd.DataFrame:
        within = None if theme_id is None else ds.tidy[ds.tidy["theme_id"] == theme_id]
        return flt.apply(ds, filters, within)

    return cached(ds, "rows", filters, compute, theme_id)


def counts(ds: Dataset, filters: flt.Filters, theme_id: str | None = None) -> aggregate.Counts:
    """The headline counts of those rows."""
    return cached(ds, "counts", filters, lambda: aggregate.counts(ds, rows(ds, filters, theme_id)), theme_id)


@dataclass(frozen=True)
class Drawn:
    """A chart as a page shows it: its aggregate, its takeaway in words and its figure."""

    frame: pd.DataFrame
    takeaway: str
    figure: go.Figure


def chart(
    ds: Dataset,
    chart: Chart,
    rows: pd.DataFrame,
    filters: flt.Filters | None,
    *scope: Hashable,
    frame: pd.DataFrame | None = None,
) -> Drawn:
    """A chart of ``rows`` (those of ``filters`` and ``scope``); cached unless ``filters`` is None.

    ``frame`` is the chart's aggregate when the page computed it from more than the rows.
    """

    def compute() -> Drawn:
        shown = chart.aggregate(ds, rows) if frame is None else frame
        return Drawn(shown, chart.takeaway(ds, shown), chart.figure(ds, shown))

    if filters is None:
        return compute()
    return cached(ds, f"chart:{chart.label}", filters, compute, *scope)


def statements(ds: Dataset, filters: flt.Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The matching statements, and the statements table that shows them."""

    def compute() -> tuple[pd.DataFrame, pd.DataFrame]:
        matching = flt.statements_of(ds, rows(ds, filters))
        return matching, display.statements_table(ds, matching)

    return cached(ds, "statements", filters, compute)


def drawn_from(ds: Dataset, filters: flt.Filters) -> str:
    """The sentence saying which events and period the rows are drawn from."""
    return cached(ds, "drawn_from", filters, lambda: display.drawn_from(ds, rows(ds, filters), filters))


def statements_download(ds: Dataset, filters: flt.Filters) -> bytes | Callable[[], bytes]:
    """The matching statements as CSV for the download button: the bytes themselves (cached), or, for more
    than ``EAGER_DOWNLOAD_STATEMENTS``, a function that makes them on click.

    Streamlit drops a file made on click (a deferred download) once it is not referenced by any session's page,
    which two other sessions finishing a run can decide before the browser fetches it: under load (the load
    test, 25 readers) most such downloads answered 404. A file handed over with the page lives as long as the
    page does.
    """
    matching, _table = statements(ds, filters)
    if len(matching) <= vocab.EAGER_DOWNLOAD_STATEMENTS:
        return cached(ds, "statements.csv", filters, lambda: export.statements_csv(ds, matching))
    return lambda: export.statements_csv(ds, matching)


def package_download(ds: Dataset) -> bytes | Callable[[], bytes]:
    """The whole package as a zip for the download button: its bytes, once per version, when the files are small
    enough (``EAGER_DOWNLOAD_BYTES``); otherwise made on click (see ``statements_download``)."""
    snapshot = ds.snapshot
    if sum(len(content) for content in snapshot.files.values()) <= vocab.EAGER_DOWNLOAD_BYTES:
        return ds.memo.get(("package.zip",), lambda: export.package_zip(snapshot))
    return lambda: export.package_zip(snapshot)
