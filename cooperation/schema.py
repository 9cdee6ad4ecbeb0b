"""Read the Frictionless Data Package descriptor: the one place columns are defined.

Everything the code needs to know about a column (its type, its allowed
values, its description, a list delimiter) is looked up here from
``datapackage.json`` rather than restated in code. A ``Schema`` is a view over
a descriptor that ``cooperation.descriptor`` has checked whole; this module
needs nothing but ``json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

DESCRIPTOR = "datapackage.json"


class Schema:
    """Read-only view over a data package descriptor."""

    def __init__(self, descriptor: Mapping[str, Any]):
        self._descriptor = descriptor
        self._resources = {r["name"]: r for r in descriptor.get("resources", [])}

    @staticmethod
    def parse(raw: bytes) -> Any:
        """The JSON of a ``datapackage.json``, not yet checked (raises ValueError, with ``lineno`` where known)."""
        return json.loads(raw.decode("utf-8-sig"))

    @property
    def descriptor(self) -> Mapping[str, Any]:
        return MappingProxyType(self._descriptor)

    def meta(self, key: str, default: Any = None) -> Any:
        """A package-level property such as title, licenses or sources."""
        return self._descriptor.get(key, default)

    @property
    def resource_names(self) -> tuple[str, ...]:
        return tuple(self._resources)

    def resource(self, name: str) -> Mapping[str, Any]:
        return self._resources[name]

    def path(self, name: str) -> str:
        return self._resources[name]["path"]

    @property
    def documents(self) -> tuple[Mapping[str, str], ...]:
        """The package's own documents (a codebook, notes on the accounts): each with its path and title."""
        return tuple(self._descriptor.get("documents", ()))

    def fields(self, resource: str) -> list[Mapping[str, Any]]:
        return list(self._resources[resource].get("schema", {}).get("fields", []))

    def field_names(self, resource: str) -> list[str]:
        return [f["name"] for f in self.fields(resource)]

    def field(self, resource: str, name: str) -> Mapping[str, Any]:
        for f in self.fields(resource):
            if f["name"] == name:
                return f
        raise KeyError(f"{resource}.{name}")

    def enum(self, resource: str, name: str) -> tuple[str, ...]:
        """The allowed values of a field, in the order the descriptor lists them."""
        return tuple(self.field(resource, name).get("constraints", {}).get("enum", ()))

    def delimiter(self, resource: str, name: str) -> str:
        """The item delimiter of a ``list`` field."""
        return self.field(resource, name).get("delimiter", ",")

    def primary_key_fields(self, resource: str) -> tuple[str, ...]:
        """Every field of the primary key (none when the table has no primary key)."""
        key = self._resources[resource].get("schema", {}).get("primaryKey", ())
        return (key,) if isinstance(key, str) else tuple(key)

    def foreign_keys(self, resource: str) -> list[Mapping[str, Any]]:
        return list(self._resources[resource].get("schema", {}).get("foreignKeys", []))

    def label(self, resource: str, name: str) -> str:
        """The human title of a field, falling back to its name (also when the package leaves it out)."""
        try:
            return self.field(resource, name).get("title") or name
        except KeyError:
            return name


def dictionary(schema: Schema, resource: str) -> list[dict[str, str]]:
    """The data dictionary of one resource, one row per column, from the descriptor alone."""
    rows = []
    for field in schema.fields(resource):
        constraints = field.get("constraints", {})
        rules = []
        if "enum" in constraints:
            rules.append("one of: " + ", ".join(map(str, constraints["enum"])))
        if "pattern" in constraints:
            rules.append(f"pattern: {constraints['pattern']}")
        if "minimum" in constraints:
            rules.append(f"minimum: {constraints['minimum']}")
        if field.get("type") == "list":
            rules.append(f"items separated by {field.get('delimiter', ',')!r}")
        for key in schema.foreign_keys(resource):
            if field["name"] in key["fields"]:
                ref = key["reference"]
                rules.append(f"refers to {ref['resource']}.{', '.join(ref['fields'])}")
        rows.append(
            {
                "column": field["name"],
                "title": field.get("title", ""),
                "type": field.get("type", "string"),
                "required": "yes" if constraints.get("required") else "",
                "unique": "yes" if constraints.get("unique") else "",
                "rules": "; ".join(rules),
                "description": field.get("description", ""),
            }
        )
    return rows


def markdown_dictionary(schema: Schema) -> str:
    """The whole data dictionary as a Markdown document."""

    def cell(text: object) -> str:
        return " ".join(str(text).split()).replace("|", "\\|")

    lines = [
        f"# Data dictionary: {cell(schema.meta('title', ''))}",
        "",
        "Generated from `data/datapackage.json` by `python -m cooperation dictionary`;",
        "a test fails when this file and the descriptor disagree.",
    ]
    for name in schema.resource_names:
        resource = schema.resource(name)
        lines += ["", f"## {cell(resource.get('title', name))} (`{resource['path']}`)", ""]
        lines += [cell(resource.get("description", "")), ""]
        rows = dictionary(schema, name)
        columns = list(rows[0]) if rows else []
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + "---|" * len(columns))
        lines += ["| " + " | ".join(cell(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"
