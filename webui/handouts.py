"""Trainer handouts: the print-ready page, its JSON twin, and the "Add to handout" links.

The selection travels in the URL (see ``webui.handout_model``). Without JavaScript, a page
reached with ``item`` parameters (the handout's "Add more" search carries them) gives each
"Add to handout" link the current selection plus that passage; with JavaScript,
``static/handout.js`` keeps the selection in the browser's localStorage instead.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request

from webui import get_kb
from webui.handout_model import (
    Selection,
    handout_page,
    handout_url,
    lenient_selection,
    parse_selection,
    with_item,
)
from webui.views import paragraph_citation

handouts = Blueprint("handouts", __name__)


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


def _current() -> dict[str, Any]:
    return handout_page(get_kb(), parse_selection(_args()), request.host_url)


@handouts.get("/handout")
def handout() -> str:
    """The print-ready handout: numbered items with text, citation and permalink."""
    return render_template("handout.html", h=_for_page(_current()))


def _for_page(view: dict[str, Any]) -> dict[str, Any]:
    """The handout as the page shows it: each item's language, resolution citations in the reader's language.

    The JSON twin keeps the view as is (English, no extra keys).
    """
    kb = get_kb()
    for item in view["items"]:
        passage = kb.passage(item["id"])
        item["language"] = passage.language if passage is not None else ""
        item["title_translated"] = False
        resolution = kb.resolutions.get(passage.resolution) if passage is not None and passage.resolution else None
        if resolution is not None and passage.kind == "resolution":
            # "S/RES/1325 (2000), par. 8" in French, as the resolution page's copy-citation gives it.
            citation = paragraph_citation(resolution, passage.role, passage.number)
            if item["title"] == item["citation"]:
                item["title"], item["title_translated"] = citation, True
            item["citation"] = citation
    return view


@handouts.get("/api/handout")
def handout_json() -> Any:
    """The handout as JSON: the same dict the page renders."""
    return jsonify(_current())


def _carried() -> Selection:
    """The selection this request carries along, if any (invalid parts dropped, never an error)."""
    return lenient_selection(_args())


@handouts.app_template_global()
def handout_add_url(item_id: str) -> str:
    """Where an "Add to handout" link goes without JavaScript: the carried selection plus this item."""
    return handout_url(with_item(_carried(), item_id))


@handouts.app_template_global()
def handout_nav_url() -> str:
    """The header's "Handout" link: the carried selection, or the empty handout."""
    return handout_url(_carried())
