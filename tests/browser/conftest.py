"""Browser fixtures: a real ``streamlit run`` on a free port, and Chromium found on this machine.

Chromium is Playwright's own when installed, otherwise Debian's /usr/bin/chromium.
With neither, the browser tests skip with the reason, except when CI=true (or
REQUIRE_BROWSER=1), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from benchmarks.servers import CHROMIUM_ARGS, Server, find_chromium, start_streamlit
from tests.conftest import DATA, ROOT

ARTIFACTS = ROOT / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


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


def start_server(data: Path = DATA) -> Server:
    """``streamlit run app.py`` on a free port, returned once /_stcore/health answers ok."""
    return start_streamlit(ROOT / "app.py", data)


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
