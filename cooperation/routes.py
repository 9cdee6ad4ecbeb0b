"""Where each page lives and what its links carry: page paths by name, every query parameter, and links.

The overview, the accounts comparison, the source text and the data page have
fixed paths; each theme's page takes its theme id as its path, so a theme id
may not take one of the reserved names. The list of a dataset's pages is
``pages.routes``, beside ``pages.navigation`` which turns it into Streamlit
pages. This module imports nothing of ours, so that the validator (which
rejects reserved theme ids) and the pages can both use it.
"""

from __future__ import annotations

from urllib.parse import urlencode

# Page paths, by name (the overview is also the default page, served at /).
OVERVIEW = "overview"
ACCOUNTS = "accounts"
SOURCE = "source"
DATA = "data"
THEME = "theme"  # a kind of page, not a path: a theme's path is its id
FIXED_PATHS = (OVERVIEW, ACCOUNTS, SOURCE, DATA)
# The modules in pages/. Streamlit's legacy pages/ router also finds a page by
# its module's name, so a theme id may not take one of these either
# (tests/test_routes.py keeps this list in step with pages/).
PAGE_MODULES = ("home", "comparison", "theme", "source_text", "about")
RESERVED_PATHS = FIXED_PATHS + PAGE_MODULES

# Query parameters. The filters' lists carry stable ids, never labels.
SECTOR, ACCOUNT, SPEAKER, STRENGTH = "sector", "source", "speaker", "strength"
FILTER_LISTS = (SECTOR, ACCOUNT, SPEAKER, STRENGTH)
SEARCH = "q"
ALIASES = {"modality": STRENGTH}  # older names still read from a link (data package 1.x)
CHART = "chart"  # the overview's open chart tab, by its label
STATEMENT = "statement"  # the statement the source page singles out


def link(path: str, **params: str | list[str]) -> str:
    """A link within the app, relative to its root: ``path?name=value&…``."""
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    return f"{path}?{query}" if query else path


def statement_link(statement_id: str) -> str:
    """The source page with this statement singled out."""
    return link(SOURCE, **{STATEMENT: statement_id})
