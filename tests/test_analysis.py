"""Analysis: stemming, British/American folding, typography, accents, French."""

from __future__ import annotations

import pytest

from indexer.analysis import english_terms, fold_spelling, french_terms, normalize_text


@pytest.mark.parametrize(("word", "same_as"), [
    ("running", "run"),
    ("organisations", "organization"),
    ("organisation", "organizations"),
    ("organisational", "organizational"),
    ("centred", "centered"),
    ("centre", "center"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("defence", "defense"),
    ("behaviour", "behavior"),
    ("behaviours", "behaviors"),
    ("colourful", "colorful"),
    ("labourers", "laborers"),
    ("prioritise", "prioritize"),
    ("criticised", "criticized"),
    ("analysed", "analyzed"),
    ("counselling", "counseling"),
    ("judgement", "judgment"),
    ("ageing", "aging"),
    ("practise", "practice"),
    ("licence", "license"),
    ("women\u2019s", "women's"),
    ("women's", "women"),
    ("caf\u00e9", "cafe"),
    ("Gender", "gender"),
    ("mainstreaming", "mainstreamed"),
])
def test_words_that_mean_the_same_get_the_same_term(word, same_as):
    assert english_terms(word) == english_terms(same_as)
    assert english_terms(word)


@pytest.mark.parametrize(("word", "term"), [
    ("running", "run"),
    ("peacekeepers", "peacekeep"),
    ("1325", "1325"),
    ("8", "8"),
])
def test_porter2_terms(word, term):
    assert english_terms(word) == [term]


@pytest.mark.parametrize(("word", "kept"), [
    # "-ise" words that are not British "-ize" spellings stay as they are.
    ("advise", "advise"), ("advisers", "advisers"), ("exercise", "exercise"), ("otherwise", "otherwise"),
    ("rise", "rise"), ("raised", "raised"), ("premises", "premises"), ("promise", "promise"),
    ("expertise", "expertise"), ("surprise", "surprise"), ("enterprise", "enterprise"), ("wise", "wise"),
    ("four", "four"), ("hour", "hour"), ("your", "your"), ("genre", "genre"), ("acre", "acre"),
    ("crises", "crises"), ("precise", "precise"), ("noise", "noise"),
])
def test_folding_leaves_other_words_alone(word, kept):
    assert fold_spelling(word) == kept


@pytest.mark.parametrize(("word", "american"), [
    ("organisation", "organization"), ("recognised", "recognized"), ("minimise", "minimize"),
    ("standardised", "standardized"), ("centred", "centered"), ("centring", "centering"),
    ("theatres", "theaters"), ("neighbourhood", "neighborhood"), ("dishonour", "dishonor"),
    ("defences", "defenses"), ("travelled", "traveled"), ("paralysed", "paralyzed"),
])
def test_british_spellings_fold_to_american(word, american):
    assert fold_spelling(word) == american


@pytest.mark.parametrize(("text", "terms"), [
    ("the women and the men", ["women", "men"]),
    ("Peace & Security", ["peac", "secur"]),
    ("gender\u2013based violence", ["gender", "base", "violenc"]),
    ("\u201cgender\u201d", ["gender"]),
    ("HIV/AIDS", ["hiv", "aid"]),
    ("op 8", ["op", "8"]),
])
def test_text_to_terms(text, terms):
    assert english_terms(text) == terms


@pytest.mark.parametrize(("text", "plain"), [
    ("\u201cquoted\u201d", '"quoted"'),
    ("women\u2019s", "women's"),
    ("2000\u20132010", "2000-2010"),
    ("co\u00adoperation", "cooperation"),
])
def test_normalize_text(text, plain):
    assert normalize_text(text) == plain


@pytest.mark.parametrize(("a", "b"), [
    ("internationales", "international"),
    ("l'Organisation", "organisation"),
    ("s\u00e9curit\u00e9", "securite"),
    ("Nations", "nation"),
])
def test_french_terms(a, b):
    assert french_terms(a) == french_terms(b)
    assert french_terms(a)


@pytest.mark.parametrize("text", ["les de la et", "le la"])
def test_french_stopwords_vanish(text):
    assert french_terms(text) == []
