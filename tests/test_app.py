"""The app in Streamlit's AppTest: the entry point, every page, filters from links, another dataset."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, FIXTURES, ROOT
from tests.oracle import expected as _expected
from tests.oracle import rows as _rows

APP = str(ROOT / "app.py")
OTHER = FIXTURES / "other"
TIMEOUT = 60


def _metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, [m.label for m in at.metric]
    return values[0]


def _array(value) -> list:
    """A plotly data array, decoding plotly's base64 typed-array form."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def _param(at: AppTest, name: str) -> list[str]:
    """A query parameter's values as a list (AppTest gives a lone value as a str)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _app(monkeypatch, data: Path = DATA, **params) -> AppTest:
    monkeypatch.setenv("COOPERATION_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def page_script(page: str, theme_id: str | None = None) -> None:
    """One page, as app.py would run it: data, sidebar filters, then the page's render()."""
    from cooperation import ui
    from pages import about, home, source_text, theme

    ds = ui.dataset()
    filters = ui.sidebar_filters(ds)
    if page == "theme":
        theme.render(ds, filters, theme_id)
    elif page == "about":
        about.render(ds)
    else:
        {"overview": home, "source": source_text}[page].render(ds, filters)


def _page(monkeypatch, page: str, theme_id=None, data: Path = DATA, **params) -> AppTest:
    monkeypatch.setenv("COOPERATION_DATA", str(data))
    at = AppTest.from_function(page_script, args=(page, theme_id), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_entrypoint_runs_with_all_statements(monkeypatch):
    """The app starts with no exception and counts every statement."""
    at = _app(monkeypatch)
    assert not at.exception
    assert _metric(at, "Statements") == str(len(_expected(DATA)))
    assert next(w.label for w in at.sidebar.multiselect) == "Sectors"


@pytest.mark.parametrize("sector", [s["sector_id"] for s in _rows(DATA, "sectors")])
def test_statements_metric_for_each_sector_link(monkeypatch, sector):
    """?sector=<id> pre-fills the Sectors filter and the metric counts that sector's statements."""
    at = _app(monkeypatch, sector=[sector])
    assert not at.exception
    assert at.multiselect(key="sector").value == [sector]
    assert _metric(at, "Statements") == str(len(_expected(DATA, sector=sector)))


def test_filters_are_written_back_to_the_url(monkeypatch):
    """The URL carries stable ids, not labels, after the filter changes."""
    at = _app(monkeypatch)
    at.multiselect(key="sector").set_value(["intellectual-property", "free-trade"]).run()
    assert _param(at, "sector") == ["intellectual-property", "free-trade"]
    assert _metric(at, "Statements") == str(
        len(_expected(DATA, "intellectual-property") | _expected(DATA, "free-trade"))
    )


def test_unknown_ids_in_a_link_are_ignored_with_a_notice(monkeypatch):
    """Unknown and empty values are dropped, the rest applies, and a notice says what was ignored."""
    at = _app(monkeypatch, sector=["free-trade", "no-such-sector", ""], strength=["sworn"])
    assert not at.exception
    assert at.multiselect(key="sector").value == ["free-trade"]
    assert _metric(at, "Statements") == str(len(_expected(DATA, "free-trade")))
    notice = " ".join(c.value for c in at.sidebar.caption)
    assert "no\\-such\\-sector" in notice
    assert "sworn" in notice
    assert _param(at, "sector") == ["free-trade"]
    assert "strength" not in at.query_params


def test_other_filters_combine(monkeypatch):
    """Speaker, strength and search narrow the sector filter further."""
    at = _app(monkeypatch, sector=["free-trade"], speaker=["alexander-de-croo"], strength=["pledge"])
    assert _metric(at, "Statements") == "1"
    at.text_input(key="q").set_value("PROTECTIONISM").run()
    assert _metric(at, "Statements") == "1"
    at.text_input(key="q").set_value("no such words").run()
    assert _metric(at, "Statements") == "0"


def test_empty_result_shows_a_message_and_no_chart(monkeypatch):
    """A filter that matches nothing shows a clear message instead of empty charts."""
    at = _app(monkeypatch, sector=["investment"], speaker=["li-keqiang"])
    assert not at.exception
    assert _metric(at, "Statements") == "0"
    assert any("No statements match" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0
    assert len(at.dataframe) == 0


def _chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_overview_charts_show_every_sector_and_country(monkeypatch):
    """The four charts, one per tab, are drawn from the data: sectors, countries and themes all appear."""
    from pages.home import CHART_PARAM, CHARTS

    specs = {}
    for label, *_ in CHARTS:
        at = _app(monkeypatch, **{CHART_PARAM: label})
        assert not at.exception
        (specs[label],) = _chart_specs(at)
    text = json.dumps(list(specs.values()))
    for row in _rows(DATA, "sectors"):
        assert html.escape(row["label"]) in text
    for row in _rows(DATA, "speakers"):
        assert row["country"] in text
    mentions = specs["Mentions"]
    assert {t["name"] for t in mentions["data"]} == {r["country"] for r in _rows(DATA, "speakers")}
    assert sum(sum(_array(t["x"])) for t in mentions["data"]) == sum(
        len(s["sectors"].split(";")) for s in _rows(DATA, "statements")
    )
    assert specs["Themes"]["data"][0]["type"] == "treemap"


def test_only_the_chosen_chart_is_drawn(monkeypatch):
    """The overview sends one chart, the first tab's unless the link names another; unknown names fall back."""
    from pages.home import CHART_PARAM, CHARTS

    first = _chart_specs(_app(monkeypatch))
    assert len(first) == 1
    assert _chart_specs(_app(monkeypatch, **{CHART_PARAM: "no such chart"})) == first
    at = _app(monkeypatch, **{CHART_PARAM: CHARTS[2][0]}, sector=["biomedicine"])
    assert [s["data"][0]["type"] for s in _chart_specs(at)] == ["treemap"]
    assert _param(at, CHART_PARAM) == [CHARTS[2][0]]
    assert _param(at, "sector") == ["biomedicine"]


def test_a_filter_change_keeps_the_chosen_chart(monkeypatch):
    """Changing a filter while a chart tab is chosen keeps that tab, and both stay in the link."""
    from pages.home import CHART_PARAM

    at = _app(monkeypatch, **{CHART_PARAM: "Themes"}, sector=["free-trade"])
    at.multiselect(key="sector").set_value(["free-trade", "biomedicine"]).run()
    assert not at.exception
    assert _param(at, CHART_PARAM) == ["Themes"]
    assert _param(at, "sector") == ["free-trade", "biomedicine"]
    assert [s["data"][0]["type"] for s in _chart_specs(at)] == ["treemap"]


def test_statements_table_holds_the_filtered_rows(monkeypatch):
    """The statements table lists exactly the statements that match."""
    at = _app(monkeypatch, sector=["biomedicine"])
    (table,) = at.dataframe
    quotes = set(table.value["Quote"])
    wanted = {
        s["quote"] for s in _rows(DATA, "statements") if s["statement_id"] in _expected(DATA, "biomedicine")
    }
    assert quotes == wanted


@pytest.mark.parametrize("theme", [t["theme_id"] for t in _rows(DATA, "themes")])
def test_every_theme_page_shows_its_statements(monkeypatch, theme):
    """Each theme page runs and shows exactly the statements naming its sectors, as cards."""
    at = _page(monkeypatch, "theme", theme)
    assert not at.exception
    title = next(t["title"] for t in _rows(DATA, "themes") if t["theme_id"] == theme)
    assert at.title[0].value.replace("\\", "") == title
    expected = _expected(DATA, theme=theme)
    assert _metric(at, "Statements") == str(len(expected))
    cards = "".join(h.proto.body for h in at.get("html"))
    quotes = {s["statement_id"]: s["quote"] for s in _rows(DATA, "statements")}
    for statement_id, quote in quotes.items():
        assert (html.escape(quote) in cards) == (statement_id in expected), statement_id


def test_theme_page_respects_the_sector_filter(monkeypatch):
    """A sector filter from another theme empties a theme page with a message."""
    at = _page(monkeypatch, "theme", "people", sector=["free-trade"])
    assert not at.exception
    assert _metric(at, "Statements") == "0"
    assert at.info


def test_source_page_highlights_every_statement(monkeypatch):
    """The source page shows the whole text with every quote inside a highlight and the coverage."""
    at = _page(monkeypatch, "source")
    assert not at.exception
    body = "".join(h.proto.body for h in at.get("html"))
    assert body.count("<mark") >= len(_expected(DATA)) - 2  # statements sharing a span share a mark
    assert _metric(at, "Sentences accounted for") == "11 of 11"


def _statement_link(link: str) -> str:
    """The statement id a link to the source text singles out, checking it goes to that page."""
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("", "", "source"), link
    (statement_id,) = parse_qs(parts.query)["statement"]
    return statement_id


def test_every_table_row_links_to_its_quote_in_context(monkeypatch):
    """Each row of the statements table links to the source text singling out that row's statement."""
    at = _app(monkeypatch, sector=["biomedicine"])
    (table,) = at.dataframe
    quotes = {s["statement_id"]: s["quote"] for s in _rows(DATA, "statements")}
    linked = [_statement_link(link) for link in table.value["In context"]]
    assert set(linked) == _expected(DATA, "biomedicine")
    assert [quotes[s] for s in linked] == list(table.value["Quote"])


def test_every_card_links_to_its_quote_in_context(monkeypatch):
    """Each statement card on a theme page links to the source text singling out that statement."""
    at = _page(monkeypatch, "theme", "economy")
    cards = "".join(h.proto.body for h in at.get("html"))
    linked = {_statement_link(html.unescape(href)) for href in re.findall(r'href="(source\?[^"]*)"', cards)}
    assert linked == _expected(DATA, theme="economy")


@pytest.mark.parametrize("statement", _rows(DATA, "statements"), ids=lambda s: s["statement_id"])
def test_a_statement_link_shows_its_quote_in_context(monkeypatch, statement):
    """A link to one statement shows its card, then its quote highlighted among the sentences around it."""
    at = _page(monkeypatch, "source", statement=statement["statement_id"])
    assert not at.exception
    assert [h.value for h in at.subheader] == ["The statement you followed"]
    card, context, *_, full = (h.proto.body for h in at.get("html"))
    assert html.escape(statement["summary"]) in card
    assert html.escape(statement["quote"]) in card
    assert "source?statement=" not in card  # no link to the page it is on
    (marked,) = re.findall(r"<mark[^>]*>(.*?)</mark>", context, flags=re.S)
    assert marked.split() == html.escape(statement["quote"]).split()
    shown = " ".join(re.sub(r"<[^>]+>", "", context).split())
    assert shown in html.escape(" ".join(_source_text(statement["source_id"]).split()))
    assert len(shown) > len(" ".join(statement["quote"].split()))  # the sentences around it too
    emphasised = re.findall(r'<mark style="[^"]*font-weight:600[^"]*"[^>]*>(.*?)</mark>', full, flags=re.S)
    assert [m.split() for m in emphasised] == [marked.split()]  # only it stands out, with no filter set


def _source_text(source_id: str) -> str:
    """The text of a source, read from the file its row names."""
    source = next(s for s in _rows(DATA, "sources") if s["source_id"] == source_id)
    return (DATA / source["text_path"]).read_text(encoding="utf-8")


@pytest.mark.parametrize("wanted", ["no-such-statement", "$x$ :red[y] <b>z</b>"])
def test_an_unknown_statement_link_says_so(monkeypatch, wanted):
    """A link to a statement id that does not exist says so, literally, and singles nothing out."""
    at = _page(monkeypatch, "source", statement=wanted)
    assert not at.exception
    (warning,) = at.warning
    assert wanted in warning.value.replace("\\", "")
    assert not at.subheader
    assert "font-weight:600" not in "".join(h.proto.body for h in at.get("html"))


def test_data_page_documents_every_column(monkeypatch):
    """The data page renders the codebook and a dictionary row for every column of every table."""
    at = _page(monkeypatch, "about")
    assert not at.exception
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    columns = [set(d.value["column"]) for d in at.dataframe[1:]]
    for resource, documented in zip(package["resources"], columns):
        assert documented == {f["name"] for f in resource["schema"]["fields"]}
    assert any("Unit of analysis" in h.proto.body for h in at.get("html"))
    assert len(at.get("download_button")) == 1


def test_provenance_headings_are_the_schema_titles(monkeypatch):
    """The data page's provenance table heads each column with its title from datapackage.json."""
    at = _page(monkeypatch, "about")
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["name"] == "sources")["schema"]["fields"]
    titles = {f["name"]: f["title"] for f in fields}
    shown = {
        name: c["label"] for name, c in json.loads(at.dataframe[0].proto.columns).items() if "label" in c
    }
    assert shown == {name: titles[name] for name in shown}
    assert {"title", "publisher", "url", "published"} <= shown.keys()


@pytest.mark.parametrize("page", ["overview", "source", "about", "theme"])
def test_another_dataset_renders_on_every_page(monkeypatch, page):
    """A dataset with two other countries and three themes renders with no code change."""
    themes = [t["theme_id"] for t in _rows(OTHER, "themes")] if page == "theme" else [None]
    for theme in themes:
        at = _page(monkeypatch, page, theme, data=OTHER)
        assert not at.exception, (page, theme)
        if page in ("overview", "theme"):
            assert _metric(at, "Statements") == str(len(_expected(OTHER, theme=theme)))


def test_another_dataset_builds_its_own_navigation(monkeypatch):
    """The entry point builds one page per theme of the other dataset, in its order."""
    at = _app(monkeypatch, data=OTHER)
    assert not at.exception
    assert _metric(at, "Statements") == "5"
    assert at.multiselect(key="sector").options == [r["label"] for r in _rows(OTHER, "sectors")]


def test_reserved_paths_cover_every_page_module():
    """No theme id may take the name of a module in pages/, which Streamlit also routes by."""
    from cooperation.checks import RESERVED_PATHS

    stems = {p.stem for p in (ROOT / "pages").glob("*.py") if p.stem != "__init__"}
    assert stems <= set(RESERVED_PATHS)


def test_second_run_of_the_entrypoint_still_renders(monkeypatch):
    """A rerun (any widget change) renders the page again rather than a page module by name."""
    at = _app(monkeypatch)
    at.run()
    assert _metric(at, "Statements") == str(len(_expected(DATA)))
