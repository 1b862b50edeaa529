"""Mandate-to-practice links as view dicts, both ways.

Forward, under an operative paragraph of a resolution page: the guide sections and
checklists that put it into practice (:func:`practice_dict`). Backward, on a guide's page:
the operative paragraphs a section, checklist or passage puts into practice
(:func:`mandate_dict`). Both come from the links the index build stored in the knowledge
base (``kb.practice``); nothing is computed here.
"""

from __future__ import annotations

from typing import Any

from kb.knowledge_base import KnowledgeBase
from kb.practice import PracticeLink


def practice_dict(kb: KnowledgeBase, link: PracticeLink) -> dict[str, Any]:
    """A guide section or checklist that puts a paragraph into practice, with the reason."""
    document = kb.document(link.document_id)
    return {
        "title": link.title,
        "kind": link.kind,
        "document": link.document_id,
        "document_title": document.title if document else link.document_id,
        "section": list(link.section_path),
        "url": link.url,
        "score": link.score,
        "shared_terms": list(link.shared_terms),
        "passages": list(link.passage_ids),
    }


def mandate_dict(kb: KnowledgeBase, link: PracticeLink) -> dict[str, Any]:
    """An operative paragraph a guide section or checklist puts into practice."""
    resolution = kb.resolutions.get(link.resolution)
    symbol = resolution.symbol if resolution else f"S/RES/{link.resolution}"
    return {
        "resolution": link.resolution,
        "symbol": symbol,
        "paragraph": link.paragraph,
        "citation": f"{symbol}, para. {link.paragraph}",
        "url": link.paragraph_url,
        "score": link.score,
        "shared_terms": list(link.shared_terms),
    }


def practice_for(kb: KnowledgeBase, resolution: int, paragraph: int | None) -> list[dict[str, Any]]:
    """The ``"practice"`` list of an operative paragraph, closest first."""
    if paragraph is None:
        return []
    return [practice_dict(kb, link) for link in kb.practice_for(resolution, paragraph)]


def implements(kb: KnowledgeBase, passage_id: str) -> list[dict[str, Any]]:
    """The ``"implements"`` list of a passage: paragraphs whose links rest on its text."""
    return [mandate_dict(kb, link) for link in kb.mandates_for(passage_id)]


def implements_target(kb: KnowledgeBase, document_id: str, anchor: str | None) -> list[dict[str, Any]]:
    """The ``"implements"`` list of a section heading: paragraphs linked to that section."""
    if not anchor:
        return []
    return [mandate_dict(kb, link) for link in kb.mandates_for_target(document_id, anchor)]
