"""Original files: copied into each build, served as downloads with safe names, never a path from a request."""

from __future__ import annotations

import json
import re

import pytest

from indexer.engine import open_backend
from indexer.index import build_index, read_build_meta
from indexer.originals import ORIGINALS_DIR, copy_originals, original_path, safe_name
from tests.sample_kb import sample_kb, with_document_text

SAFE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")


@pytest.mark.parametrize(("document_id", "suffix", "expected"), [
    ("cedaw-en", ".md", "cedaw-en.md"),
    ("un-charter-fr", ".TXT", "un-charter-fr.txt"),
    ("guide", ".exe", "guide"),  # only the suffixes the corpus reads
    ("guide", "", "guide"),
])
def test_safe_name_keeps_safe_ids(document_id, suffix, expected):
    assert safe_name(document_id, suffix) == expected


@pytest.mark.parametrize("document_id", [
    "../../etc/passwd", "..", ".hidden", "a/b", "a\\b", "x\x00y", "résolution 1325", "\u202egnp.exe", "a" * 5000, "",
    "con:stream", "%2e%2e%2f",
])
def test_safe_name_of_hostile_ids(document_id):
    name = safe_name(document_id, ".pdf")
    assert SAFE.match(name) and name.endswith(".pdf") and len(name) <= 140
    assert name != safe_name(document_id + "x", ".pdf")  # changed ids still get distinct names


def test_corpus_build_carries_absolute_sources(corpus_build):
    derived = {d.id for d in corpus_build.kb.documents if d.derived_from}
    assert derived and not derived & set(corpus_build.sources)
    for document in corpus_build.kb.documents:
        if document.id not in derived:
            source = corpus_build.sources[document.id]
            assert source.is_absolute() and source.is_file() and source.name == document.source_path.split("/")[-1]


def test_build_copies_reuses_and_updates_originals(tmp_path):
    kb = sample_kb()
    files = {d.id: tmp_path / "corpus" / f"{d.id}.txt" for d in kb.documents if not d.derived_from}
    (tmp_path / "corpus").mkdir()
    for document_id, path in files.items():
        path.write_text(f"the original of {document_id}", encoding="utf-8")
    root = tmp_path / "index"
    first = build_index(kb, root, originals=files)
    names = read_build_meta(first.build_dir)["originals"]
    assert set(names) == set(files)
    for document_id, relative in names.items():
        assert (first.build_dir / relative).read_bytes() == files[document_id].read_bytes()
    assert build_index(kb, root, originals=files).mode == "reused"

    files["web"].write_text("a new version", encoding="utf-8")
    changed = with_document_text(kb, "web", 0, "A changed passage about zeppelins.")
    second = build_index(changed, root, originals=files)
    assert second.mode == "incremental" and second.build_dir != first.build_dir
    for document_id, relative in read_build_meta(second.build_dir)["originals"].items():
        assert (second.build_dir / relative).read_bytes() == files[document_id].read_bytes()
    assert (second.build_dir / ORIGINALS_DIR / "web.txt").read_text(encoding="utf-8") == "a new version"
    assert (first.build_dir / ORIGINALS_DIR / "web.txt").read_text(encoding="utf-8") == "the original of web"


def test_an_index_built_without_originals_is_not_reused_with_them(tmp_path):
    kb = sample_kb()
    source = tmp_path / "guide.txt"
    source.write_text("the guide", encoding="utf-8")
    build_index(kb, tmp_path / "index")
    report = build_index(kb, tmp_path / "index", originals={"guide": source})
    assert report.mode != "reused" and (report.build_dir / ORIGINALS_DIR / "guide.txt").read_text() == "the guide"


def test_unchanged_document_with_new_bytes_is_copied_not_linked(tmp_path):
    previous, build = tmp_path / "previous", tmp_path / "build"
    (previous / ORIGINALS_DIR).mkdir(parents=True)
    build.mkdir()
    (previous / ORIGINALS_DIR / "doc.pdf").write_bytes(b"old bytes")
    source = tmp_path / "doc.pdf"
    source.write_bytes(b"new bytes, same passages")
    names = copy_originals(build, {"doc": source}, previous, {"doc": "originals/doc.pdf"}, {"doc"})
    assert (build / names["doc"]).read_bytes() == b"new bytes, same passages"
    source.write_bytes(b"old bytes")
    (build / names["doc"]).unlink()
    copy_originals(build, {"doc": source}, previous, {"doc": "originals/doc.pdf"}, {"doc"})
    assert (build / names["doc"]).samefile(previous / ORIGINALS_DIR / "doc.pdf")  # identical: linked


def test_a_symlinked_source_is_never_copied(tmp_path):
    (tmp_path / "secret").write_text("secret")
    (tmp_path / "doc.txt").symlink_to(tmp_path / "secret")
    (tmp_path / "build").mkdir()
    assert copy_originals(tmp_path / "build", {"doc": tmp_path / "doc.txt"}) == {}
    assert not any((tmp_path / "build" / ORIGINALS_DIR).iterdir())


def test_build_without_originals_has_none(tmp_path):
    report = build_index(sample_kb(), tmp_path)
    assert read_build_meta(report.build_dir)["originals"] == {}
    assert open_backend(tmp_path).original_file("guide") is None


@pytest.mark.parametrize("relative", [
    "kb.json", "originals/../kb.json", "/etc/passwd", "../../etc/passwd", "originals", "originals/missing.txt", None, 7,
])
def test_original_path_stays_inside_the_originals_folder(tmp_path, relative):
    (tmp_path / ORIGINALS_DIR).mkdir()
    (tmp_path / "kb.json").write_text("{}")
    assert original_path(tmp_path, {"doc": relative}, "doc") is None


def test_original_path_refuses_a_symlink_out(tmp_path):
    (tmp_path / ORIGINALS_DIR).mkdir()
    (tmp_path / "secret").write_text("secret")
    (tmp_path / ORIGINALS_DIR / "doc.txt").symlink_to(tmp_path / "secret")
    assert original_path(tmp_path, {"doc": "originals/doc.txt"}, "doc") is None


def test_backend_original_file(backend, corpus_build):
    source_id, source = next(iter(corpus_build.sources.items()))
    path = backend.original_file(source_id)
    assert path is not None and path.read_bytes() == source.read_bytes()
    assert path.parent == (backend.build_dir / ORIGINALS_DIR).resolve()
    derived = next(d.id for d in corpus_build.kb.documents if d.derived_from)
    assert backend.original_file(derived) is None and backend.original_file("nope") is None


# --- the download route -------------------------------------------------------------------------

def test_download_headers_and_bytes(client, corpus_build):
    for document_id, source in corpus_build.sources.items():
        response = client.get(f"/documents/{document_id}/original")
        assert response.status_code == 200
        assert response.data == source.read_bytes()
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;") and f"filename={safe_name(document_id, source.suffix)}" in disposition
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", [
    "/documents/nope/original",
    "/documents/..%2f..%2fetc%2fpasswd/original",
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd/original",
    "/documents/%2e%2e/original",
    "/documents/../original",
    "/documents/..%5c..%5cwindows/original",
    "/documents/kb.json/original",
    "/documents/originals/original",
    "/documents/%00/original",
    "/documents/" + "a" * 5000 + "/original",
    "/documents/police-gender-guide/original/..%2f..%2fkb.json",
    "/documents/police-gender-guide/../../kb.json",
])
def test_hostile_download_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert "attachment" not in response.headers.get("Content-Disposition", "")


def test_derived_documents_have_no_download(client, corpus_build):
    derived = next(d.id for d in corpus_build.kb.documents if d.derived_from)
    assert client.get(f"/documents/{derived}/original").status_code == 404
    assert "Download the original" not in client.get(f"/documents/{derived}").get_data(as_text=True)


def test_document_page_offers_the_download(client, corpus_build):
    document_id = next(iter(corpus_build.sources))
    html = client.get(f"/documents/{document_id}").get_data(as_text=True)
    assert f'href="/documents/{document_id}/original" download>Download the original</a>' in html


def test_openapi_describes_the_download(client):
    spec = json.loads(client.get("/api/openapi.json").data)
    assert "404" in spec["paths"]["/documents/{id}/original"]["get"]["responses"]
