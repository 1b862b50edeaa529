"""Acronyms and their expansions, learned from the corpus plus a short curated list.

Writers introduce an acronym once, in brackets after its expansion: "sexual and gender-based
violence (SGBV)", "Formed Police Unit (FPU)". :func:`learn_acronyms` finds those pairs by
checking that the capitals of the acronym are the initials of the words just before the
bracket (small words such as "and" or "of" may be skipped). The glossary's own acronyms are
added too. The engine expands queries with these pairs: a query for "SGBV" also matches
"sexual and gender-based violence", and vice versa; the index itself stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.knowledge_base import KnowledgeBase

CURATED: dict[str, str] = {
    "SGBV": "sexual and gender-based violence",
    "GBV": "gender-based violence",
    "CRSV": "conflict-related sexual violence",
    "SEA": "sexual exploitation and abuse",
    "GBA+": "gender-based analysis plus",
    "GBA": "gender-based analysis",
    "GM": "gender mainstreaming",
    "WPS": "women, peace and security",
    "NAP": "national action plan",
    "UNPOL": "United Nations Police",
    "FPU": "formed police unit",
    "IDP": "internally displaced persons",
    "DDR": "disarmament, demobilization and reintegration",
    "SSR": "security sector reform",
    "SRSG": "Special Representative of the Secretary-General",
    "IAWP": "International Association of Women Police",
    "CEDAW": "Convention on the Elimination of All Forms of Discrimination against Women",
    "DPKO": "Department of Peacekeeping Operations",
    "DPO": "Department of Peace Operations",
    "UNSCR": "United Nations Security Council resolution",
    "UNSC": "United Nations Security Council",
    "RCMP": "Royal Canadian Mounted Police",
    "GFP": "gender focal point",
    "LGBTQ": "lesbian, gay, bisexual, transgender, queer",
    "HIV": "human immunodeficiency virus",
    "ICC": "International Criminal Court",
    "NGO": "non-governmental organization",
    "CSO": "civil society organization",
    "FIAP": "Feminist International Assistance Policy",
    "UN": "United Nations",
}

_SMALL = frozenset("and of the for on in to a an with de des du la le et".split())
_BRACKETED = re.compile(r"\(([A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*\+?|[A-Z]{2,}s?)\)")
_WORD = re.compile(r"[A-Za-z][\w'\u2019]*")


def _expansion_before(text: str, acronym: str) -> str | None:
    """The words just before ``(ACRONYM)`` whose initials spell it, or None."""
    letters = [c.lower() for c in acronym.rstrip("+") if c.isupper()]
    if not 2 <= len(letters) <= 8:
        return None
    # Split hyphenated words so "gender-based" contributes "g" and "b".
    words = [m for m in _WORD.finditer(re.sub(r"[-\u2010-\u2015/]", " ", text[-200:]))]
    picked: list[str] = []
    need = list(letters)
    for match in reversed(words):
        word = match.group(0)
        if not need:
            break
        if word.lower()[0] == need[-1]:
            picked.append(word)
            need.pop()
        elif word.lower() in _SMALL and picked:
            picked.append(word)
        else:
            return None
    if need:
        return None
    phrase_words = list(reversed(picked))
    while phrase_words and phrase_words[0].lower() in _SMALL:
        phrase_words.pop(0)
    return " ".join(phrase_words) if len(phrase_words) >= len(letters) else None


def learn_acronyms(texts: Iterable[str]) -> dict[str, str]:
    """``{ACRONYM: expansion}`` from "expansion (ACRONYM)" pairs in ``texts`` (first seen wins)."""
    found: dict[str, str] = {}
    for text in texts:
        for match in _BRACKETED.finditer(text):
            acronym = match.group(1)
            if acronym.endswith("s") and acronym[:-1].isupper():
                acronym = acronym[:-1]  # "(IDPs)" introduces IDP
            if acronym in found:
                continue
            expansion = _expansion_before(text[: match.start()].rstrip(), acronym)
            if expansion:
                found[acronym] = expansion
    return found


class AcronymTable:
    """Acronym <-> expansion lookups for query expansion."""

    def __init__(self, pairs: dict[str, str]) -> None:
        self.expansions: dict[str, list[str]] = {}
        self.acronyms: dict[str, str] = {}
        for acronym, expansion in pairs.items():
            key = acronym.lower()
            phrase = _fold(expansion)
            if phrase and phrase not in self.expansions.setdefault(key, []):
                self.expansions[key].append(phrase)
            self.acronyms.setdefault(phrase, acronym)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> AcronymTable:
        """Curated pairs, then the glossary's acronyms, then pairs the corpus introduces."""
        pairs = dict(CURATED)
        for term in kb.glossary:
            if term.acronym:
                name = re.sub(r"\s*\([^)]*\)\s*$", "", term.term).strip()
                pairs.setdefault(term.acronym, name)
        learned = learn_acronyms(p.text for p in kb.passages() if p.language == "en")
        for acronym, expansion in learned.items():
            pairs.setdefault(acronym, expansion)
        table = cls(pairs)
        # Learned expansions that differ from the curated one are kept as alternatives.
        for acronym, expansion in learned.items():
            phrase = _fold(expansion)
            alternatives = table.expansions.setdefault(acronym.lower(), [])
            if phrase not in alternatives:
                alternatives.append(phrase)
        return table

    def expand(self, word: str) -> list[str]:
        """Expansions of ``word`` if it is a known acronym (any case), else []."""
        return list(self.expansions.get(word.lower().rstrip("s") if word.lower() not in self.expansions
                                         else word.lower(), []))

    def acronym_for(self, phrase: str) -> str | None:
        """The acronym a phrase spells out ("formed police unit" -> "FPU"), or None."""
        return self.acronyms.get(_fold(phrase))

    def find_expansions(self, text: str) -> list[tuple[str, str]]:
        """(expansion, acronym) pairs whose expansion occurs in ``text`` as whole words."""
        folded = f" {_fold(text)} "
        return [(p, a) for p, a in self.acronyms.items() if f" {p} " in folded]


def _fold(text: str) -> str:
    text = re.sub(r"[-\u2010-\u2015/,]", " ", text.lower())
    return " ".join(re.findall(r"[\w+']+", text))


_ACRONYM_NAME = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9+]*")
_ACRONYM_QUERY = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}[A-Za-z0-9+]*")
VARIANT_PREFIX = 4  # leading letters a variant must share with the acronym it stands for
VARIANT_TAIL = 2  # characters either may add after the shared letters ("LGBTQI" ~ "LGBTQ2")


def acronym_variants(word: str, names: Iterable[str]) -> list[str]:
    """The acronym ``names`` that ``word`` is a shorter, longer or differently-ended form of.

    Both must be acronyms of four or more characters sharing their first
    :data:`VARIANT_PREFIX` letters, with at most :data:`VARIANT_TAIL` characters after the
    shared part in the shorter one: "LGBT", "LGBTQ", "LGBTQI" and "LGBTQ2S+" are all variants
    of "LGBTQ2"; "SGBV" is not a variant of "GBV", nor "CRSV" of "CRS". An exact name is not a
    variant (the glossary lookup finds it). Case is ignored in ``word`` (officers type "lgbtq").
    """
    word = word.strip()
    if not _ACRONYM_QUERY.fullmatch(word) or sum(c.isalnum() for c in word) < VARIANT_PREFIX:
        return []
    wanted = word.upper()
    found = []
    for name in dict.fromkeys(names):
        if not _ACRONYM_NAME.fullmatch(name) or name == wanted or sum(c.isalnum() for c in name) < VARIANT_PREFIX:
            continue
        shared = len(_common_prefix(wanted, name))
        if shared >= VARIANT_PREFIX and shared >= min(len(wanted), len(name)) - VARIANT_TAIL:
            found.append(name)
    return found


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return a[:size]
