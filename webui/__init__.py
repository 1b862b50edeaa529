"""The web layer: server-rendered pages and their JSON twins over one search backend.

The idea: every page that shows data is built from a plain dict (``webui.views`` and
``webui.searching``), and the same dict is what the matching ``/api/...`` route returns, so
the HTML and the JSON can never disagree. Passage text becomes HTML in exactly one place
(``webui.links``), from the citation offsets the indexer found: everything else is escaped.

The app talks to the index only through ``indexer.interface.SearchBackend``, opened once per
app and refreshed before each request, so a new ``wpskb index`` shows without a restart.
Pages carry no inline script or style; ``webui.security`` sets a strict CSP and friends on
every response. ``webui.server`` serves the app with waitress.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from indexer.interface import QueryError, SearchBackend
from kb.knowledge_base import KnowledgeBase
from webui import security
from webui.links import highlight_terms, mark, safe_snippet

BACKEND_KEY = "wpskb.backend"
JSON_PREFIXES = ("/api/", "/healthz")


class _BackendHolder:
    """Opens the backend on first use (once, thread-safely) and refreshes it per request."""

    def __init__(self, index_dir: Path, backend: SearchBackend | None = None) -> None:
        self.index_dir = index_dir
        self.backend = backend
        self.lock = threading.Lock()

    def get(self) -> SearchBackend:
        if self.backend is None:
            with self.lock:
                if self.backend is None:
                    from indexer.engine import open_backend

                    try:
                        self.backend = open_backend(self.index_dir)
                    except (FileNotFoundError, OSError, ValueError) as error:
                        raise ServiceUnavailable(gettext(
                            "the search index is not available (%(error)s); run `wpskb index` first",
                            error=error)) from error
        return self.backend


def get_backend() -> SearchBackend:
    """The current app's search backend."""
    return current_app.extensions[BACKEND_KEY].get()


def get_kb() -> KnowledgeBase:
    """The knowledge base the current index was built from."""
    return get_backend().kb


def _default_index_dir() -> str:
    from indexer.index import default_index_root

    return str(default_index_root())


def wants_json() -> bool:
    """Whether this request gets JSON errors (the API and the health check)."""
    return request.path.startswith(JSON_PREFIXES) or request.path == "/api"


def _error_response(status: int, message: str) -> Any:
    if wants_json():
        response = jsonify({"error": message, "status": status})
        response.status_code = status
        return response
    return render_template("error.html", status=status, message=message), status


def _handle_http(error: HTTPException) -> Any:
    messages = {404: gettext("There is no page at this address."), 405: gettext("This method is not allowed here."),
                413: gettext("The request is too large."), 500: gettext("Internal Server Error")}
    description = error.description if error.code in (400, 503) else messages.get(error.code or 500)
    response = _error_response(error.code or 500, description or error.name)
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response = current_app.make_response(response)
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _handle_query_error(error: QueryError) -> Any:
    from webui.languages import translate_message

    return _error_response(400, translate_message(str(error)))


def _handle_unexpected(error: Exception) -> Any:
    if isinstance(error, HTTPException):
        return _handle_http(error)
    current_app.logger.exception("unhandled error on %s", request.path)
    return _handle_http(InternalServerError())


def _refresh_backend() -> None:
    if request.endpoint == "static":
        return
    holder: _BackendHolder = current_app.extensions[BACKEND_KEY]
    if holder.backend is not None:
        holder.backend.refresh()


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The Flask application.

    Config: ``INDEX_DIR`` (default ``indexer.index.default_index_root()``), ``TESTING``,
    ``MAX_CONTENT_LENGTH`` (bytes of request body, default 64 KiB) and, for tests, ``BACKEND``
    (a ready :class:`~indexer.interface.SearchBackend` to use instead of opening ``INDEX_DIR``).
    """
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024, JSON_SORT_KEYS=False, DEBUG=False)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("INDEX_DIR") and app.config.get("BACKEND") is None:
        app.config["INDEX_DIR"] = _default_index_dir()
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["snippet"] = safe_snippet
    app.jinja_env.filters["mark"] = mark
    app.jinja_env.filters["terms"] = highlight_terms
    app.extensions[BACKEND_KEY] = _BackendHolder(Path(app.config.get("INDEX_DIR") or "."), app.config.get("BACKEND"))

    security.install(app)
    from webui import languages

    languages.install(app)
    app.before_request(_refresh_backend)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(QueryError, _handle_query_error)
    if not app.config.get("TESTING"):
        # In tests a bug should fail loudly with its traceback; in production it is a calm 500 page.
        app.register_error_handler(Exception, _handle_unexpected)

    from webui.api import api
    from webui.handouts import handouts
    from webui.commitments import commitments
    from webui.pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(api)
    app.register_blueprint(handouts)
    app.register_blueprint(commitments)
    return app
