"""What the tests share: where the data lives, the app in AppTest, strict readers, and CSV in and out.

Expected values are read straight from the CSVs with the csv module (the
oracle), never from the code under test.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterator
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
TOGETHER = "Both sides together"  # and the side of a claim an account gives to both sides
NO_ONE = {"meeting": UNNAMED, "both": TOGETHER}  # the attributions that name no speaker


def side(data: Path, statement: dict[str, str]) -> str:
    """The statement's side: its speaker's country, or UNNAMED / TOGETHER when the account names no speaker."""
    if statement["attribution"] in NO_ONE:
        return NO_ONE[statement["attribution"]]
    return row(data, "speakers", "speaker_id", statement["speaker_id"])["country"]


def speaker_name(data: Path, statement: dict[str, str]) -> str:
    """The statement's speaker's name, or UNNAMED / TOGETHER."""
    if statement["attribution"] in NO_ONE:
        return NO_ONE[statement["attribution"]]
    return row(data, "speakers", "speaker_id", statement["speaker_id"])["name"]


def event_countries(data: Path) -> dict[str, set[str]]:
    """Each event's countries: those of its participants."""
    country = {s["speaker_id"]: s["country"] for s in rows(data, "speakers")}
    found: dict[str, set[str]] = {}
    for p in rows(data, "participants"):
        found.setdefault(p["event_id"], set()).add(country[p["speaker_id"]])
    return found


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
    """app.py run once on ``data`` with these query parameters, at its default page."""
    return _app(monkeypatch, data, timeout, params).run()


def page(monkeypatch, path: str, data: Path = MEETING, **params) -> AppTest:
    """app.py run once on ``data`` at the page whose path is ``path`` (a route's, such as a theme id), with these parameters.

    AppTest has no address bar and opens pages by file only; a Streamlit page is known by the hash of its URL
    path, so the run asks for that, as a link to ``path`` would.
    """
    from streamlit.util import calc_hash

    at = _app(monkeypatch, data, TIMEOUT, params)
    at._page_hash = calc_hash(path)
    return at.run()


def _app(monkeypatch, data: Path, timeout: float, params: dict) -> AppTest:
    monkeypatch.setenv("COOPERATION_DATA", str(data))
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def every_page(data: Path) -> Iterator[tuple[str, AppTest]]:
    """app.py on ``data``, opened at each page it registers in turn: (the page's path, the app after that run)."""
    before = os.environ.get("COOPERATION_DATA")
    os.environ["COOPERATION_DATA"] = str(data)
    try:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
        first = at._finished_page_script_hash  # the page the first run opened
        yield "", at
        for page_hash, info in list(at._registered_pages.items()):  # AppTest opens pages by file only,
            if page_hash != first:
                at._page_hash = page_hash  # so go where a link to this page's path goes
                yield info["url_pathname"], at.run()
    finally:
        if before is None:
            os.environ.pop("COOPERATION_DATA", None)
        else:
            os.environ["COOPERATION_DATA"] = before


def metric(at: AppTest, label: str) -> str:
    """The value of the one metric with this label (none, or several, is an error)."""
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, (label, [m.label for m in at.metric])
    return values[0]


def param(at: AppTest, name: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a lone value as a str)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def html_blocks(at: AppTest) -> list[str]:
    """Every ``st.html`` block of the run but the stylesheet, in order."""
    return [h.proto.body for h in at.get("html") if not h.proto.body.startswith("<style>")]


def html_of(at: AppTest) -> str:
    """Every ``st.html`` block of the run but the stylesheet, joined."""
    return "".join(html_blocks(at))


def escaped(text: str) -> str:
    """Text as the markup modules put it into HTML: escaped once (the five characters, as MarkupSafe writes them)."""
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&#34;"), ("'", "&#39;")):
        text = text.replace(char, entity)
    return text


def md_unescape(text: str) -> str:
    """Markdown escaped once (``markup.md_escape``) read back exactly: text escaped twice keeps a backslash."""
    return re.sub(r"\\(.)", r"\1", text)
