"""Shared fixtures: the real corpus built once per session, and the Flask app over it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
REAL_DOCS = SHARED / "real-docs"
DEV_QUERIES = SHARED / "eval" / "dev-queries.tsv"


@pytest.fixture(scope="session")
def corpus_dirs() -> list[Path]:
    """The customer's corpus, plus the public reference texts when they sit beside the checkout."""
    dirs = [CORPUS]
    if REAL_DOCS.is_dir():
        dirs.append(REAL_DOCS)
    return dirs


@pytest.fixture(scope="session")
def corpus_build(corpus_dirs):
    """The knowledge base built from the real corpus (parsed once per test session)."""
    from indexer.corpus import build_knowledge_base

    return build_knowledge_base(corpus_dirs)


@pytest.fixture(scope="session")
def knowledge_base(corpus_build):
    """The KnowledgeBase of the real corpus."""
    return corpus_build.kb


@pytest.fixture(scope="session")
def index_root(tmp_path_factory, corpus_build) -> Path:
    """A Whoosh index of the real corpus (with its original files), built once per session."""
    from indexer.index import build_index

    root = tmp_path_factory.mktemp("index")
    build_index(corpus_build.kb, root, originals=corpus_build.sources)
    return root


@pytest.fixture(scope="session")
def backend(index_root):
    """The search engine over the session index."""
    from indexer.engine import open_backend

    return open_backend(index_root)


@pytest.fixture()
def app(index_root):
    """The Flask app in test mode over the session index."""
    from webui import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_root)})


@pytest.fixture()
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture()
def runner():
    """A click runner for the `wpskb` command line."""
    from click.testing import CliRunner

    return CliRunner()
