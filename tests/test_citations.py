"""Cross-references with offsets, and queries that name a resolution: tables, then the real seeds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from indexer.citations import INSTRUMENTS, find_citations
from indexer.resolution_refs import parse_resolution_reference
from kb.citations import CitationKind

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "corpus" / "003_51e315de7d71ecb8.txt"
WEB_PAGE = ROOT / "corpus" / "000_c4c3416fd0a9dab6.txt"
REAL_DOCS = Path(__file__).resolve().parents[2] / "shared" / "real-docs"

R, I, A, X, G = (CitationKind.RESOLUTION, CitationKind.INSTRUMENT, CitationKind.ARTICLE,
                 CitationKind.ANNEX, CitationKind.GLOSSARY)
GLOSSARY = {
    "GBV": "gender-based-violence",
    "gender-based violence": "gender-based-violence",
    "gender": "gender",
    "gender mainstreaming": "gender-mainstreaming",
    "Gender Adviser": "gender-adviser",
    "GBA+": "gba-plus",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("adopted resolution 1325 (2000) on women", [(R, "1325", "resolution 1325 (2000)", 2000)]),
        ("Resolution 1325 is regarded", [(R, "1325", "Resolution 1325", None)]),
        ("Recalling its resolutions 1261 (1999) of 25 August 1999, 1265 (1999) of 17 September\n1999, "
         "1296 (2000) of 19 April 2000 and 1314 (2000) of 11 August 2000, as well",
         [(R, "1261", "resolutions 1261 (1999)", 1999), (R, "1265", "1265 (1999)", 1999),
          (R, "1296", "1296 (2000)", 2000), (R, "1314", "1314 (2000)", 2000)]),
        ("UNSCR 1820 and SCR 1325 and UNSC Resolution 1325",
         [(R, "1820", "UNSCR 1820", None), (R, "1325", "SCR 1325", None), (R, "1325", "UNSC Resolution 1325", None)]),
        ("see S/RES/1889 (2009).", [(R, "1889", "S/RES/1889 (2009)", 2009)]),
        ("(UNSCR 1820,\n1888, 1889, 1960, 2106, 2122, 2242, and 2467)",
         [(R, "1820", "UNSCR 1820", None)] + [(R, str(n), str(n), None)
                                              for n in (1888, 1889, 1960, 2106, 2122, 2242, 2467)]),
        ("Security Council: 1325 (2000); 1820 (2009); 1888 (2009); and 2467 (2019).",
         [(R, "1325", "1325 (2000)", 2000), (R, "1820", "1820 (2009)", 2009), (R, "1888", "1888 (2009)", 2009),
          (R, "2467", "2467 (2019)", 2019)]),
        ("implementation of resolution\n1325 (2000), 1612 (2005) and 1674 (2006) and recalling",
         [(R, "1325", "resolution\n1325 (2000)", 2000), (R, "1612", "1612 (2005)", 2005),
          (R, "1674", "1674 (2006)", 2006)]),
        ("adopted a National Action Plan on 1325 (see illustration)", [(R, "1325", "1325", None)]),
        ("The 2015 Global Study on resolution 1325 reviews", [(R, "1325", "resolution 1325", None)]),
        ("the implementation of 1325 and 2242 matters", [(R, "1325", "1325", None), (R, "2242", "2242", None)]),
        ("a peace agreement lasting 15 years by 20 percent", []),
        ("To mobilize to reach 2,014 Network members by 2014.", []),
        ("women were raped during the 1994 Rwandan genocide", []),
        ("founded in 1960 and renamed in 1820s", []),
        ("page 48\n\n49\n\nin 2000 and 2008", []),
        ("Women 2000 (A/S-23/10/Rev.1) and of 8 March 2000 (SC/6816)", []),
        ("resolution 12345 and resolution 4000 (2001)", []),
        ("in 2010 (2011) the plan", []),
        ("the Convention on the Elimination of All Forms of Discrimination against Women (CEDAW)",
         [(I, "cedaw", "Convention on the Elimination of All Forms of Discrimination against Women", None),
          (I, "cedaw", "CEDAW", None)]),
        ("the Beijing Declaration and Platform for Action (A/52/231)",
         [(I, "beijing", "Beijing Declaration and Platform for Action", None)]),
        ("provisions of the Rome Statute of the International Criminal Court;",
         [(I, "rome-statute", "Rome Statute of the International Criminal Court", None)]),
        ("the UN Charter and the Charter of the United Nations",
         [(I, "charter", "UN Charter", None), (I, "charter", "Charter of the United Nations", None)]),
        ("under the Geneva Conventions of 1949, the Refugee Convention of 1951 and the Convention on the "
         "Rights of the Child",
         [(I, "geneva-conventions", "Geneva Conventions", None), (I, "refugee-convention", "Refugee Convention", None),
          (I, "crc", "Convention on the Rights of the Child", None)]),
        ("the Universal Declaration of Human Rights, the Istanbul Convention and the Maputo Protocol",
         [(I, "udhr", "Universal Declaration of Human Rights", None), (I, "istanbul-convention", "Istanbul Convention", None),
          (I, "maputo-protocol", "Maputo Protocol", None)]),
        ("measures are adopted under Article 41 of the\nCharter of the United Nations, to give",
         [(A, "charter:41", "Article 41 of the\nCharter of the United Nations", None)]),
        ("Under Article 7, the Rome Statute recognized", [(A, "rome-statute:7", "Article 7, the Rome Statute", None)]),
        ("- Beijing Platform for Action, Article 79", [(A, "beijing:79", "Beijing Platform for Action, Article 79", None)]),
        ("The Convention on the Rights of the Child applies. Under article 5 of the Convention, States",
         [(I, "crc", "Convention on the Rights of the Child", None), (A, "crc:5", "article 5 of the Convention", None)]),
        ("Nothing named here: article 5 of the Convention.", []),
        ("post-conflict reconstruction (see Annex B). While", [(X, "annex-b", "Annex B", None)]),
        ("(see Annex C for Resolution 1325\nand Annex D for Resolution 1820).",
         [(X, "annex-c", "Annex C", None), (R, "1325", "Resolution 1325", None), (X, "annex-d", "Annex D", None),
          (R, "1820", "Resolution 1820", None)]),
        ("See Annex E for links.", [(X, "annex-e", "Annex E", None)]),
        ("GBV, also called gender-based violence, needs gender mainstreaming",
         [(G, "gender-based-violence", "GBV", None), (G, "gender-based-violence", "gender-based violence", None),
          (G, "gender-mainstreaming", "gender mainstreaming", None)]),
        ("Gender Advisers apply GBA+ to gender issues; gbv is not an acronym match",
         [(G, "gender-adviser", "Gender Advisers", None), (G, "gba-plus", "GBA+", None), (G, "gender", "gender", None)]),
        ("The GBV Working Group met; GBV survivors were heard",
         [(G, "gender-based-violence", "GBV", None)]),
        ("the gender perspective of resolution 1325 (2000)",
         [(G, "gender", "gender", None), (R, "1325", "resolution 1325 (2000)", 2000)]),
    ],
)
def test_find_citations(text: str, expected: list[tuple]) -> None:
    citations = find_citations(text, GLOSSARY)
    assert [(c.kind, c.target, c.text, c.year) for c in citations] == expected
    for c in citations:
        assert text[c.start:c.end] == c.text
    assert [c.start for c in citations] == sorted(c.start for c in citations)


@pytest.mark.parametrize(
    ("text", "number"),
    [("UNSCR 1820", 1820), ("resolution 1325 (2000)", 1325), ("Article 41 of the UN Charter", 41)],
)
def test_numbers(text: str, number: int) -> None:
    assert find_citations(text)[0].number == number


def test_no_glossary_without_names() -> None:
    assert find_citations("gender mainstreaming and GBV") == []


def test_instruments_table_labels_every_target() -> None:
    text = ("CEDAW, Beijing Platform for Action, Rome Statute, UN Charter, Geneva Conventions, Refugee Convention, "
            "Convention on the Rights of the Child, Universal Declaration of Human Rights, Istanbul Convention, "
            "Maputo Protocol")
    targets = {c.target for c in find_citations(text)}
    assert targets == set(INSTRUMENTS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1325", (1325, None)),
        ("UNSCR 1325", (1325, None)),
        ("SCR1325", (1325, None)),
        ("S/RES/1325 (2000)", (1325, None)),
        ("res. 1820", (1820, None)),
        ("resolution 1325 paragraph 8", (1325, 8)),
        ("1325 op 8", (1325, 8)),
        ("1325 op8", (1325, 8)),
        ("OP8 of 1325", (1325, 8)),
        ("operative paragraph 3 of resolution 2467", (2467, 3)),
        ("1820 para 4", (1820, 4)),
        ("1325 (2000) para. 8", (1325, 8)),
        ("UNSC Resolution 1612", (1612, None)),
        ("gender 2014 campaign", None),
        ("20 percent", None),
        ("2014", None),
        ("para 8", None),
        ("1325 1820", None),
        ("resolution 5000", None),
        ("", None),
    ],
)
def test_parse_resolution_reference(query: str, expected) -> None:
    assert parse_resolution_reference(query) == expected


@pytest.mark.skipif(not GUIDE.exists(), reason="seed corpus missing")
def test_guide_citations() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    citations = find_citations(text)
    by_text = {(c.text, c.year) for c in citations if c.kind == R}
    assert ("1820 (2009)", 2009) in by_text and ("1960 (2011)", 2011) in by_text
    assert sum(1 for c in citations if c.kind == R and c.number == 1325) >= 15
    assert all(text[c.start:c.end] == c.text for c in citations)
    assert all(a.end <= b.start for a, b in zip(citations, citations[1:]))
    kinds = {c.kind for c in citations}
    assert kinds == {R, I, A, X}
    targets = {c.target for c in citations}
    assert {"charter:41", "rome-statute:7", "beijing:79", "annex-b", "annex-c", "annex-d", "annex-e", "cedaw"} <= targets
    # No resolution read out of a year, a figure or a page number.
    assert all(c.number is not None and (c.number in (1208, 1261, 1265, 1296, 1314, 1612, 1674)
                                         or c.number >= 1325) for c in citations if c.kind == R)


@pytest.mark.skipif(not WEB_PAGE.exists(), reason="seed corpus missing")
def test_web_page_has_no_false_resolutions() -> None:
    text = WEB_PAGE.read_text(encoding="utf-8")
    assert [c for c in find_citations(text) if c.kind == R and c.number not in (1325, 1820)] == []


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("in accordance with article 18 of the present Convention.", "cedaw",
         [(A, "cedaw:18", "article 18 of the present Convention")]),
        ("in accordance with article 18 of the present Convention.", None, []),
        ("except as provided in Article 12, may make", "charter", [(A, "charter:12", "Article 12")]),
        ("except as provided in Article 12, may make", None, []),
        ("### Article 12\nThe Assembly may", "charter", []),
        ("in Article 7, the Rome Statute", "charter", [(A, "rome-statute:7", "Article 7, the Rome Statute")]),
        ("énoncés à l'Article 1 de la présente Charte, les", "charter",
         [(A, "charter:1", "Article 1 de la présente Charte")]),
    ],
)
def test_default_instrument(text: str, default: str | None, expected: list[tuple]) -> None:
    citations = find_citations(text, default_instrument=default)
    assert [(c.kind, c.target, c.text) for c in citations] == expected


@pytest.mark.parametrize(
    ("name", "default", "prefix", "minimum"),
    [("cedaw-en.md", "cedaw", "cedaw:", 1), ("un-charter-en.txt", "charter", "charter:", 30),
     ("un-charter-fr.txt", "charter", "charter:", 30)],
)
def test_real_docs_articles(name: str, default: str, prefix: str, minimum: int) -> None:
    path = REAL_DOCS / name
    if not path.exists():
        pytest.skip("real-docs missing")
    text = path.read_text(encoding="utf-8")
    citations = find_citations(text, default_instrument=default)
    articles = [c for c in citations if c.kind == A]
    assert len(articles) >= minimum and all(c.target.startswith(prefix) for c in articles)
    assert all(text[c.start:c.end] == c.text for c in citations)
    # Headings ("### Article 5", "Article 5") are not references to themselves.
    assert not any(text[text.rfind("\n", 0, c.start) + 1:c.start].strip("# ") == "" and
                   text[c.end:text.find("\n", c.end)].strip() == "" for c in articles)


@pytest.mark.skipif(not GUIDE.exists(), reason="seed corpus missing")
def test_speed_over_many_passages() -> None:
    paragraphs = [p for p in GUIDE.read_text(encoding="utf-8").split("\n\n") if p.strip()] * 5
    names = {f"term number {i}": f"t{i}" for i in range(150)} | GLOSSARY
    started = time.perf_counter()
    for paragraph in paragraphs:
        find_citations(paragraph, names)
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    "text",
    [
        "https://www.ohchr.org/EN/HRBodies/CEDAW/Pages/Index.aspx",
        "www.un.org/womenwatch/daw/cedaw/ and resolution-1325",
        "- Source: peacewomen.org/SCR-1325",
    ],
)
def test_nothing_inside_addresses(text: str) -> None:
    assert find_citations(text) == []
