"""The sources, one event at a time: each account's facts, and its full text with every coded statement marked.

With several events, one is shown at a time, picked in the page and kept in the
link (``?meeting=<event_id>``), the newest first, or the event of the statement
a link singles out.

An account whose text is held shows it whole, every coded statement highlighted
by speaker and tagged with its sectors. One whose text is not held shows its
facts, where to read it, what is unknown about it, and its statements, which are
our paraphrase. A link with ``?statement=<statement_id>`` (each table row and
card has one) puts that statement on top, its quote highlighted among the
sentences around it.
"""

from __future__ import annotations

import streamlit as st

from cooperation import cards, display, marks, markup, routes, tables, views
from cooperation import filters as flt
from cooperation import vocabulary as vocab
from cooperation.data import Dataset
from cooperation.markup import md_escape
from cooperation.web.widgets import meeting_picker


def render(ds: Dataset, filters: flt.Filters) -> None:
    st.title("Sources")
    st.caption(
        "Every account of the meeting picked below. Where we hold an account's text, every coded statement is "
        "highlighted in its side's colour and tagged with its sectors; narration and context stay "
        "plain. Statements matching the current filters, and a statement a link led you to, stand "
        "out in bold; hover over a highlight for its details. Where we do not hold the text, the "
        "account's statements are our paraphrase."
    )
    focus = _focus(ds)
    st.html(marks.legend({side: ds.side_colors[side] for side in ds.sides}))
    emphasised = set(views.rows(ds, filters)["statement_id"]) if filters.active else set()
    if focus is not None:
        emphasised.add(focus.statement["statement_id"])
    shown = ds.sources[ds.sources["source_id"].isin(filters.source)] if filters.source else ds.sources
    if filters.source:
        st.caption(f"Showing {len(shown)} of {len(ds.sources)} accounts, as the Accounts filter asks.")
    events = views.cached(ds, "events", filters, lambda: flt.events_of(ds, filters))
    listed = [e for e in events["event_id"] if e in set(shown["event_id"])]
    if not listed:
        st.info("No account of the meetings chosen in the sidebar is left.", icon=":material/filter_alt_off:")
        return
    prefer = focus.statement["event_id"] if focus is not None else None
    event_id = (
        meeting_picker(ds, listed, key="source-meeting", prefer=prefer) if len(listed) > 1 else listed[0]
    )
    coverage = {c.source_id: c for c in ds.coverage}
    for event in ds.events[ds.events["event_id"] == event_id].itertuples():
        sources = shown[shown["event_id"] == event.event_id]
        st.header(md_escape(f"{event.title}, {event.date}"), divider="gray")
        facts = [event.kind, event.place, event.occasion and f"Occasion: {event.occasion}", event.notes]
        st.html(markup.paragraph(". ".join(f.rstrip(".") for f in facts if f) + "."))
        for source in sources.itertuples():
            st.subheader(md_escape(source.title))
            st.html(_facts(ds, source.source_id))
            if source.has_text:
                cov = coverage[source.source_id]
                st.metric(
                    "Sentences accounted for",
                    f"{cov.accounted} of {cov.sentences}",
                    help=f"{cov.quoted} quoted by statements, {cov.narration} listed as narration or context.",
                )
                st.html(_annotated(ds, source.source_id, frozenset(emphasised)))
            else:
                _paraphrased(ds, source.source_id)


def _annotated(ds: Dataset, source_id: str, emphasised: frozenset[str]) -> str:
    """An account's text with its statements marked, once per published version and emphasis."""
    return ds.memo.get(
        ("annotated", source_id, emphasised),
        lambda: marks.annotate(ds.texts[source_id], marks.source_marks(ds, source_id, emphasised)),
    )


def _facts(ds: Dataset, source_id: str) -> str:
    """An account's facts as a table, once per published version."""
    return ds.memo.get(
        ("account-facts", source_id),
        lambda: tables.account_facts(ds, ds.sources[ds.sources["source_id"] == source_id]),
    )


def _paraphrased(ds: Dataset, source_id: str) -> None:
    """An account whose text is not held: its statements and its narration, in our words."""
    st.info(
        "We do not hold this account's text. Its statements below are our paraphrase of what it "
        "says; follow the link above to read it.",
        icon=":material/description:",
    )

    def compute() -> tuple[str | None, str | None]:
        statements = ds.statements[ds.statements["source_id"] == source_id]
        narration = ds.narration[ds.narration["source_id"] == source_id]
        return (
            None if statements.empty else cards.statement_cards(ds, statements),
            None if narration.empty else cards.narration_list(narration),
        )

    statement_cards, narration = ds.memo.get(("paraphrased", source_id), compute)
    if statement_cards is None:
        st.caption("No claim of either side is coded from this account; what it reports is below.")
    else:
        st.html(statement_cards)
    if narration is not None:
        st.html(narration)


def _focus(ds: Dataset) -> display.InContext | None:
    """The statement a link singled out (``?statement=<id>``): its card and the sentences its quote stands in."""
    wanted = st.query_params.get(routes.STATEMENT)
    if wanted is None:
        return None
    focus = ds.memo.get(("in-context", wanted), lambda: display.in_context(ds, wanted))
    if focus is None:
        st.warning(
            f"No statement has the id “{md_escape(wanted)}”, so none is singled out below.",
            icon=":material/link_off:",
        )
        return None
    with st.container(border=True):
        st.header("The statement you followed")
        card, passage = ds.memo.get(("focus", wanted), lambda: _focused(ds, focus))
        st.html(card)
        if passage is not None:
            st.caption("Its quote in the source, with a sentence either side; the whole text follows.")
            st.html(passage)
        else:
            st.caption(
                "We do not hold this account's text, so there is no passage to show; its facts follow."
            )
    return focus


def _focused(ds: Dataset, focus: display.InContext) -> tuple[str, str | None]:
    """The followed statement's card, and its quote among the sentences around it (None for a paraphrase)."""
    statement = focus.statement
    card = cards.statement_cards(ds, ds.statements.loc[[statement.name]], context_links=False)
    if statement["evidence"] != vocab.QUOTE:
        return card, None
    passage = ds.texts[statement["source_id"]][focus.start : focus.end]
    return card, marks.annotate(passage, [marks.focus_mark(ds, statement, focus.start)])
