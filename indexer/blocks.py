"""Passages of a guide's body: lines grouped into blocks, blocks made into passages.

:func:`build_blocks` groups the body lines of the outline (:mod:`indexer.outline`) into
quotes, lists with their lead-in and paragraphs, rejoins a paragraph the column layout cut
in two and groups short paragraphs under one heading. :class:`PassageFactory` turns those
blocks, and the reference entries of :mod:`indexer.definitions` and
:mod:`indexer.checklists`, into passages: unique anchors, the footnotes of the marks they
hold, the pillars they name, long ones split. Used by :mod:`indexer.guide`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.clean import is_dated_caption
from indexer.definitions import Entry
from indexer.footnotes import FootnoteMark
from indexer.outline import Line, unique_anchor
from kb.documents import MAX_PASSAGE_CHARS, Footnote, Passage
from kb.resolutions import PILLARS
from kb.glossary import slugify

_BULLET = re.compile(r"^(?:•|›(?!\s*[A-Z\s,’'()-]+$)|\d{1,2}\.\s)")
_ATTRIBUTION = re.compile(r"^(?:- |\(?Sources?:)")
_QUOTE = re.compile(r"^[“\"]")
_TERMINAL = re.compile(r"[.!?:;”\"’)]$")
TARGET_CHARS = 1200  # paragraphs under one heading are grouped up to about this size


@dataclass
class Unit:
    """A passage in the making: its role, its lines, its outline path and a title suffix."""

    role: str
    lines: list[Line]
    path: tuple[str, ...]
    label: str = ""
    pieces: bool = False  # reassembled from pieces the layout separated


def _kind(line: Line) -> str:
    if _ATTRIBUTION.match(line.text):
        return "attribution"
    if _BULLET.match(line.text):
        return "bullet"
    if _QUOTE.match(line.text):
        return "quote"
    return "text"


def build_blocks(lines: list[Line], notes: list[str]) -> list[Unit]:
    """Group body lines into quotes, lists (with their lead-in) and paragraphs."""
    units: list[Unit] = []
    for i, line in enumerate(lines):
        kind = _kind(line)
        cur = units[-1] if units and units[-1].path == line.path else None
        if kind == "attribution" and cur:
            cur.lines.append(line)
        elif kind == "bullet" and line.text.startswith("›") and not _TERMINAL.search(line.text) and (
            i + 1 < len(lines) and _kind(lines[i + 1]) == "bullet"
        ):
            label = line.text.lstrip("› ").strip()
            if cur and cur.role == "paragraph" and cur.lines[-1].text.endswith(":"):
                units[-1] = Unit("list", cur.lines + [line], line.path, label)
            else:
                units.append(Unit("list", [line], line.path, label))
        elif kind == "bullet" or (kind == "quote" and cur and cur.role == "list" and _QUOTE.match(
            cur.lines[-1].text.lstrip("• "))):
            if cur and cur.role == "list" and not _ATTRIBUTION.match(cur.lines[-1].text):
                cur.lines.append(line)
            elif cur and cur.role == "paragraph" and cur.lines[-1].text.endswith(":"):
                lead = cur.lines.pop()
                if not cur.lines:
                    units.pop()
                units.append(Unit("list", [lead, line], line.path))
            else:
                units.append(Unit("list", [line], line.path))
        elif kind == "quote":
            units.append(Unit("quote", [line], line.path))
        elif is_dated_caption(line.text) and not (cur and cur.role == "paragraph"):
            notes.append(f"dropped an uncredited photo caption: {line.text[:60]!r}")
        else:
            units.append(Unit("paragraph", [line], line.path))
    return _group_paragraphs(_reassemble(units, notes))


def _reassemble(units: list[Unit], notes: list[str]) -> list[Unit]:
    """Join a paragraph that stops mid-sentence with the fragment that continues it.

    A paragraph opening in lower case is the tail of one the column layout separated from
    it: its head is the nearest body paragraph (200 characters or more: not a title line)
    in the same chapter, at most six blocks away, that ends mid-word or mid-sentence
    (looked for after the tail first, where the other column lands, then before). The whole paragraph goes where the tail was when the tail opened its section
    (a section cannot begin mid-sentence, so its beginning belongs there), else where the
    head was.
    """
    for t, tail in enumerate(units):
        if tail.role != "paragraph" or not tail.lines[0].text[:1].islower():
            continue
        candidates = list(range(t + 1, min(t + 7, len(units)))) + list(range(t - 1, max(t - 7, -1), -1))
        head_i = next((h for h in candidates if _is_cut_paragraph(units[h]) and units[h].path[:1] == tail.path[:1]),
                      None)
        if head_i is None:
            continue
        head = units[head_i]
        opens_section = t == 0 or units[t - 1].path != tail.path
        where = tail.path if opens_section else head.path
        merged = Unit("paragraph", head.lines + tail.lines, where, pieces=True)
        notes.append(f"rejoined a paragraph split by the layout: {head.lines[-1].text[-30:]!r} + "
                     f"{tail.lines[0].text[:20]!r} under {where[-1]!r}")
        units[t], units[head_i] = (merged, Unit("gone", [], ())) if opens_section else (Unit("gone", [], ()), merged)
    return [u for u in units if u.role != "gone"]


def _is_cut_paragraph(unit: Unit) -> bool:
    """A body paragraph (not a title line) that stops mid-word or mid-sentence."""
    last = unit.lines[-1].text
    return (unit.role == "paragraph" and not unit.lines[0].text[:1].islower() and len(last) >= 200
            and bool(re.search(r"(?:[a-z]-|[a-z,])$", last)))


def _group_paragraphs(units: list[Unit]) -> list[Unit]:
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (prev and unit.role == "paragraph" and prev.role == "paragraph" and prev.path == unit.path
                and not prev.pieces and not unit.pieces
                and sum(len(ln.text) for ln in prev.lines + unit.lines) <= TARGET_CHARS):
            prev.lines.extend(unit.lines)
        else:
            out.append(unit)
    return out


def unit_text(unit: Unit, text: str) -> tuple[str, int, int]:
    """The unit's text, and its offsets when its lines are contiguous in ``text`` (else -1)."""
    if not unit.pieces and all(
            a.end <= b.start and not text[a.end:b.start].strip() for a, b in zip(unit.lines, unit.lines[1:])):
        start, end = unit.lines[0].start, unit.lines[-1].end
        return text[start:end], start, end
    joined = unit.lines[0].text
    for line in unit.lines[1:]:
        if joined.endswith("-") and line.text[:1].islower():
            joined = joined[:-1] + line.text
        elif line.text[:1].islower():
            joined += " " + line.text
        else:
            joined += "\n" + line.text
    return joined, -1, -1


def split_long(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters at line, then sentence, ends."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for part in re.split(r"(?<=\n)|(?<=[.!?;])\s+(?=[A-Z“•])", text):
        if not part:
            continue
        part = part.strip(" ")
        joiner = "" if not current or current.endswith("\n") else " "
        if current and len(current) + len(joiner) + len(part.rstrip("\n")) > limit:
            pieces.append(current.rstrip())
            current, joiner = "", ""
        while len(part) > limit:
            cut = part.rfind(" ", 0, limit)
            pieces.append(part[:cut])
            part = part[cut + 1:]
        current += joiner + part
    if current.strip():
        pieces.append(current.rstrip())
    return pieces


def _pillars(text: str) -> tuple[str, ...]:
    """The pillars a passage clearly names: it speaks of pillars, or names two of them or more."""
    named = tuple(p for p in PILLARS if re.search(rf"\b{p}\b", text, re.IGNORECASE))
    return named if len(named) >= 2 or (named and re.search(r"\bpillars?\b|3 Ps", text, re.IGNORECASE)) else ()


class PassageFactory:
    """Makes passages: unique anchors, footnotes of the marks they hold, pillars, long ones split."""

    def __init__(self, document_id: str, text: str, footnotes: dict[int, str], marks: tuple[FootnoteMark, ...]):
        self.document_id, self.text, self.footnotes, self.marks = document_id, text, footnotes, marks
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def _footnotes(self, spans: list[tuple[int, int]]) -> tuple[Footnote, ...]:
        numbers = sorted({m.number for m in self.marks for a, b in spans if a <= m.position <= b})
        return tuple(Footnote(n, self.footnotes[n]) for n in numbers if n in self.footnotes)

    def make(self, entry: Entry, spans: list[tuple[int, int]] | None = None) -> list[Passage]:
        """The passage(s) for ``entry``; ``spans`` are the pieces it was rebuilt from, if any."""
        spans = spans or ([(entry.start, entry.end)] if entry.start >= 0 else [])
        pieces = split_long(entry.text)
        out = []
        for n, piece in enumerate(pieces):
            anchor = unique_anchor(entry.anchor if n == 0 else f"{entry.anchor}-{n + 1}", self.used)
            start, end = (entry.start, entry.end) if len(pieces) == 1 else (-1, -1)
            if len(pieces) > 1 and entry.start >= 0:
                offset = self.text.find(piece, entry.start, entry.end + 1)
                start, end = (offset, offset + len(piece)) if offset >= 0 else (-1, -1)
            own = [(start, end)] if start >= 0 else spans
            pillars = _pillars(piece)
            out.append(Passage(
                id=f"{self.document_id}/{anchor}", document_id=self.document_id, anchor=anchor, kind=entry.kind,
                role=entry.role, title=entry.title if n == 0 else f"{entry.title} (part {n + 1})", text=piece,
                section_path=entry.path, resolution=entry.resolution, year=entry.year, pillars=pillars,
                footnotes=self._footnotes(own), start=start, end=end,
            ))
        return out

    def from_unit(self, unit: Unit) -> list[Passage]:
        """Passages for a quote, list or paragraph unit, anchored "<heading slug>-p<n>"."""
        body, start, end = unit_text(unit, self.text)
        path = unit.path or ("Front matter",)  # text before the first heading
        base = slugify(path[-1])
        self.counters[base] = self.counters.get(base, 0) + 1
        title = path[-1]
        if unit.label:
            title = f"{title}: {unit.label}"
        entry = Entry("guide", unit.role, f"{base}-p{self.counters[base]}", title, body, start, end, path)
        return self.make(entry, [(ln.start, ln.end) for ln in unit.lines])
