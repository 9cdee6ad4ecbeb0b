"""Overview: how many statements match, one chart at a time in tabs, and the statements table with its download."""

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

    _chart_tabs(ds, rows, filters)

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
def _chart_tabs(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    """The chart tabs (``registry.OVERVIEW``): switching tabs reruns only this fragment, not the page.

    The chosen tab is kept in the link (?chart=Mentions); only its chart is
    computed and sent, so a filter change draws one chart, not four.
    """
    tabs = st.tabs([chart.label for chart in registry.OVERVIEW], key=routes.CHART, bind="query-params")
    for tab, chart in zip(tabs, registry.OVERVIEW):
        with tab:
            if tab.open is False:
                continue  # a hidden tab: nothing computed, nothing sent
            show_chart(ds, chart, rows, key=f"chart-{chart.label}", filters=filters)
