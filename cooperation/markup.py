"""Curated text made safe for the page: escaping by default, links, the stylesheet, documents, the citation.

HTML is built with MarkupSafe (``html``, ``join``): a template is ours, and
every value put into it is escaped unless it is already ``Markup``, so curated
text can only reach the page as text. Nothing here writes an inline style:
the one stylesheet (``dashboard.css``, with the palette's colours set by
``stylesheet``) holds every class the markup modules use. Markdown is
escaped by ``md_escape`` before any Streamlit parameter that renders it.
External links are emitted only for http and https URLs.

The markup modules, each a pure function of the dataset with no Streamlit
import: this one; ``cooperation.cards`` (statements, exchanges, the claims
only one account reports); ``cooperation.marks`` (the source text
highlighted); ``cooperation.tables`` (tables of words and numbers). Pages
show their HTML with ``st.html``, which sanitises it once more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from cooperation import palette

# Markdown (and Streamlit's extensions: $…$ LaTeX, :color[…], :material/…:)
# is switched on by ASCII punctuation; a backslash before each makes it literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&^%@;,/?])")
STYLESHEET = Path(__file__).with_name("dashboard.css")


def md_escape(text: object) -> str:
    """Curated text made safe for any Streamlit parameter that renders Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def esc(value: object) -> Markup:
    """A value as HTML text: every special character an entity (Markup passes through as it is)."""
    return escape(value if isinstance(value, Markup) else str(value))


def html(template: str, *args: object, **kwargs: object) -> Markup:
    """Our template with the values put in, each escaped unless it is Markup already."""
    return Markup(template).format(*args, **kwargs)  # noqa: S704 - the template is ours; format escapes the values


def join(parts: Iterable[object], separator: str = "") -> Markup:
    """Pieces of HTML joined; any that is not Markup is escaped."""
    return Markup(separator).join(esc(p) for p in parts)  # noqa: S704 - our separator; the parts are escaped


def link(url: str, text: object) -> Markup:
    """An external link, or plain text when the URL is not http(s)."""
    if urlsplit(str(url)).scheme.lower() not in ("http", "https"):
        return esc(text)
    return html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', str(url), text)


def internal_link(path: str, text: object) -> Markup:
    """A link within the app (``cooperation.routes``), opened in the same tab."""
    return html('<a href="{}" target="_self">{}</a>', path, text)


def paragraph(text: object) -> Markup:
    return html("<p>{}</p>", text)


# --- The stylesheet --------------------------------------------------------------------------


@cache
def _static() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _variables(selector: str, color: str) -> str:
    return f"{selector}{{--cd-color:{color};--cd-tint:{color}22;--cd-strong-tint:{color}55}}"


def stylesheet(side_colors: Mapping[str, str] = {}, strength_colors: Mapping[str, str] = {}) -> str:
    """The dashboard's stylesheet: the palette's colours, one class per side and per strength, then dashboard.css.

    Classes are numbered (``side_class``), so no curated text is ever part of it.
    """
    root = {
        "focus": palette.FOCUS, "border": palette.BORDER, "rule": palette.RULE, "quiet": palette.QUIET_TEXT,
        "background": palette.BACKGROUND, "root": palette.ROOT, "color": palette.TEXT,
    }  # fmt: skip
    rules = [":root{" + "".join(f"--cd-{name}:{value};" for name, value in root.items()) + "}"]
    rules += [_variables(f".cd-side-{i}", c) for i, c in enumerate(side_colors.values())]
    rules += [_variables(f".cd-strength-{i}", c) for i, c in enumerate(strength_colors.values())]
    return "\n".join(rules) + "\n" + _static()


def side_class(side_colors: Mapping[str, str], side: str) -> str:
    """The class that gives a side its colour (its place among the sides)."""
    return f"cd-side-{list(side_colors).index(side)}"


def strength_class(strength_colors: Mapping[str, str], strength: str) -> str:
    """The class that gives a commitment strength its colour."""
    return f"cd-strength-{list(strength_colors).index(strength)}"


# --- Documents and metadata ------------------------------------------------------------------


def citation(meta) -> str:
    """How to cite the data package, from its own metadata (``Schema.meta``; plain text)."""
    authors = ", ".join(c.get("title", "") for c in meta("contributors", []) if c.get("title"))
    year = str(meta("created", ""))[:4]
    where = "; ".join(s.get("title", "") for s in meta("sources", []))
    return (
        f"{authors or 'Unknown'} ({year}). {meta('title', '')} (version {meta('version', '')}) "
        f"[Data set]. Derived from: {where}."
    )


def package_line(meta) -> Markup:
    """The package's title in bold, its version and its description."""
    return html(
        "<p><strong>{}</strong>, version {}. {}</p>",
        meta("title", ""),
        meta("version", ""),
        meta("description", ""),
    )


def licence(item: Mapping[str, str]) -> Markup:
    """A licence: its name, linked to its text, and its title."""
    return html("<p>{}: {}</p>", link(item.get("path", ""), item.get("name", "")), item.get("title", ""))


def markdown_document(text: str, below: int = 2) -> Markup:
    """A Markdown document as HTML, raw HTML switched off; unsafe link schemes are dropped.

    Its headings move down to sit under a heading of level ``below`` (a "#" becomes
    an h3 under an h2), so that the page's headings go down one level at a time.
    Wide tables scroll inside their own box, so a phone screen never scrolls sideways.
    """
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    body = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(int(m[2]) + below, 6)}>", body)
    # markdown-it has escaped the text itself, raw HTML switched off.
    return html('<div class="cd-document">{}</div>', Markup(body))  # noqa: S704
