"""The dashboard's widgets: its stylesheet, the error panel, metrics, charts in words and ink, the statements table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from cooperation import aggregate, display, markup, routes, tables, views
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


def show_chart(
    ds: Dataset,
    chart: Chart,
    rows: pd.DataFrame,
    key: str,
    frame: pd.DataFrame | None = None,
    filters: flt.Filters | None = None,
    scope: tuple = (),
) -> None:
    """A chart in words and in ink: what it shows, its takeaway, the chart, and its numbers one click away.

    ``rows`` are those of ``filters`` within ``scope`` (a theme, say): the chart is drawn once per published
    version, filters and scope (``views.chart``). ``frame`` is the chart's aggregate when the page has
    computed it (from more than the rows); the numbers are computed and sent only when their expander is open.
    """
    drawn = views.chart(ds, chart, rows, filters, *scope, frame=frame)
    st.caption(chart.caption)
    st.markdown(f"**In short:** {markup.md_escape(drawn.takeaway)}")
    st.plotly_chart(drawn.figure, key=key)
    numbers_table(lambda: chart.table(ds, drawn.frame), chart.caption, key)


def numbers_table(table: Callable[[], pd.DataFrame], caption: str, key: str, label: str = NUMBERS) -> None:
    """A table of numbers in an expander, computed and sent only while it is open."""
    numbers = st.expander(label, key=f"{key}-numbers", on_change="rerun")
    with numbers:
        if numbers.open:
            st.html(tables.data_table(table(), caption))


MEETING_PICKED = "_meeting"  # the meeting last picked on a page, kept while the visitor moves between pages


def _picked(key: str) -> None:
    st.session_state[MEETING_PICKED] = st.query_params[routes.MEETING] = st.session_state[key]


def meeting_picker(ds: Dataset, event_ids: Sequence[str], key: str, prefer: str | None = None) -> str:
    """One meeting of ``event_ids`` (not empty), picked in the page, newest first, and kept in the link (?meeting=id).

    The link's meeting comes first, then ``prefer`` (the meeting of a statement the link singles out), then
    the meeting last picked on any page, then the newest. The link carries the event's id, not its label (but
    for a statement's own meeting, which the statement's id already gives); an id that is not among the
    choices is ignored, and the page says so.
    """
    dates = dict(zip(ds.events["event_id"], ds.events["date"]))
    options = sorted(event_ids, key=lambda e: (dates[e], e), reverse=True)
    wanted = st.query_params.get(routes.MEETING)
    kept = st.session_state.get(MEETING_PICKED)
    current = next((e for e in (wanted, prefer, kept) if e in options), options[0])
    st.session_state[key] = current
    st.selectbox(
        "Meeting",
        options,
        format_func=ds.event_labels.__getitem__,
        key=key,
        on_change=_picked,
        args=(key,),
        help="One meeting at a time, the newest first; the filters in the sidebar choose which are listed.",
    )
    if wanted is not None and wanted not in options:
        st.caption(
            markup.md_escape(f"Ignored in the link (not among these meetings): {routes.MEETING}: {wanted}")
        )
    # The link names the meeting shown, unless the statement it singles out already says which.
    if st.query_params.get(routes.MEETING) != current and not (wanted is None and current == prefer):
        st.query_params[routes.MEETING] = current
    st.session_state[MEETING_PICKED] = current
    return current


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
