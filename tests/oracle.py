"""Expected values read straight from the CSVs with the csv module: the oracle tests check the app against."""

from __future__ import annotations

import csv
from pathlib import Path


def rows(data: Path, name: str) -> list[dict[str, str]]:
    with (data / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def expected(data: Path, sector: str | None = None, theme: str | None = None) -> set[str]:
    """Ids of the statements naming ``sector`` (or any sector of ``theme``; or any at all)."""
    in_theme = {s["sector_id"] for s in rows(data, "sectors") if theme is None or s["theme_id"] == theme}
    return {
        s["statement_id"]
        for s in rows(data, "statements")
        if any(x in in_theme and (sector is None or x == sector) for x in s["sectors"].split(";"))
    }
