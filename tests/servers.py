"""Start local servers on free ports and find a Chromium, for the browser tests (and the benchmarks).

A server's output is read as it comes (a pipe nobody reads fills up and stalls
the server) and kept, so that a failing test can show it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60  # seconds for a server to answer its health check
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    """Playwright's own Chromium if it is installed, else a system Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        own = p.chromium.executable_path
    if own and Path(own).is_file():
        return own
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    data: Path
    process: subprocess.Popen = field(repr=False)
    lines: list[str] = field(default_factory=list, repr=False)  # its output so far, stdout and stderr merged

    def output(self) -> str:
        return "".join(self.lines)

    def peak_memory_mb(self) -> float:
        """The process's peak resident memory (VmHWM), in MiB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
        return kib / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _drain(process: subprocess.Popen, lines: list[str]) -> None:
    for line in process.stdout:
        lines.append(line)


def start(
    command: list[str], port: int, health: str, data: Path, env: dict[str, str] | None = None
) -> Server:
    """Run ``command`` and return once ``health`` on 127.0.0.1:``port`` answers 200."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    server = Server(f"http://127.0.0.1:{port}", data, process)
    threading.Thread(target=_drain, args=(process, server.lines), daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[2:4]} exited:\n{server.output()}")
        try:
            with urllib.request.urlopen(server.url + health, timeout=1) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)  # not answering yet: poll again
    process.kill()
    raise RuntimeError(f"{command} did not answer {health} within {START_TIMEOUT} s:\n{server.output()}")


def start_streamlit(
    script: Path, data: Path, env_var: str = "COOPERATION_DATA", env: dict[str, str] | None = None
) -> Server:
    """``streamlit run script`` on a free port, with the data directory in ``env_var`` (and ``env``)."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    return start(command, port, "/_stcore/health", data, {**(env or {}), env_var: str(data)})
