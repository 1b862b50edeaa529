"""Repair the damage PDF text extraction does, before any structure is read.

Each rule is a function from text to text (plus what it removed or found), so it can
be tested alone and reused on any extracted document:

* lone page-number lines go;
* photo captions go: a block ending in a "© UN Photo/Name" credit, or a "Photo: ..."
  block up to its date line ("- 19 May 2014");
* footnotes: the numbered notes the document defines ("6. These definitions are ...")
  are lifted out, and the marks glued to words ("expression6", "19791", "LGBTQ26") are
  stripped -- but only numbers the document defines as footnotes, only between the
  previous footnote block and the block that defines them, so ordinary numbers survive;
* checklist "üü" glyphs become a plain bullet;
* words hyphenated across a line break are rejoined where the document says how;
* hard-wrapped lines are unwrapped into one line per paragraph.

Marks are carried through the later steps as invisible sentinels and resolved to
offsets in the final text by :func:`collect_marks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BULLET = "•"
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_SENTINEL = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")

# Tokens whose trailing digits are part of the name, never a footnote mark.
KNOWN_DIGIT_TOKENS: frozenset[str] = frozenset(
    {"LGBTQ2", "LGBTQ2S", "2SLGBTQ", "LGBTQ2I", "G7", "G8", "G20", "P5", "COVID19", "H1N1", "A4"}
)

_PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]*$")
_CREDIT = re.compile(r"^\s*©\s*\S.{0,80}$")
_PHOTO = re.compile(r"^\s*Photo\s*:", re.IGNORECASE)
_CAPTION_DATE = re.compile(r"-\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b")
_LIST_LINE = re.compile(r"^\s*(?:[•›]|üü|\d{1,2}\.\s)|https?://")
_FOOTNOTE_START = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_TERMINAL = re.compile(r"[.!?”\"’)]$|\.[”\"’]$")
_SENTENCE_OPENERS = frozenset(
    "The This These Those Each It Its There In For A An As We You Our All Many Some When While If".split()
)
_CONNECTORS = ("AND ", "OF ", "OR ", "IN ", "ON ", "THE ", "TO ", "FOR ", "– ", "- ")


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
        edits.extend((a, b, f"{_MARK_OPEN}{number}{_MARK_CLOSE}") for a, b, number in marks)
        edits.append((start, end, ""))
        previous_end, expected = end, max(notes) + 1
    removals = [Removal("footnote", s, e, text[s:e]) for s, e, r in edits if r == ""]
    for s, e, replacement in sorted(edits, reverse=True):
        text = text[:s] + replacement + text[e:]
    return text, footnotes, removals


def collect_marks(text: str) -> tuple[str, list[FootnoteMark]]:
    """Remove mark sentinels, reporting where each mark sat in the returned text."""
    marks, pieces, pos, shift = [], [], 0, 0
    for m in _SENTINEL.finditer(text):
        pieces.append(text[pos:m.start()])
        marks.append(FootnoteMark(int(m.group(1)), m.start() - shift))
        shift += m.end() - m.start()
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), marks


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


def _visible(line: str) -> str:
    return _SENTINEL.sub("", line).strip()


def is_caps_line(line: str) -> bool:
    """True for a SHOUTING heading line: at least four capitals and no lower-case letter."""
    letters = [c for c in _visible(line) if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 4 and not any(c.islower() for c in letters)


def _starts_item(line: str) -> bool:
    return bool(re.match(r"(?:[•›]|üü|- |\d{1,2}\.\s|[IVX]+\.\s|ANNEX\s+[A-Z]\b|\(Source)", line))


def _breaks_before(prev: str, line: str) -> bool:
    prev_v, line_v = _visible(prev), _visible(line)
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
        first = _visible(paragraphs[0])
        if out and first[:1].islower():
            last = _visible(out[-1][-1])
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
