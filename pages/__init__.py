"""Thin page modules, one per kind of page, each with a docstring and a ``render`` function.

``navigation(ds, filters, state)`` turns the dataset's routes
(``cooperation.routes``) into Streamlit pages, in one flat list (sections
would put elements that are not list items into the navigation's list, which
screen readers announce wrongly); app.py and the tests both use it. Each page
names itself in the browser's title bar.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from cooperation import routes, ui
from cooperation.data import Dataset
from cooperation.filters import Filters
from cooperation.markup import md_escape
from cooperation.service import Served
from pages import about, comparison, home, source_text, theme


def _render(route: routes.Route, ds: Dataset, filters: Filters, state: Served) -> Callable[[], None]:
    """What draws a route's page."""
    if route.kind == routes.THEME:
        return partial(theme.render, ds, filters, route.theme_id)
    if route.kind == routes.DATA:
        return partial(about.render, ds, state)
    render = {
        routes.OVERVIEW: home.render,
        routes.ACCOUNTS: comparison.render,
        routes.SOURCE: source_text.render,
    }
    return partial(render[route.kind], ds, filters)


def _titled(route: routes.Route, render: Callable[[], None]) -> Callable[[], None]:
    """The page's render, after naming the page and the dashboard in the browser's title bar."""

    def run() -> None:
        st.set_page_config(page_title=f"{route.title} · {ui.DASHBOARD}")
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
        for route in routes.routes(ds)
    ]
