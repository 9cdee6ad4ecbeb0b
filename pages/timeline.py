"""Over time: how the agenda moves from meeting to meeting, and what only one side's accounts ever report.

Every entry is computed from the data (``cooperation.timeline``) and follows the
filters: the meetings on a time axis, a meeting-by-sector grid of each side's
strongest commitment, each sector's history, the sectors only one side's
accounts report, convergence at each meeting, the relationship's label and the
statements that follow up earlier ones. Absence is stated with its coverage:
"never reported in the accounts published by X coded here", never "omitted".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cooperation import cards, describe, registry, tables, timeline, views
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.markup import join as markup_join
from cooperation.markup import md_escape
from cooperation.web.widgets import no_match, numbers_table, show_chart

GRID_LEGEND = (
    "Each cell gives each side by its code: ● and the strongest commitment it made on the sector at that "
    "meeting (a link to the statement), – not mentioned in the accounts of the meeting coded here, "
    "? unknown: an account's copy lacks that side's part."
)


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title("Over time")
    st.caption(
        "How the agenda moves from meeting to meeting: when each sector was raised, by which side and how "
        "strongly, what one side's accounts report and the other's never do, and how the sides' words "
        "converge. Every count follows the filters in the sidebar."
    )
    rows = views.rows(ds, filters)
    events = views.cached(ds, "events", filters, lambda: flt.events_of(ds, filters))
    if events.empty:
        st.info(
            "No meeting falls within the meetings and period chosen in the sidebar.",
            icon=":material/filter_alt_off:",
        )
        return
    frame = views.cached(ds, "meetings", filters, lambda: timeline.meetings(ds, rows, events, filters.source))
    st.header("The meetings")
    show_chart(ds, registry.MEETINGS, rows, key="timeline-meetings", frame=frame, filters=filters)
    if rows.empty:
        no_match(filters)
        return
    st.markdown(md_escape(_coverage(ds, rows, filters)))
    _grid(ds, rows, filters)
    _history(ds, rows, filters)
    if len(ds.countries) > 1:
        _one_side_only(ds, rows, filters)
    st.header("Convergence over time")
    show_chart(
        ds,
        registry.CONVERGENCE_OVER_TIME,
        rows,
        key="timeline-convergence",
        frame=views.cached(
            ds, "convergence", filters, lambda: timeline.convergence(ds, rows, filters.source)
        ),
        filters=filters,
    )
    _labels(ds, rows, filters)
    _follow_ups(ds, rows, filters)


def _coverage(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> str:
    """How many accounts of each side the page draws on."""
    return views.cached(
        ds, "coverage", filters, lambda: describe.coverage(ds, timeline.accounts(ds, rows, filters.source))
    )


def _grid(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    st.header("Meeting by sector")

    def compute() -> tuple[pd.DataFrame, str, str]:
        frame = timeline.grid(ds, rows, filters.source)
        html = tables.grid_table(ds, frame, "Meeting by sector: each side's strongest commitment")
        return frame, describe.grid(ds, frame), html

    frame, takeaway, html = views.cached(ds, "grid", filters, compute)
    st.caption(
        "For each sector, grouped by theme, and each meeting with a matching statement: the strongest "
        "commitment each side made there. A claim both sides made together counts for each; a claim an "
        "account gives to the meeting counts for neither."
    )
    st.markdown(f"**In short:** {md_escape(takeaway)}")
    st.markdown(md_escape(GRID_LEGEND))
    st.html(html)
    numbers_table(
        lambda: describe.grid_table(ds, frame), "Meetings at which each side named each sector", "grid"
    )


def _history(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    st.header("Each sector's history")

    def compute() -> tuple[str, str]:
        frame = timeline.history(ds, rows)
        return describe.history(ds, frame), tables.history_table(ds, frame, "Each sector's history")

    takeaway, html = views.cached(ds, "history", filters, compute)
    st.caption(
        "When each sector was first and last raised (a link to the strongest statement of that day), at "
        "how many meetings, by which side, and where a side's strongest commitment on it changed from one "
        "meeting to a later one (each step a link to its statement)."
    )
    st.markdown(f"**In short:** {md_escape(takeaway)}")
    st.html(html)


def _one_side_only(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    st.header("What only one side's accounts report")
    st.caption(
        "Sectors that the accounts one side published report, and the accounts the other side published "
        "never do, across the meetings chosen. Absence is only as good as coverage: it says what the "
        "accounts coded here report, not what was said."
    )
    st.markdown(md_escape(_coverage(ds, rows, filters)))
    frame = views.cached(
        ds, "one-side-only", filters, lambda: timeline.one_side_only(ds, rows, filters.source)
    )
    for side in ds.countries:
        st.subheader(md_escape(f"Only in the accounts published by {side}"))
        st.markdown(md_escape(describe.one_side_only(ds, frame, side)))
        mine = frame[frame["side"] == side]
        if not mine.empty:
            st.html(cards.one_side_items(ds, mine))
    numbers_table(
        lambda: describe.reported_by_table(ds, timeline.reported_by(ds, rows)),
        "Meetings at which the accounts of each side report each sector",
        "reported-by",
        label="Meetings at which each side's accounts report each sector, as a table",
    )


def _labels(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    st.header("The relationship's label")

    def compute() -> str | None:
        frame = timeline.labels(ds, rows)
        return None if frame.empty else cards.labels_list(ds, frame)

    html = views.cached(ds, "labels", filters, compute)
    if html is None:
        st.caption("No matching statement names the relationship's formula.")
        return
    st.caption("The words each account uses for the relationship, by date, and who used them.")
    st.html(html)


def _follow_ups(ds: Dataset, rows: pd.DataFrame, filters: flt.Filters) -> None:
    st.header("Follow-ups")
    html = views.cached(
        ds,
        "follow-ups",
        filters,
        lambda: markup_join(cards.follow_ups(e, later) for e, later in timeline.followed_up(ds, rows)),
    )
    if not html:
        st.caption("No matching statement follows up an earlier one.")
        return
    st.caption(
        "Each statement that a later one follows up, and beneath it every statement that does, all with their "
        "dates."
    )
    st.html(html)
