"""The domain's values and words: one home for what the code relies on and how the pages say it.

The data package's descriptor declares the allowed values of its columns; the
code relies on a few of them meaning exactly one thing (a claim attributed to
the meeting has no speaker; a quote is verbatim, a paraphrase is ours). Those
values live here, and ``cooperation.descriptor`` checks that the descriptor
declares them, so that a package that validates renders every page.

This module imports nothing, so every other one may import it.
"""

from __future__ import annotations

# --- Values the code relies on (statements.attribution, .evidence; narration.evidence) -------

SPEAKER = "speaker"  # the account attributes the claim to a named speaker
BOTH = "both"  # the account gives the claim to the sides together ("the two sides agreed")
MEETING = "meeting"  # the account says a topic was discussed, naming no one
ATTRIBUTIONS = (SPEAKER, BOTH, MEETING)

QUOTE = "quote"  # the words of a source whose text is held, verbatim
PARAPHRASE = "paraphrase"  # our wording of an account whose text is not held
EVIDENCE = (QUOTE, PARAPHRASE)

CALL = "call"  # statements.call: the claim is put as a call on the other side, or on both ("should", "urged")

THIRD_PARTY = "third party"  # sources.side of an account published by neither side (else a country's name)

# sources.completeness: how much of the account the copy read holds ("not recorded": the notes do not say).
COMPLETE, CUT_OFF, EXCERPT, NOT_RECORDED = "complete", "cut off", "excerpt", "not recorded"
COMPLETENESS = (COMPLETE, CUT_OFF, EXCERPT, NOT_RECORDED)

# The enums the descriptor must declare with exactly these values (in any order)...
EXACT_ENUMS = {
    ("statements", "attribution"): ATTRIBUTIONS,
    ("statements", "evidence"): EVIDENCE,
    ("statements", "call"): (CALL,),
    ("narration", "evidence"): EVIDENCE,
    ("sources", "completeness"): COMPLETENESS,
    ("copies", "completeness"): COMPLETENESS,
}
# ...and the one that is a scale: the descriptor's order is the order, strongest first.
SCALE = ("statements", "strength")

# --- Words ----------------------------------------------------------------------------------

UNNAMED = "Speaker not named"  # the side (in charts and tables) of a claim attributed to no speaker
TOGETHER = "Both sides together"  # the side of a claim an account gives to the sides together
RAISED_IN_MEETING = "Raised in the meeting (speaker not named)"  # who said it, on a card or in a list
AGREED = "The sides together"  # who said it, on a card or in a list, for a claim of both sides
NO_SPEAKER_CLAIMS = "claims with no speaker named"  # such claims, counted together
EVIDENCE_LABELS = {QUOTE: "Quote", PARAPHRASE: "Paraphrase (text not held)"}
PARAPHRASE_NOTE = "We do not hold this account's text, so the summary above is our wording of what it says."


def who(attribution: str, name: str) -> str:
    """Who a claim is from, as a card or a list says it: the speaker's name, the sides together, or the meeting."""
    return {MEETING: RAISED_IN_MEETING, BOTH: AGREED}.get(attribution, name)


def every_side(countries: int) -> str:
    """How the sides of an event are named together: 'both sides' for two, 'every side' for more."""
    return "both sides" if countries == 2 else "every side"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 statement', '1,204 statements'; ``many`` where the plural is not the word and an s."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def article(word: str) -> str:
    """'a' or 'an' before a word, by its first letter ('an event_id', 'a source_id')."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def listed(items: list[str], limit: int = 3) -> str:
    """'a', 'a and b', 'a, b and c', or 'a, b, c and 2 more'."""
    if len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def shortened(title: str, width: int = 40) -> str:
    """A title cut at a word before ``width`` characters, with an ellipsis (where the whole is a tooltip away)."""
    if len(title) <= width:
        return title
    cut = title[: width - 1].rsplit(" ", 1)[0] if " " in title[: width - 1] else title[: width - 1]
    return cut.rstrip(",;:") + "…"


# --- Limits ---------------------------------------------------------------------------------

TABLE_LIMIT = 200  # rows the statements table sends per update; its download holds them all
CARD_LIMIT = 50  # cards per side on a theme page; the overview's table and download hold all
# Downloads up to this size are made with the page (and cached), so their file lives as long as the page; larger
# ones are made on click, a file Streamlit may drop when other sessions finish runs (cooperation.views).
EAGER_DOWNLOAD_STATEMENTS = 5_000
EAGER_DOWNLOAD_BYTES = 20 * 2**20
MAX_TEXT = 200  # characters of a free-text search kept from a link
