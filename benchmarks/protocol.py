"""A reader of a Streamlit app at the protocol level: the app's WebSocket and Streamlit's own messages.

What a browser tab does, without the browser: load the page over HTTP (which
is where a load balancer sets its affinity cookie), open the WebSocket at
``/_stcore/stream`` with that cookie, ask for a script run with the link's
page and query string (a ``BackMsg`` with ``rerun_script``, as the frontend
sends one), and read ``ForwardMsg`` messages until ``script_finished``.
Changing a filter sends the widget's new value the same way; a download asks
for the deferred file (``backend_operation_request``) and fetches its URL.
The messages are ``streamlit.proto``'s, never a hand-written encoding.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import itertools
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TIMEOUT = 60.0  # seconds a script run may take before the reader gives up
_request_ids = itertools.count(1)


class ProtocolError(RuntimeError):
    """The app answered, but not with a finished script run."""


@dataclass
class Run:
    """One script run as the reader received it."""

    seconds: float
    bytes: int
    elements: list = field(repr=False)  # the Element protos, in the order received
    status: int = 0  # script_finished's status (ForwardMsg.FINISHED_SUCCESSFULLY)

    def widgets(self, kind: str) -> dict[str, object]:
        """The widgets of one kind (``multiselect``, ``download_button``...) by label."""
        return {
            getattr(e, kind).label: getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind
        }

    def metrics(self) -> dict[str, str]:
        return {e.metric.label: e.metric.body for e in self.elements if e.WhichOneof("type") == "metric"}

    def exceptions(self) -> list[str]:
        return [e.exception.message for e in self.elements if e.WhichOneof("type") == "exception"]


def _states(run: Run) -> list[WidgetState]:
    """The value of every input widget in a run, as the frontend sends them all back with each rerun."""
    states = []
    for element in run.elements:
        kind = element.WhichOneof("type")
        widget = getattr(element, kind)
        state = WidgetState(id=getattr(widget, "id", ""))
        if kind == "multiselect":
            chosen = widget.raw_values if widget.set_value else [widget.options[i] for i in widget.default]
            state.string_array_value.data.extend(chosen)
        elif kind == "date_input":
            state.string_array_value.data.extend(widget.value if widget.set_value else widget.default)
        elif kind == "text_input":
            state.string_value = widget.value if widget.set_value else widget.default
        elif kind == "selectbox":
            state.string_value = widget.raw_value if widget.set_value else widget.options[widget.default]
        else:
            continue
        states.append(state)
    return states


class Reader:
    """One reader's session: a cookie jar, a WebSocket and the widget values it has set."""

    def __init__(self, base_url: str, timeout: float = TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.ws: websocket.WebSocket | None = None
        self.page, self.query = "", ""
        self._widgets: dict[str, WidgetState] = {}
        self.last: Run | None = None
        self.session_id = ""

    # -- connection ------------------------------------------------------------------------------------
    def get(self, path: str) -> bytes:
        """An HTTP GET through the reader's cookie jar, as the browser would send it."""
        with self._http.open(self.base_url + path, timeout=self.timeout) as response:  # loopback only
            return response.read()

    def connect(self) -> None:
        """Load the page (for its cookies), then open the app's WebSocket with them."""
        self.close()
        self.get("/")
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        ws_url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        self.ws = websocket.create_connection(
            ws_url,
            subprotocols=["streamlit"],
            timeout=self.timeout,
            header=[f"Cookie: {cookie}"] if cookie else None,
        )

    def close(self) -> None:
        """Say goodbye and drop the connection, without waiting for the server's answer.

        (websocket-client's ``close()`` waits for the answer inside a bare ``except:``, which would swallow
        the signal Locust stops a reader with.)
        """
        if self.ws is not None:
            with contextlib.suppress(OSError, websocket.WebSocketException):
                self.ws.send_close()
            with contextlib.suppress(OSError, websocket.WebSocketException):
                self.ws.shutdown()
            self.ws = None

    # -- runs ------------------------------------------------------------------------------------------
    def open(self, link: str) -> Run:
        """Open a link (``/page?query``) as a new visit: connect and run the page it names."""
        parsed = urllib.parse.urlsplit(link)
        self.page, self.query = parsed.path.strip("/"), parsed.query
        self._widgets = {}
        self.connect()
        return self._rerun()

    def reopen(self) -> Run:
        """Reconnect and run the link the reader is on (its filters live in it), as a reloaded tab does."""
        self._widgets = {}
        self.connect()
        return self._rerun()

    def choose(self, kind: str, label: str, values: list[str]) -> Run:
        """Set the widget of this kind and label (from the last run) to these values, and wait for the rerun."""
        widget = self.last.widgets(kind).get(label) if self.last else None
        if widget is None:
            raise ProtocolError(f"no {kind} labelled {label!r} in the last run")
        self._widgets = {state.id: state for state in _states(self.last)}
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend(values)
        self._widgets[widget.id] = state
        return self._rerun()

    def _rerun(self) -> Run:
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = self.page
        message.rerun_script.widget_states.widgets.extend(self._widgets.values())
        started = time.perf_counter()
        self.ws.send_binary(message.SerializeToString())
        elements, received = [], 0
        while True:
            raw = self.ws.recv()
            if not raw:
                raise ProtocolError("the connection closed during a script run")
            received += len(raw)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                elements.append(forward.delta.new_element)
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string  # the app wrote its filters into the link
            elif kind == "script_finished":
                status = forward.script_finished
                if status in (
                    ForwardMsg.FINISHED_EARLY_FOR_RERUN,
                    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ):
                    continue  # an early rerun's or a fragment's end: the run asked for goes on
                self.last = Run(time.perf_counter() - started, received, elements, status)
                if status != ForwardMsg.FINISHED_SUCCESSFULLY or self.last.exceptions():
                    raise ProtocolError(f"the script run failed: {self.last.exceptions() or status}")
                return self.last

    def link(self) -> str:
        """The link the reader is on now, as its address bar would show it."""
        return f"/{self.page}" + (f"?{self.query}" if self.query else "")

    # -- downloads -------------------------------------------------------------------------------------
    def download(self, label_start: str) -> bytes:
        """Press the download button whose label starts so, and fetch its file over HTTP, as the frontend does:
        the button's URL, or, for a file made on click, the URL the server answers a request for it with."""
        button = next(
            (b for label, b in self.last.widgets("download_button").items() if label.startswith(label_start)),
            None,
        )
        if button is None:
            raise ProtocolError(f"no download button labelled {label_start!r}…")
        if button.url:  # a file handed over with the page: fetched as it is
            return self.get(button.url if button.url.startswith("/") else "/" + button.url)
        message = BackMsg()  # a file made on click: ask for it, then fetch it
        request = message.backend_operation_request
        request.request_id = f"download-{next(_request_ids)}"
        request.session_id = self.session_id
        request.deferred_file.file_id = button.deferred_file_id
        self.ws.send_binary(message.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv())
            if forward.WhichOneof("type") != "backend_operation_response":
                continue
            response = forward.backend_operation_response
            if response.request_id != request.request_id:
                continue
            if response.error_msg:
                raise ProtocolError(f"the download failed: {response.error_msg}")
            url = response.deferred_file.url
            return self.get(url if url.startswith("/") else "/" + url)
