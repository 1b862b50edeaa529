"""The knowledge base: documents, resolutions and glossary, and the links between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from kb.citations import CitationKind, Mention
from kb.documents import Document, Passage
from kb.glossary import Glossary
from kb.practice import PracticeLink
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
    practice_links: tuple[PracticeLink, ...] = ()  # operative paragraph -> guide section/checklist

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


    @cached_property
    def _practice_maps(self) -> tuple[dict, dict, dict]:
        forward: dict[tuple[int, int], list[PracticeLink]] = defaultdict(list)
        by_passage: dict[str, list[PracticeLink]] = defaultdict(list)
        by_target: dict[tuple[str, str], list[PracticeLink]] = defaultdict(list)
        for link in self.practice_links:
            forward[(link.resolution, link.paragraph)].append(link)
            for passage_id in link.passage_ids:
                by_passage[passage_id].append(link)
            by_target[(link.document_id, link.anchor)].append(link)
        for links in forward.values():
            links.sort(key=lambda link: -link.score)
        for links in (*by_passage.values(), *by_target.values()):
            links.sort(key=lambda link: (link.resolution, link.paragraph))
        return forward, by_passage, by_target

    def practice_for(self, resolution: int, paragraph: int) -> list[PracticeLink]:
        """The guide sections and checklists that put operative paragraph ``paragraph`` into practice, closest first."""
        return list(self._practice_maps[0].get((resolution, paragraph), ()))

    def mandates_for(self, passage_id: str) -> list[PracticeLink]:
        """The links whose matching text includes passage ``passage_id``, in resolution and paragraph order."""
        return list(self._practice_maps[1].get(passage_id, ()))

    def mandates_for_target(self, document_id: str, anchor: str) -> list[PracticeLink]:
        """The links that point at section or checklist ``anchor`` of ``document_id``, in paragraph order."""
        return list(self._practice_maps[2].get((document_id, anchor), ()))


def _excerpt(text: str, start: int, end: int, width: int = 90) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")
