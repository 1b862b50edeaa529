"""A small knowledge base of real ``kb`` objects for engine and index tests (no parsing involved)."""

from __future__ import annotations

from dataclasses import replace

from kb.documents import Document, Passage, Section
from kb.glossary import Glossary, GlossaryTerm, slugify
from kb.knowledge_base import KnowledgeBase
from kb.resolutions import load_registry

DEFINITIONS = [
    ("Gender", "", (), "Gender refers to the socially constructed roles and characteristics assigned to men and women."),
    ("Gender-based violence", "GBV", (), "Gender-based violence (GBV) is an umbrella term for any harmful act that is "
     "perpetrated against a person's will and that is based on socially ascribed differences."),
    ("Sexual Exploitation and Abuse", "SEA", (), "Sexual Exploitation and Abuse (SEA) refers to any actual or attempted "
     "abuse of a position of vulnerability, differential power, or trust, for sexual purposes."),
    ("Gender roles", "", (), "Gender roles are the behaviours, tasks and responsibilities that a society considers "
     "appropriate for women, men, girls and boys."),
    ("Trans or transgender", "", ("Trans", "transgender"), "Trans or transgender is an umbrella term that refers to "
     "people with diverse gender identities and expressions."),
    ("Sexual violence", "", (), "Sexual violence refers to any sexual act, attempt to obtain a sexual act, unwanted "
     "sexual comments or advances, using coercion. It is a form of gender-based violence."),
]

GUIDE = [
    ("Challenging resistance", "Here are statements that show different types of resistance to working on gender "
     "issues: \u201cThere is no money in the budget to focus on gender.\u201d"),
    ("Challenging resistance", "Resistance at the institutional, cultural and individual levels is common when "
     "promoting gender equality in any organisation."),
    ("Challenging resistance", "Gender equality is resisted in many missions; gender work needs patience."),
    ("Police organisations", "Police organisations should be centred on the community and its behaviour."),
    ("Deployment", "A Rwandan peacekeeper from the Formed Police Unit (FPU) speaks to residents while patrolling."),
    ("Deployment", "Members of the FPU patrol the camps of internally displaced persons every night."),
    ("Training", "The first training was held in June 2011 in Manila, Philippines, on sexual violence investigation."),
    ("Training", "Integrate HIV/AIDS awareness training into police training programmes before deployment."),
    ("Security", "The security of women is one of the most reliable indicators of the peacefulness of a state."),
    ("Unsafe", "A passage that quotes <script>alert('x')</script> as text about gender mainstreaming."),
    ("Numbers", "Resolution 1888 (2009) established a Special Representative on sexual violence in conflict."),
]
SHARED_SENTENCE = "Women and girls are often deprived of equal access to resources and decision-making."


def _definition_document() -> tuple[Document, list[GlossaryTerm]]:
    passages, terms = [], []
    for term, acronym, aliases, text in DEFINITIONS:
        slug = slugify(term)
        pid = f"glossary/{slug}"
        passages.append(Passage(id=pid, document_id="glossary", anchor=slug, kind="glossary", role="definition",
                                title=f"{term} (definition)", text=text, section_path=("Annex A",)))
        terms.append(GlossaryTerm(term=term, slug=slug, definition=text, source="Annex A", acronym=acronym,
                                  aliases=aliases, document_id="glossary", passage_id=pid))
    return Document(id="glossary", title="Terms and definitions", kind="glossary", source_path="glossary.md",
                    sha256="g", passages=tuple(passages)), terms


def _resolution_document() -> Document:
    ops = {
        1: "Urges Member States to ensure increased representation of women at all decision-making levels.",
        3: "Urges the Secretary-General to appoint more women as special representatives and envoys.",
        8: "Calls on all actors involved, when negotiating and implementing peace agreements, to adopt a gender "
           "perspective.",
        12: "Calls upon all parties to armed conflict to respect the civilian and humanitarian character of refugee "
            "camps and settlements.",
    }
    passages = [
        Passage(id=f"res-1325/op{n}", document_id="res-1325", anchor=f"op{n}", kind="resolution", role="operative",
                title=f"S/RES/1325 (2000), para. {n}", text=text, resolution=1325, number=n, year=2000,
                pillars=("participation",))
        for n, text in ops.items()
    ]
    return Document(id="res-1325", title="Resolution 1325 (2000)", kind="resolution", source_path="1325.txt",
                    sha256="r", date="2000-10-31", passages=tuple(passages))


def _guide_document() -> Document:
    overviews = [
        (1325, "1325 (2000): Affirms the importance of the participation of women in peace negotiations."),
        (1888, "1888 (2009): Strengthens efforts to end sexual violence in conflict by establishing a Special "
               "Representative."),
        (2122, "2122 (2013): Addresses persistent gaps in implementing the WPS agenda."),
    ]
    passages = [
        Passage(id=f"guide/annex-b-{n}", document_id="guide", anchor=f"annex-b-{n}", kind="guide", role="overview",
                title=f"Resolution {n} overview", text=text, section_path=("Annex B",), resolution=n)
        for n, text in overviews
    ]
    for i, (section, text) in enumerate(GUIDE + [("Introduction", SHARED_SENTENCE)]):
        passages.append(Passage(id=f"guide/p{i}", document_id="guide", anchor=f"p{i}", kind="guide",
                                role="paragraph", title=f"Guide: {section}", text=text, section_path=(section,)))
    sections = tuple(Section(anchor=slugify(s), title=s, level=1, path=(s,)) for s in {s for s, _ in GUIDE})
    return Document(id="guide", title="Police gender guide", kind="guide", source_path="guide.txt", sha256="p",
                    date="2019-04", sections=sections, passages=tuple(passages))


def _web_document() -> Document:
    passage = Passage(id="web/p0", document_id="web", anchor="p0", kind="webpage", role="paragraph",
                      title="UN Police: how we support you", text=SHARED_SENTENCE, section_path=("Support",))
    other = Passage(id="web/p1", document_id="web", anchor="p1", kind="webpage", role="paragraph",
                    title="UN Police: IAWP", text="The International Association of Women Police (IAWP) holds an "
                    "annual training conference.", section_path=("Partners",))
    return Document(id="web", title="UN Police", kind="webpage", source_path="web.txt", sha256="w",
                    passages=(passage, other))


def _charter_fr() -> Document:
    passage = Passage(id="charte/art1", document_id="charte", anchor="art1", kind="charter", role="article",
                      title="Charte, article 1", text="Maintenir la paix et la s\u00e9curit\u00e9 internationales "
                      "et \u00e0 cette fin : prendre des mesures collectives efficaces.", number=1, language="fr")
    return Document(id="charte", title="Charte des Nations Unies", kind="charter", source_path="charte.txt",
                    sha256="c", language="fr", passages=(passage,))


def sample_kb() -> KnowledgeBase:
    """The sample knowledge base: glossary, resolution 1325, guide, web page, French Charter article."""
    glossary_doc, terms = _definition_document()
    return KnowledgeBase(
        documents=(glossary_doc, _resolution_document(), _guide_document(), _web_document(), _charter_fr()),
        resolutions=load_registry(), glossary=Glossary(terms), built_at="2026-01-01T00:00:00",
    )


def with_document_text(kb: KnowledgeBase, document_id: str, passage_index: int, text: str) -> KnowledgeBase:
    """A copy of ``kb`` with one passage's text changed (for incremental indexing tests)."""
    documents = []
    for document in kb.documents:
        if document.id == document_id:
            passages = list(document.passages)
            passages[passage_index] = replace(passages[passage_index], text=text)
            document = replace(document, passages=tuple(passages), sha256=document.sha256 + "x")
        documents.append(document)
    return replace(kb, documents=tuple(documents))
