"""Direct answers: what a query names outright, found without ranking.

An officer typing "SEA", "LGBT" (a variant of the glossary's "LGBTQ2") or "what is gender" wants
the glossary entry; a trainer typing "1325 op 8" or "1325 pp 3" wants that paragraph, "UNSCR
1325" or "résolution 1325" the resolution's overview, "article 41 of the Charter" that article,
"what does 1325 ask of Member States?" those paragraphs (``indexer.commitment_questions``).
These lookups go straight to the knowledge base; the engine puts what they find above the ranked
results, with an :class:`~indexer.interface.Answer` card. The search box's completions (glossary
names, resolution numbers, headings) live here too.
"""

from __future__ import annotations

from indexer.acronyms import AcronymTable, acronym_variants
from indexer.analysis import english_terms
from indexer.commitment_questions import commitments_answer
from indexer.interface import Answer, QueryError
from indexer.query import QueryPlan, parse_query
from kb.documents import Passage
from kb.glossary import GlossaryTerm
from kb.knowledge_base import KnowledgeBase, passage_url


def _words(text: str) -> tuple[str, ...]:
    """A name as bare words: "Women, Peace and Security" and "women peace & security" agree."""
    return tuple(english_terms(text))


def define_term(kb: KnowledgeBase, acronyms: AcronymTable, term: str) -> GlossaryTerm | None:
    """The glossary entry for ``term``: by name, plural, acronym or expansion, or inside a question."""
    if not term or not term.strip():
        return None
    found = kb.glossary.lookup(term)
    if found is None:
        try:
            plan = parse_query(term)
        except QueryError:
            return None
        found = kb.glossary.lookup(plan.term) if plan.term else None
        term = plan.term or term
    if found is None:
        wanted = _words(term)
        found = next((t for t in kb.glossary if any(_words(n) == wanted for n in t.names)), None)
    if found is None:
        for expansion in acronyms.expand(term.strip()):
            found = kb.glossary.lookup(expansion)
            if found:
                break
    if found is None:
        acronym = acronyms.acronym_for(term)
        found = kb.glossary.lookup(acronym) if acronym else None
    if found is None:
        found = _variant_entry(kb, term)
    return found


def _variant_entry(kb: KnowledgeBase, term: str) -> GlossaryTerm | None:
    """The one glossary entry whose acronym ``term`` is a variant of ("LGBT", "LGBTQI" -> LGBTQ2)."""
    if len(term.split()) != 1:
        return None
    entries = {}
    for name in acronym_variants(term, [n for t in kb.glossary for n in t.names]):
        entry = kb.glossary.lookup(name)
        if entry is not None:
            entries[entry.slug] = entry
    return next(iter(entries.values())) if len(entries) == 1 else None


def article_passage(kb: KnowledgeBase, plan: QueryPlan) -> Passage | None:
    """The article passage an article reference names, in the language it was asked in."""
    wanted = "fr" if plan.french else "en"
    matches = [
        p for d in kb.documents for p in d.passages
        if p.role == "article" and p.number == plan.article
        and (d.kind == "charter" if plan.instrument == "charter" else plan.instrument in f"{d.id} {d.title}".lower())
    ]
    matches.sort(key=lambda p: p.language != wanted)
    return matches[0] if matches else None


def _resolution_answer(kb: KnowledgeBase, plan: QueryPlan, overviews: dict[int, str]) -> tuple[list[str], Answer]:
    resolution = kb.resolutions[plan.resolution]
    passages = kb.resolution_passages(plan.resolution)
    if plan.paragraph is not None:
        role = "preambular" if plan.preambular else "operative"
        match = next((p for p in passages if p.role == role and p.number == plan.paragraph), None)
        if match is not None:
            source = match.title if plan.preambular else resolution.citation(plan.paragraph)
            return [match.id], Answer("paragraph", match.title, match.text, passage_url(match), source)
    overview = kb.passage(overviews[plan.resolution]) if plan.resolution in overviews else None
    first = next((p for p in passages if p.role == "operative" and p.number == 1), None)
    if overview is None and first is None:
        # The corpus holds no text of it: the facts of record still answer.
        facts = (f"{resolution.symbol}, adopted on {resolution.adopted.isoformat()} at the Security "
                 f"Council's {resolution.meeting}th meeting ({resolution.vote}).")
        return [], Answer("resolution", resolution.title, resolution.overview or facts, resolution.url,
                          resolution.symbol)
    ids = [p.id for p in (overview, first) if p is not None]
    text = resolution.overview or (overview.text if overview else "") or (first.text if first else "")
    return ids, Answer("resolution", resolution.title, text, resolution.url, resolution.symbol)


def direct_answers(kb: KnowledgeBase, acronyms: AcronymTable, plan: QueryPlan,
                   overviews: dict[int, str]) -> tuple[list[str], Answer | None]:
    """Passage ids the query names outright (best first), and the card to show for them."""
    if plan.is_reference and plan.resolution in kb.resolutions:
        return _resolution_answer(kb, plan, overviews)
    if plan.article is not None:
        match = article_passage(kb, plan)
        if match is not None:
            return [match.id], Answer("paragraph", match.title, match.text, passage_url(match))
    asked = commitments_answer(kb, plan)  # "what does 1325 ask of Member States?"
    if asked is not None:
        return asked
    if plan.resolution is None or plan.definition_question:
        term = define_term(kb, acronyms, plan.term) if plan.term else None
        passage = kb.passage(term.passage_id) if term is not None and term.passage_id else None
        if passage is not None:
            return [passage.id], Answer("definition", term.term, term.definition, passage_url(passage), term.source)
    return [], None


def suggestions(kb: KnowledgeBase, prefix: str, limit: int = 8) -> list[str]:
    """Completions for ``prefix``: resolutions ("1325 (2000)"), glossary names, headings.

    Names starting with the prefix come before names with a later word starting with it.
    """
    prefix = " ".join(prefix.lower().split())
    if not prefix:
        return []
    starts, inside = [], []
    for number, resolution in kb.resolutions.items():
        label = f"{number} ({resolution.year})"
        if label.startswith(prefix) or f"resolution {label}".startswith(prefix):
            starts.append(label)
    names = [n for t in kb.glossary for n in t.names]
    headings = [s.title for d in kb.documents for s in d.sections if s.title]
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
