"""The search interface: a query object in, a results object out.

The web layer and the command line only ever see these types; the Whoosh engine
(``indexer.engine``) is one implementation, and another backend could be added beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kb.glossary import Glossary, GlossaryTerm
from kb.knowledge_base import KnowledgeBase

# Filters a search accepts, in the order facets are shown.
FILTER_FIELDS: tuple[str, ...] = ("type", "resolution", "year", "pillar", "document")

MAX_LIMIT = 100


class QueryError(ValueError):
    """A query the engine refuses, with a message fit to show the user (HTTP 400)."""


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked for."""

    text: str
    limit: int = 10
    page: int = 1
    filters: tuple[tuple[str, str], ...] = ()  # (field, value) pairs; one field may repeat

    def filter_values(self, name: str) -> tuple[str, ...]:
        """The values given for filter ``name``."""
        return tuple(v for k, v in self.filters if k == name)


@dataclass(frozen=True)
class SearchHit:
    """One ranked passage."""

    id: str
    title: str
    type: str  # the passage's kind: resolution, glossary, guide, convention, ...
    role: str  # operative, definition, checklist, paragraph, ...
    document: str  # document id
    document_title: str
    url: str
    snippet: str  # escaped HTML with <mark> around matches
    text: str
    score: float
    section_path: tuple[str, ...] = ()
    resolution: int | None = None
    number: int | None = None

    def to_dict(self) -> dict:
        """The hit as the JSON API shows it."""
        return {
            "id": self.id,
            "title": self.title,
            "type": self.type,
            "role": self.role,
            "document": self.document,
            "document_title": self.document_title,
            "url": self.url,
            "snippet": self.snippet,
            "text": self.text,
            "score": round(self.score, 3),
            "section": list(self.section_path),
            "resolution": self.resolution,
            "number": self.number,
        }


@dataclass(frozen=True)
class Answer:
    """The card shown above the results: a definition, a resolution or a paragraph asked for."""

    kind: str  # "definition" | "resolution" | "paragraph"
    title: str
    text: str
    url: str
    source: str = ""


@dataclass(frozen=True)
class SearchResults:
    """What a search found."""

    query: SearchQuery
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None
    took_ms: float = 0.0
    answer: Answer | None = None
    timed_out: bool = False  # the time limit cut the search short: these are the results found by then

    @property
    def pages(self) -> int:
        """How many pages of ``query.limit`` results there are."""
        return max(1, -(-self.total // max(1, self.query.limit)))

    def to_dict(self) -> dict:
        """The results as GET /api/search returns them (CONTRACT.md)."""
        return {
            "query": self.query.text,
            "total": self.total,
            "page": self.query.page,
            "limit": self.query.limit,
            "took_ms": round(self.took_ms, 2),
            "timed_out": self.timed_out,
            "suggestion": self.suggestion,
            "filters": {k: list(self.query.filter_values(k)) for k in FILTER_FIELDS if self.query.filter_values(k)},
            "facets": self.facets,
            "answer": None if self.answer is None else {
                "kind": self.answer.kind, "title": self.answer.title, "text": self.answer.text,
                "url": self.answer.url, "source": self.answer.source,
            },
            "results": [h.to_dict() for h in self.hits],
        }


class SearchBackend(Protocol):
    """What the web layer and the command line need from a search engine."""

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base the current index was built from."""
        ...

    def search(self, query: SearchQuery) -> SearchResults:
        """Ranked passages for ``query``; raises :class:`QueryError` for a query it refuses."""
        ...

    def define(self, term: str) -> GlossaryTerm | None:
        """The glossary entry for ``term`` (case, plural, acronym or expansion), or None."""
        ...

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions for a search box: glossary terms, resolution numbers, headings."""
        ...

    def refresh(self) -> bool:
        """Pick up a newer index if one was swapped in; True when it did."""
        ...

    def original_file(self, document_id: str) -> Path | None:
        """The document's original file inside the served build, or None (unknown, derived, missing)."""
        ...


def definition_dict(term: GlossaryTerm, glossary: Glossary) -> dict:
    """A glossary entry as GET /api/define and `wpskb define --json` return it (CONTRACT.md)."""
    related = [t for t in (glossary.by_slug(s) for s in term.see_also) if t is not None]
    return {
        "term": term.term,
        "slug": term.slug,
        "acronym": term.acronym,
        "aliases": list(term.aliases),
        "definition": term.definition,
        "source": term.source,
        "url": f"/glossary/{term.slug}",
        "see_also": [t.term for t in related],
        "see_also_links": [{"term": t.term, "url": f"/glossary/{t.slug}"} for t in related],
        "document": term.document_id,
    }
