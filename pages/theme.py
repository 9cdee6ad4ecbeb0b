"""A theme: its title and description, metrics, a chart of its sectors, and who said what."""

from __future__ import annotations

import streamlit as st

from cooperation import aggregate, registry
from cooperation import filters as flt
from cooperation.cards import statement_cards
from cooperation.data import Dataset
from cooperation.markup import md_escape
from cooperation.vocabulary import CARD_LIMIT
from cooperation.web.widgets import count_metrics, no_match, show_chart


def render(ds: Dataset, filters: flt.Filters, theme_id: str) -> None:
    theme = ds.theme(theme_id)
    st.title(md_escape(theme["title"]))
    st.caption(md_escape(theme["description"]))

    rows = flt.apply(ds, filters, ds.tidy[ds.tidy["theme_id"] == theme_id])
    count_metrics(ds, aggregate.counts(ds, rows))
    if rows.empty:
        no_match(filters)
        return

    st.header("Sectors in this theme")
    show_chart(ds, registry.THEME, rows, key=f"theme-{theme_id}")

    st.header("Who said what")
    st.caption(
        "Each statement with its commitment strength, strongest first, and its evidence: the source's exact "
        "words, or our paraphrase of an account whose text we do not hold."
    )
    statements = flt.statements_of(ds, rows).sort_values(["strength_rank", "statement_id"])
    _cards(ds, statements)


def _cards(ds: Dataset, statements) -> None:
    """One column per side: each country, and the claims whose account names no speaker, if any."""
    sides = [s for s in ds.sides if s in ds.countries or (statements["side"] == s).any()]
    columns = st.columns(len(sides))
    for column, side in zip(columns, sides):
        mine = statements[statements["side"] == side]
        with column:
            st.subheader(md_escape(side))
            if mine.empty:
                st.caption("No matching statement.")
                continue
            if len(mine) > CARD_LIMIT:
                st.caption(f"Showing {CARD_LIMIT} of {len(mine):,} statements.")
            st.html(statement_cards(ds, mine.head(CARD_LIMIT)))
