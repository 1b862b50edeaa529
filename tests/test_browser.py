"""The site in headless Chromium: search to passage, links both ways, tooltips, phone width, axe-core.

Served by werkzeug's ``make_server`` on a free 127.0.0.1 port in a background thread, over
the session index. Screenshots land in tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


@pytest.fixture(scope="module")
def base_url(index_root):
    from werkzeug.serving import make_server

    from webui import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(index_root)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors  # CSP violations and script errors show up here


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight && r.bottom > 0; }""")


def test_search_click_result_lands_on_highlighted_passage(page):
    page.goto("/")
    page.get_by_label("Search resolutions, conventions, guides and definitions").fill("gender mainstreaming")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=gender"))
    shot(page, "results")
    first = page.locator("ol.results li.result h2 a[href*='#']").first
    href = first.get_attribute("href")
    assert "hl=gender+mainstreaming" in href
    first.click()
    page.wait_for_load_state("load")
    anchor = href.split("#", 1)[1]
    page.wait_for_function("id => { const el = document.getElementById(id); if (!el) return false;"
                           " const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                           arg=anchor)
    assert page.locator(f"[id='{anchor}'] mark").count() > 0
    shot(page, "passage-from-result")


def test_citations_both_ways_between_1325_and_1820(page):
    page.goto("/resolutions/1820")
    page.locator("#cites a[href='/resolutions/1325']").click()
    page.wait_for_url(re.compile(r"/resolutions/1325$"))
    assert page.locator("#cited-by a[href='/resolutions/1820']").count() == 1
    assert page.locator("#op8 .para-no").inner_text() == "8"
    shot(page, "resolution-1325")


def test_glossary_tooltip_on_hover_focus_and_escape(page):
    page.goto("/documents/police-gender-guide")
    term = page.locator("a.gl-term").first
    tip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    term.hover()
    assert tip.is_visible()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    term.focus()
    assert tip.is_visible()
    shot(page, "glossary-tooltip-focus")
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_copy_citation_with_keyboard(browser, base_url):
    context = browser.new_context(base_url=base_url, service_workers="block",
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/resolutions/1325")
    button = page.locator("#op8 button.copy")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('live').textContent.includes('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == "S/RES/1325 (2000), para. 8"
    context.close()


def test_suggestions_as_you_type(page):
    page.goto("/")
    page.locator("#q-home").press_sequentially("gend", delay=30)
    page.wait_for_function("() => document.querySelectorAll('#suggest-home option').length > 0")


PHONE_PAGES = ["/", "/search?q=sexual+violence", "/resolutions", "/resolutions/1325", "/glossary", "/glossary/gender",
               "/documents/police-gender-guide", "/about"]


def test_phone_width_has_no_sideways_scroll(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740},
                                  device_scale_factor=1, is_mobile=True, has_touch=True, service_workers="block")
    page = context.new_page()
    for url in PHONE_PAGES:
        page.goto(url)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (url, width)
        name = "phone-" + (url.strip("/").replace("/", "-").split("?")[0] or "home")
        shot(page, name)
    context.close()


AXE_PAGES = ["/", "/search?q=gender", "/resolutions/1325", "/glossary", "/glossary/gender",
             "/documents/police-gender-guide"]


def serious_violations(page, where: str) -> list[tuple]:
    """axe-core's serious and critical violations on the page loaded now: (where, rule, help, first targets)."""
    from axe_playwright_python.sync_playwright import Axe

    return [(where, v["id"], v["help"], [n["target"] for n in v["nodes"][:3]])
            for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_violation(page):
    problems = []
    for url in AXE_PAGES:
        page.goto(url)
        problems += serious_violations(page, url)
    assert not problems, problems


def test_keyboard_skip_link_and_focus(page):
    page.goto("/glossary")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert in_viewport(page, ".skip")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_print_stylesheet_shows_only_the_text(page):
    page.goto("/resolutions/1325")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert not page.locator("#op8 button.copy").is_visible()
    assert page.locator("#op8 .para-text").is_visible()
    page.goto("/glossary")
    assert not page.locator("nav.az").is_visible()
    assert page.locator("dl.terms dt").first.is_visible()


def test_offline_after_first_visit(browser, base_url):
    """The service worker keeps every glossary term and resolution readable without a network."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.goto("/")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(r => !!r.active)")
    page.wait_for_function("() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
                           ".then(c => c.keys())))).then(lists => lists.some(keys => keys.length > 20))")
    context.set_offline(True)
    page.goto("/resolutions/1820")
    assert page.locator("h1").inner_text().startswith("Resolution 1820")
    page.goto("/glossary/gender")
    assert "socially constructed" in page.locator(".definition").inner_text()
    context.close()
