"""The knowledge base: documents, resolutions and glossary, and the links between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from kb.citations import CitationKind, Mention
from kb.documents import Document, Passage
from kb.glossary import Glossary
from kb.resolutions import Resolution

RESOLUTION_TEXT_ROLES = ("preambular", "operative")


def passage_url(passage: Passage) -> str:
    """Where a passage is shown: its resolution page, its glossary page or its document."""
    if passage.kind == "resolution" and passage.resolution and passage.role in RESOLUTION_TEXT_ROLES:
        return f"/resolutions/{passage.resolution}#{passage.anchor}"
    if passage.kind == "glossary" and passage.role == "definition":
        return f"/glossary/{passage.anchor}"
    return f"/documents/{passage.document_id}#{passage.anchor}"


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the index was built from, as plain objects."""

    documents: tuple[Document, ...]
    resolutions: dict[int, Resolution]
    glossary: Glossary = field(default_factory=lambda: Glossary(()))
    built_at: str = ""  # ISO timestamp of the build
    skipped: tuple[tuple[str, str], ...] = ()  # (file, reason) for files that could not be read

    @cached_property
    def _passages(self) -> dict[str, Passage]:
        return {p.id: p for d in self.documents for p in d.passages}

    @cached_property
    def _documents(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def passages(self) -> list[Passage]:
        """Every passage of every document, in document order."""
        return list(self._passages.values())

    def passage(self, passage_id: str) -> Passage | None:
        """The passage with this id, or None."""
        return self._passages.get(passage_id)

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or None."""
        return self._documents.get(document_id)

    def resolution_passages(self, number: int) -> list[Passage]:
        """The passages that make up resolution ``number``'s own text."""
        return [
            p for p in self._passages.values()
            if p.resolution == number and p.kind == "resolution" and p.role in RESOLUTION_TEXT_ROLES
        ]

    @cached_property
    def _citation_graph(self) -> tuple[dict[int, set[int]], dict[int, set[int]], dict[int, list[Mention]]]:
        cites: dict[int, set[int]] = defaultdict(set)
        cited_by: dict[int, set[int]] = defaultdict(set)
        mentions: dict[int, list[Mention]] = defaultdict(list)
        for passage in self._passages.values():
            own = passage.resolution if passage.role in RESOLUTION_TEXT_ROLES else None
            for citation in passage.citations:
                if citation.kind != CitationKind.RESOLUTION or citation.number is None:
                    continue
                number = citation.number
                if own is not None and number != own:
                    cites[own].add(number)
                    cited_by[number].add(own)
                if number == own or number not in self.resolutions:
                    continue
                adopted = self.resolutions[number].year
                document = self._documents.get(passage.document_id)
                mentions[number].append(
                    Mention(
                        resolution=number,
                        passage_id=passage.id,
                        document_id=passage.document_id,
                        document_title=document.title if document else passage.document_id,
                        url=passage_url(passage),
                        cited_as=citation.text,
                        year=citation.year,
                        year_conflict=citation.year is not None and citation.year != adopted,
                        excerpt=_excerpt(passage.text, citation.start, citation.end),
                    )
                )
        return cites, cited_by, mentions

    def cites(self, number: int) -> list[int]:
        """Resolution numbers that resolution ``number``'s text cites."""
        return sorted(self._citation_graph[0].get(number, ()))

    def cited_by(self, number: int) -> list[int]:
        """Resolutions whose text cites resolution ``number``."""
        return sorted(self._citation_graph[1].get(number, ()))

    def mentions(self, number: int) -> list[Mention]:
        """Passages outside resolution ``number``'s own text that refer to it."""
        return list(self._citation_graph[2].get(number, ()))

    def year_conflicts(self) -> list[Mention]:
        """Every mention whose cited year is not the resolution's year of adoption."""
        return [m for ms in self._citation_graph[2].values() for m in ms if m.year_conflict]


def _excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")
