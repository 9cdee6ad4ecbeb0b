"""A theme: its title and description, metrics, a chart of its sectors, and who said what."""

from __future__ import annotations

import streamlit as st

from cooperation import filters as flt
from cooperation import registry, views
from cooperation.cards import statement_cards
from cooperation.data import Dataset
from cooperation.markup import md_escape
from cooperation.vocabulary import CARD_LIMIT
from cooperation.web.widgets import count_metrics, no_match, show_chart


def render(ds: Dataset, filters: flt.Filters, theme_id: str) -> None:
    theme = ds.theme(theme_id)
    st.title(md_escape(theme["title"]))
    st.caption(md_escape(theme["description"]))

    rows = views.rows(ds, filters, theme_id)
    count_metrics(ds, views.counts(ds, filters, theme_id))
    if rows.empty:
        no_match(filters)
        return

    st.header("Sectors in this theme")
    show_chart(ds, registry.THEME, rows, key=f"theme-{theme_id}", filters=filters, scope=(theme_id,))

    st.header("Who said what")
    st.caption(
        "Each statement with its commitment strength, strongest first, and its evidence: the source's exact "
        "words, or our paraphrase of an account whose text we do not hold."
    )
    sides = _cards(ds, rows, filters, theme_id)
    for column, (side, total, html) in zip(st.columns(len(sides)), sides):
        with column:
            st.subheader(md_escape(side))
            if html is None:
                st.caption("No matching statement.")
                continue
            if total > CARD_LIMIT:
                st.caption(f"Showing {CARD_LIMIT} of {total:,} statements.")
            st.html(html)


def _cards(ds: Dataset, rows, filters: flt.Filters, theme_id: str) -> tuple[tuple[str, int, str | None], ...]:
    """One column per side: each country, and the claims whose account names no speaker, if any.

    Each as (side, how many statements, their cards' HTML or None), strongest first; cached per filters.
    """

    def compute():
        statements = flt.statements_of(ds, rows).sort_values(["strength_rank", "statement_id"])
        sides = [s for s in ds.sides if s in ds.countries or (statements["side"] == s).any()]
        return tuple(
            (side, len(mine), statement_cards(ds, mine.head(CARD_LIMIT)) if not mine.empty else None)
            for side in sides
            for mine in [statements[statements["side"] == side]]
        )

    return views.cached(ds, "theme-cards", filters, compute, theme_id)
