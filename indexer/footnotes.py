"""Footnotes of PDF-extracted text: the notes lifted out, the marks in the text tied to them.

The numbered notes the document defines ("6. These definitions are ...") are lifted out, and
the marks glued to words ("expression6", "19791", "LGBTQ26") are stripped -- but only numbers
the document defines as footnotes, only between the previous footnote block and the block
that defines them, so ordinary numbers survive. Marks travel through the later cleaning
steps as invisible sentinels (:mod:`indexer.visible_text`) and are resolved to offsets in the
final text by :func:`collect_marks`. One step of :func:`indexer.clean.clean_text`.

:class:`Removal`, the record every cleaning rule reports, is defined here because
:func:`mark_footnotes` makes one and :mod:`indexer.clean` imports this module, not the other way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.visible_text import MARK_CLOSE, MARK_OPEN, SENTINEL, is_caps_line

# Tokens whose trailing digits are part of the name, never a footnote mark.
KNOWN_DIGIT_TOKENS: frozenset[str] = frozenset(
    {"LGBTQ2", "LGBTQ2S", "2SLGBTQ", "LGBTQ2I", "G7", "G8", "G20", "P5", "COVID19", "H1N1", "A4"}
)

_FOOTNOTE_START = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True)
class Removal:
    """A stretch of the input a rule took out: ``kind`` is "page-number", "caption" or "footnote"."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FootnoteMark:
    """A footnote mark: ``number`` sat at ``position`` of the text it was stripped from."""

    number: int
    position: int


def find_footnote_blocks(text: str) -> list[tuple[int, int, dict[int, str]]]:
    """Candidate footnote blocks, as (start, end, {number: text}).

    A candidate is a blank-line-delimited run of lines that opens with "N. "; each later
    line opening with the next number starts the next note, any other line continues the
    current one, up to a SHOUTING heading or an indented line (the next page). :func:`mark_footnotes` decides which candidates really are footnotes.
    """
    blocks: list[tuple[int, int, dict[int, str]]] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        body = match.group(0)
        if not _FOOTNOTE_START.match(body.split("\n", 1)[0].strip()):
            continue
        notes: dict[int, list[str]] = {}
        current, length = 0, 0
        for line in body.split("\n"):
            if notes and (line[:1].isspace() or is_caps_line(line)):
                break  # the next page (it opens indented) or a heading ends the notes
            length += len(line) + 1
            numbered = _FOOTNOTE_START.match(line.strip())
            if numbered and (not notes or int(numbered.group(1)) == current + 1):
                current = int(numbered.group(1))
                notes[current] = [numbered.group(2).strip()]
            else:
                notes[current].append(line.strip())
        end = match.start() + length - 1
        blocks.append((match.start(), end, {n: " ".join(parts) for n, parts in notes.items()}))
    return blocks


def find_footnote_marks(text: str, numbers: set[int] | frozenset[int]) -> list[tuple[int, int, int]]:
    """Marks glued to words or years, as (start, end, number): only ``numbers`` are marks.

    "expression6" -> digits "6"; "19791" -> the "1" after year 1979; "LGBTQ26" -> "6" (the
    longest token that is a known name, or else the shortest defined suffix). URLs are skipped.
    """
    urls = [m.span() for m in _URL.finditer(text)]
    found = []
    for m in re.finditer(r"([A-Za-z’”\")]+)(\d{1,6})(?![\w/\-])|(?<![\d\w])((?:19|20)\d\d)(\d{1,2})(?![\w/])", text):
        if any(a <= m.start() < b for a, b in urls):
            continue
        if m.group(1) is not None:
            word, digits, base = m.group(1), m.group(2), m.start(2)
        else:
            word, digits, base = m.group(3), m.group(4), m.start(4)
        if m.group(1) is not None and (word + digits) in KNOWN_DIGIT_TOKENS:
            continue
        for cut in range(len(digits) - 1, -1, -1) if m.group(1) is not None else [0]:
            suffix = digits[cut:]
            if suffix[0] != "0" and int(suffix) in numbers:
                kept = word + digits[:cut]
                if m.group(1) is not None and cut and kept not in KNOWN_DIGIT_TOKENS and not word.isupper():
                    continue  # "ab12": a lower-case word does not carry digits of its own
                found.append((base + cut, m.end(), int(suffix)))
                break
    return found


def mark_footnotes(text: str) -> tuple[str, dict[int, str], list[Removal]]:
    """Lift footnote blocks out and turn their marks into sentinels (see :func:`collect_marks`).

    Footnotes are numbered through the document, so after the first block a candidate must
    continue the numbering (1-3, then 4-5, then 6: numbered lists and operative paragraphs
    that restart at 1 are not footnotes), and at least one of its numbers must be marked in the text
    between the previous footnote block and this one (notes sit at the foot of the page
    that marks them). Only marks in that window are stripped.
    """
    footnotes: dict[int, str] = {}
    edits: list[tuple[int, int, str]] = []
    previous_end, expected = 0, None
    for start, end, notes in find_footnote_blocks(text):
        if expected is not None and min(notes) != expected:
            continue
        marks = [
            (previous_end + a, previous_end + b, number)
            for a, b, number in find_footnote_marks(text[previous_end:start], frozenset(notes))
        ]
        if not marks:
            continue
        footnotes.update(notes)
        edits.extend((a, b, f"{MARK_OPEN}{number}{MARK_CLOSE}") for a, b, number in marks)
        edits.append((start, end, ""))
        previous_end, expected = end, max(notes) + 1
    removals = [Removal("footnote", s, e, text[s:e]) for s, e, r in edits if r == ""]
    for s, e, replacement in sorted(edits, reverse=True):
        text = text[:s] + replacement + text[e:]
    return text, footnotes, removals


def collect_marks(text: str) -> tuple[str, list[FootnoteMark]]:
    """Remove mark sentinels, reporting where each mark sat in the returned text."""
    marks, pieces, pos, shift = [], [], 0, 0
    for m in SENTINEL.finditer(text):
        pieces.append(text[pos:m.start()])
        marks.append(FootnoteMark(int(m.group(1)), m.start() - shift))
        shift += m.end() - m.start()
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), marks
