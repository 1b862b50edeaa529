"""Scoring: the TSV rule, the metrics, the FTS5 baseline, the report table."""

from __future__ import annotations

import pytest

from indexer.baseline import Fts5Baseline, fts5_query
from indexer.evaluate import EvalQuery, answers, format_report, read_queries, score

TSV = (
    "# query\tneedle (any of, separated by ' || ')\tpersona\n"
    "what is gender\tsocially constructed roles\tofficer\n"
    "hiv training\thiv/ aids awareness || hiv/aids awareness\ttrainer\n"
    "nothing\tnever there\tresearcher\n"
)


@pytest.fixture()
def tsv(tmp_path):
    path = tmp_path / "queries.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_read_queries(tsv):
    rows = read_queries(tsv)
    assert [r.query for r in rows] == ["what is gender", "hiv training", "nothing"]
    assert rows[1].needles == ("hiv/ aids awareness", "hiv/aids awareness")
    assert rows[0].persona == "officer"


@pytest.mark.parametrize(("text", "needles", "expected"), [
    ("Gender refers to the SOCIALLY\n constructed   roles and", ("socially constructed roles",), True),
    ("HIV/AIDS awareness training", ("hiv/ aids awareness", "hiv/aids awareness"), True),
    ("something else", ("socially constructed roles",), False),
    ("socially constructed roles " + "x" * 2500, ("socially constructed roles",), False),  # too long to count
])
def test_answers_rule(text, needles, expected):
    assert answers(text, needles) is expected


@pytest.mark.parametrize(("rankings", "s1", "s5", "mrr"), [
    ({"a": ["yes"], "b": ["yes"]}, 1.0, 1.0, 1.0),
    ({"a": ["no", "yes"], "b": ["no"] * 10}, 0.0, 0.5, 0.25),
    ({"a": ["no"] * 5 + ["yes"], "b": ["yes"]}, 0.5, 0.5, (1 / 6 + 1) / 2),
    ({"a": [], "b": ["no"] * 10 + ["yes"]}, 0.0, 0.0, 0.0),  # beyond rank 10 never counts
])
def test_metrics(rankings, s1, s5, mrr):
    questions = [EvalQuery("a", ("yes",)), EvalQuery("b", ("yes",))]
    report = score("t", questions, lambda q: rankings[q])
    assert (report.success_at_1, report.success_at_5) == (s1, s5)
    assert report.mrr_at_10 == pytest.approx(mrr)
    assert len(report.misses) == sum(1 for q in "ab" if not (rankings[q][:1] == ["yes"]))


@pytest.mark.parametrize(("text", "match"), [
    ("gender roles", '"gender" OR "roles"'),
    ('say "hi" OR NOT x*', '"say" OR "hi" OR "OR" OR "NOT" OR "x"'),
    ("?!", ""),
])
def test_fts5_query_escaping(text, match):
    assert fts5_query(text) == match


def test_baseline_scores_with_the_same_rule(tsv):
    baseline = Fts5Baseline([("a.txt", "Gender refers to the socially constructed roles."),
                             ("a.txt", "Integrate HIV/AIDS awareness training."),
                             ("b.txt", "Unrelated text about gender.")])
    report = score("fts5", read_queries(tsv), baseline.search)
    assert report.success_at_5 == pytest.approx(2 / 3)
    assert "nothing" in [m.query for m in report.misses]
    assert baseline.search('NEAR( "unbalanced') is not None


def test_format_report_is_a_table(tsv):
    report = score("engine", read_queries(tsv), lambda q: ["socially constructed roles"])
    text = format_report(report, report)
    assert text.splitlines()[0].split() == ["engine", "queries", "success@1", "success@5", "MRR@10"]
    assert "engine" in text.splitlines()[1] and "0.333" in text
    assert "'hiv training'" in text


@pytest.mark.slow
def test_dev_set_beats_baseline(backend, corpus_dirs):
    from indexer.baseline import evaluate_baseline
    from indexer.evaluate import evaluate
    from tests.conftest import DEV_QUERIES

    if not DEV_QUERIES.is_file():
        pytest.skip("the shared dev queries are not beside the checkout")
    engine = evaluate(backend, DEV_QUERIES)
    baseline = evaluate_baseline(corpus_dirs, DEV_QUERIES)
    assert engine.success_at_1 > baseline.success_at_1
    assert engine.mrr_at_10 > baseline.mrr_at_10
