"""Bad data, unusual data, odd links: the app shows a clear panel or renders, and never writes."""

from __future__ import annotations

import hashlib
import shutil
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.generate import generate
from cooperation.aggregate import TABLE_LIMIT
from tests.conftest import DATA, FIXTURES, ROOT
from tests.test_app import APP, TIMEOUT, _metric, _page
from tests.test_validate import CASES

PAGES = [("overview", None), ("source", None), ("about", None)]


def _entry(monkeypatch, data: Path, timeout: float = TIMEOUT, **params) -> AppTest:
    monkeypatch.setenv("COOPERATION_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_data_shows_one_error_panel(case, data_copy, monkeypatch):
    """Invalid data gives one panel listing each problem with its file and value, and nothing else."""
    _, breaks, file, value, _ = case
    breaks(data_copy)
    at = _entry(monkeypatch, data_copy)
    assert not at.exception
    assert len(at.error) == 1
    assert "did not validate" in at.error[0].value
    (table,) = at.dataframe
    problems = table.value
    assert list(problems.columns) == ["file", "line", "column", "value", "problem", "hint"]
    assert (problems["file"] == file).any()
    if value:
        assert problems["value"].str.contains(value, regex=False).any()
    assert len(at.metric) == 0
    assert len(at.get("plotly_chart")) == 0


def _unusual(target: Path) -> tuple[Path, str]:
    """The other fixture with a 10,000-character quote in Chinese and right-to-left text, CRLF and BOMs."""
    shutil.copytree(FIXTURES / "other", target)
    long_quote = "李克强 said: " + " ".join(["合作 שיתוף פעולה تعاون cooperation"] * 400)
    long_quote = long_quote[:10_000]
    text = target / "sources" / "gazette-2030-05-02.txt"
    text.write_text(text.read_text(encoding="utf-8").rstrip("\n") + f" {long_quote}.\n", encoding="utf-8")
    with (target / "statements.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            f'tv-long,gazette-2030-05-02,trentino-vane,culture,"李克强 and עברית",position,"{long_quote}",\n'
        )
    for path in target.glob("*.csv"):
        content = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    return target, long_quote


def test_unusual_text_renders_on_every_page(tmp_path, monkeypatch):
    """A 10,000-character quote, Chinese and right-to-left text, CRLF and BOMs load and render everywhere."""
    data, long_quote = _unusual(tmp_path / "data")
    assert len(long_quote) == 10_000
    at = _page(monkeypatch, "overview", data=data)
    assert not at.exception
    assert _metric(at, "Statements") == "6"
    assert long_quote in set(at.dataframe[0].value["Quote"])
    at = _page(monkeypatch, "theme", "culture", data=data)
    assert not at.exception
    assert any(long_quote[:500] in h.proto.body for h in at.get("html"))
    for page, theme in PAGES:
        assert not _page(monkeypatch, page, theme, data=data).exception, page


def test_100000_statements_load_and_render(tmp_path, monkeypatch):
    """At 100,000 statements the overview counts them all and sends a capped table with a notice."""
    data = generate(100_000, tmp_path / "big")
    at = _entry(monkeypatch, data, timeout=180)
    assert not at.exception
    assert _metric(at, "Statements") == "100,000"
    (table,) = at.dataframe
    assert len(table.value) == TABLE_LIMIT
    assert any(f"Showing {TABLE_LIMIT:,} of 100,000" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "params",
    [
        {"sector": ["", " ", "free-trade"]},
        {"sector": ["<script>alert(1)</script>", "$5 and $10", ":red[x]"]},
        {"sector": ["x" * 10_000], "speaker": ["é" * 500], "strength": ["\u202e"]},
        {"q": ["z" * 50_000]},
        {"q": ["a", "b"], "unknown": ["1"]},
        {"sector": [f"s{i}" for i in range(500)]},
    ],
    ids=["empty", "markup", "long-ids", "long-search", "repeated", "many"],
)
def test_malformed_query_parameters_are_ignored(params, monkeypatch):
    """Unknown ids, empty values, odd characters and very long values open the app without an error."""
    at = _entry(monkeypatch, DATA, **params)
    assert not at.exception
    assert len(at.metric) == 4
    assert len(at.sidebar.text_input(key="q").value) <= 200


def _snapshot(path: Path) -> dict[str, tuple[int, str]]:
    return {
        str(p.relative_to(path)): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def test_the_app_never_writes_to_the_data_directory(data_copy, monkeypatch):
    """Running every page leaves every file of the data directory as it was, byte for byte."""
    before = _snapshot(data_copy)
    at = _entry(monkeypatch, data_copy, sector=["free-trade"])
    at.multiselect(key="sector").set_value(["biomedicine"]).run()
    for page, theme in [*PAGES, ("theme", "economy")]:
        assert not _page(monkeypatch, page, theme, data=data_copy).exception
    assert _snapshot(data_copy) == before


def test_deployment_config_hides_tracebacks_and_keeps_xsrf():
    """The Streamlit config keeps tracebacks from visitors and XSRF protection on."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False


def test_shipped_data_is_untouched_by_the_suite():
    """The shipped data directory holds only the package's files (nothing written by a run)."""
    allowed = {"datapackage.json", "CODEBOOK.md", "sources"} | {
        f"{n}.csv" for n in ("sources", "speakers", "themes", "sectors", "statements", "narration")
    }
    assert {p.name for p in DATA.iterdir()} == allowed


def test_optional_columns_may_be_left_out(tmp_path, monkeypatch):
    """A package whose schema and files leave out every optional column renders on every page."""
    import csv
    import json

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "other", data)
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        optional = [
            f["name"] for f in resource["schema"]["fields"] if not f.get("constraints", {}).get("required")
        ]
        keys = {n for k in resource["schema"].get("foreignKeys", []) for n in k["fields"]}
        drop = [name for name in optional if name not in keys]
        resource["schema"]["fields"] = [f for f in resource["schema"]["fields"] if f["name"] not in drop]
        path = data / resource["path"]
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(
                handle, [f["name"] for f in resource["schema"]["fields"]], extrasaction="ignore"
            )
            writer.writeheader()
            writer.writerows(rows)
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert "notes" not in (data / "sources.csv").read_text(encoding="utf-8").splitlines()[0]
    for page, theme in [*PAGES, ("theme", "energy")]:
        assert not _page(monkeypatch, page, theme, data=data).exception, page


@pytest.mark.parametrize("breakage", ["no-directory", "no-descriptor", "broken-descriptor"])
def test_missing_or_broken_package_shows_the_panel(breakage, data_copy, monkeypatch):
    """A data directory that is missing, or has no or a broken descriptor, gives the panel too."""
    target = data_copy
    if breakage == "no-directory":
        target = data_copy.parent / "nowhere"
    elif breakage == "no-descriptor":
        (data_copy / "datapackage.json").unlink()
    else:
        (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    at = _entry(monkeypatch, target)
    assert not at.exception
    assert "did not validate" in at.error[0].value
    assert len(at.dataframe[0].value) == 1
    assert len(at.metric) == 0
