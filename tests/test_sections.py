"""Generic document structure: headings, passages with offsets, lists, captions, long paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sections import heading_case, is_list_item, is_photo_credit, parse_sections, split_span
from kb.documents import MAX_PASSAGE_CHARS

WEB_PAGE = Path(__file__).resolve().parents[1] / "corpus" / "000_c4c3416fd0a9dab6.txt"


@pytest.mark.parametrize(
    ("line", "case"),
    [
        ("INTRODUCTION", "upper"),
        ("II. NATIONAL LEVEL \u2013 MEMBER STATES", "upper"),
        ("UN Police Gender Toolkit", "title"),
        ("Race to 2014", "title"),
        ("Advocacy programme", "sentence"),
        ("How we support you", "sentence"),
        ("Network members are also encouraged to stay connected", ""),  # too long for sentence case
        ("Members are encouraged:", ""),
        ("The first training was held in June 2011.", ""),
        ("UN Police Training Curriculum on Investigating Sexual and", ""),  # ends on a small word
        ("1. To mobilize", ""),
        ("- a bullet", ""),
        ("lower case start", ""),
        ("", ""),
    ],
)
def test_heading_case(line: str, case: str) -> None:
    assert heading_case(line) == case


@pytest.mark.parametrize(
    ("line", "expected"),
    [("- item", True), ("\u2022 item", True), ("  1. item", True), ("(a) item", True), ("12) item", True),
     ("1325 is a resolution", False), ("Article 1", False), ("-dash", False)],
)
def test_is_list_item(line: str, expected: bool) -> None:
    assert is_list_item(line) is expected


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("UN Police officers visit an orphanage in Timor-Leste. Photo UNMIT/Martine Perret", True),
        ("\u00a9 UN Photo/Marco Dormino", True),
        ("Photo: A Rwandan peacekeeper speaks to residents. - 19 May 2014", True),
        ("The photo shows officers at work.", False),
        ("Officers and/or civilians may apply.", False),
    ],
)
def test_is_photo_credit(block: str, expected: bool) -> None:
    assert is_photo_credit(block) is expected


@pytest.mark.parametrize(
    ("text", "sections", "passages"),
    [
        # Markdown: "#" headings give levels and paths; a heading glued to text still splits.
        ("# Guide\n\nIntro text.\n\n## Roles\nThe adviser advises.\n\n### Duties\n\nDuty one.",
         [("guide", "Guide", 1, ("Guide",)), ("roles", "Roles", 2, ("Guide", "Roles")),
          ("duties", "Duties", 3, ("Guide", "Roles", "Duties"))],
         [("guide-p1", "paragraph", "Intro text.", ("Guide",)),
          ("roles-p1", "paragraph", "The adviser advises.", ("Guide", "Roles")),
          ("duties-p1", "paragraph", "Duty one.", ("Guide", "Roles", "Duties"))]),
        # Plain text: a list stays with its lead-in; text before any heading is "intro".
        ("Opening words.\n\nTraining Programme\n\nMembers are encouraged:\n\n  1. To join.\n  2. To share.\n\nClosing.",
         [("training-programme", "Training Programme", 2, ("Training Programme",))],
         [("intro-p1", "paragraph", "Opening words.", ()),
          ("training-programme-p1", "list", "Members are encouraged:\n\n  1. To join.\n  2. To share.",
           ("Training Programme",)),
          ("training-programme-p2", "paragraph", "Closing.", ("Training Programme",))]),
        # Upper-case chapters above title-case sections; repeated headings get unique anchors.
        ("INTRODUCTION\n\nWhy.\n\nKey Terms\n\nWhat.\n\nANNEXES\n\nKey Terms\n\nMore.",
         [("introduction", "INTRODUCTION", 1, ("INTRODUCTION",)),
          ("key-terms", "Key Terms", 2, ("INTRODUCTION", "Key Terms")),
          ("annexes", "ANNEXES", 1, ("ANNEXES",)),
          ("key-terms-2", "Key Terms", 2, ("ANNEXES", "Key Terms"))],
         [("introduction-p1", "paragraph", "Why.", ("INTRODUCTION",)),
          ("key-terms-p1", "paragraph", "What.", ("INTRODUCTION", "Key Terms")),
          ("key-terms-2-p1", "paragraph", "More.", ("ANNEXES", "Key Terms"))]),
        # An UPPER CASE heading glued to its first paragraph.
        ("INTRODUCTION\nMany countries have high rates.\nIt matters.",
         [("introduction", "INTRODUCTION", 1, ("INTRODUCTION",))],
         [("introduction-p1", "paragraph", "Many countries have high rates.\nIt matters.", ("INTRODUCTION",))]),
        # A photo's alt text and its credit are dropped; a heading-like last line is text.
        ("Visits\n\nOfficers at an orphanage.\n\nThey visit an orphanage. Photo UNMIT/Martine Perret\n\nBody.\n\nThank You",
         [("visits", "Visits", 2, ("Visits",))],
         [("visits-p1", "paragraph", "Body.", ("Visits",)), ("visits-p2", "paragraph", "Thank You", ("Visits",))]),
    ],
)
def test_parse_sections(text: str, sections: list[tuple], passages: list[tuple]) -> None:
    parsed = parse_sections(text, "doc", "guide", "en")
    assert [(s.anchor, s.title, s.level, s.path) for s in parsed.sections] == sections
    assert [(p.anchor, p.role, p.text, p.section_path) for p in parsed.passages] == passages
    for passage in parsed.passages:
        assert text[passage.start:passage.end] == passage.text
        assert passage.id == f"doc/{passage.anchor}"
        assert (passage.kind, passage.language, passage.document_id) == ("guide", "en", "doc")
        assert passage.title == (passage.section_path[-1] if passage.section_path else "")


@pytest.mark.parametrize("sentences", [10, 60, 200])
def test_long_paragraphs_split_at_sentence_ends(sentences: int) -> None:
    paragraph = " ".join(f"Sentence number {n} says something about police work." for n in range(sentences))
    text = "Heading\n\n" + paragraph
    parsed = parse_sections(text, "doc", "document")
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in parsed.passages)
    assert all(p.text.endswith(".") and p.text[0].isupper() for p in parsed.passages)
    assert " ".join(p.text for p in parsed.passages) == paragraph
    assert len({p.anchor for p in parsed.passages}) == len(parsed.passages)


@pytest.mark.parametrize(
    ("text", "limit", "spans"),
    [
        ("Short one.", 100, [(0, 10)]),
        ("One two. Three four. Five six.", 20, [(0, 20), (21, 30)]),
        ("abcdefghij klmnopqrst", 12, [(0, 10), (11, 21)]),  # no sentence end: cut at a space
        ("abcdefghijklmnop", 5, [(0, 5), (5, 10), (10, 15), (15, 16)]),
    ],
)
def test_split_span(text: str, limit: int, spans: list[tuple[int, int]]) -> None:
    assert split_span(text, 0, len(text), limit) == spans


@pytest.fixture(scope="module")
def web_page():
    text = WEB_PAGE.read_text(encoding="utf-8")
    return text, parse_sections(text, "un-police", "webpage")


@pytest.mark.parametrize(
    "title",
    ["Race to 2014", "Advocacy programme", "Mentoring programme", "UN Police Gender Toolkit",
     "UN Police Division Female Global Effort Facebook Page",
     "UN Police Training Curriculum on Investigating Sexual and Gender-based Violence"],
)
def test_web_page_sections(web_page, title: str) -> None:
    assert title in [s.title for s in web_page[1].sections]


def test_web_page_passages(web_page) -> None:
    text, parsed = web_page
    anchors = [p.anchor for p in parsed.passages]
    assert len(anchors) == len(set(anchors))
    assert all(text[p.start:p.end] == p.text and len(p.text) <= MAX_PASSAGE_CHARS for p in parsed.passages)
    manila = [p for p in parsed.passages if "The first training was held in June 2011 in Manila" in p.text]
    assert len(manila) == 1
    assert manila[0].text.startswith("The first training was held in June 2011 in Manila, Philippines.")
    assert manila[0].text.endswith("Germany (English) from 7-18 November.")
    assert not any("Martine Perret" in p.text or "orphanage" in p.text for p in parsed.passages)
    iawp = [p for p in parsed.passages if "International Association of Women Police (IAWP)" in p.text]
    assert [p.section_path for p in iawp] == [("UN Police Division Female Global Effort Facebook Page",),
                                              ("UN Police Gender Toolkit",)]
    race = [p for p in parsed.passages if p.section_path == ("Race to 2014",)]
    assert race[0].role == "list" and "2. To contribute" in race[0].text and race[0].text.startswith("To advance")


def test_extracted_html_sections() -> None:
    from indexer.extract import extract_bytes

    html = (b"<html><body><nav>Home</nav><main><h1>Network</h1><p>The network trains police.</p>"
            b"<h2>Programmes</h2><p>Members are encouraged:</p><ul><li>to join</li><li>to share</li></ul>"
            b"</main></body></html>")
    parsed = parse_sections(extract_bytes(html, ".html").text, "net", "webpage")
    assert parsed.title == "Network"
    assert [(p.anchor, p.role, p.section_path, p.text) for p in parsed.passages] == [
        ("network-p1", "paragraph", ("Network",), "The network trains police."),
        ("programmes-p1", "list", ("Network", "Programmes"), "Members are encouraged:\n\n- to join\n- to share"),
    ]
