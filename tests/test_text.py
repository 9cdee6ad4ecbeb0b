"""The sentence splitter and the quote finder: what makes a sentence, and where a quote stands."""

from __future__ import annotations

import pytest

from cooperation import text as textlib


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in textlib.sentences(text)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Ready? Yes! Done.", ["Ready?", "Yes!", "Done."]),
        ('He said: "We agree." Then he left.', ['He said: "We agree."', "Then he left."]),
        ("“We agree.” “So do we.”", ["“We agree.”", "“So do we.”"]),
        ("It rose 5.5 per cent. Then 2024 came.", ["It rose 5.5 per cent.", "Then 2024 came."]),
        ("Talks in the E.U. today. no capital follows.", ["Talks in the E.U. today. no capital follows."]),
        ("  Leading space.\n\nAfter a blank line.  ", ["Leading space.", "After a blank line."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("", []),
        ("   \n ", []),
    ],
)
def test_a_sentence_ends_at_a_stop_before_a_capital_or_a_digit(text, wanted):
    """A sentence ends at . ! or ?, after an optional closing quote, where a capital, a digit or a quote follows."""
    assert _sentences(text) == wanted


def test_sentences_are_spans_of_the_text_stripped_of_space():
    """Each sentence is a (start, end) span that points into the text, with no white space at either end."""
    text = " A b.  C d.\n"
    for start, end in textlib.sentences(text):
        assert text[start:end] == text[start:end].strip()
        assert start < end


def test_a_quote_is_found_whatever_its_white_space():
    """A quote matches across line breaks and double spaces, and nowhere else; an empty quote matches nothing."""
    text = "China is willing to\n  strengthen  dialogue, he said."
    start, end = textlib.find("willing to strengthen dialogue", text)
    assert text[start:end] == "willing to\n  strengthen  dialogue"
    assert textlib.find("willing to weaken dialogue", text) is None
    assert textlib.find("   ", text) is None
    assert textlib.find("dialogue.", text) is None  # the text has a comma there
    assert textlib.find("(a+)", "x (a+) y") == (2, 6)  # no regular expression is read from a quote


def test_spans_overlap_only_when_they_share_a_character():
    assert textlib.overlaps((0, 5), (4, 9))
    assert not textlib.overlaps((0, 5), (5, 9))
