"""Repair the damage PDF text extraction does, before any structure is read.

Each rule is a function from text to text (plus what it removed or found), so it can
be tested alone and reused on any extracted document:

* lone page-number lines go;
* photo captions go: a block ending in a "© UN Photo/Name" credit, or a "Photo: ..."
  block up to its date line ("- 19 May 2014");
* footnotes are lifted out and their marks stripped (:mod:`indexer.footnotes`);
* checklist "üü" glyphs become a plain bullet;
* words hyphenated across a line break are rejoined where the document says how;
* hard-wrapped lines are unwrapped into one line per paragraph.

Marks are carried through the later steps as invisible sentinels (:mod:`indexer.visible_text`)
and resolved to offsets in the final text by :func:`indexer.footnotes.collect_marks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.footnotes import FootnoteMark, Removal, collect_marks, mark_footnotes
from indexer.visible_text import is_caps_line, visible

BULLET = "•"

_PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]*$")
_CREDIT = re.compile(r"^\s*©\s*\S.{0,80}$")
_PHOTO = re.compile(r"^\s*Photo\s*:", re.IGNORECASE)
_CAPTION_DATE = re.compile(r"-\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b")
_LIST_LINE = re.compile(r"^\s*(?:[•›]|üü|\d{1,2}\.\s)|https?://")
_TERMINAL = re.compile(r"[.!?”\"’)]$|\.[”\"’]$")
_SENTENCE_OPENERS = frozenset(
    "The This These Those Each It Its There In For A An As We You Our All Many Some When While If".split()
)
_CONNECTORS = ("AND ", "OF ", "OR ", "IN ", "ON ", "THE ", "TO ", "FOR ", "– ", "- ")


@dataclass(frozen=True)
class CleanedText:
    """The result of :func:`clean_text`."""

    text: str
    footnotes: dict[int, str] = field(default_factory=dict)
    marks: tuple[FootnoteMark, ...] = ()
    removed: tuple[Removal, ...] = ()
    notes: tuple[str, ...] = ()


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _drop_lines(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, list[Removal]]:
    """Remove whole-line ranges [(first_line, last_line, kind)] and report them."""
    lines = _lines_with_offsets(text)
    drop: dict[int, str] = {}
    for first, last, kind in spans:
        for i in range(first, last + 1):
            drop[i] = kind
    removals: list[Removal] = []
    kept: list[str] = []
    for i, (pos, line) in enumerate(lines):
        if i in drop:
            if removals and removals[-1].kind == drop[i] and removals[-1].end + 1 == pos and i - 1 in drop:
                last = removals.pop()
                removals.append(Removal(last.kind, last.start, pos + len(line), last.text + "\n" + line))
            else:
                removals.append(Removal(drop[i], pos, pos + len(line), line))
        else:
            kept.append(line)
    return "\n".join(kept), removals


def remove_page_numbers(text: str) -> tuple[str, list[Removal]]:
    """Drop lines holding nothing but a page number (1-3 digits)."""
    spans = [(i, i, "page-number") for i, (_, line) in enumerate(_lines_with_offsets(text)) if _PAGE_NUMBER.match(line)]
    return _drop_lines(text, spans)


def remove_photo_captions(text: str) -> tuple[str, list[Removal]]:
    """Drop photo captions: blocks ending in a "© ..." credit line, and "Photo: ..." blocks.

    A credited caption runs back from the credit to the nearest blank line or "Photo:" line,
    never across a list item or a link; an uncredited "Photo:" block ends at its date line.
    """
    lines = [line for _, line in _lines_with_offsets(text)]
    spans: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for i, line in enumerate(lines):
        if not _CREDIT.match(line):
            continue
        first = i
        while first - 1 >= 0 and i - first < 8:
            prev = lines[first - 1]
            if not prev.strip() or _LIST_LINE.search(prev) or first - 1 in taken:
                break
            first -= 1
            if _PHOTO.match(prev):
                break
        spans.append((first, i, "caption"))
        taken.update(range(first, i + 1))
    for i, line in enumerate(lines):
        if i in taken or not _PHOTO.match(line):
            continue
        last = i
        while last + 1 < len(lines) and lines[last + 1].strip() and not _CAPTION_DATE.search(lines[last]):
            last += 1
        spans.append((i, last, "caption"))
        taken.update(range(i, last + 1))
    return _drop_lines(text, spans)


def is_dated_caption(paragraph: str) -> bool:
    """True for an uncredited caption: one short sentence ending in a date ("..., March 2018.")."""
    body = paragraph.strip()
    if len(body) > 300 or len(body.split()) < 6:
        return False
    if not re.search(r"[,–-]\s*(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:19|20)\d\d\.?$", body):
        return False
    return len(re.findall(r"[.!?]\s+[A-Z]", body)) == 0


def normalise_checkboxes(text: str) -> str:
    """Turn the "üü" checkbox glyphs of checklists into a plain bullet."""
    return re.sub(r"^(\s*)(?:üü|[☐☑✓✔❑□])\s*", lambda m: m.group(1) + BULLET + " ", text, flags=re.MULTILINE)


def repair_hyphenation(text: str) -> str:
    """Rejoin words split across lines: soft hyphens always; "opportuni-\\nties" -> "opportunities".

    A hard hyphen is kept when the document writes the hyphenated form elsewhere
    ("post-\\nconflict" -> "post-conflict"), and dropped otherwise.
    """
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    vocabulary = set(re.findall(r"\w+(?:-\w+)*", text.lower()))

    def join(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        hyphenated = f"{left}-{right}".lower()
        return f"{left}-{right}" if hyphenated in vocabulary else left + right

    return re.sub(r"(\w+)-\n[ \t]*([a-z]\w*)", join, text)


def _starts_item(line: str) -> bool:
    return bool(re.match(r"(?:[•›]|üü|- |\d{1,2}\.\s|[IVX]+\.\s|ANNEX\s+[A-Z]\b|\(Source)", line))


def _breaks_before(prev: str, line: str) -> bool:
    prev_v, line_v = visible(prev), visible(line)
    if _starts_item(line_v) or prev_v.endswith(":"):
        return not (is_caps_line(prev_v) and is_caps_line(line_v) and line_v.startswith("- "))
    if is_caps_line(prev_v) != is_caps_line(line_v):
        return True
    if is_caps_line(prev_v):
        return prev_v.endswith(")") and not line_v.startswith(_CONNECTORS)
    if line_v[:1].isupper() and (prev_v.startswith(("- ", "• ", "› ")) or prev_v[:1] == BULLET):
        # An attribution is one line; a bullet item does not wrap onto a lead-in, onto a
        # sentence opener, or (for items written in lower case) onto any capital.
        item = prev_v.lstrip("•›- ")
        if prev_v.startswith("- ") or item[:1].islower() or line_v.endswith(":"):
            return True
        if line_v.split(" ", 1)[0] in _SENTENCE_OPENERS:
            return True
    return bool(_TERMINAL.search(prev_v)) and bool(re.match(r"[A-Z“\"‘\d(]", line_v))


def unwrap_lines(text: str) -> str:
    """Join hard-wrapped lines into one line per paragraph; blank lines separate blocks.

    A new paragraph starts at a bullet, a numbered item, an attribution ("- Source"), after a
    lead-in ending in ":", where SHOUTING headings meet body text, and after a sentence end
    followed by a capital. A block that opens in lower case continues the previous block when
    that one stopped mid-sentence (a page or column break fell inside the paragraph).
    """
    blocks = [[ln.strip() for ln in block.split("\n") if ln.strip()] for block in re.split(r"\n[ \t]*\n", text)]
    out: list[list[str]] = []
    for block in blocks:
        if not block:
            continue
        paragraphs = [block[0]]
        for line in block[1:]:
            if _breaks_before(paragraphs[-1], line):
                paragraphs.append(line)
            else:
                paragraphs[-1] += " " + line
        first = visible(paragraphs[0])
        if out and first[:1].islower():
            last = visible(out[-1][-1])
            if not is_caps_line(last) and not _TERMINAL.search(last) and not last.endswith(":"):
                out[-1][-1] += " " + paragraphs[0]
                paragraphs = paragraphs[1:]
                if not paragraphs:
                    continue
        out.append(paragraphs)
    return "\n\n".join("\n".join(p) for p in out) + "\n"


def clean_text(raw: str) -> CleanedText:
    """Run every repair in order and report what was removed and found."""
    text, captions = remove_photo_captions(raw.replace("\r\n", "\n"))
    text, pages = remove_page_numbers(text)
    text, footnotes, footnote_blocks = mark_footnotes(text)
    text = normalise_checkboxes(text)
    text = repair_hyphenation(text)
    text = unwrap_lines(text)
    text, marks = collect_marks(text)
    notes = [
        f"removed {len(captions)} photo caption(s) with their credits",
        f"removed {len(pages)} page-number line(s)",
        f"lifted {len(footnotes)} footnote(s) out of the text; stripped {len(marks)} footnote mark(s)",
    ]
    unmarked = sorted(set(footnotes) - {m.number for m in marks})
    if unmarked:
        notes.append(f"footnote(s) {unmarked} have no mark left in the text (a page break split it off)")
    return CleanedText(text, footnotes, tuple(marks), tuple(captions + pages + footnote_blocks), tuple(notes))
