"""The benchmark's baselines do what docs/performance.md says, and its report is well formed (no timings)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks import run
from tests.helpers import MEETING, ROOT, TIMEOUT

BARE = str(ROOT / "benchmarks" / "bare_app.py")


def _bare(monkeypatch, **env: str) -> AppTest:
    monkeypatch.setenv("BENCH_DATA", str(MEETING))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return AppTest.from_file(BARE, default_timeout=TIMEOUT).run()


@pytest.mark.parametrize(
    ("env", "drawn"),
    [({}, 1), ({"BENCH_FLOOR": "1"}, 0)],
    ids=["bare: one chart and the table", "floor: stops after the count"],
)
def test_baseline_holds_what_the_docs_say(monkeypatch, env, drawn):
    """The bare app has a sector multiselect, the count, one chart and the table; the floor only the first two."""
    at = _bare(monkeypatch, **env)
    assert not at.exception
    assert [m.label for m in at.multiselect] == ["Sectors"]
    assert [m.label for m in at.metric] == ["Statements"]
    assert len(at.get("plotly_chart")) == drawn
    assert len(at.dataframe) == drawn


def test_floor_count_follows_the_sector(monkeypatch):
    """Picking a sector in the floor changes its count, as the benchmark waits for."""
    at = _bare(monkeypatch, BENCH_FLOOR="1")
    before = at.metric[0].value
    at.multiselect[0].select(at.multiselect[0].options[0]).run()
    assert at.metric[0].value != before


def _results(size: int) -> dict:
    timing = {"first": 4.0, "filter": 0.5, "bytes": 2048}
    return {
        "size": size,
        "trials": 9,
        "median": {
            "app": {**timing, "over_time": 6.0},
            "bare": {**timing, "filter": 0.4},
            "floor": {**timing, "filter": 0.2},
            "datasette": {"filter": 0.25},
        },
        "samples": {
            "app": {"filter": [0.5, 0.6]},
            "bare": {"filter": [0.4]},
            "floor": {"filter": [0.2]},
            "datasette": {"filter": [0.25, 0.3]},
        },
        "peak_memory_mb": {"app": 300.0, "bare": 200.0, "floor": 150.0, "datasette": 80.0},
        "validator_s": {"ours": 1.5, "frictionless": 6.0},
    }


MACHINE = {
    "cpu": "cpu",
    "cores": 2,
    "python": "3.11",
    "streamlit": "1",
    "pandas": "3",
    "plotly": "7",
    "date": "2026-11-28 00:00 UTC",
}


def test_report_has_a_row_per_size_in_every_table():
    """The report holds a speed, a load and a samples table, with one row per size and the right ratios."""
    text = run.markdown([_results(19), _results(10_000)], MACHINE, "python -m benchmarks.run")
    speed, load, samples = (block for block in text.split("\n\n") if block.startswith("| statements"))
    assert [row.split("|")[1].strip() for row in speed.splitlines()[2:]] == ["19", "10,000"]
    assert [row.split("|")[1].strip() for row in load.splitlines()[2:]] == ["19", "10,000"]
    cells = [c.strip() for c in speed.splitlines()[2].split("|")[1:-1]]
    header = [c.strip() for c in speed.splitlines()[0].split("|")[1:-1]]
    row = dict(zip(header, cells, strict=True))  # of the two "ratio" columns, the filter update's is kept
    assert cells[header.index("app first render") + 2] == "1.00×"
    assert row["ratio"] == cells[header.index("app filter update") + 2] == "1.25×"
    assert row["app ÷ Datasette"] == "2.00×"
    assert row["floor ÷ Datasette"] == "0.80×"
    assert row["floor filter update"] == "0.200 s"
    assert row["app over time, first render"] == "6.000 s"
    assert row["÷ app first render"] == "1.50×"
    load_header = [c.strip() for c in load.splitlines()[0].split("|")[1:-1]]
    load_row = dict(zip(load_header, [c.strip() for c in load.splitlines()[2].split("|")[1:-1]], strict=True))
    assert load_row["validator (ours / frictionless validate)"] == "1.50 s / 6.00 s"
    assert load_row["ratio"] == "0.25×"
    assert samples.splitlines()[0] == "| statements | app | bare | floor | datasette |"
    assert samples.splitlines()[2] == "| 19 | 0.500 0.600 | 0.400 | 0.200 | 0.250 0.300 |"
    assert "Filter-update samples behind each median" in text
    assert "Medians of 9 trials" in text
    assert "4 systems alternating" in text


def test_ratio_interval_brackets_the_ratio():
    """Each app ÷ bare ratio comes with an interval that holds it, the same for the same samples."""
    app = [0.50, 0.62, 0.48, 0.71, 0.55, 0.66, 0.52, 0.58, 0.60]
    bare = [0.30, 0.33, 0.29, 0.41, 0.31, 0.35, 0.30, 0.32, 0.36]
    low, high = run.interval(app, bare)
    ratio = 0.58 / 0.32  # the medians of the two lists above
    assert low < ratio < high
    assert (low, high) == run.interval(app, bare)
    # A machine that slows both systems in a trial does not widen it: app is twice bare in every trial.
    assert run.interval([2 * t for t in bare], bare) == pytest.approx((2.0, 2.0))
    assert run.interval(app[:2], bare[:2]) is None  # too few trials to say
    assert run.interval(app, bare[:-1]) is None  # trials that do not pair


def test_report_gives_each_ratio_with_its_interval():
    """With paired samples, the speed table's two app ÷ bare ratios carry their intervals, and the text says what they are."""
    result = _results(19)
    result["samples"] = {
        "app": {"first": [4.0, 4.4, 3.6], "filter": [0.5, 0.6, 0.4]},
        "bare": {"first": [4.0, 4.4, 3.6], "filter": [0.25, 0.3, 0.2]},
        "floor": {"filter": [0.2]},
        "datasette": {"filter": [0.25]},
    }
    result["median"]["bare"]["filter"] = 0.25
    text = run.markdown([result], MACHINE, "python -m benchmarks.run")
    speed = next(block for block in text.split("\n\n") if block.startswith("| statements"))
    cells = [c.strip() for c in speed.splitlines()[2].split("|")[1:-1]]
    header = [c.strip() for c in speed.splitlines()[0].split("|")[1:-1]]
    assert cells[header.index("app first render") + 2] == "1.00× (1.00–1.00)"
    assert cells[header.index("app filter update") + 2] == "2.00× (2.00–2.00)"
    assert "95% interval (a paired bootstrap over the trials)" in text


def test_report_replaces_only_its_own_part(tmp_path):
    """Writing the report changes the text between the results markers and nothing else."""
    report = tmp_path / "performance.md"
    report.write_text("before\n<!-- results:start -->\nold\n<!-- results:end -->\nafter\n", encoding="utf-8")
    run._write_report(report, "new\n")
    assert report.read_text(encoding="utf-8") == (
        "before\n<!-- results:start -->\nnew\n<!-- results:end -->\nafter\n"
    )
