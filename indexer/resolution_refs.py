"""Queries that name a resolution, and perhaps one of its operative paragraphs.

A trainer types "1325 op 8", "OP8 of 1325" or "S/RES/1325 (2000) para. 8" and expects the
paragraph itself, not a ranked list. :func:`parse_resolution_reference` recognises such a
query as a whole; anything else (ordinary words around a number) is left to full-text search.
"""

from __future__ import annotations

import re

from kb.resolutions import WPS_RESOLUTIONS

_WORD = (
    r"(?:S/RES/|(?:UN\s*)?SC\s*R(?:es(?:olution)?)?\.?"
    r"|(?:UN\s+|United\s+Nations\s+)?(?:Security\s+Council\s+|UNSC\s+)?res(?:olution)?\.?)"
)
_PARA = r"(?:operative\s+paragraph|op\.?|para(?:graph)?\.?|§|¶|p\.)"
_NUMBER = r"(?P<number>\d{1,4})(?:\s*\(\s*(?P<year>\d{4})\s*\))?"
_QUERY = re.compile(
    rf"^\s*(?:{_PARA}\s*(?P<before>\d{{1,3}})\s*(?:of|in|,)?\s*)?"
    rf"(?P<word>{_WORD}\s*(?:no\.?\s*)?)?{_NUMBER}"
    rf"(?:\s*,?\s*{_PARA}\s*(?P<after>\d{{1,3}}))?\s*[.?!]?\s*$",
    re.IGNORECASE,
)


def parse_resolution_reference(query: str) -> tuple[int, int | None] | None:
    """``(resolution, operative paragraph or None)`` when ``query`` names a resolution, else None.

    "UNSCR 1325" -> (1325, None); "1325 op 8", "OP8 of 1325", "1820 para 4" -> (1325, 8),
    (1325, 8), (1820, 4). A bare number counts only if it is one of the WPS resolutions or
    carries a resolution word or a year in parentheses; "20 percent" is not a reference.
    """
    m = _QUERY.match(query)
    if not m:
        return None
    number = int(m["number"])
    if not 1 <= number <= 2999:
        return None
    if m["year"] and not 1946 <= int(m["year"]) <= 2030:
        return None
    if not (m["word"] or m["year"] or number in WPS_RESOLUTIONS):
        return None
    if m["before"] and m["after"]:
        return None
    paragraph = m["before"] or m["after"]
    return number, int(paragraph) if paragraph else None
