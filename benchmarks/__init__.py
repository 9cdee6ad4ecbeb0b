"""Benchmarks of the dashboard against a bare Streamlit app and Datasette (see docs/performance.md)."""
