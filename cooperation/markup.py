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
from functools import partial
from urllib.parse import urlsplit

import pandas as pd
from markdown_it import MarkdownIt

from cooperation import palette, routes
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
        f"background:{color};color:{palette.BACKGROUND};font-size:.8em;font-weight:600;"
        f'text-transform:capitalize">{esc(text)}</span>'
    )


def tags(labels: Iterable[str]) -> str:
    return " ".join(
        f'<span style="display:inline-block;margin:0 .2em .2em 0;padding:0 .45em;'
        f'border:1px solid {palette.RULE};border-radius:.3em;font-size:.75em">{esc(label)}</span>'
        for label in labels
    )


UNNAMED_SPEAKER = "Raised in the meeting (speaker not named)"
PARAPHRASE_NOTE = "We do not hold this account's text, so the summary above is our wording of what it says."


def card(
    *,
    summary: str,
    strength: str,
    strength_color: str,
    evidence: str,
    quote: str,
    speaker: str | None,
    role: str | None,
    sectors: Sequence[str],
    source_title: str,
    source_url: str,
    color: str,
    context_url: str | None = None,
) -> str:
    """One statement: summary, strength badge, its evidence, who said it and where.

    A quote stands in quotation marks, with a link to it in context
    (``context_url``, a link within the app); a paraphrase is labelled as one,
    never quoted, with a link to where the account can be read. A claim with no
    speaker (``speaker`` None) says it was raised in the meeting.
    """
    if evidence == "quote":
        words = (
            f'<blockquote style="margin:.3em 0;padding-left:.6em;border-left:2px solid {palette.BORDER};'
            f'font-style:italic">“{esc(quote)}”</blockquote>'
        )
        links = [link(source_url, source_title)]
        if context_url:
            links.append(f'<a href="{esc(context_url)}" target="_self">in context</a>')
    else:
        words = (
            f'<p style="margin:.3em 0;font-size:.9em"><strong>Paraphrase.</strong> {esc(PARAPHRASE_NOTE)}</p>'
        )
        links = [f"{esc(source_title)}: {link(source_url, 'read the account')}"]
        if context_url:
            links.append(f'<a href="{esc(context_url)}" target="_self">on the source page</a>')
    who = esc(UNNAMED_SPEAKER) if speaker is None else f"{esc(speaker)}, {esc(role)}"
    return (
        f'<div style="border-left:4px solid {color};padding:.4em .8em;margin:0 0 .8em 0;'
        f'overflow-wrap:anywhere;word-break:break-word">'
        f"<div>{badge(strength, strength_color)} {tags(sectors)}</div>"
        f'<p style="margin:.3em 0;font-weight:600">{esc(summary)}</p>{words}'
        f'<p style="margin:.3em 0;font-size:.85em;color:{palette.QUIET_TEXT}">{who} · {" · ".join(links)}</p></div>'
    )


def statement_cards(ds: Dataset, statements: pd.DataFrame, *, context_links: bool = True) -> str:
    """The cards of these statements (rows of ``ds.statements``), each linking to its context."""
    labels = ds.sector_labels
    roles = dict(zip(ds.speakers["speaker_id"], ds.speakers["role"]))
    return "".join(
        card(
            summary=row.summary,
            strength=row.strength,
            strength_color=ds.strength_colors[row.strength],
            evidence=row.evidence,
            quote=row.quote,
            speaker=None if row.attribution == "meeting" else row.name,
            role=roles.get(row.speaker_id),
            sectors=[labels[s] for s in row.sectors],
            source_title=row.source_title,
            source_url=row.source_url,
            color=ds.side_colors[row.side],
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

    Each mark is tagged with its speaker's name, then its sectors; it stands
    out when any of its statements is in ``emphasised``.
    """
    labels = ds.sector_labels
    mine = ds.statements[(ds.statements["source_id"] == source_id) & (ds.statements["evidence"] == "quote")]
    groups: dict[tuple, dict] = {}
    for row in mine.itertuples():
        group = groups.setdefault(
            (*row.quote_span, row.side),
            {"name": row.name, "sectors": {}, "strengths": {}, "hit": False},
        )
        group["sectors"].update(dict.fromkeys(labels[s] for s in row.sectors))
        group["strengths"][row.strength] = None
        group["hit"] |= row.statement_id in emphasised
    return [
        Mark(
            start=start,
            end=end,
            color=ds.side_colors[side],
            title=f"{g['name']} · {', '.join(g['strengths'])} · {', '.join(g['sectors'])}",
            labels=(g["name"], *g["sectors"]),  # who, in words as well as in colour
            emphasis=g["hit"],
        )
        for (start, end, side), g in sorted(groups.items())
    ]


def focus_mark(ds: Dataset, statement: pd.Series, offset: int) -> Mark:
    """The mark of one statement's quote in a passage that starts at ``offset`` of its source."""
    start, end = statement["quote_span"]
    return Mark(
        start=start - offset,
        end=end - offset,
        color=ds.side_colors[statement["side"]],
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


def markdown_document(text: str, below: int = 2) -> str:
    """A Markdown document as HTML, raw HTML switched off; unsafe link schemes are dropped.

    Its headings move down to sit under a heading of level ``below`` (a "#" becomes
    an h3 under an h2), so that the page's headings go down one level at a time.
    Wide tables scroll inside their own box, so a phone screen never scrolls sideways.
    """
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    body = re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(int(m[2]) + below, 6)}>", body)
    return f'<div style="overflow-x:auto;overflow-wrap:anywhere">{body}</div>'


# --- The accounts compared -------------------------------------------------------------------

STATE_SIGNS = {"named": "●", "not mentioned": "–", "unknown": "?"}  # beside the words, never instead
_HIDDEN = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"
_TABLE = "border-collapse:collapse;font-size:.9em"
_CELL = f"border:1px solid {palette.BORDER};padding:.25em .5em;text-align:left;vertical-align:top;position:relative"


def matrix_table(frame: pd.DataFrame, account_labels: Mapping[str, str], caption: str) -> str:
    """The matrix of ``compare.matrix``: sectors by theme down, speakers then accounts across, in words and signs."""
    speakers = list(dict.fromkeys(frame["speaker"]))
    accounts = list(dict.fromkeys(frame["source_id"]))
    cells = {(r.sector_id, r.speaker, r.source_id): (r.state, r.strength) for r in frame.itertuples()}
    head = [
        f'<tr><th scope="col" rowspan="2" style="{_CELL}">Sector</th>'
        + "".join(
            f'<th scope="colgroup" colspan="{len(accounts)}" style="{_CELL}">{esc(s)}</th>' for s in speakers
        )
        + "</tr>",
        "<tr>"
        + "".join(
            f'<th scope="col" style="{_CELL}">{esc(account_labels[a])}</th>'
            for _ in speakers
            for a in accounts
        )
        + "</tr>",
    ]
    body = []
    for theme, sectors in frame.groupby("theme", sort=False):
        body.append(
            f'<tr><th scope="rowgroup" colspan="{1 + len(speakers) * len(accounts)}" style="{_CELL};background:{palette.ROOT}">{esc(theme)}</th></tr>'
        )
        for sector_id, label in dict.fromkeys(zip(sectors["sector_id"], sectors["sector"])):
            row = [f'<th scope="row" style="{_CELL}">{esc(label)}</th>']
            for speaker in speakers:
                for account in accounts:
                    row.append(f'<td style="{_CELL}">{_state(*cells[(sector_id, speaker, account)])}</td>')
            body.append("<tr>" + "".join(row) + "</tr>")
    return (
        f'<div role="region" aria-label="{esc(caption)}" tabindex="0" style="overflow-x:auto"><table style="{_TABLE}"><caption style="text-align:left;padding:.3em 0">'
        f"{esc(caption)}</caption><thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody></table></div>"
    )  # fmt: skip


def data_table(frame: pd.DataFrame, caption: str) -> str:
    """A small table of numbers and words, its columns and rows headed, every cell escaped.

    Too wide for a narrow screen, it scrolls inside a region that the keyboard can reach and that is named
    by the caption.
    """
    head = "".join(f'<th scope="col" style="{_CELL}">{esc(c)}</th>' for c in frame.columns)
    body = "".join(
        f'<tr><th scope="row" style="{_CELL}">{esc(row[0])}</th>'
        + "".join(f'<td style="{_CELL}">{esc(v)}</td>' for v in row[1:])
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<div role="region" aria-label="{esc(caption)}" tabindex="0" style="overflow-x:auto"><table style="{_TABLE}"><caption style="text-align:left;padding:.3em 0">'
        f"{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _state(state: str, strength: str) -> str:
    """A matrix cell: its sign, and its words (a strength, or 'unknown'); 'not mentioned' is for screen readers."""
    sign = f'<span aria-hidden="true">{STATE_SIGNS[state]}</span>'
    if state == "named":
        return f"{sign} {esc(strength)}"
    if state == "not mentioned":
        return f'{sign}<span style="{_HIDDEN}">not mentioned</span>'
    return f"{sign} {esc(state)}"


def _accounts_in(sources: Sequence[str], labels: Mapping[str, str]) -> str:
    return "; ".join(esc(labels[s]) for s in sources)


def reach_items(ds: Dataset, reaches: Sequence) -> str:
    """The claims of ``compare.only_in`` under what they share: where each is not mentioned, where unknown."""
    labels = ds.source_labels
    groups: dict[tuple, list] = {}
    for reach in reaches:
        groups.setdefault((reach.not_mentioned_in, reach.unknown_in), []).append(reach.statement)
    out = []
    for (absent, unknown), statements in groups.items():
        said = [f"Not mentioned in the account of {_accounts_in(absent, labels)}."] if absent else []
        said += (
            [
                f"Unknown in the account of {_accounts_in(unknown, labels)}: its copy is cut off before that speaker's part."
            ]
            if unknown
            else []
        )
        items = []
        for s in statements:
            who = UNNAMED_SPEAKER if s["attribution"] == "meeting" else s["name"]
            words = f"“{esc(s['quote'])}”" if s["evidence"] == "quote" else "<em>paraphrase</em>"
            note = (
                f'<br><span style="font-size:.9em">Note: {esc(s["notes"])}</span>' if s.get("notes") else ""
            )
            items.append(
                f"<li><strong>{esc(s['summary'])}</strong> {esc(who)}, {esc(s['strength'])}; {words}. "
                f'<a href="{esc(routes.statement_link(s["statement_id"]))}" target="_self">on the source page</a>{note}</li>'
            )
        out.append(
            f'<p style="margin:.6em 0 .2em 0">{" ".join(said)}</p><ul style="overflow-wrap:anywhere">{"".join(items)}</ul>'
        )
    return "".join(out)  # fmt: skip


def _marked(words: Sequence[tuple[str, bool]]) -> str:
    return " ".join(
        f'<span style="text-decoration:underline;text-decoration-thickness:2px;font-weight:700">{esc(w)}</span>'
        if differs
        else esc(w)
        for w, differs in words
    )


def same_claim(
    claim: pd.DataFrame, compared: str, marked: Sequence, account_labels: Mapping[str, str]
) -> str:
    """One claim in several accounts side by side, the words that differ underlined and listed in words too."""
    boxes, differing = [], []
    for row, words in zip(claim.itertuples(), marked):
        label = esc(account_labels[row.source_id])
        if compared == "quote":
            shown = f"“{_marked(words)}”"
        else:
            evidence = (
                f"Quote: “{esc(row.quote)}”"
                if row.evidence == "quote"
                else "<em>Paraphrase: text not held.</em>"
            )
            shown = f"{_marked(words)}<br><span style='font-size:.9em'>{evidence}</span>"
        boxes.append(
            f'<div style="flex:1 1 14em;border:1px solid {palette.BORDER};padding:.4em .6em;overflow-wrap:anywhere">'
            f"<strong>{label}</strong> ({esc(row.strength)})<br>{shown}</div>"
        )
        runs = " ".join(w for w, d in words if d)
        if runs:
            differing.append(f"“{esc(runs)}” ({label})")
    what = "the quotes" if compared == "quote" else "our summaries (an account's text is not held)"
    differs = f"Words that differ: {'; '.join(differing)}." if differing else "No words differ."
    return (
        f'<p style="margin:.2em 0;font-size:.9em">Compared: {what}. {differs}</p>'
        f'<div style="display:flex;flex-wrap:wrap;gap:.5em;margin-bottom:1em">{"".join(boxes)}</div>'
    )


def exchange(answered: pd.Series, answering: pd.Series) -> str:
    """A statement and the one that answers it, as a short dialogue."""

    def turn(s: pd.Series) -> str:
        who = UNNAMED_SPEAKER if s["attribution"] == "meeting" else s["name"]
        words = f" “{esc(s['quote'])}”" if s["evidence"] == "quote" else " <em>(paraphrase)</em>"
        return f"<strong>{esc(who)}</strong> ({esc(s['strength'])}): {esc(s['summary'])}{words}"

    return (
        f'<div style="border-left:3px solid {palette.BORDER};padding:.2em .8em;margin:0 0 .8em 0;overflow-wrap:anywhere;position:relative">'
        f'<p style="margin:.2em 0">{turn(answered)}</p>'
        f'<p style="margin:.2em 0"><span aria-hidden="true">↳ </span><span style="{_HIDDEN}">Answered by </span>{turn(answering)}</p></div>'
    )


def account_facts(ds: Dataset, sources: pd.DataFrame) -> str:
    """The accounts' own facts side by side: publisher, dates, time and place as given, text held, gaps."""
    label = partial(ds.schema.label, "sources")
    given = lambda value: esc(value) if value else "not given"  # noqa: E731
    unknown = {s: [] for s in sources["source_id"]}
    names = dict(zip(ds.speakers["speaker_id"], ds.speakers["name"]))
    for gap in ds.gaps.itertuples():
        if gap.source_id in unknown:
            unknown[gap.source_id].append(
                f"What it attributes to {esc(names[gap.speaker_id])}: {esc(gap.note)}"
            )
    facts = [
        (label("title"), [esc(s.title) for s in sources.itertuples()]),
        (label("publisher"), [esc(s.publisher) for s in sources.itertuples()]),
        (label("published"), [given(s.published) for s in sources.itertuples()]),
        (label("time_given"), [given(s.time_given) for s in sources.itertuples()]),
        (label("place_given"), [given(s.place_given) for s in sources.itertuples()]),
        (
            "Text",
            [
                "held: quoted word for word" if s.has_text else "not held: its statements are paraphrase"
                for s in sources.itertuples()
            ],
        ),
        ("Read at", [link(s.url, s.url) if s.url else "not given" for s in sources.itertuples()]),
        ("Unknown", ["<br>".join(unknown[s.source_id]) or "nothing" for s in sources.itertuples()]),
    ]
    notes = [esc(s.time_note) for s in sources.itertuples()]
    if any(notes):
        facts.insert(5, (label("time_note"), [n or "–" for n in notes]))
    head = "".join(
        f'<th scope="col" style="{_CELL}">{esc(ds.source_labels[s])}</th>' for s in sources["source_id"]
    )
    named = "The facts given by " + "; ".join(ds.source_labels[s] for s in sources["source_id"])
    body = "".join(
        f'<tr><th scope="row" style="{_CELL};white-space:nowrap">{esc(name)}</th>'
        + "".join(f'<td style="{_CELL}">{v}</td>' for v in values)
        + "</tr>"
        for name, values in facts
    )
    return (
        f'<div role="region" aria-label="{esc(named)}" tabindex="0" style="overflow-x:auto">'
        f'<table style="{_TABLE};overflow-wrap:anywhere">'
        f'<thead><tr><td style="{_CELL}"></td>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )  # fmt: skip
