"""Every chart in words: its one-sentence takeaway and its numbers as a table, checked against the CSVs."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from cooperation import filters as flt
from cooperation import routes
from cooperation.data import load
from cooperation.markup import md_escape
from cooperation.registry import NUMBERS
from cooperation.registry import OVERVIEW as CHARTS
from cooperation.registry import THEME as THEME_CHART
from tests.helpers import (
    MEETING,
    OTHER,
    UNNAMED,
    entry,
    expected,
    html_of,
    page,
    rows,
    side,
    speaker_name,
)

THEMES = [t["theme_id"] for t in rows(MEETING, "themes")]
LABELS = {s["sector_id"]: s["label"] for s in rows(MEETING, "sectors")}


def _frame(chart, data=MEETING, **filters):
    ds = load(data)
    return ds, chart.aggregate(ds, flt.apply(ds, flt.Filters(**filters)))


def _chart(label: str):
    return next(c for c in CHARTS if c.label == label)


def _takeaways(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**In short:**")]


def _cells(table_html: str) -> list[list[str]]:
    """The rows of a rendered table, each a list of its cells' text (headers included)."""
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)]
        for tr in re.findall(r"<tr>(.*?)</tr>", table_html)
    ]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.label)
def test_each_overview_chart_has_its_takeaway_and_its_numbers_one_click_away(monkeypatch, chart):
    """Each chart picked shows its takeaway beside it, and opening the expander below shows its numbers as a table."""
    at = entry(monkeypatch, **{routes.CHART: chart.label})
    assert not at.exception
    ds, frame = _frame(chart)
    assert _takeaways(at) == [f"**In short:** {md_escape(chart.takeaway(ds, frame))}"]
    assert [e.label for e in at.expander].count(NUMBERS) == 1
    assert "<table" not in html_of(at)  # nothing computed until asked for
    at.session_state[f"chart-{chart.label}-numbers"] = True
    at.run()
    shown = _cells(html_of(at))
    table = chart.table(ds, frame)
    assert shown[0] == list(table.columns)
    assert shown[1:] == [[str(v) for v in r] for r in table.itertuples(index=False)]


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_chart_has_its_takeaway_and_its_numbers(monkeypatch, theme):
    """Each theme page's chart has its takeaway for that theme's statements, and its numbers one click away."""
    at = page(monkeypatch, theme)
    assert not at.exception
    ds = load(MEETING)
    frame = THEME_CHART.aggregate(ds, flt.apply(ds, flt.Filters(), ds.tidy[ds.tidy["theme_id"] == theme]))
    assert _takeaways(at) == [f"**In short:** {md_escape(THEME_CHART.takeaway(ds, frame))}"]
    at.session_state[f"theme-{theme}-numbers"] = True
    at.run()
    shown = {r[0] for r in _cells(html_of(at))[1:]}
    assert shown == {LABELS[s] for s in LABELS if expected(MEETING, s, theme=theme)}


def test_the_mentions_takeaway_names_the_most_named_sector_with_its_count():
    """The mentions takeaway leads with the sector named in the most statements, by the CSV, and its count."""
    counts = {sector: len(expected(MEETING, sector)) for sector in LABELS}
    top = max(counts.values())
    leaders = [LABELS[s] for s, n in counts.items() if n == top]
    ds, frame = _frame(_chart("Mentions"))
    sentence = _chart("Mentions").takeaway(ds, frame)
    assert sentence.startswith(leaders[0]), sentence
    assert f": {top} statements" in sentence, sentence


def test_the_mentions_table_counts_each_sides_statements_per_sector():
    """Each cell of the mentions table is the number of that side's statements naming that sector, by the CSV."""
    ds, frame = _frame(_chart("Mentions"))
    table = _chart("Mentions").table(ds, frame).set_index("Sector")
    statements = rows(MEETING, "statements")
    for sector, label in LABELS.items():
        want = Counter(side(MEETING, s) for s in statements if s["statement_id"] in expected(MEETING, sector))
        if not want:
            assert label not in table.index
            continue
        assert {k: v for k, v in table.loc[label].items() if v} == dict(want), label


def test_the_themes_takeaway_orders_themes_by_their_mentions():
    """The themes takeaway names every theme with a mention, largest first, with its count of sector mentions."""
    themes = rows(MEETING, "themes")
    totals = {
        t["title"]: sum(
            len(expected(MEETING, s["sector_id"]))
            for s in rows(MEETING, "sectors")
            if s["theme_id"] == t["theme_id"]
        )
        for t in themes
    }
    ds, frame = _frame(_chart("Themes"))
    sentence = _chart("Themes").takeaway(ds, frame)
    mentioned = {title: n for title, n in totals.items() if n}
    places = {title: sentence.find(f" {title} ({n})") for title, n in mentioned.items()}
    assert all(at >= 0 for at in places.values()), (places, sentence)
    in_order = sorted(mentioned, key=places.get)
    assert [mentioned[t] for t in in_order] == sorted(mentioned.values(), reverse=True), sentence


def test_the_strength_takeaway_gives_each_speakers_most_frequent_strength():
    """For each speaker, the strength takeaway gives their most frequent strength and their number of statements."""
    ds, frame = _frame(_chart("Strength"))
    sentence = _chart("Strength").takeaway(ds, frame)
    by_speaker: dict[str, Counter] = {}
    for s in rows(MEETING, "statements"):
        by_speaker.setdefault(speaker_name(MEETING, s), Counter())[s["strength"]] += 1
    for name, counts in by_speaker.items():
        top = max(counts.values())
        total = sum(counts.values())
        who = "Claims with no speaker named" if name == UNNAMED else name
        part = next(p for p in sentence.rstrip(".").split("; ") if p.startswith(who + ":"))
        strength = re.match(rf"{re.escape(who)}: (.+) most often \((\d+) of (\d+) statements?\)$", part)
        assert strength, part
        assert counts[strength[1]] == top, part
        assert (int(strength[2]), int(strength[3])) == (top, total), part


def test_the_strength_table_adds_up_to_each_speakers_statements():
    """Each row of the strength table adds up to that speaker's number of statements, its columns strongest first."""
    ds, frame = _frame(_chart("Strength"))
    table = _chart("Strength").table(ds, frame).set_index("Speaker")
    totals = Counter(speaker_name(MEETING, s) for s in rows(MEETING, "statements"))
    assert table.sum(axis=1).to_dict() == dict(totals)
    assert list(table.columns) == [s for s in ds.strengths if s in table.columns]


def test_the_convergence_takeaway_counts_sectors_both_sides_named():
    """The convergence takeaway counts the sectors with a mention, and names each country's strongest commitment."""
    ds, frame = _frame(_chart("Convergence"))
    sentence = _chart("Convergence").takeaway(ds, frame)
    mentioned = sum(1 for sector in LABELS if expected(MEETING, sector))
    assert re.match(
        rf"\d+ of {mentioned} sectors? (was|were) named by both sides in one account", sentence
    ), sentence
    for country in {s["country"] for s in rows(MEETING, "speakers")}:
        theirs = [s["strength"] for s in rows(MEETING, "statements") if side(MEETING, s) == country]
        strongest = min(theirs, key=ds.strengths.index)
        assert f"{country} committed most strongly ({strongest}) on " in sentence, (country, sentence)


def test_the_convergence_table_has_a_row_per_mentioned_sector_and_a_column_per_side():
    """One row per sector mentioned, one column per side, and 'none' where a side named nothing in it."""
    ds, frame = _frame(_chart("Convergence"))
    table = _chart("Convergence").table(ds, frame).set_index("Sector")
    assert set(table.index) == {label for sector, label in LABELS.items() if expected(MEETING, sector)}
    sides = {side(MEETING, s) for s in rows(MEETING, "statements")}
    assert set(table.columns) == {"Sides agree", *sides}
    for sector, label in LABELS.items():
        said = {
            side(MEETING, s)
            for s in rows(MEETING, "statements")
            if s["statement_id"] in expected(MEETING, sector)
        }
        for who in sides if said else ():
            assert (table.loc[label, who] != "none") == (who in said), (label, who)


def test_a_filter_changes_the_takeaways():
    """A sector filter narrows what every takeaway says to that sector's statements."""
    sector = min((s for s in LABELS if expected(MEETING, s)), key=lambda s: len(expected(MEETING, s)))
    for chart in CHARTS:
        ds, everything = _frame(chart)
        _, narrowed = _frame(chart, sector=(sector,))
        assert chart.takeaway(ds, everything) != chart.takeaway(ds, narrowed), chart.label


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.label)
def test_takeaways_and_tables_work_on_another_dataset(chart):
    """Nothing in a takeaway or a table is particular to one dataset: another one's names come out of its data."""
    ds, frame = _frame(chart, data=OTHER)
    sentence = chart.takeaway(ds, frame)
    table = chart.table(ds, frame)
    assert sentence.endswith(".")
    assert not table.empty
    theirs, ours = _names(OTHER), _names(MEETING)
    assert any(name in sentence for name in theirs), sentence
    assert not any(name in sentence for name in ours - theirs), sentence


def _names(data) -> set[str]:
    """Every name a takeaway may use from a dataset: sectors, themes, countries and speakers."""
    return (
        {s["label"] for s in rows(data, "sectors")}
        | {t["title"] for t in rows(data, "themes")}
        | {p[key] for p in rows(data, "speakers") for key in ("country", "name")}
    )
