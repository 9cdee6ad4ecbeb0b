"""Browser fixtures: a real ``streamlit run`` on a free port, Chromium found on this machine, one timeout.

Chromium is Playwright's own when installed, otherwise Debian's /usr/bin/chromium.
With neither, the browser tests skip with the reason, except when CI=true (or
REQUIRE_BROWSER=1), where they fail. A failing test shows the output of every
server it used.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from cooperation.service import SETTLE_VAR
from tests.helpers import MEETING, ROOT
from tests.servers import CHROMIUM_ARGS, Server, find_chromium, start_streamlit

ARTIFACTS = ROOT / "artifacts"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CONNECTED = "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
# One generous limit for every wait on the app, in milliseconds: machines here are sometimes busy.
TIMEOUT_MS = 60_000
expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, attach the output of each server the test used."""
    report = yield
    if report.failed:
        for name, value in item.funcargs.items():
            if isinstance(value, Server):
                report.sections.append((f"output of server {name} ({value.url})", value.output()[-20_000:]))
    return report


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


_SOCKETS: dict[int, list[WebSocket]] = {}  # each page's WebSockets to the app, newest last


def _tracked(page: Page) -> Page:
    page.on("websocket", lambda socket: _SOCKETS.setdefault(id(page), []).append(socket))
    return page


@pytest.fixture
def page(page: Page) -> Page:
    """pytest-playwright's page, waiting at most TIMEOUT_MS for anything (so do the tabs it opens)."""
    page.context.set_default_timeout(TIMEOUT_MS)
    page.set_default_timeout(TIMEOUT_MS)
    return _tracked(page)


def new_page(browser: Browser, **options) -> Page:
    """A page in a context of its own (its own session), waiting at most TIMEOUT_MS for anything."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return _tracked(context.new_page())


def run_finished(payload: bytes | str) -> bool:
    """Whether a WebSocket frame from the server says a script or fragment run finished successfully."""
    if isinstance(payload, str):
        return False
    message = ForwardMsg.FromString(payload)
    return message.WhichOneof("type") == "script_finished" and message.script_finished in (
        ForwardMsg.FINISHED_SUCCESSFULLY,
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
    )


@contextmanager
def rerun_of(page: Page) -> Iterator[None]:
    """Around an action: wait until the run it starts has finished, not only until the app is idle again.

    An app that was idle before the action is idle at once after it, before its
    rerun has even begun; the server's "run finished" message is what says the
    rerun is done.
    """
    socket = _SOCKETS[id(page)][-1]
    with socket.expect_event("framereceived", predicate=run_finished, timeout=TIMEOUT_MS):
        yield
    wait_idle(page)


def start_server(data: Path = MEETING) -> Server:
    """``streamlit run app.py`` on a free port, returned once /_stcore/health answers ok."""
    return start_streamlit(ROOT / "app.py", data)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the meeting fixture."""
    running = start_server()
    yield running
    running.stop()


@pytest.fixture
def edited(tmp_path) -> Iterator[Server]:
    """The app serving a copy of the meeting fixture that the test edits, publishing each change at once."""
    data = tmp_path / "data"
    shutil.copytree(MEETING, data)
    running = start_streamlit(ROOT / "app.py", data, env={SETTLE_VAR: "0"})
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
    """Wait until the app is connected, its script has finished and no element is still a skeleton."""
    expect(page.locator(CONNECTED)).to_have_count(1)
    expect(page.locator(IDLE)).to_have_count(1)
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


def pick_sector(page: Page, label: str) -> None:
    """Choose a sector in the sidebar's Sectors multiselect, as a person would."""
    box = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Sectors")
    box.click()
    box.fill(label)
    page.get_by_role("option", name=label, exact=True).click()


def pick_chart(page: Page, label: str) -> None:
    """Pick one of the overview's charts in the radio buttons above it, as a person would (by its label)."""
    page.get_by_role("radiogroup", name="Chart").get_by_text(label, exact=True).click()


def sector_chips(page: Page):
    """The selected values shown in the Sectors multiselect."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    return box.filter(has=page.get_by_role("combobox", name="Sectors")).locator("[data-tag]")
