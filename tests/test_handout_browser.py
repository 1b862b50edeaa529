"""Handouts in headless Chromium, as a trainer uses them: add, reorder, share, print; with and without JavaScript.

Reuses the server, browser and page fixtures of ``test_browser``. Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from test_browser import base_url, browser, page, serious_violations, shot  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser]

OP8 = "resolution-1325/op8"
GENDER = "police-gender-guide/gender"
ART5 = "cedaw-en/art5"


def _ids(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("item", [])


def _order(page) -> list[str]:
    return page.eval_on_selector_all("li.handout-item", "els => els.map(e => e.dataset.id)")


def _numbers(page) -> list[str]:
    return page.eval_on_selector_all("li.handout-item .handout-no", "els => els.map(e => e.textContent)")


def _add(page, selector: str) -> str:
    button = page.locator(selector).first
    item = button.get_attribute("data-handout-item")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert button.inner_text().startswith("Added")
    return item


def test_trainer_builds_reorders_shares_and_prints_a_handout(browser, base_url):  # noqa: F811
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  service_workers="block", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto("/search?q=sexual+exploitation+and+abuse")
    first = _add(page, "ol.results button.handout-add")
    assert page.locator("a.handout-nav").inner_text() == "Handout (1)"
    shot(page, "handout-add-from-results")
    page.goto("/resolutions/1325")
    assert _add(page, "#op8 button.handout-add") == OP8
    page.goto("/glossary/gender")
    assert _add(page, "button.handout-add") == GENDER
    assert page.locator("a.handout-nav").inner_text() == "Handout (3)"
    # A second click takes it out again, and a third puts it back at the end.
    page.locator("button.handout-add").click()
    assert page.locator("a.handout-nav").inner_text() == "Handout (2)"
    page.locator("button.handout-add").click()

    page.locator("a.handout-nav").click()
    page.wait_for_url(re.compile(r"/handout\?"))
    assert _order(page) == [first, OP8, GENDER]
    assert _ids(page.url) == [first, OP8, GENDER]

    # Reorder with the keyboard: the grip of item 3 and the arrow keys.
    page.locator("li.handout-item").nth(2).locator("button.handout-grip").focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert _order(page) == [GENDER, first, OP8]
    assert _numbers(page) == ["1.", "2.", "3."]
    assert page.evaluate("document.activeElement.classList.contains('handout-grip')")
    assert _ids(page.url) == [GENDER, first, OP8]
    # ... and with a "Move down" link, handled in the page.
    page.locator("li.handout-item").first.locator("a.handout-down").click()
    assert _order(page) == [first, GENDER, OP8]
    assert _ids(page.url) == [first, GENDER, OP8]
    # The links now encode the new order too.
    down = page.locator("li.handout-item").first.locator("a.handout-down").get_attribute("href")
    assert _ids(down) == [GENDER, first, OP8]

    page.locator("#handout-title").fill("Day 1: protection")
    assert page.locator("h1").inner_text() == "Day 1: protection"
    assert parse_qs(urlsplit(page.url).query)["title"] == ["Day 1: protection"]

    page.locator("button.handout-copy").click()
    page.wait_for_function("() => document.getElementById('live').textContent.includes('copied')")
    shared = page.evaluate("navigator.clipboard.readText()")
    assert shared == page.url

    # The URL alone rebuilds the same handout.
    before = (page.locator("article.handout").inner_text(), _order(page))
    page.goto(shared)
    assert (page.locator("article.handout").inner_text(), _order(page)) == before
    api = page.request.get(shared.replace("/handout?", "/api/handout?")).json()
    assert [i["id"] for i in api["items"]] == before[1]
    assert api["title"] == "Day 1: protection"
    shot(page, "handout-desktop")

    page.emulate_media(media="print")
    for hidden in ("header.site", ".handout-tools", "li.handout-item .handout-controls", "button.handout-grip",
                   ".handout-more", "footer.site"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("li.handout-item .handout-permalink").first.inner_text().endswith("/resolutions/1325#op8") \
        or "/resolutions/1325#op8" in page.locator("article.handout").inner_text()
    assert page.locator(".handout-self").is_visible()
    page.screenshot(path=str(_screens() / "handout-print.png"), full_page=True)
    context.close()
    assert not errors, errors


def _screens():
    from test_browser import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def test_reorder_and_remove_without_javascript(browser, base_url):  # noqa: F811
    context = browser.new_context(base_url=base_url, java_script_enabled=False, service_workers="block")
    page = context.new_page()
    page.goto(f"/handout?item={OP8}&item={GENDER}&item={ART5}")
    assert page.locator("button.handout-grip").count() == 0
    assert not page.locator("button.handout-copy").is_visible()
    page.locator("li.handout-item").first.locator("a.handout-down").click()
    page.wait_for_url(re.compile(r"/handout\?item=police-gender-guide"))
    assert _order(page) == [GENDER, OP8, ART5]
    page.locator("li.handout-item").nth(2).locator("a.handout-up").click()
    page.wait_for_load_state("load")
    assert _order(page) == [GENDER, ART5, OP8]
    page.locator("li.handout-item").first.locator("a.handout-remove").click()
    page.wait_for_load_state("load")
    assert _order(page) == [ART5, OP8]
    # "Add more": the search carries the selection, and each result's link adds to it.
    page.locator("#q-handout").fill("gender mainstreaming")
    page.locator("#q-handout").press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    link = page.locator("ol.results a.handout-add").first
    added = link.get_attribute("data-handout-item")
    link.click()
    page.wait_for_url(re.compile(r"/handout\?"))
    assert _order(page) == [ART5, OP8, added]
    context.close()


def test_add_a_document_passage(page):  # noqa: F811
    page.goto("/documents/cedaw-en")
    button = page.locator("#art5 button.handout-add")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    page.locator("a.handout-nav").click()
    page.wait_for_url(re.compile(r"/handout\?"))
    assert _order(page) == [ART5]
    assert page.locator("li.handout-item .handout-cite").inner_text() == "Source: CEDAW, art. 5"


def test_drag_and_drop_reorders(page):  # noqa: F811
    page.goto(f"/handout?item={OP8}&item={GENDER}&item={ART5}")
    grip = page.locator("li.handout-item").nth(2).locator("button.handout-grip")
    grip.drag_to(page.locator("li.handout-item").first, target_position={"x": 40, "y": 5})
    assert _order(page)[0] == ART5
    assert _ids(page.url)[0] == ART5


def test_an_old_link_keeps_working_and_a_shared_handout_does_not_overwrite_a_selection(page):  # noqa: F811
    page.goto("/resolutions/1325")
    page.locator("#op1 button.handout-add").click()
    page.goto(f"/handout?item=gone/anchor&item={GENDER}")
    assert _order(page) == [GENDER]
    assert page.locator(".handout-missing code").all_inner_texts() == ["gone/anchor"]
    notice = page.locator(".handout-notice")
    assert notice.is_visible() and "another handout (1 item)" in notice.inner_text()
    notice.get_by_role("button", name="Keep this one instead").click()
    assert page.locator("a.handout-nav").inner_text() == "Handout (2)"


def test_handout_on_a_phone(browser, base_url):  # noqa: F811
    context = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                  is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    page.goto(f"/handout?item={OP8}&item={GENDER}&item={ART5}&title=Day+1")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    shot(page, "handout-phone")
    page.locator("li.handout-item").first.scroll_into_view_if_needed()
    shot(page, "handout-phone-items")
    context.close()


def test_axe_finds_no_serious_violation_on_the_handout(page):  # noqa: F811
    problems = []
    for url in (f"/handout?item={OP8}&item={GENDER}&item=gone/x", "/handout", "/glossary/gender"):
        page.goto(url)
        problems += serious_violations(page, url)
    assert not problems, problems
