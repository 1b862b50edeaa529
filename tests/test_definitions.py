"""Glossary, overviews and links: the rules as tables, then the seed guide's Annex A end to end."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.definitions import (
    build_glossary,
    find_running_definitions,
    parse_annex_glossary,
    parse_links,
    parse_overviews,
)
from indexer.guide import parse_guide
from indexer.outline import Line
from kb.glossary import Glossary, slugify

GUIDE = Path(__file__).resolve().parents[1] / "corpus" / "003_51e315de7d71ecb8.txt"

ANNEX_A_TERMS = [
    "Conflict-related sexual violence", "Gender", "Gender balance", "Gender-based Analysis Plus (GBA+)",
    "Gender-based violence (GBV)", "Gender discrimination", "Gender equality", "Gender equity", "Gender expression",
    "Gender identity", "Gender mainstreaming (GM)", "Gender roles", "Intersex", "LGBTQ2", "Sex", "Sexual abuse",
    "Sexual Exploitation and Abuse (SEA)", "Sexual violence", "Trans or transgender", "Women’s Empowerment",
    "Women, Peace and Security Agenda",
]


def _lines(texts: list[str], path: tuple[str, ...] = ("Annexes", "Annex A")) -> tuple[list[Line], str]:
    lines, pos = [], 0
    for t in texts:
        lines.append(Line(pos, pos + len(t), t, path))
        pos += len(t) + 1
    return lines, "\n".join(texts)


@pytest.mark.parametrize(
    ("paragraphs", "terms"),
    [
        (["Gender refers to roles.", "Gender balance is the degree of parity."], [("Gender", "")]
         + [("Gender balance", "")]),
        # continuation paragraphs: the same term again, a sentence opener, no definitional verb
        (["Gender identity is each person’s experience.", "Gender identity is fundamentally different.",
          "Intersex people are born that way.", "Equality does not mean that women and men are the same."],
         [("Gender identity", "")]),
        (["Gender-based Analysis Plus (GBA+) is an analytical process.", "(Source: Women and Gender Equality Canada - WAGE)"],
         [("Gender-based Analysis Plus", "GBA+")]),
        (["Sexual abuse refers specifically to intrusion.", "There are many different acronyms."], [("Sexual abuse", "")]),
        (["Intersex is defined as a congenital anomaly."], [("Intersex", "")]),
        (["This means that each component counts."], []),
    ],
)
def test_parse_annex_glossary_terms(paragraphs: list[str], terms: list[tuple[str, str]]) -> None:
    lines, text = _lines(paragraphs)
    assert [(d.term, d.acronym) for d, *_ in parse_annex_glossary(lines, text)] == terms


def test_source_line_and_footnote_source() -> None:
    lines, text = _lines(["GBA+ is an analytical process.", "(Source: WAGE)", "Sex refers to biology."])
    drafts = parse_annex_glossary(lines, text, [(6, 49)], {6: "These definitions are taken from a GBA+ course. See x."})
    assert [(d.term, d.source, definition) for d, definition, _, _ in drafts] == [
        ("GBA+", "WAGE", "GBA+ is an analytical process."), ("Sex", "a GBA+ course", "Sex refers to biology.")]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Sexual and gender-based violence (SGBV) refers to acts of violence. SGBV is based on norms. Other text.",
         [("Sexual and gender-based violence", "SGBV",
           "Sexual and gender-based violence (SGBV) refers to acts of violence. SGBV is based on norms.")]),
        ("We all have biases. Unconscious bias describes situations in which we act. How we grew up matters.",
         [("Unconscious bias", "", "Unconscious bias describes situations in which we act.")]),
        ("CRSV (CRSV) refers to rape. Note the following estimates for CRSV:", [("CRSV", "CRSV", "CRSV (CRSV) refers to rape.")]),
        ("Zero-tolerance should be seen as it refers to the awareness.", []),
        ("The term is defined as something.", []),
    ],
)
def test_find_running_definitions(paragraph: str, expected: list[tuple[str, str, str]]) -> None:
    lines, text = _lines([paragraph], ("Chapter", "Section"))
    found = find_running_definitions(lines, text)
    assert [(t, a, d) for t, a, d, *_ in found] == expected
    for _, _, definition, start, end, _ in found:
        assert text[start:end] == definition


def test_running_definition_merges_into_annex_entry() -> None:
    annex, text_a = _lines(["Sexual violence refers to any sexual act."])
    running, _ = _lines(["Sexual violence (SV) refers to acts in conflict."], ("Chapter",))
    text = text_a  # both fit the same offsets in this toy text
    terms, entries, notes = build_glossary(annex, running, text + "\n" + text, "doc")
    assert [(t.term, t.acronym, t.slug) for t in terms] == [("Sexual violence", "SV", "sexual-violence")]
    assert [e.anchor for e in entries] == ["sexual-violence", "sexual-violence-in-text"]
    assert notes


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("• 1325 (2000): Affirms the importance of participation.", (1325, 2000, "Affirms the importance of participation.")),
        ("• 1889 (2009): Stresses the need.", (1889, 2009, "Stresses the need.")),
        ("• not an overview", None),
    ],
)
def test_parse_overviews(line: str, expected) -> None:
    lines, text = _lines([line], ("Annexes", "Annex B"))
    entries, overviews = parse_overviews(lines, text)
    if expected is None:
        assert entries == [] and overviews == {}
        return
    number, year, overview = expected
    assert overviews == {number: overview}
    assert (entries[0].resolution, entries[0].year, entries[0].role) == (number, year, "overview")
    assert text[entries[0].start:entries[0].end] == entries[0].text


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Beijing Platform for Action (1995)", "› http://www.un.org/beijing/"], [("Beijing Platform for Action (1995)",
                                                                                "http://www.un.org/beijing/")]),
        (["Convention on Women (CEDAW)", "(1979)", "› https://ohchr.org/c"], [("Convention on Women (CEDAW) (1979)",
                                                                             "https://ohchr.org/c")]),
        (["Title without link"], []),
    ],
)
def test_parse_links(texts: list[str], expected: list[tuple[str, str]]) -> None:
    lines, text = _lines(texts, ("Annexes", "Annex E"))
    entries = parse_links(lines, text)
    assert [(e.title, re.search(r"https?://\S+", e.text).group(0)) for e in entries] == expected
    assert all(e.role == "link" for e in entries)


# --- the seed guide -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide():
    if not GUIDE.exists():
        pytest.skip("seed guide missing")
    return parse_guide(GUIDE.read_text(encoding="utf-8"), "police-guide")


@pytest.fixture(scope="module")
def terms(guide):
    return {t.term: t for t in guide.glossary}


@pytest.mark.parametrize("term", ANNEX_A_TERMS + ["Sexual and gender-based violence (SGBV)"])
def test_every_term_is_clean(terms, term: str) -> None:
    entry = terms[term]
    assert entry.slug == slugify(term)
    assert entry.definition.startswith(re.sub(r" \(.*\)$", "", term))
    for damage in ("©", "Photo", "expression6", "identity6", "LGBTQ26", "transgender6", "Intersex6"):
        assert damage not in entry.definition
    assert not re.search(r"(?m)^\s*\d{1,3}\s*$", entry.definition)
    assert not re.search(r"[a-z]\d\b", entry.definition), entry.definition


def test_crsv_is_one_entry_with_both_passages(guide) -> None:
    glossary = Glossary(guide.glossary)
    crsv = glossary.lookup("CRSV")
    assert crsv is not None and crsv.slug == "conflict-related-sexual-violence" and crsv.source == "Annex A"
    anchors = {p.anchor for p in guide.passages if p.kind == "glossary"}
    assert {"conflict-related-sexual-violence", "conflict-related-sexual-violence-in-text"} <= anchors
    assert len({t.slug for t in guide.glossary}) == len(guide.glossary)


@pytest.mark.parametrize(
    ("name", "slug"),
    [("SGBV", "sexual-and-gender-based-violence-sgbv"), ("transgender", "trans-or-transgender"),
     ("Trans", "trans-or-transgender"), ("WPS Agenda", "women-peace-and-security-agenda"),
     ("GBA+", "gender-based-analysis-plus-gba"), ("gender-based violence", "gender-based-violence-gbv"),
     ("SEA", "sexual-exploitation-and-abuse-sea")],
)
def test_lookup_by_any_name(guide, name: str, slug: str) -> None:
    found = Glossary(guide.glossary).lookup(name)
    assert found is not None and found.slug == slug


@pytest.mark.parametrize(
    ("term", "piece"),
    [
        ("Gender expression", "Gender expression refers to how a person publicly presents gender"),
        ("LGBTQ2", "GBA+ analysis should be specific where appropriate"),
        ("Gender identity", "Gender identity is fundamentally different from a person’s sexual orientation."),
        ("Gender balance", "Gender balance is not the same as gender equality"),
        ("Gender equality", "Equality does not mean that women and men are the same"),
        ("Gender-based Analysis Plus (GBA+)", "like race, ethnicity, religion, age, and mental or physical disability."),
    ],
)
def test_definitions_are_whole(terms, term: str, piece: str) -> None:
    assert piece in terms[term].definition


def test_gender_expression_starts_right(terms) -> None:
    assert terms["Gender expression"].definition.startswith("Gender expression refers to how a person publicly presents gender")


def test_gba_entry_has_no_caption_and_its_source(terms) -> None:
    gba = terms["Gender-based Analysis Plus (GBA+)"]
    assert "Darfur" not in gba.definition and "Zamzam" not in gba.definition
    assert gba.source == "Women and Gender Equality Canada - WAGE"


@pytest.mark.parametrize(
    ("term", "source"),
    [("Gender expression", "Women and Gender Equality Canada's online GBA+ course"), ("Gender", "Annex A"),
     ("Trans or transgender", "Women and Gender Equality Canada's online GBA+ course")],
)
def test_sources(terms, term: str, source: str) -> None:
    assert terms[term].source == source


@pytest.mark.parametrize(
    ("term", "related"),
    [("Gender balance", "gender-equality"), ("LGBTQ2", "trans-or-transgender"), ("Sexual violence", "gender-based-violence-gbv")],
)
def test_see_also(terms, term: str, related: str) -> None:
    assert related in terms[term].see_also


def test_each_term_is_a_passage(guide) -> None:
    by_id = {p.id: p for p in guide.passages}
    for term in guide.glossary:
        passage = by_id[term.passage_id]
        assert (passage.kind, passage.role, passage.anchor, passage.title) == ("glossary", "definition", term.slug, term.term)
        assert passage.text.startswith(term.definition[:40])
        assert term.document_id == "police-guide"
