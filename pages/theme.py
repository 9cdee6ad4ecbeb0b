"""A theme: its title and description, metrics, a chart of its sectors, and who said what."""

from __future__ import annotations

import streamlit as st

from cooperation import aggregate, charts
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.markup import md_escape, statement_cards
from cooperation.ui import count_metrics, no_match

CARD_LIMIT = 50  # cards per country; the overview's table and download hold all


def render(ds: Dataset, filters: flt.Filters, theme_id: str) -> None:
    theme = ds.theme(theme_id)
    st.title(md_escape(theme["title"]))
    st.caption(md_escape(theme["description"]))

    rows = flt.apply(ds, filters, ds.tidy[ds.tidy["theme_id"] == theme_id])
    count_metrics(ds, aggregate.counts(ds, rows))
    if rows.empty:
        no_match(filters)
        return

    st.subheader("Sectors in this theme")
    st.caption("How many statements from each country's speakers name each sector of this theme.")
    st.plotly_chart(charts.mentions_chart(ds, aggregate.mentions(ds, rows)), key=f"theme-{theme_id}")

    st.subheader("Who said what")
    st.caption("Each statement with its commitment strength and the source's exact words, strongest first.")
    statements = flt.statements_of(ds, rows).sort_values(["strength_rank", "statement_id"])
    _cards(ds, statements)


def _cards(ds: Dataset, statements) -> None:
    columns = st.columns(len(ds.countries))
    for column, country in zip(columns, ds.countries):
        mine = statements[statements["country"] == country]
        with column:
            st.markdown(f"#### {md_escape(country)}")
            if mine.empty:
                st.caption("No matching statement.")
                continue
            if len(mine) > CARD_LIMIT:
                st.caption(f"Showing {CARD_LIMIT} of {len(mine):,} statements.")
            st.html(statement_cards(ds, mine.head(CARD_LIMIT)))
