"""A real HTTP server on 127.0.0.1 for the pull tests: scripted replies, every request recorded.

Each route (path with query, as the client sends it) answers from a script of replies: the
first request gets the first reply, and so on, the last reply repeating. A reply can carry
an ETag (a matching If-None-Match gets 304), announce a longer body than it sends (a
truncated body), leave out Content-Length (the body ends when the connection closes), or
drop the connection without answering.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""  # sent as ETag; an If-None-Match equal to it gets 304
    last_modified: str = ""  # sent as Last-Modified; an equal If-Modified-Since gets 304
    length: int | None = None  # Content-Length to announce (None: the body's length)
    send_length: bool = True  # False: no Content-Length, the connection closing ends the body
    drop: bool = False  # close the connection without a word


@dataclass(frozen=True)
class Seen:
    """A request as the server saw it."""

    path: str
    headers: dict[str, str]
    at: float  # time.monotonic()


class LocalServer:
    """Start with ``with LocalServer() as server:``; ``server.url`` is its base URL."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.served: dict[str, int] = {}
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def route(self, path: str, *replies: Reply) -> None:
        """Answer requests for ``path`` (path and query) with ``replies`` in turn, the last repeating."""
        with self.lock:
            self.routes[path] = list(replies)
            self.served[path] = 0

    def requests_for(self, path: str) -> list[Seen]:
        """The requests made for ``path``, in order."""
        return [r for r in self.requests if r.path == path]

    def next_reply(self, path: str) -> Reply | None:
        with self.lock:
            script = self.routes.get(path)
            if not script:
                return None
            index = min(self.served[path], len(script) - 1)
            self.served[path] += 1
            return script[index]

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


def closed_port_url() -> str:
    """The URL of a local port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            with server.lock:
                server.requests.append(Seen(self.path, dict(self.headers.items()), time.monotonic()))
            reply = server.next_reply(self.path) or Reply(404, b"not found", {"Content-Type": "text/plain"})
            if reply.drop:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if (reply.etag and self.headers.get("If-None-Match") == reply.etag) or (
                    reply.last_modified and self.headers.get("If-Modified-Since") == reply.last_modified):
                self.send_response(304)
                self._validators(reply)
                self.end_headers()
                return
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self._validators(reply)
            if reply.send_length:
                self.send_header("Content-Length", str(reply.length if reply.length is not None else len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
            self.close_connection = True

        def _validators(self, reply: Reply) -> None:
            if reply.etag:
                self.send_header("ETag", reply.etag)
            if reply.last_modified:
                self.send_header("Last-Modified", reply.last_modified)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
            pass

    return Handler
