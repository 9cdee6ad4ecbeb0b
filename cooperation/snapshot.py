"""A data directory read once into memory: every file's bytes, and when each was last changed.

The validator checks a snapshot, the dataset is built from it, and the data
page's zip holds it, so what visitors see, what was checked and what they
download are one version of the files. A snapshot whose files changed while it
was being read (an editor or ``git pull`` rewriting them) is ``torn`` and must
not be trusted; ``stamp`` tells whether anything changed since.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

Stamp = tuple[tuple[str, int, int], ...]  # (path relative to the directory, size, modification time in ns)


def _ignored(relpath: str) -> bool:
    """Hidden files and editors' backups are not part of the data (an editor's swap file comes and goes)."""
    return any(part.startswith(".") for part in relpath.split("/")) or relpath.endswith("~")


def stamp(root: Path) -> Stamp:
    """Every data file under ``root`` with its size and modification time: equal stamps, equal files."""
    if not root.is_dir():
        return ()
    found = []
    for path in sorted(root.rglob("*")):
        relpath = path.relative_to(root).as_posix()
        if _ignored(relpath):
            continue
        try:
            info = path.stat()
        except OSError:  # removed while listed: the stamp will differ next time
            continue
        if path.is_file():
            found.append((relpath, info.st_size, info.st_mtime_ns))
    return tuple(found)


@dataclass(frozen=True)
class Snapshot:
    """The files of a data directory as read at one moment."""

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
        return self.files.get(Path(relpath).as_posix())


def take(root: str | Path) -> Snapshot:
    """Read every data file under ``root``; the snapshot is torn if any changed meanwhile."""
    root = Path(root)
    before = stamp(root)
    files = {}
    for relpath, _, _ in before:
        try:
            files[relpath] = (root / relpath).read_bytes()
        except OSError:  # removed while read
            continue
    torn = stamp(root) != before or len(files) != len(before)
    return Snapshot(root, MappingProxyType(files), before, torn)
