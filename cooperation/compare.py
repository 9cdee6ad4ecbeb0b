"""The accounts of one event compared, from the data alone.

- ``matrix``: for each sector, speaker and account, whether the account reports
  that speaker naming that sector, and how strongly; "unknown" where the
  account's copy is cut off before that speaker's part (``gaps.csv``).
- ``only_in``: the claims that only one account reports. A claim is reported
  by another account when a same-claim link joins them; a claim the account
  attributes to no speaker says only that its topic was discussed, so it is
  reported by any other account with a statement on each of its sectors.
- ``same_claims``: the same claim in several accounts, and the words that
  differ between them.
- ``exchanges``: each statement that answers another, with the one it answers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from cooperation import vocabulary as vocab
from cooperation.data import TOGETHER, UNNAMED, Dataset

NAMED, NOT_MENTIONED, UNKNOWN = "named", "not mentioned", "unknown"


def accounts(ds: Dataset, event_id: str) -> pd.DataFrame:
    """The sources of an event, in their order."""
    return ds.sources[ds.sources["event_id"] == event_id]


def speakers(ds: Dataset, event_id: str) -> list[tuple[str | None, str]]:
    """(speaker id, name) of everyone an account of the event reports, then the sides together and the meeting.

    (None, TOGETHER) comes when some claim is given to both sides together; (None, UNNAMED) when some claim is
    given to the meeting.
    """
    mine = ds.statements[ds.statements["event_id"] == event_id]
    named = set(mine["speaker_id"].dropna())
    found = [(s, n) for s, n in zip(ds.speakers["speaker_id"], ds.speakers["name"]) if s in named]
    attributions = set(mine["attribution"])
    found += [
        (None, name)
        for value, name in ((vocab.BOTH, TOGETHER), (vocab.MEETING, UNNAMED))
        if value in attributions
    ]
    return found


def matrix(ds: Dataset, event_id: str) -> pd.DataFrame:
    """One row per sector an account of the event names, speaker and account: its state and strongest strength.

    Columns: theme, sector_id, sector, speaker_id (None for no speaker named), speaker,
    source_id, account, state (``NAMED``, ``NOT_MENTIONED`` or ``UNKNOWN``), strength ('' unless named).
    """
    tidy = ds.tidy[ds.tidy["event_id"] == event_id]
    strongest = tidy.groupby(["sector_id", "name", "source_id"], observed=True)["strength_rank"].min()
    gaps = set(zip(ds.gaps["source_id"], ds.gaps["speaker_id"]))
    titles = dict(zip(ds.themes["theme_id"], ds.themes["title"]))
    named_sectors = set(tidy["sector_id"])
    rows = []
    for sector in ds.sectors.itertuples():
        if sector.sector_id not in named_sectors:
            continue
        for speaker_id, name in speakers(ds, event_id):
            for source in accounts(ds, event_id).itertuples():
                rank = strongest.get((sector.sector_id, name, source.source_id))
                if rank is not None:
                    state, strength = NAMED, ds.strengths[rank]
                elif (source.source_id, speaker_id) in gaps:
                    state, strength = UNKNOWN, ""
                else:
                    state, strength = NOT_MENTIONED, ""
                rows.append(
                    {
                        "theme": titles[sector.theme_id],
                        "sector_id": sector.sector_id,
                        "sector": sector.label,
                        "speaker_id": speaker_id,
                        "speaker": name,
                        "source_id": source.source_id,
                        "account": source.title,
                        "state": state,
                        "strength": strength,
                    }
                )
    return pd.DataFrame(rows)


def claim_groups(ds: Dataset) -> dict[str, int]:
    """Each statement's group: statements joined by same-claim links, directly or through others, share one."""
    parent = {s: s for s in ds.statements["statement_id"]}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    linked = ds.statements[ds.statements["same_claim_as"] != ""]
    for a, b in zip(linked["statement_id"], linked["same_claim_as"]):
        parent[root(a)] = root(b)
    roots: dict[str, int] = {}
    return {s: roots.setdefault(root(s), len(roots)) for s in parent}


@dataclass(frozen=True)
class Reach:
    """Which other accounts of its event report a claim, which do not, and which cannot be known."""

    statement: pd.Series
    reported_in: tuple[str, ...]  # source ids
    not_mentioned_in: tuple[str, ...]
    unknown_in: tuple[str, ...]


def reach(ds: Dataset, event_id: str) -> list[Reach]:
    """For each statement of the event, in the accounts' order, the other accounts that do and do not report it."""
    mine = ds.statements[ds.statements["event_id"] == event_id]
    sources = list(accounts(ds, event_id)["source_id"])
    group = claim_groups(ds)
    members: dict[int, set[str]] = {}
    for statement_id, source_id in zip(mine["statement_id"], mine["source_id"]):
        members.setdefault(group[statement_id], set()).add(source_id)
    sectors_of: dict[str, set[str]] = {}  # the sectors each account has any statement on
    for source_id, sector_id in zip(ds.tidy["source_id"], ds.tidy["sector_id"]):
        sectors_of.setdefault(source_id, set()).add(sector_id)
    gaps = set(zip(ds.gaps["source_id"], ds.gaps["speaker_id"]))
    found = []
    order = {s: i for i, s in enumerate(sources)}
    for statement in mine.sort_values("source_id", key=lambda c: c.map(order), kind="stable").itertuples():
        others = [s for s in sources if s != statement.source_id]
        if statement.attribution == vocab.MEETING:  # only its topic is reported: any statement on each sector
            reported = {s for s in others if set(statement.sectors) <= sectors_of.get(s, set())}
        else:
            reported = members[group[statement.statement_id]] - {statement.source_id}
        unknown = {s for s in others if (s, statement.speaker_id) in gaps} - reported
        found.append(
            Reach(
                statement=mine.loc[statement.Index],
                reported_in=tuple(s for s in others if s in reported),
                not_mentioned_in=tuple(s for s in others if s not in reported and s not in unknown),
                unknown_in=tuple(s for s in others if s in unknown),
            )
        )
    return found


def only_in(ds: Dataset, event_id: str) -> list[Reach]:
    """The claims that no other account of the event reports, in the accounts' order."""
    return [r for r in reach(ds, event_id) if not r.reported_in]


def same_claims(ds: Dataset, event_id: str) -> list[pd.DataFrame]:
    """Each claim that several accounts of the event report: its statements, in the accounts' order."""
    mine = ds.statements[ds.statements["event_id"] == event_id]
    order = {s: i for i, s in enumerate(accounts(ds, event_id)["source_id"])}
    group = claim_groups(ds)
    grouped = mine.assign(_group=mine["statement_id"].map(group), _order=mine["source_id"].map(order))
    found = []
    for _, members in grouped.groupby("_group", sort=False):
        if members["source_id"].nunique() > 1:
            found.append(members.sort_values("_order", kind="stable").drop(columns=["_group", "_order"]))
    return found


def exchanges(ds: Dataset, event_id: str) -> list[tuple[pd.Series, pd.Series]]:
    """Each (statement answered, statement answering) of the event, in the answers' order."""
    mine = ds.statements[ds.statements["event_id"] == event_id]
    by_id = mine.set_index("statement_id", drop=False)
    answering = mine[mine["answers"] != ""]
    return [(by_id.loc[a.answers], by_id.loc[a.statement_id]) for a in answering.itertuples()]


def _word(token: str) -> str:
    """A word as compared: case and surrounding punctuation aside."""
    return re.sub(r"^\W+|\W+$", "", token).casefold()


def differing_words(texts: list[str]) -> list[list[tuple[str, bool]]]:
    """Each text as (word, differs) pairs: a word differs when the first text lacks it there, or it lacks the first's."""
    words = [text.split() for text in texts]
    first = [_word(w) for w in words[0]]
    marks = [[False] * len(w) for w in words]
    for i, other in enumerate(words[1:], start=1):
        matcher = difflib.SequenceMatcher(a=first, b=[_word(w) for w in other], autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag != "equal":
                marks[0][a0:a1] = [True] * (a1 - a0)
                marks[i][b0:b1] = [True] * (b1 - b0)
    return [list(zip(w, m)) for w, m in zip(words, marks)]


def compared_texts(claim: pd.DataFrame) -> tuple[str, list[str]]:
    """What to compare word by word: the quotes when every account's text is held, else the summaries."""
    if claim["has_text"].all():
        return vocab.QUOTE, list(claim["quote"])
    return "summary", list(claim["summary"])
