"""The Table Schema checks, vectorised: each table against its schema in datapackage.json, by pandera.

pandera's reader of Frictionless schemas (``FrictionlessFieldParser``) turns
each field's constraints into whole-column checks: required, unique, enum,
pattern, minimum and maximum, length, and the primary key. This adapter adds
what that reader leaves out, each also a whole-column operation:

- **types**: ``integer`` and ``number`` cells must read as numbers and
  ``date`` cells as ISO dates (YYYY-MM-DD, Table Schema's default format);
  ``list`` fields are checked as text (their items are ``cooperation.checks``'s);
- **missing values**: the schema's ``missingValues`` (by default the empty
  cell) count as missing, so ``required`` sees them;
- **foreign keys**: every value that is not missing must be a key of the
  referenced table;

and reports each failure as a ``Problem`` at its file's line, column and value,
with a hint. A schema that uses what the adapter cannot check (another type, a
date format, a constraint it does not know) is reported, not skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from cooperation.problems import Problem, did_you_mean
from cooperation.schema import DESCRIPTOR, Schema
from cooperation.vocabulary import article

NUMERIC = {"integer": "Int64", "number": "Float64"}
TEXT = {"string", "any", "list", "date"}  # checked by pandera as text; dates are parsed here too
KNOWN_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}
DEFAULT_FORMATS = {None, "default"}
HINTED = 50  # distinct unknown values per foreign key that get a "did you mean" hint
STRING_FORMATS = DEFAULT_FORMATS | {"uri"}  # a uri is text here; a pattern can say more


def unsupported(schema: Schema) -> list[Problem]:
    """What in the descriptor's table schemas this adapter cannot check, or that refers to nothing."""
    problems = []
    for name in schema.resource_names:
        where = f"resource {name!r}"
        fields = {f["name"]: f for f in schema.fields(name)}
        for field in fields.values():
            kind, fmt = field.get("type", "string"), field.get("format")
            if kind not in TEXT and kind not in NUMERIC:
                problems.append(
                    Problem(
                        DESCRIPTOR,
                        f"{where}: field {field['name']!r} has type {kind!r}, which the validator cannot check",
                    )
                )
            elif fmt not in (STRING_FORMATS if kind == "string" else DEFAULT_FORMATS):
                problems.append(
                    Problem(
                        DESCRIPTOR,
                        f"{where}: field {field['name']!r} has format {fmt!r}, which the validator cannot check",
                    )
                )
            for constraint in set(field.get("constraints", {})) - KNOWN_CONSTRAINTS:
                problems.append(
                    Problem(
                        DESCRIPTOR,
                        f"{where}: field {field['name']!r} has constraint {constraint!r}, which the validator cannot check",
                    )
                )
        for key in schema.primary_key_fields(name):
            if key not in fields:
                problems.append(
                    Problem(
                        DESCRIPTOR, f"{where}: its primary key names {key!r}, which is not one of its fields"
                    )
                )
        for fk in schema.foreign_keys(name):
            own, target, target_fields = _reference(fk, name)
            if any(f not in fields for f in own):
                problems.append(
                    Problem(
                        DESCRIPTOR, f"{where}: a foreign key names fields it does not have ({', '.join(own)})"
                    )
                )
            if target not in schema.resource_names:
                problems.append(
                    Problem(
                        DESCRIPTOR,
                        f"{where}: a foreign key refers to resource {target!r}, which the package does not have",
                    )
                )
            elif any(f not in schema.field_names(target) for f in target_fields) or len(target_fields) != len(
                own
            ):
                problems.append(
                    Problem(
                        DESCRIPTOR,
                        f"{where}: a foreign key refers to fields {target}.{', '.join(target_fields)}, which do not match",
                    )
                )
    return problems  # fmt: skip


def check(
    schema: Schema, name: str, table: pd.DataFrame, tables: Mapping[str, pd.DataFrame]
) -> list[Problem]:
    """Every Table Schema problem of one table, in line order.

    ``table`` is as read (text, empty cells as ''), indexed by each row's line in
    its file; ``tables`` holds the other tables, for foreign keys.
    """
    import pandera.pandas as pa  # imported here: the CLI's other commands do not pay for it

    relpath = schema.path(name)
    resource = schema.resource(name)
    missing = resource.get("schema", {}).get("missingValues", [""])
    values = table.mask(table.isin(missing))
    problems, typed = _types(schema, name, values, relpath)
    try:
        _pandera_schema(schema, name).validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        reported = {(p.line, p.column) for p in problems}
        for case in errors.failure_cases.itertuples():
            problem = _from_failure(schema, name, case, relpath, typed)
            if (problem.line, problem.column) not in reported:  # a type error says it already
                problems.append(problem)
    problems += _foreign_keys(schema, name, values, relpath, tables)
    return sorted(dict.fromkeys(problems), key=lambda p: (p.line or 0, p.column or ""))


def _types(
    schema: Schema, name: str, values: pd.DataFrame, relpath: str
) -> tuple[list[Problem], pd.DataFrame]:
    """Numbers and dates parsed: a problem for each cell that does not parse, and the table with numbers typed."""
    problems = []
    typed = values.copy()
    for field in schema.fields(name):
        column, kind = field["name"], field.get("type", "string")
        if column not in values or kind not in (*NUMERIC, "date"):
            continue
        cells = values[column]
        if kind == "date":
            parsed = pd.to_datetime(cells, format="%Y-%m-%d", errors="coerce")
        else:
            parsed = pd.to_numeric(cells, errors="coerce").astype(NUMERIC[kind])
            if kind == "integer":
                parsed = parsed.mask(cells.notna() & ~cells.str.fullmatch(r"[+-]?\d+").fillna(False))
            typed[column] = parsed
        bad = cells.notna() & parsed.isna()
        problems += [
            Problem(relpath, f"is not a valid {kind}", line=line, column=column, value=value, hint=describe(schema, name, column))
            for line, value in cells[bad].items()
        ]  # fmt: skip
    return problems, typed


def _pandera_schema(schema: Schema, name: str):
    """The pandera schema of one resource, from pandera's reader of Frictionless fields."""
    import pandera.pandas as pa
    from pandera.io.pandas_io import FrictionlessFieldParser, deserialize_schema

    key = list(schema.primary_key_fields(name))
    columns = {}
    unique_when_present: list[str] = []  # Table Schema: unique among the values that are there
    for field in schema.fields(name):
        kind = field.get("type", "string")
        parsed = FrictionlessFieldParser(
            SimpleNamespace(
                name=field["name"],
                type="string" if kind in TEXT else kind,
                constraints=field.get("constraints", {}),
                description=field.get("description", ""),
                title=field.get("title", ""),
            ),
            key,
        ).to_pandera_column()
        if kind in NUMERIC:  # parsed in _types already, missing values kept
            parsed.update(dtype=NUMERIC[kind], coerce=False)
        if parsed["unique"] and parsed["nullable"]:  # pandera counts missing values as duplicates
            parsed["unique"] = False
            unique_when_present.append(field["name"])
        columns[field["name"]] = parsed
    built = deserialize_schema(
        {
            "columns": columns,
            "index": None,
            "checks": None,
            "coerce": True,
            "strict": True,
            "unique": key if len(key) > 1 else None,  # a one-field key is unique as a column
        }
    )
    built.report_duplicates = "exclude_first"  # the first of a set of duplicates is not one
    for column in built.columns.values():
        column.report_duplicates = "exclude_first"
    for column_name in unique_when_present:
        built.columns[column_name].checks.append(
            pa.Check(lambda s: s.isna() | ~s.duplicated(keep="first"), name="field_uniqueness")
        )
    return built


def _from_failure(schema: Schema, name: str, case: Any, relpath: str, table: pd.DataFrame) -> Problem:
    """A pandera failure case as a Problem: where (the index is the line), what, and a hint."""
    check = str(case.check)
    line = int(case.index) if isinstance(case.index, (int, np.integer)) else None
    column = case.column if isinstance(case.column, str) else None
    value = None if pd.isna(case.failure_case) else str(case.failure_case)
    hint = describe(schema, name, column) if column else None
    if check == "not_nullable":
        message, value = "is required but empty", ""
    elif check == "field_uniqueness":
        message, hint = "is a duplicate; ids must be unique", None
    elif check == "multiple_fields_uniqueness":  # one case per field of the key: one problem for the row
        key = list(schema.primary_key_fields(name))
        message, hint, column = "is a duplicate; keys must be unique", None, ", ".join(key)
        value = ", ".join(map(str, table.loc[line, key]))
    elif check.startswith("isin("):
        allowed = schema.enum(name, column)
        message = f"is not one of {', '.join(map(str, allowed))}"
        hint = did_you_mean(value, allowed) or hint
    elif check.startswith("str_matches("):
        message = f"does not match the pattern {schema.field(name, column)['constraints']['pattern']}"
    elif check.startswith("greater_than_or_equal_to("):
        message = f"is less than the minimum, {schema.field(name, column)['constraints']['minimum']}"
    elif check.startswith("less_than_or_equal_to("):
        message = f"is more than the maximum, {schema.field(name, column)['constraints']['maximum']}"
    elif check.startswith(("in_range(", "str_length(")):
        constraints = schema.field(name, column)["constraints"]
        bounds = {
            k: v for k, v in constraints.items() if k in ("minimum", "maximum", "minLength", "maxLength")
        }
        message = "is outside the bounds " + ", ".join(f"{k} {v}" for k, v in bounds.items())
    elif check == "column_in_schema":
        message, column, line, hint = "is not a column of this table in datapackage.json", value, 1, None
        value = None
    else:
        message = f"fails the check {check}"
    return Problem(relpath, message, line=line, column=column, value=value, hint=hint)


def _reference(fk: Mapping[str, Any], name: str) -> tuple[list[str], str, list[str]]:
    """A foreign key's own fields, the resource it refers to (itself when unnamed) and that resource's fields."""
    reference = fk.get("reference", {})
    return _as_list(fk.get("fields")), reference.get("resource") or name, _as_list(reference.get("fields"))


def _foreign_keys(
    schema: Schema,
    name: str,
    values: pd.DataFrame,
    relpath: str,
    tables: Mapping[str, pd.DataFrame],
) -> list[Problem]:
    """A problem for each value of a foreign key that the referenced table does not hold."""
    problems = []
    for fk in schema.foreign_keys(name):
        own, target, target_fields = _reference(fk, name)
        referenced = values if target == name else tables.get(target)
        if referenced is None or any(f not in values for f in own):
            continue  # the referenced table could not be read: that is reported already
        present = values[own].notna().all(axis=1)
        known = pd.Series(_isin(values[own], referenced[target_fields]), index=values.index)
        choices = referenced[target_fields[0]].dropna()
        hints: dict[str, str | None] = {}
        for line, value in values.loc[present & ~known, own[0]].items():
            if (
                value not in hints
            ):  # each unknown value looked up once, and only the first few: close matches are slow
                hints[value] = did_you_mean(value, choices) if len(hints) < HINTED else None
            problems.append(
                Problem(
                    relpath,
                    f"is not {article(target_fields[0])} {', '.join(target_fields)} in {schema.path(target)}",
                    line=int(line),
                    column=own[0],
                    value=value,
                    hint=hints[value],
                )
            )
    return problems


def _isin(frame: pd.DataFrame, keys: pd.DataFrame) -> np.ndarray:
    """Whether each row of ``frame`` is a row of ``keys`` (same number of columns), by pyarrow.

    pandas's ``isin`` on text visits every key in Python; pyarrow hashes them in C++.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    def joined(table: pd.DataFrame) -> pa.Array:
        columns = [pa.array(table[c].astype("str").array).cast(pa.string()) for c in table.columns]
        return columns[0] if len(columns) == 1 else pc.binary_join_element_wise(*columns, "\x1f")

    return pc.is_in(joined(frame), value_set=pc.unique(joined(keys.dropna()))).to_numpy(zero_copy_only=False)


def describe(schema: Schema, name: str, column: str | None) -> str | None:
    """The field's description, as a hint of what is expected."""
    try:
        description = schema.field(name, column).get("description")
    except KeyError:
        return None
    return f"expected: {description}" if description else None


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
