"""The Whoosh search engine behind ``indexer.interface.SearchBackend``.

One :class:`WhooshBackend` serves many threads: the live build (index, knowledge base,
acronym table) is one immutable :class:`_State`, swapped whole when ``root/current`` points
at a newer build (checked at most once a second), and each thread keeps its own warm
searcher for the state it last used.

A search runs in three steps: understand the query (``indexer.query``); retrieve with BM25F
(``indexer.retrieval``: passages with every content word first, any word as the fallback;
the whole match set counted for totals and facets, the head scored); then rank
(``indexer.ranking``): answers the user named outright (a glossary entry, a resolution
paragraph, an article) first, then passages covering all words (for a definition question,
those defining the term first: ``indexer.defining``), then the rest;
near-duplicates collapsed, the top five diversified. When a word is unknown and little
matches, a correction from the corpus's own words is offered (``indexer.spelling``) and
searched instead if nothing has every word.

Each search has a time limit (:data:`QUERY_TIME_LIMIT`, ``WhooshBackend.time_limit``): when it
runs out, the results found so far are returned with ``timed_out`` set (HTTP 200, and
``"timed_out": true`` in the JSON), rather than an error.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.scoring import BM25F

from indexer.acronyms import AcronymTable
from indexer.answers import define_term, direct_answers, suggestions
from indexer.defining import mark_defining
from indexer.analysis import FRENCH_STOPWORDS, english_terms, french_terms
from indexer.deadline import Deadline
from indexer.index import load_current, read_build_meta
from indexer.match_sets import MatchSets
from indexer.interface import MAX_LIMIT, SearchHit, SearchQuery, SearchResults
from indexer.originals import original_path
from indexer.query import QueryPlan, build_slots, parse_query
from indexer.ranking import Candidate, apply_filters, collapse_duplicates, diversify, group_filters
from indexer.retrieval import ENOUGH, retrieve
from indexer.snippets import make_snippet
from indexer.spelling import build_vocabulary, correct
from kb.glossary import GlossaryTerm
from kb.knowledge_base import KnowledgeBase, passage_url

REFRESH_INTERVAL = 1.0
QUERY_TIME_LIMIT = 0.5  # seconds a search may spend retrieving before it returns what it found
RANK_DEPTH = 200  # passages scored and re-ranked per query run (the match set is counted whole)
SCORING = BM25F(B=0.75, K1=1.2, title_B=0.4, terms_B=0.2, headings_B=0.5)


@dataclass(eq=False)
class _State:
    build_dir: Path
    kb: KnowledgeBase
    index: object
    _ids: list[str] | None = None
    _sets: MatchSets | None = None
    _ids_lock: threading.Lock = field(default_factory=threading.Lock)

    @cached_property
    def acronyms(self) -> AcronymTable:
        return AcronymTable.from_kb(self.kb)

    @cached_property
    def vocabulary(self):
        # English words only: an English query should not be "corrected" into French.
        return build_vocabulary(p.text for p in self.kb.passages() if p.language != "fr")

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

    def sets(self, searcher) -> MatchSets:
        """The build's bitmaps of terms and facet values (``indexer.match_sets``)."""
        if self._sets is None:
            ids = self.ids(searcher)
            with self._ids_lock:
                if self._sets is None:
                    self._sets = MatchSets(self.kb, ids)
        return self._sets

    def ids(self, searcher) -> list[str]:
        """Passage id per Whoosh document number (the same for every reader of this build)."""
        if self._ids is None:
            with self._ids_lock:
                if self._ids is None:
                    reader = searcher.reader()
                    table = [""] * reader.doc_count_all()
                    for docnum, stored in reader.iter_docs():
                        table[docnum] = stored.get("id", "")
                    self._ids = table
        return self._ids

    @cached_property
    def overviews(self) -> dict[int, str]:
        """Resolution number -> id of its overview passage (the guide's Annex B)."""
        found: dict[int, str] = {}
        for passage in self.kb.passages():
            if passage.role == "overview" and passage.resolution is not None:
                found.setdefault(passage.resolution, passage.id)
        return found

    @cached_property
    def originals(self) -> dict[str, str]:
        """Document id -> its source file in the build, relative to the build folder."""
        names = read_build_meta(self.build_dir).get("originals")
        return names if isinstance(names, dict) else {}

    @cached_property
    def order(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.kb.passages())}


class WhooshBackend:
    """Searches the current build under ``root``; safe to share between threads."""

    def __init__(self, root: Path, time_limit: float | None = QUERY_TIME_LIMIT) -> None:
        self.root = Path(root)
        self.time_limit = time_limit  # seconds per search; None for no limit
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

    def original_file(self, document_id: str) -> Path | None:
        """The source file of ``document_id`` as copied into the served build (None if it has none)."""
        state = self._state
        return original_path(state.build_dir, state.originals, document_id)

    # -- definitions and suggestions ------------------------------------------------------

    def define(self, term: str) -> GlossaryTerm | None:
        """The glossary entry for ``term``: by name, plural, acronym or expansion, or inside a question."""
        state = self._state
        return define_term(state.kb, state.acronyms, term)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions for ``prefix``: glossary terms, resolutions ("1325 (2000)"), headings."""
        return suggestions(self._state.kb, prefix, limit)

    # -- search -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        """Ranked passages for ``query`` (QueryError for an empty or oversized query)."""
        started = time.perf_counter()
        deadline = Deadline(self.time_limit)
        self.refresh()
        state = self._state
        limit = max(1, min(int(query.limit or 10), MAX_LIMIT))
        page = max(1, int(query.page or 1))
        depth = max(RANK_DEPTH, page * limit + 20)
        filters = group_filters(query.filters)
        plan = parse_query(query.text, state.resolutions)
        searcher = self._searcher(state)
        ids = state.ids(searcher)
        sets = state.sets(searcher)

        def run(plan: QueryPlan):
            slots = build_slots(self._slot_words(plan), state.acronyms, searcher.reader())
            pinned, answer = direct_answers(state.kb, state.acronyms, plan, state.overviews)
            found = retrieve(searcher, state.kb, ids, state.leads, plan, slots, filters, depth, deadline, sets)
            if plan.definition_question and not pinned:  # no glossary entry: passages defining it
                mark_defining(found.candidates, plan.term)
            return slots, pinned, answer, found

        slots, pinned, answer, found = run(plan)
        suggestion = None
        if found.full < 3 and not pinned and not deadline.passed():
            corrected = self._correction(state, searcher, plan)
            if corrected is not None:
                suggestion = " ".join(corrected)
                if not found.full:  # nothing has every word: search for the correction instead
                    slots, pinned, answer, found = run(parse_query(suggestion, state.resolutions))

        kb = state.kb
        pinned = [p for p in pinned if kb.passage(p) is not None]
        best = max((c.score for c in found.candidates), default=0.0)
        heads = [Candidate(kb.passage(p), best + len(pinned) - rank, len(slots), pinned=True)
                 for rank, p in enumerate(pinned)]
        everything = found.mask | sets.passages(pinned)
        facets = sets.facet_counts(everything, filters)
        total = sets.filtered(everything, filters).bit_count()
        ranked = apply_filters(heads, filters) + [c for c in found.candidates if c.passage.id not in pinned]
        if len([c for c in ranked if c.coverage >= len(slots) or c.pinned]) >= ENOUGH:
            ranked = [c for c in ranked if c.coverage >= len(slots) or c.pinned]  # AND found enough
            total = min(total, found.full + len(heads))
        ranked.sort(key=lambda c: (*c.key(len(slots)), state.order.get(c.passage.id, 0)))
        ranked = diversify(collapse_duplicates(ranked))
        if answer is not None and pinned and not any(c.pinned for c in ranked):
            answer = None  # filtered away
        highlight_terms = {t for s in slots for _, t in s.terms | set().union(*s.groups) if t}
        window = ranked[(page - 1) * limit: page * limit]
        hits = tuple(self._hit(state, c, highlight_terms) for c in window)
        return SearchResults(
            query=SearchQuery(query.text, limit, page, tuple(query.filters)), total=max(total, len(ranked)),
            hits=hits, facets=facets, suggestion=suggestion, took_ms=(time.perf_counter() - started) * 1000,
            answer=answer, timed_out=deadline.hit,
        )

    @staticmethod
    def _slot_words(plan: QueryPlan) -> tuple[str, ...]:
        """The words to search for: a bare reference searches its number (after the paragraph itself)."""
        if plan.is_reference:
            return (str(plan.resolution),)
        return plan.residual if plan.resolution is not None else plan.words

    def _correction(self, state: _State, searcher, plan: QueryPlan) -> list[str] | None:
        """A corrected query when some word is unknown to the index; numbers are never changed."""
        reader = searcher.reader()

        def known(word: str) -> bool:
            terms = english_terms(word)
            if not terms or word.lower() in FRENCH_STOPWORDS:  # "des", "les": French, not misspelt English
                return True
            return all(any(reader.doc_frequency(f, t) for f in ("text", "title", "headings", "terms"))
                       for t in terms) or any(reader.doc_frequency("text_fr", t) for t in french_terms(word))

        words = list(plan.words)
        if all(known(w) for w in words):
            return None
        return correct(words, state.vocabulary, known)

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


def open_backend(root: Path | None = None) -> WhooshBackend:
    """The search engine over the current build under ``root`` (default: the project's index root)."""
    if root is None:
        from indexer.index import default_index_root

        root = default_index_root()
    if not os.path.exists(Path(root) / "current"):
        raise FileNotFoundError(f"no index at {root}: run `wpskb index` first")
    return WhooshBackend(Path(root))
