"""Colours, marker symbols and fill patterns: one place for what charts, cards and the source page draw with.

Every colour here stands out from the white background by at least 3:1 (WCAG
2.2's non-text contrast), and each carries white text at 4.5:1 or more, so
a label may sit on it. Colour never carries meaning alone: each side also has
a marker symbol and a bar pattern, each strength a pattern, and every one is
named in a legend or a label. The dataset maps its own sides, strengths and
themes onto these (``Dataset.side_colors`` and the like), so each keeps its
colour on every page.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.colors

# Okabe & Ito (2008), "Color Universal Design": its blue and vermilion first (the
# two sides of a two-country dataset contrast most), then darker shades of its
# green, orange and purple, each dark enough for white text.
COUNTRY_COLORS = ("#0072B2", "#B35000", "#007A5E", "#9E5B00", "#A0527F", "#2F6F9F")
THEME_COLORS = ("#2F6F9F", "#007A5E", "#9E5B00", "#A0527F", "#0072B2", "#B35000")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "cross", "pentagon", "hexagon")  # "star": both sides
PATTERNS = ("", "/", "x", "-", "|", "\\")  # "." is kept for claims with no speaker, "+" for both sides
TOGETHER_COLOR = "#6A3D9A"  # claims an account gives to both sides together
TOGETHER_SYMBOL = "star"
TOGETHER_PATTERN = "+"
UNNAMED_COLOR = "#595959"  # claims an account attributes to no speaker
THIRD_PARTY_COLOR = "#4D6B2F"  # accounts published by neither side
THIRD_PARTY_PATTERN = "."
THIRD_PARTY_SYMBOL = "triangle-down"  # not among SYMBOLS: no country takes it
MEETING_SYMBOL = "line-ns-open"  # a contact itself, on a time axis
UNNAMED_SYMBOL = "x"
UNNAMED_PATTERN = "."
BACKGROUND = "#ffffff"
TEXT = "#14161c"  # the theme's text colour (.streamlit/config.toml)
ROOT = "#f4f4f4"  # the treemap's outer box
QUIET_TEXT = "#555555"  # secondary text: who said it, and where
GRID = "#e5e5e5"  # chart grid lines: faint, they carry no meaning
BORDER = "#cccccc"  # card and table borders: decoration, the text inside carries the meaning
FOCUS = "#0072B2"  # the keyboard's focus ring: the theme's primary colour, 5.2:1 against white
RULE = "#767676"  # a line that means something (a divider in a chart, a tag's outline)
STRENGTH_SCALE = ("cividis", 0.0, 0.45)  # the dark half of cividis: strongest darkest, all dark enough


def country_colors(countries: Sequence[str]) -> dict[str, str]:
    """One colour per country, in the order given."""
    return {c: COUNTRY_COLORS[i % len(COUNTRY_COLORS)] for i, c in enumerate(countries)}


def country_symbols(countries: Sequence[str]) -> dict[str, str]:
    """One marker symbol per country, in the order given."""
    return {c: SYMBOLS[i % len(SYMBOLS)] for i, c in enumerate(countries)}


def country_patterns(countries: Sequence[str]) -> dict[str, str]:
    """One bar fill pattern per country, in the order given (the first solid)."""
    return {c: PATTERNS[i % len(PATTERNS)] for i, c in enumerate(countries)}


def theme_colors(themes: Sequence[str]) -> dict[str, str]:
    """One colour per theme, in the order given."""
    return {t: THEME_COLORS[i % len(THEME_COLORS)] for i, t in enumerate(themes)}


def strength_colors(strengths: Sequence[str]) -> dict[str, str]:
    """A dark ramp of the cividis scale, strongest darkest."""
    scale, low, high = STRENGTH_SCALE
    n = len(strengths)
    points = [low + (high - low) * i / max(n - 1, 1) for i in range(n)]
    colors = plotly.colors.sample_colorscale(scale, points, colortype="tuple")
    return {s: "#" + "".join(f"{round(c * 255):02x}" for c in rgb) for s, rgb in zip(strengths, colors)}


def strength_patterns(strengths: Sequence[str]) -> dict[str, str]:
    """One bar fill pattern per strength, strongest solid."""
    return {s: PATTERNS[i % len(PATTERNS)] for i, s in enumerate(strengths)}
