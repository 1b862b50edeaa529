"""The commitments index on the web: /commitments, its JSON and CSV twins, 400s, resolution tags, search."""

from __future__ import annotations

import csv
import io
import re

import pytest

ROW_KEYS = {"resolution", "paragraph", "anchor", "url", "citation", "verb", "strength", "strength_label",
            "strength_url", "addressees", "mentions", "pillars", "text"}


def _json(client, query: str) -> dict:
    response = client.get("/api/commitments" + query)
    assert response.status_code == 200, response.data[:300]
    return response.get_json()


@pytest.mark.parametrize(("query", "paragraphs"), [
    ("?resolution=1325&addressee=member-states", [(1325, 1), (1325, 3), (1325, 6), (1325, 7), (1325, 11)]),
    # Typed forms are read as the slug: a label, spaces, "the", another case.
    ("?resolution=1325&addressee=Member%20States", [(1325, 1), (1325, 3), (1325, 6), (1325, 7), (1325, 11)]),
    ("?resolution=1820&addressee=the+Secretary+General&strength=requests",
     [(1820, 6), (1820, 7), (1820, 9), (1820, 10), (1820, 12), (1820, 15)]),
    ("?strength=demands", [(1820, 2), (1820, 3)]),
    ("?addressee=troop-and-police-contributing-countries", [(1820, 7), (1820, 8)]),
    ("?resolution=1325&pillar=relief-and-recovery&strength=calls-upon", [(1325, 8), (1325, 12), (1325, 13),
                                                                         (1325, 16)]),
    ("?addressee=parties-to-armed-conflict&addressee=regional-organizations",  # a repeated filter is "or"
     [(1325, 9), (1325, 10), (1325, 12), (1820, 2), (1820, 3), (1820, 14)]),
    ("?resolution=2493", []),  # one of the ten, but its text is not in the corpus
    ("?resolution=&addressee=&strength=&pillar=", None),  # the form's "Any": no filter at all
])
def test_api_filters(client, query, paragraphs) -> None:
    body = _json(client, query)
    found = [(c["resolution"], c["paragraph"]) for c in body["commitments"]]
    if paragraphs is None:
        assert len(found) == body["total"] == 34
    else:
        assert found == paragraphs and body["total"] == len(paragraphs)


def test_api_shape(client) -> None:
    body = _json(client, "?resolution=1325&addressee=member-states")
    assert set(body) == {"filters", "total", "summary", "facets", "links", "without_text", "commitments"}
    assert body["filters"] == {"resolution": ["1325"], "addressee": ["member-states"], "strength": [], "pillar": []}
    assert body["summary"].startswith("Resolution 1325 asks Member States 5 things: ")
    assert body["links"] == {
        "html": "/commitments?resolution=1325&addressee=member-states",
        "json": "/api/commitments?resolution=1325&addressee=member-states",
        "csv": "/api/commitments.csv?resolution=1325&addressee=member-states",
    }
    assert 1325 not in body["without_text"] and 2493 in body["without_text"]
    row = body["commitments"][1]
    assert set(row) == ROW_KEYS
    assert (row["url"], row["citation"], row["verb"], row["strength"]) == (
        "/resolutions/1325#op3", "S/RES/1325 (2000), para. 3", "Urges", "requests")
    assert [a["slug"] for a in row["addressees"]] == ["secretary-general", "member-states"]
    assert row["addressees"][1]["url"] == "/commitments?resolution=1325&addressee=member-states"
    for mention in row["mentions"]:
        assert row["text"][mention["start"]:mention["end"]] == mention["phrase"]


def test_api_facet_counts(client) -> None:
    facets = _json(client, "?resolution=1325&addressee=member-states")["facets"]
    assert list(facets) == ["resolution", "addressee", "strength", "pillar"]
    by_value = {name: {v["value"]: (v["count"], v["selected"]) for v in values} for name, values in facets.items()}
    assert by_value["resolution"]["1325"] == (5, True) and by_value["resolution"]["1820"] == (2, False)
    assert by_value["addressee"]["secretary-general"] == (7, False)  # paragraphs of 1325 addressed to the SG
    assert by_value["strength"] == {"decides": (0, False), "requests": (4, False), "calls-upon": (0, False),
                                    "other": (1, False)}
    assert len(by_value["resolution"]) == 10 and len(by_value["pillar"]) == 4


def test_csv_download(client) -> None:
    response = client.get("/api/commitments.csv?resolution=1820&addressee=secretary-general")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="wps-commitments-1820-secretary-general.csv"')
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))
    assert [r["paragraph"] for r in rows] == ["3", "6", "7", "9", "10", "12", "15"]
    first = rows[0]
    assert list(first) == ["resolution", "paragraph", "citation", "url", "verb", "strength", "addressed_to",
                           "pillars", "text"]
    assert first["url"] == "http://localhost/resolutions/1820#op3"
    assert (first["verb"], first["strength"]) == ("Demands", "decides / demands")
    assert first["addressed_to"] == "parties to armed conflict; the Secretary-General"
    assert first["pillars"] == "protection; prevention"
    assert first["text"].startswith("Demands that all parties to armed conflict immediately take")


def test_csv_and_json_agree(client) -> None:
    body = _json(client, "?pillar=participation")
    rows = list(csv.DictReader(io.StringIO(client.get("/api/commitments.csv?pillar=participation").data.decode())))
    assert [(int(r["resolution"]), int(r["paragraph"])) for r in rows] == [
        (c["resolution"], c["paragraph"]) for c in body["commitments"]]


@pytest.mark.parametrize(("query", "allowed"), [
    ("?resolution=9999", "1325, 1820, 1888"),
    ("?resolution=abc", "1325, 1820, 1888"),
    ("?addressee=martians", "member-states, secretary-general, parties-to-armed-conflict"),
    ("?strength=begs", "decides, requests, calls-upon, other"),
    ("?pillar=fun", "participation, protection, prevention, relief-and-recovery"),
    ("?addressee=member-states&strength=" + "x" * 500, "decides"),
])
def test_unknown_values_are_400_with_the_allowed_ones(client, query, allowed) -> None:
    for path in ("/api/commitments", "/api/commitments.csv"):
        response = client.get(path + query)
        assert response.status_code == 400 and response.is_json
        body = response.get_json()
        assert set(body) == {"error", "status"} and body["status"] == 400
        assert allowed in body["error"] and len(body["error"]) < 400
    page = client.get("/commitments" + query)
    assert page.status_code == 400 and allowed in page.data.decode()


def test_page_renders_table_form_summary_and_downloads(client) -> None:
    html = client.get("/commitments?resolution=1325&addressee=member-states").data.decode()
    assert "<h1>Commitments</h1>" in html
    assert 'aria-current="page">Commitments</a>' in html  # the nav entry
    assert re.search(r'<option value="member-states" selected>Member States \(5\)</option>', html)
    assert '<option value="1820">1820 (2)</option>' in html
    assert "Resolution 1325 asks Member States 5 things: to ensure increased representation" in html
    assert 'href="/api/commitments.csv?resolution=1325&amp;addressee=member-states"' in html
    assert 'href="/api/commitments?resolution=1325&amp;addressee=member-states"' in html
    rows = re.findall(r'<a href="(/resolutions/1325#op\d+)" aria-label="S/RES/1325 \(2000\), para\. \d+">', html)
    assert rows == ["/resolutions/1325#op1", "/resolutions/1325#op3", "/resolutions/1325#op6",
                    "/resolutions/1325#op7", "/resolutions/1325#op11"]
    # Long texts are cut in the row with the whole paragraph one click away; addressees are marked.
    assert "<details><summary>Urges Member States to ensure" in html
    assert "<mark>all States</mark>" in html
    assert "Not yet in it: 1888, 1889" in html


def test_page_with_nothing_to_show(client) -> None:
    html = client.get("/commitments?resolution=2493").data.decode()
    assert "No operative paragraph matches these filters." in html
    assert "Resolution 2493 asks nothing that matches these filters." in html


def test_resolution_page_tags_each_operative_paragraph(client) -> None:
    html = client.get("/resolutions/1820").data.decode()
    op7 = html[html.index('<li id="op7"'):html.index('<li id="op8"')]
    assert 'href="/commitments?resolution=1820&amp;strength=requests">requests / urges' in op7
    assert 'href="/commitments?resolution=1820&amp;addressee=secretary-general">the Secretary-General' in op7
    assert ('href="/commitments?resolution=1820&amp;addressee=troop-and-police-contributing-countries">'
            "troop- and police-contributing countries") in op7
    # Procedure and preamble carry no tags.
    op16 = html[html.index('<li id="op16"'):]
    assert "commit-tags" not in op16[:op16.index("</li>")]
    preamble = html[html.index('<li id="pp1"'):html.index('<li id="op1"')]
    assert "commit-tags" not in preamble


@pytest.mark.parametrize(("query", "url"), [
    ("what does 1325 ask of Member States?", "/commitments?resolution=1325&addressee=member-states"),
    ("1820 requests to the Secretary-General", "/commitments?resolution=1820&addressee=secretary-general"),
])
def test_search_answers_with_the_filtered_commitments(client, query, url) -> None:
    body = client.get("/api/search", query_string={"q": query}).get_json()
    assert body["answer"]["kind"] == "commitments" and body["answer"]["url"] == url
    html = client.get("/search", query_string={"q": query}).data.decode()
    assert f'<a href="{url.replace("&", "&amp;")}">What resolution' in html


def test_search_without_a_commitments_question_keeps_its_answer(client) -> None:
    assert client.get("/api/search?q=1325+op+8").get_json()["answer"]["kind"] == "paragraph"
    assert client.get("/api/search?q=member+states+training").get_json()["answer"] is None
