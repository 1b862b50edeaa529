"""Documents, their sections and their passages (the unit of search)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.citations import Citation

# The values of ``Passage.kind`` and ``Document.kind``: the "type" facet users filter on.
KINDS: tuple[str, ...] = (
    "resolution",
    "glossary",
    "guide",
    "toolkit",
    "convention",
    "charter",
    "webpage",
    "document",
)

# The values of ``Passage.role``: what part of its document a passage is.
ROLES: tuple[str, ...] = (
    "preambular",  # a preambular paragraph of a resolution
    "operative",  # an operative paragraph of a resolution
    "definition",  # a glossary entry or a boxed definition
    "checklist",  # a "Quick Checklist" of an adviser role
    "overview",  # a resolution's overview (the guide's Annex B)
    "article",  # an article of a convention or of the Charter
    "list",  # a bulleted list with its lead-in
    "quote",  # a quotation with its attribution
    "link",  # an entry of a list of resources (title and URL)
    "paragraph",  # anything else
)

MAX_PASSAGE_CHARS = 2500


@dataclass(frozen=True)
class Footnote:
    """A footnote, kept as a note of the passage that marks it."""

    number: int
    text: str


@dataclass(frozen=True)
class Section:
    """A heading in a document's outline. ``path`` runs from the top-level heading down."""

    anchor: str
    title: str
    level: int
    path: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """One searchable unit: a paragraph, a definition, an operative paragraph, a checklist.

    ``start``/``end`` are offsets into the owning document's ``text`` (-1 where the passage
    was reassembled from pieces, e.g. an operative paragraph a column break had split).
    ``text`` never exceeds :data:`MAX_PASSAGE_CHARS` characters.
    """

    id: str  # "<document id>/<anchor>", unique in the knowledge base
    document_id: str
    anchor: str  # unique within the document: "op8", "pp3", "gender-equality", "s4-2-p3"
    kind: str  # one of KINDS
    role: str  # one of ROLES
    title: str  # what a result is called: "S/RES/1325 (2000), para. 8", "Gender (definition)"
    text: str
    section_path: tuple[str, ...] = ()
    resolution: int | None = None  # the WPS resolution this passage is part of or about
    number: int | None = None  # paragraph or article number
    year: int | None = None
    pillars: tuple[str, ...] = ()
    language: str = "en"
    footnotes: tuple[Footnote, ...] = ()
    citations: tuple[Citation, ...] = ()
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Document:
    """One source file, cleaned and rebuilt into sections and passages."""

    id: str  # slug, stable across builds: from the manifest or the file name
    title: str
    kind: str  # one of KINDS
    source_path: str  # path of the file, relative to its corpus folder
    sha256: str
    text: str = ""  # the cleaned text that passage offsets point into
    publisher: str = ""
    date: str = ""  # ISO date or year-month as recorded
    url: str = ""  # where the original comes from
    language: str = "en"
    sections: tuple[Section, ...] = ()
    passages: tuple[Passage, ...] = ()
    derived_from: str = ""  # id of the document this one was extracted from, if any
    notes: tuple[str, ...] = field(default_factory=tuple)  # what extraction noticed

    @property
    def year(self) -> int | None:
        """The year of the document's date, if one is recorded."""
        return int(self.date[:4]) if self.date[:4].isdigit() else None
