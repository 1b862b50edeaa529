"""The `wpskb` command line: exit codes, reports and JSON output (CONTRACT.md)."""

from __future__ import annotations

import json

import pytest

from webui.cli import cli


@pytest.fixture()
def small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "notes.md").write_text(
        "# Gender and policing\n\nGender mainstreaming in police work means every unit considers women and men.\n\n"
        "## Participation\n\nResolution 1325 (2000) calls for increased participation of women.\n",
        encoding="utf-8",
    )
    return corpus


def test_index_exit_0_when_every_file_is_indexed(runner, small_corpus, tmp_path):
    result = runner.invoke(cli, ["index", "--corpus", str(small_corpus), "--index", str(tmp_path / "idx")])
    assert result.exit_code == 0, result.output
    assert "notes.md" in result.output
    assert "1 file(s) indexed, 0 skipped" in result.output


def test_index_exit_3_and_reason_when_a_file_is_skipped(runner, small_corpus, tmp_path):
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "fake.pdf").write_bytes(b"this is not a PDF at all")
    result = runner.invoke(cli, ["index", "--corpus", str(small_corpus), "--index", str(tmp_path / "idx")])
    assert result.exit_code == 3, result.output
    skipped = [line for line in result.output.splitlines() if line.strip().startswith("skipped")]
    assert any("empty.txt" in line and "[empty]" in line for line in skipped), result.output
    assert any("fake.pdf" in line for line in skipped), result.output
    search = runner.invoke(cli, ["search", "--index", str(tmp_path / "idx"), "--json", "participation"])
    assert search.exit_code == 0, search.output
    assert json.loads(search.output)["total"] >= 1


@pytest.mark.parametrize("args", [
    ["index", "--corpus", "/nonexistent/folder"],
    ["index", "--bogus"],
    ["search"],
    ["search", "--limit", "0", "gender"],
    ["define"],
])
def test_bad_arguments_exit_2(runner, tmp_path, args):
    result = runner.invoke(cli, args + ([] if args[0] != "index" or "--corpus" not in args else ["--index", str(tmp_path)]))
    assert result.exit_code == 2, result.output


def test_search_json_has_the_api_shape(runner, index_root):
    result = runner.invoke(cli, ["search", "--index", str(index_root), "--json", "--limit", "3", "sexual violence"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"query", "total", "page", "took_ms", "suggestion", "facets", "results"} <= set(data)
    assert len(data["results"]) == 3
    assert {"id", "title", "type", "document", "url", "snippet", "text", "score"} <= set(data["results"][0])


@pytest.mark.parametrize(("term", "expected"), [
    ("SEA", "Sexual Exploitation and Abuse"),
    ("gender roles", "Gender roles"),
    ("Gender Role", "Gender roles"),
    ("GBV", "Gender-based violence"),
])
def test_define_json(runner, index_root, term, expected):
    result = runner.invoke(cli, ["define", "--index", str(index_root), "--json", term])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["term"].startswith(expected)
    assert data["definition"] and data["url"].startswith("/glossary/")


def test_define_unknown_term_fails_clearly(runner, index_root):
    result = runner.invoke(cli, ["define", "--index", str(index_root), "zebra crossing"])
    assert result.exit_code == 1
    assert "No glossary entry" in result.output
