"""The offline pack's address rules and link rewriting, as tables of (input, expected)."""

from __future__ import annotations

import pytest

from webui.offline.link_rewriter import rewrite_page
from webui.offline.site_map import SiteMap, page_file, relative_href


@pytest.mark.parametrize("path, expected", [
    ("/", "index.html"),
    ("/resolutions", "resolutions.html"),
    ("/resolutions/1325", "resolutions/1325.html"),
    ("/glossary/gender-mainstreaming-gm", "glossary/gender-mainstreaming-gm.html"),
    ("/documents/cedaw-en/", "documents/cedaw-en.html"),
])
def test_page_file(path, expected):
    assert page_file(path) == expected


@pytest.mark.parametrize("target, start, expected", [
    ("resolutions/1325.html", "index.html", "resolutions/1325.html"),
    ("resolutions/1325.html", "resolutions/1820.html", "1325.html"),
    ("glossary/sex.html", "resolutions/1325.html", "../glossary/sex.html"),
    ("index.html", "documents/cedaw-en.html", "../index.html"),
    ("documents/a b.html", "index.html", "documents/a%20b.html"),
])
def test_relative_href(target, start, expected):
    assert relative_href(target, start) == expected


def _site() -> SiteMap:
    site = SiteMap()
    for path in ("/", "/resolutions", "/resolutions/1325", "/glossary", "/glossary/sex", "/about"):
        site.add(path)
    site.add("/search", "search.html")
    site.add("/static/style.css", "static/style.css")
    site.add("/static/app.js", "static/app.js")
    return site


@pytest.mark.parametrize("page, html, expected", [
    # Pages, from the root and from a folder; the fragment stays.
    ("index.html", '<a href="/resolutions/1325#op8">8</a>', '<a href="resolutions/1325.html#op8">8</a>'),
    ("glossary/sex.html", '<a href="/resolutions/1325#op8">8</a>', '<a href="../resolutions/1325.html#op8">8</a>'),
    ("glossary/sex.html", '<a class="brand" href="/">Home</a>', '<a class="brand" href="../index.html">Home</a>'),
    ("resolutions/1325.html", '<a href="/resolutions">All</a>', '<a href="../resolutions.html">All</a>'),
    # A page's query (highlighting) is dropped; the search page keeps its query.
    ("index.html", '<a href="/glossary/sex?hl=sex">Sex</a>', '<a href="glossary/sex.html">Sex</a>'),
    ("about.html", '<a href="/search?q=1325+op+8">x</a>', '<a href="search.html?q=1325+op+8">x</a>'),
    ("glossary/sex.html", '<form action="/search" method="get"></form>',
     '<form action="../search.html" method="get"></form>'),
    # Static assets.
    ("glossary/sex.html", '<link rel="stylesheet" href="/static/style.css">',
     '<link rel="stylesheet" href="../static/style.css">'),
    ("index.html", '<script src="/static/app.js" defer></script>', '<script src="static/app.js" defer></script>'),
    # No file in the pack: the link becomes text, a script or stylesheet goes, a form hides.
    ("index.html", '<p><a href="/api/openapi.json">API</a> · x</p>', "<p><span>API</span> · x</p>"),
    ("index.html", '<a class="card" href="/commitments"><strong>C</strong></a>',
     '<span class="card"><strong>C</strong></span>'),
    ("index.html", '<a href="/documents/x/original" download>Get</a>', "<span>Get</span>"),
    ("index.html", '<script src="/static/nope.js" defer></script><p>kept</p>', "<p>kept</p>"),
    ("index.html", '<link rel="stylesheet" href="/static/nope.css"><p>kept</p>', "<p>kept</p>"),
    ("index.html", '<form action="/handout" method="post"><button>Go</button></form>',
     '<form method="post" hidden><button>Go</button></form>'),
    # Left alone: fragments, other sites, mail; search-as-you-type (asks /api/suggest) is turned off.
    ("index.html", '<a href="#main">Skip</a>', '<a href="#main">Skip</a>'),
    ("index.html", '<a href="https://undocs.org/S/RES/1325">UN</a>', '<a href="https://undocs.org/S/RES/1325">UN</a>'),
    ("index.html", '<a href="//cdn.example/x.js">x</a>', '<a href="//cdn.example/x.js">x</a>'),
    ("index.html", '<input id="q" name="q" data-suggest="s" list="s">', '<input id="q" name="q" list="s">'),
    # Attribute values are escaped again; other markup is untouched.
    ("index.html", '<a title="a &amp; &quot;b&quot;" href="/about">A &amp; B</a>',
     '<a title="a &amp; &quot;b&quot;" href="about.html">A &amp; B</a>'),
    ("index.html", '<p id="x">Text &lt;kept&gt;</p>\n<a href="/about">\nA</a>',
     '<p id="x">Text &lt;kept&gt;</p>\n<a href="about.html">\nA</a>'),
])
def test_rewrite_page(page, html, expected):
    assert rewrite_page(html, page, _site()).html == expected


def test_rewrite_reports_files_and_unlinked_addresses():
    result = rewrite_page('<a href="/about">a</a><a href="/api/x">b</a><link href="/static/style.css">',
                          "index.html", _site())
    assert result.referenced == {"about.html", "static/style.css"}
    assert result.unlinked == ["/api/x"]


@pytest.mark.parametrize("html, expected", [
    ('<html lang="en"><head><title>t</title></head><body><footer><p>f</p></footer></body></html>',
     '<html lang="en" data-offline="pack"><head><meta x><title>t</title></head>'
     '<body><footer><p>note</p><p>f</p></footer></body></html>'),
])
def test_rewrite_injects_head_footer_and_html_attribute(html, expected):
    result = rewrite_page(html, "index.html", _site(), head_html="<meta x>", footer_html="<p>note</p>",
                          html_attributes={"data-offline": "pack"})
    assert result.html == expected
