"""Unusual text: a 10,000-character quote in Chinese and right-to-left scripts, CRLF line ends and BOMs."""

from __future__ import annotations

import shutil

from cooperation import routes
from cooperation.validate import validate
from tests.helpers import OTHER, every_page, expected, html_of, metric, page, rows
from tests.hostile import PAYLOAD, make_hostile


def _unusual(target, speaker: str, source: str, sector: str) -> str:
    """The other fixture, with a long statement added and every CSV saved with a BOM and CRLF ends."""
    shutil.copytree(OTHER, target)
    long_quote = ("李克强 said: " + " ".join(["合作 שיתוף פעולה تعاون cooperation"] * 400))[:10_000]
    text_path = target / rows(OTHER, "sources")[0]["text_path"]
    text_path.write_text(
        text_path.read_text(encoding="utf-8").rstrip("\n") + f" {long_quote}.\n", encoding="utf-8"
    )
    with (target / "statements.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            f'long,{source},speaker,{speaker},{sector},"李克强 and עברית",position,,quote,"{long_quote}",,,,,,\n'
        )
    for path in target.glob("*.csv"):
        content = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    return long_quote


def test_unusual_text_renders_on_every_page(tmp_path, monkeypatch):
    """The long quote is counted, listed in the table and shown on its theme's page; every page renders."""
    sector = rows(OTHER, "sectors")[0]
    data = tmp_path / "data"
    long_quote = _unusual(
        data,
        rows(OTHER, "speakers")[0]["speaker_id"],
        rows(OTHER, "sources")[0]["source_id"],
        sector["sector_id"],
    )
    assert len(long_quote) == 10_000
    at = page(monkeypatch, routes.OVERVIEW, data=data)
    assert not at.exception
    assert metric(at, "Statements") == str(len(expected(OTHER)) + 1)
    assert f"“{long_quote}”" in set(at.dataframe[0].value["Quote"])
    at = page(monkeypatch, sector["theme_id"], data=data)
    assert not at.exception
    assert long_quote[:500] in html_of(at)
    for path in (routes.SOURCE, routes.DATA):
        assert not page(monkeypatch, path, data=data).exception, path


def test_the_hostile_copy_validates_and_renders_every_page(tmp_path):
    """The browser's hostile-text tests read a package that validates, so the payload reaches every page (not the
    panel of problems), and every page renders it, countries named in markup included."""
    data = make_hostile(tmp_path / "data")
    assert validate(data).problems == ()
    assert all(s["side"].startswith(PAYLOAD) or s["side"] == "third party" for s in rows(data, "sources"))
    for path, at in every_page(data):
        assert not at.exception, path
