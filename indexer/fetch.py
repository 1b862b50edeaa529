"""HTTP GET for the pull stage, politely: one identified client, retries with backoff, bounded waits.

The idea: a public server owes us nothing, so every request says who we are (a User-Agent with
the version and a contact), asks only for what changed (If-None-Match / If-Modified-Since from
the last accepted copy), waits between requests to the same host, and backs off when told to:
429 and 5xx answers, dropped connections and read timeouts are retried after
``backoff_factor * 2**n`` seconds, or after the server's Retry-After when it gives one (capped,
so a hostile header cannot stall a run for hours). A host that cannot be reached at all (DNS
failure, connection refused, connect timeout) is marked down and not asked again in this run.
Bodies are streamed and cut off at a size cap; a body shorter than its Content-Length is
reported as truncated. Every failure comes out as a :class:`FetchError` with a stable code.

httpx does the HTTP; this module owns only the policy, which httpx leaves to its callers.
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from urllib.parse import urlsplit

import httpx

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
UNREACHABLE = ("offline", "timeout")  # codes that mean "could not talk to the server", not "it said no"


def default_user_agent() -> str:
    """"wpskb/<version> (+<contact>)", the contact from $WPSKB_CONTACT (an e-mail or URL)."""
    try:
        version = metadata.version("wpskb")
    except metadata.PackageNotFoundError:
        version = "dev"
    contact = os.environ.get("WPSKB_CONTACT", "").strip() or "contact unset: WPSKB_CONTACT"
    return f"wpskb/{version} (+{contact})"


@dataclass(frozen=True)
class FetchSettings:
    """How patient and how polite a pull is. Tests shrink the waits; the defaults suit real servers."""

    timeout_s: float = 30.0  # connect and read timeout of one request
    retries: int = 3  # further attempts after a 429/5xx answer, a dropped connection or a read timeout
    connect_retries: int = 1  # further attempts when the host cannot be reached at all
    backoff_factor: float = 1.0  # the n-th retry waits backoff_factor * 2**n seconds
    max_backoff_s: float = 30.0
    max_retry_after_s: float = 60.0  # a Retry-After longer than this is shortened to it
    host_delay_s: float = 1.0  # at least this long between two requests to one host
    max_bytes: int = 25 * 1024 * 1024  # a bigger body is refused
    user_agent: str = field(default_factory=default_user_agent)

    def backoff(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        return min(self.backoff_factor * (2**retry), self.max_backoff_s)


@dataclass(frozen=True)
class FetchResult:
    """A 200 with its body, or a 304 (empty body)."""

    status: int
    data: bytes
    url: str  # as requested
    final_url: str  # after redirects
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""
    attempts: int = 1


class FetchError(Exception):
    """A request that did not give a usable answer. ``code``: offline, timeout, http-NNN, too-large,
    truncated, connection-reset, too-many-redirects, bad-encoding, bad-url, http-error."""

    def __init__(self, code: str, message: str, attempts: int = 0) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.attempts = attempts

    @property
    def unreachable(self) -> bool:
        """True when the server could not be talked to (as opposed to an answer we could not use)."""
        return self.code in UNREACHABLE


class _Retryable(Exception):
    def __init__(self, code: str, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.wait = code, message, wait


class Fetcher:
    """One HTTP client for a whole pull; use as a context manager."""

    def __init__(self, settings: FetchSettings | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or FetchSettings()
        self.sleep = sleep
        self.clock = clock
        self.down_hosts: set[str] = set()
        self._last_request: dict[str, float] = {}
        timeout = httpx.Timeout(self.settings.timeout_s)
        self.client = httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5,
                                   headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def get(self, url: str, etag: str = "", last_modified: str = "") -> FetchResult:
        """GET ``url``, conditionally when ``etag`` or ``last_modified`` is given; raises FetchError."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("bad-url", f"{url!r} is not an http(s) address")
        host = parts.netloc.lower()
        if host in self.down_hosts:
            raise FetchError("offline", f"{parts.hostname} could not be reached earlier in this run")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempts = retries = connect_failures = 0
        while True:
            self._wait_for(host)
            attempts += 1
            try:
                return self._attempt(url, headers, attempts)
            except (httpx.ConnectError, httpx.ConnectTimeout) as error:
                connect_failures += 1
                if connect_failures > self.settings.connect_retries:
                    self.down_hosts.add(host)
                    raise FetchError("offline", f"{parts.hostname} could not be reached ({_reason(error)})",
                                     attempts) from error
                self.sleep(self.settings.backoff(connect_failures - 1))
            except httpx.HTTPError as error:  # anything else httpx refuses: a bad proxy, an unsupported scheme
                raise FetchError("http-error", _reason(error), attempts) from error
            except _Retryable as error:
                if retries >= self.settings.retries:
                    raise FetchError(error.code, f"{error.message} (after {attempts} attempt(s))", attempts) from None
                self.sleep(error.wait if error.wait is not None else self.settings.backoff(retries))
                retries += 1
            finally:
                self._last_request[host] = self.clock()

    def _wait_for(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.settings.host_delay_s - self.clock()
            if wait > 0:
                self.sleep(wait)

    def _attempt(self, url: str, headers: dict[str, str], attempts: int) -> FetchResult:
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code in RETRY_STATUSES:
                    raise _Retryable(f"http-{response.status_code}", f"the server answered {response.status_code}",
                                     self._retry_after(response))
                if response.status_code not in (200, 304):
                    raise FetchError(f"http-{response.status_code}",
                                     f"the server answered {response.status_code} {response.reason_phrase}", attempts)
                data = self._body(response) if response.status_code == 200 else b""
                return FetchResult(
                    status=response.status_code, data=data, url=url, final_url=str(response.url),
                    etag=response.headers.get("ETag", ""), last_modified=response.headers.get("Last-Modified", ""),
                    content_type=response.headers.get("Content-Type", ""), attempts=attempts,
                )
        except httpx.DecodingError as error:
            raise FetchError("bad-encoding", f"the body could not be decoded ({_reason(error)})", attempts) from error
        except httpx.TooManyRedirects as error:
            raise FetchError("too-many-redirects", str(error), attempts) from error
        except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout) as error:
            raise _Retryable("timeout", f"the server did not answer in time ({_reason(error)})") from error
        except httpx.RemoteProtocolError as error:
            if "body" in str(error):  # h11: "peer closed connection without sending complete message body"
                raise _Retryable("truncated", f"the connection closed before the whole body arrived "
                                              f"({_reason(error)})") from error
            raise _Retryable("connection-reset", f"the server closed the connection ({_reason(error)})") from error
        except (httpx.ReadError, httpx.WriteError) as error:
            raise _Retryable("connection-reset", f"the connection was reset ({_reason(error)})") from error

    def _body(self, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError("too-large", f"the server announces {int(declared):,} bytes; the cap is {cap:,}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError("too-large", f"the body passed the {cap:,}-byte cap and was cut off")
            chunks.append(chunk)
        return b"".join(chunks)

    def _retry_after(self, response: httpx.Response) -> float | None:
        """The server's Retry-After in seconds (delta or HTTP date), capped; None when absent or unreadable."""
        value = response.headers.get("Retry-After", "").strip()
        if not value:
            return None
        if value.isdigit():
            seconds = float(value)
        else:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                return None
            if when.tzinfo is None:
                return None
            seconds = when.timestamp() - time.time()
        return max(0.0, min(seconds, self.settings.max_retry_after_s))


def _reason(error: Exception) -> str:
    return " ".join(str(error).split())[:160] or type(error).__name__
