"""What the pages show, as plain values: the statements table, a quote in context, and the sentences pages say.

Pure: no Streamlit. Text that a page renders as Markdown is escaped here
(``markup.md_escape``); plain text is escaped where it becomes HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

import pandas as pd

from cooperation import routes
from cooperation import text as textlib
from cooperation import vocabulary as vocab
from cooperation.data import Dataset
from cooperation.markup import md_escape

if TYPE_CHECKING:
    from cooperation.filters import Filters
    from cooperation.service import Served


# The table's columns whose values repeat from row to row: they travel once per value (Arrow's dictionary
# encoding), so that an update sends and decodes less; what the table shows is the same (docs/performance.md).
REPEATING = ("Evidence", "Date", "Speaker", "Role", "Country", "Strength", "Account", "Source")


def statements_table(ds: Dataset, statements: pd.DataFrame, limit: int = vocab.TABLE_LIMIT) -> pd.DataFrame:
    """The statements (rows of ``ds.statements``) as the table shows them, at most ``limit``.

    A quote stands in quotation marks; a paraphrase has none, and says it is one.
    """
    labels = ds.sector_labels
    shown = statements.head(limit)
    quoted = shown["evidence"] == vocab.QUOTE
    table = pd.DataFrame(
        {
            "Quote": ("“" + shown["quote"] + "”").where(quoted, ""),
            "In context": [routes.statement_link(s) for s in shown["statement_id"]],
            "Evidence": shown["evidence"].map(vocab.EVIDENCE_LABELS),
            "Summary": shown["summary"],
            "Date": [str(d) for d in shown["date"]],
            "Speaker": shown["name"],
            "Role": shown["role"].fillna(""),
            "Country": shown["country"].fillna(""),
            "Strength": shown["strength"].where(
                shown["call"] != vocab.CALL, shown["strength"] + " · " + vocab.CALL
            ),
            "Sectors": [[labels[s] for s in ss] for ss in shown["sectors"]],
            "Account": shown["source_title"],
            "Source": shown["source_url"],
        }
    )
    return table.astype(dict.fromkeys(REPEATING, "category"))


@dataclass(frozen=True)
class InContext:
    """A statement and the passage of its source around its quote."""

    statement: pd.Series
    start: int  # where the passage starts and ends in the source text
    end: int


def in_context(ds: Dataset, statement_id: str) -> InContext | None:
    """The statement with this id and its quote's sentences with one sentence either side, or None.

    A paraphrase has no passage: its InContext spans nothing (start == end == 0).
    """
    found = ds.statements[ds.statements["statement_id"] == statement_id]
    if found.empty:
        return None
    statement = found.iloc[0]
    if statement["evidence"] != vocab.QUOTE:
        return InContext(statement, 0, 0)
    spans = textlib.sentences(ds.texts[statement["source_id"]])
    holding = [i for i, span in enumerate(spans) if textlib.overlaps(span, statement["quote_span"])]
    first, last = max(holding[0] - 1, 0), min(holding[-1] + 1, len(spans) - 1)
    return InContext(statement, spans[first][0], spans[last][1])


# --- Sentences the pages say, computed from the data -----------------------------------------


def strength_help(ds: Dataset) -> str:
    """The commitment scale as the schema describes it, for a help tooltip (Markdown, escaped)."""
    return md_escape(ds.schema.field("statements", "strength").get("description", ""))


def drawn_from(ds: Dataset, rows: pd.DataFrame, filters: Filters | None = None) -> str:
    """Which accounts, meetings and period the matching rows come from, and the meetings or period chosen (plain text).

    With one event, the accounts by title; with several, how many accounts of how many meetings, over which dates.
    """
    source_ids, event_ids = set(rows["source_id"]), set(rows["event_id"])
    drawn = [ds.source_titles[s] for s in ds.sources["source_id"] if s in source_ids]
    if len(ds.events) < 2:
        return f"Drawn from {vocab.plural(len(drawn), 'account')}: {'; '.join(drawn)}."
    days = sorted(d for e, d in zip(ds.events["event_id"], ds.events["date"]) if e in event_ids)
    span = f"on {days[0]}" if days[0] == days[-1] else f"from {days[0]} to {days[-1]}"
    said = [
        f"Drawn from {vocab.plural(len(drawn), 'account')} of {vocab.plural(len(days), 'meeting')}, {span}."
    ]
    if filters is not None and filters.event:
        chosen = [ds.event_labels[e] for e in ds.events["event_id"] if e in filters.event]
        said.append(f"Meetings chosen: {'; '.join(chosen)}.")
    if filters is not None and filters.dated:
        ends = [f"from {filters.start}" if filters.start else "", f"to {filters.end}" if filters.end else ""]
        said.append(f"Period chosen: {' '.join(e for e in ends if e)}.")
    return " ".join(said)


def _when(moment) -> str:
    return moment.astimezone(UTC).strftime("%d %B %Y, %H:%M UTC").lstrip("0") if moment else "an unknown time"


def pending_notice(state: Served) -> str:
    """One sentence on the version served and the update waiting (plain text)."""
    waiting = "is being written" if state.pending.writing else "is waiting to be checked by the curators"
    return f"The data shown was published on {_when(state.dataset.snapshot.modified)}. An update {waiting}."


def version_line(state: Served) -> str:
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
        f"({vocab.plural(count, 'problem')}); it is served once it does. Curators see the "
        "problems with `python -m cooperation validate` and in the server log."
    )


def no_data(count: int) -> str:
    """What a visitor reads when the server has never had valid data (the panel's list is for the curators)."""
    return (
        f"The dashboard has no data to show yet: its files have {vocab.plural(count, 'problem')}, listed "
        "below for its curators. Please come back later."
    )


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    help: str


def count_metrics(ds: Dataset, numbers) -> list[Metric]:
    """The headline counts of the matching statements (``aggregate.counts``), labelled and explained."""
    both = ds.every_side
    across = (
        f" {numbers.across:,} more were named by {both} only across accounts, one side in each, which is not counted."
        if numbers.across
        else ""
    )
    return [
        Metric("Statements", f"{numbers.statements:,}", "Distinct statements matching the filters."),
        Metric("Sectors", f"{numbers.sectors:,}", "Sectors named by the matching statements."),
        Metric("Accounts", f"{numbers.accounts:,}", "The accounts the matching statements come from."),
        Metric(
            "Speakers",
            f"{numbers.speakers:,}",
            "Named speakers; a claim an account attributes to no one counts for none.",
        ),
        Metric(
            f"Sectors {both} named",
            f"{numbers.shared:,}",
            f"Sectors that speakers of every side of the event named within one account, among the matching statements.{across}",
        ),
    ]
