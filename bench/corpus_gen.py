"""A large, reproducible benchmark corpus made from the guide's own sentences.

The bundled guide (``corpus/003_*.txt``) is PDF-extracted text. Its sentences, bullet items,
list lead-ins and headings are harvested once, then recombined with a fixed seed into
documents that look like the real thing: a title, numbered sections with headings,
paragraphs of 2-6 sentences and, now and then, a bulleted list under a lead-in line.
Half the files are Markdown (``#`` headings, ``-`` items), half plain text (upper-case
headings, ``•`` items), so both parsers are exercised.

The output depends only on the guide and the seed; a stamp file records both, so an
unchanged corpus is not written again (file contents and modification times stay put).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "corpus" / "003_51e315de7d71ecb8.txt"
SEED = 1325

_BULLET = re.compile(r"^\s*(?:•|›|üü|-\s)\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
_HEADING = re.compile(r"^[A-Z][A-Z ,’'&/()-]{5,70}$")
_NOISE = ("©", "www.", "http", "Photo", "@", " - 19", " - 20", "Source", "S/RES", "Adopted", "....", "Objective:")
_CAPS_RUN = re.compile(r"\b[A-Z’'-]{4,}(?:,?\s+[A-Z’'-]{4,})+\b")  # a heading run into the text
_OPERATIVE_NUMBER = re.compile(r";\s*\d+\.\s*")  # "...; 15. Expresses" in a resolution's text
_DANGLING = {"and", "or", "of", "in", "to", "the", "for", "with", "on", "a", "an", "as", "by", "at"}
# Section headings of field reports, beside the guide's own, so titles and outlines vary.
REPORT_HEADINGS = (
    "Background", "Context", "Key Findings", "Recommendations", "Lessons Learned", "Methodology",
    "Training Needs", "Monitoring and Evaluation", "Partnerships", "Community Engagement",
    "Gender Analysis", "Reporting and Accountability", "Recruitment and Retention",
    "Leadership and Mentoring", "Protection of Civilians", "Security Sector Reform",
    "Next Steps", "Summary", "Challenges", "Good Practices",
)


@dataclass(frozen=True)
class Vocabulary:
    """The raw material harvested from the guide."""

    sentences: tuple[str, ...]
    bullets: tuple[str, ...]
    lead_ins: tuple[str, ...]
    headings: tuple[str, ...]


@dataclass(frozen=True)
class GeneratedCorpus:
    """What :func:`generate` wrote (or found already written)."""

    folder: Path
    files: int
    paragraphs: int  # paragraphs and lists written: the passages a parser should find
    bytes: int
    reused: bool


def harvest(guide: Path = GUIDE) -> Vocabulary:
    """Clean sentences, bullet items, list lead-ins and headings from the guide's text."""
    lines = guide.read_text(encoding="utf-8").splitlines()
    headings: set[str] = set()
    bullets: list[str] = []
    lead_ins: list[str] = []
    prose: list[str] = []
    current_bullet: list[str] = []

    def close_bullet() -> None:
        if current_bullet:
            item = " ".join(current_bullet).strip()
            if 15 <= len(item) <= 220 and not _noisy(item) and not item.isupper() \
                    and item.split()[-1].lower() not in _DANGLING:
                bullets.append(item[0].upper() + item[1:])
            current_bullet.clear()

    for raw in lines:
        line = raw.strip()
        if not line:
            close_bullet()
            prose.append("")
            continue
        if _BULLET.match(line):
            close_bullet()
            current_bullet.append(_BULLET.sub("", line))
            continue
        if current_bullet and line[:1].islower():
            current_bullet.append(line)  # a wrapped bullet item
            continue
        close_bullet()
        if _HEADING.match(line) and not line.endswith(":"):
            words = line.strip(" ,-").lower().split()
            if (2 <= len(words) <= 8 and words[0] not in _DANGLING and words[-1] not in _DANGLING
                    and not {"annex", "glossary", "definitions", "(year)"} & set(words)):
                headings.add(line.strip(" ,-"))
            continue
        if line.endswith(":") and 12 <= len(line) <= 120 and line[0].isupper() and not _noisy(line) \
                and not line.isupper():
            lead_ins.append(line)
        prose.append(line)
    close_bullet()

    sentences: list[str] = []
    for block in "\n".join(prose).split("\n\n"):
        text = re.sub(r"-\n(?=[a-z])", "", block)  # words split across lines
        text = " ".join(text.split())
        for piece in _OPERATIVE_NUMBER.split(text):
            for sentence in _SENTENCE_END.split(piece.strip()):
                if _good_sentence(sentence):
                    sentences.append(sentence)
    return Vocabulary(
        sentences=tuple(dict.fromkeys(sentences)),
        bullets=tuple(dict.fromkeys(bullets)),
        lead_ins=tuple(dict.fromkeys(lead_ins)) or ("Examples include:",),
        headings=tuple(sorted(_heading_text(h) for h in headings)) + REPORT_HEADINGS,
    )


def _noisy(text: str) -> bool:
    """Captions, credits, links, run-in headings or unbalanced quotes: not prose."""
    if any(mark in text for mark in _NOISE) or _CAPS_RUN.search(text):
        return True
    return text.count("“") != text.count("”") or text.count("(") != text.count(")")


def _good_sentence(sentence: str) -> bool:
    if not 50 <= len(sentence) <= 420 or _noisy(sentence):
        return False
    if not sentence[0].isupper() or sentence[-1] not in ".!?" or sentence.endswith(" etc."):
        return False
    letters = sum(c.isalpha() for c in sentence)
    return letters / len(sentence) > 0.7 and not sentence[:3].strip().isdigit()


def _heading_text(heading: str) -> str:
    """An upper-case PDF heading in title case for Markdown ("GENDER ADVISER" -> "Gender Adviser")."""
    acronyms = {"WPS", "UN", "SGBV", "CRSV", "NAP", "UNPOL"}
    words = heading.split()
    return " ".join(
        w if w.strip("(),") in acronyms else w.lower() if i and w.lower() in _DANGLING else w.capitalize()
        for i, w in enumerate(words)
    )


def _document(rng: random.Random, vocab: Vocabulary, markdown: bool, number: int) -> tuple[str, int]:
    """One document's text and the number of paragraphs and lists in it."""
    title_words = rng.sample(vocab.headings, 2)
    title = f"{title_words[0]}: {title_words[1]} (Field Note {number})"
    out: list[str] = [f"# {title}" if markdown else title.upper(), ""]
    blocks = 0
    for section in range(1, rng.randint(5, 10) + 1):
        heading = rng.choice(vocab.headings)
        if markdown:
            out += [f"## {section}. {heading}", ""]
        else:
            out += [f"{section}. {heading.upper()}", ""]
        for _ in range(rng.randint(2, 6)):
            if rng.random() < 0.15 and vocab.bullets:
                items = rng.sample(vocab.bullets, rng.randint(3, 6))
                mark = "-" if markdown else "•"
                out.append(rng.choice(vocab.lead_ins))
                out += [f"{mark} {item}" for item in items]
            else:
                count = rng.randint(2, 6)
                sentences = rng.sample(vocab.sentences, count)
                if markdown:
                    out.append(" ".join(sentences))
                else:  # wrapped at about 90 columns, as the PDF extraction does
                    out += _wrap(" ".join(sentences), 90)
            out.append("")
            blocks += 1
    return "\n".join(out), blocks


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def generate(folder: Path, paragraphs: int = 15_000, seed: int = SEED, guide: Path = GUIDE) -> GeneratedCorpus:
    """Write about ``paragraphs`` paragraphs and lists into ``folder`` as .md and .txt files.

    Reuses the folder when its stamp says it already holds this exact corpus.
    """
    guide_hash = hashlib.sha256(guide.read_bytes()).hexdigest()[:16]
    code_hash = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    stamp_data = {"seed": seed, "paragraphs": paragraphs, "guide": guide_hash, "code": code_hash}
    stamp = folder / ".bench-stamp.json"
    if stamp.is_file():
        try:
            saved = json.loads(stamp.read_text(encoding="utf-8"))
        except ValueError:
            saved = {}
        if saved.get("params") == stamp_data:
            return GeneratedCorpus(folder, saved["files"], saved["written"], saved["bytes"], reused=True)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    vocab = harvest(guide)
    rng = random.Random(seed)
    written = files = size = 0
    while written < paragraphs:
        files += 1
        markdown = files % 2 == 0
        text, blocks = _document(rng, vocab, markdown, files)
        path = folder / f"field-note-{files:04d}.{'md' if markdown else 'txt'}"
        path.write_text(text, encoding="utf-8")
        written += blocks
        size += len(text.encode("utf-8"))
    record = {"params": stamp_data, "files": files, "written": written, "bytes": size}
    stamp.write_text(json.dumps(record, indent=1), encoding="utf-8")  # dot-file: never indexed
    return GeneratedCorpus(folder, files, written, size, reused=False)


if __name__ == "__main__":
    v = harvest()
    print(f"{len(v.sentences)} sentences, {len(v.bullets)} bullets, {len(v.lead_ins)} lead-ins, "
          f"{len(v.headings)} headings")
    print(generate(REPO / "bench" / "work" / "large-corpus"))
