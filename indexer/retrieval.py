"""Retrieval: the Whoosh side of a search, AND first and OR as the fallback.

Scoring every passage that shares one word with the query is what makes a naive engine slow
on a large corpus ("gender" matches nearly everything). So retrieval runs in two cheap parts:

* the match set, unscored: bitmaps of the passages each query word matches
  (``indexer.match_sets``), AND-ed or OR-ed; it gives the total, the facet counts and which
  words each scored passage covers;
* the ranked head, scored with BM25F and filtered in Whoosh, only ``depth`` deep.

The AND query (every content word somewhere in the passage, with a proximity bonus) runs
first; the OR query only when AND finds fewer than :data:`ENOUGH` passages.

Both parts stop at the query's :class:`~indexer.deadline.Deadline`: what was found by then is
returned with ``timed_out`` set, so one query never holds a server thread for seconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import query as wq

from indexer.analysis import english_analyzer, french_analyzer, french_terms
from indexer.deadline import Deadline
from indexer.match_sets import MatchSets, has
from indexer.scoring_pool import BOOSTED_FIELDS, choose_pool, docnums, pool_size, score_pool
from indexer.query import QueryPlan, Slot, any_of, phrase_bonus, proximity_terms
from indexer.ranking import Candidate
from indexer.schema import FIELD_BOOSTS
from kb.documents import Passage
from kb.knowledge_base import KnowledgeBase

ENOUGH = 5  # AND results below this also bring in the OR results
DEFINITION_BOOST = 3.0  # role=definition passages, when the query asks for a definition
RESOLUTION_BOOST = 4.0  # passages about the resolution a query names beside other words
PARAGRAPH_BOOST = 4.0  # ... and its paragraphs, when the query asks for one ("which paragraph of 1325 ...")
PARAGRAPH_WORDS = frozenset("paragraph paragraphs para paras op ops operative paragraphe clause".split())
LEAD_BONUS = 1.25  # the first passage under a heading the query matches is its best entry point
LEAD_BONUS_FULL = 1.6  # ... and more so when the heading holds every query word
PROXIMITY_BONUS = 1.5  # the query's words close together in the body text
# A link entry (a resource's title and address) points at an answer rather than giving one;
# its short text would otherwise win on length normalisation alone.
ROLE_PRIOR = {"link": 0.7}
PROXIMITY_SLOP = 3
PROXIMITY_DEPTH = 60  # candidates per query run checked for proximity  # extra positions allowed in the window that holds every query word
_ANALYZER = english_analyzer()
_FRENCH = french_analyzer()

@dataclass
class Retrieved:
    """The scored head of the results and the whole match set."""

    candidates: list[Candidate] = field(default_factory=list)
    mask: int = 0  # the whole match set, unfiltered, as a bitmap (``indexer.match_sets``)
    full: int = 0  # how many passages contain every query word
    timed_out: bool = False  # the deadline cut the search short: the lists hold what was found by then


def slot_weight(searcher, slot: Slot) -> float:
    """How informative a slot is: the inverse document frequency of its rarest form."""
    frequency = max((searcher.doc_frequency(f, t) for f, t in slot.terms), default=0)
    return math.log(1 + searcher.doc_count_all() / (frequency + 0.5))


def _boosts(plan: QueryPlan, slots: list[Slot]) -> list[wq.Query]:
    boosts: list[wq.Query] = []
    bonus = phrase_bonus(slots, plan)
    if bonus is not None:
        boosts.append(bonus)
    if plan.definition_question:
        boosts.append(wq.Term("role", "definition", boost=DEFINITION_BOOST))
    if plan.resolution is not None:
        number = str(plan.resolution)
        boosts.append(wq.Term("resolution", number, boost=RESOLUTION_BOOST))
        boosts.extend(wq.Term(f, number, boost=FIELD_BOOSTS[f]) for f in ("title", "headings", "text"))
        if PARAGRAPH_WORDS.intersection(plan.words):
            boosts.append(wq.And([wq.Term("resolution", number), wq.Term("role", "operative")],
                                 boost=PARAGRAPH_BOOST))
    return boosts


def retrieve(searcher, kb: KnowledgeBase, ids: list[str], leads: frozenset[str], plan: QueryPlan,
             slots: list[Slot], filters: dict[str, set[str]], depth: int, deadline: Deadline | None,
             sets: MatchSets) -> Retrieved:
    """Scored candidates (at most ``depth`` per query run) and the unfiltered match set, until ``deadline``."""
    if not slots:
        return Retrieved()
    deadline = deadline or Deadline(None)
    weights = [slot_weight(searcher, slot) for slot in slots]
    total_weight = sum(weights) or 1.0
    boosts = _boosts(plan, slots)
    retrieved = Retrieved()
    seen: set[str] = set()
    reader = searcher.reader()
    masks = [sets.query(searcher, s.query) for s in slots]
    titled_masks = [_field_mask(sets, reader, s, ("title",)) for s in slots]
    # Words French analysis drops ("des", "la") cannot be missing from a French passage.
    french_stopped = {i for i, s in enumerate(slots) if not any(f == "text_fr" for f, _ in s.terms)}
    near = tuple(dict.fromkeys(proximity_terms(slots))) if len(slots) > 1 else ()
    near_fr = tuple(dict.fromkeys(t for s in slots for t in french_terms(s.word.rstrip("*")))) if near else ()
    conjunction = wq.And([s.query for s in slots]) if len(slots) > 1 else slots[0].query
    every = masks[0]
    for mask in masks[1:]:
        every &= mask
    runs = [(conjunction, every)]
    if len(slots) > 1:
        some = 0
        for mask in masks:
            some |= mask
        runs.append((any_of(slots), some))
    for run, (q, mask) in enumerate(runs):
        # The first run is always scored (its pool is bounded, and an empty page helps nobody);
        # the time limit can only skip or cut short the OR fallback.
        if run and deadline.passed():
            break
        retrieved.mask |= mask
        if run == 0:
            retrieved.full = mask.bit_count()
        if not mask:
            continue
        allowed = sets.filtered(mask, filters)
        if not allowed:
            continue
        scored = wq.AndMaybe(q, wq.Or(boosts)) if boosts else q
        size = pool_size(scored, depth)
        if allowed.bit_count() > size:  # too many to score: choose which (the boosted bitmaps are only needed here)
            boosted = [_field_mask(sets, reader, s, BOOSTED_FIELDS) for s in slots]
            if boosts:
                boosted.append(sets.query(searcher, wq.Or(boosts)))
            pool = choose_pool(allowed, boosted, sets.lengths(reader), size) or docnums(allowed)
        else:
            pool = docnums(allowed)
        scores = score_pool(searcher, scored, pool, lambda phrase: sets.query(searcher, phrase),
                            deadline if run else None)
        found: list[Candidate] = []
        for docnum, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:depth]:
            passage_id = ids[docnum]
            passage = kb.passage(passage_id)
            if passage is None or passage_id in seen:
                continue
            seen.add(passage_id)
            covered = [i for i, m in enumerate(masks)
                       if has(m, docnum) or (passage.language == "fr" and i in french_stopped)]
            if passage_id in leads and passage.role != "definition":
                titled = sum(1 for m in titled_masks if has(m, docnum))
                if titled == len(slots):
                    score *= LEAD_BONUS_FULL  # the query names this heading: its first passage answers
                elif titled:
                    score *= LEAD_BONUS
            score *= ROLE_PRIOR.get(passage.role, 1.0)
            weight = sum(weights[i] for i in covered) / total_weight
            found.append(Candidate(passage, score, len(covered), weight=weight))
        _proximity(found, len(slots), near, near_fr)
        retrieved.candidates.extend(found)
        if run == 0 and len(retrieved.candidates) >= ENOUGH:
            break
    retrieved.timed_out = deadline.hit
    return retrieved


def _field_mask(sets: MatchSets, reader, slot: Slot, fieldnames: tuple[str, ...]) -> int:
    mask = 0
    for field_, term in slot.terms:
        if field_ in fieldnames:
            mask |= sets.term(reader, field_, term)
    return mask


def _proximity(found: list[Candidate], slots: int, near: tuple[str, ...], near_fr: tuple[str, ...]) -> None:
    """The proximity bonus for the best-scored candidates holding every word close together.

    Checked on the :data:`PROXIMITY_DEPTH` best only: deeper passages would need more than the
    bonus to reach the first page, and checking means reading the passage's words.
    """
    if not near:
        return
    full = sorted((c for c in found if c.coverage == slots), key=lambda c: -c.score)[:PROXIMITY_DEPTH]
    for candidate in full:
        terms = near_fr if candidate.passage.language == "fr" else near
        if terms and _window(candidate.passage, terms) is not None:
            candidate.score *= PROXIMITY_BONUS


@lru_cache(maxsize=20000)
def _positions(passage_id: str, text: str, language: str) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    analyzer = _FRENCH if language == "fr" else _ANALYZER
    for token in analyzer(text, positions=True):
        found.setdefault(token.text, []).append(token.pos)
    return {t: tuple(p) for t, p in found.items()}


def _window(passage: Passage, terms: tuple[str, ...]) -> int | None:
    """The width of the smallest stretch of the passage's text holding every term, if within the slop."""
    positions = _positions(passage.id, passage.text, passage.language)
    if any(t not in positions for t in terms):
        return None
    events = sorted((p, t) for t in terms for p in positions[t])
    counts: dict[str, int] = {}
    best = None
    left = 0
    for right, (pos, term) in enumerate(events):
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == len(terms):
            width = pos - events[left][0] + 1
            best = width if best is None else min(best, width)
            lterm = events[left][1]
            counts[lterm] -= 1
            if not counts[lterm]:
                del counts[lterm]
            left += 1
    return best if best is not None and best <= len(terms) + PROXIMITY_SLOP else None
