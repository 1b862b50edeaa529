"""Search quality over the real corpus, by persona: query -> expected first result.

Officers: acronym variants answer with the glossary entry; definition questions about a term
with no glossary entry put the passage defining it first. Trainers: French and preambular
references, paragraphs of a named resolution by topic.
"""

from __future__ import annotations

import pytest

from indexer.interface import SearchQuery


def _first(backend, text: str):
    results = backend.search(SearchQuery(text))
    assert results.hits, text
    return results, results.hits[0]


@pytest.mark.parametrize("query", ["LGBTQ", "LGBT", "LGBTQI", "LGBTQ2S", "lgbtq", "what is LGBT", "LGBTIQ"])
def test_acronym_variants_answer_with_the_entry(backend, query):
    results, hit = _first(backend, query)
    assert hit.id == "police-gender-guide/lgbtq2", (query, hit.id)
    assert results.answer is not None and results.answer.kind == "definition"


@pytest.mark.parametrize("query", [
    "gender perspective definition", "what is a gender perspective", "what is gender perspective",
    "define gender perspective", "meaning of gender perspective", "what are gender perspectives",
])
def test_running_text_definition_first(backend, query):
    _, hit = _first(backend, query)
    assert "a gender perspective is the process of assessing the implications for women and men" in \
        " ".join(hit.text.split()), (query, hit.id)


@pytest.mark.parametrize(("query", "first", "kind"), [
    ("résolution 1325", 1325, "resolution"),
    ("résolution 1820, paragraphe 4", "resolution-1820/op4", "paragraph"),
    ("paragraphe 8 de la résolution 1325", "resolution-1325/op8", "paragraph"),
    ("1325 pp 5", "resolution-1325/pp5", "paragraph"),
    ("preambular paragraph 3 of 1325", "resolution-1325/pp3", "paragraph"),
])
def test_french_and_preambular_references(backend, query, first, kind):
    results, hit = _first(backend, query)
    assert results.answer is not None and results.answer.kind == kind
    assert (hit.resolution == first) if isinstance(first, int) else (hit.id == first), (query, hit.id)


@pytest.mark.parametrize(("query", "first"), [
    ("1325 paragraph gender training", "resolution-1325/op7"),
    ("1325 paragraph on peace agreements", "resolution-1325/op8"),
    ("which paragraph of 1325 on women in decision making", "resolution-1325/op1"),
    ("1325 paragraph on refugee camps", "resolution-1325/op12"),
])
def test_paragraph_of_a_named_resolution_by_topic(backend, query, first):
    _, hit = _first(backend, query)
    assert hit.id == first, (query, hit.id)
