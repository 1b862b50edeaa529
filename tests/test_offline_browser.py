"""The offline pack in headless Chromium from file://, with networking off: search, answers, links, phone width.

The pack is exported once from the session index; every page is opened as file:///.../*.html.
Screenshots land in tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_browser import CHROMIUM, SCREENSHOTS, browser, serious_violations  # noqa: F401  (fixtures, shared)

SEARCH_LABEL = "Search resolutions, conventions, guides and definitions"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def pack_root(index_root, tmp_path_factory) -> Path:
    from webui import create_app
    from webui.offline import export_offline

    root = tmp_path_factory.mktemp("offline-browser") / "pack"
    export_offline(create_app({"TESTING": True, "INDEX_DIR": str(index_root)}), root)
    return root


def _context_page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_offline(True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append("request " + r.url) if not r.url.startswith("file://") else None)
    return context, page, problems


@pytest.fixture()
def page(browser):
    context, page, problems = _context_page(browser, 1280, 900)
    yield page
    context.close()
    assert not problems, problems  # script errors, CSP violations and any request off the disk


@pytest.fixture()
def phone(browser):
    context, page, problems = _context_page(browser, 360, 740)
    yield page
    context.close()
    assert not problems, problems


def url(root: Path, file: str) -> str:
    return root.joinpath(file).as_uri()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def search_from(page, root: Path, start: str, query: str) -> None:
    page.goto(url(root, start))
    page.get_by_label(SEARCH_LABEL).first.fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q="))
    page.wait_for_selector("#offline-summary:not(:empty)")


@pytest.mark.parametrize("query, kind, title, href", [
    ("gender mainstreaming", "Definition", "Gender mainstreaming (GM)", "glossary/gender-mainstreaming-gm.html"),
    ("SEA", "Definition", "Sexual Exploitation and Abuse (SEA)", "glossary/sexual-exploitation-and-abuse-sea.html"),
    ("what is GBV?", "Definition", "Gender-based violence (GBV)", "glossary/gender-based-violence-gbv.html"),
    ("1325 op 8", "Paragraph", "S/RES/1325 (2000), para. 8", "resolutions/1325.html#op8"),
    ("S/RES/1820 (2008), para. 4", "Paragraph", "S/RES/1820 (2008), para. 4", "resolutions/1820.html#op4"),
    ("resolution 1820", "Resolution", "S/RES/1820 (2008)", "resolutions/1820.html"),
])
def test_answer_and_first_result(page, pack_root, query, kind, title, href):
    search_from(page, pack_root, "index.html", query)
    answer = page.locator("#offline-answer")
    assert answer.is_visible()
    assert page.inner_text("#answer-kind").lower() == kind.lower()
    assert page.locator("#answer-link").get_attribute("href") == href
    assert page.inner_text("#answer-link") == title
    if kind != "Resolution":  # a whole resolution is a page, not a passage in the list
        assert page.locator("#offline-results li.result h2 a").first.get_attribute("href") == href
    assert page.get_by_label(SEARCH_LABEL).input_value() == query


def test_search_from_a_nested_page_marks_words_and_follows_a_result(page, pack_root):
    search_from(page, pack_root, "resolutions/1820.html", "women protection advisers")
    assert "Results for" in page.inner_text("#offline-title")
    assert page.locator("#offline-results li.result").count() >= 1
    marks = page.locator("#offline-results .snippet mark").all_inner_texts()
    assert any(m.lower().startswith("protection") for m in marks), marks
    shot(page, "offline-search-desktop")
    link = page.locator("#offline-results li.result h2 a").first
    href = link.get_attribute("href")
    link.click()
    file, _, anchor = href.partition("#")
    page.wait_for_url(re.compile(re.escape(file)))
    assert page.url.endswith(href)
    assert page.locator(f"[id='{anchor}']").is_visible()
    assert "women protection advisers".split()[1] in page.inner_text(f"[id='{anchor}']").lower()


def test_paragraph_answer_lands_on_the_paragraph(page, pack_root):
    search_from(page, pack_root, "index.html", "1325 op 8")
    page.locator("#answer-link").click()
    page.wait_for_url(re.compile(r"resolutions/1325\.html#op8$"))
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "op8"
    top = page.eval_on_selector("#op8", "el => el.getBoundingClientRect().top")
    assert 0 <= top < 900


def test_show_more_and_nothing_found(page, pack_root):
    page.goto(url(pack_root, "search.html") + "?q=women")
    page.wait_for_selector("#offline-summary:not(:empty)")
    assert page.locator("#offline-results li").count() == 10
    page.get_by_role("button", name="Show more results").click()
    assert page.locator("#offline-results li").count() == 20
    assert page.inner_text("#offline-summary").startswith("1–20 of ")
    page.goto(url(pack_root, "search.html") + "?q=zzqxv")
    page.wait_for_selector("#offline-summary:not(:empty)")
    assert page.inner_text("#offline-summary") == "No results"
    page.get_by_role("link", name="the glossary A–Z").click()
    page.wait_for_url(re.compile(r"/glossary\.html$"))
    assert page.locator("h1").inner_text().startswith("Glossary")


def test_query_markup_stays_text(page, pack_root):
    page.goto(url(pack_root, "search.html") + "?q=%3Cimg%20src%3Dx%3E%3Cb%3Egender%3C%2Fb%3E")
    page.wait_for_selector("#offline-summary:not(:empty)")
    assert page.inner_text("#offline-title") == "Results for \u201c<img src=x><b>gender</b>\u201d"
    assert page.locator("main img, #offline-title b").count() == 0
    assert page.locator("#offline-results .snippet mark").count() > 0


def test_site_navigation_works_from_disk(page, pack_root):
    page.goto(url(pack_root, "index.html"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Glossary").click()
    page.get_by_role("link", name="Sexual Exploitation and Abuse (SEA)").click()
    page.wait_for_url(re.compile(r"glossary/sexual-exploitation-and-abuse-sea\.html$"))
    page.get_by_role("link", name="Knowledge Base").click()
    page.wait_for_url(re.compile(r"/index\.html$"))
    page.locator(".res-chips a", has_text="1325").click()
    page.wait_for_url(re.compile(r"resolutions/1325\.html$"))
    assert page.locator("#op8").is_visible()
    assert page.eval_on_selector("header.site", "el => getComputedStyle(el).backgroundColor") == "rgb(11, 79, 138)"


def test_phone_width(phone, pack_root):
    search_from(phone, pack_root, "index.html", "SEA")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    box = phone.locator("#offline-answer").bounding_box()
    assert box and box["y"] < 740 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    shot(phone, "offline-search-phone")
    phone.goto(url(pack_root, "resolutions/1325.html") + "#op8")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "offline-1325-phone")
    phone.goto(url(pack_root, "index.html"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "offline-home-phone")


def test_inline_script_is_blocked_in_pack_pages(browser, pack_root):
    """The CSP meta tag stands in for the server's header: passage text can never run."""
    context, page, problems = _context_page(browser, 800, 600)
    page.goto(url(pack_root, "about.html"))
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';
                            document.body.appendChild(s); }""")
    assert page.evaluate("window.ran") is None
    context.close()
    assert any("Content Security Policy" in p for p in problems), problems


def test_axe_finds_no_serious_violation(browser, pack_root):
    # Its own page: axe-core itself tries to read stylesheets with XHR, which file:// refuses (console noise).
    context, page, _ = _context_page(browser, 1280, 900)
    problems = []
    for file, query in (("index.html", ""), ("search.html", "?q=gender+mainstreaming"), ("glossary/gender.html", "")):
        page.goto(url(pack_root, file) + query)
        page.wait_for_load_state("load")
        problems += serious_violations(page, file)
    context.close()
    assert not problems, problems
