"""The comparison system: Datasette serving SQLite FTS5 over the same passages.

The passages come from the project's own KnowledgeBase (the one the wpskb build just
wrote, else ``indexer.corpus.build_knowledge_base``), so both systems search exactly the
same units; when the indexer cannot be imported, blank-line paragraphs stand in. The SQLite file has a ``passages``
table and an external-content FTS5 table ``passages_fts`` (``content="passages"``, the
naming Datasette detects, so ``/passages/passages.json?_search=`` works too) with the
Porter stemmer, like the engine's stemming analyser.

Queries go to a canned query, ``/passages/search.json?q=...``, that ranks with ``bm25()``
(title weighted twice), returns ten rows with a ``<mark>`` snippet and the full text,
and counts all matches (a sub-select), roughly the work ``/api/search`` does.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.http_load import Server
from bench.questions import fts5_match

DB_NAME = "passages"
# ``rank`` is configured as bm25(2.0, 1.0) at export, so FTS5 sorts by it itself and the
# snippet is made for the ten rows returned only.
SEARCH_SQL = """
select p.id, p.title, p.document,
       snippet(passages_fts, 1, '<mark>', '</mark>', '…', 24) as snippet,
       p.text, rank as score,
       (select count(*) from passages_fts where passages_fts match :q) as total
from passages_fts join passages p on p.rowid = passages_fts.rowid
where passages_fts match :q
order by rank
limit 10
""".strip()


@dataclass(frozen=True)
class Export:
    """The SQLite file written for Datasette and what it took."""

    db: Path
    metadata: Path
    passages: int
    source: str  # where the passages came from (see read_passages)
    read_s: float  # reading the passages: not part of the build measured
    write_s: float  # inserting rows and building the FTS5 index: the Datasette side's "build"


Row = tuple[str, str, str, str]  # id, title, text, document


def read_passages(corpus_dirs: Sequence[Path], index_root: Path | None) -> tuple[list[Row], str]:
    """(id, title, text, document) of every passage, and where they came from.

    First choice: the knowledge base of the wpskb build just made (``index_root``), so both
    servers hold exactly the same passages; then a fresh ``build_knowledge_base``; then,
    while the indexer cannot be imported, the blank-line paragraphs of the same files.
    """
    try:
        from indexer.corpus import build_knowledge_base
        from indexer.index import load_current
    except ImportError as error:
        print(f"  indexer not importable ({error}); using blank-line paragraphs", file=sys.stderr)
        return list(_paragraphs(corpus_dirs)), "blank-line paragraphs"
    if index_root is not None:
        try:
            _build_dir, kb = load_current(index_root)
            source = "the wpskb build's KnowledgeBase"
        except FileNotFoundError:
            index_root = None
    if index_root is None:
        kb = build_knowledge_base(list(corpus_dirs)).kb
        source = "build_knowledge_base"
    return [(p.id, p.title, p.text, p.document_id) for p in kb.passages()], source


def _paragraphs(corpus_dirs: Iterable[Path]) -> Iterable[Row]:
    for folder in corpus_dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() not in (".txt", ".md") or path.name.startswith("."):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for n, block in enumerate(text.split("\n\n"), start=1):
                block = " ".join(block.split())
                if len(block) >= 40:
                    yield f"{path.stem}/p{n}", f"{path.stem}, paragraph {n}", block[:2500], path.stem


def export(corpus_dirs: Sequence[Path], work: Path, index_root: Path | None = None) -> Export:
    """Write ``work/passages.db`` (fresh) and the Datasette metadata with the canned query."""
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    rows, source = read_passages(corpus_dirs, index_root)
    read_s = time.perf_counter() - start

    db = work / f"{DB_NAME}.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    try:
        conn.executescript("""
            create table passages (rowid integer primary key, id text unique, title text, text text, document text);
            create virtual table passages_fts using fts5(
                title, text, content="passages", content_rowid="rowid", tokenize="porter unicode61");
        """)
        conn.executemany("insert into passages (id, title, text, document) values (?, ?, ?, ?)", rows)
        conn.execute("insert into passages_fts(passages_fts) values ('rebuild')")
        conn.execute("insert into passages_fts(passages_fts) values ('optimize')")
        conn.execute("insert into passages_fts(passages_fts, rank) values ('rank', 'bm25(2.0, 1.0)')")
        conn.commit()
    finally:
        conn.close()
    write_s = time.perf_counter() - start

    metadata = work / "metadata.json"
    metadata.write_text(json.dumps({
        "databases": {DB_NAME: {"queries": {"search": {"sql": SEARCH_SQL, "title": "Ranked passages"}}}},
    }, indent=1), encoding="utf-8")
    return Export(db, metadata, len(rows), source, read_s, write_s)


def server(exp: Export, port: int, log: Path) -> Server:
    """Datasette on 127.0.0.1:``port`` over the export, immutable (read-only, like the index)."""
    bin_dir = Path(sys.executable).parent
    argv = [str(bin_dir / "datasette"), "serve", "-i", str(exp.db), "-m", str(exp.metadata),
            "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "3000"]
    return Server("datasette", argv, port, "/-/versions.json", log)


def search_path(question: str) -> str:
    """The canned query's URL for ``question``."""
    return f"/{DB_NAME}/search.json?" + urllib.parse.urlencode({"q": fts5_match(question), "_shape": "objects"})


def read_answer(body: bytes) -> tuple[int, bool]:
    """How many rows the canned query returned; never cut short (a query over the time limit is an error)."""
    return len(json.loads(body).get("rows", [])), False
