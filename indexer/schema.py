"""The Whoosh schema: one index document per passage, and how a passage fills it.

Text goes into several fields so ranking can weigh where a word was found: ``terms`` (the
names and acronyms a definition answers to) counts most, then ``title``, then the section
``headings``, then the body ``text``. French passages put their body into ``text_fr`` with
the French analyzer instead. Filter columns (kind, resolution, year, pillar, document) are
plain ID/KEYWORD fields, so filters are term queries.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import english_analyzer, english_plain_analyzer, french_analyzer
from kb.documents import Passage
from kb.glossary import Glossary

# Field weights used by the query builder (BM25F sums per-field scores).
FIELD_BOOSTS: dict[str, float] = {
    "terms": 8.0,
    "title": 2.0,
    "headings": 1.5,
    "text": 1.0,
    "text_fr": 1.0,
}
# Fields searched for query words, English and French.
ENGLISH_FIELDS: tuple[str, ...] = ("terms", "title", "headings", "text")
FRENCH_FIELDS: tuple[str, ...] = ("text_fr",)

SCHEMA_VERSION = 3


def build_schema() -> Schema:
    """The schema every build uses."""
    english = english_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        document=ID(stored=True),
        kind=ID(stored=True),
        role=ID(stored=True),
        resolution=ID(stored=True),
        number=NUMERIC(int, stored=True, sortable=True),
        year=ID(stored=True),
        pillar=KEYWORD(commas=True, stored=True, scorable=False),
        language=ID(stored=True),
        order=NUMERIC(int, stored=True, sortable=True),
        title=TEXT(analyzer=english, phrase=True),
        headings=TEXT(analyzer=english, phrase=True),
        text=TEXT(analyzer=english, phrase=True),
        text_fr=TEXT(analyzer=french_analyzer(), phrase=True),
        terms=TEXT(analyzer=english, phrase=True),
        names=KEYWORD(commas=True, lowercase=True, scorable=True),
        acronyms=TEXT(analyzer=english_plain_analyzer()),
        length=STORED(),
    )


def passage_fields(passage: Passage, order: int, glossary: Glossary) -> dict:
    """The index document for ``passage``; ``order`` is its position in the knowledge base."""
    names: list[str] = []
    if passage.role == "definition":
        term = next((t for t in glossary if t.passage_id == passage.id), None)
        if term is not None:
            names = list(term.names)
        else:
            names = [passage.title.replace("(definition)", "").strip()]
    french = passage.language == "fr"
    fields = {
        "id": passage.id,
        "document": passage.document_id,
        "kind": passage.kind,
        "role": passage.role,
        "language": passage.language,
        "order": order,
        "title": passage.title,
        "headings": " / ".join(passage.section_path),
        "length": len(passage.text),
    }
    fields["text_fr" if french else "text"] = passage.text
    if passage.resolution is not None:
        fields["resolution"] = str(passage.resolution)
    if passage.number is not None:
        fields["number"] = passage.number
    if passage.year is not None:
        fields["year"] = str(passage.year)
    if passage.pillars:
        fields["pillar"] = ",".join(passage.pillars)
    if names:
        fields["terms"] = " ; ".join(names)
        fields["names"] = ",".join(n.strip() for n in names if n.strip())
        acronyms = [n for n in names if n.isupper() or (n[:-1].isupper() and len(n) > 1)]
        if acronyms:
            fields["acronyms"] = " ".join(acronyms)
    return fields
