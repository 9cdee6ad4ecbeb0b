"""What reruns repeat, computed once per published version: a bounded cache that each dataset carries.

A rerun computes the same things from the same published data and the same
filters whenever readers open the same link: the matching rows, the counts,
the chart's aggregate, takeaway and figure, the statements table. Each
``Dataset`` carries one ``Memo`` (``ds.memo``), so what is cached belongs to
one published version; when a new version is published the publisher clears
the old one's (``cooperation.service``). A memo is bounded in entries and in
bytes (least recently used first out), and shared by every session of a
process, so what it keeps is read-only (``cooperation.frozen``). While one
session computes an entry, the others asking for it wait for that result
instead of computing it again (``cachetools.cached``'s condition).

``COOPERATION_CACHE_ENTRIES`` (a whole number) and ``COOPERATION_CACHE_MB`` (MiB,
fractions allowed) set the bounds; ``COOPERATION_CACHE_ENTRIES=0`` turns the cache off.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
import threading
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

import cachetools
import pandas as pd

from cooperation.frozen import freeze

MAX_ENTRIES = 512
MAX_MB = 64
ENTRIES_VAR, MB_VAR = "COOPERATION_CACHE_ENTRIES", "COOPERATION_CACHE_MB"

T = TypeVar("T")


def size_of(value: object) -> int:
    """About how many bytes a cached value holds: frames by their memory use, figures by their data."""
    if isinstance(value, pd.DataFrame | pd.Series | pd.Index):
        usage = value.memory_usage(deep=True)
        return int(usage.sum() if isinstance(usage, pd.Series) else usage)
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if isinstance(value, Mapping):
        return sys.getsizeof(value) + sum(size_of(k) + size_of(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return sys.getsizeof(value) + sum(size_of(v) for v in value)
    if hasattr(value, "to_plotly_json"):  # a plotly figure
        return size_of(value.to_plotly_json())
    if dataclasses.is_dataclass(value):
        return sys.getsizeof(value) + sum(size_of(getattr(value, f.name)) for f in dataclasses.fields(value))
    return sys.getsizeof(value)


def _shared(value: T) -> T:
    """A value as every session may share it: frames read-only, inside tuples and dataclasses too."""
    if isinstance(value, pd.DataFrame):
        return freeze(value)
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_shared(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        frames = {
            f.name: freeze(v)
            for f in dataclasses.fields(value)
            if isinstance(v := getattr(value, f.name), pd.DataFrame)
        }
        return dataclasses.replace(value, **frames) if frames else value
    return value


@dataclasses.dataclass(frozen=True)
class Stats:
    hits: int
    misses: int
    entries: int
    bytes: int


class _Cache(cachetools.LRUCache):
    """An LRU cache bounded in bytes (``maxsize``, with ``size_of``) and in entries."""

    def __init__(self, max_entries: int, max_bytes: int):
        super().__init__(maxsize=max_bytes, getsizeof=size_of)
        self.max_entries = max_entries

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        while len(self) > self.max_entries:
            self.popitem()


def _bound(environ: Mapping[str, str], name: str, default: float, kind: type = int) -> int | float:
    """A bound from the environment, as ``kind`` and at least 0; the default when it is unset or not a number."""
    try:
        value = kind(environ.get(name, default))
    except ValueError:
        return default
    return max(0, value) if math.isfinite(value) else default


class Memo:
    """A bounded, thread-safe cache of what reruns compute from one published version."""

    def __init__(self, max_entries: int | None = None, max_mb: float | None = None, environ=os.environ):
        self.max_entries = _bound(environ, ENTRIES_VAR, MAX_ENTRIES) if max_entries is None else max_entries
        mb = _bound(environ, MB_VAR, MAX_MB, float) if max_mb is None else max_mb
        self._cache = _Cache(max(self.max_entries, 1), int(mb * 2**20))
        self._condition = threading.Condition()
        self._compute = cachetools.cached(
            self._cache, key=lambda key, _work: key, condition=self._condition, info=True
        )(lambda _key, work: _shared(work()))

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value cached under ``key``, computed by ``compute()`` when it is not (frames made read-only)."""
        if self.max_entries == 0:
            return _shared(compute())
        return self._compute(key, compute)

    def clear(self) -> None:
        """Drop every entry (a new version was published)."""
        self._compute.cache_clear()

    @property
    def stats(self) -> Stats:
        info = self._compute.cache_info()
        with self._condition:
            return Stats(info.hits, info.misses, len(self._cache), int(self._cache.currsize))
