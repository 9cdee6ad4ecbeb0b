"""Capacity: how many readers one dashboard process serves, and two behind HAProxy, measured with Locust.

Readers are Locust users speaking Streamlit's protocol over the WebSocket
(``benchmarks.locustfile``, ``benchmarks.protocol``): no browser, so the load
generator costs little next to the server. Everything runs on 127.0.0.1 and
stops by itself: each phase runs for a fixed number of seconds with a fixed
number of readers. The phases:

1. **One process**, for each number of readers (1, 10, 25, 50, 100 by
   default): a fresh server, the readers spawned and warmed up, then counted
   for ``--seconds``: filter updates served per second, their p50 and p95, the
   server's CPU and peak memory. The knee is the first count whose p95 passes
   one second.
2. **The bare app** (``benchmarks/bare_app.py``) under the same load at
   ``--compare`` readers, for the ratio of reruns served.
3. **Memory per session**: what each idle and each active session adds to
   the server's resident memory.
4. **HAProxy** (``deploy/haproxy.cfg``) in front of one process, then of two,
   with twice the readers for two (the same load per process), and a download
   for each of a set of readers through the load balancer.
5. **Failover**: with two processes under load, one is killed; its readers
   reconnect through HAProxy and must get the view they had (every filter is
   in the link). Then it is started again, and new readers must reach it.

``make capacity`` runs it all and writes ``benchmarks/results/capacity-*.json``
and the summary in ``docs/performance.md`` (between the capacity markers).
``--smoke`` is the short run the tests make: a few readers for a few seconds.
"""

from __future__ import annotations

# isort: off
# Locust first: it patches the standard library for gevent before anything else imports it.
import locust  # noqa: F401
# isort: on

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import gevent
import gevent.util
from locust.env import Environment

from benchmarks import locustfile
from benchmarks.protocol import Reader
from benchmarks.run import RESULTS, _machine, _write_report
from cooperation.data import DEFAULT_DATA_DIR, load
from tests.servers import ROOT, Server, free_port, start, start_streamlit

HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
BARE = ROOT / "benchmarks" / "bare_app.py"
LINKS_PER_KIND = 3  # shared links: the most named sectors' overview links, a theme page, a statement
CHOICES = 5  # the popular filter choices readers switch between
KNEE_SECONDS = 1.0


# -- what readers open ------------------------------------------------------------------------------------
def shared_links(data: Path) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The links readers share and the Sectors choices they switch between, from the data.

    The overview with each of the most named sectors, the first theme's page and the source page singling
    out a statement; the choices are the most named sectors' labels, one at a time.
    """
    ds = load(data)
    named = ds.tidy["sector_id"].value_counts()
    top = list(named.index[:CHOICES])
    links = [f"/?sector={sector}" for sector in top[:LINKS_PER_KIND]]
    links.append(f"/{ds.themes['theme_id'].iloc[0]}")
    links.append(f"/source?statement={ds.statements['statement_id'].iloc[0]}")
    return tuple(links), tuple((ds.sector_labels[s],) for s in top)


# -- processes -------------------------------------------------------------------------------------------
def _proc(pid: int, key: str) -> float:
    """A /proc/<pid>/status value in kB (VmRSS, VmHWM), as MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def app_server(data: Path, port: int | None = None, script: Path = ROOT / "app.py") -> Server:
    if script == BARE:
        return start_streamlit(script, data, env_var="BENCH_DATA")
    if port is None:
        return start_streamlit(script, data)
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    return start(command, port, "/_stcore/health", data, {"COOPERATION_DATA": str(data)})


class Balancer:
    """HAProxy with the repository's configuration, in front of the given ports, in the foreground."""

    def __init__(self, app_ports: tuple[int, int], workdir: Path):
        self.port = free_port()
        self.socket = workdir / f"haproxy-{self.port}.sock"
        env = {
            **os.environ,
            "LB_PORT": str(self.port),
            "APP1_PORT": str(app_ports[0]),
            "APP2_PORT": str(app_ports[1]),
            "LB_SOCKET": str(self.socket),
        }
        self.process = subprocess.Popen(
            ["haproxy", "-db", "-f", str(HAPROXY_CONFIG)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def status(self) -> dict[str, str]:
        """Each server's state as HAProxy sees it (``show stat``): UP, DOWN, …"""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.socket))
            sock.sendall(b"show stat\n")
            answer = b"".join(iter(lambda: sock.recv(65536), b"")).decode()
        header, *rows = [line.split(",") for line in answer.splitlines() if line]
        names = [h.lstrip("# ") for h in header]
        table = [dict(zip(names, row)) for row in rows]
        return {
            r["svname"]: r["status"].split()[0] for r in table if r["svname"] not in ("FRONTEND", "BACKEND")
        }

    def wait_for(self, wanted: dict[str, str], timeout: float = 30.0) -> float:
        """Seconds until every named server is in the wanted state."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            with contextlib.suppress(OSError, ValueError):
                status = self.status()
                if all(status.get(name) == state for name, state in wanted.items()):
                    return time.monotonic() - started
            gevent.sleep(0.1)
        raise RuntimeError(f"HAProxy did not report {wanted} within {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# -- one load run ----------------------------------------------------------------------------------------
def run_load(
    host: str,
    readers: int,
    seconds: float,
    links: tuple[str, ...],
    choices: tuple[tuple[str, ...], ...],
    pids: tuple[int, ...] = (),
    warmup: float = 5.0,
    during=None,
) -> dict:
    """``readers`` Locust readers on ``host``: spawned over a few seconds, warmed up, then counted for ``seconds``.

    ``pids`` are the server processes whose CPU and memory are sampled; ``during(environment)`` runs while the
    readers are counted (the failover kills a process there) and may return figures of its own.
    """
    reader = type("Reader", (locustfile.LinkReader,), {"links": links, "choices": choices})
    environment = Environment(user_classes=[reader], host=host)
    runner = environment.create_local_runner()
    ramp = max(1.0, readers / 20)  # 20 new readers a second at most
    runner.start(readers, spawn_rate=readers / ramp)
    gevent.sleep(ramp + warmup)
    environment.stats.reset_all()
    locustfile.RECOVERIES.clear()
    cpu = {pid: _cpu_seconds(pid) for pid in pids}
    rss = dict.fromkeys(pids, 0.0)
    started = time.monotonic()
    sampler = gevent.spawn(_sample_rss, rss)
    extra = during(environment, runner) if during else None
    gevent.sleep(max(0.0, seconds - (time.monotonic() - started)))
    elapsed = time.monotonic() - started
    sampler.kill()
    result = {"readers": readers, "seconds": round(elapsed, 1)}
    for name in ("filter", "open", "download"):
        entry = environment.stats.get(name, "WS")
        served = entry.num_requests - entry.num_failures
        result[name] = {
            "served": served,
            "failed": entry.num_failures,
            "per_second": round(served / elapsed, 2),
            "p50_s": entry.get_response_time_percentile(0.5) / 1000 if served else None,
            "p95_s": entry.get_response_time_percentile(0.95) / 1000 if served else None,
        }
    alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()]
    result["cpu_percent"] = {
        str(pid): round(100 * (_cpu_seconds(pid) - cpu[pid]) / elapsed) for pid in alive if pid in cpu
    }
    result["peak_rss_mb"] = {str(pid): round(rss[pid]) for pid in alive}
    result["peak_memory_mb"] = {str(pid): round(_proc(pid, "VmHWM")) for pid in alive}
    if extra is not None:
        result.update(extra)
    _stop(runner)
    return result


def _stop(runner) -> None:
    """Stop every reader: as Locust does, then, for any still running after a few seconds, by force."""
    users = _users(runner)
    with gevent.Timeout(10, False):
        runner.quit()
    runner.user_greenlets.kill(block=True, timeout=5)
    for user in users:
        if hasattr(user, "reader"):
            user.reader.close()


def _sample_rss(peaks: dict[int, float]) -> None:
    while True:
        for pid in peaks:
            with contextlib.suppress(OSError, KeyError):
                peaks[pid] = max(peaks[pid], _proc(pid, "VmRSS"))
        gevent.sleep(0.25)


def _rate(result: dict) -> float:
    return result["filter"]["per_second"]


# -- the phases ------------------------------------------------------------------------------------------
def one_process(data: Path, levels: list[int], seconds: float, script: Path = ROOT / "app.py") -> list[dict]:
    links, choices = shared_links(data)
    if script == BARE:
        links = ("/",)
    rows = []
    for readers in levels:
        print(f"  {readers} readers on {script.name}…", file=sys.stderr, flush=True)
        server = app_server(data, script=script)
        try:
            pid = server.process.pid
            rows.append(run_load(server.url, readers, seconds, links, choices, pids=(pid,)))
        finally:
            server.stop()
    return rows


def session_memory(data: Path, sessions: int, seconds: float) -> dict:
    """What each idle and each active session adds to the server's resident memory (MiB)."""
    links, choices = shared_links(data)
    server = app_server(data)
    try:
        pid = server.process.pid
        first = Reader(server.url)
        for link in links:
            first.open(link)  # every page's first run (imports, the data) before the baseline
        first.close()
        gevent.sleep(1)
        baseline = _proc(pid, "VmRSS")
        idle = [Reader(server.url) for _ in range(sessions)]
        for i, reader in enumerate(idle):
            reader.open(links[i % len(links)])
        gevent.sleep(2)
        with_idle = _proc(pid, "VmRSS")
        for reader in idle:
            reader.close()
        gevent.sleep(2)
        busy = run_load(server.url, sessions, seconds, links, choices, pids=(pid,))
        active_peak = busy["peak_rss_mb"][str(pid)]
    finally:
        server.stop()
    return {
        "sessions": sessions,
        "baseline_mb": round(baseline),
        "idle_mb_per_session": round((with_idle - baseline) / sessions, 2),
        "active_mb_per_session": round((active_peak - baseline) / sessions, 2),
        "active_peak_mb": active_peak,
    }


def _downloads(url: str, link: str, readers: int) -> dict:
    """``readers`` new readers open ``link`` through the load balancer and each downloads the statements."""
    counts: dict[str, list[bool]] = {}
    for _ in range(readers):
        reader = Reader(url)
        reader.open(link)
        try:
            body = reader.download(locustfile.LinkReader.download_label)
            ok = body.lstrip(b"\xef\xbb\xbf").startswith(b"statement_id,")
        except Exception:  # noqa: BLE001 - a failed download is the measurement
            ok = False
        server = next((c.value for c in reader.cookies if c.name == "SERVERID"), "?")
        counts.setdefault(server, []).append(ok)
        reader.close()
    return {s: {"readers": len(v), "worked": sum(v)} for s, v in sorted(counts.items())}


def balanced(data: Path, readers: int, seconds: float, workdir: Path) -> dict:
    """One process, then two, behind HAProxy: twice the readers for two; then downloads through it."""
    links, choices = shared_links(data)
    ports = (free_port(), free_port())
    first = app_server(data, ports[0])
    balancer = Balancer(ports, workdir)
    result = {}
    try:
        balancer.wait_for({"app1": "UP", "app2": "DOWN"})
        print(f"  {readers} readers, one process behind HAProxy…", file=sys.stderr, flush=True)
        result["one"] = run_load(balancer.url, readers, seconds, links, choices, pids=(first.process.pid,))
        second = app_server(data, ports[1])
        try:
            balancer.wait_for({"app1": "UP", "app2": "UP"})
            print(f"  {2 * readers} readers, two processes behind HAProxy…", file=sys.stderr, flush=True)
            result["two"] = run_load(
                balancer.url,
                2 * readers,
                seconds,
                links,
                choices,
                pids=(first.process.pid, second.process.pid),
            )
            result["downloads"] = _downloads(balancer.url, links[0], max(4, readers))
        finally:
            second.stop()
    finally:
        balancer.stop()
        first.stop()
    result["ratio"] = round(_rate(result["two"]) / _rate(result["one"]), 2) if _rate(result["one"]) else None
    return result


def failover(data: Path, readers: int, seconds: float, workdir: Path) -> dict:
    """Two processes under load behind HAProxy; one is killed, then started again."""
    links, choices = shared_links(data)
    ports = (free_port(), free_port())
    servers = [app_server(data, ports[0]), app_server(data, ports[1])]
    balancer = Balancer(ports, workdir)

    def kill_and_return(environment, runner) -> dict:
        gevent.sleep(seconds / 4)
        on = _readers_by_server(runner)
        victims = [user for user in _users(runner) if user.server() == "app2"]
        servers[1].process.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        down_after = balancer.wait_for({"app2": "DOWN"})
        gevent.sleep(seconds / 4)
        served_meanwhile = environment.stats.get("filter", "WS").num_requests
        recoveries = {r.reader: r for r in locustfile.RECOVERIES}  # each reader's first way back
        back = [recoveries[v.number] for v in victims if v.number in recoveries]
        moved = [v for v in victims if v.number not in recoveries and v.server() == "app1"]
        servers[1] = app_server(data, ports[1])
        up_after = balancer.wait_for({"app2": "UP"})
        back_at = time.monotonic() - killed_at
        first_new = max(_numbers(runner), default=-1) + 1
        runner.start(runner.user_count + readers // 2, spawn_rate=readers)  # new readers arrive
        gevent.sleep(4)
        seconds_back = [r.seconds for r in back]
        return {
            "on_killed_process": on.get("app2", 0),
            "on_surviving_process": on.get("app1", 0),
            "haproxy_marked_down_s": round(down_after, 1),
            "restarted_and_up_after_s": round(back_at, 1),
            "up_after_restart_s": round(up_after, 1),
            "filter_updates_while_down": served_meanwhile,
            "reconnected": len(back),
            "same_view": sum(r.same_view for r in back),
            "moved_by_opening_a_link": len(moved),
            "lost": len(victims) - sum(r.same_view for r in back) - len(moved),
            "reconnect_p50_s": round(statistics.median(seconds_back), 2) if seconds_back else None,
            "reconnect_max_s": round(max(seconds_back), 2) if seconds_back else None,
            "reconnect_attempts_max": max((r.attempts for r in back), default=0),
            "newcomers": _readers_by_server(runner, since=first_new),
        }

    try:
        balancer.wait_for({"app1": "UP", "app2": "UP"})
        print(f"  failover with {readers} readers…", file=sys.stderr, flush=True)
        return run_load(
            balancer.url,
            readers,
            seconds,
            links,
            choices,
            pids=(servers[0].process.pid,),
            during=kill_and_return,
        )
    finally:
        balancer.stop()
        for server in servers:
            with contextlib.suppress(Exception):
                server.stop()


def _users(runner) -> list:
    return [g.args[0] for g in runner.user_greenlets if g.args and hasattr(g.args[0], "number")]


def _numbers(runner) -> list[int]:
    return [user.number for user in _users(runner)]


def _readers_by_server(runner, since: int = 0) -> dict[str, int]:
    """How many of the runner's readers (those numbered ``since`` or later) hold each server's affinity cookie."""
    users = [user for user in _users(runner) if user.number >= since]
    counts: dict[str, int] = {}
    for user in users:
        server = user.server() if hasattr(user, "reader") else "?"
        counts[server] = counts.get(server, 0) + 1
    return dict(sorted(counts.items()))


# -- the report ------------------------------------------------------------------------------------------
def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def _failed(run: dict) -> int:
    """Steps that failed: filter updates, links opened and downloads."""
    return sum(run[name]["failed"] for name in ("filter", "open", "download"))


def markdown(report: dict, command: str) -> str:
    machine, single = report["machine"], report["one_process"]
    lines = [
        f"Machine: {machine['cpu']}, {machine['cores']} cores; Streamlit {machine['streamlit']}; run {machine['date']}. "
        f"Readers think {locustfile.THINK[0]}–{locustfile.THINK[1]} s between steps, at random; each level ran "
        f"{report['seconds']:.0f} s after its readers were spawned and warmed up. Reproduce with:",
        "",
        f"```sh\n{command}\n```",
        "",
        "**One process** (the overview, a theme page and the source page, shared links; filter updates):",
        "",
        "| readers | filter updates served / s | p50 | p95 | links opened / s | downloads | failed "
        "| server CPU | peak memory |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in single:
        cpu = next(iter(row["cpu_percent"].values()), None)
        memory = next(iter(row["peak_memory_mb"].values()), None)
        lines.append(
            f"| {row['readers']} | {row['filter']['per_second']:.1f} | {_s(row['filter']['p50_s'])} "
            f"| {_s(row['filter']['p95_s'])} | {row['open']['per_second']:.1f} "
            f"| {row['download']['served']} | {_failed(row)} | {cpu}% | {memory} MiB |"
        )
    knee = next((r["readers"] for r in single if (r["filter"]["p95_s"] or 0) > KNEE_SECONDS), None)
    lines += [
        "",
        f"The knee (p95 past {KNEE_SECONDS:.0f} s): "
        + (f"at {knee} readers." if knee else "not reached at these counts."),
    ]
    if report.get("bare"):
        bare = report["bare"]
        ours = next((r for r in single if r["readers"] == bare["readers"]), None)
        if ours:
            lines.append(
                f"Against the bare app at {bare['readers']} readers: {ours['filter']['per_second']:.1f} against "
                f"{bare['filter']['per_second']:.1f} filter updates a second "
                f"({ours['filter']['per_second'] / max(bare['filter']['per_second'], 1e-9):.2f}×), p95 "
                f"{_s(ours['filter']['p95_s'])} against {_s(bare['filter']['p95_s'])}."
            )
    if report.get("memory"):
        m = report["memory"]
        lines.append(
            f"Memory per session ({m['sessions']} sessions, from {m['baseline_mb']} MiB with the data loaded): "
            f"{m['idle_mb_per_session']:.2f} MiB idle, {m['active_mb_per_session']:.2f} MiB active "
            f"(peak {m['active_peak_mb']} MiB)."
        )
    if report.get("balanced"):
        b = report["balanced"]
        one, two = b["one"], b["two"]
        lines += [
            "",
            "**Behind HAProxy** (`deploy/haproxy.cfg`, cookie affinity, health checks on `/_stcore/health`):",
            "",
            "| processes | readers | filter updates served / s | p50 | p95 | downloads | failed |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *(
                f"| {n} | {r['readers']} | {r['filter']['per_second']:.1f} | {_s(r['filter']['p50_s'])} "
                f"| {_s(r['filter']['p95_s'])} | {r['download']['served']} | {_failed(r)} |"
                for n, r in ((1, one), (2, two))
            ),
            "",
            f"Two processes against one, at the same load per process: {b['ratio']}× the filter updates served.",
            "Downloads through the load balancer, one per new reader: "
            + ", ".join(f"{v['worked']} of {v['readers']} via {s}" for s, v in b["downloads"].items())
            + ".",
        ]
    if report.get("failover"):
        f = report["failover"]
        lines += [
            "",
            f"**Failover** ({f['readers']} readers on two processes; one killed with SIGKILL, then started again): "
            f"{f['on_killed_process']} readers were on the killed process and {f['on_surviving_process']} on the "
            f"other. HAProxy marked it down after {f['haproxy_marked_down_s']} s. Of those readers, {f['reconnected']} "
            f"had a step fail and reconnected through HAProxy, {f['same_view']} of them to exactly the view they "
            f"had (same link, same counts), in {_s(f['reconnect_p50_s'])} at the median and "
            f"{_s(f['reconnect_max_s'])} at most; {f['moved_by_opening_a_link']} opened a new link before any "
            f"step failed, and HAProxy sent them to the live process; {f['lost']} lost their view. "
            f"{_failed(f)} steps failed in all. "
            f"The surviving process served {f['filter_updates_while_down']} filter updates while the other was "
            f"down. Started again, the killed process was up in HAProxy after {f['up_after_restart_s']} s; of "
            f"the new readers who came next, "
            + ", ".join(f"{n} went to {s}" for s, n in f["newcomers"].items())
            + ".",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--readers", default="1,10,25,50,100", help="reader counts for one process")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long each level is counted")
    parser.add_argument("--compare", type=int, default=25, help="readers for the bare app and HAProxy phases")
    parser.add_argument("--report", type=Path, help="write the summary into this Markdown file")
    parser.add_argument("--json", type=Path, help="write the figures here (default: benchmarks/results/)")
    parser.add_argument("--smoke", action="store_true", help="a few readers for a few seconds, every phase")
    parser.add_argument("--render", type=Path, help="only write the summary of this results file")
    args = parser.parse_args(argv)
    command = "make capacity  # python -m benchmarks.capacity --report docs/performance.md"
    if args.render:
        text = markdown(json.loads(args.render.read_text()), command)
        print(text)
        if args.report:
            _write_report(args.report, text, "capacity")
        return 0
    if args.smoke:
        args.readers, args.seconds, args.compare = "3", 4.0, 3
    levels = [int(n) for n in args.readers.split(",")]
    # kill -USR1 <pid> prints where every reader and phase is, should a run seem stuck
    gevent.signal_handler(
        signal.SIGUSR1, lambda: print(*gevent.util.format_run_info(), sep="\n", file=sys.stderr)
    )
    deadline = (len(levels) + 6) * (args.seconds + 45) + 60  # generous: each phase with its servers' starts
    try:
        with gevent.Timeout(deadline):
            report = _phases(args, levels)
    except gevent.Timeout:
        print(f"the load test did not finish within {deadline:.0f} s: stopped", file=sys.stderr)
        return 1
    text = markdown(report, command)
    out = args.json or RESULTS / f"capacity-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(text)
    if args.report:
        _write_report(args.report, text, "capacity")
    return 0


def _phases(args, levels: list[int]) -> dict:
    report: dict = {"machine": _machine(), "seconds": args.seconds, "data": str(args.data)}
    print("one process…", file=sys.stderr, flush=True)
    report["one_process"] = one_process(args.data, levels, args.seconds)
    print("the bare app…", file=sys.stderr, flush=True)
    report["bare"] = one_process(args.data, [args.compare], args.seconds, script=BARE)[0]
    print("memory per session…", file=sys.stderr, flush=True)
    report["memory"] = session_memory(args.data, max(args.compare, 2), min(args.seconds, 15.0))
    if _have_haproxy():
        with tempfile.TemporaryDirectory() as workdir:
            print("HAProxy…", file=sys.stderr, flush=True)
            report["balanced"] = balanced(args.data, 2 * args.compare, args.seconds, Path(workdir))
            report["failover"] = failover(args.data, 2 * args.compare, max(args.seconds, 12.0), Path(workdir))
    else:
        print("no haproxy on this machine: the load balancer phases are skipped", file=sys.stderr)
    return report


def _have_haproxy() -> bool:
    from shutil import which

    return which("haproxy") is not None


if __name__ == "__main__":
    sys.exit(main())
