"""The guide rebuilt: outline rules and checklist rules as tables, then the seed guide end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.blocks import build_blocks, split_long
from indexer.checklists import assign_roles
from indexer.guide import parse_guide, resolution_region
from indexer.outline import Line, TitleCase, outline, split_lines
from kb.documents import KINDS, MAX_PASSAGE_CHARS, ROLES

GUIDE = Path(__file__).resolve().parents[1] / "corpus" / "003_51e315de7d71ecb8.txt"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("I. LINKS BETWEEN GENDER EQUALITY AND CONFLICT", "Links between gender equality and conflict"),
        ("› CREATING A NETWORK OF WOMEN IN UKRAINE", "Creating a network of women in Ukraine"),
        ("2. GENDER ADVISER", "Gender adviser"),
        ("KEY PROVISIONS OF SCR 1325", "Key provisions of SCR 1325"),
        ("II. UN SECURITY COUNCIL RESOLUTIONS", "UN Security Council resolutions"),
        ("ANNEX A – TERMS AND DEFINITIONS", "Annex A – terms and definitions"),
        ("Already readable", "Already readable"),
    ],
)
def test_title_case(heading: str, expected: str) -> None:
    body = ["The UN and the SCR text.", "Women in Ukraine met.", "the adviser and advisers talk",
            "we saw the Security Council act", "gender matters"]
    assert TitleCase(body)(heading) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("intro\nANNEX C –\nRES 1325\n 1. Decides\nANNEX E –\nlinks", "ANNEX C –\nRES 1325\n 1. Decides\n"),
        ("no annexes here", ""),
    ],
)
def test_resolution_region(raw: str, expected: str) -> None:
    assert resolution_region(raw) == expected


@pytest.mark.parametrize(
    ("text", "limit", "pieces"),
    [
        ("Short.", 100, ["Short."]),
        ("One sentence here. Two sentence here. Three sentence here.", 40,
         ["One sentence here. Two sentence here.", "Three sentence here."]),
        ("• item one\n• item two\n• item three", 22, ["• item one\n• item two", "• item three"]),
    ],
)
def test_split_long(text: str, limit: int, pieces: list[str]) -> None:
    assert split_long(text, limit) == pieces


def _outline(text: str):
    lines = split_lines(text)
    return outline(text, lines, TitleCase(["body text"]))


@pytest.mark.parametrize(
    ("text", "line", "path"),
    [
        # a chapter title printed after its section I opens the chapter first
        ("INTRO\n\nSome text.\n\nI. FIRST SECTION\n\nCHAPTER ONE\n\nBody of section.\n",
         "Body of section.", ("Chapter one", "First section")),
        # a chapter title followed (after a quote) by section I
        ("CHAPTER TWO\n\n“A quote.”\n- Someone\n\nI. POLICIES\nBody two.\n", "Body two.", ("Chapter two", "Policies")),
        # unnumbered SHOUTING headings are sub-sections of the section
        ("CHAP\n\nI. SECTION\nText.\n\nKEY POINTS\n• a point\n", "• a point", ("Chap", "Section", "Key points")),
        # a box between a heading and its text goes back under the section holding the boxes
        ("CHAP\n\nI. SECTION\n6. EXAMPLES\n› BOX ONE\nText one.\n\nII. ROLES\n1. COMMANDER\n\n› BOX TWO\nText two.\n\n"
         "Objective:\nMine.\n", "Text two.", ("Chap", "Section", "Examples", "Box two")),
        ("CHAP\n\nI. SECTION\n6. EXAMPLES\n› BOX ONE\nText one.\n\nII. ROLES\n1. COMMANDER\n\n› BOX TWO\nText two.\n\n"
         "Objective:\nMine.\n", "Mine.", ("Chap", "Roles", "Commander")),
    ],
)
def test_outline_paths(text: str, line: str, path: tuple[str, ...]) -> None:
    body, _, _, _ = _outline(text)
    assert next(ln.path for ln in body if ln.text == line) == path


@pytest.mark.parametrize(
    ("texts", "roles"),
    [
        # a list keeps its lead-in; an attribution stays with what it attributes
        (["Lead-in:", "• one", "• two", "- Source: x"], ["list"]),
        (["“A quote.”", "- PeaceWomen.org", "Plain text."], ["quote", "paragraph"]),
        # a list of quotations whose bullets were lost stays one list
        (["Statements:", "• “One.”", "“Two.”", "• “Three.”"], ["list"]),
        # short paragraphs under one heading are grouped
        (["First.", "Second."], ["paragraph"]),
    ],
)
def test_build_blocks_roles(texts: list[str], roles: list[str]) -> None:
    lines, pos = [], 0
    for t in texts:
        lines.append(Line(pos, pos + len(t), t, ("Chapter",)))
        pos += len(t) + 1
    assert [u.role for u in build_blocks(lines, [])] == roles


HEAD = "Networks of women in police can play a crucial role in advancing equality. " * 3 + "They offer opportuni-"


@pytest.mark.parametrize(
    ("head", "joined"),
    [
        (HEAD, [HEAD, "ties. The rest of it."]),
        ("Chapter IV: The General Assembly", ["ties. The rest of it."]),  # a title line is no head
        (HEAD.replace("opportuni-", "opportunities."), ["ties. The rest of it."]),  # the head ended
    ],
)
def test_build_blocks_rejoins_a_paragraph_split_by_the_columns(head: str, joined: list[str]) -> None:
    box, other = ("C", "Box one"), ("C", "Box two")
    lines = [Line(0, 10, "ties. The rest of it.", box), Line(20, 30, head, other),
             Line(40, 50, "To enhance the response, units were set up.", other)]
    units = build_blocks(lines, [])
    assert units[0].path == box
    assert [ln.text for ln in units[0].lines] == joined
    assert [ln.text for ln in units[-1].lines][-1] == "To enhance the response, units were set up."


def _role_lines(spec: list[tuple[str, str]]) -> list[Line]:
    return [Line(i * 10, i * 10 + 5, text, ("Chap", "Roles", role)) for i, (role, text) in enumerate(spec)]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # rules 1 and 2 as the seed has them: B's checklist printed under C's heading, C's
        # objective and checklist printed under D's
        ([("A", "Objective:"), ("A", "obj A"), ("A", "Quick Checklist:"), ("A", "• a1"),
          ("B", "Objective:"), ("B", "obj B"), ("C", "Quick Checklist:"), ("C", "• b1"),
          ("D", "Objective:"), ("D", "obj D"), ("D", "Quick Checklist:"), ("D", "• d1"),
          ("D", "Objective:"), ("D", "obj C"), ("D", "Quick Checklist:"), ("D", "• c1")],
         {"A": ["obj A", "• a1"], "B": ["obj B", "• b1"], "C": ["obj C", "• c1"], "D": ["obj D", "• d1"]}),
        # rule 2: a checklist right under a heading with no objective goes to the previous role lacking one
        ([("A", "Objective:"), ("A", "obj A"), ("B", "Quick Checklist:"), ("B", "• a1"),
          ("C", "Objective:"), ("C", "obj C"), ("C", "Quick Checklist:"), ("C", "• c1")],
         {"A": ["obj A", "• a1"], "B": [], "C": ["obj C", "• c1"]}),
        # rule 4: orphan items go to the role numbered just before the next heading
        ([("A", "Objective:"), ("A", "obj A"), ("A", "• orphan"), ("C", "Objective:"), ("C", "obj C"),
          ("B", "Objective:"), ("B", "obj B"), ("B", "Quick Checklist:"), ("B", "• b1")],
         {"A": ["obj A"], "B": ["obj B", "• b1", "• orphan"], "C": ["obj C"]}),
    ],
)
def test_assign_roles(spec: list[tuple[str, str]], expected: dict[str, list[str]]) -> None:
    roles, _ = assign_roles(_role_lines(spec), {"A": 1, "B": 2, "C": 3, "D": 4}, 3)
    got = {r.title: [ln.text for ln in r.objective + r.checklist if not ln.text.endswith(":")] for r in roles}
    assert got == expected


# --- the seed guide -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide():
    if not GUIDE.exists():
        pytest.skip("seed guide missing")
    return parse_guide(GUIDE.read_text(encoding="utf-8"), "police-guide")


def test_passages_are_well_formed(guide) -> None:
    anchors = [p.anchor for p in guide.passages]
    assert len(anchors) == len(set(anchors))
    for p in guide.passages:
        assert p.id == f"police-guide/{p.anchor}" and p.document_id == "police-guide"
        assert p.kind in KINDS and p.role in ROLES
        assert 0 < len(p.text) <= MAX_PASSAGE_CHARS
        assert p.section_path and p.title
        if p.start >= 0:
            assert guide.text[p.start:p.end] == p.text


@pytest.mark.parametrize("damage", ["©", "UN Photo", "Photo:", "üü", "expression6", "LGBTQ26", "opportuni-"])
def test_no_damage_in_any_passage(guide, damage: str) -> None:
    assert not [p.anchor for p in guide.passages if damage in p.text]


def test_no_lone_page_numbers_or_shouting_paths(guide) -> None:
    for p in guide.passages:
        assert not re.search(r"(?m)^\s*\d{1,3}\s*$", p.text), p.anchor
        for title in p.section_path:
            assert title != title.upper() or len(title) < 5, title


def test_chapters(guide) -> None:
    chapters = [s.title for s in guide.sections if s.level == 1]
    assert chapters == [
        "Introduction", "Understanding women, peace and security", "Implementing the women, peace and security agenda",
        "Mainstreaming gender equality and WPS in policing work in international missions: policies, guidance, "
        "and practical applications", "Developing inclusive leadership", "Annexes",
    ]
    annexes = [s.title[:7] for s in guide.sections if s.title.startswith("Annex ")]
    assert annexes == ["Annex A", "Annex B", "Annex C", "Annex D", "Annex E"]


@pytest.mark.parametrize(
    ("anchor", "path_end", "role", "contains"),
    [
        ("engaging-men-and-boys-p2", ("Engaging men and boys",), "list", "• explore alternative masculinities"),
        ("integrating-a-gender-perspective-in-iraq-p1", ("Examples of good practice", "Integrating a gender perspective in Iraq"),
         "list", "Gender Focal Point (GFP) network"),
        ("global-study-on-the-implementation-of-un-security-council-resolution-1325-p1", ("Linking participation, prevention and protection",)[:0]
         + ("Global study on the implementation of UN Security Council resolution 1325",), "list",
         "security of women is one of the most reliable indicators of the peacefulness"),
        ("challenging-resistance-p2", ("Challenging resistance",), "list", "“There is no money in the budget"),
        ("protection-and-participation-of-women-in-haiti-p1", ("Examples of good practice",
         "Protection and participation of women in Haiti"), "list", "women-only recruitment class"),
        ("introduction-p4", ("Introduction",), "quote", "- PeaceWomen.org"),
    ],
)
def test_passages_where_a_reader_expects_them(guide, anchor, path_end, role, contains) -> None:
    p = next(p for p in guide.passages if p.anchor == anchor)
    assert p.section_path[-len(path_end):] == path_end
    assert p.role == role
    assert contains in p.text


def test_list_keeps_its_lead_in(guide) -> None:
    p = next(p for p in guide.passages if "statements that show different types of resistance" in p.text)
    assert p.role == "list" and p.text.startswith("Here are statements")
    assert p.text.count("“") == 8


def test_ukraine_box_is_whole_and_first(guide) -> None:
    ukraine = [p for p in guide.passages if p.section_path[-1].endswith("in Ukraine")]
    assert ukraine[0].text.startswith("Networks and associations of women in police")
    assert "professional development opportunities. The establishment of a network" in ukraine[0].text
    assert ukraine[0].start == -1
    liberia = [p for p in guide.passages if "Liberia national police" in p.section_path[-1]]
    assert [p.text[:20] for p in liberia] == ["To enhance law enfor"]


@pytest.mark.parametrize(
    ("role", "objective", "item"),
    [
        ("Commander or supervisor", "UNPOL and national police are trained", "appoint female police in management"),
        ("Gender adviser", "A gender-aware police service", "ensure that national data collected on crimes is sex- and age-disaggregated"),
        ("Training adviser", "A gender sensitive police service", "ensure that all training includes gender and human rights principles"),
        ("Human resources adviser", "A police service that is representative", "ensure that the recruitment process is gender sensitive"),
        ("Community policing adviser", "A community-oriented police service", "maintain an up-to-date list of women leaders"),
        ("Sexual and gender-based violence adviser", "prioritize cases of sexual and gender-based violence",
         "promote and support awareness raising campaigns on SGBV"),
    ],
)
def test_checklists(guide, role: str, objective: str, item: str) -> None:
    found = [p for p in guide.passages if p.role == "checklist" and p.section_path[-1] == role]
    assert len(found) == 1
    text = found[0].text
    assert text.startswith("Objective:") and objective in text.split("Quick Checklist:")[0]
    assert item in text.split("Quick Checklist:")[1]
    assert role in found[0].title


@pytest.mark.parametrize(
    ("role", "foreign"),
    [("Gender adviser", "ensure that all training includes"), ("Training adviser", "maintain an up-to-date list"),
     ("Human resources adviser", "prioritize cases of sexual"), ("Commander or supervisor", "Haiti")],
)
def test_checklists_hold_no_other_roles_items(guide, role: str, foreign: str) -> None:
    text = next(p.text for p in guide.passages if p.role == "checklist" and p.section_path[-1] == role)
    assert foreign not in text


def test_overviews(guide) -> None:
    assert sorted(guide.overviews) == [1325, 1820, 1888, 1889, 1960, 2106, 2122, 2242, 2467]
    assert guide.overviews[1325].startswith("Affirms the importance")
    p = next(p for p in guide.passages if p.role == "overview" and p.resolution == 1888)
    assert (p.kind, p.year, p.title) == ("resolution", 2009, "Resolution 1888 (2009): overview")


def test_resolution_texts_are_left_to_their_parser(guide) -> None:
    assert guide.resolution_region.lstrip().startswith("ANNEX C")
    assert "ANNEX E" not in guide.resolution_region and "16. Decides to remain actively seized" in guide.resolution_region
    assert not [p.anchor for p in guide.passages if "Recalling its resolutions 1261" in p.text]


def test_links(guide) -> None:
    links = [p for p in guide.passages if p.role == "link"]
    assert len(links) == 12
    toolkit = next(p for p in links if p.title == "UN Police Gender Toolkit")
    assert "http://repository.un.org/" in toolkit.text


def test_footnotes_attached(guide) -> None:
    by_anchor = {p.anchor: {f.number for f in p.footnotes} for p in guide.passages}
    assert by_anchor["gender-expression"] == {6}
    assert by_anchor["canadas-commitments-to-gender-equality-and-wps-p1"] == {4, 5}
    assert 1 in by_anchor["convention-on-the-elimination-of-all-forms-of-discrimination-against-women-cedaw-1979-p1"]


def test_build_checklists_returns_lines_outside_any_checklist() -> None:
    from indexer.checklists import build_checklists

    spec = [(("Chap", "Roles"), "Advisers have distinct duties."), (("Chap", "Roles", "A"), "Objective:"),
            (("Chap", "Roles", "A"), "obj A"), (("Chap", "Roles", "A"), "Quick Checklist:"), (("Chap", "Roles", "A"), "• a1")]
    lines, pos = [], 0
    for path, t in spec:
        lines.append(Line(pos, pos + len(t), t, path))
        pos += len(t) + 1
    text = "\n".join(t for _, t in spec)
    entries, leftovers, _ = build_checklists(lines, {"A": 1}, 3, text)
    assert leftovers == [lines[0]]
    assert [e.text for e in entries] == ["Objective:\nobj A\nQuick Checklist:\n• a1"]
    assert text[entries[0].start:entries[0].end] == entries[0].text
