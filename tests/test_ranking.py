"""Ranking after retrieval: duplicates, diversity, filters and facet counts, as tables."""

from __future__ import annotations

import pytest

from indexer.match_sets import MatchSets
from indexer.ranking import Candidate, apply_filters, collapse_duplicates, diversify, group_filters, is_near_duplicate
from kb.documents import Document, Passage
from kb.knowledge_base import KnowledgeBase


def passage(pid: str, text: str, section: tuple[str, ...] = ("S",), document: str = "d", **extra) -> Passage:
    return Passage(id=pid, document_id=document, anchor=pid, kind=extra.pop("kind", "guide"),
                   role=extra.pop("role", "paragraph"), title=pid, text=text, section_path=section, **extra)


SENTENCE = "Women and girls are often deprived of equal access to resources and to decision-making in conflict."


@pytest.mark.parametrize(("a", "b", "duplicate"), [
    (SENTENCE, SENTENCE, True),
    (SENTENCE, SENTENCE.upper().replace("-", " "), True),  # case and punctuation do not matter
    (SENTENCE, SENTENCE + " Really.", True),  # one inside the other, nearly the same length
    (SENTENCE, "Something else entirely about police reform and training.", False),
    ("1888 (2009): Strengthens efforts to end sexual violence in conflict.",
     "1960 (2010): Establishes a monitoring and reporting mechanism on sexual violence in conflict.", False),
    (SENTENCE, SENTENCE + " " + "Much more text follows here about other things. " * 5, False),
])
def test_near_duplicates(a, b, duplicate):
    assert is_near_duplicate(passage("a", a), passage("b", b, document="e")) is duplicate


def test_collapse_keeps_the_better_ranked_copy():
    ranked = [Candidate(passage("a", SENTENCE), 3.0), Candidate(passage("b", "Other text entirely."), 2.0),
              Candidate(passage("c", SENTENCE, document="web"), 1.0)]
    assert [c.passage.id for c in collapse_duplicates(ranked)] == ["a", "b"]


@pytest.mark.parametrize(("sections", "scores", "expected"), [
    # three from one section, a close one from another: it moves up into the top five
    (["A", "A", "A", "A", "B"], [10, 9, 8, 7, 6.5], ["0", "1", "4", "2", "3"]),
    # the other section scores far lower: the order stays
    (["A", "A", "A", "A", "B"], [10, 9, 8, 7, 1], ["0", "1", "2", "3", "4"]),
    # already mixed: the order stays
    (["A", "B", "A", "B", "C"], [10, 9, 8, 7, 6], ["0", "1", "2", "3", "4"]),
])
def test_diversify(sections, scores, expected):
    ranked = [Candidate(passage(str(i), f"text {i}", (s,)), score, coverage=1)
              for i, (s, score) in enumerate(zip(sections, scores))]
    assert [c.passage.id for c in diversify(ranked)] == expected


CANDIDATES = [
    Candidate(passage("r1", "x", kind="resolution", resolution=1325, year=2000, pillars=("participation",)), 1),
    Candidate(passage("r2", "x", kind="resolution", resolution=1820, year=2008, pillars=("protection",)), 1),
    Candidate(passage("g1", "x", kind="glossary"), 1),
    Candidate(passage("w1", "x", kind="webpage", document="web"), 1),
]


@pytest.mark.parametrize(("pairs", "ids"), [
    ((), ["r1", "r2", "g1", "w1"]),
    ((("type", "resolution"),), ["r1", "r2"]),
    ((("type", "resolution"), ("type", "glossary")), ["r1", "r2", "g1"]),
    ((("type", "resolution"), ("year", "2008")), ["r2"]),
    ((("pillar", "Participation"),), ["r1"]),
    ((("document", "web"),), ["w1"]),
    ((("unknown", "x"), ("type", "")), ["r1", "r2", "g1", "w1"]),
])
def test_filters(pairs, ids):
    assert [c.passage.id for c in apply_filters(CANDIDATES, group_filters(pairs))] == ids


def test_facets_count_each_field_under_the_other_filters():
    passages = tuple(c.passage for c in CANDIDATES)
    kb = KnowledgeBase(documents=(Document("d", "D", "guide", "d.txt", "0", passages=passages),), resolutions={})
    sets = MatchSets(kb, [p.id for p in passages])
    everything = sets.passages(p.id for p in passages)
    facets = sets.facet_counts(everything, group_filters([("type", "resolution"), ("year", "2008")]))
    assert facets["type"] == {"resolution": 1}  # only the year filter applies to the type counts
    assert facets["year"] == {"2000": 1, "2008": 1}  # only the type filter applies to the year counts
    assert facets["resolution"] == {"1820": 1}
