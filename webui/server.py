"""Serving the app with waitress, a production WSGI server (no Flask debug server)."""

from __future__ import annotations

from pathlib import Path

from webui import create_app, get_backend


def serve(host: str, port: int, index_dir: Path, threads: int = 8) -> None:
    """Serve the web UI and API on ``host:port`` over the index in ``index_dir`` until interrupted.

    The backend is opened before the first request, so a missing or broken index fails here,
    at start-up, rather than on a user's first search.
    """
    from waitress import serve as waitress_serve

    app = create_app({"INDEX_DIR": str(index_dir)})
    with app.app_context():
        get_backend()
    print(f"Serving the WPS knowledge base on http://{host}:{port}/ (index: {index_dir}; Ctrl-C to stop)", flush=True)
    waitress_serve(app, host=host, port=port, threads=threads, ident="wpskb", clear_untrusted_proxy_headers=True)
