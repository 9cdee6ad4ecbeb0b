"""What the tests share: where the data lives, the app in AppTest, strict readers, and CSV in and out.

Expected values are read straight from the CSVs with the csv module (the
oracle), never from the code under test.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"  # the shipped data: only tests/test_shipped_data.py and the docs tests read it
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MEETING = FIXTURES / "meeting"  # the code's tests run on this fictional dataset
OTHER = FIXTURES / "other"  # another, smaller one: other countries, other themes
APP = ROOT / "app.py"
TIMEOUT = 60  # seconds for an AppTest run: one generous limit, for busy machines


# --- The oracle: the CSVs as the csv module reads them ---------------------------------


def rows(data: Path, name: str) -> list[dict[str, str]]:
    """The rows of ``name``.csv in ``data``, as text."""
    with (data / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def row(data: Path, name: str, key: str, value: str) -> dict[str, str]:
    """The one row of ``name``.csv whose ``key`` is ``value``."""
    (found,) = (r for r in rows(data, name) if r[key] == value)
    return found


def expected(data: Path, sector: str | None = None, theme: str | None = None) -> set[str]:
    """Ids of the statements naming ``sector`` (or any sector of ``theme``; or any at all)."""
    in_theme = {s["sector_id"] for s in rows(data, "sectors") if theme is None or s["theme_id"] == theme}
    return {
        s["statement_id"]
        for s in rows(data, "statements")
        if any(x in in_theme and (sector is None or x == sector) for x in s["sectors"].split(";"))
    }


UNNAMED = "Speaker not named"  # how the app names the side of a claim attributed to no speaker


def side(data: Path, statement: dict[str, str]) -> str:
    """The statement's side: its speaker's country, or UNNAMED when the account names no speaker."""
    if statement["attribution"] == "meeting":
        return UNNAMED
    return row(data, "speakers", "speaker_id", statement["speaker_id"])["country"]


def speaker_name(data: Path, statement: dict[str, str]) -> str:
    """The statement's speaker's name, or UNNAMED."""
    if statement["attribution"] == "meeting":
        return UNNAMED
    return row(data, "speakers", "speaker_id", statement["speaker_id"])["name"]


def rewrite(path: Path, change: Callable[[int, dict[str, str]], dict[str, str] | None]) -> None:
    """Rewrite a CSV file row by row: ``change(i, row)`` edits the row in place, or returns None to drop it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, table = list(reader.fieldnames or ()), list(reader)
    kept = [r for i, r in enumerate(table) if change(i, r) is not None]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(kept)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file, failing loudly if ``old`` is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- The app in AppTest -------------------------------------------------------------------


def entry(monkeypatch, data: Path = MEETING, timeout: float = TIMEOUT, **params) -> AppTest:
    """app.py run once on ``data`` with these query parameters."""
    monkeypatch.setenv("COOPERATION_DATA", str(data))
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _page_script(path: str) -> None:
    """The app as app.py builds it (data, sidebar, ``pages.navigation``), opened at one page's path."""
    import streamlit as st

    import pages
    from cooperation import routes, ui

    state = ui.served()
    ds = ui.dataset(state)
    filters = ui.sidebar_filters(ds)
    built = pages.navigation(ds, filters, state)  # in the routes' order
    wanted = built[[r.path for r in routes.routes(ds)].index(path)]
    page = st.navigation(built)
    if page is not wanted:  # AppTest has no URL: go where a link to ``path`` would, with its parameters
        st.switch_page(wanted, query_params={k: st.query_params.get_all(k) for k in st.query_params})
    page.run()


def page(monkeypatch, path: str, data: Path = MEETING, **params) -> AppTest:
    """The page at ``path`` (a route's path, such as a theme id), run on ``data`` with these query parameters."""
    monkeypatch.setenv("COOPERATION_DATA", str(data))
    at = AppTest.from_function(_page_script, args=(path,), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def metric(at: AppTest, label: str) -> str:
    """The value of the one metric with this label (none, or several, is an error)."""
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, (label, [m.label for m in at.metric])
    return values[0]


def param(at: AppTest, name: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a lone value as a str)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def html_of(at: AppTest) -> str:
    """Every ``st.html`` block of the run, joined."""
    return "".join(h.proto.body for h in at.get("html"))
