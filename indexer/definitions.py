"""Reference entries of a guide: its glossary, its resolution overviews and its resources.

* Annex A: each paragraph that opens "Term (ACR) refers to / is a / is the / are the /
  is defined as / describes ..." starts an entry; every other paragraph continues the
  entry above it (a column break may have split it: the cleaner already rejoined the
  halves). A paragraph opening with the term just defined ("Gender identity is
  fundamentally ...") continues it too. "(Source: ...)" names the entry's source; a
  footnote mark on the term names it as well ("6. These definitions are taken from ...").
* Running text: "X (ACR) refers to ...", "X is defined as ...", "X describes ..." at a
  sentence start, with the sentences after it that still speak of X. A term Annex A
  also defines is merged into the Annex A entry (same slug), its running-text definition
  kept as a second passage.
* Annex B: "• 1325 (2000): Affirms ..." lines, one overview per resolution.
* Annex E: title lines followed by a "› http..." line, one resource each.

These parsers return :class:`Entry` records; :mod:`indexer.guide` turns them into passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Protocol, Sequence

from kb.glossary import GlossaryTerm, normalize_term, slugify

_VERB = r"(?:refers(?:\s+\w+ly)?\s+to|is\s+defined\s+as|is\s+(?:an?|the|each)\b|are\s+the\b|describes)"
_ANNEX_START = re.compile(
    rf"^(?P<term>[A-Z](?:(?!\s(?:does|do|is|are|can|may|will|should|must)\s)[^.:;()]){{0,70}}?)(?:\s+\((?P<acr>[A-Z][^)]{{0,10}})\))?\s+(?P<verb>{_VERB})"
)
_RUNNING = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<term>[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,5}?)(?:\s+\((?P<acr>[A-Z][A-Za-z+]{1,9})\))?\s+"
    r"(?P<verb>refers\s+to|is\s+defined\s+as|describes)\b"
)
_OPENERS = frozenset("The This These Those There It Its A An In For Each As We You Our If When While".split())
# words that show a running-text "term" is really a clause ("Zero-tolerance should be seen as it")
_NOT_IN_A_NAME = frozenset("is are be been was were should can may will must has have it as that which who".split())
_SOURCE = re.compile(r"^\(Source:\s*(?P<source>.+?)\)\s*$")
_OVERVIEW = re.compile(r"^•\s*(?P<number>\d{4})\s*\((?P<year>\d{4})\)\s*:\s*(?P<text>.+)$")


class LineLike(Protocol):
    """What these parsers need of a line of the cleaned text."""

    start: int
    end: int
    text: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A piece of reference text to index; ``start``/``end`` are offsets into the cleaned text."""

    kind: str
    role: str
    anchor: str
    title: str
    text: str
    start: int
    end: int
    path: tuple[str, ...]
    resolution: int | None = None
    year: int | None = None


@dataclass
class _Draft:
    term: str
    acronym: str
    lines: list[LineLike]
    source: str = ""


def _join(lines: Sequence[LineLike], text: str) -> tuple[str, int, int]:
    start, end = lines[0].start, lines[-1].end
    return text[start:end], start, end


def _footnote_source(lines: Sequence[LineLike], marks: Sequence[tuple[int, int]], footnotes: dict[int, str]) -> str:
    for number, position in marks:
        if lines[0].start <= position <= lines[0].end and number in footnotes:
            note = footnotes[number]
            found = re.search(r"(?:taken|adapted|drawn|quoted) from (.+?)(?:\.\s|\.$|$)", note)
            return found.group(1) if found else note.split(". ")[0]
    return ""


def parse_annex_glossary(lines: Sequence[LineLike], text: str, marks: Sequence[tuple[int, int]] = (),
                         footnotes: dict[int, str] | None = None) -> list[tuple[_Draft, str, int, int]]:
    """Annex A paragraphs into drafts (term, acronym, source, lines) with text and offsets."""
    drafts: list[_Draft] = []
    for line in lines:
        source = _SOURCE.match(line.text)
        start = _ANNEX_START.match(line.text)
        if source and drafts:
            drafts[-1].source = source.group("source").strip()
            drafts[-1].lines.append(line)
        elif start and start.group("term").split()[0] not in _OPENERS and len(start.group("term").split()) <= 6 and (
            not drafts or normalize_term(start.group("term")) != normalize_term(drafts[-1].term)
        ):
            drafts.append(_Draft(start.group("term").strip(), (start.group("acr") or "").strip(), [line]))
        elif drafts:
            drafts[-1].lines.append(line)
    out = []
    for draft in drafts:
        body_lines = [ln for ln in draft.lines if not _SOURCE.match(ln.text)]
        definition = _join(body_lines, text)[0]
        _, start, end = _join(draft.lines, text)
        draft.source = draft.source or _footnote_source(draft.lines, marks, footnotes or {}) or "Annex A"
        out.append((draft, definition, start, end))
    return out


def find_running_definitions(lines: Sequence[LineLike], text: str) -> list[tuple[str, str, str, int, int, tuple]]:
    """Definitions given in running text, as (term, acronym, definition, start, end, path)."""
    found = []
    for line in lines:
        for m in _RUNNING.finditer(line.text):
            term, acronym = m.group("term"), m.group("acr") or ""
            if term.split()[0] in _OPENERS or _NOT_IN_A_NAME.intersection(term.lower().split()):
                continue
            sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“])", line.text[m.start():])
            names = [n.lower() for n in (term, acronym) if n]
            kept = [sentences[0]]
            for sentence in sentences[1:]:
                if sentence.endswith(":") or not any(n in sentence.lower() for n in names):
                    break
                kept.append(sentence)
            definition = " ".join(kept)
            start = line.start + m.start()
            found.append((term, acronym, definition, start, start + len(definition), tuple(line.path)))
    return found


def _see_also(terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """Link each term to the other terms its definition names (generic one-word names excepted)."""
    out = []
    for term in terms:
        related = []
        for other in terms:
            if other.slug == term.slug:
                continue
            names = [n for n in other.names if len(n.split()) > 1 or n.isupper() or len(n) > 6]
            if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", term.definition, re.IGNORECASE) for n in names):
                related.append(other.slug)
        out.append(replace(term, see_also=tuple(related)))
    return out


def _aliases(term: str, acronym: str, definition: str) -> tuple[str, ...]:
    aliases = []
    bare = re.sub(r"\s*\([^)]*\)", "", term).strip()
    if acronym:
        aliases.append(bare)
    if " or " in bare:
        aliases.extend(part.strip() for part in bare.split(" or "))
    # "the Women, Peace and Security (WPS) Agenda" in the text: "WPS Agenda" is a name too
    for m in re.finditer(r"((?:[A-Z][\w’']*,?\s+(?:and\s+)?)+)\(([A-Z]{2,8})\)\s*([A-Z]\w+)?", definition):
        spelled = f"{m.group(1).strip()} {m.group(3) or ''}".strip()
        if normalize_term(spelled) == normalize_term(bare):
            aliases.append(f"{m.group(2)} {m.group(3)}".strip() if m.group(3) else m.group(2))
            aliases.append(m.group(2))
    return tuple(dict.fromkeys(a for a in aliases if a and a not in (term, acronym)))


def build_glossary(annex_lines: Sequence[LineLike], running_lines: Sequence[LineLike], text: str,
                   document_id: str, marks: Sequence[tuple[int, int]] = (),
                   footnotes: dict[int, str] | None = None) -> tuple[list[GlossaryTerm], list[Entry], list[str]]:
    """Glossary terms from Annex A and running text, with one passage entry per definition."""
    terms: dict[str, GlossaryTerm] = {}
    entries: list[Entry] = []
    notes: list[str] = []
    for draft, definition, start, end in parse_annex_glossary(annex_lines, text, marks, footnotes):
        title = f"{draft.term} ({draft.acronym})" if draft.acronym else draft.term
        slug = slugify(title)
        terms[normalize_term(draft.term)] = GlossaryTerm(
            term=title, slug=slug, definition=definition, source=draft.source, acronym=draft.acronym,
            aliases=_aliases(title, draft.acronym, definition), document_id=document_id,
            passage_id=f"{document_id}/{slug}",
        )
        entries.append(Entry("glossary", "definition", slug, title, text[start:end], start, end,
                             tuple(draft.lines[0].path)))
    for term, acronym, definition, start, end, path in find_running_definitions(running_lines, text):
        title = f"{term} ({acronym})" if acronym else term
        key = normalize_term(term)
        if key in terms:
            known = terms[key]
            slug = f"{known.slug}-in-text"
            terms[key] = replace(known, acronym=known.acronym or acronym,
                                 aliases=tuple(dict.fromkeys(known.aliases + ((title,) if title != known.term else ()))))
            notes.append(f"{title!r} is defined in running text and in Annex A: merged, both passages kept")
        else:
            slug = slugify(title)
            source = ", ".join(path[:2]) or "running text"
            terms[key] = GlossaryTerm(term=title, slug=slug, definition=definition, source=source, acronym=acronym,
                                      aliases=_aliases(title, acronym, definition), document_id=document_id,
                                      passage_id=f"{document_id}/{slug}")
        entries.append(Entry("glossary", "definition", slug, title, definition, start, end, path))
    return _see_also(list(terms.values())), entries, notes


def parse_overviews(lines: Sequence[LineLike], text: str) -> tuple[list[Entry], dict[int, str]]:
    """Annex B: one overview entry per "• 1325 (2000): ..." line."""
    entries, overviews = [], {}
    for line in lines:
        m = _OVERVIEW.match(line.text)
        if not m:
            continue
        number, year = int(m.group("number")), int(m.group("year"))
        overviews[number] = m.group("text").strip()
        start = line.start + m.start("number")
        entries.append(Entry("resolution", "overview", f"overview-{number}", f"Resolution {number} ({year}): overview",
                             text[start:line.end], start, line.end, tuple(line.path), number, year))
    return entries, overviews


def parse_links(lines: Sequence[LineLike], text: str) -> list[Entry]:
    """Annex E: a resource is its title line(s) followed by a "› http..." line."""
    entries: list[Entry] = []
    pending: list[LineLike] = []
    for line in lines:
        url = re.match(r"^›?\s*(https?://\S+)$", line.text)
        if not url:
            pending.append(line)
            continue
        if pending:
            name = " ".join(ln.text for ln in pending)
            body, start, end = _join(pending + [line], text)
            if text[pending[-1].end:line.start].strip():
                body, start, end = f"{name}\n{line.text}", -1, -1
            entries.append(Entry("guide", "link", f"resource-{slugify(name)[:60]}", name, body, start, end,
                                 tuple(line.path)))
        pending = []
    return entries
