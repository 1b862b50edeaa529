"""Rebuild a PDF-extracted police guide the way a careful reader would.

The raw text is cleaned (:mod:`indexer.clean`), cut into lines and given its outline of
chapters and sections (:mod:`indexer.outline`). Then each stretch of the outline becomes
passages: Annex A definitions and running-text definitions (:mod:`indexer.definitions`),
the adviser checklists (:mod:`indexer.checklists`), Annex B overviews, Annex E links, and
everywhere else quotes, lists with their lead-in and paragraphs (:mod:`indexer.blocks`).
Annexes C and D (the resolution texts) are handed back raw for their own parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.blocks import PassageFactory, build_blocks
from indexer.checklists import build_checklists
from indexer.clean import clean_text
from indexer.definitions import build_glossary, parse_links, parse_overviews
from indexer.footnotes import FootnoteMark
from indexer.outline import TitleCase, outline, split_lines
from indexer.visible_text import is_caps_line
from kb.documents import Footnote, Passage, Section
from kb.glossary import GlossaryTerm


@dataclass(frozen=True)
class ParsedGuide:
    """A guide rebuilt into sections, passages, glossary, overviews and notes."""

    text: str
    sections: tuple[Section, ...]
    passages: tuple[Passage, ...]
    glossary: tuple[GlossaryTerm, ...]
    overviews: dict[int, str]
    resolution_region: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def resolution_region(raw_text: str) -> str:
    """The raw text from the "ANNEX C" heading up to (not including) the "ANNEX E" heading."""
    start = re.search(r"^[ \t]*ANNEX\s+C\b", raw_text, re.MULTILINE)
    if not start:
        return ""
    end = re.search(r"^[ \t]*ANNEX\s+E\b", raw_text[start.start():], re.MULTILINE)
    return raw_text[start.start(): start.start() + end.start()] if end else raw_text[start.start():]


def _attach_heading_marks(passages: list[Passage], marks: tuple[FootnoteMark, ...],
                          footnotes: dict[int, str]) -> list[Passage]:
    """A mark left on a heading ("... (CEDAW), 1979¹") goes to the first passage after it."""
    attached = {f.number for p in passages for f in p.footnotes}
    for mark in marks:
        if mark.number in attached or mark.number not in footnotes:
            continue
        after = [i for i, p in enumerate(passages) if p.start >= mark.position]
        if after:
            i = min(after, key=lambda k: passages[k].start)
            note = Footnote(mark.number, footnotes[mark.number])
            passages[i] = replace(passages[i], footnotes=tuple(sorted(passages[i].footnotes + (note,),
                                                                      key=lambda f: f.number)))
            attached.add(mark.number)
    return passages


def parse_guide(raw_text: str, document_id: str) -> ParsedGuide:
    """Clean ``raw_text`` and rebuild it into sections, passages, glossary and overviews."""
    cleaned = clean_text(raw_text)
    lines = split_lines(cleaned.text)
    title = TitleCase([ln.text for ln in lines if not is_caps_line(ln.text)])
    body, sections, numbers, notes = outline(cleaned.text, lines, title)
    factory = PassageFactory(document_id, cleaned.text, cleaned.footnotes, cleaned.marks)
    annex = {letter: [ln for ln in body if ln.annex == letter] for letter in "ABCDE"}
    root = next((ln.path[:2] for ln in body if re.match(r"(?:Quick\s+)?Checklist:$", ln.text) and not ln.annex), None)
    in_checklists = [ln for ln in body if root and ln.path[:2] == root and not ln.annex]
    general = [ln for ln in body if not ln.annex and not (root and ln.path[:2] == root)]
    checklists, leftovers, checklist_notes = build_checklists(in_checklists, numbers, 3, cleaned.text)
    passages: list[Passage] = []
    for unit in build_blocks(sorted(general + leftovers, key=lambda ln: ln.start), notes):
        passages.extend(factory.from_unit(unit))
    marks = [(m.number, m.position) for m in cleaned.marks]
    glossary, glossary_entries, glossary_notes = build_glossary(
        annex["A"], general, cleaned.text, document_id, marks, cleaned.footnotes)
    overview_entries, overviews = parse_overviews(annex["B"], cleaned.text)
    for entry in checklists + glossary_entries + overview_entries + parse_links(annex["E"], cleaned.text):
        passages.extend(factory.make(entry))
    passages = _attach_heading_marks(passages, cleaned.marks, cleaned.footnotes)
    return ParsedGuide(
        text=cleaned.text,
        sections=tuple(sections),
        passages=tuple(passages),
        glossary=tuple(glossary),
        overviews=overviews,
        resolution_region=resolution_region(raw_text),
        notes=cleaned.notes + tuple(notes + checklist_notes + glossary_notes),
    )
