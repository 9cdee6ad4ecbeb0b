"""Sessions cannot disturb each other: the published frames, and what the cache keeps, refuse writes."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from cooperation import load
from cooperation.frozen import ReadOnlyError, ReadOnlyFrame, freeze
from cooperation.web import serving
from tests.helpers import MEETING, entry, every_page, rows

WRITES = {
    "loc": lambda f: f.loc.__setitem__((0, f.columns[0]), "x"),
    "iloc": lambda f: f.iloc.__setitem__((0, 0), "x"),
    "at": lambda f: f.at.__setitem__((0, f.columns[0]), "x"),
    "iat": lambda f: f.iat.__setitem__((0, 0), "x"),
    "column": lambda f: f.__setitem__("new", 1),
    "delete": lambda f: f.__delitem__(f.columns[0]),
    "attribute": lambda f: setattr(f, "columns", list(f.columns)),
    "insert": lambda f: f.insert(0, "new", 1),
    "pop": lambda f: f.pop(f.columns[0]),
    "inplace": lambda f: f.sort_values(f.columns[0], inplace=True),
    "fillna": lambda f: f.fillna("", inplace=True),
}


def _frames(ds) -> dict[str, pd.DataFrame]:
    return {
        f.name: getattr(ds, f.name)
        for f in dataclasses.fields(ds)
        if isinstance(getattr(ds, f.name), pd.DataFrame)
    }


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def test_every_published_frame_is_read_only(ds):
    """Each frame of a loaded dataset is read-only, the issue's own example first."""
    with pytest.raises(ReadOnlyError):
        ds.statements.loc[0, "summary"] = "x"
    assert ds.statements.loc[0, "summary"] == rows(MEETING, "statements")[0]["summary"]
    frames = _frames(ds)
    assert {"statements", "tidy", "events", "sources", "sectors", "themes", "speakers"} <= set(frames)
    assert all(isinstance(frame, ReadOnlyFrame) for frame in frames.values())
    assert isinstance(ds.statements_by_id, ReadOnlyFrame)


@pytest.mark.parametrize("write", list(WRITES))
def test_every_kind_of_write_raises_and_changes_nothing(ds, write):
    frame = ds.statements
    before = frame.copy()
    with pytest.raises(ReadOnlyError):
        WRITES[write](frame)
    pd.testing.assert_frame_equal(pd.DataFrame(frame), before)


def test_what_is_derived_is_an_ordinary_frame_and_leaves_the_original_alone(ds):
    """A selection, a copy or a merge may be changed; the published frame stays as it was."""
    before = ds.statements.copy()
    for derived in (
        ds.statements[ds.statements["evidence"] != ""],
        ds.statements.copy(),
        ds.statements.head(3),
    ):
        assert type(derived) is pd.DataFrame
        derived.loc[derived.index[0], "summary"] = "changed"
    pd.testing.assert_frame_equal(pd.DataFrame(ds.statements), before)
    assert freeze(ds.statements) is ds.statements


def test_rendering_every_page_leaves_the_published_frames_unchanged(monkeypatch):
    """Every page, unfiltered and filtered, renders without changing a published or a cached frame."""
    fresh = load(MEETING)
    for path, at in every_page(MEETING):
        assert not at.exception, path
    sectors = [s["sector_id"] for s in rows(MEETING, "sectors")]
    at = entry(monkeypatch, MEETING, sector=sectors[:2])
    assert not at.exception
    published = serving.publisher(str(MEETING)).current().dataset
    for name, frame in _frames(published).items():
        pd.testing.assert_frame_equal(pd.DataFrame(frame), pd.DataFrame(getattr(fresh, name)), obj=name)
    assert published.memo.stats.entries > 0  # the pages cached what they computed
    cached = [frame for value in published.memo._cache.values() for frame in _frames_in(value)]
    assert cached
    assert all(isinstance(frame, ReadOnlyFrame) for frame in cached)


def _frames_in(value) -> list[pd.DataFrame]:
    """The frames a cached value holds: itself, or inside a tuple or a dataclass."""
    if isinstance(value, pd.DataFrame):
        return [value]
    if isinstance(value, tuple):
        return [f for v in value for f in _frames_in(v)]
    if dataclasses.is_dataclass(value):
        return [f for field in dataclasses.fields(value) for f in _frames_in(getattr(value, field.name))]
    return []
