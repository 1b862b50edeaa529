"""One file through the stages: extract, then the structure parser that fits it.

Which parser fits is decided from the manifest entry and the text itself:

* a guide with lettered annexes (the police guide family) -> :mod:`indexer.guide`, whose
  annexed resolution texts go on to :mod:`indexer.resolution_text`;
* a resolution text on its own -> :mod:`indexer.resolution_text`;
* a convention or charter with "Article N" headings -> :mod:`indexer.articles`;
* anything else -> :mod:`indexer.sections` (headings and paragraphs).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.articles import parse_articles
from indexer.errors import ExtractionError
from indexer.extract import extract_bytes
from indexer.guide import parse_guide
from indexer.manifest import ManifestEntry, document_id_for, infer_kind, infer_title, load_corpus_entries
from indexer.resolution_text import ParsedResolutionText, parse_resolution_texts
from indexer.sections import parse_sections
from kb.citing import paragraph_citation
from kb.documents import Document, Passage
from kb.glossary import GlossaryTerm
from kb.resolutions import Resolution, ResolutionParagraph, load_registry

_GUIDE_ANNEX = re.compile(r"^\s*ANNEX\s+A\b", re.MULTILINE)


@dataclass(frozen=True)
class FileParse:
    """Everything one file yields."""

    source_id: str
    documents: tuple[Document, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    overviews: dict[int, str] = field(default_factory=dict)
    resolution_texts: dict[int, tuple[ResolutionParagraph, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


_MANIFESTS: dict[Path, tuple[float, dict[str, ManifestEntry]]] = {}


def _manifest(corpus_dir: Path) -> dict[str, ManifestEntry]:
    manifest_file = corpus_dir / "manifest.toml"
    mtime = manifest_file.stat().st_mtime if manifest_file.is_file() else 0.0
    cached = _MANIFESTS.get(corpus_dir)
    if cached is None or cached[0] != mtime:
        _MANIFESTS[corpus_dir] = (mtime, load_corpus_entries(corpus_dir))
    return _MANIFESTS[corpus_dir][1]


def parse_file(corpus_dir: Path, path: Path, data: bytes) -> FileParse:
    """Extract and parse one file of ``corpus_dir``; raises ExtractionError when unreadable."""
    relative = path.relative_to(corpus_dir).as_posix()
    extracted = extract_bytes(data, path.suffix.lower())
    if not extracted.text.strip():
        raise ExtractionError("empty", "the file holds no text")
    entry = _manifest(corpus_dir).get(relative) or _manifest(corpus_dir).get(path.name) or ManifestEntry(file=relative)
    title = entry.title or infer_title(extracted, path.name)
    kind = entry.kind or infer_kind(extracted.text, title, path.name)
    language = entry.language or extracted.metadata.get("language", "en") or "en"
    doc_id = entry.id or document_id_for(path.name, title)
    base = dict(
        id=doc_id, title=title, kind=kind, source_path=relative,
        sha256=hashlib.sha256(data).hexdigest(), publisher=entry.publisher or extracted.metadata.get("author", ""),
        date=entry.date or extracted.metadata.get("date", ""), url=entry.url, language=language,
    )

    if kind == "guide" and _GUIDE_ANNEX.search(extracted.text):
        guide = parse_guide(extracted.text, doc_id)
        texts = parse_resolution_texts(guide.resolution_region) if guide.resolution_region.strip() else {}
        documents = [Document(text=guide.text, sections=guide.sections, passages=guide.passages,
                              notes=guide.notes, **base)]
        documents += [_resolution_document(t, doc_id) for t in texts.values()]
        return FileParse(
            source_id=doc_id, documents=tuple(documents), glossary=guide.glossary, overviews=dict(guide.overviews),
            resolution_texts={n: t.paragraphs for n, t in texts.items()},
            notes=tuple(guide.notes) + tuple(n for t in texts.values() for n in t.notes),
        )

    if kind == "resolution":
        texts = parse_resolution_texts(extracted.text)
        if texts:
            # The file is the resolution itself (an official PDF): its document carries the file's provenance.
            origin = {k: base[k] for k in ("source_path", "sha256", "url", "publisher", "language")}
            documents = tuple(_resolution_document(t, doc_id, origin=origin) for t in texts.values())
            return FileParse(source_id=doc_id, documents=documents,
                             resolution_texts={n: t.paragraphs for n, t in texts.items()})

    parsed = parse_articles(extracted.text, doc_id, kind, language) or parse_sections(
        extracted.text, doc_id, kind, language
    )
    if not parsed.passages:
        raise ExtractionError("empty", "no passage of text could be read from the file")
    document = Document(text=parsed.text, sections=parsed.sections, passages=parsed.passages, **base)
    return FileParse(source_id=doc_id, documents=(document,))


def _resolution_document(parsed: ParsedResolutionText, source_id: str, origin: dict[str, str] | None = None) -> Document:
    """A resolution's text as a document of its own, one passage per paragraph.

    ``origin`` (source_path, sha256, url, publisher, language) is given when the file is the
    resolution's own text; without it the text was quoted inside document ``source_id``.
    """
    registry = load_registry()
    facts: Resolution | None = registry.get(parsed.number)
    year = facts.year if facts else (parsed.adopted.year if parsed.adopted else None)
    symbol = facts.symbol if facts else f"S/RES/{parsed.number}" + (f" ({year})" if year else "")
    pillars = facts.pillars if facts else ()
    doc_id = f"resolution-{parsed.number}"
    heading = f"Resolution {parsed.number}" + (f" ({year})" if year else "")
    passages = []
    offset = 0
    for paragraph in parsed.paragraphs:
        operative = paragraph.kind == "operative"
        start, offset = offset, offset + len(paragraph.text) + 2
        passages.append(Passage(
            id=f"{doc_id}/{paragraph.anchor}",
            document_id=doc_id,
            anchor=paragraph.anchor,
            kind="resolution",
            role=paragraph.kind,
            title=paragraph_citation(symbol, paragraph.kind, paragraph.number),
            text=paragraph.text,
            section_path=(heading, "Operative paragraphs" if operative else "Preamble"),
            resolution=parsed.number,
            number=paragraph.number,
            year=year,
            pillars=pillars,
            start=start,
            end=start + len(paragraph.text),
        ))
    notes = tuple(parsed.notes)
    if facts and parsed.meeting and parsed.meeting != facts.meeting:
        notes += (f"text gives meeting {parsed.meeting}; the record says {facts.meeting}",)
    if facts and parsed.adopted and parsed.adopted != facts.adopted:
        notes += (f"text gives adoption on {parsed.adopted}; the record says {facts.adopted}",)
    return Document(
        id=doc_id,
        title=f"{symbol}: text",
        kind="resolution",
        source_path=(origin or {}).get("source_path", ""),
        sha256=(origin or {}).get("sha256", ""),
        text="\n\n".join(p.text for p in parsed.paragraphs),
        date=facts.adopted.isoformat() if facts else "",
        passages=tuple(passages),
        derived_from="" if origin else source_id,
        notes=notes,
        **{k: v for k, v in (origin or {}).items() if k in ("url", "publisher", "language") and v},
    )
