"""Overview: how many statements match, one chart at a time in tabs, and the statements table with its download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cooperation import aggregate, charts, describe, display, export, routes, ui
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.markup import md_escape
from cooperation.ui import count_metrics, no_match, statements_table

# The chosen tab is kept in the link (?chart=Mentions); only that chart is
# computed and sent, so a filter change draws one chart, not four, and a tab
# switch reruns only the tabs (a fragment), not the page.
CHARTS = (
    ui.Chart(
        "Convergence",
        "Where the sides converge: for each sector, the strongest commitment each side made, in the "
        "accounts listed above. A sector counts as named by every side only when one account reports "
        "every side naming it; sectors that two accounts each report one side naming stand in a group "
        "of their own. Claims an account attributes to no speaker are shown, and count for no side.",
        aggregate.convergence,
        charts.convergence_chart,
        describe.convergence,
        describe.convergence_table,
    ),
    ui.Chart(
        "Mentions",
        "Sector mentions by side: how many statements from each country's speakers, and with no "
        "speaker named, name each sector.",
        aggregate.mentions,
        charts.mentions_chart,
        describe.mentions,
        describe.mentions_table,
    ),
    ui.Chart(
        "Themes",
        "Themes and their sectors: each theme as a box holding its sectors, sized by the number of "
        "statements that name them.",
        aggregate.hierarchy,
        charts.hierarchy_chart,
        describe.hierarchy,
        describe.hierarchy_table,
    ),
    ui.Chart(
        "Strength",
        "Commitment strength by speaker: how many of each speaker's statements fall at each "
        "commitment strength, strongest first.",
        aggregate.strength,
        charts.strength_chart,
        describe.strength,
        describe.strength_table,
    ),
)


def render(ds: Dataset, filters: flt.Filters) -> None:
    rows = flt.apply(ds, filters)
    numbers = aggregate.counts(ds, rows)
    st.title(md_escape(ds.schema.meta("title", "Cooperation dashboard")))
    st.caption(md_escape(ds.schema.meta("description", "")))
    count_metrics(ds, numbers)
    if rows.empty:
        no_match(filters)
        return
    drawn = [ds.source_titles[s] for s in ds.sources["source_id"] if s in set(rows["source_id"])]
    st.caption(
        md_escape(f"Drawn from {len(drawn)} account{'s' if len(drawn) != 1 else ''}: {'; '.join(drawn)}.")
    )

    _chart_tabs(ds, rows)

    st.header("Statements")
    statements = flt.statements_of(ds, rows)
    statements_table(ds, display.statements_table(ds, statements), len(statements))
    st.download_button(
        f"Download these {len(statements):,} statements (CSV)",
        data=lambda: export.statements_csv(ds, statements),
        file_name=export.file_name(ds, filters),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )


@st.fragment
def _chart_tabs(ds: Dataset, rows: pd.DataFrame) -> None:
    """The chart tabs: switching tabs reruns only this fragment, not the page."""
    tabs = st.tabs([chart.label for chart in CHARTS], key=routes.CHART, bind="query-params")
    for tab, chart in zip(tabs, CHARTS):
        with tab:
            if tab.open is False:
                continue  # a hidden tab: nothing computed, nothing sent
            ui.show_chart(ds, chart, rows, key=f"chart-{chart.label}")
