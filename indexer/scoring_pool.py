"""The scoring pool: which passages of a very large match set Whoosh scores.

Whoosh scores in pure Python, about a tenth of a millisecond per matching passage for a
query of a few words over several fields, so a word that matches thousands of passages
("gender" in a large corpus) would cost a second. When a query run matches more than
:data:`POOL_SIZE` passages, only a pool of that size is scored exactly, chosen cheaply from
the match-set bitmaps (``indexer.match_sets``) with what BM25F rewards most:

1. passages where query words are in the title, headings or term names (the boosted fields)
   or that a boost query matches (a definition, the resolution named), the most such words
   first;
2. then the shortest passages holding every word (BM25 favours the same words in fewer words).

Below the pool size nothing changes: every match is scored, exactly as before. The match set
itself (totals, facets) is always counted whole.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh import query as wq

from indexer.deadline import Deadline

POOL_SIZE = 300  # passages scored per query run at most
# Words times passages read per query run: a query of many words gets a smaller pool, so a
# pasted paragraph costs about what a question of three words does.
SCORING_BUDGET = 6000
MIN_POOL = 40
BOOSTED_FIELDS = ("title", "headings", "terms")
_BIT_POSITIONS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


def docnums(mask: int) -> list[int]:
    """The set bits of ``mask`` in ascending order."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    found: list[int] = []
    for index, byte in enumerate(data):
        if byte:
            base = index * 8
            found.extend(base + bit for bit in _BIT_POSITIONS[byte])
    return found


def pool_size(q: wq.Query, depth: int) -> int:
    """How many passages a run of ``q`` scores: the ranking depth, within the scoring budget."""
    leaves = sum(1 for leaf in q.leaves() if isinstance(leaf, (wq.Term, wq.Phrase))) if not q.is_leaf() else 1
    return max(MIN_POOL, min(max(POOL_SIZE, depth), SCORING_BUDGET // max(1, leaves)))


def choose_pool(mask: int, boosted: list[int], lengths: list[int], size: int) -> list[int] | None:
    """The docnums to score out of ``mask``, or None when all of them should be.

    ``boosted`` holds one bitmap per query word (its matches in the boosted fields, or a boost
    query's matches); ``lengths`` the body length of each passage, by docnum.
    """
    if mask.bit_count() <= size:
        return None
    strong: dict[int, int] = {}
    for part in boosted:
        for docnum in docnums(mask & part):
            strong[docnum] = strong.get(docnum, 0) + 1
    chosen = sorted(strong, key=lambda d: (-strong[d], lengths[d]))[:size]
    if len(chosen) < size:
        taken = set(chosen)
        rest = sorted((d for d in docnums(mask) if d not in taken),
                      key=lambda d: lengths[d])
        chosen += rest[: size - len(chosen)]
    return sorted(chosen)


def score_pool(searcher, q: wq.Query, pool: list[int], phrase_mask: Callable[[wq.Phrase], int],
               deadline: Deadline | None = None) -> dict[int, float]:
    """The score of each passage of ``pool`` that ``q`` matches, as Whoosh would give it.

    Each word is scored by the searcher's own weighting (BM25F) on its postings, visited only
    at the pool's docnums (Whoosh skips whole blocks between them); the query tree combines
    them as Whoosh's matchers do: ``Or`` and ``And`` add, ``DisjunctionMax`` takes the best
    part that matches the passage, ``AndMaybe`` adds the optional part where it matches, boosts
    multiply. A phrase scores as the sum of its words over the passages its bitmap
    (``phrase_mask``) says hold it. Once ``deadline`` passes, words are no longer read: what
    is left matches nothing.
    """
    return _evaluate(searcher, q, pool, phrase_mask, deadline or Deadline(None))


def _term(searcher, fieldname: str, text: str, pool: list[int]) -> dict[int, float]:
    if fieldname not in searcher.schema:
        return {}
    try:
        key = searcher.schema[fieldname].to_bytes(text)
    except ValueError:
        return {}
    if (fieldname, key) not in searcher.reader():
        return {}
    matcher = searcher.postings(fieldname, key, weighting=searcher.weighting)
    scores: dict[int, float] = {}
    for docnum in pool:
        if not matcher.is_active():
            break
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                break
        if matcher.id() == docnum:
            scores[docnum] = matcher.score()
    return scores


def _scaled(scores: dict[int, float], boost: float) -> dict[int, float]:
    return scores if boost == 1.0 else {d: s * boost for d, s in scores.items()}


def _evaluate(searcher, q: wq.Query, pool: list[int], phrase_mask, deadline: Deadline) -> dict[int, float]:
    if not pool or deadline.passed():
        return {}
    if isinstance(q, wq.Term):
        return _scaled(_term(searcher, q.fieldname, q.text, pool), q.boost)
    if isinstance(q, wq.Phrase):
        mask = phrase_mask(q)
        where = [d for d in pool if (mask >> d) & 1]
        parts = [_term(searcher, q.fieldname, word, where) for word in q.words]
        found = {d: sum(part.get(d, 0.0) for part in parts) for d in where if all(d in part for part in parts)}
        return _scaled(found, q.boost)
    if isinstance(q, wq.DisjunctionMax):
        best: dict[int, float] = {}
        for sub in q.subqueries:
            for docnum, score in _evaluate(searcher, sub, pool, phrase_mask, deadline).items():
                best[docnum] = max(best.get(docnum, score), score)
        return _scaled(best, q.boost)
    if isinstance(q, wq.Or):
        total: dict[int, float] = {}
        for sub in q.subqueries:
            for docnum, score in _evaluate(searcher, sub, pool, phrase_mask, deadline).items():
                total[docnum] = total.get(docnum, 0.0) + score
        return _scaled(total, q.boost)
    if isinstance(q, wq.And):
        found = None
        for sub in q.subqueries:
            part = _evaluate(searcher, sub, pool if found is None else sorted(found), phrase_mask, deadline)
            found = part if found is None else {d: found[d] + part[d] for d in found if d in part}
            if not found:
                return {}
        return _scaled(found or {}, q.boost)
    if isinstance(q, wq.AndMaybe):
        required = _evaluate(searcher, q.a, pool, phrase_mask, deadline)
        optional = _evaluate(searcher, q.b, sorted(required), phrase_mask, deadline)
        return {d: s + optional.get(d, 0.0) for d, s in required.items()}
    if isinstance(q, wq.NullQuery.__class__):
        return {}
    # Any other query kind: let Whoosh match and score it, restricted to the pool.
    allowed = set(pool)
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None) if hit.docnum in allowed}
