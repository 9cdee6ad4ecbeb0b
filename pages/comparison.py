"""Accounts compared: for an event that several accounts report, what each reports and how they differ.

With several such events, one is shown at a time, picked in the page and kept in
the link (``?meeting=<event_id>``), the newest first.

Every entry is computed from the data (``cooperation.compare``): the accounts'
own facts, who each reports naming which sector, what only one account
reports, the same claim in several accounts with the words that differ, and
the exchanges. The wording stays neutral: an account does not mention a
claim; where its copy is cut off, what it says is unknown.
"""

from __future__ import annotations

import streamlit as st

from cooperation import cards, compare, tables, views
from cooperation import filters as flt
from cooperation.data import Dataset
from cooperation.markup import join as markup_join
from cooperation.markup import md_escape
from cooperation.web.widgets import meeting_picker

LEGEND = (
    "● and a strength: the account reports that speaker naming the sector, with the strongest "
    "commitment it reports. – not mentioned: the account does not report it. ? unknown: the "
    "account's copy is cut off before that speaker's part."
)


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title("Accounts compared")
    st.caption(
        "Official accounts of the same meeting differ in what they report and how. Each account is "
        "compared with every other account of its event; the filters choose which sectors, "
        "accounts, speakers and claims are shown."
    )
    events = flt.events_of(ds, filters)
    chosen = set(ds.sources.loc[ds.sources["source_id"].isin(filters.source), "event_id"])
    compared = [
        e for e in events["event_id"] if e in ds.compared_events and (not filters.source or e in chosen)
    ]
    if not compared:
        st.info(
            "No meeting the sidebar's filters keep has more than one account to compare.",
            icon=":material/filter_alt_off:",
        )
        return
    event_id = meeting_picker(ds, compared, key="accounts-meeting") if len(compared) > 1 else compared[0]
    event = ds.events[ds.events["event_id"] == event_id].iloc[0]
    st.header(md_escape(f"{event['title']}, {event['date']}"), divider="gray")
    sources = _per_event(ds, "accounts", event_id, lambda: compare.accounts(ds, event_id))
    shown = sources[sources["source_id"].isin(filters.source)] if filters.source else sources
    if shown.empty:
        st.info("The Accounts filter leaves none of this event's accounts.", icon=":material/filter_alt_off:")
        return
    matching = set(views.rows(ds, filters)["statement_id"])
    labels = ds.source_labels
    st.subheader("The accounts")
    st.html(tables.account_facts(ds, shown))
    _matrix(ds, event_id, filters, shown, labels)
    _only_in(ds, event_id, shown, matching)
    _same_claims(ds, event_id, labels, matching)
    _exchanges(ds, event_id, matching)


def _per_event(ds: Dataset, what: str, event_id: str, compute):
    """What the comparison of one event's accounts computes whatever the filters: once per published version."""
    return ds.memo.get(("compare", what, event_id), compute)


def _matrix(ds: Dataset, event_id: str, filters: flt.Filters, shown, labels) -> None:
    st.subheader("Who named which sector, account by account")
    frame = _per_event(ds, "matrix", event_id, lambda: compare.matrix(ds, event_id))
    frame = frame[frame["source_id"].isin(shown["source_id"])]
    if filters.sector:
        frame = frame[frame["sector_id"].isin(filters.sector)]
    if filters.speaker:
        frame = frame[frame["speaker_id"].isin(filters.speaker)]
    if frame.empty:
        st.info("No sector or speaker of this event matches the filters.", icon=":material/filter_alt_off:")
        return
    st.html(tables.matrix_table(frame, labels, LEGEND))
    if filters.strength or filters.q:
        st.caption("The strength and search filters choose the claims listed below, not this table.")


def _only_in(ds: Dataset, event_id: str, shown, matching: set[str]) -> None:
    st.subheader("Reported by only one account")
    st.caption(
        "Claims no other account of the meeting reports. A claim an account attributes to no speaker "
        "says only that its topic was discussed: another account with a statement on each of its "
        "sectors reports it too."
    )
    every = _per_event(ds, "only-in", event_id, lambda: tuple(compare.only_in(ds, event_id)))
    alone = [r for r in every if r.statement["statement_id"] in matching]
    for source in shown.itertuples():
        mine = [r for r in alone if r.statement["source_id"] == source.source_id]
        st.markdown(f"#### {md_escape(ds.source_labels[source.source_id])}")
        if mine:
            st.html(cards.reach_items(ds, mine))
        else:
            st.caption("Nothing that matches the filters is reported by this account alone.")


def _same_claims(ds: Dataset, event_id: str, labels, matching: set[str]) -> None:
    st.subheader("The same claim in different accounts")

    def every_claim() -> tuple:
        """Each claim of the event with its kind and the words that differ, those that differ first."""
        compared = [(claim, *compare.compared_texts(claim)) for claim in compare.same_claims(ds, event_id)]
        marked = [(claim, kind, compare.differing_words(texts)) for claim, kind, texts in compared]
        marked.sort(key=lambda m: not any(d for words in m[2] for _, d in words))
        return tuple(marked)

    every = _per_event(ds, "same-claims", event_id, every_claim)
    marked = [m for m in every if matching & set(m[0]["statement_id"])]
    if not marked:
        st.caption("No claim that matches the filters is reported by more than one account.")
        return
    st.caption(
        "Each claim as each account reports it. Words that differ are underlined and listed. Where "
        "every account's text is held the quotes are compared; otherwise our summaries, since a "
        "paraphrase keeps the other account's summary but for the words it is known to use differently."
    )
    st.html(markup_join(cards.same_claim(claim, kind, words, labels) for claim, kind, words in marked))


def _exchanges(ds: Dataset, event_id: str, matching: set[str]) -> None:
    st.subheader("Exchanges")
    pairs = [
        (a, b)
        for a, b in _per_event(ds, "exchanges", event_id, lambda: tuple(compare.exchanges(ds, event_id)))
        if {a["statement_id"], b["statement_id"]} & matching
    ]
    if not pairs:
        st.caption("No exchange matches the filters.")
        return
    st.caption("A statement, and the statement in the same account that answers it.")
    st.html(markup_join(cards.exchange(a, b) for a, b in pairs))
