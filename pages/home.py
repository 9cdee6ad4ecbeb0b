"""Overview: how many statements match, one chart at a time (picked above it), and the statements table with its download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cooperation import export, registry, routes, views
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.markup import md_escape
from cooperation.web.widgets import count_metrics, no_match, show_chart, statements_table


def render(ds: Dataset, filters: flt.Filters) -> None:
    rows = views.rows(ds, filters)
    numbers = views.counts(ds, filters)
    st.title(md_escape(ds.schema.meta("title", "Cooperation dashboard")))
    st.caption(md_escape(ds.schema.meta("description", "")))
    count_metrics(ds, numbers)
    if rows.empty:
        no_match(filters)
        return
    st.caption(md_escape(views.drawn_from(ds, filters)))

    _chart(ds, rows, filters)

    st.header("Statements")
    statements, table = views.statements(ds, filters)
    statements_table(ds, table, len(statements))
    st.download_button(
        f"Download these {len(statements):,} statements (CSV)",
        data=views.statements_download(ds, filters),
        file_name=export.file_name(ds, filters),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


@st.fragment
def _chart(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    """One of the overview's charts (``registry.OVERVIEW``), picked in a row of radio buttons above it.

    The pick is kept in the link (?chart=Mentions) and reruns only this fragment, not the page; only the
    picked chart is computed and sent, so a filter change draws one chart, not four. (Radio buttons, not
    tabs: a tab panel looks for a focusable element in all it holds after every change to its content,
    and that cost the chart about 50 ms per filter update; docs/performance.md.)
    """
    charts = {chart.label: chart for chart in registry.OVERVIEW}
    picked = st.radio(
        "Chart",
        list(charts),
        horizontal=True,
        key=routes.CHART,
        bind="query-params",
        help="Which chart of the matching statements to show; the link keeps the choice.",
    )
    chart = charts[picked]  # a name in the link that is no chart's leaves the first picked
    show_chart(ds, chart, rows, key=f"chart-{chart.label}", filters=filters)
