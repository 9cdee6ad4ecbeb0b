"""Statements as HTML: their cards, an exchange of two, the claims only one account reports, one claim in several.

Every value is escaped by ``cooperation.markup``'s templates; every class is
in its stylesheet. A quote stands in quotation marks; a paraphrase is labelled
as one and never quoted; a claim with no speaker says the meeting raised it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd
from markupsafe import Markup

from cooperation import routes
from cooperation import vocabulary as vocab
from cooperation.data import Dataset
from cooperation.markup import html, internal_link, join, link, side_class, strength_class


def badge(text: str, css_class: str) -> Markup:
    return html('<span class="cd-badge {}">{}</span>', css_class, text)


def tags(labels: Sequence[str]) -> Markup:
    return join((html('<span class="cd-tag">{}</span>', label) for label in labels), " ")


def card(
    *,
    summary: str,
    strength: str,
    strength_class: str,
    evidence: str,
    quote: str,
    speaker: str | None,
    role: str | None,
    sectors: Sequence[str],
    date: object = None,
    source_title: str,
    source_url: str,
    side_class: str,
    context_url: str | None = None,
) -> Markup:
    """One statement: summary, strength badge, its evidence, who said it and where.

    A quote stands in quotation marks, with a link to it in context
    (``context_url``, a link within the app); a paraphrase is labelled as one,
    never quoted, with a link to where the account can be read. ``speaker`` is
    the speaker's name and ``role`` their role at the event (``date``); a claim
    with no speaker (``speaker`` None) says who it is given to instead, in ``role``
    (the meeting, by default).
    """
    if evidence == vocab.QUOTE:
        words = html('<blockquote class="cd-quote">“{}”</blockquote>', quote)
        links = [link(source_url, source_title)]
        if context_url:
            links.append(internal_link(context_url, "in context"))
    else:
        words = html('<p class="cd-paraphrase"><strong>Paraphrase.</strong> {}</p>', vocab.PARAPHRASE_NOTE)
        links = [html("{}: {}", source_title, link(source_url, "read the account"))]
        if context_url:
            links.append(internal_link(context_url, "on the source page"))
    who = (role or vocab.RAISED_IN_MEETING) if speaker is None else f"{speaker}, {role}"
    byline = [who, *([str(date)] if date else []), join(links, " · ")]
    return html(
        '<div class="cd-card {}"><div>{} {}</div><p class="cd-summary">{}</p>{}<p class="cd-byline">{}</p></div>',
        side_class,
        badge(strength, strength_class),
        tags(sectors),
        summary,
        words,
        join(byline, " · "),
    )


def statement_cards(ds: Dataset, statements: pd.DataFrame, *, context_links: bool = True) -> Markup:
    """The cards of these statements (rows of ``ds.statements``), each linking to its context."""
    labels = ds.sector_labels
    return join(
        card(
            summary=row.summary,
            strength=f"{row.strength} · {vocab.CALL}" if row.call == vocab.CALL else row.strength,
            strength_class=strength_class(ds.strength_colors, row.strength),
            evidence=row.evidence,
            quote=row.quote,
            speaker=row.name if row.attribution == vocab.SPEAKER else None,
            role=row.role if row.attribution == vocab.SPEAKER else vocab.who(row.attribution, row.name),
            sectors=[labels[s] for s in row.sectors],
            date=row.date,
            source_title=row.source_title,
            source_url=row.source_url,
            side_class=side_class(ds.side_colors, row.side),
            context_url=routes.statement_link(row.statement_id) if context_links else None,
        )
        for row in statements.itertuples()
    )


def _evidence(statement: pd.Series, paraphrase: str) -> Markup:
    """A quote in quotation marks, or the word that says it is a paraphrase."""
    if statement["evidence"] == vocab.QUOTE:
        return html("“{}”", statement["quote"])
    return html("<em>{}</em>", paraphrase)


def exchange(answered: pd.Series, answering: pd.Series) -> Markup:
    """A statement and the one that answers it, as a short dialogue."""

    def turn(s: pd.Series) -> Markup:
        return html(
            "<strong>{}</strong> ({}): {} {}",
            vocab.who(s["attribution"], s["name"]),
            s["strength"],
            s["summary"],
            _evidence(s, "(paraphrase)"),
        )

    return html(
        '<div class="cd-exchange"><p>{}</p><p><span aria-hidden="true">↳ </span>'
        '<span class="cd-hidden">Answered by </span>{}</p></div>',
        turn(answered),
        turn(answering),
    )


def _accounts_in(sources: Sequence[str], labels: Mapping[str, str]) -> str:
    return "; ".join(labels[s] for s in sources)


def reach_items(ds: Dataset, reaches: Sequence) -> Markup:
    """The claims of ``compare.only_in`` under what they share: where each is not mentioned, where unknown."""
    labels = ds.source_labels
    groups: dict[tuple, list] = {}
    for reach in reaches:
        groups.setdefault((reach.not_mentioned_in, reach.unknown_in), []).append(reach.statement)
    out = []
    for (absent, unknown), statements in groups.items():
        said = [f"Not mentioned in the account of {_accounts_in(absent, labels)}."] if absent else []
        if unknown:
            said.append(
                f"Unknown in the account of {_accounts_in(unknown, labels)}: its copy is cut off before "
                "that speaker's part."
            )
        items = [
            html(
                "<li><strong>{}</strong> {}, {}; {}. {}{}</li>",
                s["summary"],
                vocab.who(s["attribution"], s["name"]),
                s["strength"],
                _evidence(s, "paraphrase"),
                internal_link(routes.statement_link(s["statement_id"]), "on the source page"),
                html('<br><span class="cd-note">Note: {}</span>', s["notes"]) if s.get("notes") else "",
            )
            for s in statements
        ]
        out.append(html('<p class="cd-said">{}</p><ul class="cd-list">{}</ul>', " ".join(said), join(items)))
    return join(out)


def _marked(words: Sequence[tuple[str, bool]]) -> Markup:
    return join(
        (html('<span class="cd-differs">{}</span>', w) if differs else w for w, differs in words), " "
    )


def same_claim(
    claim: pd.DataFrame, compared: str, marked: Sequence, account_labels: Mapping[str, str]
) -> Markup:
    """One claim in several accounts side by side, the words that differ underlined and listed in words too."""
    boxes, differing = [], []
    for row, words in zip(claim.itertuples(), marked):
        label = account_labels[row.source_id]
        if compared == vocab.QUOTE:
            shown = html("“{}”", _marked(words))
        else:
            evidence = (
                html("Quote: “{}”", row.quote)
                if row.evidence == vocab.QUOTE
                else html("<em>Paraphrase: text not held.</em>")
            )
            shown = html('{}<br><span class="cd-note">{}</span>', _marked(words), evidence)
        boxes.append(
            html('<div class="cd-claim"><strong>{}</strong> ({})<br>{}</div>', label, row.strength, shown)
        )
        runs = " ".join(w for w, d in words if d)
        if runs:
            differing.append(f"“{runs}” ({label})")
    what = "the quotes" if compared == vocab.QUOTE else "our summaries (an account's text is not held)"
    differs = f"Words that differ: {'; '.join(differing)}." if differing else "No words differ."
    return html(
        '<p class="cd-compared">Compared: {}. {}</p><div class="cd-claims">{}</div>',
        what,
        differs,
        join(boxes),
    )


def narration_list(narration: pd.DataFrame) -> Markup:
    """An account's passages that carry no claim, in our words, each with its kind."""
    items = join(html("<li>{} <em>({})</em></li>", n.text, n.kind) for n in narration.itertuples())
    return html(
        "<p>Also in this account, in our words, and not a claim of either side:</p><ul>{}</ul>", items
    )


# --- Over time -------------------------------------------------------------------------------


def _byline(s: pd.Series) -> Markup:
    """Date, who (with the role of the day) and how strongly, of one statement."""
    who = (
        f"{s['name']}, {s['role']}"
        if s["attribution"] == vocab.SPEAKER
        else vocab.who(s["attribution"], s["name"])
    )
    return html("{} · {} · {}", str(s["date"]), who, s["strength"])


def _line(s: pd.Series) -> Markup:
    """One statement on one line: its date, speaker and strength, its summary, its evidence and a link to it."""
    return html(
        "{}: {} {} ({}) {}",
        _byline(s),
        s["summary"],
        _evidence(s, "paraphrase"),
        s["source_title"],
        internal_link(routes.statement_link(s["statement_id"]), "on the source page"),
    )


def statements_behind(ds: Dataset, statement_ids: Sequence[str], what: str, sector_id: str) -> Markup:
    """The statements behind an entry on a sector, folded: ``what`` names the entry for the disclosure's label.

    Past ``CARD_LIMIT`` statements, the rest are left to the overview filtered by the sector, which links to.
    """
    by_id = ds.statements_by_id
    shown = statement_ids[: vocab.CARD_LIMIT]
    items = join(html("<li>{}</li>", _line(by_id.loc[i])) for i in shown)
    if len(statement_ids) > len(shown):
        items = join(
            [
                items,
                html(
                    "<li>{} more: {}.</li>",
                    f"{len(statement_ids) - len(shown):,}",
                    internal_link(
                        routes.link(routes.OVERVIEW, **{routes.SECTOR: sector_id}),
                        "all of them in the overview, filtered by this sector",
                    ),
                ),
            ]
        )
    return html(
        '<details class="cd-behind"><summary>{} behind {}</summary><ul class="cd-list">{}</ul></details>',
        vocab.plural(len(statement_ids), "statement").capitalize(),
        what,
        items,
    )


def one_side_items(ds: Dataset, frame: pd.DataFrame) -> Markup:
    """The sectors of ``timeline.one_side_only`` for one side: theme, the meetings by date, the statements folded."""
    dates = dict(zip(ds.events["event_id"], ds.events["date"]))
    items = join(
        html(
            "<li><strong>{}</strong> ({}): at {}, {}.{}</li>",
            row.sector,
            row.theme,
            vocab.plural(len(row.meetings), "meeting"),
            "; ".join(
                f"{day} ({n} meetings)" if n > 1 else str(day)
                for day, n in Counter(dates[e] for e in row.meetings).items()
            ),
            statements_behind(ds, row.statement_ids, row.sector, row.sector_id),
        )
        for row in frame.itertuples()
    )
    return html('<ul class="cd-list">{}</ul>', items)


def labels_list(ds: Dataset, frame: pd.DataFrame) -> Markup:
    """The relationship's label over time (``timeline.labels``): the words, who used them when, in which account."""
    by_id = ds.statements_by_id
    items = join(
        html(
            "<li><strong>{}</strong> · {} · {}{}: {}</li>",
            row.formula,
            _byline(by_id.loc[row.statement_id]),
            row.account,
            " (following up the statement that used it)" if row.recalled else "",
            internal_link(routes.statement_link(row.statement_id), "on the source page"),
        )
        for row in frame.itertuples()
    )
    return html('<ul class="cd-list">{}</ul>', items)


def follow_ups(earlier: pd.Series, later: Sequence[pd.Series]) -> Markup:
    """A statement, and each later one that follows it up beneath it, every one with its date."""
    return html(
        '<div class="cd-exchange"><p>{}</p>{}</div>',
        _line(earlier),
        join(
            html(
                '<p><span aria-hidden="true">↳ </span><span class="cd-hidden">Followed up by </span>{}</p>',
                _line(s),
            )
            for s in later
        ),
    )
