"""Cooperation dashboard: the entry point.

Sets up the page, loads the data once, holds the sidebar filters (so they
hold on every page and live in the URL) and builds the navigation from the
data (``pages.navigation``): an overview, one page per theme in the themes'
order, the annotated source and the data page.

Run with ``streamlit run app.py``; ``COOPERATION_DATA`` chooses the data.
"""

from __future__ import annotations

import streamlit as st

import pages
from cooperation import ui

legacy_router = ui.legacy_router_active()  # read before st.navigation switches it off
st.set_page_config(page_title="Cooperation dashboard", page_icon=":material/handshake:", layout="wide")

ds = ui.dataset()
filters = ui.sidebar_filters(ds)
page = st.navigation(pages.navigation(ds, filters))
if legacy_router:
    st.rerun()  # once: from now on this process runs without the legacy router
page.run()
