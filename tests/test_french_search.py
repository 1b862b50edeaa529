"""A French question finds French passages (the Charter in French from ../shared/real-docs)."""

from __future__ import annotations

import pytest

from indexer.interface import SearchQuery


@pytest.fixture(scope="module")
def french(backend):
    if not any(p.language == "fr" for p in backend.kb.passages()):
        pytest.skip("no French text in the corpus (../shared/real-docs is not beside the checkout)")
    return backend


@pytest.mark.parametrize("question, article", [
    ("égalité de droits des hommes et des femmes", None),
    ("maintien de la paix et de la sécurité internationales", None),
    ("Qu'est-ce que le Conseil de sécurité ?", None),
    ("les droits de l'homme", None),
    ("Conseil économique et social", None),
    ("règlement pacifique des différends", 33),
])
def test_french_question_finds_french_passages(french, question: str, article: int | None) -> None:
    results = french.search(SearchQuery(question))
    top = [french.kb.passage(h.id) for h in results.hits[:3]]
    assert top and all(p.language == "fr" for p in top), [h.title for h in results.hits[:3]]
    assert results.suggestion is None  # French words are not "corrected" into English
    if article is not None:  # the first article under the chapter heading the question names
        assert article in [french.kb.passage(h.id).number for h in results.hits[:5]]


@pytest.mark.parametrize("question", ["equal rights of men and women", "maintenance of international peace and security"])
def test_english_question_still_finds_english_passages_first(french, question: str) -> None:
    results = french.search(SearchQuery(question))
    assert french.kb.passage(results.hits[0].id).language == "en"
