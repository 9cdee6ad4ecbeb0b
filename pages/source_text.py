"""The source: its full text with every coded statement highlighted by speaker and tagged with its sectors.

A link with ``?statement=<statement_id>`` (each table row and card has one) puts
that statement on top, its quote highlighted among the sentences around it.
"""

from __future__ import annotations

import streamlit as st

from cooperation import aggregate, charts, html
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.ui import md_escape, statement_cards


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title("Source text")
    st.caption(
        "Every coded statement is highlighted in its speaker's country colour and tagged "
        "with its sectors; narration and context stay plain. Statements matching the "
        "current filters, and a statement a link led you to, stand out in bold; hover "
        "over a highlight for its details."
    )
    colors = charts.country_colors(ds)
    focus = _focus(ds, colors)
    st.html(html.legend(colors))
    matching = set(flt.apply(ds, filters)["statement_id"]) if filters.active else set()
    if focus is not None:
        matching.add(focus.statement["statement_id"])
    coverage = {c.source_id: c for c in ds.coverage}
    for source in ds.sources.itertuples():
        st.header(md_escape(source.title), divider="gray")
        st.html(
            f"<p>{html.esc(source.publisher)}, published {html.esc(source.published)}; "
            f"event of {html.esc(source.event_date)}: {html.esc(source.event)}. "
            f"{html.link(source.url, 'Read the original')}</p>"
        )
        cov = coverage[source.source_id]
        st.metric(
            "Sentences accounted for",
            f"{cov.accounted} of {cov.sentences}",
            help=f"{cov.quoted} quoted by statements, {cov.narration} listed as narration or context.",
        )
        text = ds.texts[source.source_id]
        st.html(html.annotate(text, _marks(ds, source.source_id, colors, matching)))


def _focus(ds: Dataset, colors) -> aggregate.InContext | None:
    """The statement a link singled out (``?statement=<id>``): its card and the sentences its quote stands in."""
    wanted = st.query_params.get(aggregate.STATEMENT_PARAM)
    if wanted is None:
        return None
    focus = aggregate.in_context(ds, wanted)
    if focus is None:
        st.warning(
            f"No statement has the id “{md_escape(wanted)}”, so none is singled out below.",
            icon=":material/link_off:",
        )
        return None
    statement = focus.statement
    start, end = statement["quote_span"]
    text = ds.texts[statement["source_id"]]
    with st.container(border=True):
        st.subheader("The statement you followed")
        st.html(statement_cards(ds, ds.statements.loc[[statement.name]], context_links=False))
        st.caption("Its quote in the source, with a sentence either side; the whole text follows.")
        mark = html.Mark(
            start=start - focus.start,
            end=end - focus.start,
            color=colors[statement["country"]],
            title=f"{statement['name']} · {statement['strength']}",
            labels=(),
            emphasis=True,
        )
        st.html(html.annotate(text[focus.start : focus.end], [mark]))
    return focus


def _marks(ds: Dataset, source_id: str, colors, matching: set[str]) -> list[html.Mark]:
    """One mark per distinct quoted span and speaker, merging statements that share it."""
    labels = ds.sector_labels
    mine = ds.statements[ds.statements["source_id"] == source_id]
    groups: dict[tuple, dict] = {}
    for row in mine.itertuples():
        group = groups.setdefault(
            (*row.quote_span, row.country),
            {"name": row.name, "sectors": {}, "strengths": {}, "hit": False},
        )
        group["sectors"].update(dict.fromkeys(labels[s] for s in row.sectors))
        group["strengths"][row.strength] = None
        group["hit"] |= row.statement_id in matching
    return [
        html.Mark(
            start=start,
            end=end,
            color=colors[country],
            title=f"{g['name']} · {', '.join(g['strengths'])} · {', '.join(g['sectors'])}",
            labels=tuple(g["sectors"]),
            emphasis=g["hit"],
        )
        for (start, end, country), g in sorted(groups.items())
    ]
