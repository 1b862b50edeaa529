"""The pull stage: the manifest's official texts, fetched, verified and placed in the corpus.

For each ``[[source]]`` of the corpus manifest (see :mod:`indexer.sources`):

1. the copy already in ``corpus/official/`` is checked against the lock file's sha256; only a
   copy that still matches is trusted (offered to the server as If-None-Match /
   If-Modified-Since, kept when offline);
2. the URL is fetched politely (:mod:`indexer.fetch`); ``base_url`` re-points every source at a
   mirror or a test server;
3. what arrives is verified (:mod:`indexer.verify`); a file that fails is reported with its
   reason code and never written, so the previous good copy stays;
4. an accepted file is written atomically (temporary file, then rename) where the next
   ``wpskb index`` picks it up, and its record (url, final url, sha256, size, fetched_at,
   ETag / Last-Modified, status) goes into the lock file, itself rewritten atomically after
   every source so an interrupted run keeps what it did.

Exit codes (:attr:`PullReport.exit_code`): 0 when every source has a verified copy (fetched,
unchanged, not modified, or kept because no server could be reached) and also when the whole
run was offline but some cached copy was kept; 3 (partial) when a source failed, was
rejected or has no copy while others are fine; 1 when no source has any copy at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.fetch import Fetcher, FetchError, FetchSettings
from indexer.pull_lock import LOCK_NAME, LockRecord, read_lock, sha256_file, write_atomic, write_lock
from indexer.sandbox import DEFAULT_LIMITS, Limits
from indexer.sources import OFFICIAL_DIR, Source, load_sources, with_base_url
from indexer.verify import VerificationError, verify

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_PARTIAL = 3
GOOD = ("fetched", "unchanged", "not-modified", "kept-offline")
LABELS = {
    "fetched": "fetched", "unchanged": "unchanged", "not-modified": "not modified",
    "kept-offline": "kept (offline)", "missing-offline": "no copy (offline)",
    "rejected": "rejected", "failed": "failed",
}


class UnknownSource(ValueError):
    """``--only`` named a source id the manifest does not list."""


@dataclass(frozen=True)
class SourceOutcome:
    """What one source's pull came to."""

    source: Source
    status: str  # one of LABELS
    record: LockRecord | None  # the lock record after the run (None: never accepted, never reached)
    reason: str = ""  # a reason code for rejected / failed / offline
    message: str = ""
    has_copy: bool = False  # a verified copy is in the corpus after the run

    @property
    def unreachable(self) -> bool:
        """True when no server answered for this source."""
        return self.status in ("kept-offline", "missing-offline")


@dataclass(frozen=True)
class PullReport:
    """Every source's outcome, and where the lock file is."""

    outcomes: tuple[SourceOutcome, ...]
    lock_path: Path

    @property
    def offline(self) -> bool:
        """True when no server at all could be reached."""
        return bool(self.outcomes) and all(o.unreachable for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """0 ok (or offline with cached copies kept), 3 partial, 1 nothing fetched and nothing cached."""
        copies = sum(o.has_copy for o in self.outcomes)
        if self.outcomes and copies == 0:
            return EXIT_NOTHING
        if self.offline or all(o.status in GOOD for o in self.outcomes):
            return EXIT_OK
        return EXIT_PARTIAL

    def summary(self) -> str:
        """One closing line for people."""
        kept = sum(o.has_copy for o in self.outcomes)
        missing = len(self.outcomes) - kept
        if self.offline:
            if kept == 0:
                return "offline: no server could be reached and nothing is cached; nothing was pulled"
            tail = f"; {missing} source(s) have no copy yet" if missing else ""
            return f"offline: no server could be reached; kept {kept} cached file(s){tail}"
        counts: dict[str, int] = {}
        for outcome in self.outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        parts = ", ".join(f"{n} {LABELS[s]}" for s, n in counts.items())
        return f"{len(self.outcomes)} source(s): {parts}; lock file {self.lock_path}"


def lock_path_for(corpus_dir: Path) -> Path:
    """Where the lock file of ``corpus_dir`` lives."""
    return Path(corpus_dir) / OFFICIAL_DIR / LOCK_NAME


def pull(
    corpus_dir: Path,
    *,
    only: Iterable[str] = (),
    base_url: str = "",
    settings: FetchSettings | None = None,
    sleep: Callable[[float], None] = time.sleep,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[SourceOutcome], None] | None = None,
) -> PullReport:
    """Pull the sources of ``corpus_dir``'s manifest (or those in ``only``) into ``corpus_dir``/official.

    Raises ``ExtractionError("bad-manifest")`` for a malformed manifest and :class:`UnknownSource`
    for an ``only`` id the manifest does not list.
    """
    corpus_dir = Path(corpus_dir)
    sources = load_sources(corpus_dir)
    wanted = list(dict.fromkeys(only))
    unknown = [i for i in wanted if i not in {s.id for s in sources}]
    if unknown:
        known = ", ".join(s.id for s in sources) or "none"
        raise UnknownSource(f"no source {', '.join(map(repr, unknown))} in the manifest (sources: {known})")
    selected = [s for s in sources if not wanted or s.id in wanted]
    lock_path = lock_path_for(corpus_dir)
    records = read_lock(lock_path)
    outcomes = []
    with Fetcher(settings, sleep=sleep) as fetcher:
        for source in selected:
            outcome = _pull_one(source, corpus_dir, records.get(source.id), fetcher, base_url, limits)
            if outcome.record is not None:
                records[source.id] = outcome.record
                write_lock(lock_path, records)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return PullReport(tuple(outcomes), lock_path)


def _pull_one(source: Source, corpus_dir: Path, record: LockRecord | None, fetcher: Fetcher,
              base_url: str, limits: Limits) -> SourceOutcome:
    target = corpus_dir / source.file
    url = with_base_url(source.url, base_url)
    cached = sha256_file(target) if target.is_file() else ""
    trusted = bool(cached) and record is not None and record.sha256 == cached
    changed = bool(cached) and not trusted  # bytes in the corpus that no record vouches for
    conditional = trusted and record is not None and record.url == url
    now = _now()
    try:
        result = fetcher.get(url, etag=record.etag if conditional else "",
                             last_modified=record.last_modified if conditional else "")
    except FetchError as error:
        if error.unreachable and changed:
            return _outcome(source, "failed", record, "checksum-mismatch", now, reached=False, message=(
                f"the cached copy no longer matches its recorded sha256 and the server could not be reached "
                f"({error.code})"))
        if error.unreachable:
            status = "kept-offline" if trusted else "missing-offline"
            return _outcome(source, status, record, error.code, now, reached=False, has_copy=trusted,
                            message=error.message)
        return _outcome(source, "failed", record, error.code, now, has_copy=trusted, message=error.message,
                        url=url)
    if result.status == 304:
        if not trusted or record is None:
            return _outcome(source, "failed", record, "unexpected-304", now, url=url,
                            message="the server answered 304 to an unconditional request")
        updated = replace(record, etag=result.etag or record.etag,
                          last_modified=result.last_modified or record.last_modified)
        return _outcome(source, "not-modified", updated, "", now, has_copy=True)
    try:
        verified = verify(source, result.data, limits)
    except VerificationError as error:
        return _outcome(source, "rejected", record, error.code, now, has_copy=trusted, message=error.message, url=url)
    digest = hashlib.sha256(result.data).hexdigest()
    accepted = LockRecord(
        id=source.id, file=source.file, url=url, final_url=result.final_url, sha256=digest,
        size=len(result.data), fetched_at=now, etag=result.etag, last_modified=result.last_modified,
        content_type=result.content_type,
    )
    if trusted and digest == cached and record is not None:
        return _outcome(source, "unchanged", replace(accepted, fetched_at=record.fetched_at), "", now, has_copy=True)
    write_atomic(target, result.data)
    note = "the cached copy no longer matched its recorded checksum; replaced" if changed else ""
    detail = f"{len(result.data):,} bytes, sha256 {digest[:12]}…" + (f", {verified.symbol}" if verified.symbol else "")
    return _outcome(source, "fetched", accepted, "", now, has_copy=True,
                    message="; ".join(m for m in (detail, note) if m))


def _outcome(source: Source, status: str, record: LockRecord | None, reason: str, now: str, *,
             reached: bool = True, has_copy: bool = False, message: str = "", url: str = "") -> SourceOutcome:
    """The outcome, with the lock record's status (and check time, when a server answered) updated.

    A source that a server answered but that has no accepted copy gets a record without a checksum.
    """
    if record is None and reached and url:
        record = LockRecord(id=source.id, file=source.file, url=url)
    if record is not None:
        record = replace(record, status=status + (f":{reason}" if reason and status not in GOOD else ""),
                         checked_at=now if reached else record.checked_at)
    return SourceOutcome(source, status, record, reason, message, has_copy)


def describe(outcome: SourceOutcome) -> str:
    """The report line of one source."""
    label = LABELS[outcome.status]
    text = f"  {label:<18} {outcome.source.id}"
    if outcome.status in ("rejected", "failed"):
        keep = "previous copy kept" if outcome.has_copy else "no copy in the corpus"
        return f"{text}  [{outcome.reason}] {outcome.message}; {keep}"
    if outcome.status == "kept-offline" and outcome.record is not None:
        return f"{text}  cached copy of {outcome.record.fetched_at or 'an earlier run'} ({outcome.reason})"
    if outcome.status == "missing-offline":
        return f"{text}  [{outcome.reason}] {outcome.message}"
    return f"{text}  {outcome.message}".rstrip()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
