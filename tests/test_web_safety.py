"""The web layer is safe in production: no debug, no traceback, size cap, no path traversal, headers everywhere.

``tests/test_pages.py`` and ``tests/test_api.py`` cover the headers on pages, JSON and 404s
and the 413 on the API; this file adds the production app (no TESTING), 500 pages, static
files, page routes and path traversal.
"""

from __future__ import annotations

import pytest
from fake_kb import FakeBackend

from webui import create_app
from webui.security import HEADERS


@pytest.fixture()
def production():
    """The app as `wpskb serve` builds it (no TESTING), with a failing view added for this test only."""
    app = create_app({"BACKEND": FakeBackend()})

    def explode() -> str:
        raise RuntimeError("secret internal detail /etc/passwd")

    app.add_url_rule("/test-only-explode", "explode", explode)
    app.add_url_rule("/api/test-only-explode", "api_explode", explode)
    return app


def assert_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_debug_is_off_in_production(production):
    assert production.debug is False and production.testing is False
    assert not production.config["PROPAGATE_EXCEPTIONS"]


@pytest.mark.parametrize(("path", "json"), [("/test-only-explode", False), ("/api/test-only-explode", True)])
def test_internal_error_shows_no_traceback(production, path, json):
    response = production.test_client().get(path)
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", "secret internal detail", "/etc/passwd", ".py", "werkzeug"):
        assert leak not in body
    if json:
        assert response.get_json() == {"error": "Internal Server Error", "status": 500} or \
            set(response.get_json()) == {"error", "status"}
    else:
        assert response.mimetype == "text/html"
    assert_headers(response)


@pytest.mark.parametrize("path", ["/", "/search?q=gender", "/api/search?q=gender", "/healthz", "/no/such/page",
                                  "/api/nope", "/static/style.css", "/static/app.js", "/static/favicon.svg",
                                  "/static/openapi.json", "/sw.js", "/static/nope.css", "/search?q=" + "x" * 600])
def test_security_headers_everywhere(production, path):
    assert_headers(production.test_client().get(path))


def test_security_headers_on_500(production):
    assert_headers(production.test_client().get("/test-only-explode"))


@pytest.mark.parametrize("path", ["/search?q=x", "/", "/api/search?q=x", "/documents/guide"])
def test_request_size_cap(production, path):
    response = production.test_client().post(path, data=b"x" * (65 * 1024))
    assert response.status_code == 413
    assert_headers(response)


def test_request_size_cap_without_content_length(production):
    # A chunked body announces no length: the cap still applies when a view reads it.
    client = production.test_client()
    response = client.get("/search?q=x", data=b"x" * (65 * 1024))
    assert response.status_code in (200, 400, 413)


@pytest.mark.parametrize("path", [
    "/documents/..%2f..%2fetc%2fpasswd", "/documents/..%2F..%2Fetc%2Fpasswd", "/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/documents/..%252f..%252fetc%252fpasswd", "/documents/....//....//etc/passwd", "/documents/..\\..\\etc\\passwd",
    "/glossary/../../x", "/glossary/..%2f..%2fx", "/glossary/%2e%2e", "/resolutions/..%2f1325",
    "/static/../webui/__init__.py", "/static/..%2f__init__.py", "/static/%2e%2e/__init__.py",
    "/static/..%5c__init__.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/api/documents/..%2f..%2fetc%2fpasswd", "/api/glossary/..%2fx", "/sw.js/..%2f__init__.py",
    "/documents/%00", "/glossary/%00", "/static/style.css%00.py",
])
def test_path_traversal_is_404(production, path):
    # Werkzeug merges double slashes with a redirect on the same site: follow it to the end.
    response = production.test_client().get(path, follow_redirects=True)
    assert response.status_code in (404, 400), path  # never a file from outside
    body = response.get_data(as_text=True)
    assert "root:" not in body and "create_app" not in body and "import " not in body


def test_static_files_stay_static(production):
    response = production.test_client().get("/static/app.js")
    assert response.status_code == 200 and response.mimetype in ("text/javascript", "application/javascript")
    assert_headers(response)


def test_every_header_is_set(production):
    response = production.test_client().get("/")
    for name, value in HEADERS.items():
        assert response.headers[name] == value


def test_the_served_app_is_the_production_one(monkeypatch, index_root):
    import waitress

    from webui.server import serve

    seen: dict = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: seen.update(app=app, **options))
    serve("127.0.0.1", 0, index_root)
    app = seen["app"]
    assert app.debug is False and app.testing is False and not app.config["PROPAGATE_EXCEPTIONS"]


def test_several_processes_are_served_by_gunicorn_each_loading_its_own_app(monkeypatch, index_root):
    from gunicorn.app.base import BaseApplication

    from webui.server import serve

    seen: dict = {}

    def run(self):
        seen.update(workers=self.cfg.workers, threads=self.cfg.threads, bind=self.cfg.bind,
                    worker_class=self.cfg.worker_class_str, preload=self.cfg.preload_app, app=self.load())

    monkeypatch.setattr(BaseApplication, "run", run)
    serve("127.0.0.1", 8123, index_root, threads=3, workers=2)
    assert seen["workers"] == 2 and seen["threads"] == 3 and seen["bind"] == ["127.0.0.1:8123"]
    assert seen["worker_class"] == "gthread" and seen["preload"] is False  # each process opens the index itself
    app = seen["app"]
    assert app.debug is False and app.testing is False and not app.config["PROPAGATE_EXCEPTIONS"]
