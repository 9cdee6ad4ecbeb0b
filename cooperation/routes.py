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
TIMELINE = "over-time"
SOURCE = "source"
DATA = "data"
THEME = "theme"  # a kind of page, not a path: a theme's path is its id
FIXED_PATHS = (OVERVIEW, ACCOUNTS, TIMELINE, SOURCE, DATA)
# The modules in pages/. Streamlit's legacy pages/ router also finds a page by
# its module's name, so a theme id may not take one of these either
# (tests/test_routes.py keeps this list in step with pages/).
PAGE_MODULES = ("home", "comparison", "timeline", "theme", "source_text", "about")
RESERVED_PATHS = FIXED_PATHS + PAGE_MODULES

# Query parameters. The filters' lists carry stable ids, never labels.
SECTOR, ACCOUNT, SPEAKER, STRENGTH, EVENT = "sector", "source", "speaker", "strength", "event"
FILTER_LISTS = (SECTOR, ACCOUNT, SPEAKER, STRENGTH, EVENT)
FROM, TO = "from", "to"  # the period, as ISO dates (YYYY-MM-DD)
PERIOD = (FROM, TO)
SEARCH = "q"
ALIASES = {"modality": STRENGTH}  # older names still read from a link (data package 1.x)
CHART = "chart"  # the overview's chart, by its label
STATEMENT = "statement"  # the statement the source page singles out
MEETING = "meeting"  # the event the accounts compared and the sources show, by its id


def link(path: str, **params: str | list[str]) -> str:
    """A link within the app, relative to its root: ``path?name=value&…``.

    The overview is the default page, served at the root (``./``), not at its path.
    """
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    base = "./" if path == OVERVIEW else path
    return f"{base}?{query}" if query else base


def statement_link(statement_id: str) -> str:
    """The source page with this statement singled out."""
    return link(SOURCE, **{STATEMENT: statement_id})
