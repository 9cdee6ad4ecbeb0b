"""Markup as pure functions: curated text escaped for HTML and Markdown, cards, the marked source, the citation."""

from __future__ import annotations

import html
import re

import pytest

from cooperation import load, markup, routes
from tests.helpers import MEETING, rows

HOSTILE = "<script>alert(1)</script> **bold** $x$ :red[y] [a](javascript:x)"


@pytest.fixture(scope="module")
def ds():
    return load(MEETING)


def test_md_escape_makes_markdown_literal():
    """Every character that switches Markdown, LaTeX or a Streamlit directive on is escaped; white space folds."""
    escaped = markup.md_escape(HOSTILE + "\n  end")
    assert escaped.replace("\\", "") == " ".join((HOSTILE + " end").split())
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "<>*$:[]()")


def test_esc_escapes_html_and_quotes():
    """HTML special characters, quotes included, become entities."""
    assert markup.esc("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"


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
    card = markup.statement_cards(ds, ds.statements.iloc[[0]])
    assert html.escape(statement["summary"]) in card
    assert f"“{html.escape(statement['quote'])}”" in card
    assert html.escape(statement["name"]) in card
    assert statement["strength"] in card
    assert f'href="{html.escape(routes.statement_link(statement["statement_id"]))}"' in card
    assert routes.SOURCE not in markup.statement_cards(ds, ds.statements.iloc[[0]], context_links=False)


def test_a_card_never_lets_markup_through():
    """Curated text in every field of a card comes out as text, never as tags or a javascript link."""
    for evidence, fields in (("quote", 7), ("paraphrase", 6)):
        card = markup.card(
            summary=HOSTILE, strength=HOSTILE, strength_color="#000", evidence=evidence, quote=HOSTILE,
            speaker=HOSTILE, role=HOSTILE, sectors=[HOSTILE], source_title=HOSTILE,
            source_url="javascript:alert(1)", color="#000",
        )  # fmt: skip
        assert "<script>" not in card
        assert "javascript:" not in card.replace(html.escape(HOSTILE), "")
        assert card.count(html.escape(HOSTILE)) == fields, evidence


def test_annotate_marks_spans_and_escapes_the_rest():
    """Each mark wraps its span, with its labels after it; text outside stays plain and escaped."""
    text = "a <b> c d"
    out = markup.annotate(text, [markup.Mark(2, 5, "#000", "t <x>", ("L",), emphasis=True)])
    assert re.search(
        r'<mark style="[^"]*font-weight:600[^"]*" title="t &lt;x&gt;">&lt;b&gt;</mark><sup>', out
    )
    assert out.startswith('<div style="white-space:pre-wrap')
    assert "a " in out
    assert " c d" in out


def test_source_marks_merge_statements_that_share_a_quote(ds):
    """One mark per distinct quote and country, listing every sector of the statements that share it."""
    source_id = rows(MEETING, "sources")[0]["source_id"]
    marks = markup.source_marks(ds, source_id, emphasised=set())
    spans = {(m.start, m.end) for m in marks}
    mine = ds.statements[ds.statements["source_id"] == source_id]
    assert spans == set(mine["quote_span"])
    assert not any(m.emphasis for m in marks)
    first = mine.iloc[0]
    (hit,) = [m for m in markup.source_marks(ds, source_id, {first["statement_id"]}) if m.emphasis]
    assert (hit.start, hit.end) == first["quote_span"]


def test_focus_mark_is_placed_in_its_passage(ds):
    """A statement's mark in a passage starting at ``offset`` is its span moved by that offset."""
    statement = ds.statements.iloc[1]
    mark = markup.focus_mark(ds, statement, offset=10)
    assert (mark.start, mark.end) == (statement["quote_span"][0] - 10, statement["quote_span"][1] - 10)
    assert mark.emphasis


def test_citation_comes_from_the_package_metadata(ds):
    """The citation names the contributors, the year, the title, the version and the sources."""
    meta = ds.schema.meta
    citation = markup.citation(ds)
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
    assert markup.strength_help(ds).replace("\\", "") == " ".join(described.split())
