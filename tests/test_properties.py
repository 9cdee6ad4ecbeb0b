"""Arbitrary content in statements.csv gives a valid dataset or a DataError, never another exception."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooperation import DataError, Dataset, load
from tests.helpers import MEETING

HEADER = (MEETING / "statements.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
ROWS = list(csv.reader(io.StringIO((MEETING / "statements.csv").read_text(encoding="utf-8"))))[1:]

cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from([c for row in ROWS for c in row] + ["", ";", ";;", "\n", '"', "\ufeff", "\r\n"]),
)
rows = st.lists(cells, min_size=0, max_size=len(HEADER) + 2)


def _csv(header: list[str], body: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([header, *body])
    return out.getvalue().encode("utf-8", errors="surrogatepass")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(st.one_of(rows, st.sampled_from(ROWS)), max_size=6),
    header=st.one_of(st.just(HEADER), st.lists(st.sampled_from([*HEADER, "x", ""]), max_size=9)),
    raw=st.one_of(st.none(), st.binary(max_size=200)),
)
def test_arbitrary_statements_never_crash(body, header, raw):
    """Whatever statements.csv holds, load() returns a Dataset or raises DataError."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(MEETING, target)
        try:
            content = raw if raw is not None else _csv(header, body)
        except UnicodeEncodeError:
            content = b"\xff"
        (target / "statements.csv").write_bytes(content)
        outcome = _load_or_error(target)
        assert isinstance(outcome, Dataset) or (isinstance(outcome, DataError) and outcome.problems)


def _load_or_error(path: Path) -> Dataset | DataError:
    try:
        return load(path)
    except DataError as error:
        return error
