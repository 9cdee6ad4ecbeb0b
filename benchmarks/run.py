"""Benchmark the dashboard in real Chromium against a bare Streamlit app and Datasette.

For each size of data it starts the four servers (this app, the bare
Streamlit app, the same stopped after its count, which is the floor of any
Streamlit page, and Datasette), then alternates between them, trial after
trial (the first trial is a warm-up and is not counted):

- first render: from navigation until every chart is drawn and the app is idle;
- filter update: from picking a sector until the Statements metric has
  changed, the charts are drawn and the app is idle (for Datasette: from the
  facet click until the filtered page has loaded);
- the app's page over time, first render: from navigation until its charts
  are drawn and the app is idle (when the data has more than one event).

It also reports each server's peak memory, the bytes the browser receives
per filter update, and the validator's time. How many readers at once a
process serves is the load test's (``benchmarks.capacity``, without browsers).

    python -m benchmarks.run --sizes 0,10000,100000 --trials 5 --report docs/performance.md
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.stats import bootstrap

from benchmarks.generate import generate
from cooperation.data import DEFAULT_DATA_DIR
from tests.servers import CHROMIUM_ARGS, ROOT, Server, find_chromium, free_port, start, start_streamlit

if (
    TYPE_CHECKING
):  # the browser is imported where it is driven, so that reading this module needs no Playwright
    from playwright.sync_api import Page

RESULTS = ROOT / "benchmarks" / "results"
SYSTEMS = ("app", "bare", "floor", "datasette")
CHARTS = {"app": 1, "bare": 1, "floor": 0}  # the overview draws the picked chart only
OVER_TIME, OVER_TIME_CHARTS = "over-time", 2  # the page over time draws the meetings and the convergence
TIMEOUT_MS = 180_000
CONFIDENCE = 0.95  # of the interval given with each app ÷ bare ratio
RESAMPLES = 9_999

# True once the Streamlit app is idle, nothing is stale or a skeleton, the
# charts are drawn and the Statements metric shows the expected count.
READY = """({charts, count}) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid='stSkeleton'], [data-stale='true']")) return false;
  const drawn = [...document.querySelectorAll(".js-plotly-plot")].filter(p => p.querySelector(".main-svg"));
  if (drawn.length < charts) return false;
  const metric = [...document.querySelectorAll("[data-testid='stMetric']")]
    .find(m => m.querySelector("[data-testid='stMetricLabel']")?.innerText.trim() === "Statements");
  return !!metric && metric.querySelector("[data-testid='stMetricValue']").innerText.trim() === count;
}"""


def _tidy(data: Path) -> pd.DataFrame:
    statements = pd.read_csv(data / "statements.csv", dtype=str, keep_default_na=False)
    sectors = pd.read_csv(data / "sectors.csv", dtype=str, keep_default_na=False)
    tidy = statements.assign(sector_id=statements["sectors"].str.split(";")).explode("sector_id")
    return tidy.merge(sectors[["sector_id", "label"]], on="sector_id")


def _sqlite(data: Path, path: Path) -> Path:
    """The same statements, one row per statement and sector, for Datasette to facet."""
    tidy = _tidy(data)[["statement_id", "speaker_id", "label", "strength", "quote"]]
    with sqlite3.connect(path) as db:
        tidy.rename(columns={"label": "sector"}).to_sql("tidy", db, index=False)
        db.execute("CREATE INDEX tidy_sector ON tidy(sector)")
    return path


def _fresh_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _datasette(db: Path, data: Path) -> Server:
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db), "-p", str(port), "-h", "127.0.0.1"]
    return start(command, port, "/-/versions.json", data)


class Meter:
    """Counts the bytes the page receives over its WebSockets, through the DevTools protocol.

    (Playwright's own WebSocket events disturb Streamlit's connection here.)
    """

    def __init__(self, page: Page):
        self.bytes = 0
        session = page.context.new_cdp_session(page)
        session.send("Network.enable")
        session.on("Network.webSocketFrameReceived", self._count)

    def _count(self, event: dict) -> None:
        frame = event["response"]
        data = frame["payloadData"]
        # Binary frames (opcode 2) arrive base64-encoded: count their decoded size.
        self.bytes += len(data) * 3 // 4 if frame.get("opcode") == 2 else len(data.encode())


def _first_render(page: Page, url: str, charts: int, count: str) -> float:
    start_time = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(READY, arg={"charts": charts, "count": count}, timeout=TIMEOUT_MS)
    return time.perf_counter() - start_time


# True once the app is idle, nothing is stale or a skeleton and ``charts`` charts are drawn.
DRAWN = """({charts}) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid='stSkeleton'], [data-stale='true']")) return false;
  return [...document.querySelectorAll(".js-plotly-plot")].filter(p => p.querySelector(".main-svg")).length >= charts;
}"""


def _page_render(page: Page, url: str, charts: int) -> float:
    start_time = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(DRAWN, arg={"charts": charts}, timeout=TIMEOUT_MS)
    return time.perf_counter() - start_time


def _filter_update(page: Page, meter: Meter, label: str, charts: int, count: str) -> tuple[float, int]:
    box = page.get_by_test_id("stMultiSelect").get_by_role("combobox", name="Sectors").first
    box.click()
    box.fill(label)
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for()
    before = meter.bytes
    start_time = time.perf_counter()
    option.click()
    page.wait_for_function(READY, arg={"charts": charts, "count": count}, timeout=TIMEOUT_MS)
    return time.perf_counter() - start_time, meter.bytes - before


def _facet_click(page: Page, url: str, label: str, rows: int) -> float:
    # Every value of the facet, not Datasette's first 30 (there are more sectors than that).
    page.goto(f"{url}/bench/tidy?_facet=sector&_facet_size=max", wait_until="load")
    link = page.locator(".facet-results li a").get_by_text(label, exact=True)
    start_time = time.perf_counter()
    with page.expect_navigation(wait_until="load"):
        link.click()
    elapsed = time.perf_counter() - start_time
    assert f"{rows:,} row" in page.inner_text("body"), "Datasette's filtered page shows another count"
    return elapsed


def _validator_seconds(data: Path, runs: int = 3) -> dict[str, float]:
    """Median wall time of ``python -m cooperation validate`` and of ``frictionless validate``, alternating."""
    commands = {
        "ours": [sys.executable, "-m", "cooperation", "validate", str(data)],
        "frictionless": [
            str(Path(sys.executable).parent / "frictionless"),
            "validate",
            str(data / "datapackage.json"),
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start_time = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start_time)
    return {name: round(statistics.median(values), 2) for name, values in times.items()}


def bench_size(size: int, trials: int, chromium: str, workdir: Path) -> dict:
    data = DEFAULT_DATA_DIR if size == 0 else generate(size, workdir / f"data-{size}")
    tidy = _tidy(data)
    sector_id = pd.read_csv(data / "sectors.csv", dtype=str)["sector_id"].iloc[0]
    label = tidy.loc[tidy["sector_id"] == sector_id, "label"].iloc[0]
    n_all = tidy["statement_id"].nunique()
    n_sector = tidy.loc[tidy["sector_id"] == sector_id, "statement_id"].nunique()
    servers = {
        "app": start_streamlit(ROOT / "app.py", data),
        "bare": start_streamlit(ROOT / "benchmarks" / "bare_app.py", data, env_var="BENCH_DATA"),
        "floor": start_streamlit(
            ROOT / "benchmarks" / "bare_app.py", data, env_var="BENCH_DATA", env={"BENCH_FLOOR": "1"}
        ),
        "datasette": _datasette(_sqlite(data, _fresh_dir(workdir / f"db-{size}") / "bench.db"), data),
    }
    samples: dict[str, dict[str, list[float]]] = {
        s: {"first": [], "filter": [], "bytes": [], "over_time": []} for s in SYSTEMS
    }
    several = len(pd.read_csv(data / "events.csv", dtype=str)) > 1
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for trial in range(trials + 1):  # trial 0 warms every server up
                shift = trial % len(SYSTEMS)
                order = SYSTEMS[shift:] + SYSTEMS[:shift]
                for system in order:
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    meter = Meter(page)
                    url = servers[system].url
                    if system == "datasette":
                        first, update, sent = None, _facet_click(page, url, label, n_sector), None
                    else:
                        charts = CHARTS[system]
                        first = _first_render(page, url, charts, f"{n_all:,}")
                        update, sent = _filter_update(page, meter, label, charts, f"{n_sector:,}")
                    over_time = None
                    if system == "app" and several:
                        over_time = _page_render(page, f"{url}/{OVER_TIME}", OVER_TIME_CHARTS)
                    context.close()
                    if trial == 0:
                        continue
                    for key, value in (
                        ("first", first),
                        ("filter", update),
                        ("bytes", sent),
                        ("over_time", over_time),
                    ):
                        if value is not None:
                            samples[system][key].append(value)
            browser.close()
        memory = {s: round(servers[s].peak_memory_mb(), 1) for s in SYSTEMS}
    finally:
        for server in servers.values():
            server.stop()
    median = {s: {k: statistics.median(v) for k, v in samples[s].items() if v} for s in SYSTEMS}
    return {
        "size": n_all,
        "sector": sector_id,
        "trials": trials,
        "median": median,
        "samples": samples,
        "peak_memory_mb": memory,
        "validator_s": _validator_seconds(data),
    }


def _machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    import plotly
    import streamlit

    return {
        "cpu": cpu,
        "cores": len(
            [line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("processor")]
        ),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pd.__version__,
        "plotly": plotly.__version__,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a and b else "n/a"


def interval(app: list[float], bare: list[float]) -> tuple[float, float] | None:
    """A confidence interval of median(app) ÷ median(bare), or None with fewer than 3 pairs of samples.

    A paired percentile bootstrap over the trials (``scipy.stats.bootstrap``): each trial times both
    systems one after the other, so a trial is resampled as a whole, and a slow spell of the machine
    that slows both stays in one pair. Seeded, so the same samples give the same interval.
    """
    if len(app) != len(bare) or len(app) < 3:
        return None
    result = bootstrap(
        (app, bare),
        lambda a, b: np.median(a) / np.median(b),
        paired=True,
        vectorized=False,
        n_resamples=RESAMPLES,
        confidence_level=CONFIDENCE,
        method="percentile",
        rng=np.random.default_rng(0),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def _ratio_within(r: dict, key: str) -> str:
    """The app ÷ bare ratio of ``key``'s medians, with its interval when there are samples enough."""
    app, bare = (r["samples"][s].get(key, []) for s in ("app", "bare"))
    ratio = _ratio(r["median"]["app"].get(key), r["median"]["bare"].get(key))
    bounds = interval(app, bare)
    return f"{ratio} ({bounds[0]:.2f}–{bounds[1]:.2f})" if bounds else ratio


def _seconds(value: float | None) -> str:
    return f"{value:.3f} s" if value is not None else "n/a"


def markdown(results: list[dict], machine: dict, command: str) -> str:
    speed = [
        "| statements | app first render | bare first render | ratio | app filter update | bare filter update "
        "| ratio | floor filter update | Datasette facet click | app ÷ Datasette | floor ÷ Datasette "
        "| app over time, first render | ÷ app first render |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    load = [
        "| statements | bytes per update (app / bare) | peak memory MiB (app / bare / Datasette) "
        "| validator (ours / frictionless validate) | ratio |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        app, bare, floor, ds = (r["median"].get(s, {}) for s in SYSTEMS)
        mem = r["peak_memory_mb"]
        speed.append(
            f"| {r['size']:,} | {_seconds(app['first'])} | {_seconds(bare['first'])} "
            f"| {_ratio_within(r, 'first')} "
            f"| {_seconds(app['filter'])} | {_seconds(bare['filter'])} | {_ratio_within(r, 'filter')} "
            f"| {_seconds(floor.get('filter'))} | {_seconds(ds.get('filter'))} "
            f"| {_ratio(app['filter'], ds.get('filter'))} | {_ratio(floor.get('filter'), ds.get('filter'))} "
            f"| {_seconds(app.get('over_time'))} | {_ratio(app.get('over_time'), app['first'])} |"
        )
        load.append(
            f"| {r['size']:,} | {app['bytes'] / 1024:,.0f} KiB / {bare['bytes'] / 1024:,.0f} KiB "
            f"| {mem['app']:,.0f} / {mem['bare']:,.0f} / {mem['datasette']:,.0f} ({_ratio(mem['app'], mem['bare'])}) "
            f"| {r['validator_s']['ours']:.2f} s / {r['validator_s']['frictionless']:.2f} s "
            f"| {_ratio(r['validator_s']['ours'], r['validator_s']['frictionless'])} |"
        )
    samples = [
        "Filter-update samples behind each median (seconds, in trial order):",
        "",
        "| statements | " + " | ".join(SYSTEMS) + " |",
        "|---:|" + "---|" * len(SYSTEMS),
    ]
    for r in results:
        samples.append(
            f"| {r['size']:,} | "
            + " | ".join(" ".join(f"{x:.3f}" for x in r["samples"][s]["filter"]) for s in SYSTEMS)
            + " |"
        )
    head = (
        f"Machine: {machine['cpu']}, {machine['cores']} cores; Python {machine['python']}, "
        f"Streamlit {machine['streamlit']}, pandas {machine['pandas']}, plotly {machine['plotly']}; "
        f"run {machine['date']}.\n\nMedians of {results[0]['trials']} trials after one warm-up, the "
        f"{len(SYSTEMS)} systems alternating; after each app ÷ bare ratio, in brackets, its "
        f"{CONFIDENCE:.0%} interval (a paired bootstrap over the trials). Reproduce with:\n\n"
        f"```sh\n{command}\n```\n"
    )
    tables = ("\n".join(speed), "\n".join(load), "\n".join(samples))
    return head + "\n" + "\n\n".join(tables) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,10000,100000", help="statements per run; 0 is the shipped data")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--report", type=Path, help="write the results table into this Markdown file")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("No Chromium found: install Debian's chromium (apt-get install -y chromium)", file=sys.stderr)
        return 1
    machine = _machine()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"benchmarking {size or 'the shipped'} statements…", file=sys.stderr, flush=True)
            results.append(bench_size(size, args.trials, chromium, Path(tmp)))
    command = f"python -m benchmarks.run --sizes {args.sizes} --trials {args.trials}  # what make bench runs"
    table = markdown(results, machine, command)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{stamp}.json").write_text(json.dumps({"machine": machine, "results": results}, indent=2))
    print(table)
    if args.report:
        _write_report(args.report, table)
    return 0


def _write_report(path: Path, table: str, name: str = "results") -> None:
    """Replace the text between the report's markers of that name (``<!-- results:start -->``…)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{table}{end}{after}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
