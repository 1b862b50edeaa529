"""Write the offline pack: the site's own pages, made relative, plus a search that runs in the browser.

The idea: the pack is the live site as a reader sees it, not a second design. Each page is
requested from the Flask app itself (its test client, over the current index), so the same
templates, view dicts and escaping make it; :mod:`~webui.offline.link_rewriter` then turns its
addresses into relative files. Only the search page is different: ``offline_search.html``
(the site's layout) with MiniSearch over :mod:`~webui.offline.search_index`.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, render_template
from flask_babel import gettext

from kb.knowledge_base import KnowledgeBase
from webui import get_kb
from webui.languages import KIND_LABELS
from webui.offline.link_rewriter import rewrite_page
from webui.offline.pack_dir import MARKER, check_destination, staged_pack
from webui.offline.search_index import build_search_index, index_json, index_script
from webui.offline.site_map import (INDEX_JSON, INDEX_SCRIPT, SEARCH_FILE, SEARCH_PATH, SiteMap,
                                    base_site_map, site_pages)

PACK_FORMAT = "wpskb-offline-pack"
# Static files the pack never needs: the service worker and the API description.
STATIC_LEFT_OUT = frozenset({"sw.js", "openapi.json"})
# Always shipped: the search page's scripts and the vendored library's licence.
STATIC_ALWAYS = ("offline-search.js", "vendor/minisearch.js", "vendor/minisearch-LICENSE.txt", "vendor/README.md")
# No inline script or style in a pack page either; the file:// origin has no server to send the header.
OFFLINE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
HEAD_HTML = f'\n<meta http-equiv="Content-Security-Policy" content="{OFFLINE_CSP}">'
PACK_README = """WPS Knowledge Base: offline copy
================================

Open index.html in a web browser (double-click it, or on a phone open it from the
files app). Everything works without a network: the resolutions paragraph by
paragraph, the glossary, every document, and the search box.

Exported {exported_at} from the index built {built_at}.
Made by `wpskb export --offline`; run it again to refresh this folder.
"""


class ExportError(Exception):
    """A page the pack needs did not render (the index is broken or a view failed)."""


@dataclass
class PackReport:
    """What an export wrote."""

    destination: Path
    pages: int = 0
    files: int = 0
    size: int = 0  # bytes
    seconds: float = 0.0
    passages: int = 0
    unlinked: dict[str, list[str]] = field(default_factory=dict)  # address -> pack pages that mentioned it

    def __str__(self) -> str:
        return (f"Offline pack: {self.pages} pages, {self.passages} passages in the search index, "
                f"{self.files} files, {self.size / 1_000_000:.1f} MB in {self.seconds:.1f} s -> {self.destination}")


def _static_files(app: Flask, site: SiteMap) -> dict[str, Path]:
    """Every static file the pack may use, registered in ``site``: pack file -> source path."""
    folder = Path(app.static_folder or "static")
    files: dict[str, Path] = {}
    for source in sorted(folder.rglob("*")):
        relative = source.relative_to(folder).as_posix()
        if source.is_file() and relative not in STATIC_LEFT_OUT:
            files[site.add(f"/static/{relative}", f"static/{relative}")] = source
    return files


def _originals(client, kb: KnowledgeBase, site: SiteMap) -> dict[str, bytes]:
    """The original files the site offers for download, registered in ``site``: pack file -> bytes."""
    found: dict[str, bytes] = {}
    for document in kb.documents:
        path = f"/documents/{document.id}/original"
        response = client.get(path)
        if response.status_code != 200:
            continue
        name = response.headers.get("Content-Disposition", "")
        suffix = re.search(r"(\.[A-Za-z0-9]{1,8})\"?$", name)
        found[site.add(path, f"originals/{document.id}{suffix.group(1) if suffix else ''}")] = response.data
    return found


def _footer_note(kb: KnowledgeBase, exported_at: str) -> str:
    """The note under every pack page, in the pages' language (call it in a request context)."""
    note = gettext("Offline copy, exported %(exported)s from the index built %(built)s. "
                   "Everything here works without a network.",
                   exported=escape(exported_at[:10]), built=escape(kb.built_at[:10] or gettext("unknown")))
    return f'\n  <p class="offline-note">{note}</p>'


def _write(root: Path, file: str, data: str | bytes) -> int:
    """Write pack file ``file`` under ``root``; returns its size. No name can lead outside the pack."""
    path = (root / file).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ExportError(f"{file!r} would be written outside the pack")
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def export_offline(app: Flask, destination: Path, *, force: bool = False, protected: tuple[Path, ...] = ()) -> PackReport:
    """Write the offline pack of ``app``'s current index into ``destination`` (see :mod:`webui.offline`).

    Raises :class:`~webui.offline.pack_dir.PackRefused` for a destination that holds something
    else (unless ``force``) and :class:`ExportError` when a page fails to render; in both cases
    ``destination`` is left as it was.
    """
    started = time.perf_counter()
    destination = Path(destination)
    check_destination(destination, force=force, protected=protected)
    exported_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with app.app_context():
        kb = get_kb()
    site = base_site_map(kb)
    client = app.test_client()
    static = _static_files(app, site)
    originals = _originals(client, kb, site)
    report = PackReport(destination=destination)
    with app.test_request_context(SEARCH_PATH):
        footer_html = _footer_note(kb, exported_at)
    decorate = {"head_html": HEAD_HTML, "footer_html": footer_html, "html_attributes": {"data-offline": "pack"}}
    referenced: set[str] = set()
    written: dict[str, int] = {}

    with staged_pack(destination) as staging:
        pages: list[tuple[str, str]] = []
        for path in site_pages(kb):
            response = client.get(path)
            if response.status_code != 200:
                raise ExportError(f"{path} answered {response.status_code}")
            pages.append((site.add(path), response.get_data(as_text=True)))
        with app.test_request_context(SEARCH_PATH):
            pages.append((SEARCH_FILE, render_template("offline_search.html", kinds=list(KIND_LABELS), counts={
                "passages": len(kb.passages()), "glossary": len(kb.glossary)})))
        for file, html in pages:
            rewritten = rewrite_page(html, file, site, **decorate)
            referenced |= rewritten.referenced
            for address in rewritten.unlinked:
                report.unlinked.setdefault(urlsplit(address).path, []).append(file)
            written[file] = _write(staging, file, rewritten.html)

        index = build_search_index(kb, site)
        written[INDEX_JSON] = _write(staging, INDEX_JSON, index_json(index))
        written[INDEX_SCRIPT] = _write(staging, INDEX_SCRIPT, index_script(index))
        wanted_static = {f"static/{name}" for name in STATIC_ALWAYS} | (referenced & static.keys())
        for file in sorted(wanted_static):
            written[file] = _write(staging, file, static[file].read_bytes())
        for file, data in originals.items():
            if file in referenced:
                written[file] = _write(staging, file, data)
        written["README.txt"] = _write(staging, "README.txt",
                                       PACK_README.format(exported_at=exported_at, built_at=kb.built_at or "unknown"))
        marker = {"format": PACK_FORMAT, "version": 1, "exported_at": exported_at, "built_at": kb.built_at,
                  "pages": len(pages), "passages": len(index["passages"]), "files": sorted(written)}
        written[MARKER] = _write(staging, MARKER, json.dumps(marker, indent=1))

    report.pages = len(pages)
    report.passages = len(index["passages"])
    report.files = len(written)
    report.size = sum(written.values())
    report.seconds = time.perf_counter() - started
    return report
