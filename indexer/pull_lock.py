"""The pull lock file: what was accepted for each source, so the next run can check and ask politely.

``corpus/official/pull-lock.json`` holds one record per source id: the URL asked, the URL the
bytes finally came from (after redirects), their sha256 and size, when they were fetched and
last checked, the server's ETag / Last-Modified (for conditional requests next time) and the
outcome of the latest run. The checksum describes the file in the corpus: a file whose bytes
no longer match it is not trusted (not sent as a conditional request, fetched again).

The file is JSON (the standard library writes it; TOML it can only read) and is always
rewritten whole, through a temporary file and a rename, so a crash never leaves half a lock.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

LOCK_NAME = "pull-lock.json"
LOCK_VERSION = 1


@dataclass(frozen=True)
class LockRecord:
    """The accepted copy of one source and the latest run's outcome."""

    id: str
    file: str  # relative to the corpus folder
    url: str  # the URL requested
    final_url: str = ""  # after redirects
    sha256: str = ""
    size: int = 0
    fetched_at: str = ""  # ISO time the accepted bytes arrived
    checked_at: str = ""  # ISO time of the latest run that reached the server
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""
    status: str = ""  # the latest outcome: fetched, not-modified, kept-offline, rejected:<reason>, failed:<reason>


def read_lock(path: Path) -> dict[str, LockRecord]:
    """Records by source id; {} when the lock is missing or unreadable (everything is then fetched afresh)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        names = {f.name for f in fields(LockRecord)}
        return {
            row["id"]: LockRecord(**{k: v for k, v in row.items() if k in names})
            for row in data.get("sources", [])
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_lock(path: Path, records: dict[str, LockRecord]) -> None:
    """Write ``records`` (sorted by id) to ``path`` atomically."""
    payload = {"version": LOCK_VERSION, "sources": [asdict(records[k]) for k in sorted(records)]}
    write_atomic(Path(path), (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: a hidden temporary file beside it, flushed, then renamed.

    The temporary name starts with a dot, so an index build running meanwhile never reads it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sha256_file(path: Path) -> str:
    """The hex sha256 of the file at ``path``; "" when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()
