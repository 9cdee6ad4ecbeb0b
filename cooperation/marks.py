"""The source text as HTML, every coded statement highlighted in its side's colour and named in words."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from cooperation import vocabulary as vocab
from cooperation.cards import tags
from cooperation.data import Dataset
from cooperation.markup import html, join, side_class


@dataclass(frozen=True)
class Mark:
    """A span of the source to highlight, in the colour of ``css_class`` (``markup.side_class``)."""

    start: int
    end: int
    css_class: str
    title: str
    labels: tuple[str, ...]
    emphasis: bool = False


def annotate(text: str, marks: Sequence[Mark]) -> Markup:
    """The text as HTML with each mark highlighted and tagged; the rest stays plain."""
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    ends: dict[int, list[Mark]] = {}
    for mark in marks:
        ends.setdefault(mark.end, []).append(mark)
    out: list[Markup | str] = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        piece: Markup | str = text[a:b]
        if covering:
            emphasis = " cd-emphasis" if any(m.emphasis for m in covering) else ""
            title = " | ".join(dict.fromkeys(m.title for m in covering))
            piece = html(
                '<mark class="cd-mark {}{}" title="{}">{}</mark>',
                covering[0].css_class,
                emphasis,
                title,
                piece,
            )
        out.append(piece)
        out.extend(html("<sup>{}</sup>", tags(mark.labels)) for mark in ends.get(b, ()) if mark.labels)
    return html('<div class="cd-source">{}</div>', join(out))


def source_marks(ds: Dataset, source_id: str, emphasised: set[str]) -> list[Mark]:
    """One mark per distinct quoted span and speaker of a source, merging statements that share it.

    Each mark is tagged with its speaker's name, then its sectors; it stands
    out when any of its statements is in ``emphasised``.
    """
    labels = ds.sector_labels
    mine = ds.statements[
        (ds.statements["source_id"] == source_id) & (ds.statements["evidence"] == vocab.QUOTE)
    ]
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
            css_class=side_class(ds.side_colors, side),
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
        css_class=side_class(ds.side_colors, statement["side"]),
        title=f"{statement['name']} · {statement['strength']}",
        labels=(),
        emphasis=True,
    )


def legend(side_colors: Mapping[str, str]) -> Markup:
    """Each side's colour swatch, with its name."""
    return join(
        (
            html(
                '<span class="cd-legend-item"><span class="cd-swatch {}"></span>{}</span>',
                side_class(side_colors, side),
                side,
            )
            for side in side_colors
        ),
        " ",
    )
