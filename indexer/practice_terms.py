"""The terms a resolution paragraph and a practice passage are compared on (for ``indexer.mandate``).

A text becomes three kinds of term, each remembering the words it came from so a reader can
be shown them:

* ``"train"``: a stem of the index's English chain (``indexer.analysis``);
* ``"sexual violenc"``: two stems next to each other with no punctuation between them (stop
  words may sit in the gap: "women and girls");
* ``"=gender-mainstreaming-gm"``: a glossary concept, met under any of its names; an acronym
  only in capitals, so "SEA" is not "sea".

Before any of that, the Council's drafting language is masked (:func:`drafting_masks`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.analysis import TOKEN_PATTERN, english_terms
from kb.glossary import Glossary
from kb.resolutions import Resolution

WORD_WEIGHT, PHRASE_WEIGHT, CONCEPT_WEIGHT = 1.0, 2.0, 3.0

# Procedural words of Security Council resolutions: who acts, how the Council asks, and the
# phrases its drafting repeats. They tie a paragraph to every other paragraph, not to any
# practice, and no phrase runs across them.
DRAFTING_WORDS: tuple[str, ...] = (
    "Security Council", "Council", "Member States", "States", "Secretary-General", "United Nations", "UN",
    "resolution", "resolutions", "relevant", "including", "include", "inter alia", "appropriate", "appropriately",
    "particular", "particularly", "further", "also", "regard", "matter", "take into account", "take into consideration",
    "urges", "requests", "calls", "calls upon", "encourages", "decides", "stresses", "notes", "affirms",
    "expresses", "invites", "emphasizes", "reaffirms", "demands", "recalls", "welcomes",
    "willingness", "readiness", "intention", "where", "wherever", "possible", "necessary",
)
# Function words the index keeps for phrase search but that say nothing about a topic. They
# are skipped like stop words: "violence against women" is still the phrase "violence women".
FUNCTION_WORDS: frozenset[str] = frozenset(
    "all any both each every other such same own more most less well very only also not no nor so than too "
    "can could may might must shall should would who whom whose what when how why its his him her he she we "
    "you your our us i me my do does did done being having about above against among between during through "
    "within without upon under over via per out up ensure ensuring make take taken".split()
)
# A word found in at least this share of the paragraphs of every resolution held is no topic
# on its own ("women", "conflict"), though it still counts inside a phrase.
SHARED_BY_ALL_RESOLUTIONS = 0.4
_BREAK = re.compile(r"[^\w\s'\u2019-]")  # punctuation between two words ends a phrase
_COORDINATION = re.compile(r"^\s+(?:and|or)\s+$", re.IGNORECASE)
_TOKEN = re.compile(TOKEN_PATTERN)
_FUNCTION_STEMS = frozenset(s for w in FUNCTION_WORDS for s in english_terms(w))


@dataclass(frozen=True)
class Concepts:
    """Glossary terms as they can be met in text: stem sequences of their names, and their acronyms.

    An acronym also stands for the words of its term: "SGBV" counts as "sexual and
    gender-based violence" (``expansions``).
    """

    by_first_stem: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # stem -> ((stems, key), ...)
    acronyms: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]  # (pattern, key, stems of the full name)
    expansions: dict[str, str]  # key -> the term's full name


_NO_CONCEPTS = Concepts({}, (), {})


@dataclass(frozen=True)
class Masks:
    """What is not a term: drafting phrases and words (never counted), and words common to all resolutions."""

    phrases: tuple[tuple[str, ...], ...]
    words: frozenset[str]
    common: frozenset[str] = frozenset()


@dataclass
class Analysed:
    """A text's terms and their frequency; ``detailed``, also each term's weight, stems and written words."""

    detailed: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    weights: dict[str, float] = field(default_factory=dict)
    stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    surfaces: dict[str, str] = field(default_factory=dict)
    length: int = 0  # words that count, for BM25's length normalisation

    def add(self, term: str, weight: float, stems: tuple[str, ...], text: str, start: int, end: int) -> None:
        """Count one occurrence of ``term`` (``text[start:end]``); the first occurrence's words are the ones shown."""
        self.counts[term] += 1
        if self.detailed and term not in self.weights:
            self.weights[term] = weight
            self.stems[term] = stems
            self.surfaces[term] = " ".join(text[start:end].split())


def concept_patterns(glossary: Glossary) -> Concepts:
    """Every glossary term, keyed ``"=<slug>"``, findable by the first stem of each name or by its acronym."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    acronyms, expansions = [], {}
    for term in glossary:
        key = f"={term.slug}"
        full = re.sub(r"\s*\([^)]*\)", "", term.term).strip() or term.term  # "Gender-based violence (GBV)"
        expansions[key] = full
        for name in term.names:
            if re.fullmatch(r"[A-Z][A-Z0-9+]+", name.strip()):
                acronyms.append((re.compile(rf"(?<!\w){re.escape(name.strip())}(?![\w+])"), key,
                                 tuple(english_terms(full))))
            elif stems := tuple(english_terms(name)):
                if (stems, key) not in by_first.setdefault(stems[0], []):
                    by_first[stems[0]].append((stems, key))
    return Concepts({k: tuple(v) for k, v in by_first.items()}, tuple(acronyms), expansions)


def drafting_masks(resolutions: Iterable[Resolution]) -> Masks:
    """:data:`DRAFTING_WORDS`, and the words common to the paragraphs of every resolution held (two or more)."""
    fixed = [tuple(english_terms(words)) for words in DRAFTING_WORDS]
    masks = Masks(tuple(sorted({s for s in fixed if len(s) > 1}, key=len, reverse=True)),
                  frozenset(s[0] for s in fixed if len(s) == 1))
    texts = [[p.text for p in r.paragraphs] for r in resolutions if r.paragraphs]
    if len(texts) < 2:
        return masks
    shares = []
    for paragraphs in texts:
        seen = Counter(t for text in paragraphs for t in analyse(text, _NO_CONCEPTS, masks).counts
                       if " " not in t and not t.startswith("="))
        shares.append({stem: n / len(paragraphs) for stem, n in seen.items()})
    common = {stem for stem in shares[0] if all(s.get(stem, 0.0) >= SHARED_BY_ALL_RESOLUTIONS for s in shares)}
    return Masks(masks.phrases, masks.words, frozenset(common))


def analyse(text: str, concepts: Concepts, masks: Masks, operative: bool = False) -> Analysed:
    """The terms of ``text``.

    ``operative`` is for a resolution's paragraph: the verb it opens with ("Urges") and the
    names of bodies and instruments inside it ("the Special Committee on Peacekeeping
    Operations") say whom the Council addresses, not what is to be done, so they are masked.
    """
    tokens = _tokens(text)
    stems = [t[0] for t in tokens]
    breaks = [stem in masks.words or not _is_word(stem) for stem in stems]
    if operative and tokens:
        breaks[0] = True
        for i, (_, start, end) in enumerate(tokens):
            breaks[i] = breaks[i] or _is_name(text, start, end)
    firsts = {phrase[0] for phrase in masks.phrases}
    for i in [i for i, stem in enumerate(stems) if stem in firsts]:
        for phrase in masks.phrases:  # longest first
            if tuple(stems[i:i + len(phrase)]) == phrase:
                breaks[i:i + len(phrase)] = [True] * len(phrase)
                break
    # The words that count, in order, each with whether it joins the previous one into a phrase.
    words: list[tuple[int, bool]] = []
    joined = False
    for i, stem in enumerate(stems):
        if breaks[i]:
            joined = False
        elif stem not in _FUNCTION_STEMS:
            gap = text[tokens[words[-1][0]][2]:tokens[i][1]] if words else ""
            words.append((i, joined and not _BREAK.search(gap)))
            joined = True
    result = Analysed(detailed=operative, length=len(words))
    for n, (i, _) in enumerate(words):
        stem, start, end = tokens[i]
        if stem not in masks.common:
            result.add(stem, WORD_WEIGHT, (stem,), text, start, end)
        if n + 1 < len(words) and words[n + 1][1]:
            j = words[n + 1][0]
            result.add(f"{stem} {stems[j]}", PHRASE_WEIGHT, (stem, stems[j]), text, start, tokens[j][2])
            if _COORDINATION.match(text[end:tokens[j][1]]):
                _add_distributed(result, text, tokens, words, n, concepts)
    for i, stem in enumerate(stems):
        for pattern, key in concepts.by_first_stem.get(stem, ()):
            if tuple(stems[i:i + len(pattern)]) == pattern:
                result.add(key, CONCEPT_WEIGHT, pattern, text, tokens[i][1], tokens[i + len(pattern) - 1][2])
    for acronym, key, full in concepts.acronyms:
        for match in acronym.finditer(text):
            result.add(key, CONCEPT_WEIGHT, full, text, match.start(), match.end())
            for term, tf in _expansion(concepts.expansions[key], masks).counts.items():
                result.counts[term] += tf
    return result


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word the index would keep, stop words dropped.

    Every step of the English chain works on one word at a time, so each distinct word is
    put through the chain once and remembered: the same terms as the index, far faster.
    """
    tokens = []
    for match in _TOKEN.finditer(text):
        stem = _stem(match.group())
        if stem is not None:
            tokens.append((stem, match.start(), match.end()))
    return tokens


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str | None:
    terms = english_terms(word)
    return terms[0] if len(terms) == 1 else None


@lru_cache(maxsize=1024)
def _expansion(name: str, masks: Masks) -> Analysed:
    """The terms of an acronym's full name (the same for every occurrence, so analysed once)."""
    return analyse(name, _NO_CONCEPTS, masks)


def _add_distributed(result: Analysed, text: str, tokens: list, words: list[tuple[int, bool]], n: int,
                     concepts: Concepts) -> None:
    """"sexual and gender-based violence" also says "sexual violence": A and B C (B hyphenated or not) gives A C."""
    m = n + 1
    while m + 1 < len(words) and text[tokens[words[m][0]][2]:tokens[words[m + 1][0]][1]] == "-":
        m += 1
    if m + 1 < len(words) and words[m + 1][1] and text[tokens[words[m][0]][2]:tokens[words[m + 1][0]][1]].isspace():
        first, last = tokens[words[n][0]], tokens[words[m + 1][0]]
        pair = (first[0], last[0])
        # Shown as the two words it joins ("technical support"), not the words between.
        shown = f"{text[first[1]:first[2]]} {text[last[1]:last[2]]}"
        result.add(" ".join(pair), PHRASE_WEIGHT, pair, shown, 0, len(shown))
        for pattern, key in concepts.by_first_stem.get(first[0], ()):
            if pattern == pair:
                result.add(key, CONCEPT_WEIGHT, pattern, shown, 0, len(shown))


def _is_name(text: str, start: int, end: int) -> bool:
    """A capitalised word inside a sentence: part of the name of a body or an instrument."""
    word = text[start:end]
    before = text[:start].rstrip()
    return word[:1].isupper() and not word.isupper() and bool(before) and before[-1] not in ".:;)(\u2022"


@lru_cache(maxsize=200_000)
def _is_word(stem: str) -> bool:
    return len(stem) > 1 and not any(c.isdigit() for c in stem)


def term_label(surface: str, texts: Iterable[str]) -> str:
    """How a shared term is shown: as written when a matched text has it so too (names, acronyms), else lower case."""
    if surface.isupper() or any(surface in text for text in texts):
        return surface
    return surface.lower()
