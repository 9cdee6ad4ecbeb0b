"""What reruns repeat is cached per published version and filters: bounded, shared, dropped on a new version."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from cooperation import aggregate, load, registry, snapshot, views
from cooperation import filters as flt
from cooperation.frozen import ReadOnlyFrame
from cooperation.memo import ENTRIES_VAR, MAX_ENTRIES, MAX_MB, MB_VAR, Memo, size_of
from cooperation.service import Publisher
from tests.helpers import MEETING, replace_in, rows


def test_a_value_is_computed_once_and_then_reused():
    memo, calls = Memo(max_entries=8, max_mb=1), []
    for _ in range(3):
        assert memo.get("k", lambda: calls.append(1) or 42) == 42
    assert calls == [1]
    assert (memo.stats.hits, memo.stats.misses, memo.stats.entries) == (2, 1, 1)


def test_sessions_asking_at_once_wait_for_one_computation():
    """Ten threads ask for the same new entry at the same moment: it is computed once."""
    memo, calls, start = Memo(max_entries=8, max_mb=1), [], threading.Barrier(10)

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "done"

    def ask():
        start.wait()
        assert memo.get("same", slow) == "done"

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1]


def test_the_cache_is_bounded_in_entries_least_recently_used_first_out():
    memo = Memo(max_entries=3, max_mb=1)
    for key in "abc":
        memo.get(key, lambda k=key: k)
    memo.get("a", lambda: "again")  # a is used again: b is now the oldest
    memo.get("d", lambda: "d")
    assert memo.stats.entries == 3
    assert memo.get("a", lambda: "recomputed") == "a"
    assert memo.get("b", lambda: "recomputed") == "recomputed"


def test_the_cache_is_bounded_in_bytes():
    """Entries past the byte bound push the oldest out; an entry larger than the bound is not kept at all."""
    frame = pd.DataFrame({"n": range(20_000)})  # about 160 kB
    memo = Memo(max_entries=100, max_mb=0.5)
    for key in range(6):
        memo.get(key, frame.copy)
    assert memo.stats.bytes <= 0.5 * 2**20
    assert 0 < memo.stats.entries < 6
    small = Memo(max_entries=100, max_mb=0.05)
    small.get("big", frame.copy)
    assert small.stats.entries == 0
    assert size_of(frame) >= frame["n"].nbytes


def test_cached_frames_are_read_only_and_the_cache_can_be_turned_off(monkeypatch):
    memo = Memo(max_entries=4, max_mb=1)
    value = memo.get("f", lambda: (pd.DataFrame({"a": [1]}), "text"))
    assert isinstance(value[0], ReadOnlyFrame)
    monkeypatch.setenv(ENTRIES_VAR, "0")
    monkeypatch.setenv(MB_VAR, "1")
    off, calls = Memo(), []
    for _ in range(2):
        off.get("k", lambda: calls.append(1))
    assert calls == [1, 1]
    assert off.stats.entries == 0


def test_cached_views_equal_what_is_computed_afresh():
    """Rows, counts, a chart and the statements, cached, are what the pure functions compute."""
    ds = load(MEETING)
    sector = rows(MEETING, "sectors")[0]["sector_id"]
    filters = flt.Filters(sector=(sector,))
    for _ in range(2):  # the first computes, the second reads the cache
        pd.testing.assert_frame_equal(pd.DataFrame(views.rows(ds, filters)), flt.apply(ds, filters))
        assert views.counts(ds, filters) == aggregate.counts(ds, flt.apply(ds, filters))
        chart = registry.OVERVIEW[0]
        drawn = views.chart(ds, chart, views.rows(ds, filters), filters)
        pd.testing.assert_frame_equal(pd.DataFrame(drawn.frame), chart.aggregate(ds, flt.apply(ds, filters)))
        assert drawn.takeaway == chart.takeaway(ds, drawn.frame)
        matching, _table = views.statements(ds, filters)
        assert list(matching["statement_id"]) == list(
            flt.statements_of(ds, flt.apply(ds, filters))["statement_id"]
        )
    assert ds.memo.stats.hits > 0
    other = flt.Filters()
    assert len(views.rows(ds, other)) == len(ds.tidy)  # other filters, another entry


def test_a_new_version_starts_with_an_empty_cache_and_the_old_one_is_dropped(data_copy):
    """Publishing a new version clears what the old one cached; the new one computes from its own data."""
    publisher = Publisher(data_copy, settle=0)
    old = publisher.current().dataset
    views.rows(old, flt.Filters())
    assert old.memo.stats.entries > 0
    replace_in(data_copy / "statements.csv", rows(data_copy, "statements")[0]["summary"], "A new summary")
    new = publisher.current().dataset
    assert new is not old
    assert old.memo.stats.entries == 0
    assert new.memo.stats.entries == 0
    assert "A new summary" in set(views.rows(new, flt.Filters())["summary"])


def test_a_server_looks_at_the_files_at_most_once_per_interval(data_copy, monkeypatch):
    """Many page loads within the interval cost one look at the files; after it, an edit is seen."""
    looks = []
    real = snapshot.stamp
    monkeypatch.setattr(snapshot, "stamp", lambda root: looks.append(1) or real(root))
    clock = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])
    publisher = Publisher(data_copy, settle=0, look=0.5)
    first = publisher.current().dataset
    looks.clear()
    for _ in range(100):
        clock[0] += 0.008  # a hundred page loads in 0.8 s
        assert publisher.current().dataset is first
    assert len(looks) == 1  # one look, half a second after the first
    replace_in(data_copy / "statements.csv", rows(data_copy, "statements")[0]["summary"], "Edited")
    clock[0] += 0.1
    assert publisher.current().dataset is first  # within the interval: not looked at yet
    clock[0] += 0.5
    assert publisher.current().dataset is not first  # the next look sees the edit


def test_with_no_interval_every_page_load_looks(data_copy):
    publisher = Publisher(data_copy, settle=0, look=0)
    first = publisher.current().dataset
    replace_in(data_copy / "statements.csv", rows(data_copy, "statements")[0]["summary"], "Edited")
    assert publisher.current().dataset is not first


def test_small_downloads_are_handed_over_with_the_page_and_large_ones_made_on_click(monkeypatch):
    """Up to the limit the button gets the CSV's bytes (cached, so its file lives with the page); past it, a
    function that makes the same bytes on click. The package's zip likewise."""
    from cooperation import export
    from cooperation import vocabulary as vocab

    ds = load(MEETING)
    filters = flt.Filters()
    expected = export.statements_csv(ds, flt.statements_of(ds, flt.apply(ds, filters)))
    assert views.statements_download(ds, filters) == expected
    assert views.statements_download(ds, filters) is views.statements_download(ds, filters)  # cached
    assert views.package_download(ds) == export.package_zip(ds.snapshot)
    monkeypatch.setattr(vocab, "EAGER_DOWNLOAD_STATEMENTS", 1)
    monkeypatch.setattr(vocab, "EAGER_DOWNLOAD_BYTES", 1)
    on_click = views.statements_download(ds, filters)
    assert callable(on_click)
    assert on_click() == expected
    assert callable(views.package_download(ds))


@pytest.mark.parametrize(
    ("entries", "mb", "bounds"),
    [
        pytest.param("10", "0.5", (10, 2**19), id="a fraction of a MiB is a bound like any other"),
        pytest.param("-3", "-1", (0, 0), id="below zero nothing is kept"),
        pytest.param("many", "nan", (MAX_ENTRIES, MAX_MB * 2**20), id="not a number leaves the defaults"),
        pytest.param("2.5", "inf", (MAX_ENTRIES, MAX_MB * 2**20), id="entries are whole and a size finite"),
    ],
)
def test_the_bounds_are_read_from_the_environment(entries, mb, bounds):
    memo = Memo(environ={ENTRIES_VAR: entries, MB_VAR: mb})
    assert (memo.max_entries, memo._cache.maxsize) == bounds
