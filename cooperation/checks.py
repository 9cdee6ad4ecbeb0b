"""The checks that no Table Schema can express.

- every ``;``-listed sector of a statement exists, once;
- every source text file exists inside the data directory and is UTF-8;
- a source whose text is not held names a URL where it can be read;
- a statement or narration passage is a quote exactly when its source's text is
  held: a quote is then verbatim in the text; a paraphrase holds no quote;
- a statement names its speaker exactly when its attribution is to a speaker (not to both
  sides, nor to the meeting), and that speaker, like a gap's, took part in the account's event;
- a follow-up links a statement to one made at an earlier event;
- an account is published by a side the speakers name (a country), or by a third party;
- an answer links two statements of one account; a same-claim link joins
  statements of two accounts of the same event;
- every sentence of every text held is accounted for (coverage);
- every theme id is a slug that no page of the app takes as its URL path;
- every document the descriptor names is a UTF-8 file in the data directory.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from cooperation import text as textlib
from cooperation import vocabulary as vocab
from cooperation.problems import Problem, did_you_mean
from cooperation.report import Coverage
from cooperation.routes import RESERVED_PATHS
from cooperation.schema import DESCRIPTOR, Schema
from cooperation.snapshot import Snapshot


@dataclass
class Found:
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    coverage: tuple[Coverage, ...] = ()


def run(snapshot: Snapshot, schema: Schema, tables: Mapping[str, pd.DataFrame]) -> Found:
    found = Found(problems=_documents(snapshot, schema))
    if "themes" in tables:
        found.problems += _theme_paths(schema, tables["themes"])
    if "statements" in tables and "sectors" in tables:
        found.problems += _sector_lists(schema, tables["statements"], tables["sectors"])
    if "statements" in tables:
        found.problems += _attribution(schema, tables["statements"])
    if {"sources", "speakers"} <= set(tables):
        found.problems += _sides(schema, tables["sources"], tables["speakers"])
    if {"sources", "participants"} <= set(tables):
        for name in ("statements", "gaps"):
            if name in tables:
                found.problems += _participants(
                    schema, name, tables[name], tables["sources"], tables["participants"]
                )
    if {"statements", "sources", "events"} <= set(tables):
        found.problems += _follow_ups(schema, tables["statements"], tables["sources"], tables["events"])
    if "sources" in tables:
        found.problems += _urls(schema, tables["sources"])
        for name, column in (("statements", "quote"), ("narration", "text")):
            if name in tables:
                found.problems += _evidence(schema, name, column, tables[name], tables["sources"])
        if "statements" in tables:
            found.problems += _links(schema, tables["statements"], tables["sources"])
        found.texts = _source_texts(snapshot, schema, tables["sources"], found.problems)
        spans: dict[str, dict[str, list]] = {sid: {"statements": [], "narration": []} for sid in found.texts}
        for name, column, kind in (
            ("statements", "quote", "statements"),
            ("narration", "text", "narration"),
        ):
            if name in tables:
                found.problems += _verbatim(schema, name, column, tables[name], found.texts, spans, kind)
        found.coverage = tuple(_coverage(sid, found.texts[sid], spans[sid]) for sid in found.texts)
        paths = dict(zip(tables["sources"]["source_id"], tables["sources"]["text_path"]))
        for cov in found.coverage:
            for sentence in cov.unaccounted:
                found.problems.append(
                    Problem(
                        paths[cov.source_id],
                        "this sentence is neither quoted by a statement nor listed in "
                        + schema.path("narration"),
                        value=sentence,
                        hint="code its claims as statements, or list it as narration or context",
                    )
                )
    return found


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _theme_paths(schema: Schema, themes: pd.DataFrame) -> list[Problem]:
    """A theme id is its page's URL path: a slug, and not a path the app keeps for its own pages."""
    problems = []
    for line, theme_id in themes["theme_id"].items():
        where = {"line": line, "column": "theme_id", "value": theme_id}
        if theme_id in RESERVED_PATHS:
            message = (
                f"is reserved for the app's own pages ({', '.join(RESERVED_PATHS)}); choose another theme id"
            )
            problems.append(Problem(schema.path("themes"), message, **where))
        elif theme_id and not _SLUG.fullmatch(theme_id):
            problems.append(
                Problem(
                    schema.path("themes"),
                    "is the URL path of the theme's page, so it must be a slug",
                    hint="lowercase letters and digits, joined by single dashes",
                    **where,
                )
            )
    return problems


def _documents(snapshot: Snapshot, schema: Schema) -> list[Problem]:
    """Every document the descriptor names is a UTF-8 file inside the data directory."""
    problems = []
    for i, document in enumerate(schema.documents):
        where = {"key": f"documents[{i}].path", "value": document["path"]}
        inside = _inside(document["path"])
        raw = None if inside is None else snapshot.read(inside)
        if inside is None:
            problems.append(Problem(DESCRIPTOR, "points outside the data directory", **where))
        elif raw is None:
            problems.append(Problem(DESCRIPTOR, "names a document that does not exist", **where))
        else:
            try:
                raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(Problem(DESCRIPTOR, "names a document that is not UTF-8", **where))
    return problems


def _inside(relpath: str) -> str | None:
    """A path relative to the data directory, normalised; None when it points outside it."""
    inside = posixpath.normpath(PurePosixPath(relpath).as_posix())
    if PurePosixPath(relpath).is_absolute() or inside == ".." or inside.startswith("../"):
        return None
    return inside


def _attribution(schema: Schema, statements: pd.DataFrame) -> list[Problem]:
    """A speaker is named exactly when the claim is attributed to one."""

    def judge(attribution: str, speaker_id: str) -> dict | None:
        if attribution == vocab.SPEAKER and not speaker_id:
            return {"message": "is required when attribution is speaker", "value": ""}
        if attribution == vocab.MEETING and speaker_id:
            return {
                "message": "must be empty when attribution is meeting",
                "value": speaker_id,
                "hint": "the account names no speaker: attribute the claim to the meeting, or give its speaker with attribution speaker",
            }
        if attribution == vocab.BOTH and speaker_id:
            return {
                "message": "must be empty when attribution is both",
                "value": speaker_id,
                "hint": "a claim of both sides together names no one speaker: leave speaker_id empty, or attribute it to its speaker",
            }
        return None

    relpath = schema.path("statements")
    return [
        Problem(relpath, line=line, column="speaker_id", **found)
        for line, _, found in _judged(statements[["attribution", "speaker_id"]], judge)
    ]


def _sides(schema: Schema, sources: pd.DataFrame, speakers: pd.DataFrame) -> list[Problem]:
    """An account is published by a side that the speakers name (a country), or by a third party."""
    allowed = [*dict.fromkeys(speakers["country"]), vocab.THIRD_PARTY]
    relpath = schema.path("sources")
    return [
        Problem(
            relpath,
            f"is not one of {', '.join(allowed)}",
            line=line,
            column="side",
            value=side,
            hint=did_you_mean(side, allowed)
            or f"a country as {schema.path('speakers')} names it, or {vocab.THIRD_PARTY!r}",
        )
        for line, side in sources["side"].items()
        if side and side not in allowed
    ]


def _participants(
    schema: Schema, name: str, table: pd.DataFrame, sources: pd.DataFrame, participants: pd.DataFrame
) -> list[Problem]:
    """Whoever a claim or a gap names took part in the account's event, with a role (participants.csv)."""
    event = dict(zip(sources["source_id"], sources["event_id"]))
    present = set(zip(participants["event_id"], participants["speaker_id"]))
    named = table[table["speaker_id"] != ""]
    relpath, where = schema.path(name), schema.path("participants")
    problems = []
    for line, source_id, speaker_id in zip(named.index, named["source_id"], named["speaker_id"]):
        event_id = event.get(source_id)
        if event_id is not None and (event_id, speaker_id) not in present:
            problems.append(
                Problem(
                    relpath,
                    f"is not a participant of event {event_id!r} in {where}",
                    line=line,
                    column="speaker_id",
                    value=speaker_id,
                    hint=f"add {event_id},{speaker_id},<their role at the time> to {where}, or attribute the claim to whom the account names",
                )
            )
    return problems


def _follow_ups(
    schema: Schema, statements: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame
) -> list[Problem]:
    """A follow-up links a statement to one made at an earlier event: never a later one, never the same event."""
    event_of_source = dict(zip(sources["source_id"], sources["event_id"]))
    event_of = {
        s: event_of_source.get(src) for s, src in zip(statements["statement_id"], statements["source_id"])
    }
    dates = dict(zip(events["event_id"], events["date"]))  # ISO dates as text: they sort as dates
    relpath = schema.path("statements")
    linked = statements[statements["follows_up"] != ""]
    problems = []
    for line, statement_id, target in zip(linked.index, linked["statement_id"], linked["follows_up"]):
        if target not in event_of:
            continue  # an unknown id: the Table Schema's foreign key reports it
        own, theirs = event_of[statement_id], event_of[target]
        where = {"line": line, "column": "follows_up", "value": target}
        if own == theirs:
            problems.append(
                Problem(
                    relpath,
                    f"is a statement of the same event ({own!r})",
                    hint="a follow-up links a statement to one made at an earlier event; within an event, use answers",
                    **where,
                )
            )
        elif own in dates and theirs in dates and dates[theirs] > dates[own]:
            problems.append(
                Problem(
                    relpath,
                    f"is a statement of a later event ({theirs!r}, {dates[theirs]})",
                    hint=f"a follow-up points back in time: the statement followed up comes before {dates[own]}",
                    **where,
                )
            )
    return problems


def _urls(schema: Schema, sources: pd.DataFrame) -> list[Problem]:
    """A source whose text is not held says where it can be read."""
    relpath = schema.path("sources")
    missing = sources[(sources["text_path"] == "") & (sources["url"] == "")]
    return [
        Problem(
            relpath,
            "is required when the text is not held (text_path is empty)",
            line=line,
            column="url",
            value="",
            hint="give the address where the account can be read",
        )
        for line in missing.index
    ]


def _evidence(
    schema: Schema, name: str, column: str, table: pd.DataFrame, sources: pd.DataFrame
) -> list[Problem]:
    """Quoted exactly when the source's text is held; a paraphrase quotes nothing."""
    held = dict(zip(sources["source_id"], sources["text_path"] != ""))
    quote_column = name == "statements"  # a narration passage's text is its paraphrase, when not quoted

    def judge(source_id: str, evidence: str, words: str) -> list[dict]:
        if source_id not in held or not evidence:
            return []  # an unknown source or an empty cell is reported by the Table Schema checks
        problems = []
        if held[source_id] and evidence != vocab.QUOTE:
            problems.append(
                {
                    "column": "evidence",
                    "value": evidence,
                    "message": f"is {evidence}, but the text of source {source_id!r} is held",
                    "hint": "quote the words of the source that carry it, with evidence quote",
                }
            )
        elif not held[source_id] and evidence != vocab.PARAPHRASE:
            problems.append(
                {
                    "column": "evidence",
                    "value": evidence,
                    "message": f"is {evidence}, but the text of source {source_id!r} is not held",
                    "hint": "give what the account says in your own words, with evidence paraphrase",
                }
            )
        if evidence == vocab.QUOTE and not words.strip():
            problems.append({"column": column, "value": "", "message": "is required when evidence is quote"})
        if evidence == vocab.PARAPHRASE and quote_column and words.strip():
            problems.append(
                {
                    "column": column,
                    "value": words,
                    "message": "must be empty for a paraphrase",
                    "hint": f"the text of source {source_id!r} is not held, so no words can be quoted from it: put what it says in the summary",
                }
            )
        return problems

    relpath = schema.path(name)
    return [
        Problem(relpath, line=line, **problem)
        for line, _, found in _judged(table[["source_id", "evidence", column]], judge)
        for problem in found
    ]  # fmt: skip


def _links(schema: Schema, statements: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """An answer stays within one account; a same-claim link joins two accounts of one event."""
    relpath = schema.path("statements")
    account = dict(zip(statements["statement_id"], statements["source_id"]))
    event = dict(zip(sources["source_id"], sources["event_id"]))
    problems = []
    for column in ("answers", "same_claim_as"):
        linked = statements[statements[column] != ""]
        for line, statement_id, source_id, target in zip(
            linked.index, linked["statement_id"], linked["source_id"], linked[column]
        ):
            if target not in account:
                continue  # an unknown id: the Table Schema's foreign key reports it
            where = {"line": line, "column": column, "value": target}
            if target == statement_id:
                problems.append(Problem(relpath, "links the statement to itself", **where))
            elif column == "answers" and account[target] != source_id:
                problems.append(
                    Problem(
                        relpath,
                        f"is a statement of another account ({account[target]!r})",
                        hint="an answer links two statements of the same account",
                        **where,
                    )
                )
            elif column == "same_claim_as" and account[target] == source_id:
                problems.append(
                    Problem(
                        relpath,
                        f"is a statement of the same account ({source_id!r})",
                        hint="a same-claim link joins the same claim in two different accounts",
                        **where,
                    )
                )
            elif column == "same_claim_as" and event.get(account[target]) != event.get(source_id):
                problems.append(
                    Problem(
                        relpath,
                        f"is in an account of another event ({event.get(account[target])!r})",
                        hint="a same-claim link joins two accounts of the same event",
                        **where,
                    )
                )
    return problems  # fmt: skip


def _sector_lists(schema: Schema, statements: pd.DataFrame, sectors: pd.DataFrame) -> list[Problem]:
    known = set(sectors["sector_id"])
    delimiter = schema.delimiter("statements", "sectors")
    relpath = schema.path("statements")
    return [
        Problem(relpath, line=line, column="sectors", **problem)
        for line, (cell,), found in _judged(statements[["sectors"]], lambda cell: _sector_list_problems(schema, cell, delimiter, known))
        for problem in found
    ]  # fmt: skip


def _judged(frame: pd.DataFrame, judge: Callable[..., Any]) -> Iterator[tuple[int, tuple, Any]]:
    """Each row of ``frame`` (by line) whose values ``judge`` finds fault with, and what it found.

    Each distinct row is judged once, and only the rows found at fault are visited, so
    a large table with few distinct values costs little.
    """
    verdicts = {row: judge(*row) for row in frame.drop_duplicates().itertuples(index=False, name=None)}
    faulty = [row for row, verdict in verdicts.items() if verdict]
    if not faulty:
        return
    mask = pd.Series(True, index=frame.index)
    for position, column in enumerate(frame.columns):
        mask &= frame[column].isin({row[position] for row in faulty})
    for line, *row in frame[mask].itertuples(name=None):
        if verdicts[tuple(row)]:
            yield line, tuple(row), verdicts[tuple(row)]


def _sector_list_problems(schema: Schema, cell: str, delimiter: str, known: set[str]) -> list[dict]:
    if cell == "":
        return []  # "required" is the Table Schema's to report
    problems = []
    seen = set()
    for item in cell.split(delimiter):
        if item in seen:
            problems.append({"message": "is listed twice", "value": item})
        elif item == "":
            problems.append(
                {"message": f"has an empty item in the {delimiter!r}-separated list", "value": cell}
            )
        elif item not in known:
            hint = did_you_mean(item.strip(), known) or f"sector ids are listed in {schema.path('sectors')}"
            if item.strip() in known:
                hint = f"remove the spaces around {item.strip()!r}"
            problems.append(
                {"message": f"is not a sector_id in {schema.path('sectors')}", "value": item, "hint": hint}
            )
        seen.add(item)
    return problems


def _source_texts(
    snapshot: Snapshot, schema: Schema, sources: pd.DataFrame, problems: list[Problem]
) -> dict[str, str]:
    texts = {}
    relpath = schema.path("sources")
    for line, source_id, text_path in zip(sources.index, sources["source_id"], sources["text_path"]):
        where = {"line": line, "column": "text_path", "value": text_path}
        if not text_path:
            continue
        inside = _inside(text_path)
        if inside is None:
            problems.append(Problem(relpath, "points outside the data directory", **where))
            continue
        raw = snapshot.read(inside)
        if raw is None:
            problems.append(
                Problem(
                    relpath,
                    "names a text file that does not exist",
                    hint="put the verbatim text under sources/",
                    **where,
                )
            )
            continue
        try:
            texts[source_id] = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(relpath, "names a text file that is not UTF-8", **where))
    return texts


def _verbatim(schema, name, column, table, texts, spans, kind) -> list[Problem]:
    relpath = schema.path(name)

    def hint(source_id: str, passage: str) -> str | None:
        """Where the passage stands (kept for coverage), or a hint when it is not verbatim."""
        if source_id not in texts or not passage.strip():
            return None  # unknown source or empty cell: reported elsewhere
        span = textlib.find(passage, texts[source_id])
        if span is None:
            return _closest(passage, texts[source_id])
        spans[source_id][kind].append(span)
        return None

    return [
        Problem(
            relpath,
            f"is not verbatim in the text of source {source_id!r}",
            line=line,
            column=column,
            value=passage,
            hint=found,
        )
        for line, (source_id, passage), found in _judged(table[["source_id", column]], hint)
    ]


def _closest(passage: str, text: str) -> str:
    """Name the run of source words most like ``passage``, if one is close."""
    want = passage.split()
    words = text.split()
    width = min(len(want), len(words))
    matcher = difflib.SequenceMatcher(a=" ".join(want))
    best, best_ratio = None, 0.6
    for start in range(len(words) - width + 1):
        candidate = " ".join(words[start : start + width])
        matcher.set_seq2(candidate)
        if matcher.quick_ratio() > best_ratio and matcher.ratio() > best_ratio:
            best, best_ratio = candidate, matcher.ratio()
    if best is None:
        return "copy the words exactly as the source has them"
    shown = best if len(best) <= 120 else best[:119] + "…"
    return f"the closest passage in the source is {shown!r}"


def _coverage(source_id: str, text: str, spans: dict[str, list]) -> Coverage:
    sentences = textlib.sentences(text)
    quotes, passages = set(spans["statements"]), set(spans["narration"])
    quoted = narration = 0
    unaccounted = []
    for sentence in sentences:
        if any(textlib.overlaps(sentence, s) for s in quotes):
            quoted += 1
        elif any(textlib.overlaps(sentence, s) for s in passages):
            narration += 1
        else:
            unaccounted.append(text[sentence[0] : sentence[1]])
    return Coverage(source_id, len(sentences), quoted, narration, tuple(unaccounted))
