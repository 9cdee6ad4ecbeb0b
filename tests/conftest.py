"""Shared fixtures: a private copy of the shipped data that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data directory, safe to modify."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file, failing loudly if ``old`` is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
