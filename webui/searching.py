"""Search requests: query-string parameters -> SearchQuery, and results -> the page's view model.

Bad parameters raise :class:`~indexer.interface.QueryError`, which the app turns into a 400
(JSON under /api, an HTML page elsewhere): a user can never cause a 500 from the query string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from flask_babel import gettext as _

from indexer.interface import FILTER_FIELDS, MAX_LIMIT, QueryError, SearchQuery, SearchResults
from kb.documents import KINDS
from kb.knowledge_base import KnowledgeBase
from kb.resolutions import PILLARS
from webui.languages import kind_label, pillar_label
from webui.links import highlight_terms, with_highlight

MAX_QUERY_CHARS = 500
DEFAULT_LIMIT = 10
MAX_PAGE = 1000

MultiArgs = Mapping[str, Sequence[str]]


def _int_arg(args: MultiArgs, name: str, default: int, low: int, high: int) -> int:
    values = args.get(name) or []
    raw = values[-1].strip() if values else ""
    if raw == "":
        return default
    if not raw.isdigit():
        raise QueryError(_("'%(name)s' must be a whole number between %(low)s and %(high)s",
                           name=name, low=low, high=high))
    value = int(raw)
    if not low <= value <= high:
        raise QueryError(_("'%(name)s' must be between %(low)s and %(high)s", name=name, low=low, high=high))
    return value


def _check_filter(kb: KnowledgeBase, name: str, value: str) -> None:
    if name == "type" and value not in KINDS:
        raise QueryError(_("unknown type '%(value)s'; one of: %(choices)s", value=value, choices=", ".join(KINDS)))
    if name == "resolution" and (not value.isdigit() or int(value) not in kb.resolutions):
        raise QueryError(_("unknown resolution '%(value)s'; one of: %(choices)s",
                           value=value, choices=", ".join(map(str, kb.resolutions))))
    if name == "year" and not (value.isdigit() and len(value) == 4):
        raise QueryError(_("'year' must be a four-digit year, not '%(value)s'", value=value))
    if name == "pillar" and value not in PILLARS:
        raise QueryError(_("unknown pillar '%(value)s'; one of: %(choices)s", value=value, choices=", ".join(PILLARS)))
    if name == "document" and kb.document(value) is None:
        raise QueryError(_("unknown document '%(value)s'", value=value))


def parse_search(args: MultiArgs, kb: KnowledgeBase, *, require_text: bool = True) -> SearchQuery:
    """A SearchQuery from query-string parameters (q, limit, page and the filter fields)."""
    text = " ".join((args.get("q") or [""])[-1].split())
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(_("the query is too long (at most %(limit)s characters)", limit=MAX_QUERY_CHARS))
    if require_text and not text:
        raise QueryError(_("missing query: add ?q=<words>"))
    limit = _int_arg(args, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    page = _int_arg(args, "page", 1, 1, MAX_PAGE)
    filters: list[tuple[str, str]] = []
    for name in FILTER_FIELDS:
        for value in args.get(name) or []:
            value = value.strip()
            if not value:
                continue
            _check_filter(kb, name, value)
            if (name, value) not in filters:
                filters.append((name, value))
    return SearchQuery(text=text, limit=limit, page=page, filters=tuple(filters))


def query_params(query: SearchQuery, **changes: Any) -> list[tuple[str, str]]:
    """The query-string pairs for ``query``, with ``changes`` applied (None drops a parameter)."""
    pairs: list[tuple[str, str]] = [("q", query.text)]
    pairs.extend(query.filters)
    if query.limit != DEFAULT_LIMIT:
        pairs.append(("limit", str(query.limit)))
    if query.page != 1:
        pairs.append(("page", str(query.page)))
    for name, value in changes.items():
        pairs = [(k, v) for k, v in pairs if k != name]
        if value is not None:
            pairs.append((name, str(value)))
    return pairs


def search_url(path: str, pairs: list[tuple[str, str]]) -> str:
    """``path?pairs``."""
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _toggle(query: SearchQuery, name: str, value: str) -> str:
    """The search URL with filter ``name=value`` switched on or off (back to page 1)."""
    filters = list(query.filters)
    if (name, value) in filters:
        filters.remove((name, value))
    else:
        filters.append((name, value))
    return search_url("/search", query_params(replace(query, filters=tuple(filters), page=1)))


def _facet_label(kb: KnowledgeBase, name: str, value: str) -> str:
    if name == "resolution" and value.isdigit() and int(value) in kb.resolutions:
        resolution = kb.resolutions[int(value)]
        return _("Resolution %(number)s (%(year)s)", number=resolution.number, year=resolution.year)
    if name == "document" and kb.document(value) is not None:
        return kb.document(value).title
    if name == "type":
        return kind_label(value)
    return pillar_label(value) if name == "pillar" else value


def _facet_order(name: str):
    """Years in order of time; every other facet by count, most first."""
    if name == "year":
        return lambda kv: kv[0]
    return lambda kv: (-kv[1], kv[0])


def _page_links(query: SearchQuery, pages: int) -> list[dict[str, Any]]:
    window = range(max(1, query.page - 2), min(pages, query.page + 2) + 1)
    numbers = sorted({1, pages, *window})
    links: list[dict[str, Any]] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append({"number": number, "current": number == query.page,
                      "url": search_url("/search", query_params(query, page=number if number > 1 else None))})
        previous = number
    return links


def search_page(results: SearchResults, kb: KnowledgeBase) -> dict[str, Any]:
    """The results page: the API dict plus facet toggles, pagination, downloads and "did you mean"."""
    query = results.query
    data = results.to_dict()
    for hit, item in zip(results.hits, data["results"]):
        item["link"] = with_highlight(hit.url, query.text)
        item["breadcrumb"] = [hit.document_title, *[s for s in hit.section_path if s != hit.document_title]]
    active = set(query.filters)
    facets = []
    for name in FILTER_FIELDS:
        counts = results.facets.get(name) or {}
        values = [
            {"value": value, "label": _facet_label(kb, name, value), "count": count,
             "active": (name, value) in active, "url": _toggle(query, name, value)}
            for value, count in sorted(counts.items(), key=_facet_order(name))
        ]
        # An active filter the current results no longer count is still shown, so it can be removed.
        for field_name, value in query.filters:
            if field_name == name and value not in counts:
                values.insert(0, {"value": value, "label": _facet_label(kb, name, value), "count": 0,
                                  "active": True, "url": _toggle(query, name, value)})
        if values:
            facets.append({"name": name, "values": values})
    pairs = query_params(query, page=None, limit=None)
    first = (query.page - 1) * query.limit
    data.update(
        facets_view=facets,
        active_filters=[{"name": k, "value": v, "label": _facet_label(kb, k, v), "url": _toggle(query, k, v)}
                        for k, v in query.filters],
        pages=results.pages,
        first=first + 1 if results.hits else 0,
        last=first + len(results.hits),
        page_links=_page_links(query, results.pages) if results.pages > 1 else [],
        first_url=search_url("/search", query_params(query, page=None)),
        prev_url=(search_url("/search", query_params(query, page=query.page - 1 if query.page > 2 else None))
                  if query.page > 1 else None),
        next_url=(search_url("/search", query_params(query, page=query.page + 1))
                  if query.page < results.pages else None),
        suggestion_url=(search_url("/search", query_params(replace(query, text=results.suggestion, page=1)))
                        if results.suggestion else None),
        csv_url=search_url("/api/search.csv", pairs + [("limit", str(MAX_LIMIT))]),
        json_url=search_url("/api/search", query_params(query)),
        terms=list(highlight_terms(query.text)),
    )
    return data
