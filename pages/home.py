"""Overview: how many statements match, the four charts, and the statements table with its download."""

from __future__ import annotations

import streamlit as st

from cooperation import aggregate, charts, export
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.ui import md_escape, no_match, statements_table, summary_metrics


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title(md_escape(ds.schema.meta("title", "Cooperation dashboard")))
    st.caption(md_escape(ds.schema.meta("description", "")))

    rows = flt.apply(ds, filters)
    summary_metrics(ds, rows)
    if rows.empty:
        no_match(filters)
        return

    left, right = st.columns(2)
    with left:
        st.subheader("Sector mentions by country")
        st.caption("How many statements from each country's speakers name each sector.")
        st.plotly_chart(charts.mentions_chart(ds, aggregate.mentions(ds, rows)), key="mentions")
    with right:
        st.subheader("Where the sides converge")
        st.caption(
            "For each sector, the strongest commitment each country's speaker made; "
            "sectors above the dotted line were named by every side, those below by one side only."
        )
        st.plotly_chart(charts.convergence_chart(ds, aggregate.convergence(ds, rows)), key="convergence")

    left, right = st.columns(2)
    with left:
        st.subheader("Themes and their sectors")
        st.caption(
            "Each theme as a box holding its sectors, sized by the number of statements that name them."
        )
        st.plotly_chart(charts.hierarchy_chart(ds, aggregate.hierarchy(ds, rows)), key="hierarchy")
    with right:
        st.subheader("Commitment strength by speaker")
        st.caption("How many of each speaker's statements fall at each commitment strength, strongest first.")
        st.plotly_chart(charts.strength_chart(ds, aggregate.strength(ds, rows)), key="strength")

    st.subheader("Statements")
    statements = flt.statements_of(ds, rows)
    statements_table(ds, statements)
    st.download_button(
        f"Download these {len(statements):,} statements (CSV)",
        data=lambda: export.statements_csv(ds, statements),
        file_name=export.file_name(ds, filters),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
