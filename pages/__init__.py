"""Thin page modules: each has a docstring and one ``render`` function."""
