"""Serving the data: one publisher per server process, read once per run, and what a server does first.

``served()`` answers each run with the last valid version of the files and what
waits on disk (``cooperation.service``); ``dataset()`` shows the problems
instead, and stops, only when the server has never had valid data.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cooperation import service
from cooperation.data import Dataset, data_dir
from cooperation.display import pending_notice


@st.cache_resource
def publisher(path: str) -> service.Publisher:
    """The one publisher of the data directory, for every session of this server."""
    service.log_to_stderr()
    return service.Publisher(Path(path), settle=service.settle_seconds(), look=service.look_seconds())


def served() -> service.Served:
    """What this run shows, read once per run: the published dataset and what waits on disk."""
    return publisher(str(data_dir())).current()


def before_serving() -> None:
    """What a server does once, before its first visitor: route with st.navigation only, and load the data.

    With a ``pages/`` folder beside app.py, Streamlit's legacy router (which
    knows only the modules in ``pages/``) runs each process's very first script
    run and answers a deep link such as ``/source`` with a "Page not found"
    dialog, until ``st.navigation`` switches it off: its first call sets
    ``PagesManager.uses_pages_directory = False``
    (streamlit/commands/navigation.py; the legacy run is ``_mpa_v1`` in
    streamlit/runtime/scriptrunner/script_runner.py). Setting it before any
    session exists makes every run, the first included, go through
    ``st.navigation``.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    served()


def dataset(state: service.Served) -> Dataset:
    """The published dataset, with a calm notice when an update is pending; with none, the problems, and stop."""
    from cooperation.web import widgets

    if state.dataset is None:
        widgets.error_panel(state.problems)
        st.stop()
    if state.pending is not None:
        st.sidebar.info(pending_notice(state), icon=":material/update:")
    return state.dataset
