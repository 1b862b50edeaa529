"""The JSON API (CONTRACT.md): the same view dicts the pages render, as JSON.

Errors are always ``{"error": "...", "status": N}`` (see ``webui._error_response``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, NoReturn

from flask import Blueprint, Response, abort, jsonify, request

from indexer.interface import QueryError
from webui import get_backend, get_kb, views
from webui.searching import parse_search

api = Blueprint("api", __name__)

OPENAPI_FILE = Path(__file__).parent / "static" / "openapi.json"
CSV_COLUMNS = ("rank", "title", "type", "document", "section", "url", "score", "text")
SUGGEST_LIMIT = 8


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


def _not_found(what: str) -> NoReturn:
    abort(404, description=what)


@api.get("/api/search")
def search() -> Any:
    """Ranked passages, facets, suggestion and answer card."""
    backend = get_backend()
    results = backend.search(parse_search(_args(), backend.kb))
    return jsonify(results.to_dict())


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@api.get("/api/search.csv")
def search_csv() -> Response:
    """The result list as CSV (one row per passage)."""
    backend = get_backend()
    query = parse_search(_args(), backend.kb)
    results = backend.search(query)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    first = (query.page - 1) * query.limit
    for rank, hit in enumerate(results.hits, start=first + 1):
        row = (rank, hit.title, hit.type, hit.document_title, " > ".join(hit.section_path),
               request.host_url.rstrip("/") + hit.url, round(hit.score, 3), hit.text)
        writer.writerow([csv_cell(v) for v in row])
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="wps-search.csv"'
    return response


@api.get("/api/define")
def define() -> Any:
    """The glossary entry for a term (case, plural, acronym or expansion)."""
    term_text = " ".join(request.args.get("q", "").split())
    if not term_text:
        raise QueryError("missing term: add ?q=<term>")
    if len(term_text) > 200:
        raise QueryError("the term is too long (at most 200 characters)")
    backend = get_backend()
    term = backend.define(term_text)
    if term is None:
        _not_found(f"no glossary entry for '{term_text}'")
    return jsonify(views.define_dict(backend.kb, term))


@api.get("/api/resolutions")
def resolutions() -> Any:
    """The ten WPS resolutions."""
    return jsonify(views.resolutions_index(get_kb()))


@api.get("/api/resolutions/<number>")
def resolution(number: str) -> Any:
    """One resolution with paragraphs, cites, cited_by and mentions."""
    detail = views.resolution_detail(get_kb(), int(number)) if number.isdigit() else None
    if detail is None:
        _not_found(f"no WPS resolution numbered '{number}'")
    return jsonify(detail)


@api.get("/api/glossary")
def glossary() -> Any:
    """Every glossary term, A-Z."""
    return jsonify(views.glossary_index(get_kb()))


@api.get("/api/glossary/<slug>")
def glossary_term(slug: str) -> Any:
    """One glossary term with the passages that use it."""
    entry = views.glossary_entry(get_kb(), slug)
    if entry is None:
        _not_found(f"no glossary term '{slug}'")
    return jsonify(entry)


@api.get("/api/documents")
def documents() -> Any:
    """Every document with its provenance."""
    return jsonify(views.documents_index(get_kb()))


@api.get("/api/documents/<document_id>")
def document(document_id: str) -> Any:
    """One document: provenance, outline and passages."""
    detail = views.document_detail(get_kb(), document_id)
    if detail is None:
        _not_found(f"no document '{document_id}'")
    return jsonify(detail)


@api.get("/api/suggest")
def suggest() -> Any:
    """Completions for the search box."""
    prefix = " ".join(request.args.get("q", "").split())[:100]
    suggestions = get_backend().suggest(prefix, limit=SUGGEST_LIMIT) if prefix else []
    return jsonify({"query": prefix, "suggestions": list(suggestions)})


@api.get("/api/openapi.json")
def openapi() -> Any:
    """An OpenAPI 3 description of this API."""
    return jsonify(json.loads(OPENAPI_FILE.read_text(encoding="utf-8")))


@api.get("/healthz")
def healthz() -> Any:
    """Liveness plus what the index holds."""
    return jsonify(views.health(get_kb()))
