"""Markup as pure functions: curated text escaped by default into HTML and Markdown, with classes, never styles."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from cooperation import cards, compare, display, load, marks, markup, routes, tables
from cooperation import filters as flt
from tests.helpers import MEETING, escaped, md_unescape, rows

HOSTILE = "<script>alert(1)</script> **bold** $x$ :red[y] [a](javascript:x) \"q\" 'a' &amp;"


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def test_md_escape_makes_markdown_literal():
    """Every character that switches Markdown, LaTeX or a Streamlit directive on is escaped once; white space folds."""
    escaped_once = markup.md_escape(HOSTILE + "\n  end")
    assert md_unescape(escaped_once) == " ".join((HOSTILE + " end").split())
    assert all(escaped_once[i - 1] == "\\" for i, c in enumerate(escaped_once) if c in "<>*$:[]()")
    assert md_unescape(markup.md_escape(escaped_once)) != " ".join((HOSTILE + " end").split())  # twice shows


def test_esc_escapes_html_and_quotes_once():
    """HTML special characters, quotes included, become entities; escaping what is escaped does nothing more."""
    assert markup.esc("<a href=\"x\">'&'</a>") == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    assert markup.esc(markup.esc("<b>")) == "&lt;b&gt;"


def test_templates_escape_every_value_by_default():
    """A value put into a template is escaped unless it is markup already; joined pieces too."""
    assert markup.html("<p>{}</p>", "<b>") == "<p>&lt;b&gt;</p>"
    assert markup.html("<p>{}</p>", markup.html("<b>{}</b>", "&")) == "<p><b>&amp;</b></p>"
    assert markup.join(["<i>", markup.html("<br>")], " ") == "&lt;i&gt; <br>"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x", "//evil.example"])
def test_only_http_links_are_emitted(url):
    """A link whose URL is not http or https is shown as plain, escaped text."""
    assert markup.link(url, "<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert markup.link("https://example.org/?a=1&b=2", "x") == (
        '<a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">x</a>'
    )


def test_a_card_shows_a_statement_escaped_with_its_link(ds):
    """A card carries the summary, the strength, the quote in quotation marks, the speaker and its context link."""
    statement = ds.statements.iloc[0]
    card = cards.statement_cards(ds, ds.statements.iloc[[0]])
    assert escaped(statement["summary"]) in card
    assert f"“{escaped(statement['quote'])}”" in card
    assert escaped(statement["name"]) in card
    assert statement["strength"] in card
    assert f'href="{escaped(routes.statement_link(statement["statement_id"]))}"' in card
    assert routes.SOURCE not in cards.statement_cards(ds, ds.statements.iloc[[0]], context_links=False)


def test_a_card_never_lets_markup_through():
    """Curated text in every field of a card comes out escaped exactly once, never as tags or a javascript link."""
    for evidence, fields in (("quote", 7), ("paraphrase", 6)):
        card = cards.card(
            summary=HOSTILE, strength=HOSTILE, strength_class="cd-strength-0", evidence=evidence, quote=HOSTILE,
            speaker=HOSTILE, role=HOSTILE, sectors=[HOSTILE], source_title=HOSTILE,
            source_url="javascript:alert(1)", side_class="cd-side-0",
        )  # fmt: skip
        assert "<script>" not in card
        assert "javascript:" not in card.replace(escaped(HOSTILE), "")
        assert card.count(escaped(HOSTILE)) == fields, evidence
        assert "&amp;amp;" in card
        assert "&amp;amp;amp;" not in card


def test_no_markup_module_writes_an_inline_style(ds):
    """Every piece of markup draws with the stylesheet's classes, not inline styles."""
    reach = compare.only_in(ds, ds.compared_events[0])
    pieces = [
        cards.statement_cards(ds, ds.statements),
        cards.reach_items(ds, reach),
        marks.annotate("a b c", [marks.Mark(2, 3, "cd-side-0", "t", ("L",), emphasis=True)]),
        marks.legend(ds.side_colors),
        tables.account_facts(ds, ds.sources),
        tables.data_table(ds.themes[["title", "order"]], "caption"),
        markup.markdown_document("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ]
    for piece in pieces:
        assert "style=" not in piece
        for css_class in re.findall(r'class="([^"]+)"', piece):
            for name in css_class.split():
                assert re.match(r"cd-(side|strength)-\d+$", name) or f".{name}" in markup.stylesheet(), name


def test_the_stylesheet_gives_each_side_and_strength_a_class(ds):
    """One colour class per side and per strength, in their order, with the palette's colours; no curated text."""
    css = markup.stylesheet(ds.side_colors, ds.strength_colors)
    for i, color in enumerate(ds.side_colors.values()):
        assert f".cd-side-{i}{{--cd-color:{color};" in css
    for i, color in enumerate(ds.strength_colors.values()):
        assert f".cd-strength-{i}{{--cd-color:{color};" in css
    assert not any(side in css for side in ds.sides)
    assert markup.side_class(ds.side_colors, ds.sides[-1]) == f"cd-side-{len(ds.sides) - 1}"


def test_annotate_marks_spans_and_escapes_the_rest():
    """Each mark wraps its span, with its labels after it; text outside stays plain and escaped."""
    text = "a <b> c d"
    out = marks.annotate(text, [marks.Mark(2, 5, "cd-side-1", "t <x>", ("L",), emphasis=True)])
    assert re.search(
        r'<mark class="cd-mark cd-side-1 cd-emphasis" title="t &lt;x&gt;">&lt;b&gt;</mark><sup>', out
    )
    assert out.startswith('<div class="cd-source">')
    assert "a " in out
    assert " c d" in out


def test_source_marks_merge_statements_that_share_a_quote(ds):
    """One mark per distinct quote and country, listing every sector of the statements that share it."""
    source_id = rows(MEETING, "sources")[0]["source_id"]
    found = marks.source_marks(ds, source_id, emphasised=set())
    spans = {(m.start, m.end) for m in found}
    mine = ds.statements[ds.statements["source_id"] == source_id]
    assert spans == set(mine["quote_span"])
    assert not any(m.emphasis for m in found)
    first = mine.iloc[0]
    (hit,) = [m for m in marks.source_marks(ds, source_id, {first["statement_id"]}) if m.emphasis]
    assert (hit.start, hit.end) == first["quote_span"]


def test_focus_mark_is_placed_in_its_passage(ds):
    """A statement's mark in a passage starting at ``offset`` is its span moved by that offset."""
    statement = ds.statements.iloc[1]
    mark = marks.focus_mark(ds, statement, offset=10)
    assert (mark.start, mark.end) == (statement["quote_span"][0] - 10, statement["quote_span"][1] - 10)
    assert mark.emphasis


def test_citation_comes_from_the_package_metadata(ds):
    """The citation names the contributors, the year, the title, the version and the sources."""
    meta = ds.schema.meta
    citation = markup.citation(meta)
    assert citation.startswith(meta("contributors")[0]["title"])
    for part in (
        str(meta("created"))[:4],
        meta("title"),
        f"version {meta('version')}",
        meta("sources")[0]["title"],
    ):
        assert part in citation


def test_markdown_documents_drop_raw_html_and_unsafe_links():
    """The codebook's Markdown renders, its headings under the page's, raw HTML escaped and javascript links dropped."""
    out = markup.markdown_document(
        "# T\n\n## U\n\n<script>x</script>\n\n[a](javascript:alert(1)) | b\n---|---\n1 | 2\n"
    )
    assert "<h3>T</h3>" in out
    assert "<h4>U</h4>" in out
    assert "<table>" in out
    assert "<script>" not in out
    assert 'href="javascript' not in out


def test_strength_help_is_the_schema_description_escaped(ds):
    """The strength tooltip is the field's description from datapackage.json, made literal for Markdown."""
    described = ds.schema.field("statements", "strength")["description"]
    assert md_unescape(display.strength_help(ds)) == " ".join(described.split())


def test_a_matrix_cell_says_not_mentioned_to_screen_readers():
    """'not mentioned' is a sign for the eye and words for a screen reader; a strength is words and a sign."""
    assert html.unescape(re.sub("<[^>]+>", "", tables._state("not mentioned", ""))) == "–not mentioned"
    assert tables._state("named", "<pledge>") == '<span aria-hidden="true">●</span> &lt;pledge&gt;'


def test_the_statements_table_sends_each_repeating_value_once(ds):
    """Repeating columns are categorical (one Arrow dictionary entry per value), and show the fixture's values."""
    matching = flt.statements_of(ds, flt.apply(ds, flt.Filters()))
    table = display.statements_table(ds, matching)
    for column in display.REPEATING:
        assert isinstance(table[column].dtype, pd.CategoricalDtype), column
    titles = {s["source_id"]: s["title"] for s in rows(MEETING, "sources")}
    source_of = {s["statement_id"]: s["source_id"] for s in rows(MEETING, "statements")}
    shown = [titles[source_of[statement]] for statement in matching["statement_id"]]
    assert table["Account"].astype(str).tolist() == shown
    assert table["Account"].nunique() < len(table)  # the fixture's accounts hold several statements each
