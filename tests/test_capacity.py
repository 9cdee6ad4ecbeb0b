"""The load test cannot rot: its smoke run (a few readers, a few seconds, every phase) runs and its figures hold.

The load test is a benchmark (``make capacity``); this runs it small, in its own process (Locust patches the
standard library for gevent), on the fixture, and checks what it reports: readers served with no failure, the
bare app measured, memory per session, and behind HAProxy (when installed; required under CI=true) two processes
serving, a download for every reader, and a failover in which every reader gets its view back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import MEETING
from tests.servers import ROOT

TIMEOUT = 600  # seconds for the whole smoke run, on a busy machine


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("capacity") / "smoke.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.capacity", "--smoke", "--data", str(MEETING), "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return {"report": json.loads(out.read_text()), "text": done.stdout}


def _served_without_failure(run: dict) -> None:
    """Filter updates were served, and no step failed (a few readers for a few seconds may open no new link)."""
    assert run["filter"]["served"] > 0
    assert run["filter"]["failed"] == run["open"]["failed"] == run["download"]["failed"] == 0
    assert run["filter"]["p95_s"] > 0


def test_one_process_and_the_bare_app_serve_every_reader(smoke):
    report = smoke["report"]
    (level,) = report["one_process"]
    _served_without_failure(level)
    _served_without_failure(report["bare"])
    assert level["readers"] == report["bare"]["readers"] == 3
    assert next(iter(level["peak_memory_mb"].values())) > 0
    assert next(iter(level["cpu_percent"].values())) > 0
    memory = report["memory"]
    assert memory["baseline_mb"] > 0
    assert memory["active_peak_mb"] >= memory["baseline_mb"]
    assert "| readers | filter updates served / s |" in smoke["text"]


def test_behind_haproxy_two_processes_serve_downloads_work_and_failover_keeps_every_view(smoke):
    if shutil.which("haproxy") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("haproxy is required under CI=true (make haproxy installs it)")
        pytest.skip("no haproxy on this machine")
    balanced, failover = smoke["report"]["balanced"], smoke["report"]["failover"]
    _served_without_failure(balanced["one"])
    _served_without_failure(balanced["two"])
    assert len(balanced["two"]["cpu_percent"]) == 2  # both processes were measured
    downloads = balanced["downloads"]
    assert set(downloads) == {"app1", "app2"}  # readers went to both processes
    assert all(d["worked"] == d["readers"] for d in downloads.values())
    assert failover["on_killed_process"] > 0
    assert failover["reconnected"] == failover["same_view"] > 0  # every reader whose step failed got its view
    assert failover["reconnected"] + failover["moved_by_opening_a_link"] == failover["on_killed_process"]
    assert failover["lost"] == 0
    assert failover["filter_updates_while_down"] > 0
    assert failover["newcomers"].get("app2", 0) > 0  # once back, the killed process gets new readers
