"""Which text of a resolution the knowledge base keeps when the corpus holds it twice.

A resolution's text can reach the corpus two ways: quoted in another document (the police
guide prints the ten resolutions in its annexes, read from two-column pages) or as a file of
its own (the official PDF that ``wpskb pull`` fetches from the UN). The rule, deterministic
and independent of file names:

1. a resolution's *own* text (a document of kind "resolution" that is derived from no other
   document) is preferred over a quotation inside another document;
2. among texts of the same rank, the first file in discovery order (corpus folders in the
   order given, paths sorted) wins.

A quotation that gives way is dropped with its passages, so a search never shows the same
paragraph twice; the quoting document itself (the guide's chapters, glossary, overviews) stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from indexer.file_parse import FileParse
from kb.documents import Document


def own_text_document(documents: Iterable[Document], number: int) -> Document | None:
    """The document among ``documents`` that is resolution ``number``'s own text, or None."""
    for document in documents:
        if document.kind == "resolution" and not document.derived_from and _number(document) == number:
            return document
    return None


def prefer_own_texts(parses: list[FileParse]) -> list[FileParse]:
    """``parses`` with every quoted resolution text dropped whose own text another file holds."""
    own = {n for parse in parses for n in parse.resolution_texts if own_text_document(parse.documents, n)}
    result: list[FileParse] = []
    for parse in parses:
        dropped = {n for n in parse.resolution_texts if n in own and own_text_document(parse.documents, n) is None}
        if not dropped:
            result.append(parse)
            continue
        documents = tuple(d for d in parse.documents if not (d.derived_from and _number(d) in dropped))
        texts = {n: t for n, t in parse.resolution_texts.items() if n not in dropped}
        notes = tuple(f"resolution {n}: the quoted text gives way to the resolution's own text" for n in sorted(dropped))
        result.append(replace(parse, documents=documents, resolution_texts=texts, notes=parse.notes + notes))
    return result


def _number(document: Document) -> int | None:
    return next((p.resolution for p in document.passages if p.resolution), None) if document.kind == "resolution" else None
