"""The Table Schema pass: frictionless checks every table, in tasks that can run in parallel.

frictionless reads and types a table row by row (on our machines about 15 µs
a row and 2.5 µs a cell), so at 100,000 statements it is most of the
validator's time. Two things make it cheaper without checking less:

- **The rows already read.** A CSV table is handed to frictionless as the rows
  the validator has already parsed. A foreign key's lookup table is then given
  only the referenced rows whose key occurs in the rows being checked, instead
  of the whole referenced table, read and typed once more.
- **Chunks.** A large table is split into chunks that are checked in separate
  processes. Rows are partitioned on their primary key, so rows with the same
  key land in the same chunk and frictionless still sees every duplicate; each
  error's row number is mapped back to the row of the file.

Both rely on keys comparing as text, which holds when the key's fields are
strings. A table that the validator could not read, or that declares a
dialect, is checked from its file as before; one whose keys are not text, or
that must be unique in another field, or refers to itself, is checked whole.
"""

from __future__ import annotations

import copy
import multiprocessing
import operator
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cooperation.schema import DESCRIPTOR, Schema

MIN_CHUNK_ROWS = 10_000  # below this a table is one task: a process costs more than it saves
TEXT_TYPES = frozenset({"string", "any"})  # types whose value is the cell's text

Rows = Sequence[Sequence[str]]  # a CSV table as parsed, header first


class _Shared(list):
    """Rows handed to frictionless without being copied.

    frictionless deep-copies a resource's inline data each time it checks
    the resource's descriptor (0.37 s of the 1.97 s a 50,000-row chunk of
    statements took here); these rows are never changed, so the copy may be
    the list itself.
    """

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self


@dataclass(frozen=True)
class Lookup:
    """A table a foreign key refers to: the rows that matter, or its whole file."""

    name: str
    schema: Mapping[str, Any] | None = None
    rows: Rows = ()
    descriptor: Mapping[str, Any] | None = None  # read from the file when rows are not given


@dataclass(frozen=True)
class Task:
    """One table, or one chunk of it, for frictionless to check."""

    name: str
    data_dir: Path
    schema: Mapping[str, Any] | None = None  # None: check the resource from its file
    rows: Rows = ()
    lines: Sequence[int] = ()  # the file's row number of each data row, when chunked
    lookups: tuple[Lookup, ...] = ()

    @property
    def size(self) -> int:
        return len(self.rows)


def descriptor_errors(data_dir: Path) -> list:
    """What frictionless finds wrong with the descriptor itself (nothing else is checked then)."""
    from frictionless import FrictionlessException, Package

    try:
        Package(str(data_dir / DESCRIPTOR)).to_descriptor(validate=True)
    except FrictionlessException as exc:
        return list(exc.reasons or [exc.error])
    return []


def plan(data_dir: Path, schema: Schema, rows: Mapping[str, Rows], chunks: int = 1) -> list[Task]:
    """The tasks that check every resource of the package, large tables split in up to ``chunks``."""
    tasks = []
    for name in schema.resource_names:
        table = rows.get(name)
        if table is None or not _readable(schema, name) or not table:
            tasks.append(Task(name, data_dir))
            continue
        parts = chunks if len(table) - 1 >= MIN_CHUNK_ROWS and _splittable(schema, name, table[0]) else 1
        for indices in _partition(schema, name, table, parts):
            chunk = [table[0], *(table[i] for i in indices)]
            tasks.append(
                Task(
                    name,
                    data_dir,
                    schema=copy.deepcopy(dict(schema.resource(name)["schema"])),
                    rows=chunk,
                    lines=[i + 1 for i in indices] if parts > 1 else (),
                    lookups=_lookups(data_dir, schema, name, chunk, rows),
                )
            )
    return tasks


def run(tasks: Sequence[Task], workers: int = 1) -> dict[str, list]:
    """Every task's frictionless errors, by resource, in row order (header errors first).

    With ``workers`` > 1 the tasks run in that many forked processes.
    """
    if workers > 1 and len(tasks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        order = sorted(range(len(tasks)), key=lambda i: -tasks[i].size)  # the largest start first
        global _PENDING
        _PENDING = tasks  # forked workers inherit the tasks instead of unpickling them
        try:
            with multiprocessing.get_context("fork").Pool(min(workers, len(tasks))) as pool:
                found = dict(zip(order, pool.map(_check_pending, order, chunksize=1)))
        finally:
            _PENDING = ()
        results = [found[i] for i in range(len(tasks))]
    else:
        results = [check(task) for task in tasks]
    errors: dict[str, list] = {}
    for task, task_errors in zip(tasks, results):
        errors.setdefault(task.name, []).extend(task_errors)
    for found_errors in errors.values():
        found_errors.sort(key=lambda e: getattr(e, "row_number", None) or 0)
    return errors


_PENDING: Sequence[Task] = ()


def _check_pending(index: int) -> list:
    return check(_PENDING[index])


def check(task: Task) -> list:
    """frictionless's errors for one task, with row numbers as in the file."""
    import attrs
    from frictionless import Package, Resource
    from frictionless import Schema as TableSchema

    if task.schema is None:
        package = Package(str(task.data_dir / DESCRIPTOR))
        report = package.get_resource(task.name).validate()
    else:
        resources = [
            Resource(data=_Shared(task.rows), name=task.name, schema=TableSchema.from_descriptor(task.schema))
        ]
        for lookup in task.lookups:
            if lookup.descriptor is not None:
                resources.append(
                    Resource.from_descriptor(dict(lookup.descriptor), basepath=str(task.data_dir))
                )
            else:
                resources.append(
                    Resource(
                        data=_Shared(lookup.rows),
                        name=lookup.name,
                        schema=TableSchema.from_descriptor(lookup.schema),
                    )
                )
        report = Package(resources=resources).get_resource(task.name).validate()
    errors = [error for t in report.tasks for error in t.errors] + list(report.errors)
    if task.lines:
        errors = [
            attrs.evolve(e, row_number=task.lines[e.row_number - 2])
            if isinstance(getattr(e, "row_number", None), int) and e.row_number >= 2
            else e
            for e in errors
        ]
    return errors


def _readable(schema: Schema, name: str) -> bool:
    """Whether the parsed rows are the table as frictionless would read it (plain CSV)."""
    resource = schema.resource(name)
    return "dialect" not in resource and isinstance(resource.get("schema"), Mapping)


def _text_fields(schema: Schema, name: str, names: Sequence[str]) -> bool:
    types = {f["name"]: f.get("type", "any") for f in schema.fields(name)}
    return all(types.get(n) in TEXT_TYPES for n in names)


def _splittable(schema: Schema, name: str, header: Sequence[str]) -> bool:
    """Whether chunks partitioned on the primary key can be checked apart."""
    key = list(schema.primary_key_fields(name))
    unique = [f["name"] for f in schema.fields(name) if f.get("constraints", {}).get("unique")]
    self_reference = any(
        fk.get("reference", {}).get("resource") in ("", name) for fk in schema.foreign_keys(name)
    )
    return (
        not self_reference
        and all(n in header for n in key)
        and _text_fields(schema, name, key)
        and all([n] == key for n in unique)
    )


def _partition(schema: Schema, name: str, table: Rows, parts: int) -> list[list[int]]:
    """Indices of the data rows of each chunk; rows sharing a primary key share a chunk."""
    indices = range(1, len(table))
    if parts <= 1:
        return [list(indices)]
    key = [table[0].index(n) for n in schema.primary_key_fields(name)]
    chunks: list[list[int]] = [[] for _ in range(parts)]
    if not key:
        size = -(-len(indices) // parts)
        return [list(indices[i : i + size]) for i in range(0, len(indices), size)]
    for i, cells in zip(indices, _keys(table[1:], key)):
        chunks[zlib.crc32("\x1f".join(cells).encode()) % parts].append(i)
    return [c for c in chunks if c]


def _keys(rows: Iterable[Sequence[str]], positions: Sequence[int]) -> Iterator[tuple[str, ...]]:
    """The cells at ``positions`` of each row, as a tuple ('' where a short row has none)."""
    get = operator.itemgetter(*positions) if positions else (lambda row: ())
    single = len(positions) == 1
    for row in rows:
        try:
            cells = get(row)
        except IndexError:
            yield tuple(row[p] if p < len(row) else "" for p in positions)
            continue
        yield (cells,) if single else cells


def _lookups(
    data_dir: Path, schema: Schema, name: str, chunk: Rows, rows: Mapping[str, Rows]
) -> tuple[Lookup, ...]:
    """For each resource this one refers to, the rows its foreign keys can match."""
    wanted: dict[str, list[tuple[list[str], set[tuple[str, ...]]]]] = {}
    for fk in schema.foreign_keys(name):
        target = fk.get("reference", {}).get("resource")
        if target in ("", name, None):
            continue  # a self-reference: frictionless reads the task's own rows
        fields = _as_list(fk.get("fields"))
        positions = [chunk[0].index(f) if f in chunk[0] else len(chunk[0]) for f in fields]
        values = set(_keys(chunk[1:], positions))
        wanted.setdefault(target, []).append((_as_list(fk["reference"].get("fields")), values))

    lookups = []
    for target, keys in wanted.items():
        table = rows.get(target)
        columns = list(dict.fromkeys(f for ref_fields, _ in keys for f in ref_fields))
        if (
            target not in schema.resource_names
            or table is None
            or not table
            or not _readable(schema, target)
            or not _text_fields(schema, target, columns)
            or not all(c in table[0] for c in columns)
        ):
            descriptor = schema.resource(target) if target in schema.resource_names else None
            if descriptor is not None:
                lookups.append(Lookup(target, descriptor=copy.deepcopy(dict(descriptor))))
            continue
        positions = {c: table[0].index(c) for c in columns}
        hits = [
            [key in values for key in _keys(table[1:], [positions[f] for f in ref_fields])]
            for ref_fields, values in keys
        ]
        matched = [row for row, *hit in zip(table[1:], *hits) if any(hit)]
        field_descriptors = {f["name"]: f for f in schema.fields(target)}
        lookups.append(
            Lookup(
                target,
                schema={"fields": [copy.deepcopy(dict(field_descriptors[c])) for c in columns]},
                rows=[columns, *map(list, _keys(matched, [positions[c] for c in columns]))],
            )
        )
    return tuple(lookups)


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
