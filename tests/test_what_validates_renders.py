"""Every dataset that validates renders every page: the descriptor and the data mutated at random, each result checked.

Each example changes a copy of the meeting fixture in one to three ways (a
constraint, a type, an enum, a key or a link taken out of the descriptor; a
column left out; a cell, a row or a duplicate row in a table), then validates
it. Whatever validates is opened in AppTest, through app.py, on every page the
app registers, and no page may raise. Whatever does not validate must say why,
with problems, and never raise.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooperation.validate import validate
from tests.helpers import MEETING, every_page

PACKAGE = json.loads((MEETING / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = [r["name"] for r in PACKAGE["resources"]]
FIELDS = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in PACKAGE["resources"]}
OTHER_ROW = "(the same column's value in another row)"
TYPES = ["string", "integer", "number", "date", "list", "any", "boolean"]
CELLS = ["", "NA", "x", "a b", "<b>x</b>", "0", "-1", "1", "2031-02-30", "2031-03-03", "meeting", "speaker",
         "quote", "paraphrase", "pledge", "ana-vell", "energy", "offshore-wind", "offshore-wind;logistics", ";"]  # fmt: skip


RENDERED: set[str] = set()  # the packages already opened on every page, by their files' digest


def _field(package: dict, resource: str, name: str) -> dict:
    schema = next(r for r in package["resources"] if r["name"] == resource)["schema"]
    return next(f for f in schema["fields"] if f["name"] == name)


def _schema(package: dict, resource: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == resource)["schema"]


def _table(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))
    return header, body


def _write(path: Path, header: list[str], body: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body])


@st.composite
def mutation(draw):
    """One change to the package, as (kind, resource, column, value, row) that ``_apply`` understands."""
    kind = draw(
        st.sampled_from(
            ["constraint", "type", "enum", "primary key", "foreign key", "missing values", "drop column",
             "cell", "drop row", "duplicate row", "cell", "cell"]
        )
    )  # fmt: skip
    resource = draw(st.sampled_from(RESOURCES))
    column = draw(st.sampled_from(FIELDS[resource]))
    value = draw(
        st.one_of(
            st.just(OTHER_ROW),
            st.just(OTHER_ROW),
            st.sampled_from(CELLS),
            st.sampled_from(TYPES),
            st.text(max_size=12),
        )
    )
    return (kind, resource, column, value, draw(st.integers(min_value=0, max_value=40)))


def _apply(data: Path, package: dict, change: tuple) -> None:
    kind, resource, column, value, row = change
    schema = _schema(package, resource)
    if column not in [f["name"] for f in schema["fields"]]:
        return  # an earlier change left it out
    field = _field(package, resource, column)
    constraints = field.setdefault("constraints", {})
    if kind == "constraint" and constraints:
        constraints.pop(sorted(constraints)[row % len(constraints)])
    elif kind == "type":
        field["type"] = value if value in TYPES else TYPES[row % len(TYPES)]
    elif kind == "enum" and "enum" in constraints:
        values = constraints["enum"]
        choice = row % 3
        if choice == 0 and values:  # one value less
            values.pop(row % len(values))
        elif choice == 1:  # in another order
            values.reverse()
        else:  # one more
            values.append(value)
    elif kind == "primary key":
        schema.pop("primaryKey", None)
    elif kind == "foreign key" and schema.get("foreignKeys"):
        schema["foreignKeys"].pop(row % len(schema["foreignKeys"]))
    elif kind == "missing values":
        schema["missingValues"] = ["", "NA"] if row % 2 else ["NA"]
    else:
        path = data / next(r for r in package["resources"] if r["name"] == resource)["path"]
        header, body = _table(path)
        if kind == "drop column":
            index = header.index(column)
            schema["fields"] = [f for f in schema["fields"] if f["name"] != column]
            _write(path, header[:index] + header[index + 1 :], [r[:index] + r[index + 1 :] for r in body])
        elif body and kind == "cell":
            index = header.index(column)
            if value == OTHER_ROW:
                value = body[(row + 1) % len(body)][index]
            body[row % len(body)][index] = value
            _write(path, header, body)
        elif body and kind == "drop row":
            body.pop(row % len(body))
            _write(path, header, body)
        elif body and kind == "duplicate row":
            body.append(list(body[row % len(body)]))
            _write(path, header, body)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(changes=st.lists(mutation(), min_size=1, max_size=2))
def test_every_package_that_validates_renders_every_page(changes):
    """A mutated package either has problems, or opens on every page without an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(MEETING, data)
        package = json.loads(json.dumps(PACKAGE))
        for change in changes:
            _apply(data, package, change)
        (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
        report = validate(data)
        if report.problems:
            return
        digest = hashlib.sha256(repr(sorted(report.snapshot.files.items())).encode()).hexdigest()
        if digest in RENDERED:
            return  # the same package as an earlier example: it renders the same
        RENDERED.add(digest)
        for path, at in every_page(data):
            assert not at.exception, (path, changes, [e.value for e in at.exception])
