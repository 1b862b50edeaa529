"""Match-set bitmaps and pool scoring agree with Whoosh's own matching and scoring."""

from __future__ import annotations

from collections import Counter

import pytest
from whoosh import query as wq

from indexer.engine import SCORING
from indexer.match_sets import MatchSets, bitmap, has
from indexer.query import build_slots, parse_query
from indexer.interface import FILTER_FIELDS
from indexer.ranking import Candidate, apply_filters, facet_values, group_filters
from indexer.retrieval import _boosts
from indexer.scoring_pool import choose_pool, docnums, score_pool

QUERIES = [
    "gender mainstreaming",
    "sexual exploitation and abuse",
    "gender-based violence reporting",
    "women police officers training",
    "1325 participation of women",
    "égalité de droits",
    "what is gender",
    "\"gender perspective\" mission",
]


@pytest.fixture(scope="module")
def searcher(backend):
    state = backend._state
    with state.index.searcher(weighting=SCORING) as searcher:
        yield searcher


@pytest.fixture(scope="module")
def sets(backend, searcher):
    return MatchSets(backend.kb, backend._state.ids(searcher))


def _scored_query(backend, searcher, text: str) -> wq.Query:
    state = backend._state
    plan = parse_query(text, state.resolutions)
    slots = build_slots(plan.words, state.acronyms, searcher.reader())
    q = wq.And([s.query for s in slots]) if len(slots) > 1 else slots[0].query
    boosts = _boosts(plan, slots)
    return wq.Or([q, *[s.query for s in slots]]) if not boosts else wq.AndMaybe(q, wq.Or(boosts))


@pytest.mark.parametrize("docnums_in", [[], [0], [7], [0, 1, 2, 9, 64, 65, 1000]])
def test_bitmap_and_docnums_round_trip(docnums_in: list[int]) -> None:
    mask = bitmap(docnums_in)
    assert docnums(mask) == sorted(docnums_in)
    assert all(has(mask, d) for d in docnums_in)
    assert mask.bit_count() == len(docnums_in)


@pytest.mark.parametrize("text", QUERIES)
def test_match_set_is_what_whoosh_matches(backend, searcher, sets, text: str) -> None:
    q = _scored_query(backend, searcher, text)
    assert docnums(sets.query(searcher, q)) == sorted(searcher.docs_for_query(q))


@pytest.mark.parametrize("text", QUERIES)
def test_pool_scores_are_whoosh_scores(backend, searcher, sets, text: str) -> None:
    q = _scored_query(backend, searcher, text)
    expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    pool = docnums(sets.query(searcher, q))
    got = score_pool(searcher, q, pool, lambda phrase: sets.query(searcher, phrase))
    assert got.keys() == expected.keys()
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-9), docnum


@pytest.mark.parametrize("text", ["what is SGBV", "GBV", "SEA"])
def test_disjunction_max_scores_the_best_part_that_matches_the_passage(backend, searcher, sets, text) -> None:
    # Whoosh's DisjunctionMaxMatcher takes the max of its two sides even when they sit on
    # different passages; the pool scorer compares each passage's own parts.
    plan = parse_query(text, backend._state.resolutions)
    (slot,) = build_slots(plan.words, backend._state.acronyms, searcher.reader())
    assert isinstance(slot.query, wq.DisjunctionMax)
    parts = [{hit.docnum: hit.score for hit in searcher.search(sub, limit=None)} for sub in slot.query.subqueries]
    expected = {d: max(part[d] for part in parts if d in part) for part in parts for d in part}
    pool = docnums(sets.query(searcher, slot.query))
    got = score_pool(searcher, slot.query, pool, lambda phrase: sets.query(searcher, phrase))
    assert got == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("pairs", [
    [],
    [("type", "resolution")],
    [("type", "glossary"), ("type", "guide")],
    [("resolution", "1325"), ("type", "resolution")],
    [("pillar", "Protection")],
])
def test_facet_counts_match_counting_passage_by_passage(backend, searcher, sets, pairs) -> None:
    q = _scored_query(backend, searcher, "women peace security")
    mask = sets.query(searcher, q)
    ids = backend._state.ids(searcher)
    candidates = [Candidate(backend.kb.passage(ids[d]), 0.0) for d in docnums(mask)]
    filters = group_filters(pairs)
    expected = {}
    for name in FILTER_FIELDS:  # each facet counted under the other facets' filters
        others = {k: v for k, v in filters.items() if k != name}
        counts = Counter(v for c in apply_filters(candidates, others) for v in facet_values(c.passage, name))
        expected[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    assert sets.facet_counts(mask, filters) == expected


@pytest.mark.parametrize("size, boosted_bits, expected", [
    (10, [], None),  # no more matches than the pool holds: score them all
    (3, [[5]], [0, 1, 5]),  # boosted first, then the shortest
    (2, [[7, 8], [8]], [7, 8]),  # passages with more boosted words first
])
def test_choose_pool(size: int, boosted_bits: list[list[int]], expected: list[int] | None) -> None:
    mask = bitmap(range(10))
    lengths = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert choose_pool(mask, [bitmap(b) for b in boosted_bits], lengths, size) == expected
