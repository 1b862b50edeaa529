"""End to end: a local server -> `wpskb pull --index` -> the official texts in the kb and on the pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from local_http import LocalServer, Reply, closed_port_url
from official_texts import OPERATIVE, PREAMBLE, cedaw_html, operative_count, resolution_pdf

from indexer.cli import cli
from indexer.corpus import build_knowledge_base
from indexer.sources import load_sources, ods_url
from kb.resolutions import WPS_RESOLUTIONS

ROOT = Path(__file__).resolve().parents[1]
GUIDE = "003_51e315de7d71ecb8.txt"
FAST = ["--delay", "0", "--backoff", "0.01", "--timeout", "10"]


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def serve_official(server: LocalServer) -> None:
    """Every source of the real manifest, answered as the UN and OHCHR servers would."""
    for source in load_sources(ROOT / "corpus"):
        if source.resolution:
            pdf_path = f"/doc/undoc/gen/{source.id}.pdf"
            server.route(_path(source.url), Reply(302, headers={"Location": pdf_path}))
            server.route(pdf_path, Reply(200, resolution_pdf(source.resolution), {"Content-Type": "application/pdf"},
                                         etag=f'"{source.id}-1"'))
        else:
            server.route(_path(source.url), Reply(200, cedaw_html(), {"Content-Type": "text/html; charset=utf-8"},
                                                  etag='"cedaw-1"'))


def new_corpus(folder: Path) -> Path:
    """The customer's manifest and guide, nothing pulled yet."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "manifest.toml", folder / "manifest.toml")
    shutil.copy(ROOT / "corpus" / GUIDE, folder / GUIDE)
    return folder


@pytest.fixture(scope="module")
def server():
    with LocalServer() as running:
        serve_official(running)
        yield running


@pytest.fixture(scope="module")
def pulled(tmp_path_factory, server: LocalServer):
    """A corpus pulled and indexed through the command line: (corpus, index, result)."""
    from click.testing import CliRunner

    base = tmp_path_factory.mktemp("pulled")
    corpus, index = new_corpus(base / "corpus"), base / "index"
    result = CliRunner().invoke(cli, ["pull", "--corpus", str(corpus), "--base-url", server.url, "--index",
                                      "--index-dir", str(index), *FAST])
    return corpus, index, result


@pytest.fixture(scope="module")
def pulled_kb(pulled):
    from indexer.engine import open_backend

    return open_backend(pulled[1]).kb


def test_pull_reports_each_source_and_indexes(pulled) -> None:
    corpus, _index, result = pulled
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.output.splitlines() if line.startswith("  fetched")]
    assert sorted(words[1] for words in lines) == sorted(s.id for s in load_sources(corpus))
    assert "11 source(s): 11 fetched; lock file" in result.output
    assert "file(s) indexed, 0 skipped" in result.output


def test_official_text_is_the_resolution_text(pulled_kb) -> None:
    for number in WPS_RESOLUTIONS:
        resolution = pulled_kb.resolutions[number]
        assert resolution.text_source == f"resolution-{number}"
        assert [p.text for p in resolution.preambular()] == list(PREAMBLE)
        assert [p.number for p in resolution.operative()] == list(range(1, operative_count() + 1))
        assert resolution.paragraph(3).text.splitlines() == list(OPERATIVE[2:5])
        # The guide's quotation gave way: each paragraph is indexed once.
        assert len(pulled_kb.resolution_passages(number)) == len(resolution.paragraphs)
    document = pulled_kb.document("resolution-1325")
    assert (document.source_path, document.derived_from, document.url) == (
        "official/unscr-1325.pdf", "", ods_url("S/RES/1325 (2000)"))
    assert pulled_kb.resolutions[1325].overview  # the guide still gives its overview
    assert pulled_kb.document("police-gender-guide") is not None
    cedaw = pulled_kb.document("cedaw")
    assert (cedaw.kind, cedaw.source_path) == ("convention", "official/cedaw.html")


def test_resolution_page_shows_the_official_paragraphs(pulled) -> None:
    from webui import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": str(pulled[1])}).test_client()
    page = client.get("/resolutions/1325").get_data(as_text=True)
    assert "Requests the Secretary-General to provide to Member States training guidelines" in page
    assert 'href="/documents/resolution-1325"' in page
    detail = client.get("/api/resolutions/1325").get_json()
    assert [p["anchor"] for p in detail["paragraphs"]] == ["pp1", "pp2", "pp3"] + [
        f"op{n}" for n in range(1, operative_count() + 1)]
    assert detail["text_source"]["id"] == "resolution-1325"


def test_second_pull_is_not_modified_and_offline_keeps_all(pulled, server: LocalServer, runner) -> None:
    corpus = pulled[0]
    again = runner.invoke(cli, ["pull", "--corpus", str(corpus), "--base-url", server.url, *FAST])
    assert again.exit_code == 0 and again.output.count("  not modified") == 11, again.output
    offline = runner.invoke(cli, ["pull", "--corpus", str(corpus), "--base-url", closed_port_url(), *FAST])
    assert offline.exit_code == 0, offline.output
    assert "offline: no server could be reached; kept 11 cached file(s)" in offline.output
    assert offline.output.count("  kept (offline)") == 11
    records = json.loads((corpus / "official" / "pull-lock.json").read_text())["sources"]
    assert {r["status"] for r in records} == {"kept-offline"}


def test_partial_pull_exits_3(tmp_path: Path, server: LocalServer, runner) -> None:
    corpus = new_corpus(tmp_path / "corpus")
    with LocalServer() as partial:
        serve_official(partial)
        source = next(s for s in load_sources(corpus) if s.id == "unscr-1820")
        partial.route(_path(source.url), Reply(404, b"no such symbol"))
        result = runner.invoke(cli, ["pull", "--corpus", str(corpus), "--base-url", partial.url,
                                     "--only", "unscr-1820", "--only", "cedaw", *FAST])
    assert result.exit_code == 3, result.output
    assert "failed             unscr-1820  [http-404]" in result.output
    assert "no copy in the corpus" in result.output


def test_nothing_fetched_nothing_cached_exits_1(tmp_path: Path, runner) -> None:
    corpus = new_corpus(tmp_path / "corpus")
    result = runner.invoke(cli, ["pull", "--corpus", str(corpus), "--base-url", closed_port_url(), "--index", *FAST])
    assert result.exit_code == 1
    assert "offline: no server could be reached and nothing is cached" in result.output
    assert "indexed" not in result.output  # nothing to index: the index is left alone


@pytest.mark.parametrize(
    ("args", "manifest", "message"),
    [
        (["--only", "unscr-9999"], None, "no source 'unscr-9999'"),
        (["--base-url", "ftp://mirror"], None, "is not an http(s) URL"),
        ([], '[[source]]\nid = "x"\nsymbol = "S/RES/1325 (1999)"\n', "bad-manifest"),
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, runner, args: list[str], manifest: str | None, message: str) -> None:
    corpus = new_corpus(tmp_path / "corpus")
    if manifest:
        (corpus / "manifest.toml").write_text(manifest)
    result = runner.invoke(cli, ["pull", "--corpus", str(corpus), *args])
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("official_name", ["official/unscr-1325.pdf", "0-first/s-res-1325.pdf"])
def test_own_text_wins_whatever_the_file_order(tmp_path: Path, official_name: str) -> None:
    corpus = new_corpus(tmp_path / "corpus")
    (corpus / official_name).parent.mkdir(parents=True)
    (corpus / official_name).write_bytes(resolution_pdf(1325))
    kb = build_knowledge_base([corpus]).kb
    assert kb.resolutions[1325].text_source == "resolution-1325"
    assert [p.text for p in kb.resolutions[1325].preambular()] == list(PREAMBLE)
    ids = [d.id for d in kb.documents if d.id.startswith("resolution-1325")]
    assert ids == ["resolution-1325"] and kb.document("resolution-1325").source_path == official_name
    # Resolutions with no file of their own keep the guide's text.
    assert kb.resolutions[1820].text_source == "police-gender-guide"
    assert kb.document("resolution-1820").derived_from == "police-gender-guide"
