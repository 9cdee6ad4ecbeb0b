"""Plotly figures drawn from the aggregates in ``cooperation.aggregate``.

Colours are colour-blind safe (Okabe-Ito for countries, cividis for the
commitment scale) and each country keeps its colour on every page. Text from
the data is HTML-escaped, because plotly reads a subset of HTML in labels.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.colors
import plotly.express as px
import plotly.graph_objects as go

from cooperation.data import Dataset

# Okabe & Ito (2008), "Color Universal Design", reordered so that the first
# two colours, used for a two-country dataset, contrast most.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
FONT = "sans-serif"


def country_colors(ds: Dataset) -> dict[str, str]:
    """One colour per country, in the order the speakers table first names them."""
    return {c: OKABE_ITO[i % len(OKABE_ITO)] for i, c in enumerate(ds.countries)}


def modality_colors(ds: Dataset) -> dict[str, str]:
    """A dark-to-light cividis ramp, strongest commitment darkest."""
    n = len(ds.modalities)
    points = [0.05 + 0.85 * i / max(n - 1, 1) for i in range(n)]
    return dict(zip(ds.modalities, plotly.colors.sample_colorscale("cividis", points)))


def _text(value: object) -> str:
    """Plotly reads <, > and & as markup and decodes only a few entities: escape just those."""
    return html.escape(str(value), quote=False)


def _esc(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return frame.assign(**{c: frame[c].map(_text) for c in columns})


def _escaped_map(mapping: dict[str, str]) -> dict[str, str]:
    return {_text(k): v for k, v in mapping.items()}


def _layout(fig: go.Figure, rows: int, legend_title: str | None = None) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        font_family=FONT,
        height=max(220, 90 + 30 * rows),
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0, "title": legend_title},
        hoverlabel={"namelength": -1},
    )
    fig.update_yaxes(title=None, automargin=True)
    return fig


def mentions_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Grouped bars: statements naming each sector, one bar per country."""
    labels = [_text(s) for s in ds.sectors["label"] if s in set(frame["sector"])]
    fig = px.bar(
        _esc(frame, "sector", "country"),
        x="statements",
        y="sector",
        color="country",
        orientation="h",
        barmode="group",
        color_discrete_map=_escaped_map(country_colors(ds)),
        category_orders={"sector": labels, "country": [_text(c) for c in ds.countries]},
        labels={"statements": "Statements", "sector": "Sector", "country": "Country"},
    )
    _count_axis(fig, frame)
    return _layout(fig, len(labels) * max(1, len(ds.countries) // 2), None)


def convergence_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Dots: the strongest commitment each country made on each sector; shared sectors first."""
    shared = frame.loc[frame["shared"], "sector"].unique().tolist()
    others = [s for s in frame["sector"].unique() if s not in shared]
    frame = frame.assign(
        named_by=frame["shared"].map({True: "all sides", False: "one side"}),
    )
    order = [_text(s) for s in shared + others]
    fig = px.scatter(
        _esc(frame, "sector", "country"),
        x="strongest",
        y="sector",
        color="country",
        symbol="country",
        color_discrete_map=_escaped_map(country_colors(ds)),
        category_orders={
            "strongest": list(reversed(ds.modalities)),
            "sector": order,
            "country": [_text(c) for c in ds.countries],
        },
        hover_data={"named_by": True},
        labels={
            "strongest": "Strongest commitment",
            "sector": "Sector",
            "country": "Country",
            "named_by": "Named by",
        },
    )
    fig.update_traces(marker={"size": 13, "line": {"width": 1, "color": "white"}}, orientation="h")
    for trace in fig.data:
        trace.offsetgroup = trace.name
    fig.update_layout(scattermode="group", scattergap=0.5)
    fig.update_xaxes(categoryorder="array", categoryarray=list(reversed(ds.modalities)))
    # The first category is drawn at the bottom: list the shared sectors last
    # so that they stand at the top, above a rule.
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(order)))
    if shared and others:
        fig.add_hline(y=len(others) - 0.5, line_dash="dot", line_color="#888")
    return _layout(fig, len(order))


def hierarchy_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Treemap: themes containing their sectors, sized by statements."""
    frame = _esc(frame, "theme", "sector")
    themes = [_text(t) for t in ds.themes["title"]]
    fig = px.treemap(
        frame,
        path=[px.Constant("All themes"), "theme", "sector"],
        values="statements",
        color="theme",
        color_discrete_map={
            "(?)": "#eeeeee",
            **{t: OKABE_ITO[(i + 2) % len(OKABE_ITO)] for i, t in enumerate(themes)},
        },
    )
    fig.update_traces(
        root_color="#f4f4f4",
        texttemplate="%{label}<br>%{value}",
        hovertemplate="%{label}: %{value} statements<extra></extra>",
    )
    return _layout(fig, 10)


def strength_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Stacked bars: each speaker's statements by commitment strength."""
    names = list(dict.fromkeys(frame["name"]))
    fig = px.bar(
        _esc(frame, "name", "modality"),
        x="statements",
        y="name",
        color="modality",
        orientation="h",
        color_discrete_map=_escaped_map(modality_colors(ds)),
        category_orders={
            "modality": [_text(m) for m in ds.modalities],
            "name": [_text(n) for n in names],
        },
        labels={"statements": "Statements", "name": "Speaker", "modality": "Commitment"},
    )
    _count_axis(fig, frame.groupby("name")["statements"].sum())
    return _layout(fig, 2 * len(names))


def _count_axis(fig: go.Figure, counts) -> None:
    """Whole-number ticks on a count axis."""
    most = int(counts["statements"].max() if isinstance(counts, pd.DataFrame) else counts.max())
    fig.update_xaxes(rangemode="tozero", dtick=1 if most <= 12 else None, tickformat=",d")
