"""Passage text + citations -> HTML: table tests over a tiny knowledge base."""

from __future__ import annotations

import pytest
from fake_kb import GENDER_DEF, GUIDE_P1, GUIDE_P2, OP1_1820, cite, make_kb

from kb.citations import Citation, CitationKind
from webui.links import LinkResolver, highlight_terms, mark, render_text, safe_snippet, with_highlight

KB = make_kb()
R = CitationKind.RESOLUTION


def render(text: str, citations, **kw) -> str:
    return str(render_text(text, citations, LinkResolver(KB), **kw))


@pytest.mark.parametrize(("text", "citations", "expected"), [
    # Plain text is escaped.
    ("a < b & \"c\"", (), "a &lt; b &amp; &#34;c&#34;"),
    # A resolution citation links to its page.
    ("see resolution 1325 now", (cite("see resolution 1325 now", "resolution 1325", R, "1325", number=1325),),
     'see <a class="cite-res" href="/resolutions/1325">resolution 1325</a> now'),
    # A paragraph of a resolution links to the paragraph's anchor when the paragraph exists.
    ("paragraph 1 of resolution 1820", (cite("paragraph 1 of resolution 1820", "paragraph 1 of resolution 1820",
                                             R, "1820", number=1820),),
     '<a class="cite-res" href="/resolutions/1820#op1">paragraph 1 of resolution 1820</a>'),
    # A resolution outside the ten is left as text.
    ("resolution 1612", (cite("resolution 1612", "resolution 1612", R, "1612", number=1612),), "resolution 1612"),
    # Article of an instrument in the corpus -> that article's passage.
    (GUIDE_P2, (cite(GUIDE_P2, "Article 1 of the Charter", CitationKind.ARTICLE, "charter:1", number=1),),
     '<a class="cite-art" href="/documents/un-charter-en#art-1">Article 1 of the Charter</a> and CEDAW both matter.'),
    # An instrument not in the corpus stays text.
    ("CEDAW", (Citation(CitationKind.INSTRUMENT, "cedaw", "CEDAW", 0, 5),), "CEDAW"),
    # The Charter as an instrument -> its document.
    ("the UN Charter", (Citation(CitationKind.INSTRUMENT, "charter", "UN Charter", 4, 14),),
     'the <a class="cite-inst" href="/documents/un-charter-en">UN Charter</a>'),
    # Annex -> the guide's annex section.
    ("see Annex B.", (Citation(CitationKind.ANNEX, "annex-b", "Annex B", 4, 11),),
     'see <a class="cite-annex" href="/documents/guide#annex-b">Annex B</a>.'),
    # Unknown annex stays text.
    ("see Annex Q.", (Citation(CitationKind.ANNEX, "annex-q", "Annex Q", 4, 11),), "see Annex Q."),
    # Offsets that do not match the text are ignored rather than mangling it.
    ("abc 1325", (Citation(R, "1325", "1325", 0, 4, number=1325),), "abc 1325"),
    # Overlapping citations: the earliest, longest wins.
    ("resolution 1325 (2000)", (Citation(R, "1325", "resolution 1325 (2000)", 0, 22, number=1325, year=2000),
                                Citation(R, "1325", "1325", 11, 15, number=1325)),
     '<a class="cite-res" href="/resolutions/1325">resolution 1325 (2000)</a>'),
    # Web addresses in plain text become links; trailing punctuation stays outside.
    ("See www.un.org/x.html. Or http://a.b/c?d=1&e=2).", (),
     'See <a class="ext" href="https://www.un.org/x.html" rel="noopener noreferrer">www.un.org/x.html</a>. Or '
     '<a class="ext" href="http://a.b/c?d=1&amp;e=2" rel="noopener noreferrer">http://a.b/c?d=1&amp;e=2</a>).'),
    # A javascript: "address" is not a web address.
    ("javascript:alert(1)", (), "javascript:alert(1)"),
    # Markup inside a citation's text is escaped too.
    ("<b>1325</b>", (Citation(R, "1325", "1325", 3, 7, number=1325),),
     '&lt;b&gt;<a class="cite-res" href="/resolutions/1325">1325</a>&lt;/b&gt;'),
])
def test_render_text_table(text, citations, expected):
    assert render(text, citations) == expected


def test_glossary_term_has_tooltip_linked_by_aria_describedby():
    html = render(GUIDE_P1, KB.passage("guide/intro-p1").citations, id_prefix="intro-p1")
    assert '<a class="gl-term" href="/glossary/gender" aria-describedby="intro-p1-3">Gender</a>' in html
    assert '<span class="gl-tip" role="tooltip" id="intro-p1-3">Gender refers to' in html
    assert "&lt;policing&gt;" in html


def test_glossary_term_linked_once_and_not_on_its_own_page():
    text = "Gender and gender again"
    citations = (Citation(CitationKind.GLOSSARY, "gender", "Gender", 0, 6),
                 Citation(CitationKind.GLOSSARY, "gender", "gender", 11, 17))
    assert render(text, citations).count("gl-term") == 1
    assert render(text, citations, skip_term="gender") == "Gender and gender again"


def test_highlighting_inside_and_outside_links():
    html = render(OP1_1820, KB.passage("res-1820/op1").citations, terms=("sexual", "1325"))
    assert "<mark>sexual</mark> violence" in html
    assert '<a class="cite-res" href="/resolutions/1325">resolution <mark>1325</mark> (2000)</a>' in html


@pytest.mark.parametrize(("query", "terms"), [
    ("What is gender?", ("gender",)),
    ("the role of women in 1325", ("role", "women", "1325")),
    ("", ()),
    ("a", ()),
])
def test_highlight_terms(query, terms):
    assert highlight_terms(query) == terms


def test_mark_escapes_and_marks_word_prefixes():
    assert str(mark("Women's <rights>", ("women",))) == "<mark>Women&#39;s</mark> &lt;rights&gt;"
    assert str(mark("x", ())) == "x"


@pytest.mark.parametrize(("url", "query", "expected"), [
    ("/documents/guide#p3", "gender roles", "/documents/guide?hl=gender+roles#p3"),
    ("/resolutions/1325#op8", "", "/resolutions/1325#op8"),
    ("/x?a=1#f", "women", "/x?a=1&hl=women#f"),
])
def test_with_highlight(url, query, expected):
    assert with_highlight(url, query) == expected


@pytest.mark.parametrize(("snippet", "expected"), [
    ("a <mark>gender</mark> &amp; b", "a <mark>gender</mark> &amp; b"),
    ("<script>x</script> <mark>y</mark>", "&lt;script&gt;x&lt;/script&gt; <mark>y</mark>"),
    ("<mark>open", "<mark>open</mark>"),
])
def test_safe_snippet(snippet, expected):
    assert str(safe_snippet(snippet)) == expected


def test_definition_text_is_shown_whole():
    assert GENDER_DEF in render(GENDER_DEF, ())
