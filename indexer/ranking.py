"""Ranking after retrieval: coverage tiers, filters, facets, near-duplicates, diversity.

Whoosh scores every passage that matches any query word (BM25F). This module turns that
scored set into the list users see:

* coverage first: passages that contain every query word come before those that miss one
  (AND first, OR as the fallback), then passages that define the term a definition question
  asks about, then by score;
* filters keep passages whose facet values match (values of one field OR, fields AND); the
  facet counts over the whole match set come from ``indexer.match_sets``;
* the same text in two places (a sentence quoted in two documents) shows once;
* the top five are spread over sections when other sections answer too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from indexer.interface import FILTER_FIELDS
from kb.documents import Passage

DIVERSIFY_TOP = 5
DIVERSITY_FLOOR = 0.7  # a substitute must score at least this share of the hit it displaces
SHINGLE = 5
DUPLICATE_JACCARD = 0.85
WEIGHT_STEP = 0.05  # partial matches whose covered information differs by less than this tie


@dataclass
class Candidate:
    """A passage with its score and how many query words it covers."""

    passage: Passage
    score: float
    coverage: int = 0
    pinned: bool = False
    weight: float = 1.0  # share of the query's information (IDF of its words) the passage covers
    defines: bool = False  # holds a sentence defining the term a definition question asks about

    def key(self, slots: int) -> tuple:
        """Sort key: pinned answers, then passages with every word, then those covering the
        most informative part of the query; within a tier, passages that define the term
        asked about (``indexer.defining``), then by score."""
        full = self.coverage >= slots
        return (not self.pinned, not full, 0.0 if full else -round(self.weight / WEIGHT_STEP), not self.defines,
                -self.score)


def facet_values(passage: Passage, name: str) -> tuple[str, ...]:
    """The values ``passage`` has for facet ``name`` (type, resolution, year, pillar, document)."""
    if name == "type":
        return (passage.kind,)
    if name == "resolution":
        return (str(passage.resolution),) if passage.resolution is not None else ()
    if name == "year":
        return (str(passage.year),) if passage.year is not None else ()
    if name == "pillar":
        return tuple(passage.pillars)
    if name == "document":
        return (passage.document_id,)
    return ()


def _passes(passage: Passage, filters: dict[str, set[str]]) -> bool:
    for name, wanted in filters.items():
        values = {v.lower() for v in facet_values(passage, name)}
        if not values & {w.lower() for w in wanted}:
            return False
    return True


def group_filters(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Filter pairs grouped by field, unknown fields and blank values dropped."""
    grouped: dict[str, set[str]] = {}
    for name, value in pairs:
        if name in FILTER_FIELDS and str(value).strip():
            grouped.setdefault(name, set()).add(str(value).strip())
    return grouped


def apply_filters(candidates: list[Candidate], filters: dict[str, set[str]]) -> list[Candidate]:
    """The candidates whose passages pass every filter."""
    if not filters:
        return candidates
    return [c for c in candidates if _passes(c.passage, filters)]


def _shingles(text: str) -> frozenset[str]:
    words = re.findall(r"\w+", text.lower())
    if len(words) <= SHINGLE:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


@lru_cache(maxsize=20000)
def _signature(passage_id: str, text: str) -> tuple[str, frozenset[str]]:
    return " ".join(re.findall(r"\w+", text.lower())), _shingles(text)


def is_near_duplicate(a: Passage, b: Passage) -> bool:
    """True when two passages say the same thing: same words, or one wholly inside the other."""
    if a.language != b.language or not a.text or not b.text:
        return False
    if min(len(a.text), len(b.text)) < 0.75 * max(len(a.text), len(b.text)):
        return False  # too different in length for either test below
    norm_a, shingles_a = _signature(a.id, a.text)
    norm_b, shingles_b = _signature(b.id, b.text)
    if not norm_a or not norm_b:
        return False
    if norm_a == norm_b:
        return True
    short, long_ = sorted((norm_a, norm_b), key=len)
    if len(short) >= 80 and len(short) >= 0.8 * len(long_) and short in long_:
        return True
    return len(shingles_a & shingles_b) / max(1, len(shingles_a | shingles_b)) >= DUPLICATE_JACCARD


def collapse_duplicates(ranked: list[Candidate], window: int = 60) -> list[Candidate]:
    """``ranked`` without near-duplicates of a better-ranked passage (checked over the top ``window``)."""
    kept: list[Candidate] = []
    lengths: list[int] = []
    for index, candidate in enumerate(ranked):
        if index < window:
            size = len(candidate.passage.text)
            # Only passages of a similar length can be near-duplicates (is_near_duplicate's first test).
            low, high = 0.75 * size, size / 0.75
            if any(low <= length <= high and is_near_duplicate(candidate.passage, k.passage)
                   for length, k in zip(lengths[:window], kept[:window])):
                continue
        kept.append(candidate)
        lengths.append(len(candidate.passage.text))
    return kept


def _section(passage: Passage) -> tuple:
    return (passage.document_id, passage.section_path[:2])


def diversify(ranked: list[Candidate], top: int = DIVERSIFY_TOP) -> list[Candidate]:
    """Reorder the first ``top`` so no section fills them when another section scores close."""
    result = list(ranked)
    for position in range(1, min(top, len(result))):
        seen = Counter(_section(c.passage) for c in result[:position])
        current = result[position]
        if current.pinned or seen[_section(current.passage)] < 2:
            continue
        for later in range(position + 1, min(len(result), position + 15)):
            other = result[later]
            if (seen[_section(other.passage)] == 0 and other.coverage >= current.coverage
                    and other.score >= DIVERSITY_FLOOR * current.score):
                result.insert(position, result.pop(later))
                break
    return result
