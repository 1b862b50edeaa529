"""View models: plain dicts shared by the HTML pages and their JSON twins.

Each function takes the knowledge base (and what the user asked for) and returns JSON-ready
data. With ``html=True`` the passage texts also come as safe HTML (``"html"`` keys) with
citation links and highlighted terms; the JSON API leaves them out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from flask_babel import gettext

from indexer.interface import definition_dict
from kb.citations import CitationKind, Mention
from kb.documents import Document, Passage
from kb.glossary import GlossaryTerm
from kb.knowledge_base import KnowledgeBase, passage_url
from kb.resolutions import Resolution
from webui import practice
from webui.links import LinkResolver, render_text, with_highlight

MAX_USAGES = 25
_ANNEX_TITLE = re.compile(r"annex\s+[a-z0-9]{1,4}\b", re.IGNORECASE)

_usage_cache: dict[int, tuple[KnowledgeBase, dict[str, list[Passage]]]] = {}


def resolution_summary(resolution: Resolution) -> dict[str, Any]:
    """One line of GET /api/resolutions (CONTRACT.md) plus vote, theme, pillars and text status."""
    return {
        "number": resolution.number,
        "symbol": resolution.symbol,
        "year": resolution.year,
        "adopted": resolution.adopted.isoformat(),
        "meeting": resolution.meeting,
        "title": resolution.title,
        "url": resolution.url,
        "vote": str(resolution.vote),
        "theme": resolution.theme,
        "pillars": list(resolution.pillars),
        "has_text": bool(resolution.paragraphs),
    }


def resolutions_index(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """All WPS resolutions in number order."""
    return [resolution_summary(r) for r in kb.resolutions.values()]


def mention_dict(mention: Mention, adopted_year: int) -> dict[str, Any]:
    """A passage elsewhere that refers to a resolution, with its year conflict spelled out."""
    note = (gettext("cited as %(cited_as)s; adopted %(year)s", cited_as=mention.cited_as, year=adopted_year)
            if mention.year_conflict else "")
    return {
        "document": mention.document_id,
        "document_title": mention.document_title,
        "passage": mention.passage_id,
        "url": mention.url,
        "cited_as": mention.cited_as,
        "year": mention.year,
        "year_conflict": mention.year_conflict,
        "note": note,
        "excerpt": mention.excerpt,
    }


def resolution_detail(
    kb: KnowledgeBase, number: int, *, terms: tuple[str, ...] = (), html: bool = False
) -> dict[str, Any] | None:
    """GET /api/resolutions/N: facts, overview, paragraphs, cites, cited_by and mentions."""
    resolution = kb.resolutions.get(number)
    if resolution is None:
        return None
    passages = {p.anchor: p for p in kb.resolution_passages(number)}
    resolver = LinkResolver(kb) if html else None
    paragraphs = []
    for paragraph in resolution.paragraphs:
        passage = passages.get(paragraph.anchor)
        item: dict[str, Any] = {
            "kind": paragraph.kind,
            "number": paragraph.number,
            "text": paragraph.text,
            "anchor": paragraph.anchor,
            "citation": paragraph_citation(resolution, paragraph.kind, paragraph.number),
            "id": passage.id if passage is not None else None,
            "practice": practice.practice_for(kb, number, paragraph.number) if paragraph.kind == "operative" else [],
        }
        if resolver is not None:
            citations = passage.citations if passage is not None and passage.text == paragraph.text else ()
            item["html"] = render_text(
                paragraph.text, citations, resolver,
                document_id=passage.document_id if passage else "", terms=terms, id_prefix=paragraph.anchor,
            )
        paragraphs.append(item)
    source = kb.document(resolution.text_source) if resolution.text_source else None
    detail = resolution_summary(resolution)
    detail.update(
        overview=resolution.overview,
        text_source=({"id": source.id, "title": source.title, "url": f"/documents/{source.id}",
                      "language": source.language}
                     if source else None),
        paragraphs=paragraphs,
        cites=kb.cites(number),
        cited_by=kb.cited_by(number),
        mentions=[mention_dict(m, resolution.year) for m in kb.mentions(number)],
    )
    return detail


def paragraph_citation(resolution: Resolution, kind: str, number: int | None) -> str:
    """"S/RES/1325 (2000), para. 8", or "..., preambular para. 3" for the preamble (in French on French pages)."""
    if not number:
        return resolution.symbol
    if kind == "operative":
        return gettext("%(symbol)s, para. %(number)s", symbol=resolution.symbol, number=number)
    return gettext("%(symbol)s, preambular para. %(number)s", symbol=resolution.symbol, number=number)


def term_usages(kb: KnowledgeBase, slug: str) -> list[Passage]:
    """Passages whose glossary citations point at ``slug`` (the definition itself excluded)."""
    cached = _usage_cache.get(id(kb))
    if cached is None or cached[0] is not kb:
        usage: dict[str, list[Passage]] = defaultdict(list)
        for passage in kb.passages():
            slugs = {c.target for c in passage.citations if CitationKind(c.kind) == CitationKind.GLOSSARY}
            for target in slugs:
                usage[target].append(passage)
        _usage_cache.clear()
        _usage_cache[id(kb)] = cached = (kb, dict(usage))
    term = kb.glossary.by_slug(slug)
    own = term.passage_id if term else ""
    return [p for p in cached[1].get(slug, []) if p.id != own]


def define_dict(kb: KnowledgeBase, term: GlossaryTerm) -> dict[str, Any]:
    """GET /api/define (CONTRACT.md): the entry, with see-also names and links."""
    return definition_dict(term, kb.glossary)


def glossary_index(kb: KnowledgeBase) -> dict[str, Any]:
    """Every term, grouped A-Z."""
    letters: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for term in kb.glossary:
        first = term.term[:1].upper()
        letter = first if first.isalpha() else "#"
        letters[letter].append({
            "term": term.term, "slug": term.slug, "acronym": term.acronym,
            "url": f"/glossary/{term.slug}", "summary": _shorten(term.definition, 140),
        })
    return {
        "count": len(kb.glossary),
        "letters": [{"letter": k, "terms": v} for k, v in sorted(letters.items())],
        "alphabet": [{"letter": c, "present": c in letters} for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
    }


def glossary_entry(
    kb: KnowledgeBase, slug: str, *, terms: tuple[str, ...] = (), html: bool = False
) -> dict[str, Any] | None:
    """GET /api/glossary/<slug>: the definition plus the passages that use the term."""
    term = kb.glossary.by_slug(slug)
    if term is None:
        return None
    entry = define_dict(kb, term)
    definition_passage = kb.passage(term.passage_id) if term.passage_id else None
    resolver = LinkResolver(kb) if html else None
    if resolver is not None:
        citations = definition_passage.citations if definition_passage and definition_passage.text == term.definition else ()
        entry["html"] = render_text(term.definition, citations, resolver, terms=terms,
                                    id_prefix="def", skip_term=term.slug)
    document = kb.document(term.document_id) if term.document_id else None
    entry["document_title"] = document.title if document else ""
    entry["passage"] = term.passage_id
    entry["in_context"] = (f"/documents/{definition_passage.document_id}#{definition_passage.anchor}"
                           if definition_passage else "")
    usages = term_usages(kb, slug)
    entry["used_in_total"] = len(usages)
    entry["used_in"] = []
    for passage in usages[:MAX_USAGES]:
        item = passage_dict(kb, passage, resolver=resolver, terms=terms, snippet=True)
        item["link"] = with_highlight(item["url"], term.term)
        entry["used_in"].append(item)
    return entry


def passage_dict(
    kb: KnowledgeBase, passage: Passage, *, resolver: LinkResolver | None = None,
    terms: tuple[str, ...] = (), snippet: bool = False,
) -> dict[str, Any]:
    """A passage as listed on a page: where it is, what it says."""
    document = kb.document(passage.document_id)
    item: dict[str, Any] = {
        "id": passage.id,
        "anchor": passage.anchor,
        "title": passage.title,
        "kind": passage.kind,
        "role": passage.role,
        "number": passage.number,
        "document": passage.document_id,
        "document_title": document.title if document else passage.document_id,
        "section": list(passage.section_path),
        "url": passage_url(passage),
        "text": _shorten(passage.text, 400) if snippet else passage.text,
    }
    if resolver is not None and not snippet:
        item["html"] = render_text(passage.text, passage.citations, resolver, document_id=passage.document_id,
                                   terms=terms, id_prefix=passage.anchor)
    return item


def document_summary(document: Document) -> dict[str, Any]:
    """A document's provenance: what it is, who published it, where it came from."""
    return {
        "id": document.id,
        "title": document.title,
        "kind": document.kind,
        "publisher": document.publisher,
        "date": document.date,
        "source_url": document.url,
        "file": document.source_path,
        "sha256": document.sha256,
        "language": document.language,
        "derived_from": document.derived_from,
        "notes": list(document.notes),
        "passages": len(document.passages),
        "sections": len(document.sections),
        "url": f"/documents/{document.id}",
    }


def documents_index(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every document, sorted by title."""
    return [document_summary(d) for d in sorted(kb.documents, key=lambda d: d.title.lower())]


def document_detail(
    kb: KnowledgeBase, document_id: str, *, terms: tuple[str, ...] = (), html: bool = False
) -> dict[str, Any] | None:
    """GET /api/documents/<id>: provenance, outline (annexes apart) and passages in order.

    ``blocks`` interleaves the section headings with the passages, as a reader sees them.
    """
    document = kb.document(document_id)
    if document is None:
        return None
    resolver = LinkResolver(kb) if html else None
    by_path = {s.path: s for s in document.sections}
    toc = [{"anchor": s.anchor, "title": s.title, "level": s.level} for s in document.sections]
    annexes = [entry for entry in toc if _ANNEX_TITLE.match(entry["title"].strip())]
    blocks: list[dict[str, Any]] = []
    shown: tuple[str, ...] = ()
    for passage in document.passages:
        path = passage.section_path
        if path != shown:
            # Headings for every level of the new path that differs from what is on screen.
            common = 0
            while common < min(len(path), len(shown)) and path[common] == shown[common]:
                common += 1
            for depth in range(common, len(path)):
                section = by_path.get(path[: depth + 1])
                blocks.append({
                    "type": "heading", "title": path[depth], "level": min(depth + 2, 6),
                    "anchor": section.anchor if section else None,
                    "implements": practice.implements_target(kb, document.id, section.anchor if section else None),
                })
            shown = path
        item = passage_dict(kb, passage, resolver=resolver, terms=terms)
        item["type"] = "passage"
        item["implements"] = practice.implements(kb, passage.id)
        item["footnotes"] = [{"number": f.number, "text": f.text} for f in passage.footnotes]
        blocks.append(item)
    detail = document_summary(document)
    detail.update(toc=toc, annexes=annexes, blocks=blocks)
    return detail


def about(kb: KnowledgeBase) -> dict[str, Any]:
    """The corpus: each document's provenance, files skipped with reasons, when the index was built."""
    return {
        "built_at": kb.built_at,
        "documents": documents_index(kb),
        "skipped": [{"file": f, "reason": r} for f, r in kb.skipped],
        "counts": health(kb),
    }


def health(kb: KnowledgeBase) -> dict[str, Any]:
    """GET /healthz."""
    return {"status": "ok", "documents": len(kb.documents), "passages": len(kb.passages()),
            "glossary": len(kb.glossary), "built_at": kb.built_at}


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
