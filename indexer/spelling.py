"""Typo tolerance: corrections drawn from the words the corpus actually uses.

Whoosh's ``correct_query`` works on stemmed index terms (so it suggests "organ" for
"organisaton"), can change numbers ("1888" -> "1889") and can repeat a word. This module
corrects surface words instead, against a vocabulary of the corpus's own words with their
frequencies, and never touches a word with a digit in it or a word the vocabulary knows.
Candidates share the first letter and lie within edit distance 1 (2 for words of eight or
more letters); the most frequent closest word wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

MIN_WORD = 3
MAX_CANDIDATES = 5


def build_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-case words (letters only, three or more) of ``texts`` with their counts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in re.findall(r"[^\W\d_]{3,}", text.lower()))
    return counts


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), capped at ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def max_distance(word: str) -> int:
    """How far a correction of ``word`` may be: 1 edit, 2 for long words."""
    return 2 if len(word) >= 8 else 1


def candidates(word: str, vocabulary: Mapping[str, int],
               is_known: Callable[[str], bool] | None = None) -> list[str]:
    """Up to MAX_CANDIDATES vocabulary words close to ``word``, best first ([] for a known word)."""
    word = word.lower()
    if len(word) < MIN_WORD or any(c.isdigit() for c in word) or word in vocabulary:
        return []
    if is_known is not None and is_known(word):
        return []
    limit = max_distance(word)
    scored = []
    for known, count in vocabulary.items():
        if known[0] != word[0] or abs(len(known) - len(word)) > limit:
            continue
        distance = edit_distance(word, known, limit)
        if distance <= limit:
            scored.append((distance, -count, known))
    return [w for _, _, w in sorted(scored)[:MAX_CANDIDATES]]


def correct(words: Iterable[str], vocabulary: Mapping[str, int],
            is_known: Callable[[str], bool] | None = None) -> list[str] | None:
    """``words`` with unknown ones replaced by their best correction; None when nothing changes.

    Numbers and known words (in ``vocabulary``, or accepted by ``is_known``, e.g. a British
    spelling the analyzer folds onto an indexed word) stay as typed, and a correction that
    would repeat the word before or after it is not used.
    """
    words = list(words)
    changed = False
    result: list[str] = []
    for index, word in enumerate(words):
        replacement = word
        for candidate in candidates(word, vocabulary, is_known):
            neighbours = {result[-1] if result else None, words[index + 1] if index + 1 < len(words) else None}
            if candidate not in neighbours:
                replacement = candidate
                break
        changed |= replacement != word
        result.append(replacement)
    return result if changed else None


def unknown_words(words: Iterable[str], vocabulary: Counter[str]) -> list[str]:
    """The words (three letters or more, no digits) the corpus never uses."""
    return [w for w in words if len(w) >= MIN_WORD and not any(c.isdigit() for c in w)
            and w.lower() not in vocabulary]
