"""The source: its full text with every coded statement highlighted by speaker and tagged with its sectors.

A link with ``?statement=<statement_id>`` (each table row and card has one) puts
that statement on top, its quote highlighted among the sentences around it.
"""

from __future__ import annotations

import streamlit as st

from cooperation import display, markup, routes
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.markup import md_escape


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title("Source text")
    st.caption(
        "Every coded statement is highlighted in its speaker's country colour and tagged "
        "with its sectors; narration and context stay plain. Statements matching the "
        "current filters, and a statement a link led you to, stand out in bold; hover "
        "over a highlight for its details."
    )
    focus = _focus(ds)
    st.html(markup.legend(ds.country_colors))
    emphasised = set(flt.apply(ds, filters)["statement_id"]) if filters.active else set()
    if focus is not None:
        emphasised.add(focus.statement["statement_id"])
    coverage = {c.source_id: c for c in ds.coverage}
    for source in ds.sources.itertuples():
        st.header(md_escape(source.title), divider="gray")
        st.html(
            f"<p>{markup.esc(source.publisher)}, published {markup.esc(source.published)}; "
            f"event of {markup.esc(source.event_date)}: {markup.esc(source.event)}. "
            f"{markup.link(source.url, 'Read the original')}</p>"
        )
        cov = coverage[source.source_id]
        st.metric(
            "Sentences accounted for",
            f"{cov.accounted} of {cov.sentences}",
            help=f"{cov.quoted} quoted by statements, {cov.narration} listed as narration or context.",
        )
        text = ds.texts[source.source_id]
        st.html(markup.annotate(text, markup.source_marks(ds, source.source_id, emphasised)))


def _focus(ds: Dataset) -> display.InContext | None:
    """The statement a link singled out (``?statement=<id>``): its card and the sentences its quote stands in."""
    wanted = st.query_params.get(routes.STATEMENT)
    if wanted is None:
        return None
    focus = display.in_context(ds, wanted)
    if focus is None:
        st.warning(
            f"No statement has the id “{md_escape(wanted)}”, so none is singled out below.",
            icon=":material/link_off:",
        )
        return None
    statement = focus.statement
    with st.container(border=True):
        st.subheader("The statement you followed")
        st.html(markup.statement_cards(ds, ds.statements.loc[[statement.name]], context_links=False))
        st.caption("Its quote in the source, with a sentence either side; the whole text follows.")
        passage = ds.texts[statement["source_id"]][focus.start : focus.end]
        st.html(markup.annotate(passage, [markup.focus_mark(ds, statement, focus.start)]))
    return focus
