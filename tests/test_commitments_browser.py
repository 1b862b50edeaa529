"""The commitments index in headless Chromium: filter by addressee through the form, desktop and phone.

Reuses the server, browser and page fixtures of ``test_browser`` (same session index, same
console-error check). Screenshots land in tests/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, base_url, browser, page, serious_violations, shot  # noqa: F401  (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def _filter_1325_member_states(page) -> None:
    page.goto("/commitments")
    page.get_by_label("Resolution", exact=True).select_option("1325")
    page.get_by_label("Addressed to", exact=True).select_option("member-states")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"/commitments\?resolution=1325&addressee=member-states"))


def test_filter_by_addressee_with_the_form(page) -> None:  # noqa: F811
    _filter_1325_member_states(page)
    assert page.locator(".commit-summary").inner_text().startswith("Resolution 1325 asks Member States 5 things")
    rows = page.locator("table.commit-table tbody tr")
    assert rows.count() == 5
    assert page.locator("table.commit-table tbody th a").all_inner_texts() == ["1", "3", "6", "7", "11"]
    shot(page, "commitments-1325-member-states")
    # The full paragraph opens in place, with the addressee marked; the paragraph link lands on it.
    rows.nth(1).locator("summary").click()
    assert rows.nth(1).locator("mark", has_text="Member States").is_visible()
    rows.nth(1).locator("th a").click()
    page.wait_for_url(re.compile(r"/resolutions/1325#op3$"))
    assert page.locator("#op3 .commit-tags a.addressee", has_text="Member States").is_visible()


def test_commitments_on_a_phone_and_with_axe(browser, base_url) -> None:  # noqa: F811
    context = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                  is_mobile=True, has_touch=True, service_workers="block")
    phone = context.new_page()
    _filter_1325_member_states(phone)
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    # Rows become cards: each cell says what it is.
    label = phone.evaluate("getComputedStyle(document.querySelector('.commit-table td'), '::before').content")
    assert label == '"Resolution"'
    phone.locator("table.commit-table tbody tr").first.scroll_into_view_if_needed()
    shot(phone, "phone-commitments")
    problems = []
    for url in ("/commitments?resolution=1325&addressee=member-states", "/resolutions/1820"):
        phone.goto(url)
        problems += serious_violations(phone, url)
    context.close()
    assert not problems, problems
