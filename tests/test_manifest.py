"""Corpus manifest loading and validation; kind, title and id inference."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.errors import ExtractionError
from indexer.extract import ExtractedFile, extract_file
from indexer.manifest import ManifestEntry, document_id_for, infer_kind, infer_title, load_manifest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REAL_DOCS = Path(__file__).resolve().parents[2] / "shared" / "real-docs"


def write_manifest(folder: Path, body: str) -> Path:
    (folder / "manifest.toml").write_text(body, encoding="utf-8")
    return folder


def test_no_manifest_is_empty(tmp_path: Path) -> None:
    assert load_manifest(tmp_path) == {}


def test_manifest_entries(tmp_path: Path) -> None:
    write_manifest(tmp_path, '''
# a comment
[[document]]
file = "a.pdf"
id = "guide-a"
title = "Guide A"
date = "2019-04"
kind = "guide"

[[document]]
file = "web/b.html"
''')
    assert load_manifest(tmp_path) == {
        "a.pdf": ManifestEntry(file="a.pdf", id="guide-a", title="Guide A", date="2019-04", kind="guide"),
        "web/b.html": ManifestEntry(file="web/b.html"),
    }


@pytest.mark.parametrize(
    "body",
    [
        "[[document]\nfile = 'a.pdf'",  # TOML syntax error
        "[[document]]\ntitle = 'no file'",
        "[[document]]\nfile = 'a.pdf'\nkind = 'novel'",
        "[[document]]\nfile = 'a.pdf'\nid = 'Not A Slug'",
        "[[document]]\nfile = 'a.pdf'\ndate = 'April 2019'",
        "[[document]]\nfile = 'a.pdf'\ndate = 2019",  # not a string
        "[[document]]\nfile = 'a.pdf'\nauthor = 'someone'",  # unknown key
        "[[document]]\nfile = 'a.pdf'\n[[document]]\nfile = 'a.pdf'",  # listed twice
        "[[document]]\nfile = 'a.pdf'\nid = 'x'\n[[document]]\nfile = 'b.pdf'\nid = 'x'",  # id twice
        "[[document]]\nfile = '../outside.pdf'",
        "title = 'stray top-level key'",
        "document = 'not tables'",
    ],
)
def test_bad_manifest(tmp_path: Path, body: str) -> None:
    write_manifest(tmp_path, body)
    with pytest.raises(ExtractionError) as caught:
        load_manifest(tmp_path)
    assert caught.value.code == "bad-manifest"


def test_corpus_manifest() -> None:
    entries = load_manifest(CORPUS)
    guide = entries["003_51e315de7d71ecb8.txt"]
    assert (guide.id, guide.kind, guide.date, guide.url) == ("police-gender-guide", "guide", "2019-04", "")
    assert guide.publisher == "The WPS Group with the RCMP International Deployment Services"
    page = entries["000_c4c3416fd0a9dab6.txt"]
    assert (page.id, page.kind, page.date, page.publisher) == (
        "un-police-female-peacekeepers-network", "webpage", "2011", "United Nations Police")
    assert page.title == "UN Police: International Network of Female Police Peacekeepers"
    assert all((CORPUS / name).is_file() for name in entries)


RESOLUTION = """Resolution 1325 (2000)
Adopted by the Security Council at its 4213th meeting, on 31 October 2000
The Security Council,
Recalling its resolutions 1261 (1999),
1. Urges Member States to ensure increased representation of women;
2. Encourages the Secretary-General to implement his strategic plan;
3. Requests the Secretary-General to appoint more women;
4. Decides to remain actively seized of the matter."""

ARTICLES = "".join(f"Article {n}\nStates Parties shall act.\n\n" for n in range(1, 6))


@pytest.mark.parametrize(
    ("text", "title", "filename", "kind"),
    [
        (RESOLUTION, "", "res.txt", "resolution"),
        ("The Security Council, in its report, urges calm.", "", "news.txt", "document"),
        ("Gender: a social construct.", "Glossary of Terms", "terms.md", "glossary"),
        ("Text.", "", "wps_glossary.txt", "glossary"),
        ("Modules on gender mainstreaming.", "UN Police Gender Toolkit", "x.pdf", "toolkit"),
        ("Chapter one.", "Gender Handbook for Police", "x.pdf", "toolkit"),
        ("This guide has been developed specifically for use by police officers.", "", "x.txt", "guide"),
        ("CHAPTER 1 Basics\n\nText.\n\nCHAPTER 2 Practice\n\nText.", "", "x.txt", "guide"),
        ("Some page text.", "", "page.html", "webpage"),
        ("Some page text.", "", "page.htm", "webpage"),
        ("The Convention on Things.\n\n" + ARTICLES, "", "x.md", "convention"),
        ("Charter of Something\n\n" + ARTICLES.replace("States Parties", "Members"), "", "x.md", "charter"),
        ("Plain notes.", "", "notes.txt", "document"),
    ],
)
def test_infer_kind(text: str, title: str, filename: str, kind: str) -> None:
    assert infer_kind(text, title, filename) == kind


@pytest.mark.parametrize(
    ("name", "kind", "title", "doc_id"),
    [
        ("cedaw-en.md", "convention", "Convention on the Elimination of All Forms of Discrimination against Women",
         "cedaw-en"),
        ("un-charter-en.txt", "charter", "Charter of the United Nations", "un-charter-en"),
        ("un-charter-fr.txt", "charter", "Charte des Nations Unies", "un-charter-fr"),
    ],
)
def test_known_instruments(name: str, kind: str, title: str, doc_id: str) -> None:
    path = REAL_DOCS / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    extracted = extract_file(path)
    # Even without a heading of its own, a known instrument gets its proper title.
    bare = ExtractedFile(text=extracted.text, format="text", title="", metadata={})
    assert infer_title(bare, name) == title
    assert infer_kind(extracted.text, title, name) == kind
    assert document_id_for(name, title) == doc_id


def test_seed_guide_is_inferred_a_guide() -> None:
    extracted = extract_file(CORPUS / "003_51e315de7d71ecb8.txt")
    title = infer_title(extracted, "003_51e315de7d71ecb8.txt")
    assert infer_kind(extracted.text, title, "003_51e315de7d71ecb8.txt") == "guide"


@pytest.mark.parametrize(
    ("title", "text", "filename", "expected"),
    [
        ("A Police Guide", "", "x.pdf", "A Police Guide"),
        ("Microsoft Word - draft3.docx", "", "gender-guide.pdf", "Gender guide"),
        ("untitled", "", "wps_glossary_2020.md", "Wps glossary 2020"),
        ("", "UN Police Gender Toolkit\n\nText.", "004_0123abcd4567.txt", "UN Police Gender Toolkit"),
        ("", "this line is not a heading and goes on for quite a while, far longer than any title should",
         "004_0123abcd4567.txt", "this line is not a heading and goes on for quite a while, far longer than any\u2026"),
    ],
)
def test_infer_title(title: str, text: str, filename: str, expected: str) -> None:
    assert infer_title(ExtractedFile(text=text, format="text", title=title, metadata={}), filename) == expected


@pytest.mark.parametrize(
    ("filename", "title", "doc_id"),
    [
        ("cedaw-en.md", "", "cedaw-en"),
        ("Gender Guide (2019).pdf", "", "gender-guide-2019"),
        ("003_wps-handbook.pdf", "", "wps-handbook"),
        ("000_c4c3416fd0a9dab6.txt", "UN Police: Female Peacekeepers", "un-police-female-peacekeepers"),
        ("000_c4c3416fd0a9dab6.txt", "", "document-" + "a"),  # prefix only: checked below
        ("Résumé_Égalité.md", "", "resume-egalite"),
    ],
)
def test_document_id_for(filename: str, title: str, doc_id: str) -> None:
    result = document_id_for(filename, title)
    if doc_id.startswith("document-"):
        assert result.startswith("document-") and len(result) == len("document-") + 10
        assert result == document_id_for(filename, title)  # stable
    else:
        assert result == doc_id
