"""Locate quotes in their source text and split a source into sentences.

A quote is verbatim when its words, in order, occur in the source with only
white space differing (line breaks, double spaces).
"""

from __future__ import annotations

import re
from functools import lru_cache

# A sentence ends at . ! or ?, optionally followed by a closing quotation mark,
# then white space, then (optionally an opening quotation mark and) a capital
# letter or a digit.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018]?[A-Z0-9])")


@lru_cache(maxsize=4096)
def _pattern(quote: str) -> re.Pattern[str] | None:
    words = quote.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def find(quote: str, text: str) -> tuple[int, int] | None:
    """The (start, end) of the first occurrence of ``quote`` in ``text``."""
    pattern = _pattern(quote)
    if pattern is None:
        return None
    match = pattern.search(text)
    return match.span() if match else None


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of the sentences of ``text``, stripped of white space."""
    spans = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        spans.append((start, boundary.start() + len(boundary.group().rstrip())))
        start = boundary.end()
    spans.append((start, len(text)))
    return [_strip(text, a, b) for a, b in spans if text[a:b].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
