"""The original files, copied into each build so a download matches the index being served.

A build keeps ``originals/<safe-name>`` per source document, where the safe name is the
document id reduced to ASCII letters, digits, ``.``, ``_`` and ``-`` plus the file's suffix.
``build.json`` maps each document id to its file, so a request never names a path: the web
layer asks for a document id and gets a file inside the build's originals folder, or nothing.
Documents derived from another (the resolution texts extracted from the guide) have no file
of their own. Unchanged files are hard-linked from the previous build where possible.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

ORIGINALS_DIR = "originals"
SUFFIXES = (".pdf", ".html", ".htm", ".txt", ".md")  # indexer.corpus.SUPPORTED_SUFFIXES
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


def safe_name(document_id: str, suffix: str) -> str:
    """An ASCII file name for ``document_id``: no separators, no leading dot, bounded length.

    Ids that had to be changed get a short hash, so two ids never share a name.
    """
    stem = _UNSAFE.sub("-", document_id).strip(".-")[:MAX_NAME] or "document"
    if stem != document_id:
        stem += "-" + hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    suffix = suffix.lower() if suffix.lower() in SUFFIXES else ""
    return stem + suffix


def copy_originals(build_dir: Path, originals: Mapping[str, Path], previous: Path | None = None,
                   previous_names: Mapping[str, str] | None = None,
                   unchanged: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """Copy each document's source into ``build_dir/originals``; returns id -> relative path.

    A document in ``unchanged`` whose file the previous build holds, byte for byte, under the
    same name is hard-linked from there (copied when linking fails). Missing sources are left out.
    """
    target = build_dir / ORIGINALS_DIR
    target.mkdir(exist_ok=True)
    names: dict[str, str] = {}
    for document_id, source in sorted(originals.items()):
        name = safe_name(document_id, Path(source).suffix)
        relative = f"{ORIGINALS_DIR}/{name}"
        old = previous / relative if previous is not None else None
        if (old is not None and document_id in unchanged and (previous_names or {}).get(document_id) == relative
                and old.is_file() and not old.is_symlink() and Path(source).is_file()
                and filecmp.cmp(old, source, shallow=False)):
            try:
                os.link(old, target / name)
                names[document_id] = relative
                continue
            except OSError:
                pass
        source = Path(source)
        if source.is_symlink() or not source.is_file():
            continue
        shutil.copyfile(source, target / name)
        names[document_id] = relative
    return names


def original_path(build_dir: Path, names: Mapping[str, str], document_id: str) -> Path | None:
    """The file of ``document_id`` in ``build_dir``, only if it lies inside the originals folder."""
    relative = names.get(document_id)
    if not isinstance(relative, str):
        return None
    folder = (build_dir / ORIGINALS_DIR).resolve()
    path = (build_dir / relative).resolve()
    if path.parent != folder or not path.is_file():
        return None
    return path
