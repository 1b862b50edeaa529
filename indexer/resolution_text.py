"""Resolution texts out of PDF-extracted annexes: paragraphs back in their true order.

A guide prints the resolutions it quotes on two-column pages. Text extraction interleaves the
columns: operative paragraphs come out of order, a column break strands the end of a sentence
far from its start, sub-paragraphs "(a)".."(c)" land between other paragraphs, and an annex
heading or an adoption line sits inside another resolution's text.

The idea: cut the region into *blocks* at the marks a resolution itself uses (a preambular
opener such as "Recalling" or "Deeply concerned", an operative number "8.", a sub-paragraph
"(a)"); drop page furniture (lone page numbers, "ANNEX D" lines) and read headings and
adoption lines as metadata; give each block to the resolution whose text it belongs to (the
operative numbering of one resolution may run on past the next one's heading); then repair:
a block that starts mid-sentence completes the nearest paragraph left without terminal
punctuation, and sub-paragraphs go inside the operative paragraph that introduced them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from kb.resolutions import ResolutionParagraph, load_registry

# Preambular paragraphs open with a participle or adjective phrase. General UN drafting
# vocabulary, not taken from any one text. Risky single words ("Taking", "Bearing") only
# count as part of their set phrase.
_OPENERS: tuple[str, ...] = (
    "acknowledging", "acting under", "affirming", "alarmed", "appreciating", "aware",
    "bearing in mind", "believing", "commending", "concerned", "condemning", "conscious",
    "considering", "convinced", "deploring", "desiring", "determined", "determining",
    "emphasizing", "emphasising", "encouraged", "encouraging", "expressing", "guided by",
    "having considered", "having examined", "having heard", "highlighting", "keeping in mind",
    "looking forward", "mindful", "noting", "observing", "reaffirming", "recalling",
    "recognizing", "recognising", "regretting", "reiterating", "stressing", "taking into account",
    "taking note", "underlining", "underscoring", "urging", "welcoming",
)
_ADVERBS: tuple[str, ...] = (
    "also", "deeply", "further", "gravely", "particularly", "profoundly", "seriously", "strongly",
)


def _opener_pattern() -> str:
    words = sorted(_OPENERS, key=len, reverse=True)
    capitalised = "|".join(re.escape(w[0].upper() + w[1:]) for w in words)
    lower = "|".join(re.escape(w) for w in words)
    adverbs = "|".join(a.capitalize() for a in _ADVERBS)
    # An opener is followed by a lower-case word ("Welcoming Ceremony" is not one) or ends the line.
    return rf"(?:(?:{adverbs})\s+(?:{lower})|(?:{capitalised}))\b(?=\s+[a-z(“\"']|\s*$)"


_OPENER = _opener_pattern()
_PP_START = re.compile(rf"^{_OPENER}")
_PP_GLUED = re.compile(rf"(?<=[,;])\s+(?={_OPENER})")  # "...security, Expressing concern ..."
_OP_GLUED = re.compile(r"(?<=;)\s+(?=\d{1,2}\.\s+[A-Z])")  # "...conflict; 2. Encourages ..."
_OP_START = re.compile(r"^(\d{1,2})\.\s+(?=[A-Z])")
_SUB_START = re.compile(r"^\(([a-z]|[ivx]{1,4})\)\s+")
# Page furniture: a page number, a UN job number ("00-72018 (E)", "*0072018*"), "Page 2 of 4",
# a page footer of number and job number ("2 00-72018", "00-72018 3/4").
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,3}|\d{2}-\d{5}\s*\([A-Z]\)|\*\d{7,}\*|Page\s+\d+(?:\s+of\s+\d+)?"
    r"|\d{1,3}(?:/\d{1,3})?\s+\d{2}-\d{5}(?:\s*\([A-Z]\))?|\d{2}-\d{5}(?:\s*\([A-Z]\))?\s+\d{1,3}(?:/\d{1,3})?)$"
)
# The masthead of an official UN document, before its first paragraph: "United Nations",
# "Security Council", "Distr.: General", the date of issue on a line of its own.
_MASTHEAD = re.compile(
    r"^(?:United\s+Nations|Security\s+Council|(?:Security\s+Council\s+)?Distr\.:?\s+[A-Za-z]+"
    r"|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})$"
)
# "United Nations S/RES/1325 (2000)": the masthead line naming the document.
_MASTHEAD_SYMBOL = re.compile(r"^\s*United\s+Nations\s+S/RES/(\d{1,4})\s*\(\d{4}\)\s*$")
_ANNEX_LINE = re.compile(r"^\s*ANNEX\s+[A-Z]\b\s*[–—-]?\s*$")
_HEADING = re.compile(
    r"^\s*(?:ANNEX\s+[A-Z]\s*[–—-]\s*)?"
    r"(?:(?:UNITED\s+NATIONS\s+)?SECURITY\s+COUNCIL\s+RESOLUTION\s+|S/RES/|Resolution\s+)"
    r"(\d{1,4})\s*(?:\(\d{4}\))?\s*$",
    re.IGNORECASE,
)
_ADOPTED = re.compile(
    r"^\s*Adopted\s+by\s+the\s+Security\s+Council\s+at\s+its\s+(\d+)(?:st|nd|rd|th)?\s+meeting,?"
    r"\s+on\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\.?\s*$"
)
_ADOPTED_START = re.compile(r"^[ \t]*Adopted[ \t]+by[ \t]+the[ \t]+Security[ \t]+Council\b[^\n]*\r?\n[^\n]*", re.MULTILINE)
_COUNCIL = re.compile(r"^\s*The\s+Security\s+Council\s*,?\s*$")
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_TRAILING_CLOSERS = " \t”\"’')"


@dataclass(frozen=True)
class ParsedResolutionText:
    """One resolution's text as read from a region: paragraphs, adoption facts, repairs made."""

    number: int
    paragraphs: tuple[ResolutionParagraph, ...]
    meeting: int | None
    adopted: dt.date | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _Block:
    """A run of lines that opens with one mark: "pp", "op", "sub" or "frag" (no mark)."""

    kind: str
    label: str  # the operative number or sub-paragraph letter, "" otherwise
    text: str
    start: int  # offset of the block's first character in the region
    resolution: int  # 0 while the resolution is not known

    def is_open(self) -> bool:
        """True when the text stops mid-sentence (a preambular "," counts as an end)."""
        ends = ",;.:" if self.kind == "pp" else ";.:"
        tail = self.text.rstrip(_TRAILING_CLOSERS)
        return not tail or tail[-1] not in ends


def _join(text: str, more: str) -> str:
    if not text:
        return more
    # Keep "HIV/" + "AIDS" and "Secretary-" + "General" as one word.
    return text + more if text.endswith(("/", "-")) else f"{text} {more}"


class _Reader:
    """Streams the region's lines into blocks, tracking which resolution they belong to."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.current = 0
        self.pending: int | None = None
        self.headings: list[int] = []
        self.adoption: dict[int, tuple[int, dt.date | None]] = {}
        self.ops: dict[int, set[int]] = {}
        self.brk = True  # a break (blank line, page number, heading) precedes the next line

    def heading(self, number: int) -> None:
        self.headings.append(number)
        if self.current == 0:
            self._retarget(number)
        elif number != self.current:
            self.pending = number
        self.brk = True

    def adopted(self, meeting: int, date: dt.date | None) -> None:
        # The adoption line belongs to the latest heading that has none yet, wherever it sits.
        owner = next((n for n in reversed(self.headings) if n not in self.adoption), 0)
        self.adoption[owner] = (meeting, date)
        self.brk = True

    def council(self) -> None:
        self._switch()
        self.brk = True

    def _switch(self) -> None:
        if self.pending is not None:
            self.current, self.pending = self.pending, None

    def _retarget(self, number: int) -> None:
        # Blocks read before any heading named their resolution belong to the first one named.
        self.blocks = [replace(b, resolution=number) if b.resolution == 0 else b for b in self.blocks]
        self.ops.setdefault(number, set()).update(self.ops.pop(0, set()))
        self.current = number

    def segment(self, text: str, start: int, forced: bool) -> None:
        """One line, or the part of a line after a glued paragraph mark."""
        previous = self.blocks[-1] if self.blocks else None
        after_end = previous is None or self.brk or forced or previous.text.rstrip(_TRAILING_CLOSERS)[-1:] in ",;.:"
        if m := _OP_START.match(text):
            number = int(m.group(1))
            if self.pending is not None and number in self.ops.get(self.current, set()):
                self._switch()
            self.ops.setdefault(self.current, set()).add(number)
            self._new("op", m.group(1), text[m.end():], start + m.end())
        elif m := _SUB_START.match(text):
            self._new("sub", m.group(1), text, start)
        elif after_end and _PP_START.match(text):
            self._switch()
            self._new("pp", "", text, start)
        elif self.brk or previous is None:
            self._new("frag", "", text, start)
        else:
            self.blocks[-1] = replace(previous, text=_join(previous.text, text))
        self.brk = False

    def _new(self, kind: str, label: str, text: str, start: int) -> None:
        self.blocks.append(_Block(kind, label, text, start, self.current))


def parse_resolution_texts(region: str, number: int | None = None) -> dict[int, ParsedResolutionText]:
    """Read the resolution texts printed in ``region`` (one or several, clean or PDF-damaged).

    Returns one :class:`ParsedResolutionText` per resolution, keyed by number, in the order
    the texts appear. A text with no heading naming it takes ``number``, else the resolution
    whose meeting its adoption line names (from the registry of facts).
    """
    reader = _read(region)
    unknown = number or _number_from_meeting(reader.adoption.get(0))
    blocks = [replace(b, resolution=unknown or 0) if b.resolution == 0 else b for b in reader.blocks]
    if 0 in reader.adoption and unknown and unknown not in reader.adoption:
        reader.adoption[unknown] = reader.adoption.pop(0)
    notes: dict[int, list[str]] = {}
    blocks = _join_fragments(blocks, notes)
    operative, preambular = _assemble(blocks, notes)
    result: dict[int, ParsedResolutionText] = {}
    for resolution in dict.fromkeys(b.resolution for b in blocks):
        meeting, adopted = reader.adoption.get(resolution, (None, None))
        ops = sorted(operative.get(resolution, {}).items())
        paragraphs = tuple(
            ResolutionParagraph("preambular", i, text, f"pp{i}")
            for i, text in enumerate(preambular.get(resolution, []), start=1)
        ) + tuple(ResolutionParagraph("operative", n, text, f"op{n}") for n, text in ops)
        result[resolution] = ParsedResolutionText(
            resolution, paragraphs, meeting, adopted, tuple(notes.get(resolution, [])))
    return result


def _read(region: str) -> _Reader:
    reader = _Reader()
    offset = 0
    for raw in _join_adoption_lines(region).splitlines(keepends=True):
        line_start, offset = offset, offset + len(raw)
        line = " ".join(raw.split())
        lead = len(raw) - len(raw.lstrip())
        if not line or _PAGE_NUMBER.match(line) or _ANNEX_LINE.match(line):
            reader.brk = True
        elif not reader.blocks and _MASTHEAD.match(line):
            reader.brk = True
        elif m := _HEADING.match(line) or _MASTHEAD_SYMBOL.match(line):
            reader.heading(int(m.group(1)))
        elif m := _ADOPTED.match(line):
            month = _MONTHS.get(m.group(3).lower())
            date = dt.date(int(m.group(4)), month, int(m.group(2))) if month else None
            reader.adopted(int(m.group(1)), date)
        elif _COUNCIL.match(line):
            reader.council()
        else:
            cuts = [0] + [m.end() for m in _PP_GLUED.finditer(line)] + [m.end() for m in _OP_GLUED.finditer(line)]
            cuts = sorted(set(cuts)) + [len(line)]
            for i, (a, b) in enumerate(zip(cuts, cuts[1:])):
                piece = line[a:b].strip()
                if piece:
                    reader.segment(piece, line_start + lead + a, forced=i > 0)
    return reader


def _join_adoption_lines(region: str) -> str:
    """An adoption line wrapped onto a second line ("..., on" / "31 October 2000") put back on one.

    The line break becomes a space, so offsets into the region stay valid.
    """
    def join(match: re.Match[str]) -> str:
        joined = match.group(0).replace("\n", " ").replace("\r", " ")
        return joined if _ADOPTED.match(" ".join(joined.split())) else match.group(0)

    return _ADOPTED_START.sub(join, region)


def _number_from_meeting(adoption: tuple[int, dt.date | None] | None) -> int | None:
    if adoption is None:
        return None
    return next((r.number for r in load_registry().values() if r.meeting == adoption[0]), None)


def _join_fragments(blocks: list[_Block], notes: dict[int, list[str]]) -> list[_Block]:
    """Give every unmarked block back to the paragraph whose sentence it completes."""
    out: list[_Block] = []
    orphans: list[tuple[int, _Block]] = []
    for block in blocks:
        previous = out[-1] if out else None
        if block.kind == "frag" and previous and previous.resolution == block.resolution and previous.is_open():
            out[-1] = replace(previous, text=_join(previous.text, block.text))
            _note(notes, previous, "joined text split by a page or column break")
        elif block.kind == "frag":
            orphans.append((len(out), block))
            out.append(block)
        else:
            out.append(block)
    for index, orphan in orphans:
        candidates = [
            i for i, b in enumerate(out)
            if b.kind != "frag" and b.resolution == orphan.resolution and b.is_open()
        ]
        if candidates:
            # The nearest paragraph left mid-sentence, on either side of the fragment.
            host = min(candidates, key=lambda i: abs(i - index))
            out[host] = replace(out[host], text=_join(out[host].text, orphan.text))
            _note(notes, out[host], f"moved a fragment starting “{_head(orphan.text)}” to its end")
        elif orphan.text[:1].isupper() and orphan.text.rstrip(_TRAILING_CLOSERS)[-1:] in ",;":
            out[index] = replace(orphan, kind="pp")
            continue
        else:
            host = next((i for i in range(index - 1, -1, -1)
                         if out[i].kind != "frag" and out[i].resolution == orphan.resolution), None)
            if host is None:
                _note(notes, orphan, f"dropped an unplaced fragment “{_head(orphan.text)}”")
            else:
                out[host] = replace(out[host], text=_join(out[host].text, orphan.text))
                _note(notes, out[host], f"appended an unplaced fragment “{_head(orphan.text)}”")
        out[index] = replace(orphan, kind="done")
    return [b for b in out if b.kind != "done"]


def _assemble(
    blocks: list[_Block], notes: dict[int, list[str]]
) -> tuple[dict[int, dict[int, str]], dict[int, list[str]]]:
    """Operative texts by resolution and number (sub-paragraphs inside), preambular in order."""
    operative: dict[int, dict[int, str]] = {}
    subs: dict[tuple[int, int], list[tuple[str, str]]] = {}
    preambular: dict[int, list[str]] = {}
    last_op: dict[int, int] = {}
    for block in blocks:
        res = block.resolution
        if block.kind == "pp":
            preambular.setdefault(res, []).append(block.text)
        elif block.kind == "op":
            number = int(block.label)
            if number in operative.setdefault(res, {}):
                _note(notes, block, f"dropped a second operative paragraph {number}")
                continue
            operative[res][number] = block.text
            last_op[res] = number
        elif block.kind == "sub":
            owner = _sub_owner(block, operative.get(res, {}), subs, last_op.get(res))
            if owner is None:
                _note(notes, block, f"dropped sub-paragraph ({block.label}) with no paragraph before it")
                continue
            subs.setdefault((res, owner), []).append((block.label, block.text))
            if owner != last_op.get(res):
                _note(notes, block, f"moved sub-paragraph ({block.label}) into operative paragraph {owner}")
    for (res, number), items in subs.items():
        operative[res][number] = "\n".join([operative[res][number]] + [text for _, text in items])
    return operative, preambular


def _sub_owner(
    block: _Block, ops: dict[int, str], subs: dict[tuple[int, int], list[tuple[str, str]]], last: int | None
) -> int | None:
    """The operative paragraph a sub-paragraph belongs to: the one its list continues, or
    the latest one that ends with a colon and has no sub-paragraphs yet."""
    res, label = block.resolution, block.label
    if label not in ("a", "i"):
        previous = chr(ord(label) - 1) if len(label) == 1 else ""
        for (r, number), items in subs.items():
            if r == res and items and items[-1][0] == previous:
                return number
    for number in reversed(list(ops)):
        if ops[number].rstrip(_TRAILING_CLOSERS).endswith(":") and (res, number) not in subs:
            return number
    return last


def _head(text: str, words: int = 4) -> str:
    return " ".join(text.split()[:words]) + "…"


def _note(notes: dict[int, list[str]], block: _Block, message: str) -> None:
    where = f"op{block.label}" if block.kind == "op" else f"{block.kind} “{_head(block.text)}”"
    notes.setdefault(block.resolution, []).append(f"{where}: {message}")
