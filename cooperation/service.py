"""Serving the data like a service: the last valid version stays published while the files change.

``Publisher.current()`` answers each page load with the dataset to show. When
the files on disk change, it reads them once into a snapshot and validates
it; a valid snapshot replaces the published dataset, an invalid one never does
(as nginx, HAProxy or Kubernetes keep the last good configuration when a new
one fails to load). A snapshot read while a file was being rewritten (torn),
or files changed less than ``settle`` seconds ago (an edit or ``git pull``
under way), are not even tried: the published version stays, with a notice
that an update is pending, and the next page load looks again. Only a server
that has never had valid data shows the problems instead.

Each reload is logged as one JSON line (``data.reload``: valid or not, with
counts), and each problem of an invalid version as one line more
(``data.problem``), on the ``cooperation`` logger.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cooperation import snapshot
from cooperation.data import Dataset, load
from cooperation.problems import DataError, Problem

SETTLE_SECONDS = 1.0  # files changed more recently than this are still being written
SETTLE_VAR = "COOPERATION_SETTLE_SECONDS"  # sets it, in seconds
LOOK_SECONDS = 0.5  # a server looks at the files at most once in this interval, for all its sessions
LOOK_VAR = "COOPERATION_LOOK_SECONDS"
TORN_RETRIES = 5  # with no data published yet, how often to read again a snapshot that changed while read
LOG = logging.getLogger("cooperation")


def settle_seconds(environ=os.environ) -> float:
    """``$COOPERATION_SETTLE_SECONDS`` as seconds, 0 or more; otherwise the default, with a warning naming it."""
    return seconds_from(environ, SETTLE_VAR, SETTLE_SECONDS)


def look_seconds(environ=os.environ) -> float:
    """``$COOPERATION_LOOK_SECONDS`` as seconds, 0 or more (0: look on every page load); else the default."""
    return seconds_from(environ, LOOK_VAR, LOOK_SECONDS)


def seconds_from(environ, name: str, default: float) -> float:
    """An environment variable as seconds, 0 or more; otherwise the default, with a warning naming it."""
    given = environ.get(name)
    if given is None or not given.strip():
        return default
    try:
        seconds = float(given)
    except ValueError:
        seconds = math.nan
    if math.isfinite(seconds) and seconds >= 0:
        return seconds
    log_to_stderr()
    LOG.warning(
        f"{name}={given!r} is not a number of seconds (0 or more); using {default} s. "
        f"Give it as, for example, {name}=1.5"
    )
    return default


@dataclass(frozen=True)
class Pending:
    """A version of the files on disk that is not served: still being written, or not valid."""

    modified: datetime | None
    problems: tuple[Problem, ...] = ()  # none while the files are still being written

    @property
    def writing(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Served:
    """What a page load shows: the published dataset, and what waits on disk, or why there is none."""

    dataset: Dataset | None
    pending: Pending | None = None
    problems: tuple[Problem, ...] = ()  # when no valid version has ever been loaded


class Publisher:
    """The published dataset of one data directory, for every session of a server process."""

    def __init__(self, root: Path, settle: float = SETTLE_SECONDS, look: float = 0.0):
        self.root = Path(root)
        self.settle = settle
        self.look = look  # at most one look at the files in this many seconds, once data is published
        self._looked = -math.inf  # when the files were last looked at (time.monotonic)
        self._lock = threading.Lock()
        self._seen: snapshot.Stamp | None = None  # the files whose outcome is known
        self._state = Served(None)

    def current(self) -> Served:
        """The state to show now, reading the files again only when they have changed.

        Once a version is published, the files are looked at (a walk and a ``stat`` of each) at most once
        per ``look`` seconds, whichever session asks: under load, one look serves every page load meanwhile.
        """
        state = self._state
        now = time.monotonic()
        if state.dataset is not None and now - self._looked < self.look:
            return state
        self._looked = now
        stamp = snapshot.stamp(self.root)
        if stamp == self._seen:
            return state
        if not self._lock.acquire(blocking=state.dataset is None):
            return _pending(state, stamp)  # another session is reading the new files: keep showing the old
        try:
            if stamp == self._seen:
                return self._state
            return self._refresh()
        finally:
            self._lock.release()

    def _refresh(self) -> Served:
        published = self._state.dataset
        for _ in range(TORN_RETRIES):
            files = snapshot.take(self.root)
            if published is not None and (files.torn or files.age() < self.settle):
                return _pending(self._state, files.stamp)  # still being written: look again on the next load
            if not files.torn:
                break
            time.sleep(0.2)
        else:
            problem = Problem(
                str(self.root), "the files kept changing while they were read; try again shortly"
            )
            return Served(None, problems=(problem,))
        try:
            dataset = load(files)
        except DataError as error:
            problems = error.problems
        except Exception as exc:  # noqa: BLE001 - an unforeseen failure is one more invalid version, never an outage
            problems = (Problem(str(self.root), f"could not be loaded: {exc!r}"),)
        else:
            if published is not None:
                published.memo.clear()  # what reruns computed from the old version is not needed again
            self._seen, self._state = files.stamp, Served(dataset)
            counts = {
                n: len(getattr(dataset, n)) for n in dataset.schema.resource_names if hasattr(dataset, n)
            }
            _log("data.reload", path=self.root, valid=True, modified=files.modified, **counts)
            return self._state
        self._seen = files.stamp
        self._state = (
            Served(published, Pending(files.modified, problems))
            if published is not None
            else Served(None, problems=problems)
        )
        _log(
            "data.reload",
            path=self.root,
            valid=False,
            modified=files.modified,
            problems=len(problems),
            serving=published.snapshot.modified if published is not None else None,
        )
        for problem in problems:
            _log("data.problem", file=problem.file, line=problem.line, column=problem.column,
                 value=problem.value, message=problem.message, hint=problem.hint)  # fmt: skip
        return self._state


def _pending(state: Served, stamp: snapshot.Stamp) -> Served:
    """The published state, with an update pending on disk (still being written, or being read)."""
    if state.dataset is None or (state.pending is not None and state.pending.problems):
        return state  # nothing to keep, or known problems that stand until the new files are read
    newest = max((m for _, _, m in stamp), default=None)
    return Served(state.dataset, Pending(datetime.fromtimestamp(newest / 1e9, tz=UTC) if newest else None))


def _log(event: str, **fields: object) -> None:
    """One structured line: the event and its fields as JSON."""
    shown = {
        k: v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, Path) else v
        for k, v in fields.items()
    }
    LOG.info(json.dumps({"event": event, **shown}, ensure_ascii=False, default=str))


def log_to_stderr() -> None:
    """Send the cooperation logger's lines to standard error, once, whatever Streamlit does with the rest."""
    if not LOG.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
        LOG.propagate = False
