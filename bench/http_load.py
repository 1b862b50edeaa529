"""Servers under test and the three HTTP measures: latency, throughput, memory.

A server runs in its own process group (``start_new_session``) so that stopping it stops
everything it spawned; :class:`Server` is a context manager and stops it on any exit,
Ctrl-C included. Only 127.0.0.1 is ever a target.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A server subprocess in its own process group, stopped on exit from the ``with`` block."""

    def __init__(self, name: str, argv: Sequence[str], port: int, health_path: str, log: Path) -> None:
        self.name, self.argv, self.port, self.health_path, self.log = name, list(argv), port, health_path, log
        self.proc: subprocess.Popen[bytes] | None = None
        self.health: dict | None = None
        self.started_s = 0.0

    def __enter__(self) -> "Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(self.argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def wait_healthy(self, timeout: float = 180.0) -> float:
        """Poll the health path until it answers 200; the seconds it took from the start."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log}:\n{_tail(self.log)}")
            try:
                status, body = get(self.port, self.health_path, timeout=2.0)
            except OSError:
                status, body = 0, b""
            if status == 200:
                try:
                    self.health = json.loads(body)
                except ValueError:
                    self.health = {}
                self.started_s = time.perf_counter() - start
                return self.started_s
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not healthy after {timeout:.0f}s; see {self.log}:\n{_tail(self.log)}")

    def stop(self) -> None:
        """Stop the server's whole process group."""
        if self.proc is not None:
            stop_group(self.proc)


def stop_group(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM to the process group of ``proc`` (its own session), SIGKILL after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def get(port: int, path: str, timeout: float = 30.0,
        conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    """GET ``path`` on 127.0.0.1:``port``; (status, body). Reuses ``conn`` when given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


@dataclass(frozen=True)
class Latency:
    """Sequential, one-request-at-a-time latencies of the question list."""

    count: int  # questions asked
    planned: int  # questions in the list; more than ``count`` when the time budget ran out
    p50_ms: float
    p95_ms: float
    max_ms: float
    errors: int  # non-2xx answers or failed requests
    empty: int  # 2xx answers with no result
    partial: int  # 2xx answers the server marked as cut short by its time limit
    hits: tuple[int, ...]  # result count per question (-1 on error)
    times_ms: tuple[float, ...]  # wall time per question, in the order asked


def measure_latency(port: int, paths: Sequence[str], read_answer: Callable[[bytes], tuple[int, bool]],
                    warmup: Sequence[str] = (), budget_s: float = 180.0) -> Latency:
    """Ask every path once, in order, over one keep-alive connection; wall time per request.

    ``read_answer`` gives an answer's result count and whether it was cut short. Stops early,
    asking no more, once ``budget_s`` seconds have gone by (``count < planned``).
    """
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        for path in warmup:
            get(port, path, conn=conn)
        times: list[float] = []
        hits: list[int] = []
        errors = partial = 0
        began = time.perf_counter()
        for path in paths:
            if time.perf_counter() - began > budget_s:
                break
            start = time.perf_counter()
            try:
                status, body = get(port, path, conn=conn)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                status, body = 0, b""
            times.append((time.perf_counter() - start) * 1000)
            if 200 <= status < 300:
                count, cut_short = read_answer(body)
                hits.append(count)
                partial += cut_short
            else:
                errors += 1
                hits.append(-1)
    finally:
        conn.close()
    return Latency(
        count=len(times),
        planned=len(paths),
        p50_ms=statistics.median(times),
        p95_ms=statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0],
        max_ms=max(times),
        errors=errors,
        empty=sum(1 for h in hits if h == 0),
        partial=partial,
        hits=tuple(hits),
        times_ms=tuple(times),
    )


@dataclass(frozen=True)
class Load:
    """What wrk reported for a fixed-duration run."""

    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int  # connect + read + write + timeout

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


_LUA = """-- generated by bench/http_load.py: rotate through the benchmark questions
local paths = {%(paths)s}
local counter = 0
function init(args)
  counter = tonumber(start_at) or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept"] = "application/json"})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %%d, "duration_us": %%d, "non_2xx": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""

_LUA_SETUP = """
local next_start = 0
function setup(thread)
  thread:set("start_at", next_start)
  next_start = next_start + %d
end
"""


def write_lua(paths: Sequence[str], script: Path, threads: int) -> Path:
    """A wrk script that rotates through ``paths``; each thread starts at its own offset."""
    quoted = ",\n  ".join(_lua_string(p) for p in paths)
    text = _LUA % {"paths": "\n  " + quoted + "\n"} + _LUA_SETUP % max(1, len(paths) // max(threads, 1))
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(text, encoding="utf-8")
    return script


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_argv(port: int, script: Path, threads: int = 2, connections: int = 16, seconds: int = 10) -> list[str]:
    """The wrk command for 127.0.0.1:``port`` with ``script``; a request over 10 s counts as an error."""
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
            "-s", str(script), f"http://{HOST}:{port}/"]


def run_wrk(argv: Sequence[str], seconds: int) -> Load:
    """Run wrk (``argv`` from :func:`wrk_argv`, lasting ``seconds``); its summary as a :class:`Load`."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=seconds + 60)
    finally:
        stop_group(proc, grace=1.0)
    text = out.decode("utf-8", errors="replace")
    line = next((ln for ln in text.splitlines() if ln.startswith("WRK-JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{text}")
    data = json.loads(line.removeprefix("WRK-JSON "))
    duration = data["duration_us"] / 1e6
    return Load(
        requests=data["requests"],
        duration_s=duration,
        rps=data["requests"] / duration if duration else 0.0,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        non_2xx=data["non_2xx"],
        socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
    )


@dataclass(frozen=True)
class Memory:
    """Resident memory of a server, in MiB: now (VmRSS) and at its peak (VmHWM)."""

    rss_mib: float
    hwm_mib: float
    processes: int


def memory(pid: int) -> Memory:
    """VmRSS and VmHWM of ``pid`` and its descendants, summed (gunicorn runs one worker process per core)."""
    pids = [pid, *_descendants(pid)]
    rss = hwm = 0
    for one in pids:
        fields = _status(one)
        rss += fields.get("VmRSS", 0)
        hwm += fields.get("VmHWM", 0)
    return Memory(rss_mib=rss / 1024, hwm_mib=hwm / 1024, processes=len(pids))


def _status(pid: int) -> dict[str, int]:
    fields: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])  # kB
    except (OSError, ValueError):
        pass
    return fields


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        for children in Path(f"/proc/{stack.pop()}/task").glob("*/children"):
            try:
                kids = [int(k) for k in children.read_text().split()]
            except OSError:
                continue
            found += kids
            stack += kids
    return found
