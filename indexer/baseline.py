"""The baseline to beat: SQLite FTS5 (bm25) over the blank-line paragraphs of the corpus files.

No structure, no glossary, no query understanding: every file's extracted text is split at
blank lines, each paragraph is a row, and a query is its words quoted and OR-ed (so FTS5
syntax in user input is never interpreted). It is scored with the same rule as the engine
(``indexer.evaluate``), so ``wpskb eval`` can print both side by side.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from indexer.errors import ExtractionError
from indexer.evaluate import DEPTH, EvalReport, read_queries, score

SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")


def corpus_paragraphs(corpus_dirs: Iterable[Path]) -> list[tuple[str, str]]:
    """(file name, paragraph) for every blank-line paragraph of every readable corpus file."""
    from indexer.extract import extract_file

    rows: list[tuple[str, str]] = []
    for folder in corpus_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES):
            try:
                text = extract_file(path).text
            except ExtractionError:
                continue
            for paragraph in re.split(r"\n\s*\n", text):
                paragraph = paragraph.strip()
                if paragraph:
                    rows.append((path.name, paragraph))
    return rows


def fts5_query(text: str) -> str:
    """``text`` as an FTS5 MATCH expression: each word quoted, the words OR-ed ("" when none)."""
    words = re.findall(r"\w+", text)
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


class Fts5Baseline:
    """An in-memory FTS5 table of paragraphs, searched by bm25."""

    def __init__(self, paragraphs: Iterable[tuple[str, str]]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE paragraphs USING fts5(file UNINDEXED, text)")
        self.db.executemany("INSERT INTO paragraphs (file, text) VALUES (?, ?)", list(paragraphs))

    @classmethod
    def from_corpus(cls, corpus_dirs: Iterable[Path]) -> Fts5Baseline:
        """The baseline over the files of ``corpus_dirs``."""
        return cls(corpus_paragraphs(corpus_dirs))

    def search(self, text: str, limit: int = DEPTH) -> list[str]:
        """The paragraphs best matching ``text`` by bm25, best first."""
        match = fts5_query(text)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT text FROM paragraphs WHERE paragraphs MATCH ? ORDER BY bm25(paragraphs) LIMIT ?",
            (match, limit),
        )
        return [row[0] for row in rows]


def evaluate_baseline(corpus_dirs: Iterable[Path], tsv_path: Path) -> EvalReport:
    """Score the FTS5 baseline over ``corpus_dirs`` on the questions in ``tsv_path``."""
    baseline = Fts5Baseline.from_corpus(corpus_dirs)
    return score("fts5-bm25", read_queries(tsv_path), baseline.search)
