"""Browser fixtures: a real ``streamlit run`` on a free port, and Chromium found on this machine.

Chromium is Playwright's own when installed, otherwise Debian's /usr/bin/chromium.
With neither, the browser tests skip with the reason, except when CI=true (or
REQUIRE_BROWSER=1), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import DATA, ROOT

ARTIFACTS = ROOT / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
START_TIMEOUT = 60  # seconds for a server to answer its health check
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


def find_chromium() -> str | None:
    """Playwright's own Chromium if it is installed, else a system Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.executable_path
    if own and Path(own).is_file():
        return own
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at the Chromium found here."""
    executable = find_chromium()
    if executable is None:
        reason = "no Chromium: install Debian's chromium (apt-get install -y chromium)"
        if _browser_required():
            pytest.fail(reason + "; CI requires the browser tests")
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    data: Path
    process: subprocess.Popen = field(repr=False)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(data: Path = DATA) -> Server:
    """``streamlit run app.py`` on a free port, returned once /_stcore/health answers ok."""
    port = _free_port()
    env = {**os.environ, "COOPERATION_DATA": str(data)}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:  # noqa: S310 - loopback only
                if response.read() == b"ok":
                    return Server(url, data, process)
        except OSError:
            time.sleep(0.1)  # not answering yet: poll again
    process.kill()
    raise RuntimeError(f"streamlit did not answer its health check within {START_TIMEOUT} s")


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the shipped data."""
    running = start_server()
    yield running
    running.stop()


@pytest.fixture
def page_errors(page: Page) -> Iterator[list[str]]:
    """Uncaught errors in the page; each test fails if there are any."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield errors
    assert errors == [], errors


def wait_idle(page: Page) -> None:
    """Wait until the script has finished and no element is still a skeleton."""
    page.wait_for_selector(IDLE, timeout=30_000)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    expect(page.locator(IDLE)).to_be_visible()


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def metric(page: Page, label: str):
    """The value element of the metric with this label."""
    return (
        page.get_by_test_id("stMetric")
        .filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True))
        .get_by_test_id("stMetricValue")
    )
