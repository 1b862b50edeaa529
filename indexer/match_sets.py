"""Match sets as bitmaps: every passage a query matches, counted without scoring it.

Totals and facet counts need the whole match set, not just the ranked head, and walking
Whoosh's matchers for it costs as much as scoring ("gender" matches nearly every passage of
a large corpus). Here a match set is a Python ``int`` used as a bitmap over Whoosh document
numbers:

* a term's postings become one bitmap, read once and kept in a bounded cache per build;
* a query's set is the OR (``Or``, ``DisjunctionMax``) or AND (``And``) of its parts', a phrase's
  is asked of Whoosh (positions matter) and cached the same way;
* each facet value (a type, a resolution, a year, a pillar, a document) is a bitmap made once
  per build, so a facet count is ``(matches & value).bit_count()`` and a filter is one AND.

Whether a passage covers a query word is one bit test on that word's bitmap, so the scored
search does not have to collect matched terms per hit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from whoosh import query as wq

from indexer.interface import FILTER_FIELDS
from indexer.ranking import facet_values
from kb.knowledge_base import KnowledgeBase

TERM_CACHE_SIZE = 8192  # bitmaps kept per build (a 15,000-passage bitmap is about 2 KB)


def bitmap(docnums: Iterable[int]) -> int:
    """The bitmap with the bits of ``docnums`` set."""
    numbers = list(docnums)
    if not numbers:
        return 0
    buffer = bytearray(max(numbers) // 8 + 1)
    for number in numbers:
        buffer[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(buffer, "little")


def has(mask: int, docnum: int) -> bool:
    """Whether bit ``docnum`` of ``mask`` is set."""
    return (mask >> docnum) & 1 == 1


class _BoundedCache:
    """A thread-safe least-recently-used map of limited size."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, int] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any) -> int | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: Any, value: int) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


class MatchSets:
    """Bitmaps of one build: terms and phrases (cached), facet values and passages (made once)."""

    def __init__(self, kb: KnowledgeBase, ids: list[str], cache_size: int = TERM_CACHE_SIZE) -> None:
        self.docnum = {passage_id: number for number, passage_id in enumerate(ids) if passage_id}
        self.cache = _BoundedCache(cache_size)
        values: dict[str, dict[str, list[int]]] = {name: {} for name in FILTER_FIELDS}
        for number, passage_id in enumerate(ids):
            passage = kb.passage(passage_id) if passage_id else None
            if passage is None:
                continue
            for name in FILTER_FIELDS:
                for value in facet_values(passage, name):
                    values[name].setdefault(value, []).append(number)
        self._lengths: dict[tuple[str, ...], list[int]] = {}
        self.values: dict[str, dict[str, int]] = {
            name: {value: bitmap(numbers) for value, numbers in found.items()} for name, found in values.items()
        }

    # -- queries --------------------------------------------------------------------------

    def term(self, reader, fieldname: str, text: str) -> int:
        """The bitmap of the passages whose ``fieldname`` holds ``text``."""
        key = (fieldname, text)
        mask = self.cache.get(key)
        if mask is None:
            mask = bitmap(reader.postings(fieldname, text).all_ids()) if (fieldname, text) in reader else 0
            self.cache.put(key, mask)
        return mask

    def query(self, searcher, q: wq.Query) -> int:
        """The bitmap of the passages ``q`` matches (exact: phrases are checked by Whoosh)."""
        if isinstance(q, wq.Term):
            return self.term(searcher.reader(), q.fieldname, q.text)
        if isinstance(q, (wq.Or, wq.DisjunctionMax)):
            mask = 0
            for sub in q.subqueries:
                mask |= self.query(searcher, sub)
            return mask
        if isinstance(q, wq.And):
            parts = [self.query(searcher, sub) for sub in q.subqueries]
            mask = parts[0] if parts else 0
            for part in parts[1:]:
                mask &= part
            return mask
        if isinstance(q, wq.Phrase):
            key = ("phrase", q.fieldname, tuple(q.words), q.slop)
            mask = self.cache.get(key)
            if mask is None:
                # Whoosh reads word positions to match a phrase: ask it only when some passage holds every word.
                words = [self.term(searcher.reader(), q.fieldname, w) for w in q.words]
                candidates = words[0] if words else 0
                for part in words[1:]:
                    candidates &= part
                mask = bitmap(searcher.docs_for_query(q)) if candidates else 0
                self.cache.put(key, mask)
            return mask
        return bitmap(searcher.docs_for_query(q))

    def lengths(self, reader, fieldnames: tuple[str, ...] = ("text", "text_fr")) -> list[int]:
        """The body length in words of every passage, by docnum (read once per build)."""
        found = self._lengths.get(fieldnames)
        if found is None:
            found = [max((reader.doc_field_length(d, f, 0) or 0) for f in fieldnames)
                     for d in range(reader.doc_count_all())]
            self._lengths[fieldnames] = found
        return found

    def passages(self, passage_ids: Iterable[str]) -> int:
        """The bitmap of these passages (ids not in the build are ignored)."""
        return bitmap(self.docnum[p] for p in passage_ids if p in self.docnum)

    # -- filters and facets -----------------------------------------------------------------

    def _field_mask(self, name: str, wanted: set[str]) -> int:
        folded = {w.lower() for w in wanted}
        mask = 0
        for value, value_mask in self.values.get(name, {}).items():
            if value.lower() in folded:
                mask |= value_mask
        return mask

    def filtered(self, mask: int, filters: dict[str, set[str]], skip: str | None = None) -> int:
        """``mask`` restricted to the passages passing ``filters`` (values of a field OR-ed, fields AND-ed)."""
        for name, wanted in filters.items():
            if name != skip and name in self.values:
                mask &= self._field_mask(name, wanted)
        return mask

    def facet_counts(self, mask: int, filters: dict[str, set[str]]) -> dict[str, dict[str, int]]:
        """Counts per value of each facet over ``mask``, each facet under the other facets' filters."""
        facets: dict[str, dict[str, int]] = {}
        for name, values in self.values.items():
            within = self.filtered(mask, filters, skip=name)
            counts = {value: (within & value_mask).bit_count() for value, value_mask in values.items()}
            facets[name] = dict(sorted(((v, n) for v, n in counts.items() if n), key=lambda kv: (-kv[1], kv[0])))
        return facets
