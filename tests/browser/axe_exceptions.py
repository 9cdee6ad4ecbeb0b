"""The known exceptions to the axe check: violations that come from Streamlit itself and that no setting or
structure of ours avoids. Each entry is (axe rule, what Streamlit does, the Streamlit file or issue it comes
from, the date it was last confirmed). Keep it short: a stale entry fails tests/browser/test_accessibility.py,
and the list is printed in the header of every test run and documented in the README.
"""

from __future__ import annotations

KNOWN: list[tuple[str, str, str, str]] = []


def describe() -> str:
    """One line for the test run's header."""
    if not KNOWN:
        return "axe known exceptions: none"
    return "axe known exceptions: " + "; ".join(
        f"{rule} ({why}; {where}; {since})" for rule, why, where, since in KNOWN
    )
