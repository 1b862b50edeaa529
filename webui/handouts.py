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

handouts = Blueprint("handouts", __name__)


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


def _current() -> dict[str, Any]:
    return handout_page(get_kb(), parse_selection(_args()), request.host_url)


@handouts.get("/handout")
def handout() -> str:
    """The print-ready handout: numbered items with text, citation and permalink."""
    return render_template("handout.html", h=_current())


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
