"""Thin page modules, one per kind of page, each with a docstring and a ``render`` function.

``routes(ds)`` lists a dataset's pages in navigation order: the overview, the
accounts compared (when an event has several accounts), the relationship over
time (when the data has more than one event), one page per theme in
the themes' order, the sources and the data page. ``navigation(ds, filters,
state)`` turns them into Streamlit pages, in one flat list (sections would put
elements that are not list items into the navigation's list, which screen
readers announce wrongly); app.py builds the navigation from it. Each page
names itself in the browser's title bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import streamlit as st

from cooperation import routes as paths
from cooperation.data import Dataset
from cooperation.filters import Filters
from cooperation.markup import md_escape
from cooperation.service import Served
from pages import about, comparison, home, source_text, theme, timeline

DASHBOARD = "Cooperation dashboard"  # the product's name, in every page's browser title


@dataclass(frozen=True)
class Route:
    """One page of the app: what kind it is, where it lives and how the navigation names it."""

    kind: str
    path: str
    title: str
    icon: str
    theme_id: str | None = None

    @property
    def default(self) -> bool:
        return self.kind == paths.OVERVIEW


def routes(ds: Dataset) -> tuple[Route, ...]:
    """Every page of the dataset in navigation order: overview, comparison, over time, themes, sources, data."""
    compared = (Route(paths.ACCOUNTS, paths.ACCOUNTS, "Accounts compared", ":material/compare:"),)
    over_time = (Route(paths.TIMELINE, paths.TIMELINE, "Over time", ":material/timeline:"),)
    return (
        Route(paths.OVERVIEW, paths.OVERVIEW, "Overview", ":material/dashboard:"),
        *(compared if ds.compared_events else ()),
        *(over_time if len(ds.events) > 1 else ()),
        *(
            Route(paths.THEME, row.theme_id, row.title, ":material/label:", theme_id=row.theme_id)
            for row in ds.themes.itertuples()
        ),
        Route(paths.SOURCE, paths.SOURCE, "Sources", ":material/article:"),
        Route(paths.DATA, paths.DATA, "Data and method", ":material/dataset:"),
    )


def _render(route: Route, ds: Dataset, filters: Filters, state: Served) -> Callable[[], None]:
    """What draws a route's page."""
    if route.kind == paths.THEME:
        return partial(theme.render, ds, filters, route.theme_id)
    if route.kind == paths.DATA:
        return partial(about.render, ds, state)
    render = {
        paths.OVERVIEW: home.render,
        paths.ACCOUNTS: comparison.render,
        paths.TIMELINE: timeline.render,
        paths.SOURCE: source_text.render,
    }
    return partial(render[route.kind], ds, filters)


def _titled(route: Route, render: Callable[[], None]) -> Callable[[], None]:
    """The page's render, after naming the page and the dashboard in the browser's title bar."""

    def run() -> None:
        st.set_page_config(page_title=f"{route.title} · {DASHBOARD}")
        render()

    return run


def navigation(ds: Dataset, filters: Filters, state: Served) -> list[st.Page]:
    """Every page of the dataset as a Streamlit page, in the routes' order."""
    return [
        st.Page(
            _titled(route, _render(route, ds, filters, state)),
            title=md_escape(route.title),
            icon=route.icon,
            url_path=route.path,
            default=route.default,
        )
        for route in routes(ds)
    ]
