"""What validating a data directory finds: the report, and how each source's sentences are accounted for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cooperation.problems import Problem
from cooperation.schema import Schema
from cooperation.snapshot import Snapshot

if TYPE_CHECKING:  # only a type: the tables are pandas frames, and this module needs no pandas
    import pandas as pd


@dataclass(frozen=True)
class Coverage:
    """How the sentences of one source are accounted for."""

    source_id: str
    sentences: int
    quoted: int
    narration: int
    unaccounted: tuple[str, ...]

    @property
    def accounted(self) -> int:
        return self.sentences - len(self.unaccounted)

    def __str__(self) -> str:
        return (
            f"{self.source_id}: {self.accounted} of {self.sentences} sentences accounted for "
            f"({self.quoted} quoted by statements, {self.narration} listed as narration)"
        )


@dataclass(frozen=True)
class Report:
    """What validation found, and the snapshot and tables it read on the way."""

    snapshot: Snapshot
    problems: tuple[Problem, ...]
    schema: Schema | None = None
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)
    coverage: tuple[Coverage, ...] = ()

    @property
    def data_dir(self) -> Path:
        return self.snapshot.root
