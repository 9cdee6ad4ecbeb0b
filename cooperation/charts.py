"""Plotly figures drawn from the aggregates in ``cooperation.aggregate``.

Colours and symbols come from the dataset (``cooperation.palette``), so each
side keeps its colour on every page. Text from the data is escaped, because
plotly reads a subset of HTML in labels.

Figures are built with ``plotly.graph_objects`` directly, not plotly express,
which does much more work per figure on every rerun (docs/performance.md).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cooperation import aggregate, palette, timeline
from cooperation import vocabulary as vocab
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


def _bars(
    frame: pd.DataFrame,
    by: str,
    colors: Mapping[str, str],
    patterns: Mapping[str, str],
    label: str,
    hover: str,
) -> list[go.Bar]:
    """Horizontal bars of ``statements`` per ``label``, one trace per value of ``by`` in ``colors``' order.

    Each trace has its colour and its fill pattern, and is named in the legend.
    """
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
                    marker={
                        "color": color,
                        "line": {"color": color, "width": 1},
                        "pattern": {
                            "shape": patterns[value],
                            "fillmode": "overlay",
                            "fgcolor": "white",
                            "solidity": 0.3,
                        },
                    },
                    hovertemplate=hover,
                )
            )
    return traces


def mentions_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Grouped bars: statements naming each sector, one bar per side (each country, and no speaker named)."""
    present = set(frame["sector"])
    labels = [_text(s) for s in ds.sectors["label"] if s in present]
    traces = _bars(
        frame,
        "side",
        {side: ds.side_colors[side] for side in ds.sides},
        ds.side_patterns,
        "sector",
        "%{y}: %{x} statements<extra>%{fullData.name}</extra>",
    )
    most = int(frame["statements"].max()) if not frame.empty else 0
    return _figure(
        traces,
        len(labels) * max(1, len(ds.sides) // 2),
        barmode="group",
        xaxis=_count_axis(most),
        yaxis={"categoryorder": "array", "categoryarray": labels, "autorange": "reversed"},
    )


# The convergence chart's groups of sectors, top to bottom, and how each is labelled on the chart.
GROUPS = (
    (aggregate.IN_ONE_ACCOUNT, "Named by every side, in one account"),
    (aggregate.ACROSS_ACCOUNTS, "Named by every side only across accounts"),
    (aggregate.ONE_SIDE, "Named by one side"),
)


def convergence_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Dots: the strongest commitment each side made on each sector, the sectors grouped by agreement.

    Sectors every side named within one account stand at the top; then those
    every side named only across accounts; then those one side named. Each
    group is labelled on the chart, and a dotted rule separates the groups.
    """
    groups = [
        (label, [_text(s) for s in frame.loc[frame["agreement"] == kind, "sector"].unique()])
        for kind, label in GROUPS
    ]
    groups = [(label, sectors) for label, sectors in groups if sectors]
    # Each group opens with an empty row of its own (a distinct run of zero-width spaces) for its label.
    spacers = ["\u200b" * (i + 1) for i in range(len(groups))]
    order = [row for spacer, (_, sectors) in zip(spacers, groups) for row in (spacer, *sectors)]
    rows = list(reversed(order))  # the first category is drawn at the bottom
    traces = []
    for side in ds.sides:
        mine = frame[frame["side"] == side]
        if mine.empty:
            continue
        traces.append(
            go.Scatter(
                x=mine["strongest"].tolist(),
                y=[_text(s) for s in mine["sector"]],
                customdata=mine["agreement"].map(dict(GROUPS)).tolist(),
                name=_text(side),
                mode="markers",
                orientation="h",
                offsetgroup=_text(side),
                marker={
                    "size": 13,
                    "color": ds.side_colors[side],
                    "symbol": ds.side_symbols[side],
                    "line": {"width": 1, "color": "white"},
                },
                hovertemplate="%{y}: %{x} (%{customdata})<extra>%{fullData.name}</extra>",
            )
        )
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
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows},
    )
    for i, (spacer, (label, _)) in enumerate(zip(spacers, groups)):
        fig.add_annotation(
            text=label, x=0, xref="paper", xanchor="left", y=spacer, yref="y",
            showarrow=False, font={"size": 12},
        )  # fmt: skip
        if i:
            fig.add_hline(y=rows.index(spacer) + 0.5, line_dash="dot", line_color=RULE)
    return fig


def hierarchy_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Treemap: themes containing their sectors, sized by statements."""
    root = "All themes"
    ids, labels, parents, values, colors = (
        [root],
        [root],
        [""],
        [int(frame["statements"].sum())],
        [palette.ROOT],
    )
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
        marker={"colors": colors, "line": {"color": "white", "width": 2}, "depthfade": False},
        textfont={"color": [palette.TEXT, *["white"] * (len(ids) - 1)]},  # white on the themes' dark colours
        texttemplate="%{label}<br>%{value}",
        hovertemplate="%{label}: %{value} statements<extra></extra>",
    )
    return _figure([treemap], 10)


def strength_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Stacked bars: each speaker's statements by commitment strength."""
    names = [_text(n) for n in dict.fromkeys(frame["name"])]
    traces = _bars(
        frame,
        "strength",
        ds.strength_colors,
        ds.strength_patterns,
        "name",
        "%{y}: %{x} %{fullData.name}<extra></extra>",
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


# --- Over time -------------------------------------------------------------------------------


def account_side_styles(ds: Dataset) -> tuple[dict[str, str], dict[str, str]]:
    """Each publishers' side's colour and marker symbol: each country's, and third parties'."""
    colors = {**palette.country_colors(ds.countries), vocab.THIRD_PARTY: palette.THIRD_PARTY_COLOR}
    symbols = {**palette.country_symbols(ds.countries), vocab.THIRD_PARTY: palette.THIRD_PARTY_SYMBOL}
    return colors, symbols


MEETINGS_ROW = "Meetings"  # the meetings chart's top row: the contacts themselves


CLUSTER_DAYS = 31  # meetings closer than this share one mark on the meetings chart


def _clusters(frame: pd.DataFrame) -> list[int]:
    """For each meeting (in date order), the number of its mark: a new mark once the last is a month behind."""
    marks, mark, start = [], -1, None
    for day in frame["date"]:
        if start is None or (day - start).days >= CLUSTER_DAYS:
            mark, start = mark + 1, day
        marks.append(mark)
    return marks


def meetings_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """A time axis with a row for the meetings and one per publishers' side: a mark at each date, its count above.

    Meetings within a month of the first of them share a mark, at that first date, so that no two counts
    overlap; the hover lists each meeting with its date. The space between marks is the time between contacts.
    """
    colors, symbols = account_side_styles(ds)
    sides = [s for s in colors if s in frame and frame[s].any()]
    named = frame.assign(
        mark=_clusters(frame), named=[_text(f"{d} · {t}") for d, t in zip(frame["date"], frame["title"])]
    )
    days = named.groupby("mark", sort=True).agg(
        date=("date", "min"),
        meetings=("event_id", "size"),
        titles=("named", "<br>".join),
        **{s: (s, "sum") for s in sides},
    )
    days = days.set_index("date")
    rows = [MEETINGS_ROW, *(timeline.accounts_name(s) for s in sides)]
    traces = [
        go.Scatter(
            x=[str(d) for d in days.index],
            y=[MEETINGS_ROW] * len(days),
            mode="markers+text",
            text=[str(n) for n in days["meetings"]],
            textposition="top center",
            name=MEETINGS_ROW,
            marker={
                "symbol": palette.MEETING_SYMBOL,
                "size": 18,
                "color": palette.TEXT,
                "line": {"width": 2},
            },
            customdata=list(days["titles"]),
            hovertemplate="%{text} meeting(s):<br>%{customdata}<extra></extra>",
        )
    ]
    for side in sides:
        held = days[days[side] > 0]
        traces.append(
            go.Scatter(
                x=[str(d) for d in held.index],
                y=[timeline.accounts_name(side)] * len(held),
                mode="markers+text",
                text=[str(int(n)) for n in held[side]],
                textposition="top center",
                name=_text(timeline.accounts_name(side)),
                marker={"symbol": symbols[side], "size": 11, "color": colors[side]},
                customdata=list(held["titles"]),
                hovertemplate="%{text} accounts of:<br>%{customdata}<extra>%{fullData.name}</extra>",
            )
        )
    return _figure(
        traces,
        2 * len(rows),
        showlegend=False,
        xaxis={"type": "date", "title": {"text": "Date of the meeting"}},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [_text(r) for r in rows],
            # Top to bottom, with room above the first row for its counts.
            "range": [len(rows) - 0.5, -0.9],
            "showgrid": True,
        },
    )


def _meeting_labels(frame: pd.DataFrame, width: int = 48) -> list[str]:
    """Each meeting as an axis names it: its date and its title, cut short (whole where two would read alike)."""
    labels = [f"{d} · {vocab.shortened(t, width)}" for d, t in zip(frame["date"], frame["title"])]
    if len(set(labels)) < len(labels):
        labels = [f"{d} · {t} ({e})" for d, t, e in zip(frame["date"], frame["title"], frame["event_id"])]
    return [_text(label) for label in labels]


def convergence_over_time_chart(ds: Dataset, frame: pd.DataFrame) -> go.Figure:
    """Stacked bars, one per meeting in date order: its sectors by how far the sides converged on them."""
    colors = palette.strength_colors(timeline.GROUPS)
    patterns = palette.strength_patterns(timeline.GROUPS)
    labels = _meeting_labels(frame)
    traces = [
        go.Bar(
            x=frame[group].tolist(),
            y=labels,
            orientation="h",
            name=_text(group.capitalize()),
            customdata=[_text(t) for t in frame["title"]],
            marker={
                "color": colors[group],
                "line": {"color": colors[group], "width": 1},
                "pattern": {
                    "shape": patterns[group],
                    "fillmode": "overlay",
                    "fgcolor": "white",
                    "solidity": 0.3,
                },
            },
            hovertemplate="%{customdata}: %{x} sectors<extra>%{fullData.name}</extra>",
        )
        for group in timeline.GROUPS
        if frame[group].any()
    ]
    most = int(frame[list(timeline.GROUPS)].sum(axis=1).max()) if not frame.empty else 0
    return _figure(
        traces,
        len(labels),
        barmode="stack",
        xaxis=_count_axis(most, "Sectors"),
        yaxis={"categoryorder": "array", "categoryarray": labels, "autorange": "reversed"},
    )
