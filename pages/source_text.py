"""The source: its full text with every coded statement highlighted by speaker and tagged with its sectors."""

from __future__ import annotations

import streamlit as st

from cooperation import charts, html
from cooperation import filters as flt
from cooperation import text as textlib
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
        st.html(html.annotate(text, _marks(ds, source.source_id, text, colors, matching)))


def _marks(ds: Dataset, source_id: str, text: str, colors, matching: set[str]) -> list[html.Mark]:
    """One mark per distinct quoted span and speaker, merging statements that share it."""
    labels = ds.sector_labels
    mine = ds.statements[ds.statements["source_id"] == source_id]
    groups: dict[tuple, dict] = {}
    spans: dict[str, tuple[int, int] | None] = {}
    for row in mine.itertuples():
        if row.quote not in spans:
            spans[row.quote] = textlib.find(row.quote, text)
        span = spans[row.quote]
        if span is None:
            continue
        group = groups.setdefault(
            (*span, row.country),
            {"name": row.name, "sectors": {}, "modalities": {}, "hit": False, "n": 0},
        )
        group["sectors"].update(dict.fromkeys(labels[s] for s in row.sectors))
        group["modalities"][row.modality] = None
        group["hit"] |= row.statement_id in matching
        group["n"] += 1
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
