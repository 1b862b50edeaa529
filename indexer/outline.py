"""The outline of a PDF-extracted guide: its lines, chapters, sections and their titles.

The cleaned text is cut into lines (one paragraph, heading or list item each,
:func:`split_lines`), and :func:`outline` gives every line its place:

* chapters are SHOUTING headings standing alone; the two-column layout often prints a
  chapter's title beside its first section ("I. ..."), so a chapter title found next to a
  section numbered I opens the chapter *before* that section;
* sections are "I.", "II." headings, sub-sections "1.", "2." headings or unnumbered
  SHOUTING lines, good-practice boxes "› HEADING" sit one level below. A box printed
  between a heading and its first line of text is a float the layout moved: it goes back
  under the section that holds the other boxes.

Headings are titled in sentence case by :class:`TitleCase`. Used by :mod:`indexer.guide`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.visible_text import is_caps_line
from kb.documents import Section
from kb.glossary import slugify

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


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(pos + lead, pos + len(raw.rstrip()), raw.strip()))
        pos += len(raw) + 1
    return lines


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
        anchor = unique_anchor(slugify(path[-1][1]) or "section", used_anchors)
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


def unique_anchor(anchor: str, used: set[str]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3``... the first not in ``used``; recorded there."""
    candidate, n = anchor, 2
    while candidate in used:
        candidate, n = f"{anchor}-{n}", n + 1
    used.add(candidate)
    return candidate
