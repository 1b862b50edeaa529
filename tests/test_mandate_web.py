"""Mandate to practice on the pages and in the API: both built from the same view dicts."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from test_browser import CHROMIUM, SCREENSHOTS, base_url, browser, page, serious_violations  # noqa: F401  (fixtures, shared)

NO_CHROMIUM = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")

GUIDE = "police-gender-guide"
ARCHITECTURE = "gender-architecture-in-a-un-peacekeeping-mission"


def _paragraph(detail: dict, anchor: str) -> dict:
    return next(p for p in detail["paragraphs"] if p["anchor"] == anchor)


def test_api_resolution_paragraphs_carry_their_practice(client, knowledge_base):
    detail = client.get("/api/resolutions/1820").get_json()
    op7 = _paragraph(detail, "op7")
    expected = knowledge_base.practice_for(1820, 7)
    assert [t["url"] for t in op7["practice"]] == [link.url for link in expected]
    first = op7["practice"][0]
    assert first["url"] == f"/documents/{GUIDE}#{ARCHITECTURE}"
    assert first["kind"] == "section" and first["document"] == GUIDE
    assert "sexual exploitation and abuse" in first["shared_terms"]
    assert first["passages"] and all(pid.startswith(f"{GUIDE}/") for pid in first["passages"])
    assert all(p["practice"] == [] for p in detail["paragraphs"] if p["kind"] == "preambular")


def test_api_document_blocks_carry_what_they_implement(client, knowledge_base):
    blocks = client.get(f"/api/documents/{GUIDE}").get_json()["blocks"]
    heading = next(b for b in blocks if b["type"] == "heading" and b["anchor"] == ARCHITECTURE)
    assert {"resolution": 1820, "paragraph": 7} in [{k: m[k] for k in ("resolution", "paragraph")}
                                                   for m in heading["implements"]]
    assert all(m["url"] == f"/resolutions/{m['resolution']}#op{m['paragraph']}" for m in heading["implements"])
    checklist = next(b for b in blocks if b.get("anchor") == "training-adviser-checklist")
    assert "S/RES/1325 (2000), para. 7" in [m["citation"] for m in checklist["implements"]]
    annex = [b for b in blocks if b["type"] == "passage" and b["section"][:1] == ["Annexes"]]
    assert annex and all(b["implements"] == [] for b in annex)
    passages = [b for b in blocks if b["type"] == "passage"]
    assert sum(len(b["implements"]) for b in passages) == sum(
        len(link.passage_ids) for link in knowledge_base.practice_links)


def test_resolution_page_lists_practice_under_each_paragraph(client):
    html = client.get("/resolutions/1820").get_data(as_text=True)
    op7 = html[html.index('id="op7"'):html.index('id="op8"')]
    assert "Put into practice" in op7
    assert f'href="/documents/{GUIDE}#{ARCHITECTURE}"' in op7
    assert re.search(r"shared: sexual exploitation and abuse, zero tolerance", op7)
    seized = html[html.index('id="op16"'):]
    assert "Put into practice" not in seized[:seized.index("</li>")]
    assert "<script>" not in html and "style=" not in html


def test_page_and_api_show_the_same_links(client):
    detail = client.get("/api/resolutions/1325").get_json()
    html = client.get("/resolutions/1325").get_data(as_text=True)
    for paragraph in detail["paragraphs"]:
        for target in paragraph["practice"]:
            assert f'href="{target["url"]}"' in html
            assert f'shared: {escape(", ".join(target["shared_terms"]))}' in html


def test_guide_page_shows_the_paragraphs_a_section_puts_into_practice(client):
    html = client.get(f"/documents/{GUIDE}").get_data(as_text=True)
    start = html.index(f'id="{ARCHITECTURE}"')
    line = html[start:html.index("</p>", html.index('class="implements"', start))]
    assert "Puts into practice:" in line and "S/RES/1820 (2008), paras." in line
    assert 'href="/resolutions/1820#op7">7</a>' in line
    checklist = html[html.index('id="training-adviser-checklist"'):]
    checklist = checklist[:checklist.index("</div>")]
    assert 'href="/resolutions/1325#op7"' in checklist


def test_openapi_describes_the_links(client):
    spec = client.get("/api/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    paragraph = schemas["Resolution"]["allOf"][1]["properties"]["paragraphs"]["items"]["properties"]
    assert paragraph["practice"]["items"]["$ref"] == "#/components/schemas/PracticeLink"
    assert set(schemas["PracticeLink"]["properties"]) == {
        "title", "kind", "document", "document_title", "section", "url", "score", "shared_terms", "passages"}
    assert set(schemas["Mandate"]["properties"]) == {
        "resolution", "symbol", "paragraph", "citation", "url", "score", "shared_terms"}
    document = spec["paths"]["/api/documents/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert document["schema"]["$ref"] == "#/components/schemas/DocumentDetail"


def test_resolution_without_text_has_no_practice(client):
    detail = client.get("/api/resolutions/2493").get_json()
    assert all(p["practice"] == [] for p in detail["paragraphs"])


@pytest.mark.browser
@NO_CHROMIUM
def test_follow_a_practice_link_and_back(page):
    page.goto("/resolutions/1820#op7")
    page.locator(f"#op7 .practice a[href='/documents/{GUIDE}#{ARCHITECTURE}']").click()
    page.wait_for_url(re.compile(f"/documents/{GUIDE}#{ARCHITECTURE}$"))
    back = page.locator(f"#{ARCHITECTURE} + .implements a[href='/resolutions/1820#op7']")
    assert back.count() == 1
    back.click()
    page.wait_for_url(re.compile(r"/resolutions/1820#op7$"))


@pytest.mark.browser
@NO_CHROMIUM
@pytest.mark.parametrize("width", [360, 1280])
def test_pages_read_well_at_phone_and_desktop_width(browser, base_url, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900},
                                          service_workers="block")
    page = context.new_page()
    problems = []
    for name, url in (("resolution", "/resolutions/1820#op7"), ("guide", f"/documents/{GUIDE}#{ARCHITECTURE}")):
        page.goto(url)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"mandate-{name}-{width}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        problems += serious_violations(page, url)
    context.close()
    assert not problems, problems
