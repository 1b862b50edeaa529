"""The results table, printed and written to ``bench/results.md`` with the machine's facts."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.http_load import Latency, Load, Memory

REINDEX_TARGET = 0.10  # an unchanged re-index takes at most 10% of a full build
HOSTILE_TARGET_MS = 300  # p95 of hostile queries while they are being fired


@dataclass
class Measured:
    """Everything measured for one system on one corpus; ``None`` where not measured."""

    system: str  # "wpskb" | "datasette"
    size: str  # "small" | "large"
    files: int = 0
    passages: int | None = None
    build_s: float | None = None
    reindex_s: float | None = None
    cli_s: float | None = None  # `wpskb --help`: the fixed cost inside every build and re-index
    build_note: str = ""  # how the build went ("full, 0/2 files from the parse cache"), or the passages' source
    reindex_note: str = ""
    start_s: float | None = None
    latency: Latency | None = None
    load: Load | None = None
    memory_idle: Memory | None = None  # right after start-up, before any question
    memory: Memory | None = None  # after the load
    hostile: dict | None = None  # bench.hostile_queries.measure_hostile's summary (wpskb only)
    failure: str = ""  # why the measurement stopped early, if it did

    @property
    def reindex_ratio(self) -> float | None:
        if self.build_s and self.reindex_s is not None:
            return self.reindex_s / self.build_s
        return None


@dataclass(frozen=True)
class Row:
    """One metric: its label, how to read it off a :class:`Measured`, and its target, if any."""

    label: str
    value: Callable[[Measured], str]
    target: str = ""
    met: Callable[[Measured], bool | None] | None = None
    systems: tuple[str, ...] = field(default=("wpskb", "datasette"))


def _num(value: float | int | None, fmt: str = "{:.1f}") -> str:
    return "—" if value is None else fmt.format(value)


def _lat(pick: Callable[[Latency], float | int], fmt: str = "{:.1f}") -> Callable[[Measured], str]:
    return lambda m: _num(pick(m.latency), fmt) if m.latency else "—"


def _load(pick: Callable[[Load], float | int], fmt: str = "{:.1f}") -> Callable[[Measured], str]:
    return lambda m: _num(pick(m.load), fmt) if m.load else "—"


def _hostile(m: Measured) -> bool:
    return bool(m.hostile and m.hostile["hostile"]["p95_ms"] is not None and m.hostile["ordinary"]["p95_ms"] is not None)


def _mem(pick: Callable[[Memory], float]) -> Callable[[Measured], str]:
    return lambda m: _num(pick(m.memory), "{:.0f}") if m.memory else "—"


ROWS: tuple[Row, ...] = (
    Row("corpus files", lambda m: str(m.files)),
    Row("passages searched", lambda m: _num(m.passages, "{:,}")),
    Row("full build, fresh index and cache (s)", lambda m: _num(m.build_s, "{:.2f}")),
    Row("full build did", lambda m: m.build_note or "—", systems=("wpskb",)),
    Row("re-index, unchanged corpus (s)", lambda m: _num(m.reindex_s, "{:.2f}"), systems=("wpskb",)),
    Row("re-index did", lambda m: m.reindex_note or "—", systems=("wpskb",)),
    Row("CLI start-up alone, `wpskb --help` (s)", lambda m: _num(m.cli_s, "{:.2f}"), systems=("wpskb",)),
    Row("re-index / full build", lambda m: _num(m.reindex_ratio and m.reindex_ratio * 100, "{:.1f}%"),
        target="≤ 10%", met=lambda m: None if m.reindex_ratio is None else m.reindex_ratio <= REINDEX_TARGET,
        systems=("wpskb",)),
    Row("start to healthy (s)", lambda m: _num(m.start_s, "{:.2f}")),
    Row("latency p50, one at a time (ms)", _lat(lambda x: x.p50_ms)),
    Row("latency p95, one at a time (ms)", _lat(lambda x: x.p95_ms)),
    Row("latency max (ms)", _lat(lambda x: x.max_ms)),
    Row("questions asked (of planned) / with no result",
        lambda m: f"{m.latency.count} ({m.latency.planned}) / {m.latency.empty}" if m.latency else "—"),
    Row("answers cut short by the server's time limit", _lat(lambda x: x.partial, "{:d}")),
    Row("errors, one at a time", _lat(lambda x: x.errors, "{:d}"), target="0",
        met=lambda m: None if m.latency is None else m.latency.errors == 0),
    Row("throughput under wrk (req/s)", _load(lambda x: x.rps)),
    Row("wrk latency p50 / p99 (ms)", lambda m: f"{m.load.p50_ms:.0f} / {m.load.p99_ms:.0f}" if m.load else "—"),
    Row("wrk requests", _load(lambda x: x.requests, "{:,}")),
    Row("errors under load (non-2xx + socket)", _load(lambda x: x.errors, "{:d}"), target="0",
        met=lambda m: None if m.load is None else m.load.errors == 0),
    Row("hostile queries, 3 threads for 8 s: p50 / p95 (ms)",
        lambda m: f"{m.hostile['hostile']['p50_ms']:.0f} / {m.hostile['hostile']['p95_ms']:.0f}" if _hostile(m) else "—",
        target="p95 < 300 ms", met=lambda m: None if not _hostile(m) else m.hostile["hostile"]["p95_ms"] < HOSTILE_TARGET_MS,
        systems=("wpskb",)),
    Row("ordinary questions during that attack: p50 / p95 (ms)",
        lambda m: f"{m.hostile['ordinary']['p50_ms']:.0f} / {m.hostile['ordinary']['p95_ms']:.0f}" if _hostile(m) else "—",
        systems=("wpskb",)),
    Row("hostile requests / refused with 400 / 5xx", lambda m: (
        f"{m.hostile['hostile']['requests']} / {m.hostile['refused_400']} / {m.hostile['errors_5xx']}") if m.hostile else "—",
        target="0 5xx", met=lambda m: None if not m.hostile else m.hostile["errors_5xx"] == 0 and m.hostile["ok"],
        systems=("wpskb",)),
    Row("VmRSS after start, idle (MiB)", lambda m: _num(m.memory_idle.rss_mib, "{:.0f}") if m.memory_idle else "—"),
    Row("VmRSS after load, all processes (MiB)", _mem(lambda x: x.rss_mib)),
    Row("server processes / VmRSS per process after load (MiB)",
        lambda m: f"{m.memory.processes} / {m.memory.rss_mib / max(1, m.memory.processes):.0f}" if m.memory else "—"),
    Row("VmHWM, peak (MiB)", _mem(lambda x: x.hwm_mib)),
)


def table(results: Sequence[Measured]) -> str:
    """A Markdown table: a row per metric, a column per (system, size), and the target."""
    columns = [m for size in ("small", "large") for m in results if m.size == size]
    head = ["metric", *(f"{m.system} {m.size}" for m in columns), "target met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in ROWS:
        cells = [row.value(m) if m.system in row.systems else "n/a" for m in columns]
        verdict = ""
        if row.met is not None:
            checks = [(m, row.met(m)) for m in columns if m.system in row.systems]
            parts = [f"{m.system} {m.size} {'yes' if ok else 'NO'}" for m, ok in checks if ok is not None]
            verdict = f"{row.target}: " + (", ".join(parts) if parts else "not measured")
        lines.append("| " + " | ".join([row.label, *cells, verdict]) + " |")
    return "\n".join(lines)


def slowest(results: Sequence[Measured], questions: Sequence[str], count: int = 5) -> list[str]:
    """A note per measured system: its slowest questions, and those it answered with nothing."""
    notes = []
    for m in results:
        if m.latency is None:
            continue
        asked = list(zip(questions, m.latency.times_ms, m.latency.hits))
        worst = sorted(asked, key=lambda a: -a[1])[:count]
        notes.append(f"{m.system} {m.size}, slowest: " + "; ".join(f"\"{q}\" {t:.0f} ms" for q, t, _ in worst))
        empty = [q for q, _, hits in asked if hits == 0]
        if empty:
            notes.append(f"{m.system} {m.size}, no result for: " + "; ".join(f"\"{q}\"" for q in empty))
    return notes


def machine_facts() -> list[str]:
    """Date, CPU, memory, Python, kernel and the commit measured."""
    cpu = _first_line("/proc/cpuinfo", "model name")
    mem = _first_line("/proc/meminfo", "MemTotal")
    repo = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(["git", "log", "-1", "--format=%h %s"], capture_output=True, text=True,
                                cwd=repo, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=repo, timeout=10).stdout.strip()
        if dirty:
            commit += f" (plus {len(dirty.splitlines())} tracked file(s) changed in the working tree)"
    except (OSError, subprocess.SubprocessError):
        commit = "unknown"
    return [
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: nproc {os.cpu_count()}, {cpu or 'cpu unknown'}, {mem or 'memory unknown'}",
        f"- python {platform.python_version()} ({sys.executable}), {platform.system()} {platform.release()}",
        f"- commit measured: {commit}",
    ]


def _first_line(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return ""


def write(results: Sequence[Measured], path: Path, commands: Sequence[str], notes: Sequence[str]) -> str:
    """Write the Markdown report to ``path``; returns its text."""
    failures = [f"- {m.system} {m.size}: {m.failure}" for m in results if m.failure]
    parts = [
        "# Benchmark: wpskb (Whoosh + Flask/waitress) beside Datasette (SQLite FTS5)",
        "",
        "Written by `make bench` (`python -m bench`); the package docstring of `bench/` says what is measured "
        "and how.",
        "",
        *machine_facts(),
        "",
        table(results),
        "",
        *(["## Failures", "", *failures, ""] if failures else []),
        "## Commands",
        "",
        "```",
        *commands,
        "```",
        "",
        "## Notes",
        "",
        *(f"- {note}" for note in notes),
        "",
    ]
    text = "\n".join(parts)
    path.write_text(text, encoding="utf-8")
    return text
