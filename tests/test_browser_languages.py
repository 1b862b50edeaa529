"""The French interface in headless Chromium: the EN | FR switch, a search, copy-citation, phone width, axe-core.

Screenshots (tests/screenshots/fr-*.png) are there to be looked at: French strings are longer.
"""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, base_url, browser, shot  # noqa: F401 - fixtures shared with the English tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]

# Boxes whose text must fit inside them (a longer French label must wrap, never spill or be cut).
FIT_SELECTOR = "button, .para-no, .tag, header.site nav a, .chip, .facet a, .card, .jump a, th, td, dt, dd, .pager a"
OVERFLOWING = """sel => Array.from(document.querySelectorAll(sel)).filter(el => {
    const style = getComputedStyle(el);
    if (style.display === 'inline' || el.offsetParent === null) return false;
    if (el.closest('.table-wrap')) return false;  // a table scrolls inside its own box on a phone, by design
    const box = el.getBoundingClientRect();
    return el.scrollWidth > el.clientWidth + 1 || box.right > window.innerWidth + 0.5;
}).map(el => el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40))"""


def new_page(browser, base_url, *, width: int = 1280, height: int = 900, locale: str = "en-US", **options):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height}, locale=locale,
                                  service_workers="block", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def test_switch_to_french_search_and_copy_a_citation(browser, base_url):
    context, page, errors = new_page(browser, base_url, permissions=["clipboard-read", "clipboard-write"])
    page.goto("/")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("nav.lang-switch a[hreflang='fr']").click()
    page.wait_for_url(re.compile(r"/\?lang=fr$"))
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").inner_text() == "Base de connaissances Femmes, paix et sécurité"
    shot(page, "fr-home")

    search_box = page.get_by_label("Rechercher dans les résolutions, conventions, guides et définitions")
    search_box.fill("gender mainstreaming")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=gender"))
    assert page.locator("h1").inner_text().startswith("Résultats pour")
    assert page.locator("nav.lang-switch a[aria-current='true']").inner_text() == "FR"
    assert "résultats" in page.locator("p.summary").inner_text()
    shot(page, "fr-results")

    # No ?lang from here on: the cookie keeps the choice.
    page.goto("/resolutions/1325")
    assert page.locator("h1").inner_text().startswith("Résolution 1325")
    assert page.locator("#operative").inner_text() == "Paragraphes du dispositif"
    button = page.locator("#op8 button.copy")
    assert button.inner_text().startswith("Copier la citation")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('live').textContent.startsWith('Copiée')")
    assert page.evaluate("navigator.clipboard.readText()") == "S/RES/1325 (2000), par. 8"
    assert button.inner_text().startswith("Copiée")
    page.wait_for_function("() => document.querySelector('#op8 button.copy').textContent.startsWith('Copier')")
    shot(page, "fr-resolution-1325")

    # And back to English, on the same page.
    page.locator("nav.lang-switch a[hreflang='en']").click()
    page.wait_for_url(re.compile(r"/resolutions/1325\?lang=en$"))
    assert page.locator("h1").inner_text().startswith("Resolution 1325")
    context.close()
    assert not errors, errors


FRENCH_PAGES = ["/", "/search?q=sexual+violence", "/search?q=gender&type=glossary", "/resolutions",
                "/resolutions/1325", "/resolutions/1820", "/glossary", "/glossary/gender",
                "/documents", "/documents/police-gender-guide", "/about", "/no-such-page"]


@pytest.mark.parametrize(("width", "height", "prefix"), [(360, 740, "fr-phone"), (1280, 900, "fr-desktop")])
def test_french_pages_fit(browser, base_url, width, height, prefix):
    context, page, errors = new_page(browser, base_url, width=width, height=height, locale="fr-FR",
                                     device_scale_factor=1, is_mobile=width < 600, has_touch=width < 600)
    problems = []
    for url in FRENCH_PAGES:
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == "fr", url
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll[0] > scroll[1]:
            problems.append((url, "sideways scroll", scroll))
        overflowing = page.evaluate(OVERFLOWING, FIT_SELECTOR)
        if overflowing:
            problems.append((url, overflowing[:5]))
        shot(page, f"{prefix}-" + (re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "home"))
    # The header stays two rows in French too: brand with EN | FR, then the four sections on one line.
    page.goto("/")
    tops = page.evaluate("""() => ['.brand', '.lang-switch', ...Array.from(document.querySelectorAll('.main-nav a'),
        (a, i) => '.main-nav li:nth-child(' + (i + 1) + ') a')].map(s => Math.round(document.querySelector(s)
        .getBoundingClientRect().top))""")
    assert abs(tops[0] - tops[1]) <= 4 and len(set(tops[2:])) == 1, tops
    context.close()
    assert not problems, problems
    assert not [e for e in errors if "404" not in e], errors  # /no-such-page answers 404 on purpose


def test_axe_finds_no_serious_violation_in_french(browser, base_url):
    from axe_playwright_python.sync_playwright import Axe

    context, page, errors = new_page(browser, base_url, locale="fr-FR")
    axe = Axe()
    problems = []
    for url in ("/", "/search?q=gender", "/resolutions/1325", "/glossary", "/about"):
        page.goto(url)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((url, violation["id"], violation["help"],
                                 [n["target"] for n in violation["nodes"][:3]]))
    context.close()
    assert not problems, problems
