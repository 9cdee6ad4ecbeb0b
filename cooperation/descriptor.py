"""The descriptor checked whole, before anything reads it: the profile first, then what the code relies on.

1. **The profile** (``profile.json``): a JSON Schema of the Tabular Data
   Package properties this package reads, checked by ``jsonschema``. Every
   error becomes a problem naming ``datapackage.json``, the key where it is
   (``resources[5].schema.fields[2].constraints``) and a hint: what belongs
   there.
2. **What the code relies on** (``CONTRACT``): the resources and columns the
   code reads, each of the type it reads it as; the ids that must be unique and
   present; the links it follows (foreign keys); the values of attribution and
   evidence it gives a meaning to, exactly (``cooperation.vocabulary``); the
   commitment scale, in the descriptor's order; inline Table Schemas and one
   file per resource. A descriptor may say more than this, never less, so
   that every package that validates renders every page.
3. **What the Table Schema checks cannot check** (``tableschema.unsupported``).

``check`` never raises: whatever the JSON holds, it returns problems or none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cooperation import vocabulary as vocab
from cooperation.problems import Problem, did_you_mean
from cooperation.schema import DESCRIPTOR

PROFILE = Path(__file__).with_name("profile.json")


@dataclass(frozen=True)
class Column:
    """What the code needs of one column: its type, and whether every row has a value."""

    type: str = "string"
    required: bool = False


@dataclass(frozen=True)
class Table:
    """What the code needs of one resource: its columns, the key it looks rows up by, the links it follows."""

    columns: Mapping[str, Column]
    key: tuple[str, ...]
    links: Mapping[str, str] = field(default_factory=dict)  # column -> resource.column it refers to
    unique: tuple[str, ...] = ()  # columns besides the key whose values the pages tell apart


_ID = Column(required=True)
_TEXT = Column()
_NEEDED = Column(required=True)

# The resources and columns the code reads, as the code reads them.
CONTRACT: Mapping[str, Table] = MappingProxyType(
    {
        "events": Table(
            {"event_id": _ID, "title": _NEEDED, "date": Column("date", True), "kind": _NEEDED}, ("event_id",)
        ),
        "participants": Table(
            {"event_id": _NEEDED, "speaker_id": _NEEDED, "role": _NEEDED},
            ("event_id", "speaker_id"),
            {"event_id": "events.event_id", "speaker_id": "speakers.speaker_id"},
        ),
        "sources": Table(
            {"source_id": _ID, "event_id": _NEEDED, "title": _NEEDED, "publisher": _NEEDED, "side": _NEEDED,
             "language": _NEEDED, "url": _TEXT, "published": Column("date"), "completeness": _NEEDED,
             "text_path": _TEXT},
            ("source_id",),
            {"event_id": "events.event_id"},
            unique=("text_path",),
        ),
        "copies": Table(
            {"copy_id": _ID, "source_id": _NEEDED, "url": _NEEDED, "language": _NEEDED,
             "published": Column("date"), "completeness": _NEEDED},
            ("copy_id",),
            {"source_id": "sources.source_id"},
        ),
        "speakers": Table(
            {"speaker_id": _ID, "name": _NEEDED, "country": _NEEDED, "country_code": _NEEDED},
            ("speaker_id",),
        ),
        "themes": Table(
            {"theme_id": _ID, "title": _NEEDED, "description": _TEXT, "order": Column("integer", True)},
            ("theme_id",),
            unique=("title",),
        ),
        "sectors": Table(
            {"sector_id": _ID, "label": _NEEDED, "theme_id": _NEEDED, "description": _TEXT},
            ("sector_id",),
            {"theme_id": "themes.theme_id"},
            unique=("label",),
        ),
        "statements": Table(
            {"statement_id": _ID, "source_id": _NEEDED, "attribution": _NEEDED, "speaker_id": _TEXT,
             "sectors": Column("list", True), "summary": _NEEDED, "strength": _NEEDED, "call": _TEXT,
             "evidence": _NEEDED, "quote": _TEXT, "answers": _TEXT, "same_claim_as": _TEXT, "follows_up": _TEXT},
            ("statement_id",),
            {"source_id": "sources.source_id", "speaker_id": "speakers.speaker_id",
             "answers": "statements.statement_id", "same_claim_as": "statements.statement_id",
             "follows_up": "statements.statement_id"},
        ),
        "narration": Table(
            {"narration_id": _ID, "source_id": _NEEDED, "kind": _NEEDED, "evidence": _NEEDED, "text": _NEEDED},
            ("narration_id",),
            {"source_id": "sources.source_id"},
        ),
        "gaps": Table(
            {"source_id": _NEEDED, "speaker_id": _NEEDED, "note": _TEXT},
            ("source_id", "speaker_id"),
            {"source_id": "sources.source_id", "speaker_id": "speakers.speaker_id"},
        ),
    }
)  # fmt: skip
# Optional columns the code shows when a package has them; loading adds them, empty, when it does not.
SHOWS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "events": ("place", "occasion", "notes", "ref"),
        "sources": ("label", "host", "breaks_off", "time_given", "place_given", "time_note", "notes", "ref"),
        "copies": ("host", "note", "ref"),
        "statements": ("formula", "notes", "ref"),
        "narration": ("restates", "notes", "ref"),
    }
)


def check(descriptor: Any) -> list[Problem]:
    """Every problem of a parsed descriptor: the profile's, then the contract's, then what cannot be checked."""
    problems = profile_problems(descriptor)
    if problems:
        return problems  # the rules below read a structure the profile vouches for
    problems = _own_rules(descriptor)
    if problems:
        return problems
    from cooperation import tableschema
    from cooperation.schema import Schema

    return tableschema.unsupported(Schema(descriptor))


@cache
def _validator():
    import jsonschema

    schema = json.loads(PROFILE.read_text(encoding="utf-8"))
    kind = jsonschema.validators.validator_for(schema)
    return kind(schema, format_checker=kind.FORMAT_CHECKER)


def key_path(parts) -> str:
    """A key in the descriptor as one reads it: ``resources[5].schema.fields[2]``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the whole descriptor)"


def profile_problems(descriptor: Any) -> list[Problem]:
    """The descriptor against the profile: one problem per error, at its key, with what belongs there."""
    problems = []
    for error in sorted(_validator().iter_errors(descriptor), key=lambda e: list(map(str, e.absolute_path))):
        for leaf in _leaves(error):
            problems.append(_problem(leaf))
    return list(dict.fromkeys(problems))


def _leaves(error):
    """The errors that say what is wrong: inside an if/then, the then's; inside an anyOf, each alternative's."""
    if error.validator == "anyOf" and all(e.validator == "required" for e in error.context):
        return [error]  # "one of these properties is required": one problem, said as such
    if error.context:
        return [leaf for e in error.context for leaf in _leaves(e)]
    return [error]


def _problem(error) -> Problem:
    where = key_path(error.absolute_path)
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    hint = f"expected: {described}" if described else None
    value = None
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        message = f"has no {missing!r}, which is required"
    elif error.validator == "anyOf":
        options = [next(iter(e.schema.get("required", ["?"]))) for e in error.context]
        message = "needs " + " or ".join(repr(o) for o in options)
    elif error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message = f"is {_kind(error.instance)}, where {' or '.join(vocab.article(w) + ' ' + w for w in wanted)} belongs"
        value = _shown(error.instance)
    elif error.validator == "enum":
        value = _shown(error.instance)
        message = f"is not one of {', '.join(map(str, error.validator_value))}"
        hint = did_you_mean(str(error.instance), map(str, error.validator_value)) or hint
    elif error.validator == "pattern":
        value = _shown(error.instance)
        message = f"does not match the pattern {error.validator_value}"
    elif error.validator in ("minItems", "minLength"):
        value = _shown(error.instance)
        message = "is empty" if not error.instance else f"is too short ({error.validator})"
    elif error.validator == "format":
        value = _shown(error.instance)
        message = f"is not a valid {error.validator_value}"
    else:
        value = _shown(error.instance)
        message = f"fails the profile's {error.validator!r} rule"
    return Problem(DESCRIPTOR, message, key=where, value=value, hint=hint)


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)[:200]


def _own_rules(descriptor: Mapping[str, Any]) -> list[Problem]:
    """What the code relies on, on a descriptor that fits the profile."""
    problems = []
    resources = descriptor["resources"]
    index = {}
    for i, resource in enumerate(resources):
        where = f"resources[{i}]"
        name = resource["name"]
        if name in index:
            problems.append(Problem(DESCRIPTOR, f"names resource {name!r} twice", key=f"{where}.name",
                                    value=name, hint="give each resource a name of its own"))  # fmt: skip
            continue
        index[name] = i
        if not isinstance(resource.get("path"), str):
            problems.append(Problem(DESCRIPTOR, "is not one file", key=f"{where}.path",
                                    value=_shown(resource.get("path", resource.get("data"))),
                                    hint="give the path of one CSV file in the data directory"))  # fmt: skip
        schema = resource.get("schema")
        if not isinstance(schema, dict):
            problems.append(Problem(DESCRIPTOR, "is not an inline Table Schema", key=f"{where}.schema",
                                    value=_shown(schema) if schema is not None else None,
                                    hint="write the Table Schema (its fields) inside the descriptor"))  # fmt: skip
            continue
        names = [f["name"] for f in schema["fields"]]
        for j, column in enumerate(names):
            if names.index(column) != j:
                problems.append(Problem(DESCRIPTOR, f"names column {column!r} twice",
                                        key=f"{where}.schema.fields[{j}].name", value=column))  # fmt: skip
        missing = schema.get("missingValues")
        if missing is not None and "" not in missing:
            problems.append(Problem(DESCRIPTOR, "does not count the empty cell as missing",
                                    key=f"{where}.schema.missingValues", value=_shown(missing),
                                    hint='include "" among the missing values'))  # fmt: skip
    paths = [r.get("path") for r in resources if isinstance(r.get("path"), str)]
    for path in dict.fromkeys(p for p in paths if paths.count(p) > 1):
        problems.append(Problem(DESCRIPTOR, "is the path of several resources", key="resources", value=path))
    for i, document in enumerate(descriptor.get("documents", [])):
        if document["path"] in paths:
            problems.append(Problem(DESCRIPTOR, "is a resource's path", key=f"documents[{i}].path",
                                    value=document["path"], hint="a document is prose, such as a codebook"))  # fmt: skip
    if problems:
        return problems
    for name, table in CONTRACT.items():
        if name not in index:
            problems.append(Problem(DESCRIPTOR, f"has no resource named {name!r}", key="resources",
                                    hint=did_you_mean(name, index) or "the dashboard reads it"))  # fmt: skip
            continue
        problems += _contract(name, table, index[name], resources[index[name]]["schema"], index, resources)
    return problems


def _fields(schema: Mapping[str, Any]) -> dict[str, tuple[int, Mapping[str, Any]]]:
    return {f["name"]: (j, f) for j, f in enumerate(schema["fields"])}


def _names(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def _contract(name, table: Table, i: int, schema, index, resources) -> list[Problem]:
    """One resource against what the code needs of it."""
    where = f"resources[{i}].schema"
    fields = _fields(schema)
    problems = []
    for column, need in table.columns.items():
        if column not in fields:
            problems.append(Problem(DESCRIPTOR, f"resource {name!r} does not define column {column!r}",
                                    key=f"{where}.fields", hint=did_you_mean(column, fields) or "the dashboard reads it"))  # fmt: skip
            continue
        j, spec = fields[column]
        at = f"{where}.fields[{j}]"
        kind = spec.get("type", "string")
        if kind != need.type:
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} has type {kind!r}; the dashboard reads it as {need.type!r}",
                                    key=f"{at}.type", value=kind, hint=f'give it "type": "{need.type}"'))  # fmt: skip
        constraints = spec.get("constraints", {})
        if need.required and not constraints.get("required") and column not in table.key:
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} is not required; the dashboard needs a value in every row",
                                    key=f"{at}.constraints", hint='add "required": true'))  # fmt: skip
    for column in SHOWS.get(name, ()):
        if column in fields and fields[column][1].get("type", "string") != "string":
            j, spec = fields[column]
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} has type {spec['type']!r}; the dashboard shows it as text",
                                    key=f"{where}.fields[{j}].type", value=spec["type"], hint='give it "type": "string"'))  # fmt: skip
    problems += _enums(name, where, fields)
    key = _names(schema.get("primaryKey"))
    if key != table.key:
        problems.append(Problem(DESCRIPTOR, f"resource {name!r} has primary key {list(key)}; the dashboard looks its rows up by {list(table.key)}",
                                key=f"{where}.primaryKey", hint=f"give it \"primaryKey\": {json.dumps(list(table.key))}"))  # fmt: skip
    for column in table.unique:
        if column in fields and not fields[column][1].get("constraints", {}).get("unique"):
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} is not unique; the pages tell its values apart",
                                    key=f"{where}.fields[{fields[column][0]}].constraints", hint='add "unique": true'))  # fmt: skip
    declared = {
        (own, f"{fk['reference'].get('resource') or name}.{ref}")
        for fk in schema.get("foreignKeys", [])
        for own, ref in zip(_names(fk["fields"]), _names(fk["reference"]["fields"]))
        if len(_names(fk["fields"])) == 1
    }
    for column, target in table.links.items():
        if (column, target) not in declared:
            resource, ref = target.split(".")
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} is not a foreign key to {target}; the dashboard follows that link",
                                    key=f"{where}.foreignKeys",
                                    hint=f'add {{"fields": ["{column}"], "reference": {{"resource": "{resource}", "fields": ["{ref}"]}}}}'))  # fmt: skip
    return problems


def _enums(name: str, where: str, fields) -> list[Problem]:
    """The values the code gives a meaning to, exactly; the commitment scale, a list of distinct values."""
    problems = []
    for (resource, column), values in vocab.EXACT_ENUMS.items():
        if resource != name or column not in fields:
            continue
        j, spec = fields[column]
        declared = spec.get("constraints", {}).get("enum")
        if declared is None or sorted(map(str, declared)) != sorted(values):
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} must allow exactly {', '.join(values)}",
                                    key=f"{where}.fields[{j}].constraints.enum", value=_shown(declared) if declared is not None else None,
                                    hint=f"the dashboard gives each of these a meaning: \"enum\": {json.dumps(list(values))}"))  # fmt: skip
    resource, column = vocab.SCALE
    if resource == name and column in fields:
        j, spec = fields[column]
        declared = spec.get("constraints", {}).get("enum")
        if (
            declared is None
            or not all(isinstance(v, str) and v for v in declared)
            or len(set(declared)) != len(declared)
        ):
            problems.append(Problem(DESCRIPTOR, f"column {name}.{column} must list its scale as an enum of distinct words, strongest first",
                                    key=f"{where}.fields[{j}].constraints.enum", value=_shown(declared) if declared is not None else None,
                                    hint='for example "enum": ["pledge", "offer", "hope", "position"]'))  # fmt: skip
    return problems
