"""Pure-Python core of the cooperation dashboard: data, validation, filters, charts.

Nothing here imports Streamlit except ``cooperation.ui``.
"""

from cooperation.data import Dataset, data_dir, load
from cooperation.problems import DataError, Problem

__all__ = ["DataError", "Dataset", "Problem", "data_dir", "load"]
