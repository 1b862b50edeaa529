"""Conventions and charters into articles: one passage per article, parts and chapters as path.

A treaty is read as a sequence of *markers* found on lines of their own: "Article 7",
"### Article 1", "Article premier"; "PART I", "Chapter VII: Action with Respect to ...",
"Chapitre I: Buts et principes"; and an UPPER CASE sub-heading ("COMPOSITION", "VOTING")
standing right above an article. Article numbers must increase, so a line that merely quotes
"Article 12" further on is body text, and each number occurs once. What comes before the first
marker is the preamble, kept as ordinary paragraphs. Known instruments (CEDAW, the UN Charter)
lend their short name to passage titles: "CEDAW, Article 7", "UN Charter, Article 41".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.sections import ParsedDocument, heading_case, split_span, text_blocks
from kb.documents import MAX_PASSAGE_CHARS, Passage, Section
from kb.glossary import slugify

_ARTICLE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?:Article|ARTICLE)[ \t]+(premier|1er|\d{1,3})(?:\*\*)?"
    r"(?:[ \t]*[.:\u2013\u2014-][ \t]*(?P<title>[^\n]*?))?[ \t]*#*[ \t]*$",
    re.MULTILINE,
)
_DIVISION = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*)?(?:PART|Part|PARTIE|Partie|CHAPTER|Chapter|CHAPITRE|Chapitre|TITRE|Titre)"
    r"[ \t]+(?:[IVXLC]+|\d{1,2}|premier|PREMIER)\b"
    # then nothing, a separator and a title, or a short title without sentence punctuation:
    # "Chapter VII of the Charter applies." is a sentence, not a heading.
    r"(?:[ \t]*|[ \t]*[:.\u2013\u2014-][ \t]*[^\n]{1,150}|[ \t]+[^\n.;,]{1,100})[ \t]*(?:\*\*)?[ \t]*#*[ \t]*$",
    re.MULTILINE,
)
_MD_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
_MAX_SUBHEADING_WORDS = 6
_MIN_ARTICLES = 2


@dataclass(frozen=True)
class Instrument:
    """A known international instrument, recognised by phrases near the start of its text."""

    key: str  # "cedaw", "charter"
    short_name: str  # how passage titles name it
    title: str  # its full title
    kind: str  # one of kb.documents.KINDS
    language: str
    markers: tuple[tuple[str, ...], ...]  # lower-case phrase groups; any group found whole identifies it


INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("cedaw", "CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women",
               "convention", "en", (("convention on the elimination of all forms of discrimination against women",),
                                    ("states parties to the present convention", "discrimination against women"))),
    Instrument("cedaw", "CEDEF",
               "Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes",
               "convention", "fr", (("élimination de toutes les formes de discrimination à l'égard des femmes",),)),
    # Not "Charter of the United Nations" alone: CEDAW's preamble names the Charter too.
    Instrument("charter", "UN Charter", "Charter of the United Nations", "charter", "en",
               (("we the peoples of the united nations",), ("present charter of the united nations",))),
    Instrument("charter", "Charte des Nations Unies", "Charte des Nations Unies", "charter", "fr",
               (("nous, peuples des nations unies",), ("présente charte des nations unies",))),
)
_HEAD_CHARS = 2500
# Kinds whose texts are expected to be made of articles; others need a clear run of them.
_ARTICLE_KINDS = frozenset({"convention", "charter", "document"})
_MIN_ARTICLES_OTHER_KINDS = 5
_MIN_DENSITY = 0.8  # share of numbers 1..N present as headings


def identify_instrument(text: str) -> Instrument | None:
    """The known instrument ``text`` is (judged from its opening), or None."""
    head = " ".join(text[:_HEAD_CHARS].split()).lower().replace("\u2019", "'")
    for instrument in INSTRUMENTS:
        if any(all(phrase in head for phrase in group) for group in instrument.markers):
            return instrument
    return None


def article_numbers(text: str) -> list[int]:
    """The article numbers of ``text``'s "Article N" heading lines, in increasing order."""
    return [m.number for m in _markers(text) if m.kind == "article" and m.number is not None]


def has_article_structure(text: str, kind: str = "document") -> bool:
    """True when ``text`` is made of articles: Article 1 onwards, numbers nearly all present."""
    numbers = article_numbers(text)
    needed = _MIN_ARTICLES if kind in _ARTICLE_KINDS else _MIN_ARTICLES_OTHER_KINDS
    return len(numbers) >= needed and numbers[0] == 1 and len(numbers) >= _MIN_DENSITY * numbers[-1]


@dataclass(frozen=True)
class _Marker:
    kind: str  # "division" | "sub" | "article"
    start: int  # start of the heading line
    end: int  # end of the heading line
    title: str
    number: int | None = None


def _markers(text: str) -> list[_Marker]:
    articles: list[_Marker] = []
    last = 0
    for match in _ARTICLE.finditer(text):
        raw = match.group(1)
        number = 1 if raw in ("premier", "1er") else int(raw)
        if number <= last:
            continue  # a quoted or repeated "Article N" line is body text
        last = number
        label = f"Article {raw}"
        extra = (match.group("title") or "").strip()
        articles.append(_Marker("article", match.start(), match.end(), f"{label} \u2013 {extra}" if extra else label,
                                number))
    markers = list(articles)
    for match in _DIVISION.finditer(text):
        markers.append(_Marker("division", match.start(), match.end(), _clean_heading(match.group())))
    for article in articles:
        # An UPPER CASE line right above an article ("COMPOSITION") is a sub-heading.
        before = text[:article.start].rstrip()
        line_start = before.rfind("\n") + 1
        line = before[line_start:].strip()
        if line and heading_case(_clean_heading(line)) == "upper" and len(line.split()) <= _MAX_SUBHEADING_WORDS \
                and not _ARTICLE.match(line) and not _DIVISION.match(line):
            markers.append(_Marker("sub", line_start, len(before), _clean_heading(line)))
    return sorted(markers, key=lambda m: m.start)


def _clean_heading(line: str) -> str:
    match = _MD_HEADING_LINE.match(line)
    line = match.group(1) if match else line
    return " ".join(line.replace("**", "").split())


def _article_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an article body into pieces of at most MAX_PASSAGE_CHARS at paragraph boundaries."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in text_blocks(text, start, end):
        if spans and block_end - spans[-1][0] <= MAX_PASSAGE_CHARS:
            spans[-1] = (spans[-1][0], block_end)
        else:
            spans.extend(split_span(text, block_start, block_end))
    return spans


def parse_articles(text: str, document_id: str, kind: str, language: str = "en") -> ParsedDocument | None:
    """Articles, parts/chapters and preamble of a convention or charter; None without article structure."""
    if not has_article_structure(text, kind):
        return None
    markers = _markers(text)
    instrument = identify_instrument(text)
    short = instrument.short_name if instrument else ""
    sections: list[Section] = []
    passages: list[Passage] = []
    used: set[str] = set()

    def add(anchor: str, role: str, title: str, path: tuple[str, ...], start: int, end: int,
            number: int | None = None) -> None:
        anchor = unique(anchor)
        passages.append(Passage(
            id=f"{document_id}/{anchor}", document_id=document_id, anchor=anchor, kind=kind, role=role,
            title=title, text=text[start:end], section_path=path, number=number, language=language,
            start=start, end=end,
        ))

    def unique(anchor: str) -> str:
        candidate, n = anchor, 2
        while candidate in used:
            candidate, n = f"{anchor}-{n}", n + 1
        used.add(candidate)
        return candidate

    # The preamble: every paragraph before the first marker, except a Markdown title line.
    preamble = "Préambule" if language == "fr" else "Preamble"
    first_heading = ""
    blocks = text_blocks(text, 0, markers[0].start)
    body_blocks = []
    for s, e in blocks:
        heading = _MD_HEADING_LINE.match(text[s:e])
        if heading and "\n" not in text[s:e]:
            first_heading = first_heading or _clean_heading(text[s:e])
        else:
            body_blocks.append((s, e))
    if body_blocks:
        sections.append(Section(unique("preamble"), preamble, 1, (preamble,)))
        for n, (s, e) in enumerate((p for b in body_blocks for p in split_span(text, *b)), start=1):
            add(f"preamble-p{n}", "paragraph", f"{short}, {preamble}" if short else preamble, (preamble,), s, e)

    division, sub = "", ""
    for index, marker in enumerate(markers):
        if marker.kind == "division":
            division, sub = marker.title, ""
            sections.append(Section(unique(slugify(marker.title)), marker.title, 1, (marker.title,)))
            continue
        path = tuple(p for p in (division, marker.title if marker.kind == "sub" else sub) if p)
        if marker.kind == "sub":
            sub = marker.title
            sections.append(Section(unique(slugify(f"{division} {sub}")), sub, 2, path))
            continue
        body_end = markers[index + 1].start if index + 1 < len(markers) else len(text)
        anchor = f"art{marker.number}"
        title = f"{short}, {marker.title}" if short else marker.title
        for piece, (s, e) in enumerate(_article_spans(text, marker.end, body_end), start=1):
            add(anchor if piece == 1 else f"{anchor}-{piece}", "article", title, path, s, e, marker.number)
    doc_title = instrument.title if instrument else first_heading
    return ParsedDocument(text=text, sections=tuple(sections), passages=tuple(passages), title=doc_title)
