"""The dashboard's widgets: its stylesheet, the error panel, metrics, charts in words and ink, the statements table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from cooperation import aggregate, display, markup, tables
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.problems import Problem
from cooperation.registry import NUMBERS, Chart

PROBLEM_COLUMNS = ["file", "line", "column", "key", "value", "problem", "hint"]


def page_styles(ds: Dataset | None = None) -> None:
    """The dashboard's one stylesheet (no curated text in it), with each side's and strength's colour class."""
    if ds is None:
        st.html(f"<style>{markup.stylesheet()}</style>")
    else:
        st.html(f"<style>{markup.stylesheet(ds.side_colors, ds.strength_colors)}</style>")


def error_panel(problems: Sequence[Problem]) -> None:
    """Every problem in one table: file, line, column (or key), value, problem and hint, in the dashboard's styles."""
    page_styles()
    st.error(display.no_data(len(problems)), icon=":material/construction:")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column or "",
                    "key": p.key or "",
                    "value": "" if p.value is None else str(p.value),
                    "problem": p.message,
                    "hint": p.hint or "",
                }
                for p in problems
            ],
            columns=PROBLEM_COLUMNS,
        ),
        hide_index=True,
        width="stretch",
        column_config={"line": st.column_config.NumberColumn(format="%d")},
    )


def show_chart(ds: Dataset, chart: Chart, rows: pd.DataFrame, key: str) -> None:
    """A chart in words and in ink: what it shows, its takeaway, the chart, and its numbers one click away.

    The numbers are computed and sent only when their expander is open.
    """
    frame = chart.aggregate(ds, rows)
    st.caption(chart.caption)
    st.markdown(f"**In short:** {markup.md_escape(chart.takeaway(ds, frame))}")
    st.plotly_chart(chart.figure(ds, frame), key=key)
    numbers = st.expander(NUMBERS, key=f"{key}-numbers", on_change="rerun")
    with numbers:
        if numbers.open:
            st.html(tables.data_table(chart.table(ds, frame), chart.caption))


def count_metrics(ds: Dataset, numbers: aggregate.Counts) -> None:
    """The headline counts of the matching statements, in a row."""
    for column, metric in zip(st.columns(5), display.count_metrics(ds, numbers)):
        column.metric(metric.label, metric.value, help=metric.help)


def no_match(filters: flt.Filters) -> None:
    """The empty state: say so plainly, and how to get results back."""
    if filters.active:
        st.info(
            "No statements match these filters. Remove a sector, a speaker or a "
            "commitment strength in the sidebar, or clear the search.",
            icon=":material/filter_alt_off:",
        )
    else:
        st.info("There are no statements here.", icon=":material/info:")


def statements_table(ds: Dataset, table: pd.DataFrame, total: int) -> None:
    """The statements table (``display.statements_table``), saying so when it shows fewer than ``total``."""
    if len(table) < total:
        st.caption(f"Showing {len(table):,} of {total:,} statements; the download below holds all of them.")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Quote": st.column_config.TextColumn(
                width=520, help="Verbatim from the source; empty where the account's text is not held."
            ),
            "Evidence": st.column_config.TextColumn(
                help="Quote: the words of the source. Paraphrase: the account's text is not held, so the summary is our wording."
            ),
            "Summary": st.column_config.TextColumn(width=320),
            "Account": st.column_config.TextColumn(width="medium"),
            "Sectors": st.column_config.ListColumn(width="medium"),
            "Strength": st.column_config.TextColumn(help=display.strength_help(ds)),
            "In context": st.column_config.LinkColumn(
                display_text="in context",
                width="small",
                help="The source text, with this statement's quote highlighted among the sentences around it.",
            ),
            "Source": st.column_config.LinkColumn(display_text="source", width="small"),
        },
    )
