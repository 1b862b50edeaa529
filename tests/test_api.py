"""The JSON API: every shape of CONTRACT.md, and one error shape for everything a user can get wrong.

Most tests run twice over: against a tiny in-memory backend (fast, exact) and, for the
contract shapes, against the real corpus index through the conftest ``client``.
"""

from __future__ import annotations

import csv
import io

import pytest
from fake_kb import FakeBackend

from kb.resolutions import WPS_RESOLUTIONS
from webui import create_app

HIT_KEYS = {"id", "title", "type", "document", "url", "snippet", "text", "score"}
SEARCH_KEYS = {"query", "total", "page", "took_ms", "suggestion", "facets", "results", "answer"}
RESOLUTION_KEYS = {"number", "symbol", "year", "adopted", "meeting", "title", "url"}


@pytest.fixture()
def fake():
    backend = FakeBackend()
    app = create_app({"TESTING": True, "BACKEND": backend})
    return app.test_client(), backend


def assert_error(response, status: int) -> dict:
    assert response.status_code == status, response.data[:300]
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"error", "status"} and body["status"] == status and body["error"]
    return body


# --- the tiny backend -------------------------------------------------------------------------

def test_search_shape(fake):
    client, _ = fake
    body = client.get("/api/search?q=women").get_json()
    assert SEARCH_KEYS <= set(body)
    assert body["query"] == "women" and body["page"] == 1 and body["total"] >= 1
    assert HIT_KEYS <= set(body["results"][0])


def test_search_filters_and_answer(fake):
    client, _ = fake
    body = client.get("/api/search?q=gender&type=glossary").get_json()
    assert body["filters"] == {"type": ["glossary"]}
    assert all(r["type"] == "glossary" for r in body["results"])
    assert body["answer"]["kind"] == "definition" and body["answer"]["url"] == "/glossary/gender"


@pytest.mark.parametrize("query", [
    "", "?q=", "?q=%20%20", "?q=x&limit=0", "?q=x&limit=101", "?q=x&limit=abc", "?q=x&limit=-1",
    "?q=x&page=0", "?q=x&page=99999", "?q=x&page=1.5", "?q=x&type=poem", "?q=x&resolution=1234",
    "?q=x&resolution=abc", "?q=x&year=20", "?q=x&pillar=fun", "?q=x&document=nope", "?q=((", "?q=" + "a" * 600,
])
def test_search_bad_input_is_400(fake, query):
    client, _ = fake
    assert_error(client.get("/api/search" + query), 400)
    assert_error(client.get("/api/search.csv" + query), 400)


def test_search_csv(fake):
    client, _ = fake
    response = client.get("/api/search.csv?q=women")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["rank", "title", "type", "document", "section", "url", "score", "text"]
    assert rows[1][0] == "1" and rows[1][5].startswith("http://localhost/")


def test_define(fake):
    client, _ = fake
    body = client.get("/api/define?q=GENDERS").get_json()
    assert {"term", "definition", "source", "url", "see_also"} <= set(body)
    assert body["term"] == "Gender" and body["url"] == "/glossary/gender"
    assert_error(client.get("/api/define?q=nonsenseword"), 404)
    assert_error(client.get("/api/define"), 400)


def test_resolutions(fake):
    client, _ = fake
    body = client.get("/api/resolutions").get_json()
    assert [r["number"] for r in body] == list(WPS_RESOLUTIONS)
    assert RESOLUTION_KEYS <= set(body[0])
    assert body[0]["symbol"] == "S/RES/1325 (2000)" and body[0]["adopted"] == "2000-10-31"


def test_resolution_detail_links_both_ways(fake):
    client, _ = fake
    r1820 = client.get("/api/resolutions/1820").get_json()
    r1325 = client.get("/api/resolutions/1325").get_json()
    assert 1325 in r1820["cites"] and 1820 in r1325["cited_by"]
    assert r1325["paragraphs"][0] == {"kind": "operative", "number": 1, "text": r1325["paragraphs"][0]["text"],
                                      "anchor": "op1", "citation": "S/RES/1325 (2000), para. 1", "id": "res-1325/op1", "practice": []}
    conflict = [m for m in client.get("/api/resolutions/1820").get_json()["mentions"] if m["year_conflict"]]
    assert conflict and conflict[0]["cited_as"] == "Resolution 1820 (2009)"
    assert conflict[0]["note"] == "cited as Resolution 1820 (2009); adopted 2008"


@pytest.mark.parametrize("path", ["/api/resolutions/1234", "/api/resolutions/abc", "/api/glossary/nope",
                                  "/api/documents/nope", "/api/nothing-here", "/api/resolutions/1325/extra"])
def test_unknown_ids_are_404(fake, path):
    client, _ = fake
    assert_error(client.get(path), 404)


def test_method_not_allowed_is_json_405(fake):
    client, _ = fake
    response = client.post("/api/search?q=x")
    assert_error(response, 405)
    assert "GET" in response.headers["Allow"]


def test_large_body_is_413(fake):
    client, _ = fake
    assert_error(client.post("/api/search", data=b"x" * (65 * 1024)), 413)


def test_glossary_and_documents(fake):
    client, _ = fake
    glossary = client.get("/api/glossary").get_json()
    assert glossary["count"] == 1 and glossary["letters"][0]["letter"] == "G"
    term = client.get("/api/glossary/gender").get_json()
    assert term["definition"].startswith("Gender refers") and term["used_in"][0]["id"] == "guide/intro-p1"
    documents = client.get("/api/documents").get_json()
    assert {"id", "title", "kind", "publisher", "date", "source_url", "file"} <= set(documents[0])
    guide = client.get("/api/documents/guide").get_json()
    assert [a["anchor"] for a in guide["annexes"]] == ["annex-a", "annex-b"]
    assert "html" not in guide["blocks"][1]


def test_suggest(fake):
    client, _ = fake
    assert client.get("/api/suggest?q=gen").get_json() == {"query": "gen", "suggestions": ["Gender"]}
    assert client.get("/api/suggest?q=").get_json()["suggestions"] == []


def test_openapi_lists_every_api_route(fake):
    client, _ = fake
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    rules = {r.rule.replace("<number>", "{number}").replace("<slug>", "{slug}").replace("<document_id>", "{id}")
             for r in client.application.url_map.iter_rules() if r.rule.startswith(("/api/", "/healthz"))}
    assert rules <= set(spec["paths"])


def test_healthz_and_refresh_per_request(fake):
    client, backend = fake
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["documents"] == 4 and body["passages"] == 6
    before = backend.refreshed
    client.get("/healthz")
    assert backend.refreshed == before + 1


def test_security_headers_on_json_and_errors(fake):
    client, _ = fake
    for response in (client.get("/healthz"), client.get("/api/nope")):
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_missing_index_is_503_not_500(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path)}).test_client()
    body = assert_error(client.get("/healthz"), 503)
    assert "wpskb index" in body["error"]
    response = client.get("/")
    assert response.status_code == 503 and response.mimetype == "text/html"


# --- the real corpus ---------------------------------------------------------------------------

def test_real_search_contract(client):
    body = client.get("/api/search?q=gender+mainstreaming").get_json()
    assert SEARCH_KEYS <= set(body) and body["total"] > 0
    for hit in body["results"]:
        assert HIT_KEYS <= set(hit)
        assert hit["url"].startswith("/")


def test_real_resolutions_contract(client):
    body = client.get("/api/resolutions").get_json()
    assert [r["number"] for r in body] == list(WPS_RESOLUTIONS)
    for number in WPS_RESOLUTIONS:
        detail = client.get(f"/api/resolutions/{number}").get_json()
        assert {"paragraphs", "cites", "cited_by", "mentions"} <= set(detail)
        for mention in detail["mentions"]:
            assert {"document", "url", "cited_as", "year_conflict"} <= set(mention)


def test_real_1820_cites_1325(client):
    assert 1325 in client.get("/api/resolutions/1820").get_json()["cites"]
    assert 1820 in client.get("/api/resolutions/1325").get_json()["cited_by"]


def test_real_define_and_health(client):
    body = client.get("/api/define?q=gender").get_json()
    assert "socially constructed" in body["definition"]
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["documents"] > 0 and health["passages"] > 0


def test_real_every_document_and_term_has_json(client):
    for document in client.get("/api/documents").get_json():
        assert client.get(f"/api/documents/{document['id']}").status_code == 200
    for letter in client.get("/api/glossary").get_json()["letters"]:
        for term in letter["terms"]:
            assert client.get(f"/api/glossary/{term['slug']}").status_code == 200
