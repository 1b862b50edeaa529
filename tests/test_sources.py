"""The manifest's [[source]] tables: URLs derived from symbols, base-URL override, validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.manifest import load_corpus_entries, load_manifest
from indexer.sources import load_sources, ods_url, with_base_url
from kb.resolutions import load_registry

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("symbol", "language", "url"),
    [
        ("S/RES/1325 (2000)", "en", "https://documents.un.org/api/symbol/access?s=S/RES/1325(2000)&l=en&t=pdf"),
        ("S/RES/2493 (2019)", "fr", "https://documents.un.org/api/symbol/access?s=S/RES/2493(2019)&l=fr&t=pdf"),
    ],
)
def test_ods_url(symbol: str, language: str, url: str) -> None:
    assert ods_url(symbol, language) == url


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://documents.un.org/api/symbol/access?s=S/RES/1325(2000)&l=en&t=pdf", "http://127.0.0.1:8000",
         "http://127.0.0.1:8000/api/symbol/access?s=S/RES/1325(2000)&l=en&t=pdf"),
        ("https://www.ohchr.org/en/instruments/cedaw", "http://mirror.example/wps/",
         "http://mirror.example/wps/en/instruments/cedaw"),
        ("https://www.ohchr.org/en/x", "", "https://www.ohchr.org/en/x"),
    ],
)
def test_with_base_url(url: str, base: str, expected: str) -> None:
    assert with_base_url(url, base) == expected


def test_corpus_sources_cover_the_ten_resolutions_and_cedaw() -> None:
    sources = {s.id: s for s in load_sources(CORPUS)}
    registry = load_registry()
    resolutions = [s for s in sources.values() if s.resolution]
    assert sorted(s.resolution for s in resolutions) == sorted(registry)
    for source in resolutions:
        assert source.symbol == registry[source.resolution].symbol
        assert (source.url, source.format, source.kind) == (ods_url(source.symbol), "pdf", "resolution")
    cedaw = sources["cedaw"]
    assert cedaw.url.startswith("https://www.ohchr.org/en/") and (cedaw.format, cedaw.kind) == ("html", "convention")
    assert "Discrimination against Women" in cedaw.expect


def test_sources_stand_for_manifest_entries_of_their_files() -> None:
    entries = load_corpus_entries(CORPUS)
    entry = entries["official/unscr-1325.pdf"]
    assert (entry.id, entry.kind, entry.url) == ("unscr-1325", "resolution", ods_url("S/RES/1325 (2000)"))
    assert entries["official/cedaw.html"].title.startswith("Convention on the Elimination")
    assert set(load_manifest(CORPUS)) < set(entries)  # the [[document]] entries stay as they were


GOOD = '[[source]]\nid = "unscr-1325"\nsymbol = "S/RES/1325 (2000)"\n'


@pytest.mark.parametrize(
    "body",
    [
        '[[source]]\nsymbol = "S/RES/1325 (2000)"',  # no id
        '[[source]]\nid = "Bad Id"\nsymbol = "S/RES/1325 (2000)"',
        '[[source]]\nid = "x"\nsymbol = "S/RES/1325(2000)"',  # not the registry's spelling
        '[[source]]\nid = "x"\nsymbol = "S/RES/1325 (2001)"',  # disagrees with the record
        '[[source]]\nid = "x"\nurl = "https://example.org/a.pdf"\nformat = "pdf"',  # no symbol, no expect
        '[[source]]\nid = "x"\nurl = "ftp://example.org/a.pdf"\nformat = "pdf"\nexpect = "a"',
        '[[source]]\nid = "x"\nurl = "https://example.org/a.doc"\nformat = "doc"\nexpect = "a"',
        '[[source]]\nid = "x"\nurl = "https://example.org/a"\nformat = "html"\nexpect = "a"\nkind = "novel"',
        '[[source]]\nid = "x"\nsymbol = "S/RES/1325 (2000)"\nchecksum = "abc"',  # unknown key
        '[[source]]\nid = "x"\nsymbol = "S/RES/1325 (2000)"\nretries = 3',  # not a string
        GOOD + GOOD,  # id twice
        'source = "not tables"',
    ],
)
def test_bad_source_is_a_bad_manifest(tmp_path: Path, body: str) -> None:
    (tmp_path / "manifest.toml").write_text(body, encoding="utf-8")
    for load in (load_sources, load_manifest):  # `wpskb pull` and `wpskb index` both refuse it
        with pytest.raises(ExtractionError) as caught:
            load(tmp_path)
        assert caught.value.code == "bad-manifest"


def test_source_of_a_resolution_outside_the_registry(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text('[[source]]\nid = "unscr-2331"\nsymbol = "S/RES/2331 (2016)"\n')
    (source,) = load_sources(tmp_path)
    assert (source.resolution, source.file) == (2331, "official/unscr-2331.pdf")
