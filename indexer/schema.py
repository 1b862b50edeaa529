"""The Whoosh schema: one index document per passage, and how a passage fills it.

Text goes into several fields so ranking can weigh where a word was found: ``terms`` (the
names and acronyms a definition answers to) counts most, then ``title`` (usually the nearest
heading), then the enclosing section ``headings`` (the nearest one left out when the title
repeats it, so its words are not counted twice), then the body ``text``. French passages put their title, headings
and body into ``text_fr`` with the French analyzer instead. Filter columns (kind, resolution, year, pillar, document) are
plain ID/KEYWORD fields, so filters are term queries.
"""

from __future__ import annotations

import re

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import english_analyzer, english_plain_analyzer, french_analyzer
from kb.documents import Passage
from kb.glossary import Glossary

# Field weights used by the query builder (BM25F sums per-field scores).
FIELD_BOOSTS: dict[str, float] = {
    "terms": 3.0,
    "title": 2.0,
    "headings": 1.0,
    "text": 1.0,
    "text_fr": 1.0,
}
# Fields searched for query words, English and French.
ENGLISH_FIELDS: tuple[str, ...] = ("terms", "title", "headings", "text")
FRENCH_FIELDS: tuple[str, ...] = ("text_fr",)

SCHEMA_VERSION = 4


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
    headings = list(passage.section_path)
    if headings and _same_heading(headings[-1], passage.title):
        headings.pop()  # the title already says it: do not count the nearest heading twice
    fields = {
        "id": passage.id,
        "document": passage.document_id,
        "kind": passage.kind,
        "role": passage.role,
        "language": passage.language,
        "order": order,
        "length": len(passage.text),
    }
    if french:  # French titles and headings need the French analyzer too
        fields["text_fr"] = "\n".join([passage.title, *headings, passage.text])
    else:
        fields.update(title=passage.title, headings=" / ".join(headings), text=passage.text)
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


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _same_heading(heading: str, title: str) -> bool:
    a, b = _fold(heading), _fold(title)
    return bool(a) and (a == b or b.startswith(a) or a.startswith(b))
