"""Colours and marker symbols: one place for what charts, cards and the source page draw with.

Colours are colour-blind safe: Okabe-Ito for countries and themes, the
cividis scale for commitment strength. The dataset maps its own countries and
strengths onto them (``Dataset.country_colors``, ``Dataset.strength_colors``),
so each country keeps its colour on every page.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.colors

# Okabe & Ito (2008), "Color Universal Design", reordered so that the first
# two colours, used for a two-country dataset, contrast most.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "cross", "x", "star", "pentagon")
UNNAMED_COLOR = "#595959"  # claims an account attributes to no speaker
UNNAMED_SYMBOL = "x"
GRID = "#e5e5e5"
RULE = "#888"


def country_colors(countries: Sequence[str]) -> dict[str, str]:
    """One colour per country, in the order given."""
    return {c: OKABE_ITO[i % len(OKABE_ITO)] for i, c in enumerate(countries)}


def country_symbols(countries: Sequence[str]) -> dict[str, str]:
    """One marker symbol per country, in the order given."""
    return {c: SYMBOLS[i % len(SYMBOLS)] for i, c in enumerate(countries)}


def theme_colors(themes: Sequence[str]) -> dict[str, str]:
    """One colour per theme, in the order given, after the countries' first two."""
    return {t: OKABE_ITO[(i + 2) % len(OKABE_ITO)] for i, t in enumerate(themes)}


def strength_colors(strengths: Sequence[str]) -> dict[str, str]:
    """A dark-to-light cividis ramp, strongest commitment darkest."""
    n = len(strengths)
    points = [0.05 + 0.85 * i / max(n - 1, 1) for i in range(n)]
    return dict(zip(strengths, plotly.colors.sample_colorscale("cividis", points)))
