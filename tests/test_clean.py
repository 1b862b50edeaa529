"""Each PDF-damage repair as a table of (input, expected), plus the seed guide end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.clean import (
    clean_text,
    is_dated_caption,
    normalise_checkboxes,
    remove_page_numbers,
    remove_photo_captions,
    repair_hyphenation,
    unwrap_lines,
)
from indexer.footnotes import collect_marks, find_footnote_blocks, find_footnote_marks, mark_footnotes
from indexer.visible_text import is_caps_line

GUIDE = Path(__file__).resolve().parents[1] / "corpus" / "003_51e315de7d71ecb8.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("end of page.\n\n44\n\n45\n\nNext page", "end of page.\n\n\n\nNext page"),
        ("one\n 7 \ntwo", "one\ntwo"),
        ("a year alone\n2019\nstays", "a year alone\n2019\nstays"),
        ("Item 12 in a sentence", "Item 12 in a sentence"),
        ("1. numbered item", "1. numbered item"),
    ],
)
def test_remove_page_numbers(text: str, expected: str) -> None:
    assert remove_page_numbers(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a credited caption runs back to the blank line
        ("Body text.\n\nA UN officer speaks with residents.\n- 12 March 2017\n© UN Photo/Name\nMore text.",
         "Body text.\n\nMore text."),
        # a "Photo:" line starts the caption even right after a list item
        ("• last item\nPhoto: Two officers at a check point. - 10 June 2009\n© UN Photo/Marco\n 3. NEXT",
         "• last item\n 3. NEXT"),
        # an uncredited "Photo:" block ends at its date line
        ("Intro.\nPhoto: A peacekeeper in Gao, in\nnorthern Mali. - 19 May 2014\nBody goes on.",
         "Intro.\nBody goes on."),
        # never across a link line
        ("› https://example.org/a\nA police officer greets children. - 09 November 2012\n© UN Photo/Stuart",
         "› https://example.org/a"),
        ("No caption here; © is not at a line start.", "No caption here; © is not at a line start."),
    ],
)
def test_remove_photo_captions(text: str, expected: str) -> None:
    assert remove_photo_captions(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "numbers", "expected"),
    [
        ("Gender expression6 refers to", {6}, [(17, 18, 6)]),
        ("Trans or transgender6 is", {6}, [(20, 21, 6)]),
        ("LGBTQ26 is an acronym", {6}, [(6, 7, 6)]),
        ("LGBTQ2 people", {2}, []),
        ("(CEDAW), 19791\nCEDAW is", {1}, [(13, 14, 1)]),
        ("covering the period 2017-20225.", {5}, [(29, 30, 5)]),
        ("the WPS Agenda4.", {4}, [(14, 15, 4)]),
        ("in the same way as men2.", {2}, [(22, 23, 2)]),
        ("adopted in 1979 and 2000.", {1, 9}, []),
        ("Resolution 1325 of 2000", {5}, []),
        ("see https://x.org/mod01/mod01_02_04.html", {1}, []),
        ("expression6 refers", {5}, []),
    ],
)
def test_find_footnote_marks(text: str, numbers: set[int], expected: list[tuple[int, int, int]]) -> None:
    assert find_footnote_marks(text, frozenset(numbers)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. First note, 1979,\nhttps://x.org\n2. Second note.", {1: "First note, 1979, https://x.org", 2: "Second note."}),
        ("4. Author, Title\nTo Date, 2017.\n5. Plan, 2017.\n MAINSTREAMING", {4: "Author, Title To Date, 2017.", 5: "Plan, 2017."}),
        ("Not a note.\n1. Item", {}),
    ],
)
def test_find_footnote_blocks(text: str, expected: dict[int, str]) -> None:
    found = {n: t for _, _, notes in find_footnote_blocks(text) for n, t in notes.items()}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "clean", "footnotes"),
    [
        # the marks of a footnote block are stripped, the block lifted out
        ("Gender expression6 refers to it.\n\n6. These definitions are taken from a course.\n",
         "Gender expression refers to it.\n\n\n", {6: "These definitions are taken from a course."}),
        # a numbered list restarting at 1 with no mark before it is not a footnote block
        ("Objectives:\n\n1. Create an environment;\n2. Advocate.\n", "Objectives:\n\n1. Create an environment;\n2. Advocate.\n", {}),
        # numbering must continue: a "7." block with nothing marked stays text
        ("A mark1 here.\n\n1. Note one.\n\nLater text 7 times.\n\n7. Decides to remain seized.\n",
         "A mark here.\n\n\n\nLater text 7 times.\n\n7. Decides to remain seized.\n", {1: "Note one."}),
    ],
)
def test_mark_footnotes(text: str, clean: str, footnotes: dict[int, str]) -> None:
    marked, found, _ = mark_footnotes(text)
    assert collect_marks(marked)[0] == clean
    assert found == footnotes


def test_collect_marks_reports_positions_in_the_clean_text() -> None:
    text, marks = collect_marks("ab\ue0006\ue001 cd\ue0004\ue001.")
    assert text == "ab cd."
    assert [(m.number, m.position) for m in marks] == [(6, 2), (4, 5)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("üüensure that data is sex-disaggregated", "• ensure that data is sex-disaggregated"),
        ("  üü assign officers", "  • assign officers"),
        ("the word menüü stays", "the word menüü stays"),
    ],
)
def test_normalise_checkboxes(text: str, expected: str) -> None:
    assert normalise_checkboxes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("development opportuni-\nties.", "development opportunities."),
        ("post-\nconflict states and post-conflict peace", "post-conflict states and post-conflict peace"),
        ("soft\u00ad\nhyphen", "softhyphen"),
        ("sex- and age-disaggregated", "sex- and age-disaggregated"),
        ("Police-\nOfficers", "Police-\nOfficers"),
    ],
)
def test_repair_hyphenation(text: str, expected: str) -> None:
    assert repair_hyphenation(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A sentence that wraps\nonto a second line.", "A sentence that wraps onto a second line.\n"),
        ("First paragraph ends.\nSecond starts.", "First paragraph ends.\nSecond starts.\n"),
        ("Lead-in:\n• item one that\nwraps\n• item two", "Lead-in:\n• item one that wraps\n• item two\n"),
        ("UNDERSTANDING\nWOMEN, PEACE\nAND SECURITY", "UNDERSTANDING WOMEN, PEACE AND SECURITY\n"),
        ("III. HEADING\n1. SUB HEADING\nBody text", "III. HEADING\n1. SUB HEADING\nBody text\n"),
        ("“A quote.”\n- PeaceWomen.org\nThe text goes on.", "“A quote.”\n- PeaceWomen.org\nThe text goes on.\n"),
        ("• provide support\nInternally focused:", "• provide support\nInternally focused:\n"),
        ("may combine sex and orientation\n\nattributes into one.", "may combine sex and orientation attributes into one.\n"),
        ("Ends a sentence.\n\nlower case block stays apart", "Ends a sentence.\n\nlower case block stays apart\n"),
    ],
)
def test_unwrap_lines(text: str, expected: str) -> None:
    assert unwrap_lines(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Canadian police and military officers join Ukrainian Police Officers at the launch, March 2018.", True),
        ("Officers patrol the camp. They meet residents, March 2018.", False),
        ("- April 2019", False),
        ("As of December 2018, 79 UN Member States have adopted a plan.", False),
    ],
)
def test_is_dated_caption(text: str, expected: bool) -> None:
    assert is_dated_caption(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ANNEX A –", True), ("1. COMMANDER OR SUPERVISOR", True), ("UN Police", False), ("UN", False)],
)
def test_is_caps_line(text: str, expected: bool) -> None:
    assert is_caps_line(text) is expected


@pytest.fixture(scope="module")
def cleaned():
    if not GUIDE.exists():
        pytest.skip("seed guide missing")
    return clean_text(GUIDE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "damage",
    ["©", "Photo:", "UN Photo/", "expression6", "LGBTQ26", "transgender6", "Intersex6", "19791", "Agenda4.",
     "20225", "üü", "\n44\n", "6. These definitions"],
)
def test_seed_guide_damage_is_gone(cleaned, damage: str) -> None:
    assert damage not in cleaned.text


@pytest.mark.parametrize(
    "kept",
    ["LGBTQ2 is an acronym", "(CEDAW), 1979", "covering the period 2017-2022.", "Resolution 1325",
     "sex- and age-disaggregated", "• ensure that the recruitment process is gender sensitive"],
)
def test_seed_guide_keeps_real_numbers_and_words(cleaned, kept: str) -> None:
    assert kept in cleaned.text


def test_seed_guide_footnotes(cleaned) -> None:
    assert sorted(cleaned.footnotes) == [1, 2, 3, 4, 5, 6]
    assert cleaned.footnotes[6].startswith("These definitions are taken from Women and Gender Equality Canada")
    assert "MAINSTREAMING" not in cleaned.footnotes[5]
    sixes = [m for m in cleaned.marks if m.number == 6]
    assert len(sixes) == 5
    words = [cleaned.text[:m.position].split()[-1] for m in sixes]
    assert words == ["expression", "identity", "Intersex", "LGBTQ2", "transgender"]
