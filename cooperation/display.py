"""What the pages show, as plain values: the statements table with its headings, and a quote in context."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cooperation import routes
from cooperation import text as textlib
from cooperation.data import Dataset

TABLE_LIMIT = 200  # rows the statements table sends per update; the download holds them all


EVIDENCE = {"quote": "Quote", "paraphrase": "Paraphrase (text not held)"}


def statements_table(ds: Dataset, statements: pd.DataFrame, limit: int = TABLE_LIMIT) -> pd.DataFrame:
    """The statements (rows of ``ds.statements``) as the table shows them, at most ``limit``.

    A quote stands in quotation marks; a paraphrase has none, and says it is one.
    """
    labels = ds.sector_labels
    shown = statements.head(limit)
    quoted = shown["evidence"] == "quote"
    return pd.DataFrame(
        {
            "Quote": ("“" + shown["quote"] + "”").where(quoted, ""),
            "In context": [routes.statement_link(s) for s in shown["statement_id"]],
            "Evidence": shown["evidence"].map(EVIDENCE),
            "Summary": shown["summary"],
            "Speaker": shown["name"],
            "Country": shown["country"].fillna(""),
            "Strength": shown["strength"],
            "Sectors": [[labels[s] for s in ss] for ss in shown["sectors"]],
            "Account": shown["source_title"],
            "Source": shown["source_url"],
        }
    )


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
    if statement["evidence"] != "quote":
        return InContext(statement, 0, 0)
    spans = textlib.sentences(ds.texts[statement["source_id"]])
    holding = [i for i, span in enumerate(spans) if textlib.overlaps(span, statement["quote_span"])]
    first, last = max(holding[0] - 1, 0), min(holding[-1] + 1, len(spans) - 1)
    return InContext(statement, spans[first][0], spans[last][1])
