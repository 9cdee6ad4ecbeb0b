"""Cooperation dashboard: the entry point.

Sets up the page, loads the data once (``ui.served``: the last valid version of
the files, kept while an edit is under way), holds the sidebar filters (so
they hold on every page and live in the URL) and builds the navigation from
the data (``pages.navigation``): an overview, the accounts compared, one page
per theme in the themes' order, the sources and the data page.

Run with ``streamlit run app.py``; ``COOPERATION_DATA`` chooses the data.
``streamlit run`` finds ``app`` below, an ASGI app serving this script, whose
start-up hook (``ui.before_serving``) runs before the first visitor.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import streamlit as st

import pages
from cooperation import ui


def main() -> None:
    """One run of the script: one page load or one widget change."""
    st.set_page_config(page_title=ui.DASHBOARD, page_icon=":material/handshake:", layout="wide")
    ui.page_styles()
    state = ui.served()
    ds = ui.dataset(state)
    filters = ui.sidebar_filters(ds)
    st.navigation(pages.navigation(ds, filters, state)).run()


@asynccontextmanager
async def serve(_app):
    """Before the server takes its first request: route with st.navigation only, and load the data."""
    ui.before_serving()
    yield


if __name__ == "__main__":  # a script run
    main()
else:  # imported by `streamlit run app.py`, as Streamlit Community Cloud runs it
    app = st.App(__file__, lifespan=serve)
