"""The Streamlit-specific helpers: cached loading, the error panel, the sidebar filters, shared widgets.

This is the only module of the package that imports Streamlit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from cooperation import aggregate, charts, html
from cooperation import filters as flt
from cooperation.data import Dataset, data_dir, load
from cooperation.problems import DataError

# Markdown (and Streamlit's extensions: $…$ LaTeX, :color[…], :material/…:)
# is switched on by ASCII punctuation; a backslash before each makes it literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&^%@;,/?])")


def md_escape(text: object) -> str:
    """Curated text made safe for any Streamlit parameter that renders Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def legacy_router_active() -> bool:
    """Whether Streamlit is running this script through its legacy ``pages/`` router.

    A server's very first run (and every AppTest run) goes through it when a
    ``pages/`` folder sits beside the entry point, and widgets then get other
    ids than in every later run, so the first filter a visitor picks is lost.
    The entry point reruns once when this is true (see app.py).
    """
    from streamlit.runtime.pages_manager import PagesManager

    return bool(PagesManager.uses_pages_directory)


def strength_help(ds: Dataset) -> str:
    """The commitment scale as the schema describes it, for a help tooltip."""
    return md_escape(ds.schema.field("statements", "strength").get("description", ""))


def _stamp(path: Path) -> tuple:
    """Names, sizes and modification times of every file in the data directory."""
    if not path.is_dir():
        return ()
    return tuple(
        (str(p.relative_to(path)), s.st_size, s.st_mtime_ns)
        for p in sorted(path.rglob("*"))
        if p.is_file() and (s := p.stat())
    )


@st.cache_resource(show_spinner="Loading the data…", max_entries=4)
def _load(path: str, stamp: tuple) -> Dataset | DataError:
    # The stamp is part of the cache key: editing a file reloads the data.
    # cache_resource (not cache_data) hands every session the same read-only
    # object instead of unpickling a copy of every table on each rerun.
    try:
        return load(path)
    except DataError as error:
        return error


def dataset() -> Dataset:
    """The dataset, parsed once per change of the files; on bad data, the error panel and stop."""
    path = data_dir()
    result = _load(str(path), _stamp(path))
    if isinstance(result, DataError):
        error_panel(result)
        st.stop()
    return result


def error_panel(error: DataError) -> None:
    """Every problem in one table: file, line, column, value, problem and hint."""
    count = len(error.problems)
    st.error(
        f"The data did not validate: {count} problem{'s' if count != 1 else ''} found. "
        "Nothing is shown until they are fixed; run `python -m cooperation validate` "
        "for the same list."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column or "",
                    "value": "" if p.value is None else str(p.value),
                    "problem": p.message,
                    "hint": p.hint or "",
                }
                for p in error.problems
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={"line": st.column_config.NumberColumn(format="%d")},
    )


def _query_lists() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def sidebar_filters(ds: Dataset) -> flt.Filters:
    """The filters, in the sidebar of every page, seeded from and written back to the URL."""
    allowed = flt.choices(ds)
    if "_seeded" not in st.session_state:
        seed, ignored = flt.from_params(_query_lists(), ds)
        for name in flt.LIST_PARAMS:
            st.session_state[name] = list(getattr(seed, name))
        st.session_state[flt.TEXT_PARAM] = seed.q
        st.session_state["_ignored"] = ignored
        st.session_state["_seeded"] = True

    labels = ds.sector_labels
    speakers = {row.speaker_id: f"{row.name} ({row.country})" for row in ds.speakers.itertuples()}
    with st.sidebar:
        st.header("Filters")
        st.multiselect(
            "Sectors",
            allowed["sector"],
            format_func=labels.__getitem__,
            key="sector",
            placeholder="All sectors",
        )
        st.multiselect(
            "Speakers",
            allowed["speaker"],
            format_func=speakers.__getitem__,
            key="speaker",
            placeholder="All speakers",
        )
        st.multiselect(
            "Commitment strength",
            allowed["strength"],
            format_func=str.capitalize,
            key="strength",
            placeholder="All strengths",
            help=strength_help(ds),
        )
        st.text_input(
            "Search quotes and summaries",
            key=flt.TEXT_PARAM,
            max_chars=flt.MAX_TEXT,
            placeholder="e.g. free trade",
        )
        ignored = st.session_state.get("_ignored")
        if ignored:
            shown = "; ".join(f"{k}: {', '.join(v)}" for k, v in ignored.items())
            st.caption(md_escape(f"Ignored in the link (not in the data): {shown}"))

    current, _ = flt.from_params(
        {
            **{name: st.session_state.get(name, []) for name in flt.LIST_PARAMS},
            flt.TEXT_PARAM: [st.session_state.get(flt.TEXT_PARAM, "")],
        },
        ds,
    )
    wanted = flt.to_params(current)
    present = _query_lists()
    # Only the filters' own parameters are written: others (such as the
    # overview's chart tab, bound to its widget) are Streamlit's to keep.
    for name in (*flt.LIST_PARAMS, flt.TEXT_PARAM):
        if present.get(name) == wanted.get(name):
            continue
        if name in wanted:
            st.query_params[name] = wanted[name]
        else:
            del st.query_params[name]
    return current


def count_metrics(ds: Dataset, numbers: aggregate.Counts) -> None:
    """The headline counts of the matching statements (``aggregate.counts``)."""
    both = "both sides" if len(ds.countries) == 2 else "every side"
    cols = st.columns(4)
    cols[0].metric("Statements", f"{numbers.statements:,}", help="Distinct statements matching the filters.")
    cols[1].metric("Sectors", f"{numbers.sectors:,}", help="Sectors named by the matching statements.")
    cols[2].metric("Speakers", f"{numbers.speakers:,}")
    cols[3].metric(
        f"Sectors {both} named",
        f"{numbers.shared:,}",
        help="Sectors that speakers of every country in the data named, among the matching statements.",
    )


def no_match(filters: flt.Filters) -> None:
    """The empty state: say so plainly, and how to get results back."""
    if filters.active:
        st.info(
            "No statements match these filters. Remove a sector, a speaker or a "
            "commitment strength in the sidebar, or clear the search.",
            icon=":material/filter_alt_off:",
        )
    else:
        st.info("There are no statements here.", icon=":material/info:")


def statements_table(table: pd.DataFrame, total: int, ds: Dataset) -> None:
    """The statements table (``aggregate.table``), saying so when it shows fewer than ``total``."""
    if len(table) < total:
        st.caption(f"Showing {len(table):,} of {total:,} statements; the download below holds all of them.")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "Quote": st.column_config.TextColumn(width=520, help="Verbatim from the source."),
            "Summary": st.column_config.TextColumn(width=320),
            "Sectors": st.column_config.ListColumn(width="medium"),
            "Strength": st.column_config.TextColumn(help=strength_help(ds)),
            "In context": st.column_config.LinkColumn(
                display_text="in context",
                width="small",
                help="The source text, with this statement's quote highlighted among the sentences around it.",
            ),
            "Source": st.column_config.LinkColumn(display_text="source", width="small"),
        },
    )


def statement_cards(ds: Dataset, statements: pd.DataFrame, *, context_links: bool = True) -> str:
    """The HTML cards of these statements (rows of ``ds.statements``), each linking to its context."""
    colors = charts.country_colors(ds)
    strengths = charts.strength_colors(ds)
    labels = ds.sector_labels
    roles = dict(zip(ds.speakers["speaker_id"], ds.speakers["role"]))
    sources = ds.sources.set_index("source_id")
    return "".join(
        html.card(
            summary=row.summary,
            strength=row.strength,
            strength_color=strengths[row.strength],
            quote=row.quote,
            speaker=row.name,
            role=roles[row.speaker_id],
            sectors=[labels[s] for s in row.sectors],
            source_title=sources.at[row.source_id, "title"],
            source_url=sources.at[row.source_id, "url"],
            color=colors[row.country],
            context_url=aggregate.source_link(row.statement_id) if context_links else None,
        )
        for row in statements.itertuples()
    )
