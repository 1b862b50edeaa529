"""A per-query time limit: one hostile or unlucky query cannot hold a server thread for seconds.

A :class:`Deadline` is checked in the engine's own loops: between query runs, and before each
word's postings are read for scoring (``indexer.scoring_pool``). No timer thread and no signal
is involved, so it is safe in any thread of a multi-threaded server. What was found before the
deadline is kept: the search returns it with ``timed_out`` set (HTTP 200), never an error.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator


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
