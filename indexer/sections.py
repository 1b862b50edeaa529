"""The structure of a generic document: headings into sections, paragraphs into passages.

The text is first cut into *blocks* (runs of non-blank lines) with their character offsets.
A block is a heading when it is a Markdown "#" line or, in plain text, when it looks like one:
short, no closing punctuation, title or upper case (or a very short sentence-case line), and
not the end of the document. Every other block becomes a passage, except that a list is kept
together with its lead-in paragraph and a run of list blocks stays one passage. Photo credits
("... Photo UNMIT/Martine Perret") and the one-line alt text just before them are dropped.

Passages never hold more than :data:`~kb.documents.MAX_PASSAGE_CHARS` characters: longer ones
are cut at sentence ends. Every passage's ``text`` is exactly ``text[start:end]`` of the
document, so a hit can always be shown in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.documents import MAX_PASSAGE_CHARS, Passage, Section
from kb.glossary import slugify

_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+\u2022\u25aa\u25e6\u2023\u25cf\u2013]\s+|\(?\d{1,3}[.)]\s+|\([a-z]{1,2}\)\s+|[a-z][.)]\s+)")
_FINAL_PUNCT = ".,;:!"
_SMALL_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with vs via per de des du la le les et en sur pour aux au".split()
)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# "Photo UNMIT/Martine Perret", "© UN Photo/Marco Dormino", "UN Photo/Eskinder Debebe".
_PHOTO_CREDIT = re.compile(r"(?:\bPhoto(?:graph)?|\u00a9)\s*(?:by|credit)?\s*:?\s*[\w.&' -]*/\s*[\w.' -]+\s*$", re.IGNORECASE)
_CAPTION_START = re.compile(r"^(?:Photo|Photograph|Image|Caption)\s*:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]?\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_MAX_HEADING_CHARS = 120
_MAX_TITLE_CASE_WORDS = 14
_MAX_SENTENCE_CASE_WORDS = 6
_MAX_CAPTION_CHARS = 600
_MAX_ALT_TEXT_CHARS = 160


@dataclass(frozen=True)
class ParsedDocument:
    """A document's text with the sections and passages found in it."""

    text: str
    sections: tuple[Section, ...]
    passages: tuple[Passage, ...]
    title: str  # best title found (first heading) if any


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines: ``text[start:end]``, with its heading level if it is one (else 0)."""

    start: int
    end: int
    heading: int = 0
    title: str = ""


def text_blocks(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every run of non-blank lines in ``text[start:end]``, outer spaces trimmed."""
    spans = []
    for match in _BLOCK.finditer(text, start, len(text) if end is None else end):
        chunk = match.group()
        chunk_start = match.start() + len(chunk) - len(chunk.lstrip())
        spans.append((chunk_start, match.start() + len(chunk.rstrip())))
    return spans


def is_list_item(line: str) -> bool:
    """True for a bulleted or numbered list line: "- x", "• x", "1. x", "(a) x"."""
    return bool(_LIST_ITEM.match(line))


def heading_case(line: str) -> str:
    """How ``line`` reads as a heading: "upper", "title", "sentence" (very short), or "" if it is not one."""
    line = " ".join(line.split())
    if not line or len(line) > _MAX_HEADING_CHARS or line[-1] in _FINAL_PUNCT or is_list_item(line):
        return ""
    words = _WORD.findall(line)
    last = re.findall(r"[\w'\u2019-]+", line)[-1:]
    if not words or not (line[0].isupper() or line[0].isdigit()) or last[0].lower() in _SMALL_WORDS:
        return ""
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and len(words) <= _MAX_TITLE_CASE_WORDS:
        return "upper"
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if all(w[0].isupper() for w in significant) and len(words) <= _MAX_TITLE_CASE_WORDS:
        return "title"
    return "sentence" if len(words) <= _MAX_SENTENCE_CASE_WORDS else ""


def is_photo_credit(block: str) -> bool:
    """True for a photo credit or caption block ("... Photo UNMIT/Martine Perret", "Photo: ...")."""
    if len(block) > _MAX_CAPTION_CHARS:
        return False
    return bool(_PHOTO_CREDIT.search(block) or _CAPTION_START.match(block))


def split_span(text: str, start: int, end: int, limit: int = MAX_PASSAGE_CHARS) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``limit`` characters, at sentence ends when possible."""
    if end - start <= limit:
        return [(start, end)]
    # (end of a sentence, start of the next) pairs
    cuts = [(m.start() + start, m.end() + start) for m in _SENTENCE_END.finditer(text[start:end])]
    spans: list[tuple[int, int]] = []
    piece_start = start
    while end - piece_start > limit:
        fitting = [c for c in cuts if piece_start < c[0] <= piece_start + limit]
        if fitting:
            piece_end, next_start = fitting[-1]
        else:  # one sentence longer than the limit: cut at the last space that fits
            space = text.rfind(" ", piece_start + 1, piece_start + limit + 1)
            piece_end = next_start = space if space > piece_start else piece_start + limit
        while piece_end > piece_start and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((piece_start, piece_end))
        piece_start = next_start
        while piece_start < end and text[piece_start].isspace():
            piece_start += 1
    if piece_start < end:
        spans.append((piece_start, end))
    return spans


def _classify(text: str) -> list[Block]:
    """Cut ``text`` into blocks and mark the headings."""
    markdown = bool(_MD_HEADING.search(text))
    blocks: list[Block] = []
    for start, end in text_blocks(text):
        if markdown:
            # A "#" line is a heading block even when text follows it without a blank line.
            position = start
            for match in _MD_HEADING.finditer(text, start, end):
                blocks.extend(Block(s, e) for s, e in text_blocks(text, position, match.start()))
                blocks.append(Block(match.start(), match.end(), len(match.group(1)), match.group(2).strip()))
                position = match.end()
            blocks.extend(Block(s, e) for s, e in text_blocks(text, position, end))
            continue
        lines = text[start:end].split("\n")
        joined = " ".join(line.strip() for line in lines)
        case = heading_case(joined)
        if (len(lines) == 1 and case) or (len(lines) == 2 and case in ("upper", "title")):
            blocks.append(Block(start, end, 1 if case == "upper" else 2, joined))
        elif len(lines) > 1 and heading_case(lines[0]) == "upper" and len(lines[0].strip()) >= 4 \
                and lines[1].lstrip()[:1].isupper():
            # An UPPER CASE heading line glued to its first paragraph.
            head_end = start + len(lines[0])
            blocks.append(Block(start, head_end, 1, lines[0].strip()))
            blocks.extend(Block(s, e) for s, e in text_blocks(text, head_end, end))
        else:
            blocks.append(Block(start, end))
    if not markdown:
        # A heading-like line that ends the document leads nowhere: it is a closing line.
        while blocks and blocks[-1].heading:
            blocks[-1] = Block(blocks[-1].start, blocks[-1].end)
    return blocks


def _drop_captions(text: str, blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        if not block.heading and is_photo_credit(text[block.start:block.end]):
            previous = kept[-1] if kept else None
            if previous and not previous.heading and "\n" not in text[previous.start:previous.end] \
                    and previous.end - previous.start <= _MAX_ALT_TEXT_CHARS:
                kept.pop()  # the alt text of the photo the credit belongs to
            continue
        kept.append(block)
    return kept


def _passage_spans(text: str, blocks: list[Block]) -> list[tuple[int, int, str]]:
    """(start, end, role) per passage of a run of body blocks: lists join their lead-in."""
    spans: list[tuple[int, int, str]] = []
    for block in blocks:
        body = text[block.start:block.end]
        if is_list_item(body.split("\n", 1)[0]):
            if spans and spans[-1][1] - spans[-1][0] + block.end - block.start < MAX_PASSAGE_CHARS:
                spans[-1] = (spans[-1][0], block.end, "list")
                continue
            spans.append((block.start, block.end, "list"))
        else:
            spans.append((block.start, block.end, "paragraph"))
    return spans


def parse_sections(text: str, document_id: str, kind: str, language: str = "en") -> ParsedDocument:
    """Split ``text`` into sections (by headings) and passages (paragraphs, lists), with offsets."""
    blocks = _drop_captions(text, _classify(text))
    sections: list[Section] = []
    passages: list[Passage] = []
    used: set[str] = set()
    stack: list[tuple[int, str]] = []
    section_anchor, body = "intro", []

    def unique(anchor: str) -> str:
        candidate, n = anchor or "section", 2
        while candidate in used:
            candidate, n = f"{anchor}-{n}", n + 1
        used.add(candidate)
        return candidate

    def flush() -> None:
        path = tuple(title for _, title in stack)
        number = 0
        for start, end, role in _passage_spans(text, body):
            number += 1
            anchor = unique(f"{section_anchor}-p{number}")
            for piece, (s, e) in enumerate(split_span(text, start, end), start=1):
                piece_anchor = anchor if piece == 1 else unique(f"{anchor}-{piece}")
                passages.append(Passage(
                    id=f"{document_id}/{piece_anchor}", document_id=document_id, anchor=piece_anchor, kind=kind,
                    role=role, title=path[-1] if path else "", text=text[s:e], section_path=path,
                    language=language, start=s, end=e,
                ))
        body.clear()

    for block in blocks:
        if not block.heading:
            body.append(block)
            continue
        flush()
        while stack and stack[-1][0] >= block.heading:
            stack.pop()
        stack.append((block.heading, block.title))
        section_anchor = unique(slugify(block.title))
        sections.append(Section(section_anchor, block.title, block.heading, tuple(t for _, t in stack)))
    flush()
    top = min((s.level for s in sections), default=0)
    title = next((s.title for s in sections if s.level == top), "")
    return ParsedDocument(text=text, sections=tuple(sections), passages=tuple(passages), title=title)
