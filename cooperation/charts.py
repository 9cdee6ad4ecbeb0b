"""Plotly figures drawn from the aggregates in ``cooperation.aggregate``.

Colours and symbols come from the dataset (``cooperation.palette``), so each
country keeps its colour on every page. Text from the data is escaped, because
plotly reads a subset of HTML in labels.

Figures are built with ``plotly.graph_objects`` directly, not plotly express,
which does much more work per figure on every rerun (docs/performance.md).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cooperation.data import Dataset
from cooperation.palette import GRID, RULE

FONT = "sans-serif"


def _text(value: object) -> str:
    """Plotly reads <, > and & as markup and decodes only a few entities: escape just those."""
    return html.escape(str(value), quote=False)


def _figure(traces: list, rows: int, **layout) -> go.Figure:
    base = {
        "font": {"family": FONT},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "height": max(220, 90 + 30 * rows),
        "margin": {"l": 8, "r": 8, "t": 48, "b": 8},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "hoverlabel": {"namelength": -1},
        "xaxis": {"gridcolor": GRID, "zerolinecolor": GRID},
        "yaxis": {"automargin": True, "gridcolor": GRID},
    }
    for key, value in layout.items():
        base[key] = {**base[key], **value} if isinstance(base.get(key), dict) else value
    return go.Figure(data=traces, layout=base)


def _count_axis(most: int, title: str = "Statements") -> dict:
    """Whole-number ticks on a count axis."""
    return {
        "title": {"text": title},
        "rangemode": "tozero",
        "tickformat": ",d",
        "dtick": 1 if most <= 12 else None,
    }


def _bars(frame: pd.DataFrame, by: str, colors: Mapping[str, str], label: str, hover: str) -> list[go.Bar]:
    """Horizontal bars of ``statements`` per ``label``, one trace per value of ``by`` in ``colors``' order."""
    traces = []
    for value, color in colors.items():
        mine = frame[frame[by] == value]
        if not mine.empty:
            traces.append(
                go.Bar(
                    x=mine["statements"].tolist(),
                    y=[_text(v) for v in mine[label]],
                    name=_text(value),
                    orientation="h",
                    marker={"color": color},
                    hovertemplate=hover,
                )
            )
    return traces


def mentions_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Grouped bars: statements naming each sector, one bar per country."""
    present = set(frame["sector"])
    labels = [_text(s) for s in ds.sectors["label"] if s in present]
    traces = _bars(
        frame,
        "country",
        ds.country_colors,
        "sector",
        "%{y}: %{x} statements<extra>%{fullData.name}</extra>",
    )
    most = int(frame["statements"].max()) if not frame.empty else 0
    return _figure(
        traces,
        len(labels) * max(1, len(ds.countries) // 2),
        barmode="group",
        xaxis=_count_axis(most),
        yaxis={"categoryorder": "array", "categoryarray": labels, "autorange": "reversed"},
    )


def convergence_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Dots: the strongest commitment each country made on each sector; shared sectors first."""
    shared = frame.loc[frame["shared"], "sector"].unique().tolist()
    others = [s for s in frame["sector"].unique() if s not in shared]
    order = [_text(s) for s in shared + others]
    traces = []
    for country in ds.countries:
        mine = frame[frame["country"] == country]
        if mine.empty:
            continue
        traces.append(
            go.Scatter(
                x=mine["strongest"].tolist(),
                y=[_text(s) for s in mine["sector"]],
                customdata=["all sides" if s else "one side" for s in mine["shared"]],
                name=_text(country),
                mode="markers",
                orientation="h",
                offsetgroup=_text(country),
                marker={
                    "size": 13,
                    "color": ds.country_colors[country],
                    "symbol": ds.country_symbols[country],
                    "line": {"width": 1, "color": "white"},
                },
                hovertemplate="%{y}: %{x}, named by %{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    # The first category is drawn at the bottom: list the shared sectors last
    # so that they stand at the top, above a rule.
    fig = _figure(
        traces,
        len(order),
        scattermode="group",
        scattergap=0.5,
        xaxis={
            "title": {"text": "Strongest commitment"},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(reversed(ds.strengths)),
            "range": [-0.5, len(ds.strengths) - 0.5],
        },
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": list(reversed(order))},
    )
    if shared and others:
        fig.add_hline(y=len(others) - 0.5, line_dash="dot", line_color=RULE)
    return fig


def hierarchy_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Treemap: themes containing their sectors, sized by statements."""
    root = "All themes"
    ids, labels, parents, values, colors = [root], [root], [""], [int(frame["statements"].sum())], ["#f4f4f4"]
    for theme in ds.themes.itertuples():
        mine = frame[frame["theme_id"] == theme.theme_id]
        if mine.empty:
            continue
        color = ds.theme_colors[theme.theme_id]
        ids.append(f"theme/{theme.theme_id}")
        labels.append(_text(theme.title))
        parents.append(root)
        values.append(int(mine["statements"].sum()))
        colors.append(color)
        for row in mine.itertuples():
            ids.append(f"sector/{row.sector_id}")
            labels.append(_text(row.sector))
            parents.append(f"theme/{theme.theme_id}")
            values.append(int(row.statements))
            colors.append(color)
    treemap = go.Treemap(
        ids=ids,
        labels=labels,
        parents=parents,
        values=values,
        branchvalues="total",
        marker={"colors": colors},
        texttemplate="%{label}<br>%{value}",
        hovertemplate="%{label}: %{value} statements<extra></extra>",
    )
    return _figure([treemap], 10)


def strength_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Stacked bars: each speaker's statements by commitment strength."""
    names = [_text(n) for n in dict.fromkeys(frame["name"])]
    traces = _bars(
        frame, "strength", ds.strength_colors, "name", "%{y}: %{x} %{fullData.name}<extra></extra>"
    )
    most = int(frame.groupby("name")["statements"].sum().max()) if not frame.empty else 0
    return _figure(
        traces,
        2 * len(names),
        barmode="stack",
        legend={"traceorder": "normal"},
        xaxis=_count_axis(most),
        yaxis={"categoryorder": "array", "categoryarray": names, "autorange": "reversed"},
    )
