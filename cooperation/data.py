"""Load a validated data package into one typed, immutable dataset.

``load(data_dir)`` validates first and raises a single ``DataError`` carrying
every problem found; it never raises anything else for bad data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from cooperation import palette
from cooperation import text as textlib
from cooperation import vocabulary as vocab
from cooperation.descriptor import SHOWS
from cooperation.frozen import freeze
from cooperation.memo import Memo
from cooperation.problems import DataError
from cooperation.report import Coverage
from cooperation.schema import Schema
from cooperation.snapshot import Snapshot
from cooperation.validate import validate

ENV_VAR = "COOPERATION_DATA"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir() -> Path:
    """The data directory: ``$COOPERATION_DATA`` when set, else ``data/`` beside app.py."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DATA_DIR)


UNNAMED = vocab.UNNAMED  # the side of a claim an account attributes to no one
TOGETHER = vocab.TOGETHER  # the side of a claim an account gives to both sides together


@dataclass(frozen=True)
class Dataset:
    """The curated tables, typed, joined and ordered for display.

    ``statements`` has one row per statement (``sectors`` as a tuple of ids);
    ``tidy`` has one row per statement and sector, with ``statement_row``, the
    position of its statement in ``statements``. Both carry the event and its
    date, the account's title, URL and side (``account_side``: a country, or
    third party), whether its text is held, the speaker's name, country and
    role at that event, the side (the country; ``TOGETHER`` for a claim the
    account gives to both sides; ``UNNAMED`` for one it attributes to the
    meeting) and the rank of the strength (0 is the strongest);
    ``statements`` also has each quote's (start, end) in its source text (None
    for a paraphrase). ``participants`` gives each event's participants with
    their role at the time; ``copies`` the other places each account was read.
    The frames are shared between sessions, so they are read-only
    (``cooperation.frozen``): a write into one raises. ``snapshot`` holds the
    files the dataset was built from, as read; ``memo`` what reruns computed
    from this version (``cooperation.memo``).
    """

    snapshot: Snapshot
    schema: Schema
    events: pd.DataFrame
    sources: pd.DataFrame
    statements: pd.DataFrame
    tidy: pd.DataFrame
    sectors: pd.DataFrame
    themes: pd.DataFrame
    speakers: pd.DataFrame
    participants: pd.DataFrame
    copies: pd.DataFrame
    narration: pd.DataFrame
    gaps: pd.DataFrame
    texts: Mapping[str, str]
    coverage: tuple[Coverage, ...]
    strengths: tuple[str, ...]
    strength_rank: Mapping[str, int]  # each strength's rank on the scale: 0 is the strongest
    countries: tuple[str, ...]
    memo: Memo = dataclass_field(default_factory=Memo, compare=False, repr=False)

    @property
    def data_dir(self) -> Path:
        """The directory the dataset was loaded from."""
        return self.snapshot.root

    @cached_property
    def sides(self) -> tuple[str, ...]:
        """The countries, then ``TOGETHER`` if any claim is given to both sides, then ``UNNAMED`` if any to no one."""
        attributions = set(self.statements["attribution"])
        together = (TOGETHER,) if vocab.BOTH in attributions else ()
        unnamed = (UNNAMED,) if vocab.MEETING in attributions else ()
        return (*self.countries, *together, *unnamed)

    @cached_property
    def statements_by_id(self) -> pd.DataFrame:
        """The statements indexed by their id (the column kept), to look many up at once."""
        return freeze(self.statements.set_index("statement_id", drop=False))

    @cached_property
    def sector_labels(self) -> Mapping[str, str]:
        """Sector id to label, in the sectors' display order."""
        return MappingProxyType(dict(zip(self.sectors["sector_id"], self.sectors["label"])))

    @cached_property
    def event_labels(self) -> Mapping[str, str]:
        """Event id to how the filters and pickers name it: its date and title, in date order."""
        return MappingProxyType(
            {
                e: f"{d} · {t}"
                for e, d, t in zip(self.events["event_id"], self.events["date"], self.events["title"])
            }
        )

    @cached_property
    def source_titles(self) -> Mapping[str, str]:
        """Source id to title, events in date order and each event's sources as listed."""
        return MappingProxyType(dict(zip(self.sources["source_id"], self.sources["title"])))

    @cached_property
    def source_labels(self) -> Mapping[str, str]:
        """Source id to its short name (its label, else its publisher), in the same order."""
        return MappingProxyType(dict(zip(self.sources["source_id"], self.sources["label"])))

    @cached_property
    def event_countries(self) -> Mapping[str, tuple[str, ...]]:
        """For each event, the countries of its participants, in the countries' order."""
        countries = dict(zip(self.speakers["speaker_id"], self.speakers["country"]))
        present = self.participants.assign(country=self.participants["speaker_id"].map(countries))
        present = present.groupby("event_id")["country"].agg(set)
        return MappingProxyType(
            {
                e: tuple(c for c in self.countries if c in present.get(e, set()))
                for e in self.events["event_id"]
            }
        )

    @cached_property
    def compared_events(self) -> tuple[str, ...]:
        """The events that more than one account reports."""
        counts = self.sources["event_id"].value_counts()
        return tuple(e for e in self.events["event_id"] if counts.get(e, 0) > 1)

    @cached_property
    def side_colors(self) -> Mapping[str, str]:
        """Each side's colour (each country's, and grey for claims with no speaker), the same on every page."""
        return MappingProxyType(
            {
                **palette.country_colors(self.countries),
                TOGETHER: palette.TOGETHER_COLOR,
                UNNAMED: palette.UNNAMED_COLOR,
            }
        )

    @cached_property
    def side_symbols(self) -> Mapping[str, str]:
        """Each side's marker symbol in the charts."""
        return MappingProxyType(
            {
                **palette.country_symbols(self.countries),
                TOGETHER: palette.TOGETHER_SYMBOL,
                UNNAMED: palette.UNNAMED_SYMBOL,
            }
        )

    @cached_property
    def side_patterns(self) -> Mapping[str, str]:
        """Each side's bar fill pattern in the charts."""
        return MappingProxyType(
            {
                **palette.country_patterns(self.countries),
                TOGETHER: palette.TOGETHER_PATTERN,
                UNNAMED: palette.UNNAMED_PATTERN,
            }
        )

    @cached_property
    def every_side(self) -> str:
        """How the sides are named together: 'both sides' for two countries, 'every side' for more."""
        return vocab.every_side(len(self.countries))

    @cached_property
    def strength_patterns(self) -> Mapping[str, str]:
        """Each commitment strength's bar fill pattern, strongest solid."""
        return MappingProxyType(palette.strength_patterns(self.strengths))

    @cached_property
    def strength_colors(self) -> Mapping[str, str]:
        """Each commitment strength's colour, strongest darkest."""
        return MappingProxyType(palette.strength_colors(self.strengths))

    @cached_property
    def theme_colors(self) -> Mapping[str, str]:
        """Each theme's colour in the themes chart, by theme id."""
        return MappingProxyType(palette.theme_colors(tuple(self.themes["theme_id"])))

    def theme(self, theme_id: str) -> Mapping[str, object]:
        row = self.themes.loc[self.themes["theme_id"] == theme_id]
        if row.empty:
            raise KeyError(theme_id)
        return row.iloc[0].to_dict()


def load(source: str | Path | Snapshot | None = None) -> Dataset:
    """Validate and load the data package in a directory (default: ``data_dir()``), or in a snapshot of one."""
    report = validate(source if source is not None else data_dir())
    if report.problems:
        raise DataError(report.problems)
    schema = report.schema
    tables = {name: _typed(schema, name, table) for name, table in report.tables.items()}
    for name, columns in SHOWS.items():
        tables[name] = tables[name].assign(**{c: "" for c in columns if c not in tables[name]})

    themes = tables["themes"].sort_values("order", kind="stable").reset_index(drop=True)
    theme_rank = {t: i for i, t in enumerate(themes["theme_id"])}
    sectors = tables["sectors"].copy()
    sectors["theme_rank"] = sectors["theme_id"].map(theme_rank)
    sectors = sectors.sort_values("theme_rank", kind="stable").reset_index(drop=True)

    events = tables["events"].sort_values("date", kind="stable").reset_index(drop=True)
    event_rank = {e: i for i, e in enumerate(events["event_id"])}
    sources = tables["sources"].assign(has_text=lambda s: s["text_path"] != "")
    labels = sources["label"] if "label" in sources else pd.Series("", index=sources.index)
    sources["label"] = labels.mask(
        labels == "", sources["publisher"]
    )  # the publisher, where no short name is given
    sources = sources.iloc[sources["event_id"].map(event_rank).argsort(kind="stable")].reset_index(drop=True)

    strengths = schema.enum("statements", "strength")
    strength_rank = MappingProxyType({m: i for i, m in enumerate(strengths)})
    speakers = tables["speakers"]
    statements = tables["statements"].merge(
        speakers[["speaker_id", "name", "country", "country_code"]],
        on="speaker_id",
        how="left",
        validate="many_to_one",
    )
    statements = statements.merge(
        sources[["source_id", "event_id", "title", "url", "has_text", "side"]].rename(
            columns={"title": "source_title", "url": "source_url", "side": "account_side"}
        ),
        on="source_id",
        how="left",
        validate="many_to_one",
    )
    statements["date"] = statements["event_id"].map(dict(zip(events["event_id"], events["date"])))
    statements["day"] = [d.toordinal() for d in statements["date"]]  # for comparing dates a column at a time
    participants = tables["participants"]
    statements = statements.merge(
        participants[["event_id", "speaker_id", "role"]],
        on=["event_id", "speaker_id"],
        how="left",
        validate="many_to_one",
    )
    unnamed = statements["attribution"] == vocab.MEETING
    together = statements["attribution"] == vocab.BOTH
    nobody = unnamed | together
    statements["speaker_id"] = statements["speaker_id"].mask(nobody)  # no one, rather than an empty id
    statements["name"] = statements["name"].mask(unnamed, UNNAMED).mask(together, TOGETHER)
    statements["side"] = statements["country"].mask(unnamed, UNNAMED).mask(together, TOGETHER)
    # Where each quote stands in its source, found once per distinct quote.
    spans = {
        key: textlib.find(key[1], report.texts[key[0]]) if key[0] in report.texts else None
        for key in set(zip(statements["source_id"], statements["quote"]))
    }
    statements["quote_span"] = [spans[key] for key in zip(statements["source_id"], statements["quote"])]
    statements["strength_rank"] = statements["strength"].map(strength_rank)

    statements["search_text"] = (statements["summary"] + "\n" + statements["quote"]).str.casefold()

    tidy = (
        statements.drop(columns=["notes", "quote_span"], errors="ignore")
        .assign(statement_row=range(len(statements)))  # where each statement stands in ``statements``
        .explode("sectors")
    )
    tidy = tidy.rename(columns={"sectors": "sector_id"}).merge(
        sectors[["sector_id", "label", "theme_id"]].rename(columns={"label": "sector"}),
        on="sector_id",
        how="left",
        validate="many_to_one",
    )
    tidy = tidy.reset_index(drop=True)

    return Dataset(
        snapshot=report.snapshot,
        schema=schema,
        events=freeze(events),
        sources=freeze(sources),
        statements=freeze(statements),
        tidy=freeze(tidy),
        sectors=freeze(sectors),
        themes=freeze(themes),
        speakers=freeze(speakers),
        participants=freeze(participants),
        copies=freeze(tables["copies"]),
        narration=freeze(tables["narration"]),
        gaps=freeze(tables["gaps"]),
        texts=MappingProxyType(dict(report.texts)),
        coverage=report.coverage,
        strengths=strengths,
        strength_rank=strength_rank,
        countries=tuple(dict.fromkeys(speakers["country"])),
    )


def _typed(schema: Schema, name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Convert the string columns of a validated table to their schema types (numbered from 0, not by line).

    Missing values (the schema's ``missingValues``; by default the empty cell) become empty text, or
    no value in a typed column.
    """
    table = table.reset_index(drop=True)
    missing_values = schema.resource(name).get("schema", {}).get("missingValues", [""])
    for field in schema.fields(name):
        column, kind = field["name"], field.get("type", "string")
        if column not in table:
            continue
        missing = table[column].isin(missing_values)
        if kind == "string" and set(missing_values) != {""}:  # an empty cell is empty text already
            table[column] = table[column].mask(missing, "")
        if kind == "integer":
            table[column] = table[column].mask(missing).astype("Int64")
        elif kind == "number":
            table[column] = table[column].mask(missing).astype("Float64")
        elif kind == "date":
            dates = pd.to_datetime(table[column].mask(missing), format="ISO8601")
            table[column] = [None if pd.isna(d) else d.date() for d in dates]
        elif kind == "list":
            delimiter = field.get("delimiter", ",")
            table[column] = [tuple(v.split(delimiter)) if v else () for v in table[column]]
    return table
