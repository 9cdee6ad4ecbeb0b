"""Locust's virtual readers of the dashboard: each opens a shared link over the app's WebSocket, then changes filters.

A reader (``LinkReader``) opens one of the shared links (``/?sector=…``, a
theme page, the source page with a statement), waits for the page, then at
a think time changes the Sectors filter to one of a few popular choices,
sometimes opens another link, and on the overview downloads the statements.
Each step is one Locust request (``open``, ``filter``, ``download``) timed
from the message sent to the end of its script run, so Locust does the users,
rates and statistics and ``benchmarks.protocol`` speaks Streamlit's protocol.

When a step fails because the reader's process went away, the reader
reconnects through the same address (a load balancer sends it to a live
process) with the link it was on, and checks that it gets the same view: the
same link and the same counts. Each reconnection is recorded in
``RECOVERIES``. Run by ``benchmarks.capacity``, which sets the links and
choices from the data; ``locust -f benchmarks/locustfile.py`` works too, with
``LOAD_LINKS`` and ``LOAD_CHOICES`` (``|``-separated; a choice's labels
``;``-separated).
"""

from __future__ import annotations

import itertools
import os
import random
import time
from dataclasses import dataclass

from locust import User, between, task

from benchmarks.protocol import ProtocolError, Reader

RECONNECT_SECONDS = 30.0  # how long a reader keeps trying to get its view back
THINK = (0.25, 0.75)  # seconds a reader thinks between steps, at random between these
_numbers = itertools.count()


@dataclass(frozen=True)
class Recovery:
    """One reader's way back after its process went away."""

    reader: int  # the reader's number
    seconds: float  # from the failed step to its view shown again
    same_view: bool  # the same link and the same counts as before
    attempts: int


RECOVERIES: list[Recovery] = []


def _env_list(name: str, default: tuple) -> tuple:
    given = os.environ.get(name)
    return tuple(given.split("|")) if given else default


class LinkReader(User):
    """A reader who opens a shared link and changes the Sectors filter now and then."""

    wait_time = between(*THINK)
    links: tuple[str, ...] = _env_list("LOAD_LINKS", ("/",))
    choices: tuple[tuple[str, ...], ...] = tuple(c.split(";") for c in _env_list("LOAD_CHOICES", ()))
    filter_label = "Sectors"
    download_label = "Download"  # the start of the download button's label, on the pages that have one

    def server(self) -> str:
        """The process the load balancer's affinity cookie names ("?" without one)."""
        return next((c.value for c in self.reader.cookies if c.name == "SERVERID"), "?")

    def on_start(self) -> None:
        self.number = next(_numbers)  # readers are numbered in the order they arrive
        self.rng = random.Random(self.number)
        self.reader = Reader(self.host)
        self.view: tuple[str, dict[str, str]] | None = None  # the link and counts last shown
        self._step("open", lambda: self.reader.open(self.rng.choice(self.links)))

    def on_stop(self) -> None:
        self.reader.close()

    @task(6)
    def change_filter(self) -> None:
        if self.choices:
            chosen = list(self.rng.choice(self.choices))
            self._step("filter", lambda: self.reader.choose("multiselect", self.filter_label, chosen))

    @task(1)
    def open_link(self) -> None:
        self._step("open", lambda: self.reader.open(self.rng.choice(self.links)))

    @task(1)
    def download(self) -> None:
        last = self.reader.last
        if last is None or not any(
            label.startswith(self.download_label) for label in last.widgets("download_button")
        ):
            return
        started = time.perf_counter()
        try:
            body = self.reader.download(self.download_label)
        except Exception as error:  # noqa: BLE001 - a failed download is a measurement, whatever failed
            self._fire("download", started, 0, error)
            self._recover(started)
            return
        ok = body.startswith(b"statement_id,") or body.startswith(b"\xef\xbb\xbfstatement_id,")
        self._fire("download", started, len(body), None if ok else ProtocolError("not the statements CSV"))

    def _step(self, name: str, action) -> None:
        started = time.perf_counter()
        try:
            run = action()
        except Exception as error:  # noqa: BLE001 - a failed step is a measurement, whatever failed
            self._fire(name, started, 0, error)
            self._recover(started)
            return
        self.view = (self.reader.link(), run.metrics())
        self._fire(name, started, run.bytes, None)

    def _fire(self, name: str, started: float, length: int, error: Exception | None) -> None:
        self.environment.events.request.fire(
            request_type="WS",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=length,
            exception=error,
            context={},
        )

    def _recover(self, failed_at: float) -> None:
        """Reconnect with the link the reader was on, until its view is back (or time runs out)."""
        if self.view is None:
            return
        link, counts = self.view
        for attempt in itertools.count(1):
            try:
                self.reader.open(link)
            except Exception:  # noqa: BLE001 - the process may still be going away: try again
                if time.perf_counter() - failed_at > RECONNECT_SECONDS:
                    RECOVERIES.append(Recovery(self.number, time.perf_counter() - failed_at, False, attempt))
                    return
                time.sleep(0.2)
                continue
            same = self.reader.link() == link and self.reader.last.metrics() == counts
            RECOVERIES.append(Recovery(self.number, time.perf_counter() - failed_at, same, attempt))
            self.view = (self.reader.link(), self.reader.last.metrics())
            return
