"""The bare baseline: the minimum of the dashboard's job in plain Streamlit.

A sector multiselect, a count, one plotly bar chart and the table, over the
same statements. Run by the benchmark with ``BENCH_DATA`` set to a data directory.

With ``BENCH_FLOOR`` set it stops after the count: the floor, the least a
Streamlit page can do and still answer a sector pick. Whatever a filter
update costs there, every Streamlit page that filters on the server pays too.
"""

import os

import pandas as pd
import plotly.express as px
import streamlit as st


@st.cache_data
def load(path: str) -> pd.DataFrame:
    statements = pd.read_csv(f"{path}/statements.csv", dtype=str, keep_default_na=False)
    sectors = pd.read_csv(f"{path}/sectors.csv", dtype=str, keep_default_na=False)
    tidy = statements.assign(sector_id=statements["sectors"].str.split(";")).explode("sector_id")
    return tidy.merge(sectors[["sector_id", "label"]], on="sector_id")


tidy = load(os.environ["BENCH_DATA"])
chosen = st.multiselect("Sectors", sorted(tidy["label"].unique()))
rows = tidy[tidy["label"].isin(chosen)] if chosen else tidy
st.metric("Statements", f"{rows['statement_id'].nunique():,}")
if os.environ.get("BENCH_FLOOR"):
    st.stop()
counts = rows.groupby("label").size().reset_index(name="statements")
st.plotly_chart(px.bar(counts, x="statements", y="label", orientation="h"))
st.dataframe(rows.drop_duplicates("statement_id")[["statement_id", "speaker_id", "strength", "quote"]])
