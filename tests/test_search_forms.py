"""Every form of reference and question from the search issue, over the real corpus: query -> first result."""

from __future__ import annotations

import pytest

from indexer.interface import QueryError, SearchQuery


def first(backend, text: str, **filters: str):
    results = backend.search(SearchQuery(text=text, filters=tuple(filters.items())))
    assert results.hits, text
    return results, results.hits[0]


@pytest.mark.parametrize(("query", "url"), [
    ("1325", "/resolutions/1325"),
    ("UNSCR 1325", "/resolutions/1325"),
    ("SCR1325", "/resolutions/1325"),
    ("S/RES/1325 (2000)", "/resolutions/1325"),
    ("res. 1820", "/resolutions/1820"),
    ("resolution 1325 paragraph 8", "/resolutions/1325#op8"),
    ("1325 op 8", "/resolutions/1325#op8"),
    ("OP8 of 1325", "/resolutions/1325#op8"),
    ("1820 para 4", "/resolutions/1820#op4"),
    ("S/RES/1820 (2008), para. 12", "/resolutions/1820#op12"),
])
def test_resolution_references(backend, query, url):
    results, hit = first(backend, query)
    assert results.answer is not None and results.answer.url.startswith(url.split("#")[0])
    if "#" in url:
        assert hit.url == url
    else:
        assert hit.resolution == int(url.rsplit("/", 1)[1])


@pytest.mark.parametrize(("query", "slug"), [
    ("what is gender", "gender"),
    ("define gender expression", "gender-expression"),
    ("meaning of gender equity", "gender-equity"),
    ("gender balance meaning", "gender-balance"),
    ("what does intersex mean", "intersex"),
    ("SGBV", "sexual-and-gender-based-violence-sgbv"),
    ("GBV", "gender-based-violence-gbv"),
    ("CRSV", "conflict-related-sexual-violence"),
    ("SEA", "sexual-exploitation-and-abuse-sea"),
    ("GBA+", "gender-based-analysis-plus-gba"),
    ("GM", "gender-mainstreaming-gm"),
    ("gender-based analysis plus", "gender-based-analysis-plus-gba"),
    ("sexual exploitation and abuse", "sexual-exploitation-and-abuse-sea"),
    ("transgender", "trans-or-transgender"),
    ("Women’s empowerment", "women-s-empowerment"),
    ("womens empowerment", "women-s-empowerment"),
    ("gender roles", "gender-roles"),
])
def test_definitions_first(backend, query, slug):
    results, hit = first(backend, query)
    assert hit.type == "glossary" and hit.role == "definition", (query, hit.title)
    assert hit.url.startswith("/glossary/") and hit.url.split("/")[-1].split("#")[0].startswith(slug.split("-")[0])
    assert results.answer is not None and results.answer.kind == "definition"


@pytest.mark.parametrize(("query", "needle"), [
    ("organization of women police officers", "law enforcement"),  # organisation/organization
    ("women-centred approach survivor", "survivor-cent"),  # centred/centered and the dash
    ("peace & security agenda", "Women, Peace and Security"),
    ("\u201cfirst responders\u201d", "first responders"),  # typographic quotes
    ("defence of women\u2019s rights", "rights"),
])
def test_variants_fold_together(backend, query, needle):
    results, _ = first(backend, query)
    assert any(needle.lower() in h.text.lower() for h in results.hits[:5]), [h.title for h in results.hits[:5]]


@pytest.mark.parametrize(("query", "suggestion"), [
    ("sexal violance", "sexual violence"),
    ("resolution 1888 sexal", "resolution 1888 sexual"),
    ("mainstreeming", "mainstreaming"),
])
def test_did_you_mean_never_changes_numbers(backend, query, suggestion):
    results = backend.search(SearchQuery(text=query))
    assert results.suggestion == suggestion
    assert results.hits  # typo tolerance still finds passages


def test_one_missing_word_still_finds_the_passage(backend):
    results, _ = first(backend, "women police Manila training zebra")
    assert any("Manila" in h.text for h in results.hits[:3])


@pytest.mark.parametrize(("filters", "field", "value"), [
    ({"type": "resolution"}, "type", "resolution"),
    ({"type": "glossary"}, "type", "glossary"),
    ({"resolution": "1820"}, "resolution", 1820),
])
def test_filters_restrict_results(backend, filters, field, value):
    results = backend.search(SearchQuery(text="sexual violence", filters=tuple(filters.items())))
    assert results.hits
    assert all(getattr(h, field) == value for h in results.hits)
    # Counts of another field add up to the total; the filtered field keeps its other values (to switch to).
    assert sum(results.facets["document"].values()) == results.total
    assert len(results.facets[field]) > 1


def test_empty_query_is_refused(backend):
    with pytest.raises(QueryError):
        backend.search(SearchQuery(text="  ?? "))
