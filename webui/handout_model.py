"""A trainer's handout: a selection of passages that lives entirely in its URL.

``/handout?item=resolution-1325/op8&item=police-gender-guide/gender&title=Day+1`` *is* the
handout: no account, no server state. Reordering without JavaScript is therefore just a link
to the same URL with two ids swapped, and sharing is copying the address. This module turns
query-string parameters into a :class:`Selection` (refusing malformed input with a
:class:`~indexer.interface.QueryError`, which the app answers with a 400), builds the URLs of
every edit, and builds the one view dict that both ``/handout`` and ``/api/handout`` show.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode

from flask_babel import gettext

from indexer.interface import QueryError
from kb.citing import cite_passage
from kb.knowledge_base import KnowledgeBase, passage_url

MAX_ITEMS = 50
MAX_ID_CHARS = 200
MAX_TITLE_CHARS = 120
DEFAULT_TITLE = "Handout"
HANDOUT_PATH = "/handout"

MultiArgs = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Selection:
    """Passage ids in handout order (each once) and the handout's title ("" for the default)."""

    ids: tuple[str, ...] = ()
    title: str = ""

    @property
    def display_title(self) -> str:
        """The title shown and printed."""
        return self.title or DEFAULT_TITLE


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("C") for ch in text)


def parse_selection(args: MultiArgs) -> Selection:
    """The selection in ``item`` and ``title`` parameters; duplicates are kept once, in first place.

    Raises QueryError for control characters, over-long ids or titles, and more than
    :data:`MAX_ITEMS` items (in English for the API, in the reader's language on a page).
    """
    ids: list[str] = []
    for raw in args.get("item") or []:
        value = raw.strip()
        if not value:
            continue
        if _has_control_characters(value):
            raise QueryError(gettext("an item id holds control characters"))
        if len(value) > MAX_ID_CHARS:
            raise QueryError(gettext("an item id is too long (at most %(max)s characters)", max=MAX_ID_CHARS))
        if value not in ids:
            ids.append(value)
        if len(ids) > MAX_ITEMS:
            raise QueryError(gettext("a handout holds at most %(max)s items", max=MAX_ITEMS))
    title = " ".join(((args.get("title") or [""])[-1]).split())
    if _has_control_characters(title):
        raise QueryError(gettext("the title holds control characters"))
    if len(title) > MAX_TITLE_CHARS:
        raise QueryError(gettext("the title is too long (at most %(max)s characters)", max=MAX_TITLE_CHARS))
    return Selection(tuple(ids), "" if title == DEFAULT_TITLE else title)


def lenient_selection(args: MultiArgs) -> Selection:
    """The selection a page's "Add to handout" links carry along: whatever is valid, never an error."""
    ids = [v.strip() for v in (args.get("item") or [])
           if v.strip() and len(v.strip()) <= MAX_ID_CHARS and not _has_control_characters(v)]
    title = " ".join(((args.get("title") or [""])[-1]).split())
    if len(title) > MAX_TITLE_CHARS or _has_control_characters(title):
        title = ""
    return Selection(tuple(dict.fromkeys(ids))[:MAX_ITEMS], title)


def handout_url(selection: Selection, path: str = HANDOUT_PATH) -> str:
    """``/handout?item=...&item=...[&title=...]``; slashes in ids stay readable."""
    pairs = [("item", i) for i in selection.ids]
    if selection.title:
        pairs.append(("title", selection.title))
    return f"{path}?{urlencode(pairs, safe='/', quote_via=quote)}" if pairs else path


def moved(selection: Selection, index: int, offset: int) -> Selection:
    """The selection with item ``index`` moved ``offset`` places (clamped to the ends)."""
    ids = list(selection.ids)
    if not 0 <= index < len(ids):
        return selection
    target = min(max(index + offset, 0), len(ids) - 1)
    ids.insert(target, ids.pop(index))
    return replace(selection, ids=tuple(ids))


def without(selection: Selection, item_id: str) -> Selection:
    """The selection without ``item_id``."""
    return replace(selection, ids=tuple(i for i in selection.ids if i != item_id))


def with_item(selection: Selection, item_id: str) -> Selection:
    """The selection with ``item_id`` added at the end (unless already there or the handout is full)."""
    if item_id in selection.ids or len(selection.ids) >= MAX_ITEMS:
        return selection
    return replace(selection, ids=selection.ids + (item_id,))


def handout_page(kb: KnowledgeBase, selection: Selection, site_url: str) -> dict[str, Any]:
    """GET /api/handout (and the page): each item with its text, citation and permalink.

    Ids the index no longer holds are listed under ``missing`` and stay in the selection
    (after the items found) until removed, so an old link still opens.
    ``site_url`` is the scheme and host permalinks start with ("http://127.0.0.1:5000").
    """
    site_url = site_url.rstrip("/")
    found = [(i, kb.passage(i)) for i in selection.ids]
    present = [(i, p) for i, p in found if p is not None]
    missing = [i for i, p in found if p is None]
    # Edits act on the order the reader sees: items found first, then the ones missing.
    shown = replace(selection, ids=tuple([i for i, _ in present] + missing))
    items = []
    for index, (item_id, passage) in enumerate(present):
        document = kb.document(passage.document_id)
        url = passage_url(passage)
        items.append({
            "position": index + 1,
            "id": item_id,
            "title": passage.title,
            "kind": passage.kind,
            "role": passage.role,
            "document": passage.document_id,
            "document_title": document.title if document else passage.document_id,
            "text": passage.text,
            "citation": cite_passage(kb, passage),
            "url": url,
            "permalink": site_url + url,
            "move_up_url": handout_url(moved(shown, index, -1)) if index > 0 else None,
            "move_down_url": handout_url(moved(shown, index, 1)) if index < len(present) - 1 else None,
            "remove_url": handout_url(without(shown, item_id)),
        })
    url = handout_url(shown)
    return {
        "title": shown.display_title,
        "custom_title": shown.title,
        "ids": list(shown.ids),
        "count": len(items),
        "items": items,
        "missing": [{"id": i, "remove_url": handout_url(without(shown, i))} for i in missing],
        "url": url,
        "permalink": site_url + url,
        "api_url": handout_url(shown, "/api" + HANDOUT_PATH),
        "max_items": MAX_ITEMS,
    }
