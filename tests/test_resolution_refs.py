"""Resolution references (indexer.resolution_refs): operative, preambular and French forms."""

from __future__ import annotations

import pytest

from indexer.query import parse_query
from indexer.resolution_refs import ResolutionReference, parse_reference, parse_resolution_reference
from kb.resolutions import WPS_RESOLUTIONS


@pytest.mark.parametrize(("text", "expected"), [
    ("résolution 1325", ResolutionReference(1325)),
    ("Résolution 1820 (2008)", ResolutionReference(1820)),
    ("la résolution 1325, paragraphe 8", ResolutionReference(1325, 8)),
    ("paragraphe 4 de la résolution 1820", ResolutionReference(1820, 4)),
    ("résolution 1325 par. 8", ResolutionReference(1325, 8)),
    ("1325 pp 3", ResolutionReference(1325, 3, True)),
    ("1325 PP3", ResolutionReference(1325, 3, True)),
    ("pp3 of 1325", ResolutionReference(1325, 3, True)),
    ("preambular paragraph 3 of 1325", ResolutionReference(1325, 3, True)),
    ("UNSCR 1820 preambular paragraph 2", ResolutionReference(1820, 2, True)),
    ("preambular para. 4 of resolution 1325", ResolutionReference(1325, 4, True)),
    ("preamble 2 of 1820", ResolutionReference(1820, 2, True)),
    ("S/RES/1325 (2000) PP 3", ResolutionReference(1325, 3, True)),
    ("1325 op 8", ResolutionReference(1325, 8)),
    ("operative paragraph 3 of resolution 2467", ResolutionReference(2467, 3)),
    ("1234 pp 3", None),  # a bare number that is not a WPS resolution
    ("pp 3", None),
    ("résolution", None),
])
def test_parse_reference(text, expected):
    assert parse_reference(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1325 pp 3", None),  # preambular: not an operative reference
    ("résolution 1325 paragraphe 8", (1325, 8)),
    ("UNSCR 1325", (1325, None)),
])
def test_operative_reference(text, expected):
    assert parse_resolution_reference(text) == expected


@pytest.mark.parametrize(("text", "resolution", "paragraph", "preambular"), [
    ("résolution 1325", 1325, None, False),
    ("résolution 1820 paragraphe 4", 1820, 4, False),
    ("1325 pp 3", 1325, 3, True),
    ("preambular paragraph 2 of 1820", 1820, 2, True),
])
def test_query_plan_takes_the_reference(text, resolution, paragraph, preambular):
    plan = parse_query(text, frozenset(WPS_RESOLUTIONS))
    assert (plan.resolution, plan.paragraph, plan.preambular, plan.is_reference) == (
        resolution, paragraph, preambular, True)
