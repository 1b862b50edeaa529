"""Rebuild a PDF-extracted police guide the way a careful reader would.

The raw text is cleaned (:mod:`indexer.clean`), cut into lines (one paragraph, heading or
list item each), and every line is given its place in the outline:

* chapters are SHOUTING headings standing alone; the two-column layout often prints a
  chapter's title beside its first section ("I. ..."), so a chapter title found next to a
  section numbered I opens the chapter *before* that section;
* sections are "I.", "II." headings, sub-sections "1.", "2." headings or unnumbered
  SHOUTING lines, good-practice boxes "› HEADING" sit one level below. A box printed
  between a heading and its first line of text is a float the layout moved: it goes back
  under the section that holds the other boxes.

Then each stretch of the outline becomes passages: Annex A definitions and running-text
definitions (:mod:`indexer.definitions`), the adviser checklists (:mod:`indexer.checklists`),
Annex B overviews, Annex E links, and everywhere else quotes, lists with their lead-in
and paragraphs (:func:`build_blocks`).
Annexes C and D (the resolution texts) are handed back raw for their own parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from indexer.checklists import build_checklists
from indexer.clean import FootnoteMark, clean_text, is_caps_line, is_dated_caption
from indexer.definitions import Entry, build_glossary, parse_links, parse_overviews
from kb.documents import MAX_PASSAGE_CHARS, Footnote, Passage, Section
from kb.resolutions import PILLARS
from kb.glossary import GlossaryTerm, slugify

_ROMAN = re.compile(r"^([IVX]+)\.\s+(.+)$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(.+)$")
_ANNEX = re.compile(r"^ANNEX\s+([A-Z])\b\s*[–-]?\s*(.*)$")


@dataclass(frozen=True)
class Line:
    """One line of the cleaned text: a paragraph, heading or list item, with its offsets."""

    start: int
    end: int
    text: str
    path: tuple[str, ...] = ()
    annex: str = ""  # "A".."E" inside an annex


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


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + len(raw.rstrip()), raw.strip()))
        pos += len(raw) + 1
    return lines


def resolution_region(raw_text: str) -> str:
    """The raw text from the "ANNEX C" heading up to (not including) the "ANNEX E" heading."""
    start = re.search(r"^[ \t]*ANNEX\s+C\b", raw_text, re.MULTILINE)
    if not start:
        return ""
    end = re.search(r"^[ \t]*ANNEX\s+E\b", raw_text[start.start():], re.MULTILINE)
    return raw_text[start.start(): start.start() + end.start()] if end else raw_text[start.start():]


class TitleCase:
    """Turns SHOUTING headings into sentence case, keeping the document's acronyms and names.

    Acronyms are the all-capital tokens the body text uses ("UN", "WPS", "SGBV"); names are
    words the body text only ever writes capitalised ("Ukraine", "Iraq", "Beijing").
    """

    def __init__(self, body_lines: list[str]) -> None:
        body = " ".join(body_lines)
        words = re.findall(r"[A-Za-z][\w’'+-]*", body)
        self.acronyms = {w for w in words if len(w) >= 2 and w.isupper()}
        lower = {w.lower() for w in words if w[0].islower()}
        lower |= {w + "s" for w in lower} | {w[:-1] for w in lower if w.endswith("s")}
        mid_sentence = re.findall(r"(?<=[\w,;’)] )([A-Z][a-z’'-]+)", body)
        self.names = {w.lower(): w for w in mid_sentence if w.lower() not in lower}
        # "Security Council": a word written capitalised before a name keeps its capital.
        self.pairs = {
            (a.lower(), b.lower()): a
            for a, b in re.findall(r"(?<=[a-z,;] )([A-Z][a-z]+) ([A-Z][a-z]+)", body)
            if b.lower() in self.names
        }

    def __call__(self, heading: str) -> str:
        heading = re.sub(r"^(?:#+|[IVX]+\.|\d{1,2}\.|›|-)\s*", "", heading.strip()).rstrip(":").strip()
        if not is_caps_line(heading):
            return heading
        tokens = re.split(r"(\s+|[(),:;/–-])", heading)
        words = [i for i, t in enumerate(tokens) if t.strip() and t[0].isalnum()]
        out = [t.lower() for t in tokens]
        for n, i in enumerate(words):
            token, bare = tokens[i], tokens[i].strip("’'")
            previous = tokens[words[n - 1]].lower() if n else ""
            following = tokens[words[n + 1]].lower() if n + 1 < len(words) else ""
            if bare in self.acronyms or (bare.rstrip("S") in self.acronyms and len(bare) > 2) or previous == "annex":
                out[i] = token
            elif token.lower() in self.names:
                out[i] = self.names[token.lower()]
            elif (token.lower(), following) in self.pairs:
                out[i] = self.pairs[(token.lower(), following)]
        text = "".join(out)
        return text[:1].upper() + text[1:]


def _chapter_candidate(lines: list[Line], i: int, blank_before: set[int]) -> bool:
    """A SHOUTING line standing alone in its block, not numbered, not a box or lead-in."""
    line = lines[i]
    if not is_caps_line(line.text) or _ROMAN.match(line.text) or _NUMBERED.match(line.text):
        return False
    if line.text.startswith(("›", "-", "•")) or line.text.endswith(":") or _ANNEX.match(line.text):
        return False
    alone_after = i + 1 >= len(lines) or (i + 1) in blank_before
    return i in blank_before and alone_after


def _opens_part(text: str) -> bool:
    roman = _ROMAN.match(text)
    annex = _ANNEX.match(text)
    return bool(roman and roman.group(1) == "I" and is_caps_line(text)) or bool(annex and annex.group(1) == "A")


def outline(text: str, lines: list[Line],
            title: TitleCase) -> tuple[list[Line], list[Section], dict[str, int], list[str]]:
    """Give every line its section path.

    Returns the lines left (headings removed), the sections, the number of each numbered
    heading by title ("Gender adviser" -> 2) and notes on what was moved.
    """
    blank_before = {i for i in range(1, len(lines)) if "\n\n" in text[lines[i - 1].end: lines[i].start]}
    blank_before.add(0)
    chapters: set[int] = set()
    for i in range(len(lines)):
        if not _chapter_candidate(lines, i, blank_before):
            continue
        before = i > 0 and _opens_part(lines[i - 1].text)
        after = next((j for j in range(i + 1, min(i + 8, len(lines))) if _is_heading(lines[j].text)), None)
        if i == 0 or before or (after is not None and _opens_part(lines[after].text)) or not chapters:
            chapters.add(i)
    order = list(range(len(lines)))
    for i in sorted(chapters):  # a chapter title printed after its section I comes first
        if i > 0 and _opens_part(lines[i - 1].text):
            pos = order.index(i)
            order[pos - 1], order[pos] = order[pos], order[pos - 1]
    sections: list[Section] = []
    notes: list[str] = []
    path: list[tuple[int, str]] = []  # (level, title)
    annex = ""
    box_parent: tuple[tuple[int, str], ...] | None = None
    boxes: set[str] = set()
    body_seen = True
    out: list[Line] = []
    used_anchors: set[str] = set()

    numbers: dict[str, int] = {}

    def open_section(level: int, heading: str) -> None:
        nonlocal body_seen
        numbered = _NUMBERED.match(heading)
        if numbered:
            numbers[title(heading)] = int(numbered.group(1))
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, title(heading)))
        anchor = _unique(slugify(path[-1][1]) or "section", used_anchors)
        sections.append(Section(anchor, path[-1][1], level, tuple(t for _, t in path)))
        body_seen = False

    resume: tuple[list[tuple[int, str]], int | None] | None = None
    for i in order:
        line = lines[i]
        text_ = line.text
        if resume and i == resume[1]:
            path[:], resume, body_seen = resume[0], None, False
        annex_match = _ANNEX.match(text_)
        if i in chapters:
            path.clear()
            open_section(1, text_)
            continue
        if annex_match:
            annex = annex_match.group(1)
            open_section(2, text_)
            continue
        if _is_heading(text_) and not (text_.endswith(":") and i + 1 < len(lines) and lines[i + 1].text.startswith("•")):
            level = _heading_level(text_, path, boxes)
            if text_.startswith("›"):
                boxes.add(title(text_))
                if not body_seen and box_parent is not None and tuple(path) != box_parent:
                    # a float: it runs to the end of its block, then the interrupted section resumes
                    notes.append(f"good-practice box {title(text_)!r} moved back under {box_parent[-1][1]!r}")
                    resume = (list(path), next((j for j in order[order.index(i) + 1:] if j in blank_before), None))
                    path[:] = list(box_parent)
                    open_section(box_parent[-1][0] + 1, text_)
                    continue
                box_parent = tuple(p for p in path if p[0] < level)
            open_section(level, text_)
            continue
        body_seen = True
        out.append(Line(line.start, line.end, text_, tuple(t for _, t in path), annex))
    return out, sections, numbers, notes


def _is_heading(text: str) -> bool:
    return is_caps_line(text) and not text.startswith("•") and len(text) < 200


def _heading_level(text: str, path: list[tuple[int, str]], boxes: set[str]) -> int:
    if _ROMAN.match(text):
        return 2
    if _NUMBERED.match(text):
        return 3
    if text.startswith("›"):
        return max((lvl for lvl, t in path if t not in boxes), default=1) + 1
    # unnumbered SHOUTING heading: one below the last numbered level (roman or arabic)
    if not path:
        return 1
    return 3 if path[-1][0] <= 3 else path[-1][0]


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 2
    while candidate in used:
        candidate, n = f"{anchor}-{n}", n + 1
    used.add(candidate)
    return candidate


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
            anchor = _unique(entry.anchor if n == 0 else f"{entry.anchor}-{n + 1}", self.used)
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
