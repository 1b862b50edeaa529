"""`python -m bench`: build, serve, query and load both systems at both sizes; write results.md.

Every subprocess (indexer, servers, wrk) runs in its own process group and is stopped in a
``finally``; SIGTERM is turned into KeyboardInterrupt so that path runs on either signal.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import datasette_side, http_load, report
from bench.corpus_gen import generate
from bench.hostile_queries import measure_hostile
from bench.questions import questions

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work"
BIN = Path(sys.executable).parent
SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".md")
WARMUP = ("warm up the searcher", "peacekeeping warm up")  # not among the questions
HOSTILE_SECONDS = 8  # hostile queries fired from 3 threads, while one thread asks ordinary questions
HOSTILE_ORDINARY = 30  # ordinary questions timed during the attack (the first of the list)


def _rel(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def wpskb_argv() -> list[str]:
    """The console script; before `make install` has made it, the same entry point through Python."""
    script = BIN / "wpskb"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from webui.cli import main; main()"]


def run_timed(argv: Sequence[str], log: Path, timeout: float = 900) -> tuple[float, int]:
    """Run ``argv`` to completion in its own process group, output appended to ``log``;
    (wall seconds, exit code)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(f"\n$ {shlex.join(argv)}\n".encode())
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
        finally:
            http_load.stop_group(proc)
        return time.perf_counter() - start, code


class Bench:
    """One run: its settings, the commands it ran and what it measured."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.questions = questions()
        self.commands: list[str] = []
        self.results: list[report.Measured] = []

    def _command(self, argv: Sequence[str]) -> None:
        self.commands.append(shlex.join(_rel(a) if str(a).startswith(str(REPO)) else str(a) for a in argv))

    def serve_and_load(self, m: report.Measured, server: http_load.Server, paths: list[str],
                       read_answer: Callable[[bytes], tuple[int, bool]], warmup: list[str], work: Path) -> None:
        """Start ``server``, then latency, wrk load and memory into ``m``; stop it whatever happens."""
        self._command(server.argv)
        with server:
            m.start_s = server.wait_healthy()
            m.memory_idle = http_load.memory(server.pid)
            if m.passages is None and server.health:
                m.passages = server.health.get("passages")
            m.latency = http_load.measure_latency(server.port, paths, read_answer, warmup, self.args.budget)
            lat = m.latency
            print(f"    {lat.count} of {lat.planned} questions: latency p50 {lat.p50_ms:.1f} ms, "
                  f"p95 {lat.p95_ms:.1f} ms, {lat.errors} errors, {lat.empty} empty, {lat.partial} cut short", flush=True)
            a = self.args
            script = http_load.write_lua(paths, work / "rotate.lua", a.threads)
            wrk = http_load.wrk_argv(server.port, script, a.threads, a.connections, a.seconds)
            self._command(wrk)
            m.load = http_load.run_wrk(wrk, a.seconds)
            m.memory = http_load.memory(server.pid)
            print(f"    wrk {m.load.rps:.1f} req/s, {m.load.errors} errors; "
                  f"VmRSS {m.memory.rss_mib:.0f} MiB, VmHWM {m.memory.hwm_mib:.0f} MiB", flush=True)
            if m.system == "wpskb":
                m.hostile = measure_hostile(f"http://127.0.0.1:{server.port}", self.questions[:HOSTILE_ORDINARY],
                                            seconds=HOSTILE_SECONDS)
                h = m.hostile
                print(f"    hostile p95 {h['hostile']['p95_ms']} ms over {h['hostile']['requests']} requests "
                      f"({h['errors_5xx']} 5xx); ordinary p95 meanwhile {h['ordinary']['p95_ms']} ms", flush=True)

    def wpskb(self, size: str, dirs: list[Path], files: int) -> report.Measured:
        """Full build, unchanged re-index, then serve and measure."""
        m = report.Measured("wpskb", size, files)
        self.results.append(m)
        work = WORK / size / "wpskb"
        index = work / "index"
        shutil.rmtree(work, ignore_errors=True)  # a fresh index folder, so a fresh parse cache (index/cache)
        argv = [*wpskb_argv(), "index", *(x for d in dirs for x in ("--corpus", str(d))), "--index", str(index)]
        try:
            log = work / "index.log"
            m.cli_s, _ = run_timed([*wpskb_argv(), "--help"], log)
            for attempt in ("full", "re-index"):
                self._command(argv)
                offset = log.stat().st_size
                seconds, code = run_timed(argv, log)
                if code not in (0, 3):
                    raise RuntimeError(f"wpskb index exited {code} ({attempt}); see {_rel(log)}")
                summary = index_summary(log.read_bytes()[offset:].decode("utf-8", errors="replace"))
                if attempt == "full":
                    m.build_s, m.build_note = seconds, summary
                else:
                    m.reindex_s, m.reindex_note = seconds, summary
                print(f"  wpskb {size}: {attempt} {seconds:.2f} s (exit {code}; {summary})", flush=True)
            port = http_load.free_port()
            server = http_load.Server("wpskb", [*wpskb_argv(), "serve", "--host", "127.0.0.1", "--port",
                                                str(port), "--index", str(index)], port, "/healthz",
                                      work / "serve.log")
            paths = [wpskb_path(q) for q in self.questions]
            self.serve_and_load(m, server, paths, wpskb_answer, [wpskb_path(q) for q in WARMUP], work)
        except (RuntimeError, OSError, ValueError, KeyError) as error:
            m.failure = f"{type(error).__name__}: {error}"
            print(f"  wpskb {size} FAILED: {m.failure}", flush=True)
        return m

    def datasette(self, size: str, dirs: list[Path], files: int) -> report.Measured:
        """Export passages to SQLite FTS5, then serve with Datasette and measure."""
        m = report.Measured("datasette", size, files)
        self.results.append(m)
        work = WORK / size / "datasette"
        try:
            index = WORK / size / "wpskb" / "index"
            exp = datasette_side.export(dirs, work, index_root=index if index.is_dir() else None)
            m.passages, m.build_s = exp.passages, exp.write_s
            m.build_note = exp.source
            print(f"  datasette {size}: {exp.passages} passages from {exp.source}, "
                  f"FTS5 build {exp.write_s:.2f} s (reading passages {exp.read_s:.2f} s)", flush=True)
            port = http_load.free_port()
            server = datasette_side.server(exp, port, work / "serve.log")
            paths = [datasette_side.search_path(q) for q in self.questions]
            warmup = [datasette_side.search_path(q) for q in WARMUP]
            self.serve_and_load(m, server, paths, datasette_side.read_answer, warmup, work)
        except (RuntimeError, OSError, ValueError, KeyError, ImportError) as error:
            m.failure = f"{type(error).__name__}: {error}"
            print(f"  datasette {size} FAILED: {m.failure}", flush=True)
        return m


def index_summary(output: str) -> str:
    """What one `wpskb index` run says it did: the build mode and the files read from the parse cache."""
    sentence = re.search(r"^Index (.+?): \d+ documents", output, re.MULTILINE)  # "Index full build: ..."
    mode = re.search(r"mode='(\w+)'", output)  # an IndexReport printed as its repr
    said = sentence.group(1) if sentence else mode.group(1) if mode else "mode not reported"
    statuses = re.findall(r"^  (indexed|cached|skipped) ", output, re.MULTILINE)
    if statuses:  # the per-file report lines
        said += f"; {statuses.count('cached')}/{len(statuses)} files from the parse cache"
    return said


def wpskb_path(question: str) -> str:
    """The /api/search URL for ``question`` (ten results, as the UI asks)."""
    return "/api/search?" + urllib.parse.urlencode({"q": question, "limit": 10})


def wpskb_answer(body: bytes) -> tuple[int, bool]:
    """How many results an /api/search answer holds, and whether its time limit cut it short."""
    data = json.loads(body)
    return len(data.get("results", [])), bool(data.get("timed_out"))


def count_files(dirs: Sequence[Path]) -> int:
    """Indexable files under ``dirs`` (dot-files excluded, as the indexer does)."""
    return sum(1 for d in dirs for p in Path(d).rglob("*")
               if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="small,large", help="comma-separated: small, large")
    parser.add_argument("--paragraphs", type=int, default=15_000, help="paragraphs in the large corpus")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per system")
    parser.add_argument("--budget", type=float, default=180.0,
                        help="seconds allowed per system for the one-at-a-time questions; the rest are skipped")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results.md")
    return parser.parse_args(argv)


def _raise_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is missing: `make bench` installs it from Debian (apt-get install wrk)", file=sys.stderr)
        return 2
    for signum in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: a background job inherits it ignored
        signal.signal(signum, _raise_interrupt)
    started = time.perf_counter()
    bench = Bench(args)
    notes: list[str] = []
    try:
        for size in args.sizes.split(","):
            if size == "small":
                dirs = [REPO / "corpus"]
            elif size == "large":
                gen = generate(WORK / "large-corpus", paragraphs=args.paragraphs)
                dirs = [REPO / "corpus", gen.folder]  # the real corpus grown a hundredfold
                notes.append(f"large corpus: corpus/ plus {gen.files} generated files ({gen.bytes / 1e6:.1f} MB), "
                             f"{gen.paragraphs:,} paragraphs and lists written, seed fixed "
                             f"(`python -m bench.corpus_gen`), from the guide's own ~200 sentences: common words "
                             "match far more passages than in varied real text, so the large figures are pessimistic")
            else:
                print(f"unknown size {size!r}", file=sys.stderr)
                return 2
            files = count_files(dirs)
            print(f"== {size}: {files} files", flush=True)
            bench.wpskb(size, dirs, files)
            bench.datasette(size, dirs, files)
    except KeyboardInterrupt:
        print("\ninterrupted: servers stopped; no report written", file=sys.stderr)
        return 130
    sources = {m.build_note for m in bench.results if m.system == "datasette" and m.build_note}
    notes += [
        f"{len(bench.questions)} distinct questions (bench/questions.py), each asked once per system, in order, "
        f"over one keep-alive connection, after two warm-up questions not in the list; at most {args.budget:.0f} s "
        "per system (questions left when that runs out are not asked: see 'asked (of planned)')",
        "wpskb gets the question as typed (`/api/search?q=...&limit=10`); Datasette gets its content words as a "
        "quoted FTS5 OR query through a canned query ranked by bm25() with a snippet and a match count "
        "(bench/datasette_side.py); wpskb does more per query (AND then OR, facets over all matches, proximity, "
        "duplicate collapsing, direct answers), so this is a floor to aim at, not a like-for-like ranking",
        f"Datasette's passages come from: {', '.join(sorted(sources)) or 'n/a'}; its build time is inserting the "
        "rows and building the FTS5 index (parsing not counted); it has no incremental re-index",
        f"wrk -t{args.threads} -c{args.connections} -d{args.seconds}s rotates through the same questions, so an "
        "answer cache would help there; wrk shares the 2 cores with the server",
        "VmRSS/VmHWM from /proc/<pid>/status of the server process (and children, if any), after the load",
        f"whole run: {time.perf_counter() - started:.0f} s",
    ]
    notes += report.slowest(bench.results, bench.questions)
    text = report.write(bench.results, args.output, bench.commands, notes)
    print("\n" + text)
    return 1 if any(m.failure for m in bench.results) else 0


if __name__ == "__main__":
    sys.exit(main())
