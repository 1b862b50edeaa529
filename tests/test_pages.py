"""The HTML pages: content, links, escaping, error pages and size, with the tiny and the real corpus."""

from __future__ import annotations

import re

import pytest
from fake_kb import FakeBackend

from kb.resolutions import WPS_RESOLUTIONS
from webui import create_app

MAX_PAGE_BYTES = 200 * 1024


@pytest.fixture()
def fake_client():
    return create_app({"TESTING": True, "BACKEND": FakeBackend()}).test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.data[:300])
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def assert_clean_html(html: str) -> None:
    """No inline script or style (the CSP forbids them), a language, a skip link and one <main>."""
    assert '<html lang="en">' in html
    assert 'href="#main"' in html and html.count("<main") == 1
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), "inline event handler"


# --- the tiny backend -------------------------------------------------------------------------

def test_home(fake_client):
    html = page(fake_client, "/")
    assert_clean_html(html)
    assert 'role="search"' in html and "autofocus" in html and 'list="suggest-home"' in html
    assert '<label for="q-home"' in html
    for href in ("/resolutions", "/glossary", "/documents", "/about"):
        assert f'href="{href}"' in html


def test_search_results_page(fake_client):
    html = page(fake_client, "/search?q=gender")
    assert_clean_html(html)
    assert 'class="answer answer-definition"' in html and 'href="/glossary/gender"' in html
    assert "/api/search.csv?q=gender" in html and 'href="/api/search?q=gender"' in html
    # Results link to the passage, carrying the highlight terms.
    assert 'href="/documents/guide?hl=gender#intro-p1"' in html
    # Facets are toggles with counts.
    assert 'href="/search?q=gender&amp;type=guide"' in html


def test_search_facet_toggle_off(fake_client):
    html = page(fake_client, "/search?q=gender&type=guide")
    assert 'aria-current="true"' in html
    assert 'href="/search?q=gender"' in html  # the active filter's link removes it


def test_search_did_you_mean_and_zero_results(fake_client):
    html = page(fake_client, "/search?q=gendr")
    assert "Did you mean" in html and 'href="/search?q=gender"' in html
    assert "Nothing matched" in html and 'href="/glossary"' in html


def test_search_pagination(fake_client):
    html = page(fake_client, "/search?q=e&limit=1")
    assert 'aria-label="Result pages"' in html and 'rel="next"' in html
    assert "1–1 of" in html


def test_search_past_last_page(fake_client):
    html = page(fake_client, "/search?q=gender&page=50")
    assert "past the last result" in html and 'href="/search?q=gender"' in html


def test_search_empty_shows_tips(fake_client):
    html = page(fake_client, "/search")
    assert "Type a term" in html


def test_search_bad_input_is_html_400(fake_client):
    for url in ("/search?q=x&limit=abc", "/search?q=x&type=poem", "/search?q=((", "/search?type=guide"):
        html = page(fake_client, url, 400)
        assert "could not be run" in html


def test_user_input_is_escaped(fake_client):
    html = page(fake_client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    doc = page(fake_client, "/documents/guide?hl=%22%3E%3Cimg%20src=x%3E")
    assert "<img src=x>" not in doc


def test_resolution_page(fake_client):
    html = page(fake_client, "/resolutions/1820")
    assert_clean_html(html)
    assert 'id="op1"' in html and 'href="#op1"' in html
    assert 'data-copy="S/RES/1820 (2008), para. 1"' in html
    assert '<ul class="res-chips" id="cites"><li><a href="/resolutions/1325">1325</a>' in html
    assert "Year conflict: cited as Resolution 1820 (2009); adopted 2008" in html
    html_1325 = page(fake_client, "/resolutions/1325?hl=women")
    assert '<ul class="res-chips" id="cited-by"><li><a href="/resolutions/1820">1820</a>' in html_1325
    assert "<mark>women</mark>" in html_1325 and "The first resolution on women" in html_1325


def test_resolution_without_text_and_unknown(fake_client):
    html = page(fake_client, "/resolutions/1888")
    assert "is not in this corpus yet" in html and "S/RES/1888 (2009)" in html
    page(fake_client, "/resolutions/1234", 404)
    page(fake_client, "/resolutions/abc", 404)


def test_resolutions_list(fake_client):
    html = page(fake_client, "/resolutions")
    for number in WPS_RESOLUTIONS:
        assert f'href="/resolutions/{number}"' in html
    assert "2000-10-31" in html and "15-0-0" in html


def test_glossary_pages(fake_client):
    html = page(fake_client, "/glossary")
    assert '<span class="empty" aria-hidden="true">A</span>' in html
    assert 'href="#letter-G"' in html and 'id="letter-G"' in html and 'href="/glossary/gender"' in html
    term = page(fake_client, "/glossary/gender")
    assert_clean_html(term)
    assert "socially constructed" in term and "Annex A" in term
    assert 'href="/documents/guide?hl=gender#intro-p1"' in term  # where the term is used, highlighted
    assert "<mark>Gender</mark> is central" in term and 'href="/documents/guide#gender"' in term
    page(fake_client, "/glossary/nope", 404)


def test_document_page(fake_client):
    html = page(fake_client, "/documents/guide?hl=resolution")
    assert_clean_html(html)
    assert 'id="intro-p1"' in html and 'id="annex-b"' in html
    assert '<ul class="annexes"><li><a href="#annex-a">' in html
    assert "<mark>Resolution</mark>" in html
    assert 'href="/resolutions/1325"' in html and 'href="/documents/guide#annex-b"' in html
    assert 'class="gl-term" href="/glossary/gender"' in html
    page(fake_client, "/documents/nope", 404)


def test_documents_and_about(fake_client):
    assert 'href="/documents/guide"' in page(fake_client, "/documents")
    about = page(fake_client, "/about")
    assert "broken.pdf" in about and "corrupt-pdf" in about and "2026-01-01" in about
    assert "The WPS Group" in about and "guide.txt" in about


def test_html_404_and_405(fake_client):
    assert "Not found" in page(fake_client, "/no/such/page", 404)
    response = fake_client.post("/glossary")
    assert response.status_code == 405 and response.mimetype == "text/html"


def test_security_headers(fake_client):
    response = fake_client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_service_worker_served_from_root(fake_client):
    response = fake_client.get("/sw.js")
    assert response.status_code == 200 and response.headers["Service-Worker-Allowed"] == "/"


# --- the real corpus ---------------------------------------------------------------------------

def real_pages(client) -> list[str]:
    urls = ["/", "/search?q=gender", "/search?q=sexual+violence", "/resolutions", "/glossary", "/documents", "/about"]
    urls += [f"/resolutions/{n}" for n in WPS_RESOLUTIONS]
    urls += [d["url"] for d in client.get("/api/documents").get_json()]
    letters = client.get("/api/glossary").get_json()["letters"]
    urls += [t["url"] for group in letters for t in group["terms"]][:40]
    return urls


def test_real_pages_render_small_and_clean(client):
    for url in real_pages(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.data) < MAX_PAGE_BYTES, (url, len(response.data))
        assert_clean_html(response.get_data(as_text=True))


def test_real_resolution_links_both_ways(client):
    assert 'href="/resolutions/1325"' in page(client, "/resolutions/1820")
    html_1325 = page(client, "/resolutions/1325")
    assert 'id="op8"' in html_1325 and "S/RES/1325 (2000), para. 8" in html_1325
    assert 'id="cited-by"' in html_1325 and 'href="/resolutions/1820"' in html_1325


def test_real_search_result_carries_highlight(client):
    html = page(client, "/search?q=gender+mainstreaming")
    links = re.findall(r'<h2><a href="([^"]+)">', html)
    assert links and all("hl=gender+mainstreaming" in link for link in links)
    target = page(client, links[0].split("#")[0])
    assert "<mark>" in target
