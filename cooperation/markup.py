"""Curated text made safe for the page: HTML fragments, Markdown escaping, the citation.

Pure functions of the dataset, with no Streamlit import, so that every piece of
markup has unit tests. Every piece of curated text passes through
``html.escape`` before it becomes HTML, and through ``md_escape`` before any
Streamlit parameter that renders Markdown. External links are emitted only for
http and https URLs; the one internal link, to a statement in context, is built
from ``cooperation.routes``. Pages show the HTML with ``st.html``, which
sanitises it once more.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd
from markdown_it import MarkdownIt

from cooperation import routes
from cooperation.data import Dataset

# Markdown (and Streamlit's extensions: $…$ LaTeX, :color[…], :material/…:)
# is switched on by ASCII punctuation; a backslash before each makes it literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&^%@;,/?])")


def md_escape(text: object) -> str:
    """Curated text made safe for any Streamlit parameter that renders Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def link(url: str, text: str) -> str:
    """An external link, or plain text when the URL is not http(s)."""
    if urlsplit(str(url)).scheme.lower() not in ("http", "https"):
        return esc(text)
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


def badge(text: str, color: str) -> str:
    return (
        f'<span style="display:inline-block;padding:0 .5em;border-radius:.8em;'
        f"background:{color};color:#fff;font-size:.8em;font-weight:600;"
        f'text-transform:capitalize">{esc(text)}</span>'
    )


def tags(labels: Iterable[str]) -> str:
    return " ".join(
        f'<span style="display:inline-block;margin:0 .2em .2em 0;padding:0 .45em;'
        f'border:1px solid #999;border-radius:.3em;font-size:.75em">{esc(label)}</span>'
        for label in labels
    )


def card(
    *,
    summary: str,
    strength: str,
    strength_color: str,
    quote: str,
    speaker: str,
    role: str,
    sectors: Sequence[str],
    source_title: str,
    source_url: str,
    color: str,
    context_url: str | None = None,
) -> str:
    """One statement: summary, strength badge, verbatim quote, speaker and source.

    ``context_url``, a link within the app, adds a link to the quote in its context.
    """
    context = f' · <a href="{esc(context_url)}" target="_self">in context</a>' if context_url else ""
    return (
        f'<div style="border-left:4px solid {color};padding:.4em .8em;margin:0 0 .8em 0;'
        f'overflow-wrap:anywhere;word-break:break-word">'
        f"<div>{badge(strength, strength_color)} {tags(sectors)}</div>"
        f'<p style="margin:.3em 0;font-weight:600">{esc(summary)}</p>'
        f'<blockquote style="margin:.3em 0;padding-left:.6em;border-left:2px solid #ccc;'
        f'font-style:italic">“{esc(quote)}”</blockquote>'
        f'<p style="margin:.3em 0;font-size:.85em;color:#555">{esc(speaker)}, {esc(role)} · '
        f"{link(source_url, source_title)}{context}</p></div>"
    )


def statement_cards(ds: Dataset, statements: pd.DataFrame, *, context_links: bool = True) -> str:
    """The cards of these statements (rows of ``ds.statements``), each linking to its context."""
    labels = ds.sector_labels
    roles = dict(zip(ds.speakers["speaker_id"], ds.speakers["role"]))
    sources = ds.sources.set_index("source_id")
    return "".join(
        card(
            summary=row.summary,
            strength=row.strength,
            strength_color=ds.strength_colors[row.strength],
            quote=row.quote,
            speaker=row.name,
            role=roles[row.speaker_id],
            sectors=[labels[s] for s in row.sectors],
            source_title=sources.at[row.source_id, "title"],
            source_url=sources.at[row.source_id, "url"],
            color=ds.country_colors[row.country],
            context_url=routes.statement_link(row.statement_id) if context_links else None,
        )
        for row in statements.itertuples()
    )


def strength_help(ds: Dataset) -> str:
    """The commitment scale as the schema describes it, for a help tooltip (Markdown)."""
    return md_escape(ds.schema.field("statements", "strength").get("description", ""))


@dataclass(frozen=True)
class Mark:
    """A span of the source to highlight."""

    start: int
    end: int
    color: str
    title: str
    labels: tuple[str, ...]
    emphasis: bool = False


def annotate(text: str, marks: Sequence[Mark]) -> str:
    """The text as HTML with each mark highlighted and tagged; the rest stays plain."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    ends: dict[int, list[Mark]] = {}
    for mark in marks:
        ends.setdefault(mark.end, []).append(mark)
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        piece = esc(text[a:b])
        if covering:
            first = covering[0]
            strong = any(m.emphasis for m in covering)
            style = (
                f"background:{first.color}{'55' if strong else '22'};"
                f"border-bottom:{'3px' if strong else '2px'} solid {first.color};"
                f"padding:0 1px;{'font-weight:600;' if strong else ''}"
            )
            title = " | ".join(dict.fromkeys(m.title for m in covering))
            piece = f'<mark style="{style}" title="{esc(title)}">{piece}</mark>'
        out.append(piece)
        out.extend(f"<sup>{tags(mark.labels)}</sup>" for mark in ends.get(b, ()) if mark.labels)
    return (
        '<div style="white-space:pre-wrap;line-height:1.9;overflow-wrap:anywhere;'
        f'word-break:break-word">{"".join(out)}</div>'
    )


def source_marks(ds: Dataset, source_id: str, emphasised: set[str]) -> list[Mark]:
    """One mark per distinct quoted span and speaker of a source, merging statements that share it.

    A mark stands out when any of its statements is in ``emphasised``.
    """
    labels = ds.sector_labels
    mine = ds.statements[ds.statements["source_id"] == source_id]
    groups: dict[tuple, dict] = {}
    for row in mine.itertuples():
        group = groups.setdefault(
            (*row.quote_span, row.country),
            {"name": row.name, "sectors": {}, "strengths": {}, "hit": False},
        )
        group["sectors"].update(dict.fromkeys(labels[s] for s in row.sectors))
        group["strengths"][row.strength] = None
        group["hit"] |= row.statement_id in emphasised
    return [
        Mark(
            start=start,
            end=end,
            color=ds.country_colors[country],
            title=f"{g['name']} · {', '.join(g['strengths'])} · {', '.join(g['sectors'])}",
            labels=tuple(g["sectors"]),
            emphasis=g["hit"],
        )
        for (start, end, country), g in sorted(groups.items())
    ]


def focus_mark(ds: Dataset, statement: pd.Series, offset: int) -> Mark:
    """The mark of one statement's quote in a passage that starts at ``offset`` of its source."""
    start, end = statement["quote_span"]
    return Mark(
        start=start - offset,
        end=end - offset,
        color=ds.country_colors[statement["country"]],
        title=f"{statement['name']} · {statement['strength']}",
        labels=(),
        emphasis=True,
    )


def legend(items: Mapping[str, str]) -> str:
    """Colour swatches with their names."""
    return " ".join(
        f'<span style="white-space:nowrap;margin-right:1em"><span style="display:inline-block;'
        f'width:.9em;height:.9em;background:{color};vertical-align:middle;margin-right:.3em">'
        f"</span>{esc(name)}</span>"
        for name, color in items.items()
    )


def citation(ds: Dataset) -> str:
    """How to cite the data package, from its own metadata (plain text)."""
    meta = ds.schema.meta
    authors = ", ".join(c.get("title", "") for c in meta("contributors", []) if c.get("title"))
    year = str(meta("created", ""))[:4]
    where = "; ".join(s.get("title", "") for s in meta("sources", []))
    return (
        f"{authors or 'Unknown'} ({year}). {meta('title', '')} (version {meta('version', '')}) "
        f"[Data set]. Derived from: {where}."
    )


def markdown_document(text: str) -> str:
    """A Markdown document as HTML, raw HTML switched off; unsafe link schemes are dropped.

    Wide tables scroll inside their own box, so a phone screen never scrolls sideways.
    """
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    return f'<div style="overflow-x:auto;overflow-wrap:anywhere">{body}</div>'
