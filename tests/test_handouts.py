"""Handouts: the URL-held selection, its edits, /handout and /api/handout, and the "Add to handout" links."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer.interface import QueryError
from webui.handout_model import (
    MAX_ITEMS,
    Selection,
    handout_url,
    lenient_selection,
    moved,
    parse_selection,
    with_item,
    without,
)

OP8 = "resolution-1325/op8"
PP3 = "resolution-1325/pp3"
GENDER = "police-gender-guide/gender"
ART5 = "cedaw-en/art5"
GONE = "retired-document/old-anchor"


def _args(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def _ids(url: str) -> list[str]:
    return _args(url).get("item", [])


@pytest.mark.parametrize("args, ids, title", [
    ({"item": [OP8, GENDER]}, (OP8, GENDER), ""),
    ({"item": [OP8, GENDER, OP8]}, (OP8, GENDER), ""),  # a duplicate is kept once, in first place
    ({"item": [" " + OP8 + " ", "", GENDER]}, (OP8, GENDER), ""),
    ({"item": [OP8], "title": ["  Day 1:   protection "]}, (OP8,), "Day 1: protection"),
    ({"item": [OP8], "title": ["Handout"]}, (OP8,), ""),  # the default title is not carried in the URL
    ({}, (), ""),
    ({"item": ["x" * 200]}, ("x" * 200,), ""),
])
def test_parse_selection(args, ids, title):
    assert parse_selection(args) == Selection(ids, title)


@pytest.mark.parametrize("args, message", [
    ({"item": ["resolution-1325/op8\x00"]}, "control characters"),
    ({"item": ["a\u202eb"]}, "control characters"),
    ({"item": ["x" * 201]}, "too long"),
    ({"item": [f"d/p{i}" for i in range(MAX_ITEMS + 1)]}, f"at most {MAX_ITEMS} items"),
    ({"item": [OP8], "title": ["t" * 121]}, "too long"),
    ({"item": [OP8], "title": ["bad\x07title"]}, "control characters"),
])
def test_parse_selection_refuses_malformed_input(args, message):
    with pytest.raises(QueryError, match=message):
        parse_selection(args)


def test_parse_selection_counts_duplicates_once_against_the_cap():
    ids = [f"d/p{i}" for i in range(MAX_ITEMS)]
    assert len(parse_selection({"item": ids + ids}).ids) == MAX_ITEMS


@pytest.mark.parametrize("args, expected", [
    ({"item": [OP8, "bad\x00id", "x" * 300, GENDER], "title": ["\x07"]}, Selection((OP8, GENDER), "")),
    ({"item": [f"d/p{i}" for i in range(80)]}, Selection(tuple(f"d/p{i}" for i in range(MAX_ITEMS)), "")),
])
def test_lenient_selection_drops_what_is_invalid(args, expected):
    assert lenient_selection(args) == expected


@pytest.mark.parametrize("ids, index, offset, expected", [
    (("a", "b", "c"), 1, -1, ("b", "a", "c")),
    (("a", "b", "c"), 1, 1, ("a", "c", "b")),
    (("a", "b", "c"), 0, -1, ("a", "b", "c")),
    (("a", "b", "c"), 2, 1, ("a", "b", "c")),
    (("a", "b", "c"), 0, 5, ("b", "c", "a")),
    (("a", "b", "c"), 7, 1, ("a", "b", "c")),
])
def test_moved(ids, index, offset, expected):
    assert moved(Selection(ids, "T"), index, offset) == Selection(expected, "T")


@pytest.mark.parametrize("ids, item, expected_without, expected_with", [
    (("a", "b"), "a", ("b",), ("a", "b")),
    (("a", "b"), "c", ("a", "b"), ("a", "b", "c")),
    ((), "a", (), ("a",)),
])
def test_without_and_with_item(ids, item, expected_without, expected_with):
    assert without(Selection(ids), item).ids == expected_without
    assert with_item(Selection(ids), item).ids == expected_with


def test_with_item_stops_at_the_cap():
    full = Selection(tuple(f"d/p{i}" for i in range(MAX_ITEMS)))
    assert with_item(full, "d/extra") == full


@pytest.mark.parametrize("selection, url", [
    (Selection(), "/handout"),
    (Selection((OP8, GENDER)), f"/handout?item={OP8}&item={GENDER}"),
    (Selection((OP8,), "Day 1: SEA & GBV"), f"/handout?item={OP8}&title=Day%201%3A%20SEA%20%26%20GBV"),
])
def test_handout_url_round_trips(selection, url):
    assert handout_url(selection) == url
    assert parse_selection(_args(url)) == selection


# The pages and the API over the real corpus.

def test_api_handout_keeps_the_order_given(client):
    data = client.get(f"/api/handout?item={GENDER}&item={OP8}&item={ART5}").get_json()
    assert [i["id"] for i in data["items"]] == [GENDER, OP8, ART5]
    assert [i["position"] for i in data["items"]] == [1, 2, 3]
    assert data["title"] == "Handout" and data["count"] == 3 and data["missing"] == []


def test_api_handout_items_carry_text_citation_and_permalink(client):
    data = client.get(f"/api/handout?item={OP8}&item={PP3}&item={GENDER}",
                      base_url="https://wps.example.org").get_json()
    op8, pp3, gender = data["items"]
    assert op8["citation"] == "S/RES/1325 (2000), para. 8"
    assert pp3["citation"] == "S/RES/1325 (2000), preambular para. 3"
    assert gender["citation"].startswith("\u201cGender\u201d, in ")
    assert op8["url"] == "/resolutions/1325#op8"
    assert op8["permalink"] == "https://wps.example.org/resolutions/1325#op8"
    assert gender["permalink"] == "https://wps.example.org/glossary/gender"
    assert op8["text"].startswith("Calls on all actors involved")
    assert data["permalink"] == f"https://wps.example.org/handout?item={OP8}&item={PP3}&item={GENDER}"


def test_api_handout_keeps_a_duplicate_once(client):
    data = client.get(f"/api/handout?item={OP8}&item={GENDER}&item={OP8}").get_json()
    assert [i["id"] for i in data["items"]] == [OP8, GENDER]


def test_unknown_ids_are_listed_as_missing_and_stay_in_the_link(client):
    data = client.get(f"/api/handout?item={GONE}&item={OP8}").get_json()
    assert [i["id"] for i in data["items"]] == [OP8]
    assert [m["id"] for m in data["missing"]] == [GONE]
    assert _ids(data["url"]) == [OP8, GONE]
    assert _ids(data["missing"][0]["remove_url"]) == [OP8]
    page = client.get(f"/handout?item={GONE}&item={OP8}")
    assert page.status_code == 200
    assert "No longer in the index" in page.text and GONE in page.text


@pytest.mark.parametrize("query, message", [
    ("item=resolution-1325/op8%00", "control characters"),
    ("item=resolution-1325%0A/op8", "control characters"),
    ("item=" + "x" * 201, "too long"),
    ("&".join(f"item=d/p{i}" for i in range(MAX_ITEMS + 1)), f"at most {MAX_ITEMS}"),
    ("item=resolution-1325/op8&title=" + "t" * 121, "too long"),
])
def test_malformed_input_is_a_400_in_the_one_error_shape(client, query, message):
    response = client.get(f"/api/handout?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and message in body["error"]
    page = client.get(f"/handout?{query}")
    assert page.status_code == 400 and message in page.text


def test_the_cap_itself_is_allowed(client, knowledge_base):
    ids = [p.id for p in knowledge_base.passages()[:MAX_ITEMS]]
    response = client.get("/api/handout?" + "&".join(f"item={i}" for i in ids))
    assert response.status_code == 200 and response.get_json()["count"] == MAX_ITEMS


def _links(html: str, css_class: str) -> list[str]:
    return [unescape(m) for m in re.findall(rf'<a class="{css_class}" href="([^"]+)"', html)]


def test_move_and_remove_links_give_the_right_orders(client):
    page = client.get(f"/handout?item={OP8}&item={GENDER}&item={ART5}&title=Day+1").text
    ups, downs, removes = _links(page, "handout-up"), _links(page, "handout-down"), _links(page, "handout-remove")
    assert [_ids(u) for u in ups] == [[GENDER, OP8, ART5], [OP8, ART5, GENDER]]
    assert [_ids(u) for u in downs] == [[GENDER, OP8, ART5], [OP8, ART5, GENDER]]
    assert [_ids(u) for u in removes] == [[GENDER, ART5], [OP8, ART5], [OP8, GENDER]]
    assert all(_args(u)["title"] == ["Day 1"] for u in ups + downs + removes)


def test_following_a_move_link_shows_the_new_order(client):
    first = client.get(f"/handout?item={OP8}&item={GENDER}").text
    down = _links(first, "handout-down")[0]
    second = client.get(down).text
    assert second.index('data-id="police-gender-guide/gender"') < second.index('data-id="resolution-1325/op8"')


def test_handout_page_numbers_items_and_prints_citations_and_permalinks(client):
    page = client.get(f"/handout?item={OP8}&item={GENDER}&title=Protection+day").text
    assert "<h1 id=\"handout-h1\">Protection day</h1>" in page
    assert '<span class="handout-no">1.</span> S/RES/1325 (2000), para. 8' in page
    assert '<span class="handout-no">2.</span> Gender' in page
    assert "http://localhost/resolutions/1325#op8" in page
    assert 'value="Protection day"' in page
    assert "<script>" not in page and "style=" not in page


def test_empty_handout_explains_how_to_add(client):
    page = client.get("/handout")
    assert page.status_code == 200 and "This handout is empty" in page.text


def test_title_is_escaped(client):
    page = client.get("/handout?item=resolution-1325/op8&title=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


@pytest.mark.parametrize("url, item", [
    ("/search?q=women+peace+security", None),
    ("/resolutions/1325", OP8),
    ("/resolutions/1325", PP3),
    ("/glossary/gender", GENDER),
])
def test_pages_offer_add_to_handout(client, url, item):
    page = client.get(url).text
    adds = re.findall(r'<a class="handout-add" href="([^"]+)"[^>]*data-handout-item="([^"]+)"', page)
    assert adds, url
    for href, item_id in adds:
        assert _ids(unescape(href)) == [item_id]
    if item is not None:
        assert item in [i for _, i in adds]


def test_document_pages_name_their_document_for_the_script_that_adds_toggles(client):
    page = client.get("/documents/cedaw-en").text
    assert 'data-handout-doc="cedaw-en"' in page and 'id="art5"' in page
    assert 'class="handout-add"' not in page  # one link per passage would make long documents heavy


def test_add_links_carry_the_selection_in_the_url(client):
    page = client.get(f"/search?q=gender&item={OP8}&title=Day+1").text
    href = unescape(re.search(r'<a class="handout-add" href="([^"]+)"', page).group(1))
    assert _ids(href)[0] == OP8 and len(_ids(href)) == 2
    assert _args(href)["title"] == ["Day 1"]
    nav = unescape(re.search(r'<a class="handout-nav" href="([^"]+)"', page).group(1))
    assert _ids(nav) == [OP8]


def test_add_links_ignore_a_malformed_carried_selection(client):
    response = client.get("/glossary/gender?item=%00&item=" + "x" * 400)
    assert response.status_code == 200
    href = unescape(re.search(r'<a class="handout-add" href="([^"]+)"', response.text).group(1))
    assert _ids(href) == [GENDER]


def test_resolution_api_paragraphs_name_their_passage(client):
    paragraphs = client.get("/api/resolutions/1325").get_json()["paragraphs"]
    assert {p["anchor"]: p["id"] for p in paragraphs}["op8"] == OP8


def test_openapi_documents_the_handout(client):
    spec = client.get("/api/openapi.json").get_json()
    assert "/api/handout" in spec["paths"]
    parameters = {p["name"] for p in spec["paths"]["/api/handout"]["get"]["parameters"]}
    assert parameters == {"item", "title"}
    assert "400" in spec["paths"]["/api/handout"]["get"]["responses"]


def test_openapi_file_is_valid_json():
    path = Path(__file__).resolve().parents[1] / "webui" / "static" / "openapi.json"
    assert "Handout" in json.loads(path.read_text(encoding="utf-8"))["components"]["schemas"]
