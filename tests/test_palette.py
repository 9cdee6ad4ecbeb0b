"""Contrast in the theme we ship: text at 4.5:1 or more, chart marks at 3:1 or more, by WCAG 2.2's formula."""

from __future__ import annotations

import tomllib

import pytest

from cooperation import palette
from tests.helpers import ROOT

MARKS = {
    **{f"country {i}": c for i, c in enumerate(palette.COUNTRY_COLORS)},
    **{f"theme {i}": c for i, c in enumerate(palette.THEME_COLORS)},
    "no speaker named": palette.UNNAMED_COLOR,
    **{
        f"strength {i} of 8": c
        for i, c in enumerate(palette.strength_colors([str(i) for i in range(8)]).values())
    },
}


def _luminance(color: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour."""
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2.2's contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    """Black on white is 21:1, white on white 1:1, and #767676 on white the familiar 4.54:1."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_shipped_theme_uses_the_palettes_text_colour():
    """.streamlit/config.toml's text colour is the palette's, so what is measured here is what ships."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["textColor"].lower() == palette.TEXT
    assert theme.get("backgroundColor", palette.BACKGROUND).lower() == palette.BACKGROUND


@pytest.mark.parametrize(
    ("name", "color", "background"),
    [
        ("text", palette.TEXT, palette.BACKGROUND),
        ("text on a treemap's outer box or a table's group row", palette.TEXT, palette.ROOT),
        ("quiet text", palette.QUIET_TEXT, palette.BACKGROUND),
        # Streamlit fades captions to 60% of the text colour over the background.
        ("a caption", "#{:02x}{:02x}{:02x}".format(*(round(0.6 * int(palette.TEXT[i : i + 2], 16) + 0.4 * 255) for i in (1, 3, 5))), palette.BACKGROUND),
    ],
)  # fmt: skip
def test_text_has_at_least_4_5_to_1(name, color, background):
    """Every colour of text stands out from its background at 4.5:1 or more."""
    assert contrast(color, background) >= 4.5, (name, color, round(contrast(color, background), 2))


@pytest.mark.parametrize(("name", "color"), MARKS.items())
def test_every_mark_stands_out_and_carries_white_text(name, color):
    """Every mark colour has 3:1 against white and against the treemap's box, and white text on it has 4.5:1."""
    assert contrast(color, palette.BACKGROUND) >= 4.5, (name, color)  # so white text on it has 4.5:1 too
    assert contrast(color, palette.ROOT) >= 3, (name, color)


def test_a_meaningful_rule_has_3_to_1():
    """A line that carries meaning (a chart's divider, a tag's outline, the focus ring) has 3:1 against white."""
    assert contrast(palette.RULE, palette.BACKGROUND) >= 3
    assert contrast(palette.FOCUS, palette.BACKGROUND) >= 3


def test_the_focus_ring_is_the_themes_primary_colour():
    """The focus ring drawn by the dashboard's styles is the theme's primary colour, as shipped."""
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"].upper() == palette.FOCUS.upper()


@pytest.mark.parametrize("n", range(1, 9))
def test_strengths_darken_from_weakest_to_strongest(n):
    """However many strengths a dataset has, each has its own colour, and the stronger is always the darker."""
    colors = list(palette.strength_colors([str(i) for i in range(n)]).values())
    assert len(set(colors)) == n
    assert [_luminance(c) for c in colors] == sorted(_luminance(c) for c in colors)


def test_sides_differ_by_more_than_colour():
    """Each of the first sides has its own colour, marker symbol and bar pattern, and no side's look is the unnamed's."""
    sides = [f"side {i}" for i in range(len(palette.COUNTRY_COLORS))]
    looks = [palette.country_colors(sides), palette.country_symbols(sides), palette.country_patterns(sides)]
    for look, unnamed in zip(looks, (palette.UNNAMED_COLOR, palette.UNNAMED_SYMBOL, palette.UNNAMED_PATTERN)):
        assert len(set(look.values())) == len(sides), look
        assert unnamed not in look.values(), look
