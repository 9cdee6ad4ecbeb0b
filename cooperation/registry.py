"""Every chart the pages draw, as a value: its name, what it shows, and how its aggregate, figure, takeaway and table are made.

Pure: the pages show these with ``cooperation.web.widgets.show_chart``, and the
tests import them without Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from cooperation import aggregate, charts, describe, timeline
from cooperation.data import Dataset

NUMBERS = "The chart's numbers, as a table"  # the expander under every chart


@dataclass(frozen=True)
class Chart:
    """A chart: its name, what it shows, and how its aggregate, figure, takeaway and table are made."""

    label: str
    caption: str
    aggregate: Callable[[Dataset, pd.DataFrame], pd.DataFrame]
    figure: Callable[[Dataset, pd.DataFrame], go.Figure]
    takeaway: Callable[[Dataset, pd.DataFrame], str]
    table: Callable[[Dataset, pd.DataFrame], pd.DataFrame]


# The overview's charts, in the order of the radio buttons that pick one (the pick is kept in the link: ?chart=Mentions).
OVERVIEW = (
    Chart(
        "Convergence",
        "Where the sides converge: for each sector, the strongest commitment each side made, in the "
        "accounts listed above. A sector counts as named by every side only when one account reports "
        "every side naming it; sectors that two accounts each report one side naming stand in a group "
        "of their own. Claims an account attributes to no speaker are shown, and count for no side.",
        aggregate.convergence,
        charts.convergence_chart,
        describe.convergence,
        describe.convergence_table,
    ),
    Chart(
        "Mentions",
        "Sector mentions by side: how many statements from each country's speakers, and with no "
        "speaker named, name each sector.",
        aggregate.mentions,
        charts.mentions_chart,
        describe.mentions,
        describe.mentions_table,
    ),
    Chart(
        "Themes",
        "Themes and their sectors: each theme as a box holding its sectors, sized by the number of "
        "statements that name them.",
        aggregate.hierarchy,
        charts.hierarchy_chart,
        describe.hierarchy,
        describe.hierarchy_table,
    ),
    Chart(
        "Strength",
        "Commitment strength by speaker: how many of each speaker's statements fall at each "
        "commitment strength, strongest first.",
        aggregate.strength,
        charts.strength_chart,
        describe.strength,
        describe.strength_table,
    ),
)

# A theme page's one chart.
THEME = Chart(
    "Sectors",
    "How many statements from each country's speakers, and with no speaker named, name each sector of this theme.",
    aggregate.mentions,
    charts.mentions_chart,
    describe.mentions,
    describe.mentions_table,
)

# The "Over time" page's charts: the meetings on a time axis, and how far the sides converged at each.
MEETINGS = Chart(
    "Meetings",
    "The meetings on a time axis: a mark at each date with the number of meetings above it, and below, how "
    "many of their accounts each side published, and third parties. Meetings within a month of each other "
    "share a mark; hover over it, or open the table, for each meeting. The space between marks is the time "
    "between contacts.",
    timeline.meetings,
    charts.meetings_chart,
    describe.meetings,
    describe.meetings_table,
)
CONVERGENCE_OVER_TIME = Chart(
    "Convergence over time",
    "Convergence over time: at each meeting, how many sectors every side named in one account, named "
    "only across accounts, were named by one side only, or by one side where an account lacks the other "
    "side's part, so that its absence is unknown.",
    timeline.convergence,
    charts.convergence_over_time_chart,
    describe.convergence_over_time,
    describe.convergence_over_time_table,
)
