"""The HTML pages: each renders a view dict from ``webui.views`` / ``webui.searching``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file, send_from_directory
from flask_babel import gettext

from indexer.interface import QueryError
from webui import get_backend, get_kb, views
from webui.languages import N_
from webui.links import highlight_terms
from webui.searching import parse_search, search_page

pages = Blueprint("pages", __name__)

# Translated when shown: the template says {{ _(tip) }}.
SEARCH_TIPS = (
    N_("Use fewer or more general words: \u201csexual violence\u201d rather than a whole sentence."),
    N_("Search a resolution by number (\u201c1820\u201d) or a paragraph (\u201c1325 op 8\u201d)."),
    N_("Acronyms work: \u201cCRSV\u201d, \u201cSGBV\u201d, \u201cGBA+\u201d."),
    N_("Remove a filter to search the whole corpus."),
)


def _hl() -> tuple[str, ...]:
    """Terms to highlight on this page: the ``hl`` parameter a result link carries (or ``q``)."""
    return highlight_terms((request.args.get("hl") or request.args.get("q") or "")[:300])


@pages.get("/")
def home() -> str:
    """One search box and the ways in."""
    kb = get_kb()
    return render_template("home.html", resolutions=views.resolutions_index(kb),
                           counts=views.health(kb))


@pages.get("/search")
def search() -> Any:
    """Results with answer card, facets, pagination and downloads."""
    backend = get_backend()
    args = {k: request.args.getlist(k) for k in request.args}
    query = parse_search(args, backend.kb, require_text=False)
    if not query.text:
        if query.filters:
            raise QueryError(gettext("type some words to search within these filters"))
        return render_template("search.html", data=None, q="", tips=SEARCH_TIPS)
    data = search_page(backend.search(query), backend.kb)
    return render_template("search.html", data=data, q=query.text, tips=SEARCH_TIPS)


@pages.get("/resolutions")
def resolutions() -> str:
    """The ten WPS resolutions with their facts."""
    return render_template("resolutions.html", resolutions=views.resolutions_index(get_kb()))


@pages.get("/resolutions/<number>")
def resolution(number: str) -> str:
    """One resolution: facts, overview, paragraphs with anchors, links both ways, mentions."""
    detail = views.resolution_detail(get_kb(), int(number), terms=_hl(), html=True) if number.isdigit() else None
    if detail is None:
        abort(404)
    return render_template("resolution.html", r=detail, hl=" ".join(_hl()), wps=list(get_kb().resolutions))


@pages.get("/glossary")
def glossary() -> str:
    """All terms A-Z with letter navigation."""
    return render_template("glossary.html", glossary=views.glossary_index(get_kb()))


@pages.get("/glossary/<slug>")
def glossary_term(slug: str) -> str:
    """One term: definition, acronym, source, see also, and where it is used."""
    entry = views.glossary_entry(get_kb(), slug, terms=_hl(), html=True)
    if entry is None:
        abort(404)
    return render_template("term.html", t=entry)


@pages.get("/documents")
def documents() -> str:
    """Every document in the corpus."""
    return render_template("documents.html", documents=views.documents_index(get_kb()))


@pages.get("/documents/<document_id>")
def document(document_id: str) -> str:
    """A document: outline, annexes, every passage with its anchor."""
    detail = views.document_detail(get_kb(), document_id, terms=_hl(), html=True)
    if detail is None:
        abort(404)
    original = _original(document_id) is not None
    return render_template("document.html", d=detail, hl=" ".join(_hl()), original=original)


def _original(document_id: str) -> Path | None:
    """The document's original file in the served build; the backend never looks outside it."""
    finder = getattr(get_backend(), "original_file", None)
    return finder(document_id) if finder is not None else None


@pages.get("/documents/<document_id>/original")
def document_original(document_id: str) -> Any:
    """The original file as a download with a safe ASCII name (404 for unknown or derived documents)."""
    path = _original(document_id)
    if path is None:
        abort(404)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.name).lstrip(".-") or "document"
    response = send_file(path, as_attachment=True, download_name=name, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@pages.get("/about")
def about() -> str:
    """The corpus, its provenance, skipped files and the build time."""
    return render_template("about.html", about=views.about(get_kb()))


@pages.get("/sw.js")
def service_worker() -> Any:
    """The offline service worker, served from the root so its scope is the whole site."""
    response = send_from_directory(current_app.static_folder or "static", "sw.js",
                                   mimetype="text/javascript", max_age=0)
    response.headers["Service-Worker-Allowed"] = "/"
    return response
