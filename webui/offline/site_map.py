"""Which site addresses go into the offline pack, and the file each one becomes.

The idea: an address of the live site (``/resolutions/1325``) maps to one file of the pack
(``resolutions/1325.html``) by a fixed rule, so every link can be rewritten without knowing
which template made it. Pages are files with an explicit name because a browser opening
``file://`` shows a folder listing, not its ``index.html``. The :class:`SiteMap` knows every
file the pack holds; an address it does not know has no file and must not become a link.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import quote

from kb.knowledge_base import KnowledgeBase

HOME_FILE = "index.html"
SEARCH_PATH = "/search"
SEARCH_FILE = "search.html"
INDEX_JSON = "search-index.json"
INDEX_SCRIPT = "search-index.js"


def page_file(path: str) -> str:
    """The pack file of a page address: ``/`` -> ``index.html``, ``/glossary/sex`` -> ``glossary/sex.html``."""
    path = path.strip("/")
    return f"{path}.html" if path else HOME_FILE


def site_pages(kb: KnowledgeBase) -> list[str]:
    """Every page address the pack renders, in reading order."""
    paths = ["/", "/resolutions"]
    paths += [f"/resolutions/{number}" for number in kb.resolutions]
    paths.append("/glossary")
    paths += [f"/glossary/{term.slug}" for term in kb.glossary]
    paths.append("/documents")
    paths += [f"/documents/{document.id}" for document in kb.documents]
    paths.append("/about")
    return paths


def relative_href(target_file: str, from_file: str) -> str:
    """A relative, percent-encoded link from one pack file to another (both relative to the pack root)."""
    start = posixpath.dirname(from_file) or "."
    return quote(posixpath.relpath(target_file, start), safe="/.-_~")


@dataclass
class SiteMap:
    """Address -> pack file, for pages, originals and the search files.

    ``/search`` maps to the offline search page, which reads its ``?q=`` itself; every other
    page drops its query string (the pack holds one copy of each page).
    """

    files: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, file: str | None = None) -> str:
        """Register ``path`` (as ``file``, or by :func:`page_file`); returns the file."""
        self.files[path] = file or page_file(path)
        return self.files[path]

    def file_for(self, path: str) -> str | None:
        """The pack file of ``path``, or None when the pack has none (an /api address, an unknown page)."""
        if path in self.files:
            return self.files[path]
        trimmed = path.rstrip("/")
        return self.files.get(trimmed) if trimmed else self.files.get("/")

    def keeps_query(self, path: str) -> bool:
        """Whether links to ``path`` keep their query string."""
        return path == SEARCH_PATH


def base_site_map(kb: KnowledgeBase) -> SiteMap:
    """The site map with every page of :func:`site_pages`, the search page and the search index script."""
    site = SiteMap()
    for path in site_pages(kb):
        site.add(path)
    site.add(SEARCH_PATH, SEARCH_FILE)
    site.add("/" + INDEX_SCRIPT, INDEX_SCRIPT)
    return site
