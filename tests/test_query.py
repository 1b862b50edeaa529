"""Query understanding, acronyms and spelling corrections, as tables."""

from __future__ import annotations

from collections import Counter

import pytest

from indexer.acronyms import AcronymTable, learn_acronyms
from indexer.interface import QueryError
from indexer.query import MAX_QUERY_WORDS, parse_query
from indexer.spelling import correct, edit_distance
from kb.resolutions import WPS_RESOLUTIONS

KNOWN = frozenset(WPS_RESOLUTIONS)


@pytest.mark.parametrize(("text", "term", "asked"), [
    ("what is gender", "gender", True),
    ("What is a gender role?", "gender role", True),
    ("what are gender roles", "gender roles", True),
    ("define gender expression", "gender expression", True),
    ("definition of SEA", "sea", True),
    ("meaning of GBV", "gbv", True),
    ("gender-based violence definition", "gender-based violence", True),
    ("GBA+ meaning", "gba+", True),
    ("what does CRSV mean", "crsv", True),
    ("what does WPS stand for", "wps", True),
    ("what is meant by gender equity", "gender equity", True),
    ("trans", "trans", False),
    ("sexual violence", "sexual violence", False),
])
def test_definition_questions(text, term, asked):
    plan = parse_query(text, KNOWN)
    assert (plan.term, plan.definition_question) == (term, asked)


@pytest.mark.parametrize(("text", "words"), [
    ("what is gender", ("gender",)),
    ("how do I report sexual violence?", ("report", "sexual", "violence")),
    ("the role of the police", ("role", "police")),
    ("*gender", ("gender",)),
    ("gender AND (police OR \"women\")", ("gender", "police", "women")),
    ("title:gender", ("title", "gender")),
    ("1888", ("1888",)),
    ("gender gender GENDER police", ("gender", "police")),
])
def test_content_words(text, words):
    assert parse_query(text, KNOWN).words == words


@pytest.mark.parametrize(("text", "resolution", "paragraph", "reference"), [
    ("1325 op 8", 1325, 8, True),
    ("UNSCR 1325", 1325, None, True),
    ("resolution 1888", 1888, None, True),
    ("2106", 2106, None, True),
    ("OP8 of 1325", 1325, 8, True),
    ("1820 para 4", 1820, 4, True),
    ("1325 key provisions", 1325, None, False),
    ("1889 overview", 1889, None, True),
    ("what does resolution 1820 say", 1820, None, True),
    ("what is 1325", 1325, None, True),
    ("resolution 2122 persistent gaps", 2122, None, False),
    ("sexual violence training Manila 2011", None, None, False),
    ("20 percent female police", None, None, False),
])
def test_resolution_references(text, resolution, paragraph, reference):
    plan = parse_query(text, KNOWN)
    assert (plan.resolution, plan.paragraph, plan.is_reference) == (resolution, paragraph, reference)


@pytest.mark.parametrize(("text", "resolution", "paragraph"), [
    ("1325 pp 3", 1325, 3),
    ("1325 PP3", 1325, 3),
    ("UNSCR 1820 preambular paragraph 2", 1820, 2),
    ("pp3 of 1325", 1325, 3),
    ("preambular para. 4 of resolution 1325", 1325, 4),
    ("1234 pp 3", None, None),  # not a WPS resolution
])
def test_preambular_references(text, resolution, paragraph):
    plan = parse_query(text, KNOWN)
    assert (plan.resolution, plan.paragraph) == (resolution, paragraph)
    assert plan.preambular is (resolution is not None)


@pytest.mark.parametrize("text", ["", "   ", "?!", "the of and", "\"\"", "***"])
def test_empty_queries_are_refused(text):
    with pytest.raises(QueryError):
        parse_query(text, KNOWN)


def test_overlong_query_is_refused():
    with pytest.raises(QueryError, match="too long"):
        parse_query("gender " * 100, KNOWN)


def test_word_count_is_capped():
    assert len(parse_query(" ".join(f"word{i}" for i in range(60)), KNOWN).words) == MAX_QUERY_WORDS


@pytest.mark.parametrize(("text", "pairs"), [
    ("high rates of sexual and gender-based violence (SGBV) in camps", {"SGBV": "sexual and gender based violence"}),
    ("from the Formed Police Unit (FPU) speaks", {"FPU": "Formed Police Unit"}),
    ("camp of the Internally Displaced Persons (IDPs) to ensure", {"IDP": "Internally Displaced Persons"}),
    ("the International Association of Women Police (IAWP) conference",
     {"IAWP": "International Association of Women Police"}),
    ("a meeting (NOTE) about nothing", {}),
    ("see Annex (B)", {}),
])
def test_learned_acronyms(text, pairs):
    assert learn_acronyms([text]) == pairs


@pytest.mark.parametrize(("word", "expansion"), [
    ("SGBV", "sexual and gender based violence"),
    ("fpu", "formed police unit"),
    ("IDPs", "internally displaced persons"),
    ("CRSV", "conflict related sexual violence"),
])
def test_acronym_table_expands(word, expansion):
    from indexer.acronyms import CURATED

    assert expansion in AcronymTable(CURATED).expand(word)


@pytest.mark.parametrize(("phrase", "acronym"), [
    ("formed police unit", "FPU"),
    ("Gender-based violence", "GBV"),
    ("women, peace and security", "WPS"),
    ("police", None),
])
def test_acronym_table_finds_acronym(phrase, acronym):
    from indexer.acronyms import CURATED

    assert AcronymTable(CURATED).acronym_for(phrase) == acronym


VOCABULARY = Counter({"violence": 50, "gender": 80, "mainstreaming": 12, "resolution": 30, "police": 40,
                      "policy": 20, "sexual": 45, "peacekeeping": 15, "several": 3})


@pytest.mark.parametrize(("words", "expected"), [
    (["violnce"], ["violence"]),
    (["gendr", "mainstreming"], ["gender", "mainstreaming"]),
    (["resolution", "1888"], None),  # nothing unknown: no suggestion
    (["resolutoin", "1888"], ["resolution", "1888"]),  # the number is never changed
    (["1889x"], None),  # words with digits are never corrected
    (["sexual", "sexaul"], None),  # never "sexual sexual"
    (["gendr", "gender"], None),
    (["polce"], ["police"]),  # the more frequent of equally close words
    (["xqzt"], None),
])
def test_corrections(words, expected):
    assert correct(words, VOCABULARY) == expected


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("violence", "violnce", 1), ("gender", "gedner", 1), ("police", "policy", 1), ("abc", "xyz", 3),
])
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, limit=2) == min(distance, 3)


@pytest.mark.parametrize(("text", "article", "instrument", "french"), [
    ("article 41 charter", 41, "charter", False),
    ("Article 41 of the UN Charter", 41, "charter", False),
    ("charter art. 51", 51, "charter", False),
    ("article 41 de la Charte", 41, "charter", True),
    ("CEDAW article 5", 5, "cedaw", False),
    ("article 5", None, None, False),  # no instrument named: a plain search
    ("article 5 cedaw stereotypes", None, None, False),  # other words: a topic search
])
def test_article_references(text, article, instrument, french):
    plan = parse_query(text, KNOWN)
    assert (plan.article, plan.instrument, plan.french) == (article, instrument, french)
