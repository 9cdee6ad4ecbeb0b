"""A new user's first steps work: the package builds and installs, and the suite collects without a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser

from tests.helpers import ROOT

SOURCES = ("app.py", "cooperation", "pages", "pyproject.toml", "requirements.txt", "LICENSE", "README.md")


def test_the_package_builds_a_wheel_with_everything_the_app_needs(tmp_path):
    """`pip install .` works: the wheel holds the app, its packages and their files, and says which Python it needs."""
    tree = tmp_path / "tree"
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            tree.mkdir(exist_ok=True)
            shutil.copy(source, tree / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(tree),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        p.relative_to(ROOT).as_posix()
        for d in ("cooperation", "pages")
        for p in (ROOT / d).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert shipped | {"app.py"} <= names
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    fields = Parser().parsestr(zipfile.ZipFile(wheel).read(metadata).decode("utf-8"))
    assert fields["Requires-Python"] == ">=3.11"
    pinned = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert sorted(fields.get_all("Requires-Dist")) == sorted(p for p in pinned if p)


BLOCK_PLAYWRIGHT = """
import sys
class NoPlaywright:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("playwright", "axe_playwright_python", "pytest_playwright"):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, NoPlaywright())
import pytest
sys.exit(pytest.main(["-p", "no:playwright", "-p", "no:cacheprovider", "--collect-only", "-q", "-m", "not browser", "tests"]))
"""


def test_the_suite_collects_without_playwright():
    """`pytest -m "not browser"` works where Playwright is not installed: the browser tests' imports wait until needed."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "REQUIRE_BROWSER")}  # a user's machine
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_PLAYWRIGHT], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    collected = [line for line in result.stdout.splitlines() if "::" in line]
    assert "tests/test_overview.py::test_entrypoint_runs_with_all_statements" in collected
    assert not [line for line in collected if line.startswith("tests/browser/")]
