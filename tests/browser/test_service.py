"""The dashboard as a service, in real Chromium: bad edits on disk never take it down, and first visits land cleanly."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cooperation import routes
from cooperation.service import SETTLE_VAR
from tests.browser.conftest import IDLE, ROOT, TIMEOUT_MS, metric, new_page, open_app, wait_idle
from tests.helpers import MEETING, replace_in, rewrite, rows
from tests.servers import Server, start_streamlit

STATEMENTS = "statements.csv"
PACKAGE_TITLE = json.loads((MEETING / "datapackage.json").read_text(encoding="utf-8"))["title"]


def _removable(data: Path) -> str:
    """A statement whose removal leaves valid data: a paraphrase that no link names."""
    statements = rows(data, "statements")
    linked = {s["answers"] for s in statements} | {s["same_claim_as"] for s in statements}
    return next(
        s["statement_id"]
        for s in reversed(statements)
        if s["evidence"] == "paraphrase" and s["statement_id"] not in linked
    )


def _log(server: Server) -> list[dict]:
    """The server's structured log lines about the data."""
    return [
        json.loads(line.split(" cooperation ", 1)[1])
        for line in server.output().splitlines()
        if " cooperation {" in line
    ]


def _shows_last_valid(page: Page, count: str) -> None:
    wait_idle(page)
    expect(metric(page, "Statements")).to_have_text(count)
    expect(page.get_by_test_id("stSidebar").get_by_text("An update is waiting to be checked")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def test_bad_edits_on_disk_keep_the_last_valid_data(page: Page, edited: Server, page_errors):
    """An unknown sector, a cut or empty statements.csv, a deleted source text: visitors keep the last valid data,
    the log says why; a valid change is shown on the next load, with no notice."""
    data = edited.data
    statements = (data / STATEMENTS).read_bytes()
    text = next(data / s["text_path"] for s in rows(data, "sources") if s["text_path"])
    open_app(page, edited.url)
    count = metric(page, "Statements").inner_text()
    changes = {
        "unknown sector": lambda: replace_in(
            data / STATEMENTS, ",offshore-wind;logistics,", ",offshore-wind;logistic,"
        ),
        "truncated": lambda: (data / STATEMENTS).write_bytes(statements[: len(statements) // 2]),
        "empty": lambda: (data / STATEMENTS).write_bytes(b""),
        "source text deleted": text.unlink,
    }
    for name, change in changes.items():
        text_before = text.read_bytes()
        change()
        page.reload()
        _shows_last_valid(page, count)
        reloads = [line for line in _log(edited) if line["event"] == "data.reload"]
        assert reloads[-1]["valid"] is False, name
        assert any(line["event"] == "data.problem" for line in _log(edited)), name
        (data / STATEMENTS).write_bytes(statements)
        text.write_bytes(text_before)
    gone = _removable(data)
    rewrite(data / STATEMENTS, lambda i, r: None if r["statement_id"] == gone else r)
    page.reload()
    wait_idle(page)
    expect(metric(page, "Statements")).to_have_text(str(int(count) - 1))
    expect(page.get_by_test_id("stSidebar").get_by_text("An update is")).to_have_count(0)
    last = _log(edited)[-1]
    assert (last["event"], last["valid"], last["statements"]) == ("data.reload", True, int(count) - 1)


def test_a_file_rewritten_in_small_writes_never_shows_a_mixture(browser: Browser, tmp_path):
    """While statements.csv is rewritten in many small writes, sessions reloading see the old or the new count, never
    another, never an exception; the download on the same page offers as many statements as the count says."""
    data = tmp_path / "data"
    shutil.copytree(MEETING, data)
    old = str(len(rows(data, "statements")))
    gone = _removable(data)
    header, *lines = (data / STATEMENTS).read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{gone},")]
    # Paraphrases last: a file cut after any of them still validates, with fewer statements than either version.
    kept.sort(key=lambda line: ",paraphrase," in line)
    new_rows = [header.encode("utf-8"), *(line.encode("utf-8") for line in kept)]
    new = str(int(old) - 1)
    server = start_streamlit(ROOT / "app.py", data, env={SETTLE_VAR: "2"})
    pages = [new_page(browser) for _ in range(3)]
    seen: list[str] = []
    try:
        for p in pages:
            open_app(p, server.url)

        def write() -> None:  # as an editor might: in small pieces, pausing after rows, the last ones longest
            with (data / STATEMENTS).open("wb") as handle:
                for i, row in enumerate(new_rows):
                    for start in range(0, len(row), 16):
                        handle.write(row[start : start + 16])
                        handle.flush()
                        time.sleep(0.01)
                    time.sleep(1.5 if i >= len(new_rows) - 3 else 0.05)  # each shorter than the settling time

        writer = threading.Thread(target=write)
        writer.start()
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while writer.is_alive() or not seen or seen[-1] != new:
            if (
                writer.is_alive()
            ):  # once the writing is done, the new version must show within the one timeout
                deadline = time.monotonic() + TIMEOUT_MS / 1000
            assert time.monotonic() < deadline, f"the new count {new} never showed: {seen}"
            for p in pages:
                p.reload()
                p.wait_for_selector(IDLE)
                expect(p.get_by_test_id("stSkeleton")).to_have_count(0)
                expect(p.get_by_test_id("stException")).to_have_count(0)
                expect(p.get_by_test_id("stAlertContentError")).to_have_count(0)
                count = metric(p, "Statements").inner_text()
                seen.append(count)
                assert count in (old, new), seen
                # one version per page: the download below the table offers as many statements as the count says
                expect(p.get_by_test_id("stDownloadButton")).to_contain_text(
                    f"Download these {count} statements"
                )
        writer.join()
    finally:
        for p in pages:
            p.context.close()
        server.stop()
    assert set(seen) <= {old, new}
    assert seen[-1] == new


def _pages() -> list[tuple[str, str]]:
    """(path, title) of every page of the meeting fixture, as its first request would name it."""
    return [
        (routes.OVERVIEW, "Overview"),
        (routes.ACCOUNTS, "Accounts compared"),
        *((t["theme_id"], t["title"]) for t in rows(MEETING, "themes")),
        (routes.SOURCE, "Sources"),
        (routes.DATA, "Data and method"),
    ]


@pytest.mark.parametrize(("path", "title"), _pages(), ids=[p for p, _ in _pages()])
def test_a_deep_link_as_the_first_request_opens_its_page(page: Page, path, title, page_errors):
    """On a fresh server, a first request straight to a page opens it, titled, with no "Page not found" dialog
    and a viewer's toolbar."""
    fresh = start_streamlit(ROOT / "app.py", MEETING)
    try:
        open_app(page, f"{fresh.url}/{'' if path == routes.OVERVIEW else path}")
        heading = PACKAGE_TITLE if path == routes.OVERVIEW else title  # the overview is titled by the data
        expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
        expect(page).to_have_title(f"{title} · Cooperation dashboard")
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(page.get_by_role("button", name="Deploy")).to_have_count(0)
    finally:
        fresh.stop()
