"""Conventions and charters into articles: markers, preamble, paths, titles, splitting, real texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.articles import article_numbers, has_article_structure, identify_instrument, parse_articles
from indexer.extract import detect_language
from kb.documents import MAX_PASSAGE_CHARS

REAL_DOCS = Path(__file__).resolve().parents[2] / "shared" / "real-docs"


def real(name: str) -> str:
    path = REAL_DOCS / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Article 1\nA.\nArticle 2\nB.", [1, 2]),
        ("### Article 1\n\nA.\n\n### Article 2\n\nB.", [1, 2]),
        ("Article premier\nA.\nArticle 2\nB.", [1, 2]),
        ("Article 1er\nA.\nArticle 2\nB.", [1, 2]),
        ("ARTICLE 1 \u2013 Scope\nA.\nARTICLE 2. Terms\nB.", [1, 2]),
        # A reference inside a sentence, or a repeated number, is not a heading.
        ("Article 1\nAs Article 2 says.\nArticle 2\nB.\nArticle 2\nQuoted again.", [1, 2]),
        ("See article 1\nand Article 2 of it.", []),
    ],
)
def test_article_numbers(text: str, numbers: list[int]) -> None:
    assert article_numbers(text) == numbers


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("Article 1\nA.\n\nArticle 2\nB.", "convention", True),
        ("Article 1\nA.\n\nArticle 2\nB.", "guide", False),  # a guide needs a clear run of articles
        ("".join(f"Article {n}\nText {n}.\n\n" for n in range(1, 7)), "guide", True),
        ("Article 3\nA.\n\nArticle 4\nB.", "convention", False),  # does not start at Article 1
        ("Article 1\nA.\n\nArticle 9\nB.", "convention", False),  # too sparse to be a treaty
        ("No articles here.", "convention", False),
    ],
)
def test_has_article_structure(text: str, kind: str, expected: bool) -> None:
    assert has_article_structure(text, kind) is expected


@pytest.mark.parametrize(
    ("text", "short_name"),
    [
        ("## Convention on the Elimination of All Forms of Discrimination against Women\n\nThe States Parties", "CEDAW"),
        ("The States Parties to the present Convention,\n\nNoting that the Charter of the United Nations reaffirms "
         "the equal rights of men and women,\n\nConcerned that discrimination against women continues", "CEDAW"),
        ("WE THE PEOPLES OF THE UNITED NATIONS DETERMINED\nto save succeeding generations", "UN Charter"),
        ("NOUS, PEUPLES DES NATIONS UNIES, RÉSOLUS\nà préserver les générations futures", "Charte des Nations Unies"),
        ("Noting that the Charter of the United Nations reaffirms faith in human rights", None),
        ("A guide for police officers.", None),
    ],
)
def test_identify_instrument(text: str, short_name: str | None) -> None:
    instrument = identify_instrument(text)
    assert (instrument.short_name if instrument else None) == short_name


TREATY = """## Convention on the Elimination of All Forms of Discrimination against Women

The States Parties to the present Convention,

Concerned that discrimination against women continues,

### PART I

### Article 1

For the purposes of the present Convention, the term means a distinction.

### Article 2

States Parties condemn discrimination and undertake:

(a) To embody the principle;

(b) To adopt measures.

### PART II

### Article 3

Equality in political life.
"""


def test_parse_articles_table() -> None:
    parsed = parse_articles(TREATY, "cedaw", "convention", "en")
    assert parsed is not None
    assert parsed.title == "Convention on the Elimination of All Forms of Discrimination against Women"
    rows = [(p.anchor, p.role, p.number, p.title, p.section_path, p.text) for p in parsed.passages]
    assert rows == [
        ("preamble-p1", "paragraph", None, "CEDAW, Preamble", ("Preamble",), "The States Parties to the present Convention,"),
        ("preamble-p2", "paragraph", None, "CEDAW, Preamble", ("Preamble",), "Concerned that discrimination against women continues,"),
        ("art1", "article", 1, "CEDAW, Article 1", ("PART I",),
         "For the purposes of the present Convention, the term means a distinction."),
        ("art2", "article", 2, "CEDAW, Article 2", ("PART I",),
         "States Parties condemn discrimination and undertake:\n\n(a) To embody the principle;\n\n(b) To adopt measures."),
        ("art3", "article", 3, "CEDAW, Article 3", ("PART II",), "Equality in political life."),
    ]
    assert [s.title for s in parsed.sections] == ["Preamble", "PART I", "PART II"]
    assert all(TREATY[p.start:p.end] == p.text and p.id == f"cedaw/{p.anchor}" for p in parsed.passages)


@pytest.mark.parametrize(
    ("heading", "path"),
    [
        ("PART I", ("PART I",)),
        ("### PART II", ("PART II",)),
        ("Chapter VII: Action with Respect to Threats to the Peace", ("Chapter VII: Action with Respect to Threats to the Peace",)),
        ("Chapitre premier – Dispositions générales", ("Chapitre premier – Dispositions générales",)),
        ("CHAPTER 2 Definitions", ("CHAPTER 2 Definitions",)),
        ("Chapter VII of the Charter applies to such cases.", ()),  # a sentence, not a heading
    ],
)
def test_divisions(heading: str, path: tuple[str, ...]) -> None:
    text = f"Article 1\nFirst.\n\n{heading}\n\nArticle 2\nSecond."
    parsed = parse_articles(text, "t", "convention")
    assert parsed is not None
    assert next(p for p in parsed.passages if p.anchor == "art2").section_path == path


def test_long_article_is_split_at_paragraphs() -> None:
    paragraphs = [f"{n}. " + "States Parties shall ensure equality in all fields. " * 12 for n in range(1, 9)]
    text = "Article 1\n" + "\n\n".join(p.strip() for p in paragraphs) + "\n\nArticle 2\nShort."
    parsed = parse_articles(text, "t", "convention")
    assert parsed is not None
    pieces = [p for p in parsed.passages if p.number == 1]
    assert [p.anchor for p in pieces][:2] == ["art1", "art1-2"]
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in parsed.passages)
    assert all(p.text.startswith(tuple(f"{n}. " for n in range(1, 9))) for p in pieces)
    assert "\n\n".join(p.text for p in pieces) == "\n\n".join(p.strip() for p in paragraphs)


@pytest.mark.parametrize(
    "text", ["Plain prose without articles.", "# Guide\n\nSee Article 1 of the Charter.\n", ""]
)
def test_no_article_structure(text: str) -> None:
    assert parse_articles(text, "doc", "guide") is None


@pytest.mark.parametrize(
    ("name", "language", "last", "short", "title"),
    [
        ("cedaw-en.md", "en", 30, "CEDAW", "Convention on the Elimination of All Forms of Discrimination against Women"),
        ("un-charter-en.txt", "en", 111, "UN Charter", "Charter of the United Nations"),
        ("un-charter-fr.txt", "fr", 111, "Charte des Nations Unies", "Charte des Nations Unies"),
    ],
)
def test_real_instruments(name: str, language: str, last: int, short: str, title: str) -> None:
    text = real(name)
    assert detect_language(text) == language
    parsed = parse_articles(text, "doc", "convention", language)
    assert parsed is not None and parsed.title == title
    heads = [p for p in parsed.passages if p.role == "article" and p.anchor == f"art{p.number}"]
    assert [p.number for p in heads] == list(range(1, last + 1))
    assert all(p.title == f"{short}, Article {p.number}" for p in heads)
    assert all(len(p.text) <= MAX_PASSAGE_CHARS and text[p.start:p.end] == p.text for p in parsed.passages)
    assert all(p.language == language for p in parsed.passages)
    assert [p.role for p in parsed.passages if p.section_path[:1] in (("Preamble",), ("Préambule",))]
    assert len({p.anchor for p in parsed.passages}) == len(parsed.passages)


@pytest.mark.parametrize(
    ("name", "number", "path", "starts"),
    [
        ("cedaw-en.md", 7, ("PART II",), "States Parties shall take all appropriate measures"),
        ("un-charter-en.txt", 41, ("Chapter VII: Action with Respect to Threats to the Peace, Breaches of the Peace, "
                                   "and Acts of Aggression",), "The Security Council may decide"),
        ("un-charter-en.txt", 9, ("Chapter IV: The General Assembly", "COMPOSITION"), "The General Assembly shall"),
        ("un-charter-fr.txt", 1, ("Chapitre I: Buts et principes",), "Les buts des Nations Unies"),
        ("un-charter-fr.txt", 27, ("Chapitre V: Conseil de sécurité", "VOTE"), "Chaque membre du Conseil"),
    ],
)
def test_real_article_paths(name: str, number: int, path: tuple[str, ...], starts: str) -> None:
    parsed = parse_articles(real(name), "doc", "convention")
    assert parsed is not None
    article = next(p for p in parsed.passages if p.anchor == f"art{number}")
    assert article.section_path == path
    assert article.text.startswith(starts)
