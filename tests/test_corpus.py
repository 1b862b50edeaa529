"""Integration: the seeds and the public reference texts rebuilt into a knowledge base."""

from __future__ import annotations

import re

import pytest

from indexer.corpus import build_knowledge_base, discover_files
from kb.documents import MAX_PASSAGE_CHARS
from kb.resolutions import WPS_RESOLUTIONS

ANNEX_A_TERMS = [
    "Conflict-related sexual violence", "Gender", "Gender balance", "Gender-based Analysis Plus", "Gender-based violence",
    "Gender discrimination", "Gender equality", "Gender equity", "Gender expression", "Gender identity",
    "Gender mainstreaming", "Gender roles", "Intersex", "LGBTQ2", "Sex", "Sexual abuse",
    "Sexual Exploitation and Abuse", "Sexual violence", "Trans", "Women's Empowerment",
    "Women, Peace and Security Agenda",
]

FACTS = {  # number: (adopted, meeting), as recorded in kb/data/wps-resolutions.toml
    1325: ("2000-10-31", 4213), 1820: ("2008-06-19", 5916), 1888: ("2009-09-30", 6195), 1889: ("2009-10-05", 6196),
    1960: ("2010-12-16", 6453), 2106: ("2013-06-24", 6984), 2122: ("2013-10-18", 7044), 2242: ("2015-10-13", 7533),
    2467: ("2019-04-23", 8514), 2493: ("2019-10-29", 8649),
}


@pytest.mark.parametrize(("number", "preambular", "operative"), [(1325, 11, 18), (1820, 14, 16)])
def test_resolution_paragraph_counts(knowledge_base, number, preambular, operative):
    resolution = knowledge_base.resolutions[number]
    assert len(resolution.preambular()) == preambular
    assert [p.number for p in resolution.operative()] == list(range(1, operative + 1))


@pytest.mark.parametrize(("number", "paragraph", "starts", "contains"), [
    (1325, 1, "Urges Member States to ensure increased representation", "resolution of conflict"),
    (1325, 8, "Calls on all actors involved", "(c) Measures that ensure the protection"),
    (1325, 11, "Emphasizes the responsibility of all States", "amnesty provisions"),
    (1325, 18, "Decides to remain actively seized", "seized"),
    (1820, 1, "Stresses that sexual violence", "widespread or systematic sexual violence;"),
    (1820, 11, "Stresses the important role the Peacebuilding Commission", "gender issues"),
])
def test_operative_paragraphs_start_with_their_own_words(knowledge_base, number, paragraph, starts, contains):
    text = knowledge_base.resolutions[number].paragraph(paragraph).text
    assert text.startswith(starts)
    assert contains in text
    assert "ANNEX" not in text and "Adopted by" not in text


@pytest.mark.parametrize("term", ANNEX_A_TERMS + ["SGBV", "CRSV"])
def test_glossary_entries_are_clean(knowledge_base, term):
    entry = knowledge_base.glossary.lookup(term)
    assert entry is not None, term
    assert "©" not in entry.definition and "Photo" not in entry.definition
    assert not re.search(r"[a-z]\d\b", entry.definition), entry.definition  # no footnote mark glued to a word
    assert not re.search(r"(^|\n)\s*\d{1,3}\s*(\n|$)", entry.definition)  # no lone page number


@pytest.mark.parametrize(("number", "adopted", "meeting"), [(n, a, m) for n, (a, m) in FACTS.items()])
def test_registry_facts(knowledge_base, number, adopted, meeting):
    resolution = knowledge_base.resolutions[number]
    assert (resolution.adopted.isoformat(), resolution.meeting) == (adopted, meeting)


def test_registry_has_the_ten_with_overviews(knowledge_base):
    assert tuple(knowledge_base.resolutions) == WPS_RESOLUTIONS
    with_overview = [n for n, r in knowledge_base.resolutions.items() if r.overview]
    assert set(with_overview) >= {1325, 1820, 1888, 1889, 1960, 2106, 2122, 2242, 2467}


@pytest.mark.parametrize(("number", "cited_as"), [(1820, "1820 (2009)"), (1960, "1960 (2011)"), (1889, "1889 (2010)")])
def test_year_conflicts_flagged(knowledge_base, number, cited_as):
    conflicts = [m for m in knowledge_base.mentions(number) if m.year_conflict]
    assert cited_as in [m.cited_as for m in conflicts]


@pytest.mark.parametrize(("number", "cited_as"), [(1325, "1325 (2000)"), (1960, "1960 (2010)")])
def test_correct_years_not_flagged(knowledge_base, number, cited_as):
    matching = [m for m in knowledge_base.mentions(number) if m.cited_as.endswith(cited_as)]
    assert matching and not any(m.year_conflict for m in matching)


def test_citations_between_resolutions(knowledge_base):
    assert 1325 in knowledge_base.cites(1820)
    assert 1820 in knowledge_base.cited_by(1325)
    assert {1261, 1265, 1296, 1314} <= set(knowledge_base.cites(1325))


def test_every_passage_is_small_and_clean(knowledge_base):
    for passage in knowledge_base.passages():
        assert 0 < len(passage.text) <= MAX_PASSAGE_CHARS, passage.id
        assert "© UN Photo" not in passage.text, passage.id
        assert passage.id == f"{passage.document_id}/{passage.anchor}"


def test_passage_ids_are_unique(knowledge_base):
    ids = [p.id for p in knowledge_base.passages()]
    assert len(ids) == len(set(ids))


def test_citation_offsets_point_into_the_passage(knowledge_base):
    for passage in knowledge_base.passages():
        for citation in passage.citations:
            assert passage.text[citation.start:citation.end] == citation.text


@pytest.mark.parametrize(("file_name", "articles", "language"), [
    ("cedaw-en.md", 30, "en"), ("un-charter-en.txt", 111, "en"), ("un-charter-fr.txt", 111, "fr"),
])
def test_real_docs_index_into_articles(corpus_build, corpus_dirs, file_name, articles, language):
    if len(corpus_dirs) < 2:
        pytest.skip("../shared/real-docs is not beside the checkout")
    report = next(r for r in corpus_build.reports if r.path == file_name)
    assert report.status in ("indexed", "cached")
    document = corpus_build.kb.document(report.documents[0])
    numbers = {p.number for p in document.passages if p.role == "article"}
    assert numbers == set(range(1, articles + 1))
    assert document.language == language


def test_every_corpus_file_is_indexed(corpus_build, corpus_dirs):
    assert corpus_build.skipped == ()
    assert len(corpus_build.reports) == len(discover_files(corpus_dirs)) >= 2


def test_unreadable_file_is_reported_and_the_rest_indexed(tmp_path):
    (tmp_path / "good.md").write_text("# Women and peace\n\nParticipation of women in peace processes.\n")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    build = build_knowledge_base([tmp_path])
    statuses = {r.path: (r.status, r.reason) for r in build.reports}
    assert statuses["good.md"][0] == "indexed"
    assert statuses["broken.pdf"][0] == "skipped" and statuses["broken.pdf"][1]
    assert any("Participation of women" in p.text for p in build.kb.passages())


def test_cache_reuses_unchanged_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("# Title\n\nSome text about gender equality.\n")
    first = build_knowledge_base([corpus], cache_dir=tmp_path / "cache")
    second = build_knowledge_base([corpus], cache_dir=tmp_path / "cache")
    assert [r.status for r in first.reports] == ["indexed"]
    assert [r.status for r in second.reports] == ["cached"]
    assert [p.text for p in first.kb.passages()] == [p.text for p in second.kb.passages()]


def test_symlinks_outside_the_corpus_are_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret text that must not be indexed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "link.txt").symlink_to(outside / "secret.txt")
    (corpus / "dir").symlink_to(outside)
    assert discover_files([corpus]) == []
