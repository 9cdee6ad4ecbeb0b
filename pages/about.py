"""Data and method: the codebook, the data dictionary, provenance, licence, citation and downloads."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st
from markdown_it import MarkdownIt

from cooperation import export, html
from cooperation.data import Dataset, data_dir
from cooperation.schema import dictionary
from cooperation.ui import md_escape

CODEBOOK = "CODEBOOK.md"


def render(ds: Dataset) -> None:
    meta = ds.schema.meta
    st.title("Data and method")
    st.html(
        f"<p><strong>{html.esc(meta('title', ''))}</strong>, version {html.esc(meta('version', ''))}."
        f" {html.esc(meta('description', ''))}</p>"
    )
    root = data_dir()
    st.download_button(
        "Download the whole data package (zip)",
        data=lambda: export.package_zip(root),
        file_name=export.safe_name(f"{meta('name', '')}-{meta('version', '')}") + ".zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
    )

    st.header("How to cite")
    citation = _citation(ds)
    st.code(citation, language=None, wrap_lines=True)
    st.caption(
        "For the shipped data, the repository's CITATION.cff gives this citation in the Citation File Format."
    )

    st.header("Licence")
    for licence in meta("licenses", []):
        st.html(
            f"<p>{html.link(licence.get('path', ''), licence.get('name', ''))}: {html.esc(licence.get('title', ''))}</p>"
        )

    st.header("Provenance")
    wanted = ["title", "publisher", "url", "published", "event", "event_date", "notes"]
    shown = [c for c in wanted if c in ds.sources]  # notes are optional
    label = partial(ds.schema.label, "sources")
    columns = {c: st.column_config.Column(label(c)) for c in shown}
    columns["url"] = st.column_config.LinkColumn(label("url"))
    columns["title"] = st.column_config.TextColumn(label("title"), width="medium")
    if "notes" in columns:
        columns["notes"] = st.column_config.TextColumn(label("notes"), width="large")
    st.dataframe(ds.sources[shown], hide_index=True, width="stretch", column_config=columns)

    st.header("Method and codebook")
    path = root / CODEBOOK
    if path.is_file():
        st.html(_markdown(path.read_text(encoding="utf-8-sig")))
    else:
        st.caption(f"This data package has no {CODEBOOK}.")

    st.header("Data dictionary")
    st.caption("Generated from datapackage.json, the one place where the columns are defined.")
    for name in ds.schema.resource_names:
        resource = ds.schema.resource(name)
        st.subheader(md_escape(f"{resource.get('title', name)} ({resource['path']})"))
        st.caption(md_escape(resource.get("description", "")))
        st.dataframe(
            pd.DataFrame(dictionary(ds.schema, name)),
            hide_index=True,
            width="stretch",
            column_config={"description": st.column_config.TextColumn(width="large")},
        )


def _markdown(text: str) -> str:
    """Markdown to HTML with raw HTML switched off; unsafe link schemes are dropped.

    Wide tables scroll inside their own box, so a phone screen never scrolls sideways.
    """
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    return f'<div style="overflow-x:auto;overflow-wrap:anywhere">{body}</div>'


def _citation(ds: Dataset) -> str:
    meta = ds.schema.meta
    authors = ", ".join(c.get("title", "") for c in meta("contributors", []) if c.get("title"))
    year = str(meta("created", ""))[:4]
    where = "; ".join(s.get("title", "") for s in meta("sources", []))
    return (
        f"{authors or 'Unknown'} ({year}). {meta('title', '')} (version {meta('version', '')}) "
        f"[Data set]. Derived from: {where}."
    )
