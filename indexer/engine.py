"""The Whoosh search engine behind ``indexer.interface.SearchBackend``.

One :class:`WhooshBackend` serves many threads: the live build (index, knowledge base,
acronym table) is one immutable :class:`_State`, swapped whole when ``root/current`` points
at a newer build (checked at most once a second), and each thread keeps its own warm
searcher for the state it last used.

A search runs in three steps: understand the query (``indexer.query``), retrieve every
passage matching any content word with BM25F, then rank (``indexer.ranking``): answers the
user named directly (a glossary entry, a resolution paragraph) first, then passages covering
all words, then the rest; near-duplicates collapsed, the top five diversified.
"""

from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.scoring import BM25F

from indexer.acronyms import AcronymTable
from indexer.analysis import english_terms, french_terms
from indexer.index import load_current
from indexer.interface import MAX_LIMIT, Answer, QueryError, SearchHit, SearchQuery, SearchResults
from indexer.schema import FIELD_BOOSTS
from indexer.query import QueryPlan, Slot, any_of, build_slots, parse_query, phrase_bonus
from indexer.ranking import (Candidate, apply_filters, collapse_duplicates, diversify, facet_counts,
                             group_filters)
from indexer.snippets import make_snippet
from indexer.spelling import build_vocabulary, correct
from kb.glossary import GlossaryTerm
from kb.knowledge_base import KnowledgeBase, passage_url

REFRESH_INTERVAL = 1.0
DEFINITION_BOOST = 3.0  # role=definition passages, when the query asks for a definition
RESOLUTION_BOOST = 4.0  # passages about the resolution a query names beside other words
LEAD_BONUS = 1.25  # the first passage under a heading the query matches is its best entry point
LEAD_BONUS_FULL = 1.6  # ... and more so when the heading holds every query word
SCORING = BM25F(B=0.75, K1=1.2, title_B=0.4, terms_B=0.2, headings_B=0.5)


@dataclass(eq=False)
class _State:
    build_dir: Path
    kb: KnowledgeBase
    index: object

    @cached_property
    def acronyms(self) -> AcronymTable:
        return AcronymTable.from_kb(self.kb)

    @cached_property
    def vocabulary(self):
        return build_vocabulary(p.text for p in self.kb.passages())

    @cached_property
    def resolutions(self) -> frozenset[int]:
        return frozenset(self.kb.resolutions)

    @cached_property
    def leads(self) -> frozenset[str]:
        """Ids of passages that come first under their heading."""
        seen: dict[tuple, str] = {}
        for passage in self.kb.passages():
            seen.setdefault((passage.document_id, passage.section_path), passage.id)
        return frozenset(seen.values())

    @cached_property
    def order(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.kb.passages())}


class WhooshBackend:
    """Searches the current build under ``root``; safe to share between threads."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._checked = 0.0
        self._state = self._load()

    def _load(self) -> _State:
        build_dir, kb = load_current(self.root)
        return _State(build_dir, kb, whoosh_index.open_dir(str(build_dir / "whoosh")))

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base of the build being served."""
        return self._state.kb

    @property
    def build_dir(self) -> Path:
        """The build folder being served."""
        return self._state.build_dir

    def refresh(self) -> bool:
        """Switch to a newer build if ``root/current`` moved; checks the link at most once a second."""
        now = time.monotonic()
        if now - self._checked < REFRESH_INTERVAL:
            return False
        self._checked = now
        try:
            target = (self.root / "current").resolve(strict=True)
        except OSError:
            return False
        if target == self._state.build_dir or not (target / "build.json").is_file():
            return False
        with self._lock:
            if target == self._state.build_dir:
                return False
            self._state = self._load()
        return True

    def _searcher(self, state: _State):
        local = self._local
        if getattr(local, "state", None) is not state:
            if getattr(local, "searcher", None) is not None:
                local.searcher.close()
            local.searcher = state.index.searcher(weighting=SCORING)
            local.state = state
        return local.searcher

    # -- definitions and suggestions ------------------------------------------------------

    def define(self, term: str) -> GlossaryTerm | None:
        """The glossary entry for ``term``: by name, plural, acronym or expansion, or inside a question."""
        state = self._state
        if not term or not term.strip():
            return None
        found = state.kb.glossary.lookup(term)
        if found is None:
            try:
                plan = parse_query(term)
            except QueryError:
                return None
            found = state.kb.glossary.lookup(plan.term) if plan.term else None
            term = plan.term or term
        if found is None:
            wanted = _words(term)
            found = next((t for t in state.kb.glossary if any(_words(n) == wanted for n in t.names)), None)
        if found is None:
            for expansion in state.acronyms.expand(term.strip()):
                found = state.kb.glossary.lookup(expansion)
                if found:
                    break
        if found is None:
            acronym = state.acronyms.acronym_for(term)
            found = state.kb.glossary.lookup(acronym) if acronym else None
        return found

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions for ``prefix``: glossary terms, resolutions ("1325 (2000)"), headings."""
        prefix = " ".join(prefix.lower().split())
        if not prefix:
            return []
        state = self._state
        starts, inside = [], []
        for number, resolution in state.kb.resolutions.items():
            label = f"{number} ({resolution.year})"
            if label.startswith(prefix) or f"resolution {label}".startswith(prefix):
                starts.append(label)
        names = [n for t in state.kb.glossary for n in t.names]
        headings = [s.title for d in state.kb.documents for s in d.sections if s.title]
        for name in names + headings:
            lowered = name.lower()
            if lowered.startswith(prefix):
                starts.append(name)
            elif f" {prefix}" in f" {lowered}":
                inside.append(name)
        seen: set[str] = set()
        result = []
        for name in starts + inside:
            if name.lower() not in seen:
                seen.add(name.lower())
                result.append(name)
        return result[:max(0, limit)]

    # -- search -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        """Ranked passages for ``query`` (QueryError for an empty or oversized query)."""
        started = time.perf_counter()
        self.refresh()
        state = self._state
        limit = max(1, min(int(query.limit or 10), MAX_LIMIT))
        page = max(1, int(query.page or 1))
        plan = parse_query(query.text, state.resolutions)
        searcher = self._searcher(state)
        slots = build_slots(self._slot_words(plan), state.acronyms, searcher.reader())

        pinned, answer = self._direct_answers(state, plan)
        candidates = self._retrieve(searcher, state, plan, slots, pinned)
        suggestion = None
        full = [c for c in candidates if c.coverage >= len(slots) or c.pinned]
        if len(full) < 3 and not pinned:
            corrected = self._correction(state, searcher, plan)
            if corrected is not None:
                suggestion = " ".join(corrected)
                if not full:  # nothing has every word: search for the correction instead
                    plan = parse_query(suggestion, state.resolutions)
                    slots = build_slots(self._slot_words(plan), state.acronyms, searcher.reader())
                    pinned, answer = self._direct_answers(state, plan)
                    candidates = self._retrieve(searcher, state, plan, slots, pinned)

        filters = group_filters(query.filters)
        facets = facet_counts(candidates, filters)
        ranked = apply_filters(candidates, filters)
        if len([c for c in ranked if c.coverage >= len(slots) or c.pinned]) >= 5:
            ranked = [c for c in ranked if c.coverage >= len(slots) or c.pinned]  # AND found enough
        ranked.sort(key=lambda c: (*c.key(len(slots)), state.order.get(c.passage.id, 0)))
        ranked = diversify(collapse_duplicates(ranked))
        if answer is not None and pinned and not any(c.pinned for c in ranked):
            answer = None  # filtered away
        highlight_terms = {t for s in slots for _, t in s.terms | set().union(*s.groups) if t}
        window = ranked[(page - 1) * limit: page * limit]
        hits = tuple(self._hit(state, c, highlight_terms) for c in window)
        return SearchResults(
            query=SearchQuery(query.text, limit, page, tuple(query.filters)), total=len(ranked), hits=hits,
            facets=facets, suggestion=suggestion, took_ms=(time.perf_counter() - started) * 1000, answer=answer,
        )

    @staticmethod
    def _slot_words(plan: QueryPlan) -> tuple[str, ...]:
        """The words to search for: a bare reference searches its number (after the paragraph itself)."""
        if plan.is_reference:
            return (str(plan.resolution),)
        return plan.residual if plan.resolution is not None else plan.words

    def _direct_answers(self, state: _State, plan: QueryPlan) -> tuple[list[str], Answer | None]:
        """Passage ids the query names outright, and the card to show for them."""
        kb = state.kb
        if plan.is_reference and plan.resolution in kb.resolutions:
            resolution = kb.resolutions[plan.resolution]
            passages = kb.resolution_passages(plan.resolution)
            if plan.paragraph is not None:
                match = next((p for p in passages if p.role == "operative" and p.number == plan.paragraph), None)
                if match is not None:
                    return [match.id], Answer("paragraph", match.title, match.text, passage_url(match),
                                              resolution.citation(plan.paragraph))
            if not passages and not any(p.resolution == plan.resolution for p in kb.passages()):
                facts = (f"{resolution.symbol}, adopted on {resolution.adopted.isoformat()} at the Security "
                         f"Council's {resolution.meeting}th meeting ({resolution.vote}).")
                return [], Answer("resolution", resolution.title, resolution.overview or facts, resolution.url,
                                  resolution.symbol)
            overview = next((p for p in kb.passages() if p.role == "overview" and p.resolution == plan.resolution),
                            None)
            first = next((p for p in passages if p.role == "operative" and p.number == 1), None)
            ids = [p.id for p in (overview, first) if p is not None]
            text = resolution.overview or (overview.text if overview else "") or (first.text if first else "")
            return ids, Answer("resolution", resolution.title, text, resolution.url, resolution.symbol)
        if plan.article is not None:
            match = self._article(kb, plan)
            if match is not None:
                return [match.id], Answer("paragraph", match.title, match.text, passage_url(match))
        if plan.resolution is None or plan.definition_question:
            term = self.define(plan.term) if plan.term else None
            if term is not None and term.passage_id and kb.passage(term.passage_id):
                url = passage_url(kb.passage(term.passage_id))
                return [term.passage_id], Answer("definition", term.term, term.definition, url, term.source)
        return [], None

    @staticmethod
    def _article(kb: KnowledgeBase, plan: QueryPlan):
        """The article passage an article reference names, in the language it was asked in."""
        wanted = "fr" if plan.french else "en"
        matches = [
            p for d in kb.documents for p in d.passages
            if p.role == "article" and p.number == plan.article
            and (d.kind == "charter" if plan.instrument == "charter" else plan.instrument in f"{d.id} {d.title}".lower())
        ]
        matches.sort(key=lambda p: p.language != wanted)
        return matches[0] if matches else None

    def _retrieve(self, searcher, state: _State, plan: QueryPlan, slots: list[Slot],
                  pinned: list[str]) -> list[Candidate]:
        """Every passage matching a slot, scored, with its slot coverage; pinned ids first."""
        kb = state.kb
        candidates: dict[str, Candidate] = {}
        for rank, passage_id in enumerate(pinned):
            passage = kb.passage(passage_id)
            if passage is not None:
                candidates[passage_id] = Candidate(passage, float(len(pinned) - rank), len(slots), pinned=True)
        if not slots:
            return list(candidates.values())
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
        q = any_of(slots)
        if boosts:
            q = wq.AndMaybe(q, wq.Or(boosts))
        results = searcher.search(q, limit=None, terms=True)
        weights = [self._slot_weight(searcher, slot) for slot in slots]
        total_weight = sum(weights) or 1.0
        for hit in results:
            passage = kb.passage(hit["id"])
            if passage is None or hit["id"] in candidates:
                continue
            matched = {(f, t.decode() if isinstance(t, bytes) else t) for f, t in hit.matched_terms()}
            covered = [i for i, s in enumerate(slots) if s.terms & matched or any(g <= matched for g in s.groups)]
            score = hit.score
            if passage.id in state.leads and passage.role != "definition":
                titled = [s for s in slots if any((f, t) in matched for f, t in s.terms if f == "title")]
                if len(titled) == len(slots):
                    score *= LEAD_BONUS_FULL  # the query names this heading: its first passage answers
                elif titled:
                    score *= LEAD_BONUS
            weight = sum(weights[i] for i in covered) / total_weight
            candidates[hit["id"]] = Candidate(passage, score, len(covered), weight=weight)
        best = max((c.score for c in candidates.values() if not c.pinned), default=0.0)
        for candidate in candidates.values():
            if candidate.pinned:
                candidate.score += best  # shown above the best ranked passage
        return list(candidates.values())

    @staticmethod
    def _slot_weight(searcher, slot: Slot) -> float:
        """How informative a slot is: the inverse document frequency of its rarest form."""
        frequency = max((searcher.doc_frequency(f, t) for f, t in slot.terms), default=0)
        return math.log(1 + searcher.doc_count_all() / (frequency + 0.5))

    def _correction(self, state: _State, searcher, plan: QueryPlan) -> list[str] | None:
        """A corrected query when some word is unknown to the index; numbers are never changed."""
        reader = searcher.reader()

        def known(word: str) -> bool:
            terms = english_terms(word)
            if not terms:
                return True
            return all(any(reader.doc_frequency(f, t) for f in ("text", "title", "headings", "terms"))
                       for t in terms) or any(reader.doc_frequency("text_fr", t) for t in french_terms(word))

        words = list(plan.words)
        if all(known(w) for w in words):
            return None
        return correct(words, _KnownFirst(state.vocabulary, known, words))

    def _hit(self, state: _State, candidate: Candidate, terms: set[str]) -> SearchHit:
        passage = candidate.passage
        document = state.kb.document(passage.document_id)
        language = passage.language if passage.language in ("en", "fr") else "en"
        if language == "fr":
            terms = {t for w in terms for t in french_terms(w)} | terms
        return SearchHit(
            id=passage.id, title=passage.title, type=passage.kind, role=passage.role,
            document=passage.document_id, document_title=document.title if document else passage.document_id,
            url=passage_url(passage), snippet=make_snippet(passage.text, terms, language),
            text=passage.text, score=candidate.score,
            section_path=passage.section_path, resolution=passage.resolution, number=passage.number,
        )


def _words(text: str) -> tuple[str, ...]:
    """A name as bare words: "Women, Peace and Security" and "women peace & security" agree."""
    return tuple(english_terms(text))


class _KnownFirst(dict):
    """The vocabulary as ``correct`` sees it: words the index knows count as present."""

    def __init__(self, vocabulary: dict[str, int], known, words: list[str]) -> None:
        super().__init__(vocabulary)
        for word in words:
            if known(word):
                self.setdefault(word.lower(), 1)


def open_backend(root: Path | None = None) -> WhooshBackend:
    """The search engine over the current build under ``root`` (default: the project's index root)."""
    if root is None:
        from indexer.index import default_index_root

        root = default_index_root()
    if not os.path.exists(Path(root) / "current"):
        raise FileNotFoundError(f"no index at {root}: run `wpskb index` first")
    return WhooshBackend(Path(root))
