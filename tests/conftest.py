"""Shared fixtures: a private copy of a dataset that a test may break, and a guard on the originals."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import DATA, FIXTURES, MEETING

# Without Playwright the browser tests cannot even be imported: leave them out, except where they are required
# (CI=true or REQUIRE_BROWSER=1), where collecting them fails loudly instead.
_REQUIRED = os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER") == "1"
try:
    import playwright  # noqa: F401 - only whether it is there
except ImportError:
    collect_ignore = [] if _REQUIRED else ["browser"]


def snapshot(path: Path) -> dict[str, str]:
    """Every file under ``path`` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def pytest_report_header() -> str:
    """Every run says which axe violations, if any, the accessibility test lets through."""
    from tests.browser import axe_exceptions

    return axe_exceptions.describe()


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """Every AppTest run scans each installed package's metadata for Streamlit components (about 80 ms here):
    the installed packages do not change while the suite runs, so scan them once and answer every run with that."""
    from streamlit.components.v2 import manifest_scanner

    real = manifest_scanner.scan_component_manifests
    found = real()
    manifest_scanner.scan_component_manifests = lambda *args, **kwargs: list(found)
    yield
    manifest_scanner.scan_component_manifests = real


@pytest.fixture(scope="session", autouse=True)
def look_on_every_run() -> Iterator[None]:
    """AppTest runs follow an edit at once: the app's publishers look at the files on every run.

    A server looks at most once per ``COOPERATION_LOOK_SECONDS`` (``cooperation.service``); the tests that edit
    files and run the app again at once would otherwise have to wait that long.
    """
    from cooperation.service import LOOK_VAR

    before = os.environ.get(LOOK_VAR)
    os.environ[LOOK_VAR] = "0"
    yield
    if before is None:
        del os.environ[LOOK_VAR]
    else:
        os.environ[LOOK_VAR] = before


@pytest.fixture(scope="session", autouse=True)
def originals_untouched() -> Iterator[None]:
    """The shipped data and the fixtures are byte for byte the same after the suite as before it."""
    before = {root: snapshot(root) for root in (DATA, FIXTURES)}
    yield
    for root, files in before.items():
        assert snapshot(root) == files, f"the test suite changed files under {root}"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the meeting fixture, safe to modify."""
    target = tmp_path / "data"
    shutil.copytree(MEETING, target)
    return target
