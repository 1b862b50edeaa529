"""Definitional sentences: passages that define a term in running text.

Many terms an officer asks about have no glossary entry but are defined in passing: "In other
words, a gender perspective is the process of assessing the implications for women and men
of any planned action". For a definition question ("what is X", "define X", "X definition")
the engine puts passages with such a sentence about X before the other passages that merely
use X (:func:`mark_defining`).

A sentence defines X when X is its subject (at the start of the text or a sentence, after a
colon, comma or bullet, perhaps after "a", "an" or "the", perhaps followed by its acronym in
brackets) and the verb is a definitional one: "is the process of", "refers to", "means",
"is defined as", "is understood as", "describes", "is a/an/the ...". Words of X may be
singular or plural and joined by spaces or hyphens; case is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from kb.documents import Passage

_LEADS = {"a", "an", "the"}
_VERBS = (
    r"(?:is|are)\s+(?:the\s+process(?:es)?\s+(?:of|by\s+which)|(?:commonly\s+|generally\s+|broadly\s+)?"
    r"(?:defined|understood|described)\s+as|used\s+to\s+(?:describe|refer\s+to)|an?\b|the\b)"
    r"|refers?\s+(?:\w+ly\s+)?to\b|means\b|describes\b|can\s+be\s+defined\s+as\b"
)
_SUBJECT_START = r"(?:^|(?<=[.!?:;,•›“\"(])\s*|(?<=\n))\s*"
MAX_TERM_WORDS = 6


class Marked(Protocol):
    """What :func:`mark_defining` needs of a ranked candidate."""

    passage: Passage
    defines: bool


@lru_cache(maxsize=512)
def defining_pattern(term: str) -> re.Pattern[str] | None:
    """The pattern of a sentence that defines ``term``; None when ``term`` has no words or too many."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", term.lower())
    while words and words[0] in _LEADS:
        words.pop(0)
    if not words or len(words) > MAX_TERM_WORDS:
        return None
    parts = []
    for word in words:
        stem = re.escape(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
        parts.append(stem.replace("'", "['’]").replace("’", "['’]") + r"(?:e?s)?")
    name = r"[\s-]+".join(parts)
    return re.compile(
        rf"{_SUBJECT_START}(?:(?:a|an|the)\s+)?{name}(?:\s*\([^)]{{1,15}}\))?,?\s+(?:{_VERBS})",
        re.IGNORECASE,
    )


def defining_sentence(text: str, term: str) -> str | None:
    """The sentence of ``text`` that defines ``term``, or None."""
    pattern = defining_pattern(term)
    match = pattern.search(text) if pattern is not None else None
    if match is None:
        return None
    start = match.start() + len(match.group(0)) - len(match.group(0).lstrip(" \n.!?:;,•›“\"("))
    end = re.search(r"[.!?](?:\s|$)", text[match.end():])
    return text[start: match.end() + (end.end() if end else len(text))].strip()


def defines(text: str, term: str) -> bool:
    """True when ``text`` holds a sentence defining ``term``."""
    pattern = defining_pattern(term)
    return pattern is not None and pattern.search(text) is not None


def mark_defining(candidates: Iterable[Marked], term: str | None) -> None:
    """Flag the candidates whose passage defines ``term`` (ranking puts them first in their tier)."""
    if not term or defining_pattern(term) is None:
        return
    for candidate in candidates:
        candidate.defines = defines(candidate.passage.text, term)
