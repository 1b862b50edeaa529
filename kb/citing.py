"""How a passage is cited on paper: one function, one rule per kind of source.

A trainer quoting a passage in a handout needs the reference a reader can look up without
this site: the UN symbol and paragraph for a resolution ("S/RES/1325 (2000), para. 8"), the
instrument and article for a convention ("CEDAW, art. 5"), publisher, title, date and section
for a guide, and the entry plus where the definition comes from for a glossary term. Every
rule reads only what the knowledge base already holds; where a fact is missing (no publisher,
no date) the citation simply leaves it out rather than guessing.
"""

from __future__ import annotations

import re

from kb.documents import Document, Passage
from kb.knowledge_base import RESOLUTION_TEXT_ROLES, KnowledgeBase
from kb.resolutions import Resolution

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
INSTRUMENT_KINDS = ("convention", "charter")
# Headings that only group others: "Annexes" above "Annex A – terms and definitions".
_CONTAINER_HEADINGS = {"annexes", "annex", "appendices"}
_ANNEX = re.compile(r"^(?P<label>(?:Annex|Appendix)\s+[A-Z0-9]{1,4})\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>\S.*)$")
_ISO_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def paragraph_citation(symbol: str, kind: str, number: int | None) -> str:
    """"S/RES/1325 (2000), para. 8", or "S/RES/1325 (2000), preambular para. 3" for the preamble."""
    if not number:
        return symbol
    return f"{symbol}, para. {number}" if kind == "operative" else f"{symbol}, preambular para. {number}"


def resolution_paragraph_citation(resolution: Resolution, kind: str, number: int | None) -> str:
    """How a paragraph of ``resolution`` is cited (:func:`paragraph_citation` with its symbol)."""
    return paragraph_citation(resolution.symbol, kind, number)


def display_date(date: str) -> str:
    """A recorded date as a reader writes it: "2019-04" -> "April 2019", "2000-10-31" -> "31 October 2000"."""
    match = _ISO_DATE.match(date.strip())
    if not match:
        return date.strip()
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    if not month or not 1 <= int(month) <= 12:
        return year
    name = MONTHS[int(month) - 1]
    return f"{int(day)} {name} {year}" if day and 1 <= int(day) <= 31 else f"{name} {year}"


def document_reference(document: Document) -> str:
    """"<publisher>, <title> (<date>)", leaving out what is not recorded."""
    reference = f"{document.publisher}, {document.title}" if document.publisher else document.title
    return f"{reference} ({display_date(document.date)})" if document.date else reference


def section_label(path: tuple[str, ...], leaf: str = "") -> str:
    """Where in a document a passage sits: "Annex A – terms and definitions", "Annex B, “Overview”",
    "section 4.2, “Training”" or "section “Addressing unconscious bias”".

    ``leaf`` names the passage itself when it has a better name than its heading (a checklist).
    """
    path = tuple(p for p in path if p.strip().lower() not in _CONTAINER_HEADINGS)
    leaf = leaf or (path[-1] if path else "")
    if not leaf:
        return ""
    annex = next((m.group("label") for m in map(_ANNEX.match, path) if m), "")
    if annex and leaf == path[-1] and _ANNEX.match(leaf):
        return leaf
    if annex:
        return f"{annex}, \u201c{leaf}\u201d"
    numbered = _NUMBERED.match(leaf)
    if numbered:
        return f"section {numbered.group('number')}, \u201c{numbered.group('title')}\u201d"
    return f"section \u201c{leaf}\u201d"


def cite_passage(kb: KnowledgeBase, passage: Passage) -> str:
    """The citation a handout prints under ``passage``."""
    document = kb.document(passage.document_id)
    resolution = kb.resolutions.get(passage.resolution) if passage.resolution else None
    if passage.kind == "resolution" and passage.role in RESOLUTION_TEXT_ROLES and resolution is not None:
        return resolution_paragraph_citation(resolution, passage.role, passage.number)
    if document is None:
        return passage.title
    if passage.kind == "glossary" and passage.role == "definition":
        return _glossary_citation(kb, passage, document)
    if passage.kind in INSTRUMENT_KINDS or document.kind in INSTRUMENT_KINDS:
        return _instrument_citation(passage, document)
    if passage.kind == "webpage" or document.kind == "webpage":
        return _webpage_citation(passage, document)
    leaf = passage.title if passage.role in ("checklist", "overview", "link") else ""
    return _joined(document_reference(document), section_label(passage.section_path, leaf))


def _joined(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _glossary_citation(kb: KnowledgeBase, passage: Passage, document: Document) -> str:
    term = next((t for t in kb.glossary if t.passage_id == passage.id), None)
    name = term.term if term else passage.title
    where = _joined(document_reference(document), section_label(passage.section_path))
    citation = f"\u201c{name}\u201d, in {where}"
    if term and term.source and not _names_a_place_in(term.source, passage.section_path):
        citation += f" (definition from {term.source})"
    return citation


def _names_a_place_in(source: str, path: tuple[str, ...]) -> bool:
    """Whether a glossary source is a heading of the guide itself ("Annex A") rather than an outside work."""
    folded = source.strip().lower()
    if _ANNEX.match(folded) or folded in ("running text", ""):
        return True
    headings = [p.lower() for p in path]
    return any(folded == ", ".join(headings[:n]) or folded == h for n, h in enumerate(headings, start=1))


def _instrument_name(passage: Passage, document: Document) -> str:
    """The short name passage titles carry ("CEDAW, Article 5" -> "CEDAW"), else the document title."""
    head, separator, tail = passage.title.partition(", ")
    if separator and (tail.startswith("Article") or (passage.section_path and tail == passage.section_path[-1])):
        return head
    return document.title


def _instrument_citation(passage: Passage, document: Document) -> str:
    name = _instrument_name(passage, document)
    if passage.role == "article" and passage.number is not None:
        return f"{name}, art. {passage.number}"
    if not passage.section_path:
        return name
    siblings = [p for p in document.passages if p.section_path == passage.section_path and p.role == passage.role]
    position = next((i for i, p in enumerate(siblings, start=1) if p.id == passage.id), 0)
    section = passage.section_path[-1]
    section = section.lower() if section.lower() in ("preamble", "pr\u00e9ambule") else section
    return _joined(name, section, f"para. {position}" if len(siblings) > 1 and position else "")


def _webpage_citation(passage: Passage, document: Document) -> str:
    date = display_date(document.date) if document.date else ""
    leaf = passage.section_path[-1] if passage.section_path else ""
    section = f"\u201c{leaf}\u201d" if leaf and leaf != document.title else ""
    return _joined(document.title, document.publisher, date, section, document.url)
