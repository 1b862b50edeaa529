"""Serving the app with a production WSGI server (never Flask's debug server).

One process (``workers=1``) is served by waitress with a pool of threads. Searching is
CPU-bound Python, so one process uses one core at a time whatever its threads; with
``workers > 1`` gunicorn runs that many processes (each with its threads) on one socket. Each
process opens the index itself after the fork — Whoosh's open files must not be shared — and
warms it with one search, so no user pays for the first one; the master process never opens it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from webui import create_app, get_backend

WARM_UP_QUERY = "gender"


def default_workers() -> int:
    """One process per core, at most four (each holds its own copy of the index's tables)."""
    return max(1, min(4, os.cpu_count() or 1))


def ready_app(index_dir: Path) -> Flask:
    """The production app with its backend open and warm (a broken index fails here, not on a user)."""
    from indexer.interface import SearchQuery

    app = create_app({"INDEX_DIR": str(index_dir)})
    with app.app_context():
        get_backend().search(SearchQuery(WARM_UP_QUERY))
    return app


def serve(host: str, port: int, index_dir: Path, threads: int = 4, workers: int = 1) -> None:
    """Serve the web UI and API on ``host:port`` over the index in ``index_dir`` until interrupted."""
    where = f"http://{host}:{port}/ (index: {index_dir}; {workers} process(es) x {threads} threads; Ctrl-C to stop)"
    if workers <= 1:
        from waitress import serve as waitress_serve

        app = ready_app(index_dir)
        print(f"Serving the WPS knowledge base on {where}", flush=True)
        waitress_serve(app, host=host, port=port, threads=threads, ident="wpskb", clear_untrusted_proxy_headers=True)
        return
    from indexer.index import has_index

    # The master only checks that a build is there: opening the index here too would keep a
    # whole extra copy of it in memory for the server's lifetime. A worker that cannot open it
    # fails to boot, and gunicorn stops with its traceback.
    if not has_index(index_dir):
        raise FileNotFoundError(f"no index at {index_dir}: run `wpskb index` first")
    print(f"Serving the WPS knowledge base on {where}", flush=True)
    _gunicorn_app(index_dir, {
        "bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
        "preload_app": False, "accesslog": None, "errorlog": "-", "loglevel": "warning",
        "proc_name": "wpskb", "forwarded_allow_ips": "127.0.0.1", "graceful_timeout": 10, "timeout": 60,
    }).run()


def _gunicorn_app(index_dir: Path, options: dict[str, Any]):
    from gunicorn.app.base import BaseApplication

    class WpskbApplication(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:  # runs in each worker, after the fork
            return ready_app(index_dir)

    return WpskbApplication()
