"""The Streamlit side of the dashboard, apart from the pure package: serving the data, the sidebar, the widgets.

- ``serving``: the published data, one publisher per server process, and what a server does before its first visitor;
- ``sidebar``: the filters in the sidebar of every page, seeded from the link and written back to it;
- ``widgets``: the stylesheet, the error panel, metrics, charts and the statements table.

These are the only modules that import Streamlit; what they show is computed by the pure modules.
"""
