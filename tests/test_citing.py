"""Citing any passage: resolutions, guides, glossary entries, conventions, the Charter and web pages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kb.citing import cite_passage, display_date, document_reference, section_label
from kb.documents import Document, Passage
from kb.glossary import Glossary, GlossaryTerm
from kb.knowledge_base import KnowledgeBase

GUIDE = ("The WPS Group with the RCMP International Deployment Services, "
         "Gender equality and Women, Peace and Security (April 2019)")


@pytest.mark.parametrize("passage_id, expected", [
    ("resolution-1325/op8", "S/RES/1325 (2000), para. 8"),
    ("resolution-1325/pp3", "S/RES/1325 (2000), preambular para. 3"),
    ("resolution-1820/op4", "S/RES/1820 (2008), para. 4"),
    ("police-gender-guide/gender", f"\u201cGender\u201d, in {GUIDE}, Annex A \u2013 terms and definitions"),
    ("police-gender-guide/gender-expression",
     f"\u201cGender expression\u201d, in {GUIDE}, Annex A \u2013 terms and definitions "
     "(definition from Women and Gender Equality Canada's online GBA+ course)"),
    ("police-gender-guide/unconscious-bias",
     f"\u201cUnconscious bias\u201d, in {GUIDE}, section \u201cAddressing unconscious bias\u201d"),
    ("police-gender-guide/addressing-unconscious-bias-p1", f"{GUIDE}, section \u201cAddressing unconscious bias\u201d"),
    ("police-gender-guide/gender-adviser-checklist",
     f"{GUIDE}, section \u201cGender adviser: objective and quick checklist\u201d"),
    ("police-gender-guide/overview-1325", f"{GUIDE}, Annex B, \u201cResolution 1325 (2000): overview\u201d"),
    ("cedaw-en/art5", "CEDAW, art. 5"),
    ("cedaw-en/preamble-p3", "CEDAW, preamble, para. 3"),
    ("un-charter-en/art1", "UN Charter, art. 1"),
    ("un-charter-fr/art52", "Charte des Nations Unies, art. 52"),
    ("un-police-female-peacekeepers-network/how-we-support-you-p1",
     "UN Police: International Network of Female Police Peacekeepers, United Nations Police, 2011, "
     "\u201cHow we support you\u201d"),
])
def test_cite_real_passages(knowledge_base, passage_id, expected):
    passage = knowledge_base.passage(passage_id)
    assert passage is not None, passage_id
    assert cite_passage(knowledge_base, passage) == expected


@pytest.mark.parametrize("date, expected", [
    ("2019-04", "April 2019"),
    ("2000-10-31", "31 October 2000"),
    ("2011", "2011"),
    ("2011-13", "2011"),
    ("spring 2011", "spring 2011"),
    ("", ""),
])
def test_display_date(date, expected):
    assert display_date(date) == expected


@pytest.mark.parametrize("path, leaf, expected", [
    (("Introduction",), "", "section \u201cIntroduction\u201d"),
    (("Chapter 4", "4.2 Training of police"), "", "section 4.2, \u201cTraining of police\u201d"),
    (("Annexes", "Annex A \u2013 terms and definitions"), "", "Annex A \u2013 terms and definitions"),
    (("Annexes", "Annex E \u2013 resources", "Tools"), "", "Annex E, \u201cTools\u201d"),
    (("Annexes", "Annex B overview"), "Resolution 1820 (2008): overview",
     "Annex B, \u201cResolution 1820 (2008): overview\u201d"),
    (("Roles", "Gender adviser"), "Gender adviser: checklist", "section \u201cGender adviser: checklist\u201d"),
    ((), "", ""),
])
def test_section_label(path, leaf, expected):
    assert section_label(path, leaf) == expected


@pytest.mark.parametrize("publisher, date, expected", [
    ("UN Women", "2015-06", "UN Women, Handbook (June 2015)"),
    ("", "2015", "Handbook (2015)"),
    ("UN Women", "", "UN Women, Handbook"),
    ("", "", "Handbook"),
])
def test_document_reference_leaves_out_what_is_not_recorded(publisher, date, expected):
    document = Document(id="h", title="Handbook", kind="guide", source_path="h.pdf", sha256="0",
                        publisher=publisher, date=date)
    assert document_reference(document) == expected


def _one_document_kb(document: Document, terms: tuple[GlossaryTerm, ...] = ()) -> KnowledgeBase:
    return KnowledgeBase(documents=(document,), resolutions={}, glossary=Glossary(terms))


def _passage(document_id: str, anchor: str, kind: str, role: str, title: str, path: tuple[str, ...]) -> Passage:
    return Passage(id=f"{document_id}/{anchor}", document_id=document_id, anchor=anchor, kind=kind, role=role,
                   title=title, text="Some text.", section_path=path)


@pytest.mark.parametrize("document, passage, terms, expected", [
    # A web page: title, publisher, date, section and its address.
    (Document(id="w", title="Women in policing", kind="webpage", source_path="w.html", sha256="0",
              publisher="UN Police", date="2011-03-08", url="https://police.un.org/women"),
     _passage("w", "intro-p1", "webpage", "paragraph", "Intro", ("Intro",)), (),
     "Women in policing, UN Police, 8 March 2011, \u201cIntro\u201d, https://police.un.org/women"),
    # A web page with nothing but a title.
    (Document(id="w", title="Women in policing", kind="webpage", source_path="w.html", sha256="0"),
     _passage("w", "p1", "webpage", "paragraph", "Women in policing", ("Women in policing",)), (),
     "Women in policing"),
    # A toolkit with numbered sections.
    (Document(id="t", title="Gender Toolkit", kind="toolkit", source_path="t.pdf", sha256="0",
              publisher="United Nations Police", date="2015"),
     _passage("t", "s4-2-p1", "toolkit", "paragraph", "Vetting", ("4 Recruitment", "4.2 Vetting")), (),
     "United Nations Police, Gender Toolkit (2015), section 4.2, \u201cVetting\u201d"),
    # A glossary entry whose source is an outside work.
    (Document(id="g", title="Guide", kind="guide", source_path="g.pdf", sha256="0", publisher="RCMP"),
     _passage("g", "sex", "glossary", "definition", "Sex", ("Annexes", "Annex A \u2013 glossary")),
     (GlossaryTerm(term="Sex", slug="sex", definition="...", source="Statistics Canada", passage_id="g/sex"),),
     "\u201cSex\u201d, in RCMP, Guide, Annex A \u2013 glossary (definition from Statistics Canada)"),
    # A convention article whose passage title carries no short name: the document title stands in.
    (Document(id="c", title="Convention on the Rights of the Child", kind="convention", source_path="c.txt",
              sha256="0"),
     Passage(id="c/art2", document_id="c", anchor="art2", kind="convention", role="article", title="Article 2",
             text="...", number=2), (),
     "Convention on the Rights of the Child, art. 2"),
])
def test_cite_hand_made_passages(document, passage, terms, expected):
    kb = _one_document_kb(replace(document, passages=(passage,)), terms)
    assert cite_passage(kb, passage) == expected
