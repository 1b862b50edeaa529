"""Index builds: atomic swap, reuse, incremental updates, crash leftovers, the real corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer import index as index_module
from indexer.engine import open_backend
from indexer.index import build_index, current_build, default_index_root, load_current, read_build_meta
from indexer.interface import SearchQuery
from tests.sample_kb import sample_kb, with_document_text


def _doc_count(build_dir: Path) -> int:
    ix = whoosh_index.open_dir(str(build_dir / "whoosh"))
    try:
        return ix.doc_count()
    finally:
        ix.close()


def test_full_build_layout(tmp_path):
    kb = sample_kb()
    report = build_index(kb, tmp_path)
    assert report.mode == "full"
    assert (tmp_path / "current").is_symlink()
    assert os.readlink(tmp_path / "current") == f"builds/{report.build_id}"
    for name in ("whoosh", "kb.json", "build.json"):
        assert (report.build_dir / name).exists()
    assert _doc_count(report.build_dir) == report.passages == len(kb.passages())
    meta = read_build_meta(report.build_dir)
    assert meta["passage_count"] == report.passages and set(meta["documents"]) == {d.id for d in kb.documents}
    build_dir, loaded = load_current(tmp_path)
    assert build_dir == report.build_dir
    assert [p.id for p in loaded.passages()] == [p.id for p in kb.passages()]


def test_unchanged_kb_reuses_current_build(tmp_path):
    first = build_index(sample_kb(), tmp_path)
    again = build_index(sample_kb(), tmp_path)
    assert again.reused and again.build_dir == first.build_dir
    assert sorted(p.name for p in (tmp_path / "builds").iterdir()) == [first.build_id]


def test_changed_document_is_updated_incrementally(tmp_path):
    kb = sample_kb()
    build_index(kb, tmp_path)
    changed = with_document_text(kb, "web", 1, "The IAWP conference met in Calgary to discuss zebra crossings.")
    report = build_index(changed, tmp_path)
    assert report.mode == "incremental"
    assert report.updated == ("web",) and report.added == () and report.removed == ()
    assert _doc_count(report.build_dir) == len(changed.passages())
    backend = open_backend(tmp_path)
    assert backend.search(SearchQuery("zebra")).hits[0].id == "web/p1"
    assert "web/p1" not in [h.id for h in backend.search(SearchQuery("annual")).hits]


def test_removed_document_leaves_the_index(tmp_path):
    kb = sample_kb()
    build_index(kb, tmp_path)
    from dataclasses import replace

    smaller = replace(kb, documents=tuple(d for d in kb.documents if d.id != "charte"))
    report = build_index(smaller, tmp_path)
    assert report.removed == ("charte",)
    assert _doc_count(report.build_dir) == len(smaller.passages())


def test_two_most_recent_builds_are_kept(tmp_path):
    kb = sample_kb()
    builds = [build_index(with_document_text(kb, "web", 0, f"version {i} of the page"), tmp_path) for i in range(4)]
    kept = sorted(p.name for p in (tmp_path / "builds").iterdir())
    assert kept == sorted(b.build_id for b in builds[-2:])
    assert current_build(tmp_path) == builds[-1].build_dir


def test_crashed_build_leaves_previous_index_serving(tmp_path, monkeypatch):
    kb = sample_kb()
    first = build_index(kb, tmp_path)

    def crash(*args, **kwargs):
        raise RuntimeError("killed midway")

    monkeypatch.setattr(index_module, "_write_documents", crash)
    with pytest.raises(RuntimeError):
        build_index(with_document_text(kb, "web", 0, "something new"), tmp_path)
    assert current_build(tmp_path) == first.build_dir
    assert open_backend(tmp_path).search(SearchQuery("what is gender")).hits[0].id == "glossary/gender"


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    kb = sample_kb()
    first = build_index(kb, tmp_path)
    # What kill -9 leaves: a half-written build folder and a temporary symlink.
    half = tmp_path / "builds" / "29991231T235959000000-dead00"
    (half / "whoosh").mkdir(parents=True)
    (half / "whoosh" / "_MAIN_1.toc").write_bytes(b"partial")
    os.symlink("builds/" + half.name, tmp_path / "current.tmp-999-abc")
    assert current_build(tmp_path) == first.build_dir
    report = build_index(with_document_text(kb, "web", 0, "a new text"), tmp_path)
    assert not half.exists()
    assert not (tmp_path / "current.tmp-999-abc").exists()
    assert set(report.cleaned) == {"current.tmp-999-abc", f"builds/{half.name}"}
    assert current_build(tmp_path) == report.build_dir


def test_swap_is_a_single_rename(tmp_path, monkeypatch):
    """The live link is never missing: it is replaced by os.replace of a complete temporary link."""
    kb = sample_kb()
    build_index(kb, tmp_path)
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def watching_replace(src, dst):
        if str(dst).endswith("current"):
            seen.append((Path(src).name, os.readlink(src)))
            assert (tmp_path / "current").is_symlink()  # still serving the old build
        return real_replace(src, dst)

    monkeypatch.setattr(index_module.os, "replace", watching_replace)
    report = build_index(with_document_text(kb, "web", 0, "swap me"), tmp_path)
    assert len(seen) == 1 and seen[0][0].startswith("current.tmp-") and seen[0][1] == f"builds/{report.build_id}"
    assert (report.build_dir / "build.json").is_file()


@pytest.mark.parametrize(("env", "expected"), [("/tmp/wps-index", Path("/tmp/wps-index")), (None, None)])
def test_default_index_root(monkeypatch, env, expected):
    if env:
        monkeypatch.setenv("WPSKB_INDEX", env)
    else:
        monkeypatch.delenv("WPSKB_INDEX", raising=False)
    root = default_index_root()
    assert root == (expected or Path(__file__).resolve().parents[1] / "var" / "index")


@pytest.mark.slow
def test_real_corpus_index_has_every_passage(index_root, knowledge_base):
    build_dir, loaded = load_current(index_root)
    assert _doc_count(build_dir) == len(knowledge_base.passages())
    assert len(loaded.passages()) == len(knowledge_base.passages())


@pytest.mark.slow
def test_real_corpus_reindex_reuses_build(index_root, knowledge_base):
    report = build_index(knowledge_base, index_root)
    assert report.reused


def test_has_index(tmp_path):
    from indexer.index import has_index

    assert not has_index(tmp_path)
    build_index(sample_kb(), tmp_path)
    assert has_index(tmp_path)


KILLER = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {repo!r})
from indexer import index
from tests.sample_kb import sample_kb, with_document_text

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

setattr(index, {target!r}, die)
index.build_index(with_document_text(sample_kb(), "web", 0, "killed build"), Path({root!r}))
"""


@pytest.mark.parametrize("target", ["_write_documents", "_swap_current"])
def test_kill_9_mid_build(tmp_path, target):
    """A build killed with SIGKILL (while writing, or just before the swap) leaves the old one serving."""
    import subprocess
    import sys

    first = build_index(sample_kb(), tmp_path)
    script = KILLER.format(repo=str(Path(__file__).resolve().parents[1]), target=target, root=str(tmp_path))
    process = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert process.returncode == -9, process.stderr.decode()
    assert current_build(tmp_path) == first.build_dir
    assert len(list((tmp_path / "builds").iterdir())) == 2  # the dead build's folder is still there
    assert open_backend(tmp_path).search(SearchQuery("what is gender")).hits[0].id == "glossary/gender"
    report = build_index(with_document_text(sample_kb(), "web", 0, "next build"), tmp_path)
    assert len(report.cleaned) == 1 and report.cleaned[0].startswith("builds/")
    assert current_build(tmp_path) == report.build_dir
