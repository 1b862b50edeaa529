"""The offline pack's search data: every passage, the glossary and the resolutions, as one JSON object.

The idea: the browser does the searching (MiniSearch, ``webui/static/offline-search.js``), so
the pack ships what it needs to rank and to answer: the passages (id, title, type, url, text
and where they sit), every name a glossary term answers to (so ``SEA`` finds its definition)
and each resolution's paragraphs by anchor (so ``1325 op 8`` goes to the paragraph). URLs are
pack files relative to the pack root, where the search page lives.

Browsers refuse ``fetch()`` of a file next to a ``file://`` page, so the same object is also
written as a script that assigns ``window.WPSKB_INDEX``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from kb.documents import Passage
from kb.glossary import GlossaryTerm
from kb.knowledge_base import KnowledgeBase, passage_url
from webui.offline.site_map import SiteMap, relative_href

FORMAT = "wpskb-offline-search"
VERSION = 1
GLOBAL_NAME = "WPSKB_INDEX"


def pack_url(site: SiteMap, url: str) -> str:
    """A site address as a link from the pack root (the fragment kept); '' when the pack has no file for it."""
    parts = urlsplit(url)
    file = site.file_for(parts.path)
    if file is None:
        return ""
    href = relative_href(file, "")
    return f"{href}#{parts.fragment}" if parts.fragment else href


def _passage_entry(kb: KnowledgeBase, site: SiteMap, passage: Passage,
                   names: dict[str, GlossaryTerm]) -> dict[str, Any]:
    document = kb.document(passage.document_id)
    term = names.get(passage.id)
    document_title = document.title if document else passage.document_id
    return {
        "id": passage.id,
        "title": passage.title,
        "type": passage.kind,
        # A passage whose own page the pack lacks is shown where its document has it.
        "url": (pack_url(site, passage_url(passage))
                or pack_url(site, f"/documents/{passage.document_id}#{passage.anchor}")),
        "text": passage.text,
        "document": document_title,
        "section": [s for s in passage.section_path if s != document_title],
        "role": passage.role,
        "resolution": passage.resolution,
        "number": passage.number,
        "names": list(term.names) if term else [],
    }


def _glossary_entry(site: SiteMap, term: GlossaryTerm) -> dict[str, Any]:
    return {
        "term": term.term,
        "slug": term.slug,
        "acronym": term.acronym,
        "names": list(term.names),
        "definition": term.definition,
        "source": term.source,
        "url": pack_url(site, f"/glossary/{term.slug}"),
        "passage": term.passage_id,
    }


def _resolution_entry(site: SiteMap, kb: KnowledgeBase, number: int) -> dict[str, Any]:
    resolution = kb.resolutions[number]
    page = pack_url(site, resolution.url)
    return {
        "number": number,
        "symbol": resolution.symbol,
        "title": resolution.title,
        "year": resolution.year,
        "adopted": resolution.adopted.isoformat(),
        "theme": resolution.theme,
        "url": page,
        "paragraphs": [
            {
                "anchor": p.anchor, "kind": p.kind, "number": p.number, "text": p.text,
                "citation": resolution.citation(p.number) if p.kind == "operative" else
                f"{resolution.symbol}, preambular para. {p.number}",
                "url": f"{page}#{p.anchor}",
            }
            for p in resolution.paragraphs
        ],
    }


def build_search_index(kb: KnowledgeBase, site: SiteMap) -> dict[str, Any]:
    """The pack's search data (a passage whose document has no page either is left out)."""
    names = {t.passage_id: t for t in kb.glossary if t.passage_id}
    passages = [_passage_entry(kb, site, p, names) for p in kb.passages()]
    return {
        "format": FORMAT,
        "version": VERSION,
        "built_at": kb.built_at,
        "passages": [p for p in passages if p["url"]],
        "glossary": [_glossary_entry(site, t) for t in kb.glossary],
        "resolutions": [_resolution_entry(site, kb, n) for n in kb.resolutions],
    }


def index_json(index: dict[str, Any]) -> str:
    """The index as compact JSON (UTF-8 text, not ASCII-escaped: smaller on a phone)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def index_script(index: dict[str, Any]) -> str:
    """The index as a script that assigns ``window.WPSKB_INDEX``, loadable from ``file://``."""
    # JSON is valid JavaScript; "<" is escaped so no text can close a script element that inlines this file.
    body = index_json(index).replace("<", "\\u003c")
    return f"window.{GLOBAL_NAME} = {body};\n"
