"""Pure-Python core of the cooperation dashboard: data, validation, filters, aggregates, charts, markup.

Nothing here imports Streamlit except ``cooperation.web``. Importing the
package (or a light module such as ``cooperation.schema``) loads nothing
heavy: ``load``, ``Dataset`` and the rest are imported on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cooperation.data import Dataset, data_dir, load
    from cooperation.problems import DataError, Problem

_EXPORTS = {
    "DataError": "cooperation.problems",
    "Problem": "cooperation.problems",
    "Dataset": "cooperation.data",
    "data_dir": "cooperation.data",
    "load": "cooperation.data",
}
__all__ = ["DataError", "Dataset", "Problem", "data_dir", "load"]


def __getattr__(name: str):
    """``from cooperation import load`` imports ``cooperation.data`` then, not before."""
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'cooperation' has no attribute {name!r}")
