"""Glossary terms and the lookups officers make: by case, plural, acronym or expansion."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


def slugify(text: str) -> str:
    """A URL-safe, lower-case slug: "Gender-based Analysis Plus (GBA+)" -> "gender-based-analysis-plus-gba"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class GlossaryTerm:
    """A defined term.

    ``aliases`` holds other names the term answers to (its acronym, "transgender" beside
    "Trans"); ``passage_id`` points to the passage the definition is indexed as.
    """

    term: str
    slug: str
    definition: str
    source: str  # where the definition comes from: "Annex A", "Chapter I", or a cited source
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    document_id: str = ""
    passage_id: str = ""
    see_also: tuple[str, ...] = ()  # slugs of related terms

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the term answers to: the term, its acronym and its aliases."""
        names = [self.term]
        if self.acronym:
            names.append(self.acronym)
        names.extend(self.aliases)
        return tuple(dict.fromkeys(names))


def normalize_term(text: str) -> str:
    """Fold a term for lookup: case, typographic quotes and dashes, punctuation, plural."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"[,;:()]", " ", text)  # "Women, Peace and Security" == "women peace and security"
    text = re.sub(r"\s+", " ", text).strip(" .?!:;\"'")
    words = [_singular(w) for w in re.split(r"[\s-]+", text) if w]
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


class Glossary:
    """All glossary terms, looked up by any of their names."""

    def __init__(self, terms: tuple[GlossaryTerm, ...] | list[GlossaryTerm]) -> None:
        self.terms: tuple[GlossaryTerm, ...] = tuple(sorted(terms, key=lambda t: t.term.lower()))
        self._by_slug = {t.slug: t for t in self.terms}
        self._by_name: dict[str, GlossaryTerm] = {}
        for term in self.terms:
            for name in term.names:
                self._by_name.setdefault(normalize_term(name), term)
            if term.acronym:
                # Acronyms match case-sensitively first, but fall back to folded case.
                self._by_name.setdefault(term.acronym.lower(), term)

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def by_slug(self, slug: str) -> GlossaryTerm | None:
        """The term with this slug, or None."""
        return self._by_slug.get(slug)

    def lookup(self, text: str) -> GlossaryTerm | None:
        """The term named by ``text`` (any case, singular or plural, acronym or expansion)."""
        if not text or not text.strip():
            return None
        key = normalize_term(text)
        if key in self._by_name:
            return self._by_name[key]
        # "GBA+" and "GBA plus" style names: drop symbols and try again.
        stripped = normalize_term(re.sub(r"[^\w\s'-]", " ", text))
        if stripped and stripped in self._by_name:
            return self._by_name[stripped]
        return self._by_name.get(stripped.replace(" ", ""))
