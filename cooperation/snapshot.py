"""The files of a data package read once into memory: every file's bytes, and when each was last changed.

The validator checks a snapshot, the dataset is built from it, and the data
page's zip holds it, so what visitors see, what was checked and what they
download are one version of the files. A snapshot holds **what the
descriptor names** and nothing else: the descriptor itself, its resources'
files, its documents (``"documents"``: a codebook, notes on the accounts) and
the texts the sources table points to (``text_path``). A stray database, an
editor's probe file or an export beside them is not part of the package: it
is neither published nor zipped, and changing it reloads nothing.

A snapshot whose files changed while it was being read (an editor or ``git
pull`` rewriting them) is ``torn`` and must not be trusted; ``stamp`` tells
whether anything changed since.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from cooperation.schema import DESCRIPTOR

SOURCES, TEXT_PATH = "sources", "text_path"  # the resource and column that name the texts held

Stamp = tuple[tuple[str, int, int], ...]  # (path relative to the directory, size, modification time in ns)
_Info = tuple[int, int] | None  # (size, modification time in ns) of one file, or None when it is not there


def _info(path: Path) -> _Info:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns) if path.is_file() else None


def _relative(path: object) -> str | None:
    """A path inside the data directory, normalised; None for anything else."""
    if not isinstance(path, str) or not path:
        return None
    inside = posixpath.normpath(PurePosixPath(path).as_posix())
    if PurePosixPath(path).is_absolute() or inside == ".." or inside.startswith("../"):
        return None
    return inside


def _named(raw: bytes | None) -> tuple[list[str], str | None]:
    """What a descriptor names: its resources' and documents' paths, and the path of the sources table."""
    try:
        descriptor = json.loads(raw.decode("utf-8-sig")) if raw else {}
    except ValueError:
        return [], None
    if not isinstance(descriptor, dict):
        return [], None
    resources = (
        [r for r in descriptor.get("resources", ()) if isinstance(r, dict)]
        if isinstance(descriptor.get("resources"), list)
        else []
    )
    documents = descriptor.get("documents") if isinstance(descriptor.get("documents"), list) else []
    paths = [r.get("path") for r in resources] + [d.get("path") for d in documents if isinstance(d, dict)]
    sources = next((r.get("path") for r in resources if r.get("name") == SOURCES), None)
    return [p for p in map(_relative, paths) if p], _relative(sources)


def _texts(raw: bytes | None) -> list[str]:
    """The text paths a sources table names (read leniently: the validator says what is wrong with it)."""
    try:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")) if raw else ()
        return [p for p in (_relative(row.get(TEXT_PATH)) for row in reader) if p]
    except (ValueError, csv.Error):
        return []


class _Members:
    """The paths a data directory's package names, looked up again only when its descriptor or sources change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[Path, tuple[_Info, str | None, _Info, tuple[str, ...]]] = {}

    def __call__(self, root: Path) -> tuple[str, ...]:
        descriptor = _info(root / DESCRIPTOR)
        with self._lock:
            known = self._known.get(root)
        if known and known[0] == descriptor and (known[1] is None or _info(root / known[1]) == known[2]):
            return known[3]
        raw = _read(root / DESCRIPTOR)
        paths, sources = _named(raw)
        sources_info = _info(root / sources) if sources else None
        texts = _texts(_read(root / sources)) if sources else []
        members = tuple(sorted(dict.fromkeys([DESCRIPTOR, *paths, *texts]))) if raw is not None else ()
        with self._lock:
            self._known[root] = (descriptor, sources, sources_info, members)
        return members


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


members = _Members()


def stamp(root: Path) -> Stamp:
    """Every file of the package in ``root`` with its size and modification time: equal stamps, equal files."""
    root = Path(root)
    found = []
    for relpath in members(root):
        info = _info(root / relpath)
        if info is not None:  # a file named but missing: the validator says so
            found.append((relpath, *info))
    return tuple(found)


@dataclass(frozen=True)
class Snapshot:
    """The files of a data package as read at one moment."""

    root: Path
    files: Mapping[str, bytes]
    stamp: Stamp
    torn: bool = False  # a file changed while the snapshot was read

    @property
    def modified(self) -> datetime | None:
        """When the newest file was last changed (UTC), or None for an empty directory."""
        if not self.stamp:
            return None
        return datetime.fromtimestamp(max(m for _, _, m in self.stamp) / 1e9, tz=UTC)

    def age(self) -> float:
        """Seconds since the newest file was last changed."""
        return time.time() - self.modified.timestamp() if self.modified else float("inf")

    def read(self, relpath: str) -> bytes | None:
        """A file's bytes, by its path relative to the directory; None when the snapshot has no such file."""
        inside = _relative(relpath)
        return self.files.get(inside) if inside else None


def take(root: str | Path) -> Snapshot:
    """Read every file of the package in ``root``; the snapshot is torn if any changed meanwhile."""
    root = Path(root)
    before = stamp(root)
    files = {}
    for relpath, _, _ in before:
        content = _read(root / relpath)
        if content is not None:  # removed while read: the stamps below differ
            files[relpath] = content
    torn = stamp(root) != before or len(files) != len(before)
    return Snapshot(root, MappingProxyType(files), before, torn)
