"""The filters in the sidebar of every page: seeded from the link on a first visit, written back to it on each change.

The link carries stable ids and ISO dates (``cooperation.filters``); ids and
dates that are not in the data are ignored, and the sidebar says which.
"""

from __future__ import annotations

import streamlit as st

from cooperation import filters as flt
from cooperation import routes
from cooperation.data import Dataset
from cooperation.display import strength_help
from cooperation.markup import md_escape
from cooperation.vocabulary import MAX_TEXT

MEETINGS_HELP = "The official contacts: meetings, calls and exchanges of messages, by date."
PERIOD_HELP = "Only the meetings from this date, or up to this date (YYYY-MM-DD), both included."
ACCOUNTS_HELP = (
    "The accounts of each event: reports, readouts and news items. Where an account's text is "
    "not held, its statements are our paraphrase."
)


def _query_lists() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _seed(ds: Dataset) -> None:
    """On a session's first run, the filters' widgets take their values from the link."""
    if "_seeded" in st.session_state:
        return
    seed, ignored = flt.from_params(_query_lists(), ds)
    for name in routes.FILTER_LISTS:
        st.session_state[name] = list(getattr(seed, name))
    st.session_state[routes.FROM], st.session_state[routes.TO] = seed.start, seed.end
    st.session_state[routes.SEARCH] = seed.q
    st.session_state["_ignored"] = ignored
    st.session_state["_seeded"] = True


def _write_back(current: flt.Filters) -> None:
    """Only the filters' own parameters are written: others (the overview's chart, a page's meeting) are kept."""
    wanted = flt.to_params(current)
    present = _query_lists()
    for name in (*routes.FILTER_LISTS, *routes.PERIOD, routes.SEARCH, *routes.ALIASES):
        if present.get(name) == wanted.get(name):
            continue
        if name in wanted:
            st.query_params[name] = wanted[name]
        else:
            del st.query_params[name]


def _choices(ds: Dataset) -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """The filters' allowed ids, and how speakers and accounts are named: once per published version."""
    speakers = {row.speaker_id: f"{row.name} ({row.country})" for row in ds.speakers.itertuples()}
    dated = len(ds.events) > 1
    event_dates = dict(zip(ds.events["event_id"], ds.events["date"]))
    accounts = {
        s.source_id: f"{s.title} ({event_dates[s.event_id]})" if dated else s.title
        for s in ds.sources.itertuples()
    }
    return flt.choices(ds), speakers, accounts


def filters(ds: Dataset) -> flt.Filters:
    """The filters, in the sidebar of every page, seeded from and written back to the URL."""
    _seed(ds)
    allowed, speakers, accounts = ds.memo.get(("sidebar",), lambda: _choices(ds))
    dated = len(ds.events) > 1  # with several events, an account says which, and meetings can be chosen
    # (parameter, label, how an id is shown, placeholder, help)
    lists = [
        (routes.SECTOR, "Sectors", ds.sector_labels.__getitem__, "All sectors", None),
        (routes.EVENT, "Meetings", ds.event_labels.__getitem__, "All meetings", MEETINGS_HELP),
        (routes.ACCOUNT, "Accounts", accounts.__getitem__, "All accounts", ACCOUNTS_HELP),
        (routes.SPEAKER, "Speakers", speakers.__getitem__, "All speakers", None),
        (routes.STRENGTH, "Commitment strength", str.capitalize, "All strengths", strength_help(ds)),
    ]
    if not dated:
        lists.pop(1)
    with st.sidebar:
        st.header("Filters")
        for name, label, shown, placeholder, help_text in lists:
            st.multiselect(
                label, allowed[name], format_func=shown, key=name, placeholder=placeholder, help=help_text
            )
        if dated:
            first, last = flt.period(ds)
            for name, label in ((routes.FROM, "From"), (routes.TO, "To")):
                st.date_input(
                    label, key=name, min_value=first, max_value=last, format="YYYY-MM-DD", help=PERIOD_HELP
                )
        st.text_input(
            "Search quotes and summaries",
            key=routes.SEARCH,
            max_chars=MAX_TEXT,
            placeholder="e.g. free trade",
        )
        ignored = st.session_state.get("_ignored")
        if ignored:
            shown = "; ".join(f"{k}: {', '.join(v)}" for k, v in ignored.items())
            st.caption(md_escape(f"Ignored in the link (not in the data): {shown}"))

    days = {name: st.session_state.get(name) for name in routes.PERIOD}
    current, _ = flt.from_params(
        {
            **{name: st.session_state.get(name, []) for name in routes.FILTER_LISTS},
            **{name: [day.isoformat()] if day else [] for name, day in days.items()},
            routes.SEARCH: [st.session_state.get(routes.SEARCH, "")],
        },
        ds,
    )
    _write_back(current)
    return current
