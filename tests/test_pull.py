"""`wpskb pull` against a real local HTTP server: fetch, revalidate, retry, reject, stay offline."""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from local_http import LocalServer, Reply, closed_port_url
from official_texts import cedaw_html, resolution_pdf

from indexer.fetch import FetchSettings
from indexer.pull import PullReport, lock_path_for, pull
from indexer.sandbox import Limits
from indexer.sources import ods_url

SETTINGS = FetchSettings(timeout_s=5, retries=3, connect_retries=0, backoff_factor=0.01, max_backoff_s=0.05,
                         max_retry_after_s=0.2, host_delay_s=0, max_bytes=5_000_000, user_agent="wpskb/test (+tests)")
LIMITS = Limits(timeout_s=30, memory_bytes=1 << 30, cpu_s=30)
CEDAW_URL = ("https://www.ohchr.org/en/instruments-mechanisms/instruments/"
             "convention-elimination-all-forms-discrimination-against-women")
CEDAW_PATH = urlsplit(CEDAW_URL).path
MANIFEST = f"""
[[source]]
id = "unscr-1325"
symbol = "S/RES/1325 (2000)"

[[source]]
id = "unscr-1820"
symbol = "S/RES/1820 (2008)"

[[source]]
id = "cedaw"
url = "{CEDAW_URL}"
format = "html"
kind = "convention"
expect = "Convention on the Elimination of All Forms of Discrimination against Women"
"""
PDF_1325, PDF_1820 = resolution_pdf(1325), resolution_pdf(1820)


class Sleeps(list):
    """A real (short) sleep that remembers how long it was asked to wait."""

    def __call__(self, seconds: float) -> None:
        self.append(round(seconds, 3))
        time.sleep(min(seconds, 0.5))


def access_path(symbol: str) -> str:
    """Path and query of the Official Document System address of ``symbol``."""
    parts = urlsplit(ods_url(symbol))
    return f"{parts.path}?{parts.query}"


def document_path(number: int) -> str:
    return f"/doc/undoc/gen/res{number}/pdf/n{number}.pdf"


def serve(server: LocalServer, number: int, *replies: Reply) -> str:
    """Route resolution ``number`` as the ODS does (a redirect to the PDF); returns the PDF's path."""
    symbol = {1325: "S/RES/1325 (2000)", 1820: "S/RES/1820 (2008)"}[number]
    server.route(access_path(symbol), Reply(302, headers={"Location": document_path(number)}))
    data = {1325: PDF_1325, 1820: PDF_1820}[number]
    server.route(document_path(number), *(replies or (pdf_reply(data, f'"v1-{number}"'),)))
    return document_path(number)


def pdf_reply(data: bytes, etag: str = "", **kw) -> Reply:
    return Reply(200, data, {"Content-Type": "application/pdf"}, etag=etag, **kw)


def serve_all(server: LocalServer) -> None:
    serve(server, 1325)
    serve(server, 1820)
    server.route(CEDAW_PATH, Reply(200, cedaw_html(), {"Content-Type": "text/html; charset=utf-8"},
                                   last_modified="Tue, 01 Oct 2024 10:00:00 GMT"))


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    return folder


@pytest.fixture()
def server():
    with LocalServer() as running:
        yield running


def run(corpus: Path, base_url: str, sleeps: list | None = None, **kw) -> PullReport:
    return pull(corpus, base_url=base_url, settings=kw.pop("settings", SETTINGS), limits=LIMITS,
                sleep=sleeps if sleeps is not None else Sleeps(), **kw)


def statuses(report: PullReport) -> dict[str, tuple[str, str]]:
    return {o.source.id: (o.status, o.reason) for o in report.outcomes}


def lock(corpus: Path) -> dict[str, dict]:
    return {row["id"]: row for row in json.loads(lock_path_for(corpus).read_text())["sources"]}


def test_fresh_fetch_writes_files_and_lock(corpus: Path, server: LocalServer) -> None:
    serve_all(server)
    report = run(corpus, server.url)
    assert statuses(report) == {"unscr-1325": ("fetched", ""), "unscr-1820": ("fetched", ""), "cedaw": ("fetched", "")}
    assert report.exit_code == 0
    assert (corpus / "official" / "unscr-1325.pdf").read_bytes() == PDF_1325
    assert (corpus / "official" / "cedaw.html").read_bytes() == cedaw_html()
    record = lock(corpus)["unscr-1325"]
    assert record["url"] == server.url + access_path("S/RES/1325 (2000)")
    assert record["final_url"] == server.url + document_path(1325)
    assert (record["sha256"], record["size"]) == (hashlib.sha256(PDF_1325).hexdigest(), len(PDF_1325))
    assert (record["etag"], record["status"], record["content_type"]) == ('"v1-1325"', "fetched", "application/pdf")
    assert record["fetched_at"] and record["fetched_at"] == record["checked_at"]
    assert lock(corpus)["cedaw"]["last_modified"] == "Tue, 01 Oct 2024 10:00:00 GMT"
    assert {r.headers["User-Agent"] for r in server.requests} == {"wpskb/test (+tests)"}
    assert not [p for p in (corpus / "official").iterdir() if p.name.startswith(".")]  # no temporary files left


def test_not_modified_keeps_the_cached_copy(corpus: Path, server: LocalServer) -> None:
    serve_all(server)
    run(corpus, server.url)
    fetched_at = lock(corpus)["unscr-1325"]["fetched_at"]
    report = run(corpus, server.url)
    assert {o.status for o in report.outcomes} == {"not-modified"}
    assert report.exit_code == 0
    assert server.requests_for(document_path(1325))[-1].headers["If-None-Match"] == '"v1-1325"'
    assert server.requests_for(CEDAW_PATH)[-1].headers["If-Modified-Since"] == "Tue, 01 Oct 2024 10:00:00 GMT"
    assert lock(corpus)["unscr-1325"]["fetched_at"] == fetched_at
    assert lock(corpus)["unscr-1325"]["status"] == "not-modified"


def test_retry_after_503_then_success(corpus: Path, server: LocalServer) -> None:
    unavailable = Reply(503, b"busy", {"Content-Type": "text/plain"})
    pdf = serve(server, 1325, unavailable, unavailable, pdf_reply(PDF_1325))
    sleeps = Sleeps()
    report = run(corpus, server.url, sleeps, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("fetched", "")}
    assert len(server.requests_for(pdf)) == 3
    assert sleeps == [0.01, 0.02]  # backoff_factor * 2**n


@pytest.mark.parametrize(
    ("retry_after", "slept"),
    [("120", 0.2), ("0", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", 0.01)],
)
def test_retry_after_is_honoured_and_capped(corpus: Path, server: LocalServer, retry_after: str, slept: float) -> None:
    pdf = serve(server, 1325, Reply(429, b"slow down", {"Retry-After": retry_after}), pdf_reply(PDF_1325))
    sleeps = Sleeps()
    report = run(corpus, server.url, sleeps, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("fetched", "")}
    assert sleeps == [slept]  # an unreadable header falls back to the backoff
    assert len(server.requests_for(pdf)) == 2


def test_retry_after_waits_in_real_time(corpus: Path, server: LocalServer) -> None:
    pdf = serve(server, 1325, Reply(503, b"", {"Retry-After": "1"}), pdf_reply(PDF_1325))
    settings = FetchSettings(**{**SETTINGS.__dict__, "max_retry_after_s": 0.3})
    run(corpus, server.url, settings=settings, only=["unscr-1325"])
    first, second = server.requests_for(pdf)
    assert 0.25 <= second.at - first.at < 0.9


def test_delay_between_requests_to_one_host(corpus: Path, server: LocalServer) -> None:
    serve_all(server)
    settings = FetchSettings(**{**SETTINGS.__dict__, "host_delay_s": 0.15})
    run(corpus, server.url, settings=settings)
    # A redirect is followed at once (one fetch); the next source's first request waits.
    firsts = [r.at for r in server.requests if not r.path.startswith("/doc/")]
    assert len(firsts) == 3 and min(b - a for a, b in zip(firsts, firsts[1:])) >= 0.14


def test_retries_give_up_and_report(corpus: Path, server: LocalServer) -> None:
    pdf = serve(server, 1325, Reply(500, b"oops"))
    report = run(corpus, server.url, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("failed", "http-500")}
    assert len(server.requests_for(pdf)) == 1 + SETTINGS.retries
    assert report.exit_code == 1  # nothing fetched, nothing cached
    assert lock(corpus)["unscr-1325"]["status"] == "failed:http-500"
    assert lock(corpus)["unscr-1325"]["sha256"] == ""


def test_404_is_reported_not_retried_and_others_go_on(corpus: Path, server: LocalServer) -> None:
    serve_all(server)
    pdf = serve(server, 1820, Reply(404, b"no such document"))
    report = run(corpus, server.url)
    assert statuses(report)["unscr-1820"] == ("failed", "http-404")
    assert statuses(report)["unscr-1325"] == ("fetched", "")
    assert len(server.requests_for(pdf)) == 1
    assert report.exit_code == 3
    assert not (corpus / "official" / "unscr-1820.pdf").exists()


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (Reply(200, b"<!DOCTYPE html><html><body><p>Please sign in</p></body></html>",
               {"Content-Type": "text/html"}), "wrong-type"),
        (pdf_reply(PDF_1820), "wrong-content"),  # the PDF of another resolution
        (pdf_reply(resolution_pdf(1325, symbol="S/RES/1325 (2001)")), "wrong-content"),  # wrong year in symbol
        (pdf_reply(PDF_1325[: len(PDF_1325) // 2], send_length=False), "truncated"),  # body ends early, no length
        (pdf_reply(b"%PDF-1.7\n" + b"\x00garbage" * 50 + b"\n%%EOF\n"), "unreadable"),
    ],
)
def test_wrong_content_is_rejected_and_previous_copy_kept(corpus: Path, server: LocalServer, bad: Reply,
                                                          code: str) -> None:
    serve(server, 1325)
    run(corpus, server.url, only=["unscr-1325"])
    before = lock(corpus)["unscr-1325"]
    serve(server, 1325, bad)  # the server now answers 200 with something else
    report = run(corpus, server.url, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("rejected", code)}
    assert report.outcomes[0].has_copy and report.exit_code == 3
    assert (corpus / "official" / "unscr-1325.pdf").read_bytes() == PDF_1325
    after = lock(corpus)["unscr-1325"]
    assert (after["sha256"], after["fetched_at"]) == (before["sha256"], before["fetched_at"])
    assert after["status"] == f"rejected:{code}"


def test_truncated_body_is_retried_then_reported(corpus: Path, server: LocalServer) -> None:
    pdf = serve(server, 1325, pdf_reply(PDF_1325[:500], length=len(PDF_1325)))
    report = run(corpus, server.url, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("failed", "truncated")}
    assert len(server.requests_for(pdf)) == 1 + SETTINGS.retries


def test_dropped_connection_then_success(corpus: Path, server: LocalServer) -> None:
    pdf = serve(server, 1325, Reply(drop=True), pdf_reply(PDF_1325))
    report = run(corpus, server.url, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("fetched", "")}
    assert len(server.requests_for(pdf)) == 2


@pytest.mark.parametrize("send_length", [True, False])
def test_size_cap(corpus: Path, server: LocalServer, send_length: bool) -> None:
    serve(server, 1325, pdf_reply(PDF_1325 + b"\n" * 4000, send_length=send_length))
    settings = FetchSettings(**{**SETTINGS.__dict__, "max_bytes": len(PDF_1325)})
    report = run(corpus, server.url, settings=settings, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("failed", "too-large")}
    assert not (corpus / "official" / "unscr-1325.pdf").exists()


def test_cached_copy_with_wrong_checksum_is_fetched_again(corpus: Path, server: LocalServer) -> None:
    pdf = serve(server, 1325)
    run(corpus, server.url, only=["unscr-1325"])
    (corpus / "official" / "unscr-1325.pdf").write_bytes(PDF_1820)  # someone changed the file
    report = run(corpus, server.url, only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("fetched", "")}
    assert "checksum" in report.outcomes[0].message
    assert "If-None-Match" not in server.requests_for(pdf)[-1].headers  # an untrusted copy is not revalidated
    assert (corpus / "official" / "unscr-1325.pdf").read_bytes() == PDF_1325


def test_cached_copy_with_wrong_checksum_offline_is_reported(corpus: Path, server: LocalServer) -> None:
    serve(server, 1325)
    run(corpus, server.url, only=["unscr-1325"])
    (corpus / "official" / "unscr-1325.pdf").write_bytes(b"%PDF-1.7 tampered")
    report = run(corpus, closed_port_url(), only=["unscr-1325"])
    assert statuses(report) == {"unscr-1325": ("failed", "checksum-mismatch")}
    assert not report.outcomes[0].has_copy


def test_offline_keeps_cached_copies(corpus: Path, server: LocalServer) -> None:
    serve(server, 1325)
    run(corpus, server.url, only=["unscr-1325"])
    before = lock(corpus)
    report = run(corpus, closed_port_url())
    assert statuses(report) == {"unscr-1325": ("kept-offline", "offline"), "unscr-1820": ("missing-offline", "offline"),
                                "cedaw": ("missing-offline", "offline")}
    assert report.offline and report.exit_code == 0
    assert report.summary() == "offline: no server could be reached; kept 1 cached file(s); 2 source(s) have no copy yet"
    assert (corpus / "official" / "unscr-1325.pdf").read_bytes() == PDF_1325
    assert lock(corpus)["unscr-1325"]["checked_at"] == before["unscr-1325"]["checked_at"]


def test_offline_with_nothing_cached_fails_clearly(corpus: Path) -> None:
    report = run(corpus, closed_port_url())
    assert report.offline and report.exit_code == 1
    assert "nothing is cached" in report.summary()
    assert not lock_path_for(corpus).exists()


def test_only_pulls_the_named_sources(corpus: Path, server: LocalServer) -> None:
    serve_all(server)
    report = run(corpus, server.url, only=["unscr-1820", "cedaw"])
    assert [o.source.id for o in report.outcomes] == ["unscr-1820", "cedaw"]
    assert not server.requests_for(document_path(1325))
    assert sorted(lock(corpus)) == ["cedaw", "unscr-1820"]


def test_lock_file_shape(corpus: Path, server: LocalServer) -> None:
    serve_all(server)
    run(corpus, server.url)
    data = json.loads(lock_path_for(corpus).read_text())
    assert data["version"] == 1
    assert [row["id"] for row in data["sources"]] == ["cedaw", "unscr-1325", "unscr-1820"]
    assert set(data["sources"][0]) == {"id", "file", "url", "final_url", "sha256", "size", "fetched_at", "checked_at",
                                       "etag", "last_modified", "content_type", "status"}
    assert data["sources"][0]["file"] == "official/cedaw.html"


@pytest.mark.parametrize(
    ("contact", "pattern"),
    [("me@example.org", r"^wpskb/[\w.+-]+ \(\+me@example\.org\)$"), ("", r"^wpskb/[\w.+-]+ \(\+contact unset: WPSKB_CONTACT\)$")],
)
def test_user_agent_names_version_and_contact(monkeypatch, contact: str, pattern: str) -> None:
    from indexer.fetch import default_user_agent

    monkeypatch.setenv("WPSKB_CONTACT", contact)
    assert re.match(pattern, default_user_agent())
