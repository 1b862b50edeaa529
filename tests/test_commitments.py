"""Commitments: the tagger over real operative paragraphs of 1325 and 1820, edge cases, questions.

The real-paragraph tables were checked by reading each text (``resolutions[N].operative()``):
the strength is the leading verb's, the addressees are the actors the paragraph asks things of
(not those it talks about, nor consultation partners), the pillars follow its topic words.
"""

from __future__ import annotations

import pytest

from indexer.commitment_questions import commitments_answer, commitments_question
from indexer.commitments import (
    addressees_named, commitment_of, commitments_of, find_commitments, leading_verb, pillars_of,
)
from indexer.query import parse_query
from kb.commitments import (
    ADDRESSEES, Commitment, CommitmentFilter, Strength, facet_counts, select, summary_line,
)
from kb.resolutions import PILLARS, ResolutionParagraph
from kb.serialize import from_plain, to_plain

D, R, C, O = Strength.DECIDES, Strength.REQUESTS, Strength.CALLS_UPON, Strength.OTHER
MS, SG, PAC = "member-states", "secretary-general", "parties-to-armed-conflict"
TCC, UN, REG = "troop-and-police-contributing-countries", "un-entities", "regional-organizations"
PART, PROT, PREV, RR = PILLARS


@pytest.fixture(scope="module")
def tagged(knowledge_base) -> dict[tuple[int, int], Commitment]:
    return {(c.resolution, c.paragraph): c for c in commitments_of(knowledge_base)}


# (resolution, paragraph) -> (verb as written, strength, addressees in order, pillars)
REAL = [
    ((1325, 1), ("Urges", R, (MS,), (PART, PREV))),
    ((1325, 2), ("Encourages", C, (SG,), (PART,))),
    # "... and in this regard calls on Member States": a second actor asked in the same paragraph.
    ((1325, 3), ("Urges", R, (SG, MS), (PART,))),
    ((1325, 4), ("Further urges", R, (SG,), (PART,))),
    # The leading verb decides the strength even though a later clause urges the Secretary-General.
    ((1325, 5), ("Expresses", O, (SG,), ())),
    # "provide to Member States training guidelines": Member States are addressed by "invites", not here.
    ((1325, 6), ("Requests", R, (SG, MS), (PART, PROT, RR))),
    # "High Commissioner for Refugees" is a name, not the refugee topic.
    ((1325, 7), ("Urges", R, (MS,), ())),
    ((1325, 8), ("Calls on", C, ("all-actors",), (PART, PROT, RR))),
    ((1325, 9), ("Calls upon", C, (PAC,), (PROT,))),
    ((1325, 10), ("Calls on", C, (PAC,), (PROT,))),
    ((1325, 11), ("Emphasizes", O, (MS,), (PROT, PREV))),
    ((1325, 12), ("Calls upon", C, (PAC,), (RR,))),
    ((1325, 13), ("Encourages", C, ("all-actors",), (RR,))),
    ((1325, 14), ("Reaffirms", O, (), (RR,))),
    ((1325, 15), ("Expresses", O, (), (PART, PROT))),
    ((1325, 16), ("Invites", C, (SG,), (PART, RR))),
    ((1325, 17), ("Requests", R, (SG,), ())),
    ((1325, 18), ("Decides", O, (), ())),
    ((1820, 1), ("Stresses", O, (), (PROT, PREV))),
    ((1820, 2), ("Demands", D, (PAC,), (PROT,))),
    ((1820, 3), ("Demands", D, (PAC, SG), (PROT, PREV))),
    ((1820, 4), ("Notes", O, (MS,), (PROT, PREV))),
    # "parties to situations of armed conflict who commit rape" are the target of sanctions, not addressed.
    ((1820, 5), ("Affirms", O, (), (PROT, PREV))),
    # "in consultation with the Security Council, ... and relevant States": partners, not addressees.
    ((1820, 6), ("Requests", R, (SG,), (PROT, PREV))),
    ((1820, 7), ("Requests", R, (SG, TCC), (PROT, PREV))),
    ((1820, 8), ("Encourages", C, (TCC,), (PART, PROT, PREV, RR))),
    ((1820, 9), ("Requests", R, (SG,), (PROT,))),
    ((1820, 10), ("Requests", R, (SG, UN), (PART, PROT, RR))),
    ((1820, 11), ("Stresses", O, ("peacebuilding-commission",), (PART, PROT, RR))),
    ((1820, 12), ("Urges", R, (SG, "parties-to-peace-talks"), (PART, PREV, RR))),
    ((1820, 13), ("Urges", R, ("all-actors", MS, UN, "financial-institutions"), (PROT, RR))),
    ((1820, 14), ("Urges", R, (REG,), (PROT,))),
    ((1820, 15), ("Also requests", R, (SG,), (PROT, PREV))),
    ((1820, 16), ("Decides", O, (), ())),
]


@pytest.mark.parametrize(("where", "expected"), REAL, ids=[f"{n}-op{p}" for (n, p), _ in REAL])
def test_real_paragraphs(tagged, where, expected) -> None:
    commitment = tagged[where]
    assert (commitment.verb, commitment.strength, commitment.addressees, commitment.pillars) == expected


def test_every_operative_paragraph_of_1325_and_1820_is_tagged(knowledge_base, tagged) -> None:
    for number in (1325, 1820):
        anchors = [p.anchor for p in knowledge_base.resolutions[number].operative()]
        assert anchors and [tagged[(number, int(a[2:]))].anchor for a in anchors] == anchors
    assert {n for n, _ in tagged} == {n for n, r in knowledge_base.resolutions.items() if r.paragraphs}


def test_mention_offsets_name_the_phrase(tagged) -> None:
    commitment = tagged[(1820, 12)]
    phrases = [(m.addressee, commitment.text[m.start:m.end], m.verb) for m in commitment.mentions]
    assert phrases == [(SG, "the Secretary-General", "urges"), (SG, "his Special Envoys", "urges"),
                       ("parties-to-peace-talks", "all parties to such talks", "encourages")]
    assert commitment.ask_of("parties-to-peace-talks").startswith("to facilitate the equal and full participation")


@pytest.mark.parametrize(("text", "verb", "strength", "addressees", "ask"), [
    ("Urges member states to act;", "Urges", R, (MS,), "to act"),
    ("Requests that the Secretary-General appoint a Special Representative to lead;", "Requests", R, (SG,),
     "appoint a Special Representative to lead"),
    ("Decides to remain actively seized of the matter.", "Decides", O, (), ""),
    ("Decides that the mandate shall include women protection advisers;", "Decides", D, (), ""),
    ("Reiterates its demand for the complete cessation of sexual violence by all parties to armed conflict;",
     "Reiterates its demand", D, (PAC,),
     "for the complete cessation of sexual violence by all parties to armed conflict"),
    ("Strongly encourages troop- and police-contributing countries to deploy more women;", "Strongly encourages",
     C, (TCC,), "to deploy more women"),
    ("Calls upon regional and subregional organizations and UN entities to share data;", "Calls upon", C,
     (REG, UN), "to share data"),
    ("Invites relevant United Nations bodies, in consultation with civil society, to report;", "Invites", C,
     (UN,), "to report"),
    ("Encourages Member States, donors and civil society organizations to fund shelters;", "Encourages", C,
     (MS, "civil-society"), "to fund shelters"),
    ("Requests the Secretary- General to report;", "Requests", R, (SG,), "to report"),
    ("Welcomes the work of the United States and notes that it states the case;", "Welcomes", O, (), ""),
    ("Urges the Peacebuilding Commission and non-State armed groups to consult women;", "Urges", R,
     ("peacebuilding-commission", PAC), "to consult women"),
    ("Calls on all States to end impunity; and urges the Secretary-General to report;", "Calls on", C,
     (MS, SG), "to end impunity"),
    ("", "", O, (), ""),
])
def test_edge_cases(text, verb, strength, addressees, ask) -> None:
    commitment = commitment_of(2493, ResolutionParagraph("operative", 1, text, "op1"))
    assert (commitment.verb, commitment.strength, commitment.addressees) == (verb, strength, addressees)
    first = commitment.mentions[0].ask if commitment.mentions else ""
    assert first == ask


@pytest.mark.parametrize(("text", "verb", "strength"), [
    ("Further urges", "Further urges", R), ("Also requests the", "Also requests", R),
    ("Calls upon all", "Calls upon", C), ("calls on", "calls on", C), ("Demands that", "Demands", D),
    ("Recognizes the", "Recognizes", O), ("  Invites", "Invites", C), ("Encouraging", "Encouraging", O),
])
def test_leading_verb(text, verb, strength) -> None:
    assert leading_verb(text) == (verb, strength)


@pytest.mark.parametrize(("text", "pillars"), [
    ("to ensure women's participation in peace processes", (PART,)),
    ("to protect women and girls from sexual violence", (PROT,)),
    ("to end impunity and strengthen early warning", (PREV,)),
    ("in refugee camps and in disarmament, demobilization and reintegration", (RR,)),
    ("the Refugee Convention and the Office of the High Commissioner for Refugees", ()),
    ("human rights and humanitarian personnel", ()),
    ("the rights of women and humanitarian access", (PROT, RR)),
    ("the Peacebuilding Commission", ()),
    ("post-conflict peacebuilding", (RR,)),
])
def test_pillars(text, pillars) -> None:
    assert pillars_of(text) == pillars


@pytest.mark.parametrize(("text", "named"), [
    ("what does 1325 ask of Member States?", (MS,)),
    ("troop and police contributing countries", (TCC,)),
    ("the Secretary General and UN entities", (SG, UN)),
    ("gender mainstreaming", ()),
    ("the United States", ()),
])
def test_addressees_named(text, named) -> None:
    assert addressees_named(text) == named


@pytest.mark.parametrize(("query", "resolutions", "addressees"), [
    ("what does 1325 ask of Member States?", (1325,), (MS,)),
    ("1820 requests to the Secretary-General", (1820,), (SG,)),
    ("1325 member states", (1325,), (MS,)),
    ("What does resolution 1820 demand of parties to armed conflict", (1820,), (PAC,)),
    ("what is asked of troop- and police-contributing countries", (), (TCC,)),
    ("member states", None, None),  # no resolution and no word of asking: a topic search
    ("1325 member states training", None, None),  # a topic word besides the actor
    ("1325 Member States and the Secretary-General", None, None),  # two actors: not one list
    ("what does 1325 say", None, None),
])
def test_commitments_question(knowledge_base, query, resolutions, addressees) -> None:
    wanted = commitments_question(knowledge_base, parse_query(query, set(knowledge_base.resolutions)))
    if resolutions is None:
        assert wanted is None
    else:
        assert wanted == CommitmentFilter(resolutions=resolutions, addressees=addressees)


def test_commitments_answer_card(knowledge_base) -> None:
    plan = parse_query("what does 1325 ask of Member States?", set(knowledge_base.resolutions))
    pinned, answer = commitments_answer(knowledge_base, plan)
    assert pinned == []
    assert answer.kind == "commitments"
    assert answer.url == "/commitments?resolution=1325&addressee=member-states"
    assert answer.text.startswith("Resolution 1325 asks Member States 5 things: to ensure increased representation")
    assert "(para. 3)" in answer.text and answer.text.endswith("and 2 more.")
    # A resolution whose text is not in the corpus has no commitments to show.
    plan = parse_query("what does 2493 ask of Member States?", set(knowledge_base.resolutions))
    assert commitments_answer(knowledge_base, plan) is None


def test_select_facets_and_summary(knowledge_base) -> None:
    everything = commitments_of(knowledge_base)
    wanted = CommitmentFilter(resolutions=(1820,), strengths=(R,))
    rows = select(everything, wanted)
    assert [c.paragraph for c in rows] == [6, 7, 9, 10, 12, 13, 14, 15]
    counts = facet_counts(everything, wanted)
    assert counts["strength"] == {R: 8, D: 2, C: 1, O: 5}  # other strengths of 1820
    assert counts["resolution"] == {1325: 6, 1820: 8}  # requests/urges in each resolution
    assert summary_line(rows, wanted).startswith("Resolution 1820: 8 operative paragraphs; most often addressed: "
                                                 "the Secretary-General (6)")
    assert summary_line([], wanted) == "Resolution 1820 asks nothing that matches these filters."


def test_strength_order_labels_and_addressees() -> None:
    assert [s.rank for s in (D, R, C, O)] == [0, 1, 2, 3]
    assert D.label == "decides / demands" and C.label == "calls upon / encourages / invites"
    assert all(slug == slug.lower() and " " not in slug for slug in ADDRESSEES)


def test_commitments_round_trip_through_plain_json(knowledge_base) -> None:
    for commitment in find_commitments(knowledge_base.resolutions[1820]):
        assert from_plain(Commitment, to_plain(commitment)) == commitment


def test_commitments_are_cached_per_knowledge_base(knowledge_base) -> None:
    assert commitments_of(knowledge_base) is commitments_of(knowledge_base)
