"""The French interface in headless Chromium: the EN | FR switch, a search, copy-citation, phone width, axe-core.

Screenshots (tests/screenshots/fr-*.png) are there to be looked at: French strings are longer.
"""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, base_url, browser, serious_violations, shot  # noqa: F401 - fixtures shared with the English tests

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
    for (let up = el; up; up = up.parentElement) {  // text for screen readers only (clipped away) is not seen
        if (getComputedStyle(up).clip === 'rect(0px, 0px, 0px, 0px)') return false;
    }
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
                "/documents", "/documents/police-gender-guide", "/about", "/no-such-page",
                "/commitments", "/commitments?resolution=1325&addressee=member-states",
                "/handout?item=resolution-1325/op8&item=resolution-1325/op1"]

# The header's rows: the brand with EN | FR on one, then the six sections. One line holds them on a desktop;
# a phone cannot (at 360 px they need about 430 px in English and 520 in French): there they take three even
# columns on two lines, every label whole and visible.
HEADER_TOPS = """() => ['.brand', '.lang-switch', ...Array.from(document.querySelectorAll('.main-nav a'),
    (a, i) => '.main-nav li:nth-child(' + (i + 1) + ') a')].map(s => Math.round(document.querySelector(s)
    .getBoundingClientRect().top))"""


def assert_compact_header(page, width):
    tops = page.evaluate(HEADER_TOPS)
    assert abs(tops[0] - tops[1]) <= 4, tops  # the brand and EN | FR share a row
    nav_rows = sorted(set(tops[2:]))
    assert len(nav_rows) == (2 if width < 600 else 1), tops
    if width < 600:
        assert tops[2:] == [nav_rows[0]] * 3 + [nav_rows[1]] * 3, tops  # three and three
    assert not page.evaluate(OVERFLOWING, "header.site a"), "a header link is cut or spills"


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
    page.goto("/")
    assert_compact_header(page, width)
    context.close()
    assert not problems, problems
    assert not [e for e in errors if "404" not in e], errors  # /no-such-page answers 404 on purpose


@pytest.mark.parametrize("width", [360, 1280])
def test_english_header_is_compact_too(browser, base_url, width):
    context, page, _errors = new_page(browser, base_url, width=width, locale="en-US", is_mobile=width < 600)
    page.goto("/?lang=en")
    # With a handout under way the header link carries its count: it must still fit.
    page.evaluate("localStorage.setItem('wpskb.handout', JSON.stringify({items: ['resolution-1325/op8'], title: ''}))")
    page.goto("/handout?item=resolution-1325/op8&lang=en")
    assert page.locator("a.handout-nav").inner_text().strip() == "Handout (1)"
    assert_compact_header(page, width)
    context.close()


def test_french_handout_and_commitments_speak_french(browser, base_url):
    context, page, errors = new_page(browser, base_url, locale="fr-FR")
    page.goto("/resolutions/1325")
    add = page.locator("#op1 button.handout-add")
    assert add.inner_text().startswith("Ajouter au support")
    add.click()
    assert add.inner_text().startswith("Ajouté")
    page.wait_for_function("() => document.getElementById('live').textContent.startsWith('Ajouté au support (1)')")
    assert page.locator("#op1 .commit-tags .strength").inner_text().startswith("prie / engage instamment")
    page.locator("a.handout-nav").click()
    page.wait_for_url(re.compile(r"/handout\?item=resolution-1325/op1$"))
    assert page.locator("h1").inner_text() == "Support de cours"
    assert page.title() == "Support de cours · Base de connaissances FPS"
    assert page.locator(".handout-cite").inner_text().endswith("S/RES/1325 (2000), par. 1")
    assert page.locator("button.handout-copy").inner_text() == "Copier le lien"
    assert page.locator("button.handout-grip").get_attribute("aria-label").startswith("Déplacer l’extrait 1 sur 1")
    page.goto("/commitments?resolution=1325&addressee=member-states")
    assert page.locator(".commit-summary").inner_text().startswith("La résolution 1325 adresse 5 demandes aux États Membres")
    context.close()
    assert not errors, errors


def test_axe_finds_no_serious_violation_in_french(browser, base_url):
    context, page, errors = new_page(browser, base_url, locale="fr-FR")
    problems = []
    for url in ("/", "/search?q=gender", "/resolutions/1325", "/glossary", "/about", "/commitments",
                "/handout?item=resolution-1325/op8&item=resolution-1325/op1"):
        page.goto(url)
        problems += serious_violations(page, url)
    context.close()
    assert not problems, problems
