"""Data and method: the codebook, the data dictionary, provenance, licence, citation and downloads."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from cooperation import export, markup, views
from cooperation.data import Dataset
from cooperation.display import version_line
from cooperation.markup import md_escape
from cooperation.schema import dictionary
from cooperation.service import Served


def render(ds: Dataset, state: Served) -> None:
    meta = ds.schema.meta
    st.title("Data and method")
    st.html(markup.package_line(meta))
    st.markdown(version_line(state))
    st.download_button(
        "Download the whole data package (zip)",
        data=views.package_download(ds),
        file_name=export.safe_name(f"{meta('name', '')}-{meta('version', '')}") + ".zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
    )

    st.header("How to cite")
    st.code(markup.citation(meta), language=None, wrap_lines=True)
    st.caption(
        "For the shipped data, the repository's CITATION.cff gives this citation in the Citation File Format."
    )

    st.header("Licence")
    for licence in meta("licenses", []):
        st.html(markup.licence(licence))

    st.header("Provenance")
    st.caption("The events, and the accounts of each: where each was read, and whether its text is held.")
    _table(ds, "events", ds.events, ["title", "date", "kind", "place", "occasion", "notes"])
    _table(
        ds,
        "sources",
        ds.sources,
        ["title", "event_id", "publisher", "url", "published", "text_path", "notes"],
    )

    st.header("Method and documents")
    documents = ds.schema.documents
    if not documents:
        st.caption("This data package names no documents.")
    for i, document in enumerate(documents):
        text = ds.snapshot.read(document["path"]).decode("utf-8-sig")  # the validator vouches for both
        # The first document (the codebook) is open; the others one click away.
        with st.expander(md_escape(document["title"]), expanded=i == 0):
            st.html(markup.markdown_document(text))

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


def _table(ds: Dataset, resource: str, frame, wanted: list[str]) -> None:
    """Some columns of a table, headed by their titles in datapackage.json; links as links, long text wide."""
    shown = [c for c in wanted if c in ds.schema.field_names(resource)]  # optional columns may be left out
    label = partial(ds.schema.label, resource)
    columns = {c: st.column_config.TextColumn(label(c)) for c in shown}
    for column in shown:
        if ds.schema.field(resource, column).get("format") == "uri":
            columns[column] = st.column_config.LinkColumn(label(column))
        elif column in ("title", "notes", "occasion"):
            columns[column] = st.column_config.TextColumn(
                label(column), width="large" if column == "notes" else "medium"
            )
    st.dataframe(frame[shown], hide_index=True, width="stretch", column_config=columns)
