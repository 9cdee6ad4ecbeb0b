"""Tables of words and numbers as HTML: a chart's numbers, the accounts' matrix, the accounts' facts.

Each table's columns and rows are headed; too wide for a narrow screen, it
scrolls inside a region that the keyboard can reach and that its caption names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

import pandas as pd
from markupsafe import Markup

from cooperation import routes
from cooperation.data import Dataset
from cooperation.markup import html, internal_link, join, link
from cooperation.vocabulary import shortened

STATE_SIGNS = {"named": "●", "not mentioned": "–", "unknown": "?"}  # beside the words, never instead


def _region(caption: str, table: Markup, *, css: str = "") -> Markup:
    return html(
        '<div role="region" aria-label="{}" tabindex="0" class="cd-region"><table class="cd-table{}">{}</table></div>',
        caption,
        css,
        table,
    )


def data_table(frame: pd.DataFrame, caption: str) -> Markup:
    """A small table of numbers and words, its first column heading each row, every cell escaped."""
    head = join(html('<th scope="col">{}</th>', c) for c in frame.columns)
    body = join(
        html(
            '<tr><th scope="row">{}</th>{}</tr>',
            row[0],
            join(html("<td>{}</td>", v) for v in row[1:]),
        )
        for row in frame.itertuples(index=False)
    )
    return _region(
        caption, html("<caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody>", caption, head, body)
    )


def _state(state: str, strength: str) -> Markup:
    """A matrix cell: its sign, and its words (a strength, or 'unknown'); 'not mentioned' is for screen readers."""
    sign = html('<span aria-hidden="true">{}</span>', STATE_SIGNS[state])
    if state == "named":
        return html("{} {}", sign, strength)
    if state == "not mentioned":
        return html('{}<span class="cd-hidden">not mentioned</span>', sign)
    return html("{} {}", sign, state)


def matrix_table(frame: pd.DataFrame, account_labels: Mapping[str, str], caption: str) -> Markup:
    """The matrix of ``compare.matrix``: sectors by theme down, speakers then accounts across, in words and signs."""
    speakers = list(dict.fromkeys(frame["speaker"]))
    accounts = list(dict.fromkeys(frame["source_id"]))
    cells = {(r.sector_id, r.speaker, r.source_id): (r.state, r.strength) for r in frame.itertuples()}
    head = html(
        '<tr><th scope="col" rowspan="2">Sector</th>{}</tr><tr>{}</tr>',
        join(html('<th scope="colgroup" colspan="{}">{}</th>', len(accounts), s) for s in speakers),
        join(html('<th scope="col">{}</th>', account_labels[a]) for _ in speakers for a in accounts),
    )
    body = []
    for theme, sectors in frame.groupby("theme", sort=False):
        body.append(
            html(
                '<tr><th scope="rowgroup" colspan="{}" class="cd-group">{}</th></tr>',
                1 + len(speakers) * len(accounts),
                theme,
            )
        )
        for sector_id, label in dict.fromkeys(zip(sectors["sector_id"], sectors["sector"])):
            row = join(
                html("<td>{}</td>", _state(*cells[(sector_id, speaker, account)]))
                for speaker in speakers
                for account in accounts
            )
            body.append(html('<tr><th scope="row">{}</th>{}</tr>', label, row))
    return _region(
        caption, html("<caption>{}</caption><thead>{}</thead><tbody>{}</tbody>", caption, head, join(body))
    )


def account_facts(ds: Dataset, sources: pd.DataFrame) -> Markup:
    """The accounts' own facts side by side: publisher, dates, time and place as given, text held, gaps."""
    label = partial(ds.schema.label, "sources")

    def given(value: object) -> object:
        return value if value else "not given"

    unknown: dict[str, list[Markup]] = {s: [] for s in sources["source_id"]}
    names = dict(zip(ds.speakers["speaker_id"], ds.speakers["name"]))
    for gap in ds.gaps.itertuples():
        if gap.source_id in unknown:
            unknown[gap.source_id].append(
                html("What it attributes to {}: {}", names[gap.speaker_id], gap.note)
            )
    rows = list(sources.itertuples())
    copies: dict[str, list[Markup]] = {s: [] for s in sources["source_id"]}
    for copy in ds.copies.itertuples():
        if copy.source_id in copies:
            note = f" ({copy.note})" if copy.note else ""
            copies[copy.source_id].append(
                html(
                    "{}, {}, {}{}",
                    link(copy.url, copy.host or copy.url),
                    copy.language,
                    copy.completeness,
                    note,
                )
            )
    read_at = [
        html("{}{}", link(s.url, s.url) if s.url else "not given", f" ({s.host})" if s.host else "")
        for s in rows
    ]
    facts: list[tuple[str, Sequence[object]]] = [
        (label("title"), [s.title for s in rows]),
        (label("publisher"), [s.publisher for s in rows]),
        (label("side"), [s.side for s in rows]),
        (label("language"), [s.language for s in rows]),
        (label("published"), [given(s.published) for s in rows]),
        (label("time_given"), [given(s.time_given) for s in rows]),
        (label("place_given"), [given(s.place_given) for s in rows]),
        (
            "Text",
            [
                "held: quoted word for word" if s.has_text else "not held: its statements are paraphrase"
                for s in rows
            ],
        ),
        ("Read at", read_at),
        (
            label("completeness"),
            [f"{s.completeness}: {s.breaks_off}" if s.breaks_off else s.completeness for s in rows],
        ),
        ("Unknown", [join(unknown[s.source_id], "<br>") or "nothing" for s in rows]),
    ]
    if any(copies.values()):
        facts.append(("Also read at", [join(copies[s.source_id], "<br>") or "–" for s in rows]))
    if any(s.time_note for s in rows):
        facts.insert(7, (label("time_note"), [s.time_note or "–" for s in rows]))
    head = join(html('<th scope="col">{}</th>', ds.source_labels[s]) for s in sources["source_id"])
    named = "The facts given by " + "; ".join(ds.source_labels[s] for s in sources["source_id"])
    body = join(
        html(
            '<tr><th scope="row" class="cd-nowrap">{}</th>{}</tr>',
            name,
            join(html("<td>{}</td>", v) for v in values),
        )
        for name, values in facts
    )
    return _region(
        named, html("<thead><tr><td></td>{}</tr></thead><tbody>{}</tbody>", head, body), css=" cd-facts"
    )


# --- Over time -------------------------------------------------------------------------------


def _grid_cell(state: str, strength: str, statement_ids: Sequence[str], code: str) -> Markup:
    """One side's part of a grid cell: its code, a sign, and the strength (a link to its statement) or 'unknown'."""
    sign = html('<span aria-hidden="true">{}</span>', STATE_SIGNS[state])
    if state == "named":
        return html("{} {} {}", code, sign, internal_link(routes.statement_link(statement_ids[0]), strength))
    if state == "unknown":
        return html("{} {} unknown", code, sign)
    return html('{} {}<span class="cd-hidden"> not mentioned</span>', code, sign)


def grid_table(ds: Dataset, frame: pd.DataFrame, caption: str) -> Markup:
    """The meeting-by-sector grid of ``timeline.grid``: sectors by theme down, meetings (by date) across, each side in each cell."""
    codes = dict(zip(ds.speakers["country"], ds.speakers["country_code"]))
    events = list(dict.fromkeys(zip(frame["event_id"], frame["date"])))
    cells = {
        (r.sector_id, r.event_id, r.side): (r.state, r.strength, r.statement_ids) for r in frame.itertuples()
    }
    labels = ds.event_labels
    titles = dict(zip(ds.events["event_id"], ds.events["title"]))
    head = join(
        html(
            '<th scope="col" title="{}"><span class="cd-date">{}</span><br><span class="cd-note">{}</span></th>',
            labels[event_id],
            str(day),
            shortened(titles[event_id]),
        )
        for event_id, day in events
    )
    body = []
    for theme, sectors in frame.groupby("theme", sort=False):
        body.append(
            html(
                '<tr><th scope="rowgroup" colspan="{}" class="cd-group">{}</th></tr>', 1 + len(events), theme
            )
        )
        for sector_id, label in dict.fromkeys(zip(sectors["sector_id"], sectors["sector"])):
            row = join(
                html(
                    "<td>{}</td>",
                    join(
                        (
                            _grid_cell(*cells[(sector_id, event_id, side)], codes[side])
                            for side in ds.countries
                        ),
                        "<br>",
                    ),
                )
                for event_id, _ in events
            )
            body.append(html('<tr><th scope="row">{}</th>{}</tr>', label, row))
    return _region(
        caption,
        html(
            '<caption>{}</caption><thead><tr><th scope="col">Sector</th>{}</tr></thead><tbody>{}</tbody>',
            caption,
            head,
            join(body),
        ),
        css=" cd-grid",
    )


def _statement(statement_id: str, text: object) -> Markup:
    return internal_link(routes.statement_link(statement_id), text)


def history_table(ds: Dataset, frame: pd.DataFrame, caption: str) -> Markup:
    """Each sector's history (``timeline.history``): first and last raised, meetings, sides, and strength moves."""
    head = join(
        html('<th scope="col">{}</th>', c)
        for c in (
            "Sector",
            "First raised",
            "Last raised",
            "Meetings",
            *(f"By {c}" for c in ds.countries),
            "Where its strength moved",
        )
    )
    body = []
    # The countries' columns are read by name: itertuples renames names that are not identifiers.
    for row, by_side in zip(frame.itertuples(), frame[list(ds.countries)].to_dict("records")):
        steps = [
            html(
                "{}: {}",
                country,
                join((_statement(i, f"{strength} ({day})") for day, strength, i in path), " → "),
            )
            for country, path in row.moves
        ]
        cells = [
            html("{} ({})", _statement(row.first_statement, str(row.first)), row.first_by),
            html("{} ({})", _statement(row.last_statement, str(row.last)), row.last_by),
            row.meetings,
            *(by_side[c] for c in ds.countries),
            join(steps, "<br>") if steps else "–",
        ]
        body.append(
            html(
                '<tr><th scope="row">{}</th>{}</tr>', row.sector, join(html("<td>{}</td>", c) for c in cells)
            )
        )
    return _region(
        caption,
        html("<caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody>", caption, head, join(body)),
    )
