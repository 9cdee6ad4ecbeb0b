"""The descriptor checked whole: every malformed one is a problem at its key with a hint, and what the code relies on is declared."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest
from frictionless import Package

from cooperation import descriptor
from cooperation.__main__ import main
from tests.helpers import MEETING, ROOT

ORIGINAL = json.loads((MEETING / "datapackage.json").read_text(encoding="utf-8"))
STATEMENTS = next(i for i, r in enumerate(ORIGINAL["resources"]) if r["name"] == "statements")


def _field(resource: int, name: str) -> int:
    return next(
        j for j, f in enumerate(ORIGINAL["resources"][resource]["schema"]["fields"]) if f["name"] == name
    )


STRENGTH, ATTRIBUTION = _field(STATEMENTS, "strength"), _field(STATEMENTS, "attribution")


def _without(*keys) -> Callable[[dict], None]:
    """Delete the value at a key path."""

    def change(d: dict) -> None:
        *parents, last = keys
        for key in parents:
            d = d[key]
        del d[last]

    return change


def _set(value, *keys) -> Callable[[dict], None]:
    def change(d: dict) -> None:
        *parents, last = keys
        for key in parents:
            d = d[key]
        d[last] = value

    return change


F = ("resources", STATEMENTS, "schema", "fields")
# (how the descriptor is broken, the key the problem names, words of its message, words of its hint)
MALFORMED = {
    "resource without name": (_without("resources", 2, "name"), "resources[2]", "'name'", "a name"),
    "resource without path": (_without("resources", 2, "path"), "resources[2]", "'path' or 'data'", "a path"),
    "field without name": (_without(*F, 1, "name"), f"resources[{STATEMENTS}].schema.fields[1]", "'name'", "a name"),
    "schema as a string": (_set("schema.json", "resources", 2, "schema"), "resources[2].schema", "inline", "inside the descriptor"),
    "constraints as a list": (_set(["required"], *F, 1, "constraints"), f"resources[{STATEMENTS}].schema.fields[1].constraints", "a list, where an object belongs", "an object"),
    "resources as an object": (_set({}, "resources"), "resources", "an object, where an array belongs", "a list of resources"),
    "fields missing": (_without("resources", 0, "schema", "fields"), "resources[0].schema", "'fields'", "a list of fields"),
    "a type that is none": (_set("text", *F, 1, "type"), f"resources[{STATEMENTS}].schema.fields[1].type", "is not one of", "Table Schema types"),
    "a bad pattern": (_set("[a-z", *F, 0, "constraints", "pattern"), f"resources[{STATEMENTS}].schema.fields[0].constraints.pattern", "not a valid regex", "regular expression"),
    "a descriptor that is a list": (lambda d: None, "(the whole descriptor)", "a list, where an object belongs", None),
}  # fmt: skip


def _broken(name: str) -> object:
    change, *_ = MALFORMED[name]
    if name == "a descriptor that is a list":
        return [ORIGINAL]
    broken = copy.deepcopy(ORIGINAL)
    change(broken)
    return broken


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_descriptor_is_a_problem_at_its_key(name, data_copy, capsys):
    """Each is reported with the file, the key and a hint; the command exits 1 with no traceback."""
    _, key, words, hint = MALFORMED[name]
    (data_copy / "datapackage.json").write_text(json.dumps(_broken(name)), encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith(f"- datapackage.json, key {key}:")]
    assert any(words in line for line in lines), err
    if hint is not None:
        assert any(hint in line.partition("(hint: ")[2] for line in lines), err


@pytest.mark.parametrize("name", MALFORMED)
def test_the_data_dictionary_command_reports_it_too(name, data_copy, capsys):
    """The dictionary command reads the descriptor only once it is checked: the same problems, exit 1."""
    (data_copy / "datapackage.json").write_text(json.dumps(_broken(name)), encoding="utf-8")
    assert main(["dictionary", str(data_copy)]) == 1
    assert "datapackage.json, key" in capsys.readouterr().err


# Allowed by the standard, rejected by our own rules: a schema kept in a file of its own, a list for a descriptor.
# frictionless lets a pattern that does not compile through the descriptor, and fails on it only when reading rows.
NOT_FRICTIONLESS = ("schema as a string", "a descriptor that is a list", "a bad pattern")


@pytest.mark.parametrize("name", [n for n in MALFORMED if n not in NOT_FRICTIONLESS])
def test_what_the_profile_rejects_frictionless_rejects(name):
    """The profile says no more than the standard: frictionless, its reference implementation, rejects each too."""
    assert not Package.validate_descriptor(_broken(name)).valid


def test_the_shipped_and_fixture_descriptors_fit_the_profile():
    """Every descriptor in the repository has no problem."""
    for path in [ROOT / "data", *(ROOT / "tests" / "fixtures").iterdir()]:
        assert descriptor.check(json.loads((path / "datapackage.json").read_text(encoding="utf-8"))) == [], (
            path
        )


# What the code relies on: each change validates as a Data Package, and is rejected here.
RELIED_ON = {
    "the strength scale has no enum": (_without(*F, STRENGTH, "constraints", "enum"), "strength", "scale"),
    "the scale repeats a word": (_set(["pledge", "pledge", "hope"], *F, STRENGTH, "constraints", "enum"), "strength", "distinct"),
    "attribution gains a value": (_set(["speaker", "both", "meeting", "nobody"], *F, ATTRIBUTION, "constraints", "enum"), "attribution", "exactly speaker, both, meeting"),
    "attribution loses one": (_set(["speaker"], *F, ATTRIBUTION, "constraints", "enum"), "attribution", "exactly"),
    "sectors is text": (_set("string", *F, _field(STATEMENTS, "sectors"), "type"), "sectors", "reads it as 'list'"),
    "the key is gone": (_without("resources", STATEMENTS, "schema", "primaryKey"), "primaryKey", "looks its rows up by"),
    "a link is gone": (_set([], "resources", STATEMENTS, "schema", "foreignKeys"), "foreignKeys", "not a foreign key"),
    "summary may be empty": (_set({}, *F, _field(STATEMENTS, "summary"), "constraints"), "summary", "not required"),
    "the empty cell is a value": (_set(["NA"], "resources", STATEMENTS, "schema", "missingValues"), "missingValues", "empty cell"),
    "notes are numbers": (_set("integer", *F, _field(STATEMENTS, "notes"), "type"), "notes", "as text"),
    "a resource is gone": (lambda d: d["resources"].pop(STATEMENTS), "resources", "no resource named 'statements'"),
}  # fmt: skip


@pytest.mark.parametrize("name", RELIED_ON)
def test_what_the_code_relies_on_must_be_declared(name):
    """A descriptor that fits the standard but not the code is a problem naming what the code needs."""
    change, where, words = RELIED_ON[name]
    broken = copy.deepcopy(ORIGINAL)
    change(broken)
    assert descriptor.profile_problems(broken) == []
    problems = descriptor.check(broken)
    assert any(where in (p.key or "") + p.message and words in p.message for p in problems), problems
    assert all(p.file == "datapackage.json" and p.key for p in problems)


def test_the_scale_keeps_the_descriptors_order(data_copy):
    """The commitment scale is the descriptor's enum in its order, whatever that order is."""
    from cooperation import load

    package = copy.deepcopy(ORIGINAL)
    scale = list(
        reversed(package["resources"][STATEMENTS]["schema"]["fields"][STRENGTH]["constraints"]["enum"])
    )
    package["resources"][STATEMENTS]["schema"]["fields"][STRENGTH]["constraints"]["enum"] = scale
    (data_copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert load(data_copy).strengths == tuple(scale)
