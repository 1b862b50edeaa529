"""A tiny knowledge base and in-memory backend for web-layer tests that must not depend on the index.

Built from the real ``kb`` dataclasses, so the views and link rendering see exactly the
shapes the indexer produces.
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.interface import Answer, QueryError, SearchHit, SearchQuery, SearchResults
from kb.citations import Citation, CitationKind
from kb.documents import Document, Passage, Section
from kb.glossary import Glossary, GlossaryTerm
from kb.knowledge_base import KnowledgeBase, passage_url
from kb.resolutions import ResolutionParagraph, load_registry, with_text


def cite(text: str, fragment: str, kind: CitationKind, target: str, **extra) -> Citation:
    """A citation of ``fragment``'s first occurrence in ``text``."""
    start = text.index(fragment)
    return Citation(kind=kind, target=target, text=fragment, start=start, end=start + len(fragment), **extra)


GENDER_DEF = "Gender refers to the socially constructed roles and characteristics of women and men."
GUIDE_P1 = "Resolution 1820 (2009) builds on resolution 1325; see Annex B. Gender is central to <policing>."
GUIDE_P2 = "Article 1 of the Charter and CEDAW both matter."
OP1_1325 = "Urges Member States to ensure increased representation of women at all decision-making levels."
OP1_1820 = "Stresses that sexual violence, recalling resolution 1325 (2000), can constitute a war crime."


def make_kb() -> KnowledgeBase:
    """Guide + Charter documents, resolutions 1325 and 1820 with one paragraph each, one glossary term."""
    guide_passages = (
        Passage(id="guide/intro-p1", document_id="guide", anchor="intro-p1", kind="guide", role="paragraph",
                title="Introduction", text=GUIDE_P1, section_path=("Introduction",),
                citations=(
                    cite(GUIDE_P1, "Resolution 1820 (2009)", CitationKind.RESOLUTION, "1820", number=1820, year=2009),
                    cite(GUIDE_P1, "1325", CitationKind.RESOLUTION, "1325", number=1325),
                    cite(GUIDE_P1, "Annex B", CitationKind.ANNEX, "annex-b"),
                    cite(GUIDE_P1, "Gender", CitationKind.GLOSSARY, "gender"),
                )),
        Passage(id="guide/gender", document_id="guide", anchor="gender", kind="glossary", role="definition",
                title="Gender (definition)", text=GENDER_DEF, section_path=("Annex A – Glossary",)),
        Passage(id="guide/annex-b-p1", document_id="guide", anchor="annex-b-p1", kind="guide", role="paragraph",
                title="Annex B", text=GUIDE_P2, section_path=("Annex B – Resolutions", "Overview"),
                citations=(
                    cite(GUIDE_P2, "Article 1 of the Charter", CitationKind.ARTICLE, "charter:1", number=1),
                    cite(GUIDE_P2, "CEDAW", CitationKind.INSTRUMENT, "cedaw"),
                )),
    )
    guide = Document(
        id="guide", title="Gender equality and WPS: a guide for police", kind="guide", source_path="guide.txt",
        sha256="0" * 64, publisher="The WPS Group", date="2019-04",
        sections=(
            Section(anchor="introduction", title="Introduction", level=1, path=("Introduction",)),
            Section(anchor="annex-a", title="Annex A – Glossary", level=1, path=("Annex A – Glossary",)),
            Section(anchor="annex-b", title="Annex B – Resolutions", level=1, path=("Annex B – Resolutions",)),
            Section(anchor="annex-b-overview", title="Overview", level=2,
                    path=("Annex B – Resolutions", "Overview")),
        ),
        passages=guide_passages,
    )
    charter = Document(
        id="un-charter-en", title="Charter of the United Nations", kind="charter", source_path="charter.txt",
        sha256="1" * 64,
        passages=(Passage(id="un-charter-en/art-1", document_id="un-charter-en", anchor="art-1", kind="charter",
                          role="article", title="Article 1", text="The Purposes of the United Nations are:",
                          number=1),),
    )
    resolution_passages = (
        Passage(id="res-1325/op1", document_id="res-1325", anchor="op1", kind="resolution", role="operative",
                title="S/RES/1325 (2000), para. 1", text=OP1_1325, resolution=1325, number=1, year=2000),
        Passage(id="res-1820/op1", document_id="res-1820", anchor="op1", kind="resolution", role="operative",
                title="S/RES/1820 (2008), para. 1", text=OP1_1820, resolution=1820, number=1, year=2008,
                citations=(cite(OP1_1820, "resolution 1325 (2000)", CitationKind.RESOLUTION, "1325",
                                number=1325, year=2000),)),
    )
    documents = (
        guide, charter,
        Document(id="res-1325", title="Resolution 1325 (2000)", kind="resolution", source_path="1325.txt",
                 sha256="2" * 64, passages=resolution_passages[:1]),
        Document(id="res-1820", title="Resolution 1820 (2008)", kind="resolution", source_path="1820.txt",
                 sha256="3" * 64, passages=resolution_passages[1:]),
    )
    registry = load_registry()
    registry[1325] = replace(
        with_text(registry[1325], (ResolutionParagraph("operative", 1, OP1_1325, "op1"),), "res-1325"),
        overview="The first resolution on women, peace and security.")
    registry[1820] = with_text(registry[1820], (ResolutionParagraph("operative", 1, OP1_1820, "op1"),), "res-1820")
    glossary = Glossary([GlossaryTerm(term="Gender", slug="gender", definition=GENDER_DEF, source="Annex A",
                                      document_id="guide", passage_id="guide/gender")])
    return KnowledgeBase(documents=documents, resolutions=registry, glossary=glossary,
                         built_at="2026-01-01T00:00:00+00:00", skipped=(("broken.pdf", "corrupt-pdf"),))


class FakeBackend:
    """Substring search over :func:`make_kb`: enough to drive the pages and the API."""

    def __init__(self) -> None:
        self._kb = make_kb()
        self.refreshed = 0

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb

    def search(self, query: SearchQuery) -> SearchResults:
        if query.text.strip() == "((":
            raise QueryError("unbalanced parentheses")
        words = [w for w in re.findall(r"\w+", query.text.lower())]
        hits = []
        for passage in self._kb.passages():
            if words and all(w in passage.text.lower() for w in words):
                if query.filter_values("type") and passage.kind not in query.filter_values("type"):
                    continue
                document = self._kb.document(passage.document_id)
                hits.append(SearchHit(
                    id=passage.id, title=passage.title, type=passage.kind, role=passage.role,
                    document=passage.document_id, document_title=document.title if document else "",
                    url=passage_url(passage), snippet=passage.text.replace("<", "&lt;").replace(">", "&gt;"),
                    text=passage.text, score=1.0, section_path=passage.section_path))
        facets = {"type": {}}
        for hit in hits:
            facets["type"][hit.type] = facets["type"].get(hit.type, 0) + 1
        start = (query.page - 1) * query.limit
        answer = None
        term = self.define(query.text)
        if term is not None:
            answer = Answer(kind="definition", title=term.term, text=term.definition,
                            url=f"/glossary/{term.slug}", source=term.source)
        return SearchResults(query=query, total=len(hits), hits=tuple(hits[start:start + query.limit]),
                             facets=facets, suggestion="gender" if query.text == "gendr" else None,
                             took_ms=0.5, answer=answer)

    def define(self, term: str) -> GlossaryTerm | None:
        return self._kb.glossary.lookup(term)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        return [t.term for t in self._kb.glossary if t.term.lower().startswith(prefix.lower())][:limit]

    def refresh(self) -> bool:
        self.refreshed += 1
        return False

    def original_file(self, document_id: str):
        return None  # the tiny corpus has no files
