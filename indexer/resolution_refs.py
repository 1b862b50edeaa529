"""Queries that name a resolution, and perhaps one of its operative or preambular paragraphs.

A trainer types "1325 op 8", "OP8 of 1325", "S/RES/1325 (2000) para. 8", "1325 pp 3",
"preambular paragraph 3 of 1325" or, in French, "résolution 1325, paragraphe 8" and expects
the paragraph itself, not a ranked list. :func:`parse_reference` recognises such a query as a
whole; anything else (ordinary words around a number) is left to full-text search.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kb.resolutions import WPS_RESOLUTIONS

# Accents are folded before matching, so "résolution" and "resolution" are one word here.
_WORD = (
    r"(?:S/RES/|(?:UN\s*)?SC\s*R(?:es(?:olution)?)?\.?"
    r"|(?:la\s+)?(?:UN\s+|United\s+Nations\s+)?(?:Security\s+Council\s+|UNSC\s+)?res(?:olution)?\.?)"
)
_PREAMBULAR = r"(?:pp\.?|(?:preambular|preamble)(?:\s+(?:paragraph|para\.?))?|alinea\s+du\s+preambule)"
_OPERATIVE = r"(?:operative\s+paragraph|op\.?|para(?:graph)?e?\.?|par\.|§|¶|p\.)"
_MARK = rf"(?:{_PREAMBULAR}|{_OPERATIVE})"
_LINK = r"(?:of|in|,|de(?:\s+la)?|du)"
_NUMBER = r"(?P<number>\d{1,4})(?:\s*\(\s*(?P<year>\d{4})\s*\))?"
_QUERY = re.compile(
    rf"^\s*(?:(?P<mark_before>{_MARK})\s*(?P<before>\d{{1,3}})\s*{_LINK}?\s*)?"
    rf"(?P<word>{_WORD}\s*(?:no\.?\s*)?)?{_NUMBER}"
    rf"(?:\s*,?\s*(?P<mark_after>{_MARK})\s*(?P<after>\d{{1,3}}))?\s*[.?!]?\s*$",
    re.IGNORECASE,
)
_IS_PREAMBULAR = re.compile(rf"{_PREAMBULAR}", re.IGNORECASE)


@dataclass(frozen=True)
class ResolutionReference:
    """A resolution, and perhaps one paragraph of it (operative unless ``preambular``)."""

    resolution: int
    paragraph: int | None = None
    preambular: bool = False


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def parse_reference(query: str) -> ResolutionReference | None:
    """The resolution (and paragraph) ``query`` names as a whole, else None.

    "UNSCR 1325" -> 1325; "1325 op 8", "OP8 of 1325", "résolution 1325, paragraphe 8" -> 1325
    operative 8; "1325 pp 3", "preambular paragraph 3 of 1325" -> 1325 preambular 3. A bare
    number counts only if it is one of the WPS resolutions or carries a resolution word or a
    year in parentheses; "20 percent" is not a reference.
    """
    m = _QUERY.match(_fold(query or ""))
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
    if not paragraph:
        return ResolutionReference(number)
    mark = (m["mark_before"] or m["mark_after"]).strip()
    return ResolutionReference(number, int(paragraph), bool(_IS_PREAMBULAR.fullmatch(mark)))


def parse_resolution_reference(query: str) -> tuple[int, int | None] | None:
    """``(resolution, operative paragraph or None)`` when ``query`` names a resolution or one of
    its operative paragraphs, else None (a preambular reference is not an operative one).

    "UNSCR 1325" -> (1325, None); "1325 op 8", "OP8 of 1325", "1820 para 4" -> (1325, 8),
    (1325, 8), (1820, 4).
    """
    reference = parse_reference(query)
    if reference is None or reference.preambular:
        return None
    return reference.resolution, reference.paragraph
