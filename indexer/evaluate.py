"""Scoring a search engine on a TSV of questions, with the rule the TSV's header states.

Each row is ``query <TAB> needles <TAB> persona``; needles are separated by `` || ``. A hit
counts when its whitespace-normalised, lower-cased text contains any needle; a text over
2,500 characters never counts (a whole document is not an answer). The report gives
success@1, success@5 and MRR@10, and every query whose first result missed, with what came
first instead. The same scorer serves any ranked list of texts, so the FTS5 baseline
(``indexer.baseline``) is scored identically.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexer.interface import QueryError, SearchBackend, SearchQuery

MAX_COUNTED_CHARS = 2500
DEPTH = 10


@dataclass(frozen=True)
class EvalQuery:
    """One question and what a right answer contains."""

    query: str
    needles: tuple[str, ...]
    persona: str = ""


@dataclass(frozen=True)
class Miss:
    """A question whose first result did not answer it."""

    query: str
    needle: str
    first: str  # the start of what came first ("" when nothing did)
    rank: int | None  # where an answer did come, 1-based, if within DEPTH


@dataclass(frozen=True)
class EvalReport:
    """Scores of one engine over a question set."""

    name: str
    queries: int
    success_at_1: float
    success_at_5: float
    mrr_at_10: float
    misses: tuple[Miss, ...] = ()
    by_persona: dict[str, tuple[float, float, float]] = field(default_factory=dict)


def normalize(text: str) -> str:
    """Whitespace collapsed to single spaces, lower case."""
    return re.sub(r"\s+", " ", text).strip().lower()


def read_queries(tsv_path: Path) -> list[EvalQuery]:
    """The questions of a TSV file (lines starting with '#' are comments)."""
    rows: list[EvalQuery] = []
    with open(tsv_path, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            needles = tuple(normalize(n) for n in (row[1] if len(row) > 1 else "").split(" || ") if n.strip())
            rows.append(EvalQuery(row[0].strip(), needles, row[2].strip() if len(row) > 2 else ""))
    return rows


def answers(text: str, needles: Sequence[str]) -> bool:
    """True when ``text`` counts as an answer: short enough and containing a needle."""
    if len(text) > MAX_COUNTED_CHARS:
        return False
    folded = normalize(text)
    return any(n in folded for n in needles)


def score(name: str, questions: Sequence[EvalQuery], search: Callable[[str], list[str]]) -> EvalReport:
    """Run ``search`` (query -> ranked texts) over ``questions`` and score it."""
    ones = fives = 0
    reciprocal = 0.0
    misses: list[Miss] = []
    persona_ranks: dict[str, list[int | None]] = {}
    for question in questions:
        try:
            texts = search(question.query)[:DEPTH]
        except QueryError:
            texts = []
        rank = next((i for i, t in enumerate(texts, 1) if answers(t, question.needles)), None)
        persona_ranks.setdefault(question.persona, []).append(rank)
        if rank == 1:
            ones += 1
        else:
            first = " ".join(texts[0].split())[:120] if texts else ""
            misses.append(Miss(question.query, question.needles[0] if question.needles else "", first, rank))
        if rank is not None and rank <= 5:
            fives += 1
        if rank is not None:
            reciprocal += 1.0 / rank
    count = max(1, len(questions))
    by_persona = {
        persona: (
            sum(r == 1 for r in ranks) / len(ranks),
            sum(r is not None and r <= 5 for r in ranks) / len(ranks),
            sum(1.0 / r for r in ranks if r) / len(ranks),
        )
        for persona, ranks in persona_ranks.items()
    }
    return EvalReport(name, len(questions), ones / count, fives / count, reciprocal / count,
                      tuple(misses), by_persona)


def evaluate(backend: SearchBackend, tsv_path: Path, name: str = "engine") -> EvalReport:
    """Score ``backend`` on the questions in ``tsv_path``."""
    def search(text: str) -> list[str]:
        return [hit.text for hit in backend.search(SearchQuery(text, limit=DEPTH)).hits]

    return score(name, read_queries(tsv_path), search)


def format_report(*reports: EvalReport) -> str:
    """A small table of the reports' scores, then each report's misses."""
    lines = [f"{'engine':<12} {'queries':>7} {'success@1':>10} {'success@5':>10} {'MRR@10':>8}"]
    for report in reports:
        lines.append(f"{report.name:<12} {report.queries:>7} {report.success_at_1:>10.3f} "
                     f"{report.success_at_5:>10.3f} {report.mrr_at_10:>8.3f}")
    for report in reports:
        if report.by_persona:
            lines.append("")
            lines.append(f"{report.name} by persona (success@1 / success@5 / MRR@10):")
            for persona, (one, five, mrr) in sorted(report.by_persona.items()):
                lines.append(f"  {persona or '-':<12} {one:.3f} / {five:.3f} / {mrr:.3f}")
    for report in reports:
        if report.misses:
            lines.append("")
            lines.append(f"{report.name}: first result missed for {len(report.misses)} queries")
            for miss in report.misses:
                where = f"answer at {miss.rank}" if miss.rank else "no answer in top 10"
                lines.append(f"  {miss.query!r} ({where}); wanted {miss.needle!r}; first: {miss.first!r}")
    return "\n".join(lines)
