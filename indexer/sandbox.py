"""Read each file in a worker process, within limits of time, memory and size.

A hostile or broken file (a PDF whose cross-reference table loops, a decompression bomb, a
deeply nested object) must never stop or hang a build. Each file is therefore parsed in a
forked child with an address-space limit and a CPU limit, and the parent waits at most a
wall-clock timeout before killing it. Whatever happens in the child comes back as a result
or as an :class:`~indexer.errors.ExtractionError` with a reason code:

* ``too-large``: the file is over the size cap, or the child ran out of its memory budget;
* ``timeout``: the child took longer than the time limit (it is killed);
* ``worker-crashed``: the child died without an answer (a signal, a hard crash).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from indexer.errors import ExtractionError

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """The budget one file gets."""

    max_bytes: int = 64 * 1024 * 1024  # file size
    timeout_s: float = 60.0  # wall clock, parent side
    memory_bytes: int = 2 * 1024 * 1024 * 1024  # address space of the child
    cpu_s: int = 90  # CPU seconds of the child


DEFAULT_LIMITS = Limits()


def run_limited(function: Callable[..., T], *args: Any, limits: Limits = DEFAULT_LIMITS) -> T:
    """Call ``function(*args)`` in a forked child under ``limits`` and return its result.

    Raises :class:`ExtractionError` for anything the child could not finish, and re-raises
    an ExtractionError the function itself raised.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, limits), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_s):
            raise ExtractionError("timeout", f"reading took longer than {limits.timeout_s:g} s and was stopped")
        try:
            status, payload = receiver.recv()
        except EOFError:
            child.join(5)
            raise ExtractionError("worker-crashed", f"the reader stopped unexpectedly (exit code {child.exitcode})")
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "ok":
        return payload
    if status == "extraction-error":
        raise ExtractionError(*payload)
    if status == "memory":
        raise ExtractionError("too-large", "reading the file needed more memory than a file may use")
    raise ExtractionError("unreadable", payload)


def _child(sender: Connection, function: Callable[..., Any], args: tuple, limits: Limits) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, limits.cpu_s + 5))
        result = function(*args)
        message: tuple[str, Any] = ("ok", result)
    except ExtractionError as error:
        message = ("extraction-error", (error.code, error.message))
    except MemoryError:
        message = ("memory", "")
    except RecursionError:
        message = ("error", "the file is nested too deeply to read")
    except Exception as error:  # any bug or parser failure on hostile input is a per-file report
        last = traceback.extract_tb(error.__traceback__)[-1:]
        where = f" ({last[0].name})" if last else ""
        message = ("error", f"{type(error).__name__}: {error}"[:300] + where)
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory", ""))
    finally:
        sender.close()
        os._exit(0)  # skip atexit handlers inherited from the parent
