"""The benchmark behind `make bench` (`python -m bench`): wpskb beside Datasette + SQLite FTS5.

Two corpus sizes: the bundled ``corpus/`` and a corpus about a hundred times larger:
``corpus/`` plus about 15,000 paragraphs and lists in ~500 .txt/.md files generated with a
fixed seed from the guide's own sentences, bullet items and headings into
``bench/work/large-corpus`` (:mod:`bench.corpus_gen`). For each size, one system at a
time, on 127.0.0.1 only:

1. Build. ``wpskb index --corpus DIR --index IDX`` as a subprocess into a fresh folder
   (fresh parse cache too), wall time; then the same command again over the unchanged
   corpus. Target: the re-index takes at most 10% of the full build. What each run did
   (build mode, files read from the parse cache) comes from the indexer's report.
   Datasette's build is writing the same passages (``kb.passages()``: id, title, text,
   document) into SQLite and building an FTS5 index (:mod:`bench.datasette_side`).
2. Serve. ``wpskb serve`` (one process per core under gunicorn, or waitress for one) or ``datasette serve -i`` on a free port, each in its
   own process group, stopped on any exit; ready when ``/healthz`` (``/-/versions.json``)
   answers 200, and the time that took.
3. Latency. About 150 distinct questions (:mod:`bench.questions`: officers' definitions,
   trainers' "1325 op 8", researchers' topics), each asked once, one at a time, over a
   keep-alive connection: p50, p95 and max wall time per request, errors, empty answers and
   answers the server's time limit cut short; at most ``--budget`` seconds per system.
4. Throughput. wrk ``-t2 -c16 -d10s`` with a Lua script rotating through the same
   questions, URL-encoded; requests per second and errors (non-2xx + socket errors)
   (:mod:`bench.http_load`).
5. Memory. VmRSS from ``/proc/<pid>/status`` of the server (and its worker processes) when
   idle after start-up, and VmRSS and VmHWM after the load.
6. Hostile queries (wpskb only). :mod:`bench.hostile_queries` fires fuzzy, range, field and
   wildcard syntax, deep nesting, NUL and bad UTF-8, 10,000 characters, 1,000 words ... at
   ``/api/search`` from 3 threads for 8 s while a fourth asks ordinary questions: p50/p95 of
   both, the 400 refusals and any 5xx. Target: hostile p95 under 300 ms, no 5xx.

The table (a row per metric, a column per system and size, and whether the targets are
met) is printed and written with the date, machine facts and commands to
``bench/results.md`` (:mod:`bench.report`). Generated data stays in ``bench/work/``.
"""
