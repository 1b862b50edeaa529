"""Hostile queries under load: do they hurt the server, and do they slow ordinary users down?

``measure_hostile(base_url, ordinary)`` fires a fixed list of hostile queries (fuzzy, range and
field syntax, wildcards, 200 nested parentheses, NUL bytes, bad UTF-8, 10,000 characters,
1,000 words, a 5,000-letter word, many prefixes, many common words) at ``/api/search`` from a
few threads, while one more thread times ordinary queries. It returns p50/p95 for both and the
status counts: a 5xx is a failure, a 400 is an expected refusal. Only 127.0.0.1/localhost
targets are accepted, and every loop is bounded by time and by a request cap.

    python -m bench.hostile_queries http://127.0.0.1:5000 "gender mainstreaming" "1325 op 8"
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
from collections import Counter
from urllib.parse import quote, urlsplit

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
COMMON = ("women peace security gender police sexual violence conflict resolution council training united "
          "nations protection human rights participation support states parties measures role armed").split()
# Raw query strings (already percent-encoded where the bytes matter).
HOSTILE: tuple[str, ...] = tuple(quote(q, safe="") for q in (
    "gender~9", "*ender", "[a TO zzzz]", "{a TO z}", "title:x", "title:(gender OR police)", "gender^999",
    '"unbalanced quote', "((gender", "(" * 200 + "gender" + ")" * 200, "NOT gender AND OR",
    "gender " * 1430, " ".join(f"word{i}" for i in range(1000)), "a" * 5000, "g" * 499,
    " ".join(f"{w[:3]}*" for w in COMMON), " ".join(COMMON), " ".join(w + "~2" for w in COMMON),
    '"' + " ".join(COMMON) + '"', "-".join(COMMON), "\ufdfa" * 400, "🙂 gender 👮",
)) + ("gen%00der", "gender%ED%A0%80", "%FF%FE%FD", "%C0%AF%C0%AF", "%00%00")
MAX_REQUESTS = 100_000  # per thread: a bound on every loop besides the clock


def _check_local(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS:
        raise ValueError(f"only http://127.0.0.1 or http://localhost targets, not {base_url!r}")
    return parts.hostname, parts.port or 80


def _request(host: str, port: int, raw_query: str, timeout: float) -> tuple[int, float]:
    """(HTTP status, seconds) of GET /api/search?q=<raw_query>; status 0 on a connection failure."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", f"/api/search?q={raw_query}")
        response = connection.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException):
        status = 0
    finally:
        connection.close()
    return status, time.perf_counter() - started


def _quantiles(samples: list[float]) -> dict[str, float | None]:
    if not samples:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    ordered = sorted(samples)
    p95 = statistics.quantiles(ordered, n=20)[18] if len(ordered) >= 2 else ordered[0]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2)}


def measure_hostile(base_url: str, ordinary: list[str], seconds: float = 10, threads: int = 3,
                    timeout: float = 30.0) -> dict:
    """Hostile queries from ``threads`` threads, ordinary ones timed alongside, for ``seconds``.

    Returns ``{"hostile": {p50_ms, p95_ms, max_ms, requests, statuses}, "ordinary": {...},
    "errors_5xx": N, "refused_400": N, "failed_connections": N, "ok": errors_5xx == 0 and no failures}``.
    """
    host, port = _check_local(base_url)
    if not ordinary:
        raise ValueError("give at least one ordinary query to time under attack")
    ordinary_raw = [quote(q, safe="") for q in ordinary]
    deadline = time.monotonic() + max(0.0, float(seconds))
    lock = threading.Lock()
    timings: dict[str, list[float]] = {"hostile": [], "ordinary": []}
    statuses: dict[str, Counter] = {"hostile": Counter(), "ordinary": Counter()}

    def fire(kind: str, queries: list[str], offset: int) -> None:
        for count in range(MAX_REQUESTS):
            if time.monotonic() >= deadline:
                return
            status, took = _request(host, port, queries[(offset + count) % len(queries)], timeout)
            with lock:
                timings[kind].append(took)
                statuses[kind][status] += 1

    workers = [threading.Thread(target=fire, args=("hostile", list(HOSTILE), i * 7), daemon=True)
               for i in range(max(1, threads))]
    workers.append(threading.Thread(target=fire, args=("ordinary", ordinary_raw, 0), daemon=True))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + timeout + 5)

    def summary(kind: str) -> dict:
        return {**_quantiles(timings[kind]), "requests": len(timings[kind]),
                "statuses": {str(k): v for k, v in sorted(statuses[kind].items())}}

    every = statuses["hostile"] + statuses["ordinary"]
    errors = sum(v for k, v in every.items() if k >= 500)
    failed = every.get(0, 0)
    return {"hostile": summary("hostile"), "ordinary": summary("ordinary"), "errors_5xx": errors,
            "refused_400": every.get(400, 0), "failed_connections": failed,
            "ordinary_non_200": sum(v for k, v in statuses["ordinary"].items() if k != 200),
            "ok": errors == 0 and failed == 0}


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: python -m bench.hostile_queries http://127.0.0.1:PORT QUERY [QUERY...]")
    print(json.dumps(measure_hostile(sys.argv[1], sys.argv[2:]), indent=2))
