"""From corpus folders to a KnowledgeBase: discover, extract, parse, cross-reference.

Each file goes through the stages on its own (extract -> clean -> structure) and comes out
as a :class:`FileParse`: the documents it yields (a guide also yields the resolution texts
of its annexes), glossary terms and resolution overviews. A file that cannot be read is
reported with its reason and skipped; the rest of the corpus is built regardless.

File parses are cached by content hash and by the code of the parsing stages, so
re-indexing an unchanged corpus does not parse anything again. Cross-references are found
last, over all passages, because glossary terms defined in one file are linked in all.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from indexer.articles import identify_instrument
from indexer.citations import find_citations
from indexer.errors import ExtractionError
from indexer.file_parse import FileParse, parse_file
from indexer.practice_cache import practice_links
from indexer.preferred_texts import own_text_document, prefer_own_texts
from indexer.sandbox import DEFAULT_LIMITS, Limits, run_limited
from kb import serialize
from kb.citations import Citation
from kb.documents import Document
from kb.glossary import Glossary, GlossaryTerm
from kb.knowledge_base import KnowledgeBase
from kb.resolutions import FACTS_FILE, Resolution, load_registry

SUPPORTED_SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".md")
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileReport:
    """What happened to one file of the corpus."""

    path: str
    status: str  # "indexed" | "cached" | "skipped"
    reason: str = ""  # a reason code when skipped ("encrypted", "no-text-layer", ...)
    message: str = ""
    documents: tuple[str, ...] = ()
    passages: int = 0


@dataclass(frozen=True)
class CorpusBuild:
    """The knowledge base built from a corpus, with a report line per file."""

    kb: KnowledgeBase
    reports: tuple[FileReport, ...] = field(default_factory=tuple)
    # Absolute source file per document id; documents derived from another file have none.
    sources: Mapping[str, Path] = field(default_factory=dict)

    @property
    def skipped(self) -> tuple[FileReport, ...]:
        """Reports of the files that could not be read."""
        return tuple(r for r in self.reports if r.status == "skipped")


def discover_files(corpus_dirs: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(corpus folder, file) pairs of every indexable file, in a stable order.

    Symbolic links are never followed and only regular files are considered, so a link
    pointing outside the corpus, a device or a FIFO is never opened.
    """
    found: list[tuple[Path, Path]] = []
    for corpus_dir in corpus_dirs:
        corpus_dir = Path(corpus_dir)
        if not corpus_dir.is_dir():
            continue
        for path in sorted(_walk(corpus_dir)):
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append((corpus_dir, path))
    return found


def _walk(folder: Path) -> Iterable[Path]:
    for entry in folder.iterdir():
        if entry.is_symlink() or entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def build_knowledge_base(
    corpus_dirs: Iterable[Path],
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> CorpusBuild:
    """Parse every file of ``corpus_dirs`` into one KnowledgeBase.

    Each file is read in a worker process within ``limits``; one that fails is reported
    with its reason and the rest of the corpus is built.
    """
    files = discover_files(corpus_dirs)
    registry = load_registry()
    parses: list[FileParse] = []
    paths: list[Path] = []  # the file of each parse
    slots: list[int] = []  # the report line of each parse
    reports: list[FileReport] = []
    for done, (corpus_dir, path) in enumerate(files, start=1):
        relative = path.relative_to(corpus_dir).as_posix()
        try:
            parse, cached = _parse_cached(corpus_dir, path, cache_dir, limits)
        except ExtractionError as error:
            reports.append(FileReport(relative, "skipped", error.code, error.message))
        except (OSError, ValueError, RecursionError, MemoryError) as error:
            reports.append(FileReport(relative, "skipped", "unreadable", f"{type(error).__name__}: {error}"))
        else:
            parses.append(parse)
            paths.append(path.resolve())
            slots.append(len(reports))
            reports.append(
                FileReport(
                    relative,
                    "cached" if cached else "indexed",
                    documents=tuple(d.id for d in parse.documents),
                    passages=sum(len(d.passages) for d in parse.documents),
                )
            )
        if progress:
            progress(done, len(files), relative)
    parses = prefer_own_texts(parses)
    for parse, slot in zip(parses, slots):  # a quotation that gave way is not counted as indexed
        reports[slot] = replace(reports[slot], documents=tuple(d.id for d in parse.documents),
                                passages=sum(len(d.passages) for d in parse.documents))
    owners = [path for parse, path in zip(parses, paths) for _ in parse.documents]
    kb = assemble(parses, registry, reports, cache_dir)
    kb = replace(kb, practice_links=practice_links(kb, cache_dir))
    # assemble keeps the documents in order (renaming duplicate ids), so they pair with their files.
    sources = {d.id: path for d, path in zip(kb.documents, owners) if not d.derived_from}
    return CorpusBuild(kb=kb, reports=tuple(reports), sources=sources)


def assemble(
    parses: list[FileParse], registry: dict[int, Resolution], reports: list[FileReport], cache_dir: Path | None = None
) -> KnowledgeBase:
    """Merge file parses: unique document ids, resolution texts and overviews, citations.

    The first parse holding a resolution's text gives it; run :func:`prefer_own_texts` first
    so an official text wins over a quotation (see :mod:`indexer.preferred_texts`).

    Citations depend on the passages and on the whole glossary, so they are cached under a
    key of both: an unchanged corpus reuses them without scanning any text again.
    """
    documents: list[Document] = []
    seen_ids: set[str] = set()
    glossary_terms: dict[str, GlossaryTerm] = {}
    for parse in parses:
        own_documents = [_unique_id(document, seen_ids) for document in parse.documents]
        documents.extend(own_documents)
        for term in parse.glossary:
            glossary_terms.setdefault(term.slug, term)
        for number, overview in parse.overviews.items():
            if number in registry and not registry[number].overview:
                registry[number] = replace(registry[number], overview=overview)
        for number, paragraphs in parse.resolution_texts.items():
            if number in registry and not registry[number].paragraphs:
                # A resolution's own file is its text source; a quotation names the quoting document.
                own = own_text_document(own_documents, number)
                source = own.id if own else parse.source_id
                registry[number] = replace(registry[number], paragraphs=paragraphs, text_source=source)
    glossary = Glossary(list(glossary_terms.values()))
    names = _glossary_names(glossary)
    names_key = hashlib.sha256(json.dumps(sorted(names.items())).encode()).hexdigest()
    documents = [_with_citations(d, names, names_key, cache_dir) for d in documents]
    return KnowledgeBase(
        documents=tuple(documents),
        resolutions=registry,
        glossary=glossary,
        built_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        skipped=tuple((r.path, f"{r.reason}: {r.message}") for r in reports if r.status == "skipped"),
    )


def _unique_id(document: Document, seen: set[str]) -> Document:
    doc_id, n = document.id, 2
    while doc_id in seen:
        doc_id, n = f"{document.id}-{n}", n + 1
    seen.add(doc_id)
    if doc_id == document.id:
        return document
    passages = tuple(replace(p, document_id=doc_id, id=f"{doc_id}/{p.anchor}") for p in document.passages)
    return replace(document, id=doc_id, passages=passages)


def _glossary_names(glossary: Glossary) -> dict[str, str]:
    names: dict[str, str] = {}
    for term in glossary:
        for name in term.names:
            if len(name) >= 2:
                names.setdefault(name, term.slug)
    return names


def _with_citations(
    document: Document, glossary_names: dict[str, str], names_key: str = "", cache_dir: Path | None = None
) -> Document:
    """Cross-references in every passage; an instrument's own "Article 12" points into itself."""
    found = _cached_citations(document, names_key, cache_dir)
    if found is None:
        instrument = identify_instrument(document.text) if document.kind in ("convention", "charter") else None
        default = instrument.key if instrument else None
        found = []
        for passage in document.passages:
            citations = find_citations(passage.text, glossary_names, default_instrument=default)
            if passage.role == "definition":
                # A definition does not link to itself.
                citations = [c for c in citations if c.target != passage.anchor]
            found.append(tuple(citations))
        _store_citations(document, names_key, cache_dir, found)
    passages = [
        replace(p, citations=citations, title=p.title or document.title)
        for p, citations in zip(document.passages, found)
    ]
    return replace(document, passages=tuple(passages))


def _citations_file(document: Document, names_key: str, cache_dir: Path | None) -> Path | None:
    if cache_dir is None or not names_key:
        return None
    digest = hashlib.sha256(f"{_code_fingerprint()}\0{names_key}\0{document.kind}\0".encode())
    for passage in document.passages:
        digest.update(passage.anchor.encode() + b"\0" + passage.text.encode() + b"\0")
    return cache_dir / f"citations-{digest.hexdigest()[:40]}.json"


def _cached_citations(document: Document, names_key: str, cache_dir: Path | None) -> list[tuple[Citation, ...]] | None:
    path = _citations_file(document, names_key, cache_dir)
    if path is None or not path.is_file():
        return None
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return [tuple(serialize.from_plain(Citation, c) for c in row) for row in rows]
    except (ValueError, KeyError, TypeError):
        path.unlink(missing_ok=True)
        return None


def _store_citations(document: Document, names_key: str, cache_dir: Path | None, found: list) -> None:
    path = _citations_file(document, names_key, cache_dir)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(serialize.to_plain(found)), encoding="utf-8")
        tmp.replace(path)


# --- cache -------------------------------------------------------------------------------

def _parse_cached(corpus_dir: Path, path: Path, cache_dir: Path | None, limits: Limits) -> tuple[FileParse, bool]:
    if not path.resolve().is_relative_to(corpus_dir.resolve()):
        raise ExtractionError("outside-corpus", "the file lies outside the corpus folder")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ExtractionError("too-large", f"{size:,} bytes is over the {limits.max_bytes:,}-byte limit")
    if size == 0:
        raise ExtractionError("empty", "the file is empty")
    data = path.read_bytes()
    key = hashlib.sha256(data + path.name.encode() + _code_fingerprint().encode()).hexdigest()
    cache_file = cache_dir / f"{key}.json" if cache_dir else None
    if cache_file and cache_file.is_file():
        try:
            return serialize.from_plain(FileParse, json.loads(cache_file.read_text(encoding="utf-8"))), True
        except (ValueError, KeyError, TypeError):
            cache_file.unlink(missing_ok=True)
    parse = run_limited(parse_file, corpus_dir, path, data, limits=limits)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(serialize.to_plain(parse), ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache_file)
    return parse, False


_FINGERPRINT: list[str] = []


def _code_fingerprint() -> str:
    """A hash of the source this module's parsing depends on, so a change there invalidates cached parses.

    The modules are found by following ``indexer.*`` and ``kb.*`` imports from this file, so an
    edit to the search side (ranking, engine) keeps every cached parse.
    """
    if not _FINGERPRINT:
        digest = hashlib.sha256()
        for module in sorted(_parsing_modules()) + [FACTS_FILE]:  # the facts name the resolution documents
            digest.update(module.read_bytes())
        _FINGERPRINT.append(digest.hexdigest()[:16])
    return _FINGERPRINT[0]


# Stages that run after parsing, over the whole knowledge base; cached parses do not depend on them.
_AFTER_PARSING = ("mandate.py", "practice_cache.py")


def _parsing_modules() -> set[Path]:
    repo = Path(__file__).resolve().parents[1]
    seen: set[Path] = set()
    pending = [Path(__file__).resolve()]
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file() or (path.parent.name == "indexer" and path.name in _AFTER_PARSING):
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                if name.split(".")[0] in ("indexer", "kb"):
                    pending.append(repo.joinpath(*name.split(".")).with_suffix(".py"))
    return seen
