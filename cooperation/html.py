"""HTML fragments for statement cards and the annotated source.

Every piece of curated text passes through ``html.escape`` here before it
becomes markup; external links are emitted only for http and https URLs (the
one internal link, to a statement in context, is built by the app). The output
is shown with ``st.html``, which sanitises it once more.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit


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
    """One statement: summary, commitment badge, verbatim quote, speaker and source.

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
    ends: Mapping[int, list[Mark]] = {}
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


def legend(items: Mapping[str, str]) -> str:
    """Colour swatches with their names."""
    return " ".join(
        f'<span style="white-space:nowrap;margin-right:1em"><span style="display:inline-block;'
        f'width:.9em;height:.9em;background:{color};vertical-align:middle;margin-right:.3em">'
        f"</span>{esc(name)}</span>"
        for name, color in items.items()
    )
