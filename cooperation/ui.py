"""The Streamlit widgets: the published data, the error panel, the sidebar filters, metrics and the table.

This is the only module of the package that imports Streamlit; what it shows
is computed by the pure modules beside it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cooperation import aggregate, markup, palette, routes, service
from cooperation import filters as flt
from cooperation.data import Dataset, data_dir
from cooperation.markup import md_escape, strength_help
from cooperation.problems import Problem

SETTLE_VAR = "COOPERATION_SETTLE_SECONDS"  # how long files must be still before a change is published
DASHBOARD = "Cooperation dashboard"  # the product's name, in every page's browser title
NUMBERS = "The chart's numbers, as a table"  # the expander under every chart


# A focus ring that every control shows when reached by keyboard: Streamlit draws
# none on its navigation links, selects and the main area, or only a faint one.
FOCUS_CSS = f"""
:focus-visible, [data-baseweb="select"]:focus-within {{
  outline: 3px solid {palette.FOCUS} !important;
  outline-offset: 2px !important;
}}
"""


def page_styles() -> None:
    """The dashboard's own styles (no curated text in them), before anything else on the page."""
    st.html(f"<style>{FOCUS_CSS}</style>")


def before_serving() -> None:
    """What a server does once, before its first visitor: route with st.navigation only, and load the data.

    With a ``pages/`` folder beside app.py, Streamlit's legacy router (which
    knows only the modules in ``pages/``) runs each process's very first script
    run and answers a deep link such as ``/source`` with a "Page not found"
    dialog, until ``st.navigation`` switches it off: its first call sets
    ``PagesManager.uses_pages_directory = False``
    (streamlit/commands/navigation.py; the legacy run is ``_mpa_v1`` in
    streamlit/runtime/scriptrunner/script_runner.py). Setting it before any
    session exists makes every run, the first included, go through
    ``st.navigation``.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    served()


@st.cache_resource
def publisher(path: str) -> service.Publisher:
    """The one publisher of the data directory, for every session of this server."""
    service.log_to_stderr()
    settle = float(os.environ.get(SETTLE_VAR, service.SETTLE_SECONDS))
    return service.Publisher(Path(path), settle=settle)


def served() -> service.Served:
    """What this run shows, read once per run: the published dataset and what waits on disk."""
    return publisher(str(data_dir())).current()


def dataset(state: service.Served) -> Dataset:
    """The published dataset, with a calm notice when an update is pending; with none, the problems, and stop."""
    if state.dataset is None:
        error_panel(state.problems)
        st.stop()
    if state.pending is not None:
        st.sidebar.info(pending_notice(state), icon=":material/update:")
    return state.dataset


def _when(moment) -> str:
    return moment.astimezone(UTC).strftime("%d %B %Y, %H:%M UTC").lstrip("0") if moment else "an unknown time"


def pending_notice(state: service.Served) -> str:
    """One sentence on the version served and the update waiting."""
    waiting = "is being written" if state.pending.writing else "is waiting to be checked by the curators"
    return f"The data shown was published on {_when(state.dataset.snapshot.modified)}. An update {waiting}."


def version_line(state: service.Served) -> str:
    """Which version is served, and whether a newer one waits on disk (for the data page; Markdown)."""
    ds = state.dataset
    line = (
        f"Version served: {md_escape(ds.schema.meta('version', 'not numbered'))}, "
        f"its files last changed on {_when(ds.snapshot.modified)}."
    )
    if state.pending is None:
        return line + " It is the version on disk."
    if state.pending.writing:
        return line + f" Newer files, changed on {_when(state.pending.modified)}, are being written."
    count = len(state.pending.problems)
    return line + (
        f" A newer version on disk, changed on {_when(state.pending.modified)}, does not validate "
        f"({count} problem{'s' if count != 1 else ''}); it is served once it does. Curators see the "
        "problems with `python -m cooperation validate` and in the server log."
    )


def error_panel(problems: Sequence[Problem]) -> None:
    """Every problem in one table: file, line, column, value, problem and hint."""
    count = len(problems)
    st.error(
        f"The data did not validate: {count} problem{'s' if count != 1 else ''} found. "
        "Nothing is shown until they are fixed; run `python -m cooperation validate` "
        "for the same list."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column or "",
                    "value": "" if p.value is None else str(p.value),
                    "problem": p.message,
                    "hint": p.hint or "",
                }
                for p in problems
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={"line": st.column_config.NumberColumn(format="%d")},
    )


ACCOUNTS_HELP = (
    "The accounts of each event: reports, readouts and news items. Where an account's text is "
    "not held, its statements are our paraphrase."
)


def _query_lists() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def sidebar_filters(ds: Dataset) -> flt.Filters:
    """The filters, in the sidebar of every page, seeded from and written back to the URL."""
    if "_seeded" not in st.session_state:
        seed, ignored = flt.from_params(_query_lists(), ds)
        for name in routes.FILTER_LISTS:
            st.session_state[name] = list(getattr(seed, name))
        st.session_state[routes.SEARCH] = seed.q
        st.session_state["_ignored"] = ignored
        st.session_state["_seeded"] = True

    allowed = flt.choices(ds)
    speakers = {row.speaker_id: f"{row.name} ({row.country})" for row in ds.speakers.itertuples()}
    dated = len(ds.events) > 1  # with several events, an account says which
    event_dates = dict(zip(ds.events["event_id"], ds.events["date"]))
    accounts = {
        s.source_id: f"{s.title} ({event_dates[s.event_id]})" if dated else s.title
        for s in ds.sources.itertuples()
    }
    # (parameter, label, how an id is shown, placeholder, help)
    lists = (
        (routes.SECTOR, "Sectors", ds.sector_labels.__getitem__, "All sectors", None),
        (routes.ACCOUNT, "Accounts", accounts.__getitem__, "All accounts", ACCOUNTS_HELP),
        (routes.SPEAKER, "Speakers", speakers.__getitem__, "All speakers", None),
        (routes.STRENGTH, "Commitment strength", str.capitalize, "All strengths", strength_help(ds)),
    )
    with st.sidebar:
        st.header("Filters")
        for name, label, shown, placeholder, help_text in lists:
            st.multiselect(
                label, allowed[name], format_func=shown, key=name, placeholder=placeholder, help=help_text
            )
        st.text_input(
            "Search quotes and summaries",
            key=routes.SEARCH,
            max_chars=flt.MAX_TEXT,
            placeholder="e.g. free trade",
        )
        ignored = st.session_state.get("_ignored")
        if ignored:
            shown = "; ".join(f"{k}: {', '.join(v)}" for k, v in ignored.items())
            st.caption(md_escape(f"Ignored in the link (not in the data): {shown}"))

    current, _ = flt.from_params(
        {
            **{name: st.session_state.get(name, []) for name in routes.FILTER_LISTS},
            routes.SEARCH: [st.session_state.get(routes.SEARCH, "")],
        },
        ds,
    )
    wanted = flt.to_params(current)
    present = _query_lists()
    # Only the filters' own parameters are written: others (such as the
    # overview's chart tab, bound to its widget) are Streamlit's to keep.
    for name in (*routes.FILTER_LISTS, routes.SEARCH, *routes.ALIASES):
        if present.get(name) == wanted.get(name):
            continue
        if name in wanted:
            st.query_params[name] = wanted[name]
        else:
            del st.query_params[name]
    return current


@dataclass(frozen=True)
class Chart:
    """A chart: its name, what it shows, and how its aggregate, figure, takeaway and table are made."""

    label: str
    caption: str
    aggregate: Callable[[Dataset, pd.DataFrame], pd.DataFrame]
    figure: Callable[[Dataset, pd.DataFrame], go.Figure]
    takeaway: Callable[[Dataset, pd.DataFrame], str]
    table: Callable[[Dataset, pd.DataFrame], pd.DataFrame]


def show_chart(ds: Dataset, chart: Chart, rows: pd.DataFrame, key: str) -> None:
    """A chart in words and in ink: what it shows, its takeaway, the chart, and its numbers one click away.

    The numbers are computed and sent only when their expander is open.
    """
    frame = chart.aggregate(ds, rows)
    st.caption(chart.caption)
    st.markdown(f"**In short:** {md_escape(chart.takeaway(ds, frame))}")
    st.plotly_chart(chart.figure(ds, frame), key=key)
    numbers = st.expander(NUMBERS, key=f"{key}-numbers", on_change="rerun")
    with numbers:
        if numbers.open:
            st.html(markup.data_table(chart.table(ds, frame), chart.caption))


def count_metrics(ds: Dataset, numbers: aggregate.Counts) -> None:
    """The headline counts of the matching statements (``aggregate.counts``)."""
    both = "both sides" if len(ds.countries) == 2 else "every side"
    across = (
        f" {numbers.across:,} more were named by {both} only across accounts, one side in each, which is not counted."
        if numbers.across
        else ""
    )
    cols = st.columns(5)
    cols[0].metric("Statements", f"{numbers.statements:,}", help="Distinct statements matching the filters.")
    cols[1].metric("Sectors", f"{numbers.sectors:,}", help="Sectors named by the matching statements.")
    cols[2].metric(
        "Accounts", f"{numbers.accounts:,}", help="The accounts the matching statements come from."
    )
    cols[3].metric(
        "Speakers",
        f"{numbers.speakers:,}",
        help="Named speakers; a claim an account attributes to no one counts for none.",
    )
    cols[4].metric(
        f"Sectors {both} named",
        f"{numbers.shared:,}",
        help=f"Sectors that speakers of every side of the event named within one account, among the matching statements.{across}",
    )


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
            "Strength": st.column_config.TextColumn(help=strength_help(ds)),
            "In context": st.column_config.LinkColumn(
                display_text="in context",
                width="small",
                help="The source text, with this statement's quote highlighted among the sentences around it.",
            ),
            "Source": st.column_config.LinkColumn(display_text="source", width="small"),
        },
    )
