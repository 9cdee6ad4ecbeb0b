"""Where each page lives and what its links carry: page paths by name, and every query parameter.

The overview, the accounts comparison, the source text and the data page have
fixed paths; each theme's page takes its theme id as its path, so a theme id
may not take one of the reserved names. The comparison page exists only when
some event has more than one account. ``routes(ds)`` lists a dataset's pages in navigation order;
``pages.navigation`` turns them into Streamlit pages, for app.py and the tests
alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

if TYPE_CHECKING:  # the validator reads the reserved paths, and the data module needs the validator
    from cooperation.data import Dataset

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
        return self.kind == OVERVIEW


def routes(ds: Dataset) -> tuple[Route, ...]:
    """Every page of the dataset in navigation order: the overview, the comparison, one per theme, the source, the data."""
    compared = (Route(ACCOUNTS, ACCOUNTS, "Accounts compared", ":material/compare:"),)
    return (
        Route(OVERVIEW, OVERVIEW, "Overview", ":material/dashboard:"),
        *(compared if ds.compared_events else ()),
        *(
            Route(THEME, row.theme_id, row.title, ":material/label:", theme_id=row.theme_id)
            for row in ds.themes.itertuples()
        ),
        Route(SOURCE, SOURCE, "Sources", ":material/article:"),
        Route(DATA, DATA, "Data and method", ":material/dataset:"),
    )


def link(path: str, **params: str | list[str]) -> str:
    """A link within the app, relative to its root: ``path?name=value&…``."""
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    return f"{path}?{query}" if query else path


def statement_link(statement_id: str) -> str:
    """The source page with this statement singled out."""
    return link(SOURCE, **{STATEMENT: statement_id})
