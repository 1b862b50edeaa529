"""Mandate to practice: operative paragraphs linked to the guide sections and checklists that carry them out.

The expected links below were checked by reading both texts: the guide passage really does
what the paragraph asks (see the comment on each row).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from indexer.analysis import english_terms
from indexer.mandate import MAX_LINKS, MIN_SCORE, is_practice, link_mandate_to_practice
from indexer.practice_terms import FUNCTION_WORDS, analyse, concept_patterns, drafting_masks, term_label
from kb import serialize
from kb.documents import Document, Passage, Section
from kb.glossary import Glossary, GlossaryTerm
from kb.knowledge_base import KnowledgeBase
from kb.practice import PracticeLink
from kb.resolutions import ResolutionParagraph, load_registry, with_text

GUIDE = "police-gender-guide"


def _anchors(kb: KnowledgeBase, resolution: int, paragraph: int) -> list[str]:
    return [link.anchor for link in kb.practice_for(resolution, paragraph)]


@pytest.mark.parametrize("resolution, paragraph, anchor", [
    # Zero tolerance of sexual exploitation and abuse: the mission's gender architecture says
    # "raise awareness ... on sexual exploitation and abuse (SEA) and ensure zero-tolerance".
    (1820, 7, "gender-architecture-in-a-un-peacekeeping-mission"),
    # ... and police reform lists "Ensure a zero-tolerance environment for sexual exploitation and abuse".
    (1820, 7, "gender-and-police-reform"),
    # Gender mainstreaming throughout peacekeeping missions, reported on: "successful gender
    # mainstreaming throughout the mission", "A quarterly mission progress report on gender equality".
    (1325, 17, "gender-architecture-in-a-un-peacekeeping-mission"),
    # A gender component in field operations: the mission's gender unit and Gender Advisers.
    (1325, 5, "gender-architecture-in-a-un-peacekeeping-mission"),
    # Gender-sensitive training: the training adviser's checklist ("ensure that all training
    # includes gender ...", a "gender sensitive police service").
    (1325, 7, "training-adviser-checklist"),
    # Protect women and girls from gender-based violence, rape and sexual abuse: the chapter
    # on sexual and gender-based violence and conflict-related sexual violence.
    (1325, 10, "sexual-and-gender-based-violence-and-conflict-related-sexual-violence"),
    # Rape and sexual violence as war crimes and crimes against humanity: the same chapter
    # ("CRSV ... can constitute a war crime, a crime against humanity") and the Rome Statute.
    (1820, 4, "sexual-and-gender-based-violence-and-conflict-related-sexual-violence"),
    (1820, 4, "rome-statute-of-the-international-criminal-court-1998"),
    (1820, 2, "sexual-and-gender-based-violence-and-conflict-related-sexual-violence"),
    # Protection from sexual violence in refugee and displaced persons camps: "particularly
    # vulnerable to physical and sexual violence in refugee/IDP camps".
    (1820, 10, "impact-of-conflict-and-insecurity-on-women-and-girls"),
    # Consultation with local and international women's groups: working with partners.
    (1325, 15, "working-with-partners"),
    # Women's participation at decision-making levels: "facilitate women's participation in
    # post-conflict decision-making processes".
    (1820, 12, "gender-architecture-in-a-un-peacekeeping-mission"),
])
def test_paragraph_links_to_the_guide_text_that_carries_it_out(knowledge_base, resolution, paragraph, anchor):
    assert anchor in _anchors(knowledge_base, resolution, paragraph)


@pytest.mark.parametrize("resolution, paragraph", [
    (1325, 18),  # "Decides to remain actively seized of the matter."
    (1820, 16),
    (1325, 3),  # the Secretary-General appointing women envoys: nothing a police officer does
])
def test_paragraph_with_no_practice_in_the_guide_gets_no_link(knowledge_base, resolution, paragraph):
    assert _anchors(knowledge_base, resolution, paragraph) == []


@pytest.mark.parametrize("resolution, paragraph, top", [
    (1820, 7, "gender-architecture-in-a-un-peacekeeping-mission"),
    (1325, 17, "gender-architecture-in-a-un-peacekeeping-mission"),
    (1820, 10, "impact-of-conflict-and-insecurity-on-women-and-girls"),
])
def test_closest_match_comes_first(knowledge_base, resolution, paragraph, top):
    assert _anchors(knowledge_base, resolution, paragraph)[0] == top


@pytest.mark.parametrize("resolution, paragraph, terms", [
    (1820, 7, {"sexual exploitation and abuse", "zero tolerance"}),
    (1325, 17, {"gender mainstreaming"}),
    (1325, 5, {"gender perspective"}),
])
def test_reason_names_the_shared_terms_as_written(knowledge_base, resolution, paragraph, terms):
    link = knowledge_base.practice_for(resolution, paragraph)[0]
    assert terms <= set(link.shared_terms)


def test_every_link_is_ranked_capped_and_above_the_threshold(knowledge_base):
    links = knowledge_base.practice_links
    assert len(links) > 40
    for resolution in (1325, 1820):
        for paragraph in knowledge_base.resolutions[resolution].operative():
            found = knowledge_base.practice_for(resolution, paragraph.number)
            assert len(found) <= MAX_LINKS
            assert [link.score for link in found] == sorted((link.score for link in found), reverse=True)
            assert all(link.score >= MIN_SCORE for link in found)
            assert len({(link.document_id, link.anchor) for link in found}) == len(found)


def test_reason_terms_are_in_both_texts(knowledge_base):
    """Each shared term's words occur in the paragraph and in the passages the link rests on.

    Function words inside a phrase may differ ("women in all peacekeeping" matches "women
    among peacekeeping personnel"); the words that carry meaning may not.
    """
    function_stems = set(english_terms(" ".join(FUNCTION_WORDS)))
    acronyms = {name: term.term for term in knowledge_base.glossary for name in term.names if name.isupper()}
    for link in knowledge_base.practice_links:
        paragraph = knowledge_base.resolutions[link.resolution].paragraph(link.paragraph)
        evidence = " ".join(knowledge_base.passage(pid).text for pid in link.passage_ids)
        # An acronym stands for its term's words ("SGBV" says "sexual and gender-based violence").
        evidence += " " + " ".join(name for acronym, name in acronyms.items() if acronym in evidence)
        paragraph_stems, evidence_stems = set(english_terms(paragraph.text)), set(english_terms(evidence))
        assert 2 <= len(link.shared_terms) <= 6
        for term in link.shared_terms:
            stems = set(english_terms(term)) - function_stems
            assert stems and stems <= paragraph_stems, (link.paragraph_anchor, term)
            assert stems <= evidence_stems, (link.anchor, term)
            assert all(word in paragraph.text.lower() for word in term.lower().split()), term


def test_annexes_definitions_and_other_documents_are_never_practice(knowledge_base):
    for link in knowledge_base.practice_links:
        assert link.document_id == GUIDE
        assert not any(title.lower().startswith("annex") for title in link.section_path)
        for passage_id in link.passage_ids:
            passage = knowledge_base.passage(passage_id)
            assert passage.role in ("paragraph", "list", "checklist")
            assert not any(title.lower().startswith(("annex", "front matter")) for title in passage.section_path)


def test_checklists_are_their_own_targets(knowledge_base):
    checklists = [link for link in knowledge_base.practice_links if link.kind == "checklist"]
    assert checklists
    for link in checklists:
        passage = knowledge_base.passage(f"{link.document_id}/{link.anchor}")
        assert passage.role == "checklist" and link.passage_ids == (passage.id,)
        assert link.title == passage.title


def test_section_targets_are_headings_of_their_passages(knowledge_base):
    guide = knowledge_base.document(GUIDE)
    sections = {s.anchor: s for s in guide.sections}
    for link in knowledge_base.practice_links:
        if link.kind == "section":
            assert sections[link.anchor].title == link.title
            for passage_id in link.passage_ids:
                assert knowledge_base.passage(passage_id).section_path == sections[link.anchor].path


def test_reverse_links_match_forward_links(knowledge_base):
    forward = set(knowledge_base.practice_links)
    backward = set()
    for passage in knowledge_base.document(GUIDE).passages:
        backward |= set(knowledge_base.mandates_for(passage.id))
    assert backward == forward
    for link in forward:
        assert link in knowledge_base.mandates_for_target(link.document_id, link.anchor)
        assert link in knowledge_base.practice_for(link.resolution, link.paragraph)
    assert knowledge_base.mandates_for(f"{GUIDE}/no-such-passage") == []


def test_links_round_trip_through_kb_json(knowledge_base):
    again = serialize.loads(serialize.dumps(knowledge_base))
    assert again.practice_links == knowledge_base.practice_links
    assert all(isinstance(link.shared_terms, tuple) for link in again.practice_links)
    assert again.practice_for(1820, 7) == knowledge_base.practice_for(1820, 7)


def test_kb_json_written_before_the_links_existed_still_loads(knowledge_base):
    payload = json.loads(serialize.dumps(knowledge_base))
    del payload["practice_links"]
    assert serialize.loads(json.dumps(payload)).practice_links == ()


# --- the parts, on small texts --------------------------------------------------------------

GLOSSARY = Glossary([
    GlossaryTerm(term="Sexual violence", slug="sexual-violence", definition="..", source="Annex A"),
    GlossaryTerm(term="Sexual Exploitation and Abuse (SEA)", slug="sea", definition="..", source="Annex A",
                 acronym="SEA", aliases=("Sexual Exploitation and Abuse",)),
    GlossaryTerm(term="Sexual and gender-based violence (SGBV)", slug="sgbv", definition="..", source="Annex A",
                 acronym="SGBV"),
])
CONCEPTS = concept_patterns(GLOSSARY)
MASKS = drafting_masks([])


@pytest.mark.parametrize("text, present", [
    ("prevent sexual violence", "sexual violenc"),  # two adjacent words make a phrase
    ("violence against women", "violenc women"),  # function words sit inside a phrase
    ("sexual and gender-based violence", "sexual violenc"),  # "A and B-C D" also says "A D"
    ("peacekeeping and peacebuilding measures", "peacekeep measur"),
    ("sexual violence", "=sexual-violence"),  # a glossary term, by name
    ("raise awareness of SEA in the mission", "=sea"),  # ... or by its acronym, in capitals
    ("training on SGBV", "sexual violenc"),  # an acronym counts as its term's words
])
def test_terms_found(text, present):
    assert present in analyse(text, CONCEPTS, MASKS).counts


@pytest.mark.parametrize("text, absent", [
    ("training, police", "train polic"),  # punctuation ends a phrase
    ("by the sea", "=sea"),  # "sea" is not "SEA"
    ("the Security Council and Member States", "secur"),  # drafting language is masked
    ("including relevant bodies", "relev"),
    ("resolution 1325", "1325"),  # numbers are no topic
])
def test_terms_not_found(text, absent):
    assert absent not in analyse(text, CONCEPTS, MASKS).counts


@pytest.mark.parametrize("text, absent", [
    ("Urges training of police", "urg"),  # the operative verb
    ("Requests the Special Committee on Peacekeeping Operations to train", "committe"),  # a body's name
    ("Requests the Special Committee on Peacekeeping Operations to train", "peacekeep"),
])
def test_operative_paragraph_masks_its_verb_and_the_names_of_bodies(text, absent):
    assert absent not in analyse(text, CONCEPTS, MASKS, operative=True).counts
    assert "train" in analyse(text, CONCEPTS, MASKS, operative=True).counts


def test_words_shared_by_every_resolution_count_only_inside_phrases():
    registry = load_registry()
    texts = {1325: ("women in peace processes", "women and girls in camps", "protect women"),
             1820: ("women and girls", "women peacekeepers", "train police")}
    resolutions = [with_text(registry[n], tuple(ResolutionParagraph("operative", i + 1, t, f"op{i + 1}")
                                                for i, t in enumerate(ts)), "x") for n, ts in texts.items()]
    masks = drafting_masks(resolutions)
    assert "women" in masks.common and "polic" not in masks.common
    counts = analyse("women peacekeepers", CONCEPTS, masks).counts
    assert "women" not in counts and "women peacekeep" in counts


@pytest.mark.parametrize("surface, texts, label", [
    ("Training", ["all training includes gender"], "training"),  # capital only at a sentence start
    ("Rome Statute", ["Under Article 7, the Rome Statute"], "Rome Statute"),  # a name keeps its capitals
    ("SGBV", ["respond to SGBV"], "SGBV"),
])
def test_term_label(surface, texts, label):
    assert term_label(surface, texts) == label


def _passage(anchor: str, role: str, path: tuple[str, ...], text: str = "", doc: str = "toolkit") -> Passage:
    return Passage(id=f"{doc}/{anchor}", document_id=doc, anchor=anchor, kind="toolkit", role=role,
                   title=path[-1] if path else anchor, text=text, section_path=path)


@pytest.mark.parametrize("role, path, kind, expected", [
    ("paragraph", ("Training",), "toolkit", True),
    ("list", ("Chapter 2", "Patrols"), "guide", True),
    ("checklist", ("Roles", "Training adviser"), "guide", True),
    ("paragraph", ("Annexes", "Annex A – terms"), "guide", False),
    ("paragraph", ("Annex B UN Security Council resolutions",), "guide", False),
    ("paragraph", ("Front matter",), "guide", False),
    ("definition", ("Training",), "guide", False),
    ("link", ("Training",), "guide", False),
    ("quote", ("Training",), "guide", False),
    ("article", ("Part I",), "convention", False),
    ("paragraph", ("Training",), "webpage", False),
])
def test_is_practice(role, path, kind, expected):
    document = Document(id="toolkit", title="T", kind=kind, source_path="t.md", sha256="0" * 64)
    assert is_practice(document, _passage("p1", role, path)) is expected


def test_linking_is_general_any_resolution_any_toolkit():
    """A resolution text and a toolkit the project has never seen link by their shared terms alone."""
    registry = load_registry()
    operative = (
        ResolutionParagraph("operative", 1, "Urges Member States to train border police in gender-sensitive "
                                            "screening of survivors of human trafficking;", "op1"),
        ResolutionParagraph("operative", 2, "Decides to remain actively seized of the matter.", "op2"),
    )
    registry[2331] = with_text(replace(registry[1325], number=2331, symbol="S/RES/2331 (2016)"), operative, "x")
    passages = (
        _passage("screening-p1", "list", ("Border work", "Screening"),
                 "Gender-sensitive screening at the border: train border police to spot survivors of human "
                 "trafficking and refer them to shelters."),
        _passage("patrols-p1", "paragraph", ("Patrols",), "Assign male and female officers to every patrol."),
        _passage("annex-p1", "paragraph", ("Annex A – training screening human trafficking border police",),
                 "Border police training on screening survivors of human trafficking."),
    )
    toolkit = Document(id="toolkit", title="Border toolkit", kind="toolkit", source_path="t.md", sha256="0" * 64,
                       sections=(Section("screening", "Screening", 2, ("Border work", "Screening")),
                                 Section("patrols", "Patrols", 1, ("Patrols",))),
                       passages=passages)
    kb = KnowledgeBase(documents=(toolkit,), resolutions=registry)
    links = link_mandate_to_practice(kb)
    assert [(link.resolution, link.paragraph, link.anchor, link.kind) for link in links] == [
        (2331, 1, "screening", "section")]
    shared = " ".join(links[0].shared_terms).split()
    assert len(links[0].shared_terms) >= 2
    assert all(word.lower() in operative[0].text.lower() and word.lower() in passages[0].text.lower()
               for word in shared)
    assert isinstance(links[0], PracticeLink) and links[0].url == "/documents/toolkit#screening"


def test_terms_come_from_the_index_analysis_chain(knowledge_base):
    """Words are stemmed one at a time and remembered; the result must be the index's own terms."""
    from indexer.practice_terms import _tokens

    for passage in knowledge_base.document(GUIDE).passages[:60]:
        assert [stem for stem, _, _ in _tokens(passage.text)] == english_terms(passage.text)


def test_practice_links_are_cached_by_what_they_depend_on(knowledge_base, tmp_path):
    from dataclasses import replace

    from indexer.mandate import link_mandate_to_practice
    from indexer.practice_cache import practice_links

    fresh = link_mandate_to_practice(knowledge_base)
    assert practice_links(knowledge_base, tmp_path) == fresh  # computed, then stored
    assert len(list(tmp_path.glob("practice-*.json"))) == 1
    assert practice_links(knowledge_base, tmp_path) == fresh  # read back, the same links
    changed = replace(knowledge_base, documents=knowledge_base.documents[:-1])
    practice_links(changed, tmp_path)
    assert len(list(tmp_path.glob("practice-*.json"))) == 2  # another corpus, another entry
