"""Citations: a reference, found inside a passage, to something else in the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class CitationKind(str, Enum):
    """What a citation points at."""

    RESOLUTION = "resolution"  # a Security Council resolution, by number
    INSTRUMENT = "instrument"  # CEDAW, the Beijing Platform, the Rome Statute, the Charter, ...
    ARTICLE = "article"  # an article of an instrument: "Article 41 of the Charter"
    ANNEX = "annex"  # "see Annex B"
    GLOSSARY = "glossary"  # a glossary term used in running text


@dataclass(frozen=True)
class Citation:
    """One reference found in a passage's text.

    ``start``/``end`` are offsets into the text the citation was found in (the passage's
    ``text``), so ``text[start:end] == citation.text``.

    ``target`` identifies what is cited: the resolution number as a string (``"1325"``), an
    instrument key (``"cedaw"``), ``"charter:41"`` for an article, ``"annex-b"`` for an annex,
    or a glossary slug.
    """

    kind: CitationKind
    target: str
    text: str
    start: int
    end: int
    number: int | None = None  # resolution or article number
    year: int | None = None  # year written beside a resolution number, if any

    @property
    def span(self) -> tuple[int, int]:
        """The (start, end) character span of the citation."""
        return (self.start, self.end)


@dataclass(frozen=True)
class Mention:
    """A passage elsewhere in the corpus that refers to a WPS resolution."""

    resolution: int
    passage_id: str
    document_id: str
    document_title: str
    url: str
    cited_as: str  # "1820 (2009)" or "UNSCR 1820"
    year: int | None
    year_conflict: bool  # the year cited is not the year of adoption
    excerpt: str = ""
