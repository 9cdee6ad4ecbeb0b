"""The overview in AppTest: counts, filters from and to the link, the chart picked and the statements table."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from cooperation import routes
from cooperation.registry import OVERVIEW as CHARTS
from tests.helpers import MEETING, entry, expected, metric, param, rows, side, speaker_name

SECTORS = [s["sector_id"] for s in rows(MEETING, "sectors")]


def test_entrypoint_runs_with_all_statements(monkeypatch):
    """app.py starts with no exception, counts every statement and has the Sectors filter first."""
    at = entry(monkeypatch)
    assert not at.exception
    assert metric(at, "Statements") == str(len(expected(MEETING)))
    assert next(w.label for w in at.sidebar.multiselect) == "Sectors"


@pytest.mark.parametrize("sector", SECTORS)
def test_statements_metric_for_each_sector_link(monkeypatch, sector):
    """?sector=<id> pre-fills the Sectors filter and the metric counts that sector's statements."""
    at = entry(monkeypatch, sector=[sector])
    assert not at.exception
    assert at.multiselect(key=routes.SECTOR).value == [sector]
    assert metric(at, "Statements") == str(len(expected(MEETING, sector=sector)))


def test_filters_are_written_back_to_the_url(monkeypatch):
    """After a filter change the URL carries the sectors' stable ids, in the order chosen, not labels."""
    at = entry(monkeypatch)
    chosen = [SECTORS[2], SECTORS[0]]
    at.multiselect(key=routes.SECTOR).set_value(chosen).run()
    assert param(at, routes.SECTOR) == chosen
    assert metric(at, "Statements") == str(len(expected(MEETING, chosen[0]) | expected(MEETING, chosen[1])))


def test_other_filters_combine(monkeypatch):
    """Speaker, strength and search narrow the sector filter further, each checked against the CSVs."""
    statement = rows(MEETING, "statements")[0]
    sector = statement["sectors"].split(";")[0]
    at = entry(
        monkeypatch, sector=[sector], speaker=[statement["speaker_id"]], strength=[statement["strength"]]
    )
    chosen = [
        s
        for s in rows(MEETING, "statements")
        if sector in s["sectors"].split(";")
        and (s["speaker_id"], s["strength"]) == (statement["speaker_id"], statement["strength"])
    ]
    assert metric(at, "Statements") == str(len(chosen))
    search = statement["quote"].upper()
    found = [s for s in chosen if search.casefold() in (s["summary"] + "\n" + s["quote"]).casefold()]
    at.text_input(key=routes.SEARCH).set_value(search).run()
    assert metric(at, "Statements") == str(len(found))
    at.text_input(key=routes.SEARCH).set_value("no such words anywhere").run()
    assert metric(at, "Statements") == "0"


def test_the_old_name_of_strength_in_a_link_is_understood(monkeypatch):
    """A link from data package 1.x (?modality=…) filters by strength, and the URL is rewritten to ?strength=…."""
    strength = rows(MEETING, "statements")[0]["strength"]
    at = entry(monkeypatch, modality=[strength])
    assert at.multiselect(key=routes.STRENGTH).value == [strength]
    assert param(at, routes.STRENGTH) == [strength]
    assert "modality" not in at.query_params


def test_empty_result_shows_a_message_and_no_chart(monkeypatch):
    """A filter that matches nothing shows a clear message instead of empty charts and tables."""
    at = entry(monkeypatch, q=["no such words anywhere"])
    assert not at.exception
    assert metric(at, "Statements") == "0"
    assert any("No statements match" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0
    assert len(at.dataframe) == 0


def _chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_each_chart_draws_from_the_data(monkeypatch):
    """Each chart picked draws one chart of the data's own sectors, countries, themes, speakers and strengths."""
    specs = {}
    for label in (chart.label for chart in CHARTS):
        at = entry(monkeypatch, **{routes.CHART: label})
        assert not at.exception, label
        (specs[label],) = _chart_specs(at)
    sides = {side(MEETING, s) for s in rows(MEETING, "statements")}
    named = {s["label"] for s in rows(MEETING, "sectors") if expected(MEETING, s["sector_id"])}
    for label in ("Convergence", "Mentions"):
        assert {t["name"] for t in specs[label]["data"]} == sides, label
        assert {y for t in specs[label]["data"] for y in t["y"]} == named, label
    (treemap,) = specs["Themes"]["data"]
    assert {t["title"] for t in rows(MEETING, "themes")} <= set(treemap["labels"])
    strengths = {t["name"] for t in specs["Strength"]["data"]}
    assert strengths == {s["strength"] for s in rows(MEETING, "statements")}
    assert {y for t in specs["Strength"]["data"] for y in t["y"]} == {
        speaker_name(MEETING, s) for s in rows(MEETING, "statements")
    }


def test_the_mentions_chart_counts_every_sector_mention(monkeypatch):
    """The mentions bars add up to the number of (statement, sector) pairs in the CSV."""
    at = entry(monkeypatch, **{routes.CHART: "Mentions"})
    (spec,) = _chart_specs(at)
    assert sum(sum(_array(t["x"])) for t in spec["data"]) == sum(
        len(s["sectors"].split(";")) for s in rows(MEETING, "statements")
    )


def _array(value) -> list:
    """A plotly data array, decoding plotly's base64 typed-array form."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def test_only_the_chosen_chart_is_drawn(monkeypatch):
    """The overview sends one chart, the first unless the link names another; unknown names fall back."""
    first = _chart_specs(entry(monkeypatch))
    assert len(first) == 1
    assert _chart_specs(entry(monkeypatch, **{routes.CHART: "no such chart"})) == first
    at = entry(monkeypatch, **{routes.CHART: "Themes"}, sector=[SECTORS[0]])
    assert [s["data"][0]["type"] for s in _chart_specs(at)] == ["treemap"]
    assert param(at, routes.CHART) == ["Themes"]
    assert param(at, routes.SECTOR) == [SECTORS[0]]


def test_picking_a_chart_draws_it_alone(monkeypatch):
    """The radio buttons above the chart list every chart; picking one draws it alone (the link: in the browser)."""
    at = entry(monkeypatch)
    picker = at.radio(key=routes.CHART)
    assert picker.options == [chart.label for chart in CHARTS]
    picker.set_value("Themes").run()
    assert not at.exception
    assert [s["data"][0]["type"] for s in _chart_specs(at)] == ["treemap"]


def test_a_filter_change_keeps_the_chosen_chart(monkeypatch):
    """Changing a filter while a chart is picked keeps that chart, and both stay in the link."""
    at = entry(monkeypatch, **{routes.CHART: "Themes"}, sector=[SECTORS[0]])
    at.multiselect(key=routes.SECTOR).set_value(SECTORS[:2]).run()
    assert not at.exception
    assert param(at, routes.CHART) == ["Themes"]
    assert param(at, routes.SECTOR) == SECTORS[:2]
    assert [s["data"][0]["type"] for s in _chart_specs(at)] == ["treemap"]


def _shown(statement: dict) -> tuple[str, str]:
    """How the table shows a statement's evidence: a quote in quotation marks; a paraphrase with none, said so."""
    if statement["evidence"] == "quote":
        return f"“{statement['quote']}”", "Quote"
    return "", "Paraphrase (text not held)"


def test_statements_table_holds_the_filtered_rows(monkeypatch):
    """The statements table lists exactly the statements that match, each with its evidence shown as such."""
    sector = "offshore-wind"  # named in quotes and in a paraphrase
    at = entry(monkeypatch, sector=[sector])
    (table,) = at.dataframe
    columns = (table.value[c] for c in ("In context", "Quote", "Evidence"))
    shown = {_statement_link(link): (quote, evidence) for link, quote, evidence in zip(*columns)}
    statements = rows(MEETING, "statements")
    wanted = {
        s["statement_id"]: _shown(s) for s in statements if s["statement_id"] in expected(MEETING, sector)
    }
    assert shown == wanted
    assert {evidence for _, evidence in wanted.values()} == {"Quote", "Paraphrase (text not held)"}


def _statement_link(link: str) -> str:
    """The statement id a link to the source text singles out, checking it goes to that page."""
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("", "", routes.SOURCE), link
    (statement_id,) = parse_qs(parts.query)[routes.STATEMENT]
    return statement_id


def test_every_table_row_links_to_its_quote_in_context(monkeypatch):
    """Each row of the statements table links to the source text singling out that row's own statement."""
    at = entry(monkeypatch)
    (table,) = at.dataframe
    statements = {s["statement_id"]: s for s in rows(MEETING, "statements")}
    linked = [_statement_link(link) for link in table.value["In context"]]
    assert set(linked) == expected(MEETING)
    assert [statements[s]["summary"] for s in linked] == list(table.value["Summary"])


def test_second_run_of_the_entrypoint_still_renders(monkeypatch):
    """A rerun (any widget change) renders the overview again rather than a page module by name."""
    at = entry(monkeypatch)
    at.run()
    assert metric(at, "Statements") == str(len(expected(MEETING)))
