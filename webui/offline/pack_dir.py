"""Where a pack is written: refuse a folder that holds something else, and never leave half a pack.

The idea: the pack is written into a staging folder on the same file system as the
destination and only moved into place once complete. A new destination is one rename; an
existing one (a previous pack, an empty folder, a USB stick's mount point that cannot itself be
renamed) has its old entries moved aside and the new ones moved in, then the old ones deleted.
A folder counts as a previous pack when it holds the marker file :data:`MARKER`.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

MARKER = "wpskb-offline.json"
STAGING_PREFIX = ".wpskb-export-"


class PackRefused(Exception):
    """The destination cannot take the pack (a file, a foreign non-empty folder, a folder holding precious things)."""


def _entries(folder: Path) -> list[Path]:
    """The folder's entries, leftovers of an interrupted export aside."""
    return [e for e in folder.iterdir() if not e.name.startswith(STAGING_PREFIX)]


def is_previous_pack(folder: Path) -> bool:
    """Whether ``folder`` holds a pack written by ``wpskb export --offline``."""
    return (folder / MARKER).is_file()


def check_destination(destination: Path, *, force: bool = False, protected: Iterable[Path] = ()) -> None:
    """Raise :class:`PackRefused` unless ``destination`` is new, empty, a previous pack, or ``force`` is given.

    Even with ``force``, a foreign folder that is, or contains, one of ``protected`` (the home folder,
    the working folder, the index) is never replaced.
    """
    if destination.exists() and not destination.is_dir():
        raise PackRefused(f"{destination} is a file, not a folder")
    if not destination.is_dir() or not _entries(destination):
        return
    if is_previous_pack(destination):
        return
    if not force:
        raise PackRefused(
            f"{destination} is not empty and holds no offline pack; choose an empty or new folder, "
            "or pass --force to replace everything in it"
        )
    target = destination.resolve()
    for precious in [Path(target.anchor), *protected]:
        precious = precious.resolve()
        if precious == target or target in precious.parents:
            raise PackRefused(f"refusing to replace {destination}: it holds {precious}")


@contextmanager
def staged_pack(destination: Path) -> Iterator[Path]:
    """A fresh staging folder to write the pack into; moved to ``destination`` when the block succeeds.

    When the block raises, the staging folder is deleted and ``destination`` is left as it was.
    """
    token = secrets.token_hex(4)
    existing = destination.is_dir()
    if existing:
        staging = destination / f"{STAGING_PREFIX}new-{token}"
    else:
        destination.parent.mkdir(parents=True, exist_ok=True)
        staging = destination.parent / f"{STAGING_PREFIX}{destination.name}-{token}"
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not existing:
        staging.rename(destination)
        return
    old = destination / f"{STAGING_PREFIX}old-{token}"
    old.mkdir()
    for entry in destination.iterdir():
        if entry not in (staging, old):
            entry.rename(old / entry.name)
    for entry in staging.iterdir():
        entry.rename(destination / entry.name)
    staging.rmdir()
    shutil.rmtree(old, ignore_errors=True)
