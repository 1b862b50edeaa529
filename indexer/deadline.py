"""A per-query time limit: one hostile or unlucky query cannot hold a server thread for seconds.

A :class:`Deadline` is checked in the engine's own loops (the unscored match set, the scored
hits) and inside Whoosh's collection through :class:`DeadlineCollector`, which wraps the
innermost collector and stops collecting once time is up. No timer thread and no signal is
involved, so it is safe in any thread of a multi-threaded server. What was found before the
deadline is kept: the search returns it with ``timed_out`` set (HTTP 200), never an error.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from whoosh import collectors
from whoosh.collectors import TimeLimit

CHECK_EVERY = 256  # documents between two looks at the clock


class Deadline:
    """A point in time after which a search stops looking and returns what it has."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.ends = None if seconds is None else time.monotonic() + seconds
        self.hit = False  # set once a loop stopped early because of this deadline

    def passed(self) -> bool:
        """True once the time is up (and remembers that the search was cut short)."""
        if self.ends is not None and time.monotonic() >= self.ends:
            self.hit = True
        return self.hit

    def bounded(self, items: Iterable[int]) -> Iterator[int]:
        """``items`` until the deadline passes (the clock is read every :data:`CHECK_EVERY` items)."""
        for count, item in enumerate(items):
            if count % CHECK_EVERY == 0 and self.passed():
                return
            yield item


class DeadlineCollector(collectors.WrappingCollector):
    """Wraps the innermost collector: raises ``TimeLimit`` from ``collect`` once the deadline passed."""

    def __init__(self, child: collectors.Collector, deadline: Deadline) -> None:
        self.child = child
        self.deadline = deadline
        self.seen = 0

    def collect(self, sub_docnum: int):
        self.seen += 1
        if self.seen % CHECK_EVERY == 0 and self.deadline.passed():
            raise TimeLimit
        return self.child.collect(sub_docnum)


def search_until(searcher, query, deadline: Deadline | None, *, limit: int, terms: bool = False, restrict=None):
    """``searcher.search(query, limit=..., terms=..., filter=...)`` that stops at ``deadline``.

    Returns the Whoosh results collected so far (the best of what was seen) when time runs out.
    """
    if deadline is None or deadline.ends is None:
        return searcher.search(query, limit=limit, terms=terms, filter=restrict)
    if limit >= searcher.doc_count():
        inner: collectors.Collector = collectors.UnlimitedCollector()
    else:
        inner = collectors.TopCollector(limit)
    collector: collectors.Collector = DeadlineCollector(inner, deadline)
    if terms:
        collector = collectors.TermsCollector(collector)
    if restrict is not None:
        collector = collectors.FilterCollector(collector, restrict)
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        deadline.hit = True
    return collector.results()
