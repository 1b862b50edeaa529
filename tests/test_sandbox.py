"""The worker sandbox: every way a reader can fail becomes a reason code, never a hang."""

from __future__ import annotations

import os
import signal
import time

import pytest

from indexer.errors import ExtractionError
from indexer.sandbox import Limits, run_limited

TIGHT = Limits(timeout_s=2.0, memory_bytes=512 * 1024 * 1024, cpu_s=10)


def _sleeps() -> str:
    time.sleep(60)
    return "never"


def _eats_memory() -> int:
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))


def _recurses(depth: int = 0) -> int:
    return _recurses(depth + 1)


def _refuses() -> None:
    raise ExtractionError("encrypted", "the file needs a password")


def _dies() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _breaks() -> None:
    raise KeyError("/Root")


@pytest.mark.parametrize(("function", "code"), [
    (_sleeps, "timeout"),
    (_eats_memory, "too-large"),
    (_recurses, "unreadable"),
    (_refuses, "encrypted"),
    (_dies, "worker-crashed"),
    (_breaks, "unreadable"),
])
def test_failures_become_reason_codes(function, code):
    started = time.monotonic()
    with pytest.raises(ExtractionError) as raised:
        run_limited(function, limits=TIGHT)
    assert raised.value.code == code
    assert time.monotonic() - started < 30


def test_results_come_back():
    assert run_limited(sorted, [3, 1, 2], limits=TIGHT) == [1, 2, 3]
