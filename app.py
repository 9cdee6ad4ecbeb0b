"""Cooperation dashboard: the entry point.

Sets up the page, loads the data once (``serving.served``: the last valid
version of the files, kept while an edit is under way), holds the sidebar
filters (so they hold on every page and live in the URL) and builds the
navigation from the data (``pages.navigation``): an overview, the accounts
compared, the relationship over time, one page per theme in the themes'
order, the sources and the data page. ``main`` is the one start-up path: the tests run app.py too.

Run with ``streamlit run app.py``; ``COOPERATION_DATA`` chooses the data.
``streamlit run`` finds ``app`` below, an ASGI app serving this script, whose
start-up hook (``serving.before_serving``) runs before the first visitor.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

import streamlit as st

import pages
from cooperation.web import serving, sidebar, widgets


def main() -> None:
    """One run of the script: one page load or one widget change."""
    st.set_page_config(page_title=pages.DASHBOARD, page_icon=":material/handshake:", layout="wide")
    state = serving.served()
    ds = serving.dataset(state)
    widgets.page_styles(ds)
    filters = sidebar.filters(ds)
    st.navigation(pages.navigation(ds, filters, state)).run()


@asynccontextmanager
async def serve(_app):
    """Before the server takes its first request: route with st.navigation only, and load the data."""
    serving.before_serving()
    yield


if __name__ == "__main__":  # a script run
    main()
else:  # imported by `streamlit run app.py`, as Streamlit Community Cloud runs it
    app = st.App(__file__, lifespan=serve)
