"""The source: its full text with every coded statement highlighted by speaker and tagged with its sectors."""

from __future__ import annotations

import streamlit as st

from cooperation import charts, html
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.ui import md_escape


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title("Source text")
    st.caption(
        "Every coded statement is highlighted in its speaker's country colour and tagged "
        "with its sectors; narration and context stay plain. Statements matching the "
        "current filters stand out in bold; hover over a highlight for its details."
    )
    colors = charts.country_colors(ds)
    st.html(html.legend(colors))
    matching = set(flt.apply(ds, filters)["statement_id"]) if filters.active else set()
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


def _marks(ds: Dataset, source_id: str, colors, matching: set[str]) -> list[html.Mark]:
    """One mark per distinct quoted span and speaker, merging statements that share it."""
    labels = ds.sector_labels
    mine = ds.statements[ds.statements["source_id"] == source_id]
    groups: dict[tuple, dict] = {}
    for row in mine.itertuples():
        group = groups.setdefault(
            (*row.quote_span, row.country),
            {"name": row.name, "sectors": {}, "modalities": {}, "hit": False},
        )
        group["sectors"].update(dict.fromkeys(labels[s] for s in row.sectors))
        group["modalities"][row.modality] = None
        group["hit"] |= row.statement_id in matching
    return [
        html.Mark(
            start=start,
            end=end,
            color=colors[country],
            title=f"{g['name']} · {', '.join(g['modalities'])} · {', '.join(g['sectors'])}",
            labels=tuple(g["sectors"]),
            emphasis=g["hit"],
        )
        for (start, end, country), g in sorted(groups.items())
    ]
