"""Mandate to practice: link each operative paragraph to the guide sections and checklists that carry it out.

The idea: an operative paragraph is a query, the practice passages of the corpus are the
documents, and the match is BM25 over the terms both share, so every link can be explained
by the terms that earned its score.

* Terms come from the same English analysis chain the index uses (``indexer.analysis``:
  folding, stop words, Porter2 stems), so "trained" meets "training". A term is a stem, two
  adjacent stems not split by punctuation ("sexual violence"), or a glossary concept, met
  under any of its names ("SGBV" or "sexual and gender-based violence"). Phrases weigh more
  than single words, glossary concepts more still.
* The Council's drafting language says nothing about practice, so it is masked before
  anything is counted: the operative verb each paragraph opens with, a fixed list of
  procedural words (:data:`DRAFTING_WORDS`), and any stem found in a large share of the
  paragraphs of every resolution whose text is held.
* Rarity is measured across the candidate passages only, so a word every guide page uses
  ("gender", "police") counts for little.
* Practice lives in the chapters and checklists of guides and toolkits: passages under an
  annex (glossary, resolution overviews and texts, links) or in the front matter are never
  candidates; nor are definitions, quotations and link lists.
* A checklist is its own target; any other passage counts towards its section, which
  scores as its best passage plus a quarter of its second best. Weak links (below
  :data:`MIN_SCORE`, under :data:`RELATIVE_FLOOR` of the paragraph's best, resting on a
  single shared term or on no phrase) are dropped; at most :data:`MAX_LINKS` are kept per
  paragraph.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from indexer.practice_terms import Analysed, Concepts, Masks, analyse, concept_patterns, drafting_masks, term_label
from kb.documents import Document, Passage
from kb.knowledge_base import KnowledgeBase
from kb.practice import PracticeLink

PRACTICE_KINDS: tuple[str, ...] = ("guide", "toolkit")
PRACTICE_ROLES: tuple[str, ...] = ("paragraph", "list", "checklist")
_NOT_PRACTICE = re.compile(r"^(?:annex(?:es)?\b|appendi(?:x|ces)\b|front matter$)", re.IGNORECASE)

K1, B, K3 = 1.2, 0.75, 1.2  # BM25's usual saturation of passage and paragraph term frequency, length normalisation
SECOND_PASSAGE_SHARE = 0.25  # how much a section's second-best passage adds to its best
EVIDENCE_SHARE = 0.5  # a passage is named as evidence when it scores this share of the best
MIN_SCORE = 12.0
RELATIVE_FLOOR = 0.4
MIN_SHARED = 2
MAX_LINKS = 5
MAX_REASON_TERMS = 6


@dataclass
class _Candidate:
    """A practice passage with its terms, and the target (section or checklist) it counts for."""

    passage: Passage
    terms: Analysed
    kind: str
    anchor: str
    title: str
    target: int = 0  # index of its (document, anchor) among all targets
    saturation: dict[str, float] = field(default_factory=dict)  # BM25's tf part, per term


def is_practice(document: Document, passage: Passage, kinds: Iterable[str] = PRACTICE_KINDS) -> bool:
    """True when ``passage`` is guidance for practice: a guide's chapter text or checklist, not an annex."""
    return (
        document.kind in tuple(kinds)
        and not document.derived_from
        and passage.role in PRACTICE_ROLES
        and not any(_NOT_PRACTICE.match(title.strip()) for title in passage.section_path)
    )


def link_mandate_to_practice(kb: KnowledgeBase, kinds: Iterable[str] = PRACTICE_KINDS) -> tuple[PracticeLink, ...]:
    """For every operative paragraph held, the closest practice sections and checklists, best first."""
    kinds = tuple(kinds)
    paragraphs = [(r, p) for r in kb.resolutions.values() for p in r.operative() if p.number is not None]
    if not paragraphs:
        return ()
    concepts = concept_patterns(kb.glossary)
    masks = drafting_masks(kb.resolutions.values())
    candidates = [
        _candidate(document, passage, concepts, masks)
        for document in kb.documents
        if document.kind in kinds
        for passage in document.passages
        if is_practice(document, passage, kinds)
    ]
    practice = _Practice([c for c in candidates if c.terms.counts])
    links: list[PracticeLink] = []
    for resolution, paragraph in paragraphs:
        query = analyse(paragraph.text, concepts, masks, operative=True)
        links.extend(practice.links_for(resolution.number, paragraph.number, paragraph.anchor, query))
    return tuple(links)


def _candidate(document: Document, passage: Passage, concepts: Concepts, masks: Masks) -> _Candidate:
    terms = analyse(passage.text, concepts, masks)
    if passage.role == "checklist":
        return _Candidate(passage, terms, "checklist", passage.anchor, passage.title)
    section = next((s for s in document.sections if s.path == passage.section_path), None)
    if section is not None:
        return _Candidate(passage, terms, "section", section.anchor, section.title)
    return _Candidate(passage, terms, "section", passage.anchor,
                      passage.section_path[-1] if passage.section_path else passage.title)


class _Practice:
    """The candidate passages as a small BM25 index, grouped into targets."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.candidates = candidates
        targets: dict[tuple[str, str], int] = {}
        self.members: list[list[int]] = []  # candidate indexes per target
        for index, candidate in enumerate(candidates):
            key = (candidate.passage.document_id, candidate.anchor)
            if key not in targets:
                targets[key] = len(targets)
                self.members.append([])
            candidate.target = targets[key]
            self.members[candidate.target].append(index)
        total = len(candidates)
        frequency: Counter[str] = Counter(term for c in candidates for term in c.terms.counts)
        self.idf = {term: math.log(1 + (total - df + 0.5) / (df + 0.5)) for term, df in frequency.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        average = sum(c.terms.length for c in candidates) / max(total, 1)
        for index, candidate in enumerate(candidates):
            norm = K1 * (1 - B + B * max(candidate.terms.length, 1) / average)
            for term, tf in candidate.terms.counts.items():
                candidate.saturation[term] = tf * (K1 + 1) / (tf + norm)
                self.postings[term].append((index, candidate.saturation[term]))

    def links_for(self, resolution: int, number: int, anchor: str, query: Analysed) -> list[PracticeLink]:
        """The targets closest to one operative paragraph (``query``), best first, weak ones left out."""
        weights = {}
        for term, repeats in query.counts.items():  # a paragraph that says "training" four times is about training
            weights[term] = query.weights[term] * self.idf.get(term, 0.0) * (K3 + 1) * repeats / (K3 + repeats)
        scores = [0.0] * len(self.candidates)
        for term, weight in weights.items():
            for index, saturation in self.postings.get(term, ()):
                scores[index] += weight * saturation
        best = [0.0] * len(self.members)
        second = [0.0] * len(self.members)
        for index, score in enumerate(scores):
            target = self.candidates[index].target
            if score > best[target]:
                best[target], second[target] = score, best[target]
            elif score > second[target]:
                second[target] = score
        totals = [(b + SECOND_PASSAGE_SHARE * s, target) for target, (b, s) in enumerate(zip(best, second))]
        ranked = sorted((t for t in totals if t[0] >= MIN_SCORE), key=lambda t: (-t[0], t[1]))
        links: list[PracticeLink] = []
        for score, target in ranked:
            if len(links) == MAX_LINKS or score < RELATIVE_FLOOR * ranked[0][0]:
                break
            members = sorted(self.members[target], key=lambda i: -scores[i])[:3]
            evidence = [i for i in members if scores[i] >= EVIDENCE_SHARE * scores[members[0]]]
            shared: Counter[str] = Counter()
            for index in evidence:
                saturation = self.candidates[index].saturation
                shared.update({t: w * saturation[t] for t, w in weights.items() if t in saturation and w > 0})
            reason = _reason(shared, query, [self.candidates[i].passage.text for i in evidence])
            if len(reason) < MIN_SHARED or not any(_is_phrase(t, query) for t in shared):
                continue
            first = self.candidates[evidence[0]]
            links.append(PracticeLink(
                resolution=resolution, paragraph=number, paragraph_anchor=anchor,
                document_id=first.passage.document_id, anchor=first.anchor, kind=first.kind, title=first.title,
                section_path=first.passage.section_path,
                passage_ids=tuple(self.candidates[i].passage.id for i in evidence), score=round(score, 2),
                shared_terms=reason,
            ))
        return links


def _reason(shared: Counter[str], query: Analysed, texts: list[str]) -> tuple[str, ...]:
    """The shared terms as the paragraph words them, most telling first.

    Phrases and glossary concepts come first, each only when it shares no word with one
    already shown ("forms of sexual" adds nothing beside "sexual violence"); then single
    words no phrase shows.
    """
    ranked = [term for term, _ in shared.most_common()]
    ranked.sort(key=lambda t: not (t.startswith("=") and _is_phrase(t, query)))  # glossary names of 2+ words first
    phrases = [t for t in ranked if _is_phrase(t, query)]
    covered: set[str] = set()
    chosen: list[str] = []
    for term in phrases:
        stems = set(query.stems[term])
        if not stems & covered:
            covered |= stems
            chosen.append(term)
    chosen += [t for t in ranked if t not in phrases and not set(query.stems[t]) <= covered]
    labels = dict.fromkeys(term_label(query.surfaces[t], texts) for t in chosen)
    return tuple(labels)[:MAX_REASON_TERMS]


def _is_phrase(term: str, query: Analysed) -> bool:
    """A phrase or a glossary term of two words or more: evidence a single shared word is not."""
    return len(query.stems[term]) > 1
