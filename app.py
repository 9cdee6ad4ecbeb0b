"""Cooperation dashboard: the entry point.

Sets up the page, loads the data once, holds the sidebar filters (so they
hold on every page and live in the URL) and builds the navigation from the
data: an overview, one page per theme in the themes' order, the annotated
source and the data page.

Run with ``streamlit run app.py``; ``COOPERATION_DATA`` chooses the data.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from cooperation import ui
from cooperation.checks import FIXED_PAGES
from pages import about, home, source_text, theme

legacy_router = ui.legacy_router_active()  # read before st.navigation switches it off
st.set_page_config(page_title="Cooperation dashboard", page_icon=":material/handshake:", layout="wide")

ds = ui.dataset()
filters = ui.sidebar_filters(ds)

overview_path, source_path, data_path = FIXED_PAGES
overview = st.Page(
    partial(home.render, ds, filters),
    title="Overview",
    icon=":material/dashboard:",
    url_path=overview_path,
    default=True,
)
themes = [
    st.Page(
        partial(theme.render, ds, filters, row.theme_id),
        title=ui.md_escape(row.title),
        icon=":material/label:",
        url_path=row.theme_id,
    )
    for row in ds.themes.itertuples()
]
reference = [
    st.Page(
        partial(source_text.render, ds, filters),
        title="Source text",
        icon=":material/article:",
        url_path=source_path,
    ),
    st.Page(
        partial(about.render, ds), title="Data and method", icon=":material/dataset:", url_path=data_path
    ),
]

page = st.navigation({"Dashboard": [overview], "Themes": themes, "Sources and method": reference})
if legacy_router:
    st.rerun()  # once: from now on this process runs without the legacy router
page.run()
