"""Building the index: a KnowledgeBase in, a Whoosh index on disk out, swapped in atomically.

Layout under the index root::

    builds/<build-id>/whoosh/     the Whoosh index
    builds/<build-id>/kb.json     the knowledge base (kb.serialize.dumps)
    builds/<build-id>/originals/  a copy of each source file, for download (``indexer.originals``)
    builds/<build-id>/build.json  fingerprints, counts, originals, built_at; written last, marks the build complete
    current -> builds/<build-id>  the live build

A build always goes into a new folder; ``current`` is replaced (temporary symlink, then
``os.replace``) only once the folder is complete, so readers never see half an index and a
build killed midway leaves the previous one serving. The next build removes what a crashed
one left behind. Each document has a fingerprint (sha256 of its passages and glossary
entries): an unchanged knowledge base reuses the current build, a partly changed one copies
the current Whoosh index and only deletes and re-adds the documents that changed. The two
most recent complete builds are kept.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.originals import ORIGINALS_DIR, copy_originals, safe_name
from indexer.schema import SCHEMA_VERSION, build_schema, passage_fields
from kb import serialize
from kb.knowledge_base import KnowledgeBase

Progress = Callable[[int, int], None]
KEEP_BUILDS = 2


@dataclass(frozen=True)
class IndexReport:
    """What a build did."""

    build_id: str
    build_dir: Path
    mode: str  # "full" | "incremental" | "reused"
    documents: int
    passages: int
    added: tuple[str, ...] = ()  # document ids indexed anew
    updated: tuple[str, ...] = ()  # document ids re-indexed because they changed
    removed: tuple[str, ...] = ()  # document ids no longer in the knowledge base
    seconds: float = 0.0
    cleaned: tuple[str, ...] = field(default=())  # leftovers of crashed builds removed

    @property
    def reused(self) -> bool:
        """True when the current build was kept as it was."""
        return self.mode == "reused"

    def __str__(self) -> str:
        what = {"full": "full build", "incremental": "incremental update", "reused": "unchanged: current build kept"}
        changes = f" (+{len(self.added)} ~{len(self.updated)} -{len(self.removed)} documents)" if self.mode == "incremental" else ""
        return (f"Index {what.get(self.mode, self.mode)}{changes}: {self.documents} documents, {self.passages} "
                f"passages in {self.seconds:.2f} s -> {self.build_dir}")


def default_index_root() -> Path:
    """Where the index lives: $WPSKB_INDEX, else <repo>/var/index."""
    env = os.environ.get("WPSKB_INDEX")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / "var" / "index"


def current_build(root: Path) -> Path | None:
    """The folder ``root/current`` points at, or None when there is no complete build."""
    link = Path(root) / "current"
    try:
        target = link.resolve(strict=True)
    except (FileNotFoundError, RuntimeError, OSError):
        return None
    return target if (target / "build.json").is_file() else None


def has_index(root: Path) -> bool:
    """True when ``root`` holds a complete current build."""
    return current_build(root) is not None


def load_current(root: Path) -> tuple[Path, KnowledgeBase]:
    """The live build folder and its knowledge base; FileNotFoundError when none was built."""
    build_dir = current_build(root)
    if build_dir is None:
        raise FileNotFoundError(f"no index at {root}: run `wpskb index` first")
    kb = serialize.loads((build_dir / "kb.json").read_text(encoding="utf-8"))
    return build_dir, kb


def index_code_version() -> str:
    """SCHEMA_VERSION plus a hash of the code that decides what goes into the index.

    A change to the analyzers or the field mapping makes every stored fingerprint stale, so
    the next build is a full one rather than an incremental update mixing two analyses.
    """
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for module in ("analysis.py", "schema.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


def document_fingerprints(kb: KnowledgeBase) -> dict[str, str]:
    """sha256 per document id, over its passages and the glossary entries it defines."""
    terms_by_doc: dict[str, list] = {}
    for term in kb.glossary:
        doc = term.document_id or term.passage_id.split("/", 1)[0]
        terms_by_doc.setdefault(doc, []).append(term)
    prints = {}
    for document in kb.documents:
        payload = json.dumps(
            [serialize.to_plain(document.passages),
             serialize.to_plain(terms_by_doc.get(document.id, []))],
            ensure_ascii=False, sort_keys=True,
        )
        prints[document.id] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return prints


def _kb_fingerprint(kb: KnowledgeBase, kb_json: str) -> str:
    # Everything but the build time: the same corpus parsed twice must reuse the build.
    stamp = f'"built_at": {json.dumps(kb.built_at, ensure_ascii=False)}'
    digest = hashlib.sha256(index_code_version().encode())
    digest.update(kb_json.replace(stamp, "", 1).encode("utf-8"))
    return digest.hexdigest()


def build_index(kb: KnowledgeBase, root: Path, progress: Progress | None = None,
                originals: Mapping[str, Path] | None = None) -> IndexReport:
    """Index ``kb`` under ``root`` and make it the current build; reuse or update when possible.

    ``originals`` (document id -> source file) are copied into the build for download; a
    reused build keeps its own copies, so it is reused only when they are the same files.
    """
    started = time.perf_counter()
    root = Path(root)
    (root / "builds").mkdir(parents=True, exist_ok=True)
    with _BuildLock(root):
        cleaned = _clean_leftovers(root)
        kb_json = serialize.dumps(kb)
        fingerprint = _kb_fingerprint(kb, kb_json)
        previous = current_build(root)
        meta = _read_meta(previous)
        passages = sum(len(d.passages) for d in kb.documents)
        wanted = {i: f"{ORIGINALS_DIR}/{safe_name(i, Path(f).suffix)}" for i, f in (originals or {}).items()
                  if Path(f).is_file()}
        if meta and meta.get("kb_fingerprint") == fingerprint and (originals is None or meta.get("originals") == wanted):
            if progress:
                progress(passages, passages)
            return IndexReport(previous.name, previous, "reused", len(kb.documents), passages,
                               seconds=time.perf_counter() - started, cleaned=cleaned)

        prints = document_fingerprints(kb)
        build_id = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)
        build_dir = root / "builds" / build_id
        build_dir.mkdir()
        old_prints: dict[str, str] = meta.get("documents", {}) if meta else {}
        if meta and meta.get("schema") == index_code_version():
            shutil.copytree(previous / "whoosh", build_dir / "whoosh")
            changed = [d for d in kb.documents if old_prints.get(d.id) != prints[d.id]]
            removed = tuple(sorted(set(old_prints) - set(prints)))
            added = tuple(d.id for d in changed if d.id not in old_prints)
            updated = tuple(d.id for d in changed if d.id in old_prints)
            _write_documents(kb, build_dir / "whoosh", changed, set(updated) | set(removed), progress)
            unchanged = {d.id for d in kb.documents} - {d.id for d in changed}
            names = copy_originals(build_dir, originals or {}, previous, meta.get("originals"), unchanged)
            mode = "incremental"
        else:
            (build_dir / "whoosh").mkdir()
            whoosh_index.create_in(str(build_dir / "whoosh"), build_schema())
            _write_documents(kb, build_dir / "whoosh", list(kb.documents), set(), progress)
            added, updated, removed, mode = tuple(prints), (), (), "full"
            names = copy_originals(build_dir, originals or {})

        (build_dir / "kb.json").write_text(kb_json, encoding="utf-8")
        build_meta = {
            "build_id": build_id, "schema": index_code_version(), "kb_fingerprint": fingerprint,
            "documents": prints, "document_count": len(kb.documents), "passage_count": passages,
            "glossary_terms": len(kb.glossary), "built_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            "kb_built_at": kb.built_at, "mode": mode, "originals": names,
        }
        _write_atomic(build_dir / "build.json", json.dumps(build_meta, indent=2))
        _swap_current(root, build_dir)
        _prune(root, keep=KEEP_BUILDS)
        return IndexReport(build_id, build_dir, mode, len(kb.documents), passages, added, updated, removed,
                           time.perf_counter() - started, cleaned)


def _write_documents(kb: KnowledgeBase, whoosh_dir: Path, documents: list, delete: set[str],
                     progress: Progress | None) -> None:
    ix = whoosh_index.open_dir(str(whoosh_dir))
    order = {p.id: i for i, p in enumerate(kb.passages())}
    total = sum(len(d.passages) for d in documents)
    writer = ix.writer(limitmb=128)
    try:
        for document_id in delete:
            writer.delete_by_term("document", document_id)
        done = 0
        for document in documents:
            for passage in document.passages:
                writer.add_document(**passage_fields(passage, order[passage.id], kb.glossary))
                done += 1
                if progress and (done % 50 == 0 or done == total):
                    progress(done, total)
        writer.commit(optimize=not delete)
    except BaseException:
        writer.cancel()
        raise
    finally:
        ix.close()
    if progress and total == 0:
        progress(0, 0)


def _read_meta(build_dir: Path | None) -> dict | None:
    if build_dir is None:
        return None
    try:
        return json.loads((build_dir / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _swap_current(root: Path, build_dir: Path) -> None:
    tmp = root / f"current.tmp-{os.getpid()}-{secrets.token_hex(3)}"
    os.symlink(os.path.join("builds", build_dir.name), tmp)
    os.replace(tmp, root / "current")


def _clean_leftovers(root: Path) -> tuple[str, ...]:
    """Remove what a crashed build left: temporary symlinks and build folders never swapped in.

    A folder without build.json was killed while writing; one newer than the live build was
    killed between writing and the swap. Older complete folders are former live builds.
    """
    live = current_build(root)
    cleaned = []
    for entry in root.iterdir():
        if entry.name.startswith("current.tmp-"):
            entry.unlink(missing_ok=True)
            cleaned.append(entry.name)
    for entry in (root / "builds").iterdir():
        never_live = not (entry / "build.json").is_file() or (live is not None and entry.name > live.name)
        if entry != live and never_live:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            cleaned.append(f"builds/{entry.name}")
    return tuple(cleaned)


def _prune(root: Path, keep: int) -> None:
    live = current_build(root)
    complete = sorted((d for d in (root / "builds").iterdir() if (d / "build.json").is_file()),
                      key=lambda d: d.name, reverse=True)
    kept = set(complete[:keep]) | ({live} if live else set())
    for entry in complete:
        if entry not in kept:
            shutil.rmtree(entry, ignore_errors=True)


class _BuildLock:
    """One build at a time per root; the OS releases the lock if the process dies."""

    def __init__(self, root: Path) -> None:
        self.path = root / ".build.lock"
        self.handle = None

    def __enter__(self) -> _BuildLock:
        self.handle = open(self.path, "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


# Kept for callers that want the fingerprints of a build without opening its index.
def read_build_meta(build_dir: Path) -> dict:
    """The build.json of ``build_dir`` as a dict (empty when missing)."""
    return _read_meta(build_dir) or {}


__all__ = ["IndexReport", "build_index", "current_build", "default_index_root", "document_fingerprints",
           "has_index", "index_code_version", "load_current", "read_build_meta"]
