"""The mandate-to-practice links of a knowledge base, cached by what they are computed from.

``indexer.mandate`` compares every operative paragraph with every practice passage: about a
second on a large corpus, which would be a third of an unchanged re-index. The links depend
only on the passages, the glossary's names and the code of the linking stage, so a hash of
those keys a JSON file in the build's cache folder; any change to one of them recomputes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from indexer.mandate import link_mandate_to_practice
from kb import serialize
from kb.knowledge_base import KnowledgeBase
from kb.practice import PracticeLink

_CODE = tuple(Path(__file__).with_name(name) for name in ("mandate.py", "practice_terms.py", "practice_cache.py")) + (
    Path(__file__).resolve().parents[1] / "kb" / "practice.py",
)


def _key(kb: KnowledgeBase) -> str:
    digest = hashlib.sha256()
    for path in _CODE:
        digest.update(path.read_bytes() if path.is_file() else b"")
    for term in kb.glossary:
        digest.update("\0".join((*term.names, term.acronym or "")).encode() + b"\1")
    for document in kb.documents:
        digest.update(f"\1{document.id}\0{document.kind}\0{document.title}\0".encode())
        for p in document.passages:
            digest.update(f"{p.id}\0{p.kind}\0{p.role}\0{p.resolution}\0{p.number}\0{p.title}\0".encode())
            digest.update("\0".join(p.section_path).encode() + b"\0" + p.text.encode() + b"\0")
    return digest.hexdigest()[:40]


def practice_links(kb: KnowledgeBase, cache_dir: Path | None) -> tuple[PracticeLink, ...]:
    """``link_mandate_to_practice(kb)``, read from ``cache_dir`` when nothing it depends on changed."""
    if cache_dir is None:
        return link_mandate_to_practice(kb)
    path = cache_dir / f"practice-{_key(kb)}.json"
    if path.is_file():
        try:
            return tuple(serialize.from_plain(PracticeLink, row) for row in json.loads(path.read_text("utf-8")))
        except (ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)
    links = link_mandate_to_practice(kb)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(serialize.to_plain(list(links))), encoding="utf-8")
    tmp.replace(path)
    return links
