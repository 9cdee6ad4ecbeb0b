"""Read-only data frames: the published tables, shared by every session, refuse to be written.

A published dataset's frames (and what the cache keeps, ``cooperation.memo``)
are the same objects in every session of a server process. pandas has no
read-only flag, so ``freeze`` wraps a frame in ``ReadOnlyFrame``, a subclass
(as pandas documents subclassing: ``_constructor``) whose writes raise
``ReadOnlyError``: item and attribute assignment, ``.loc``, ``.iloc``,
``.at`` and ``.iat`` assignment, ``insert``, ``pop``, ``update``, deletion,
``inplace=True`` and augmented assignment. Everything derived from a
read-only frame (a selection, a merge, ``copy()``) is an ordinary frame the
code may change, and with copy-on-write such a change never reaches the
frame it came from.
"""

from __future__ import annotations

from functools import wraps

import pandas as pd

# pandas' DataFrame methods with an ``inplace`` keyword (pandas 3.1)
_INPLACE = (
    "bfill", "clip", "drop", "drop_duplicates", "dropna", "eval", "ffill", "fillna", "interpolate",
    "mask", "query", "rename", "rename_axis", "replace", "reset_index", "set_index", "sort_index",
    "sort_values", "where",
)  # fmt: skip
_INDEXERS = ("loc", "iloc", "at", "iat")
# what pandas itself sets on a frame while building it
_SETTABLE = frozenset({"_mgr", "_item_cache", "_attrs", "_flags", "_metadata"})


class ReadOnlyError(TypeError):
    """A write into a frame that every session shares."""

    def __init__(self, what: str):
        super().__init__(
            f"{what}: this frame is published and shared by every session, so it is read-only; "
            "work on a copy (frame.copy(), or any selection of it)"
        )


class _Indexer:
    """``.loc``, ``.iloc``, ``.at`` or ``.iat`` of a read-only frame: reads as pandas', refuses writes."""

    __slots__ = ("_indexer", "_name")

    def __init__(self, indexer, name: str):
        self._indexer, self._name = indexer, name

    def __getitem__(self, key):
        return self._indexer[key]

    def __setitem__(self, key, value):
        raise ReadOnlyError(f".{self._name}[...] = ...")

    def __call__(self, *args, **kwargs):
        return _Indexer(self._indexer(*args, **kwargs), self._name)

    def __getattr__(self, name):
        return getattr(self._indexer, name)


class ReadOnlyFrame(pd.DataFrame):
    """A data frame whose writes raise ``ReadOnlyError``; what is derived from it is an ordinary frame."""

    @property
    def _constructor(self):
        return pd.DataFrame

    def __setitem__(self, key, value):
        raise ReadOnlyError(f"[{key!r}] = ...")

    def __delitem__(self, key):
        raise ReadOnlyError(f"del [{key!r}]")

    def __setattr__(self, name, value):
        if name in _SETTABLE:
            return object.__setattr__(self, name, value)
        raise ReadOnlyError(f".{name} = ...")

    def _update_inplace(self, result, verify_is_copy: bool = True) -> None:
        raise ReadOnlyError("an in-place operation")

    def insert(self, *args, **kwargs):
        raise ReadOnlyError(".insert(...)")

    def pop(self, item):
        raise ReadOnlyError(f".pop({item!r})")

    def update(self, *args, **kwargs):
        raise ReadOnlyError(".update(...)")


def _indexer(name: str):
    inherited = getattr(pd.DataFrame, name)
    return property(lambda self: _Indexer(inherited.__get__(self), name))


def _refusing_inplace(name: str):
    inherited = getattr(pd.DataFrame, name)

    @wraps(inherited)
    def method(self, *args, **kwargs):
        if kwargs.get("inplace"):
            raise ReadOnlyError(f".{name}(..., inplace=True)")
        return inherited(self, *args, **kwargs)

    return method


for _name in _INDEXERS:
    setattr(ReadOnlyFrame, _name, _indexer(_name))
for _name in _INPLACE:
    setattr(ReadOnlyFrame, _name, _refusing_inplace(_name))


def freeze(frame: pd.DataFrame) -> ReadOnlyFrame:
    """The frame, read-only (its data shared, not copied)."""
    if isinstance(frame, ReadOnlyFrame):
        return frame
    return ReadOnlyFrame(frame)
