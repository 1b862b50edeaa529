"""The commitments blueprint: who each operative paragraph addresses, how strongly, its pillars.

``/commitments`` is a filterable table (resolution, addressee, strength, pillar, as plain GET
parameters, so it works without JavaScript); ``/api/commitments`` is the same dict as JSON and
``/api/commitments.csv`` its rows as a download. The resolution page shows each operative
paragraph's tags through the ``commitment_for`` template global registered here.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from indexer.commitments import commitments_of
from webui import get_kb
from webui.api import csv_cell
from webui.commitment_views import CSV_COLUMNS, commitment_dict, commitments_index, csv_row, parse_filters

commitments = Blueprint("commitments", __name__)

_by_anchor: list[tuple[object, dict[tuple[int, str], Any]]] = []


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


@commitments.get("/commitments")
def index_page() -> str:
    """The table of commitments with its filter form, summary and downloads."""
    kb = get_kb()
    data = commitments_index(kb, parse_filters(_args(), kb), html=True)
    return render_template("commitments.html", data=data)


@commitments.get("/api/commitments")
def index_json() -> Any:
    """The commitments index as JSON (same filters as the page)."""
    kb = get_kb()
    return jsonify(commitments_index(kb, parse_filters(_args(), kb)))


@commitments.get("/api/commitments.csv")
def index_csv() -> Response:
    """The filtered commitments as CSV, one row per operative paragraph."""
    kb = get_kb()
    wanted = parse_filters(_args(), kb)
    data = commitments_index(kb, wanted)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for item in data["commitments"]:
        writer.writerow([csv_cell(v) for v in csv_row(item, request.host_url)])
    name = "-".join(["wps-commitments", *(v for _, v in _pairs(data["filters"]))])
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _pairs(filters: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, values in filters.items() for value in values]


@commitments.app_template_global()
def commitment_for(resolution: int, anchor: str) -> dict[str, Any] | None:
    """The tags of operative paragraph ``anchor`` of ``resolution``, for the resolution page."""
    kb = get_kb()
    if not _by_anchor or _by_anchor[0][0] is not kb:
        table = {(c.resolution, c.anchor): commitment_dict(c, kb) for c in commitments_of(kb)}
        _by_anchor[:] = [(kb, table)]
    return _by_anchor[0][1].get((resolution, anchor))
