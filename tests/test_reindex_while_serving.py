"""Re-indexing while serving: readers keep getting answers while builds are swapped in under them."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

import indexer.engine
from indexer.engine import open_backend
from indexer.index import build_index
from indexer.interface import SearchQuery
from tests.sample_kb import sample_kb, with_document_text
from webui import create_app

# Queries whose answer is in every version of the knowledge base below.
STEADY = [("formed police unit", "guide/p4"), ("what is gender", "glossary/gender"), ("1325 op 8", "res-1325/op8")]
BUILDS = 6
MARKED = sample_kb().document("guide").passages[0].id  # the passage that gets a new word each build
READERS = 4


def version(number: int):
    """The sample knowledge base, changed: a new word each time, the web page present every other time."""
    kb = with_document_text(sample_kb(), "guide", 0, f"Statements showing resistance to gender work; marker{number}.")
    if number % 2:
        kb = replace(kb, documents=tuple(d for d in kb.documents if d.id != "web"))
    return kb


@pytest.fixture()
def eager_refresh(monkeypatch):
    """Check ``current`` on every search: the once-a-second throttle would hide the swaps."""
    monkeypatch.setattr(indexer.engine, "REFRESH_INTERVAL", 0.0)


def test_readers_never_fail_while_the_index_is_rebuilt(tmp_path, eager_refresh):
    build_index(version(0), tmp_path)
    backend = open_backend(tmp_path)
    stop = threading.Event()
    errors: list[BaseException] = []
    wrong: list[tuple[str, list[str]]] = []
    searches = [0] * READERS

    def read(slot: int) -> None:
        while not stop.is_set():
            for query, first in STEADY:
                try:
                    hits = [h.id for h in backend.search(SearchQuery(query)).hits]
                except BaseException as error:  # reported below
                    errors.append(error)
                    return
                if not hits or hits[0] != first:
                    wrong.append((query, hits[:3]))
                searches[slot] += 1

    readers = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(READERS)]
    for reader in readers:
        reader.start()
    try:
        for number in range(1, BUILDS + 1):
            report = build_index(version(number), tmp_path)
            assert report.mode in ("incremental", "full")
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)
    assert not any(r.is_alive() for r in readers), "a reader hung"
    assert not errors, errors[:3]
    assert not wrong, wrong[:5]
    assert all(searches), searches

    assert backend.search(SearchQuery(f"marker{BUILDS}")).hits[0].id == MARKED
    assert backend.search(SearchQuery("marker1")).total == 0
    assert (backend.kb.document("web") is None) == bool(BUILDS % 2)  # the last version decides
    assert backend.build_dir == (tmp_path / "current").resolve()


def test_the_app_serves_a_new_build_without_a_restart(tmp_path, eager_refresh):
    build_index(version(0), tmp_path)
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    assert client.get("/api/search?q=marker0").get_json()["results"][0]["id"] == MARKED
    assert client.get("/api/documents/web").status_code == 200
    build_index(version(1), tmp_path)
    assert client.get("/api/search?q=marker1").get_json()["results"][0]["id"] == MARKED
    assert client.get("/api/search?q=marker0").get_json()["total"] == 0
    assert client.get("/api/documents/web").status_code == 404
    assert "marker1" in client.get("/documents/guide").get_data(as_text=True)
