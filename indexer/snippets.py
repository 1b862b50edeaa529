"""Snippets: the best few fragments of a passage, with the query's words marked.

A passage can run to 2,500 characters, so a result shows up to three fragments around the
matches, best first, joined by an ellipsis. The output is HTML made of escaped text and
``<mark>`` elements only: the passage text is never trusted as markup.
"""

from __future__ import annotations

import html
from functools import lru_cache

from whoosh import highlight
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from indexer.analysis import TOKEN_PATTERN, english_terms, french_analyzer

FRAGMENT_CHARS = 160
SURROUND_CHARS = 50
MAX_FRAGMENTS = 3
LEAD_CHARS = 260

_FRENCH = french_analyzer()


@lru_cache(maxsize=100_000)
def _english_term(word: str) -> str:
    terms = english_terms(word)
    return terms[0] if len(terms) == 1 else ""


class QueryTermFilter(Filter):
    """The English chain's term for each token that could match the query, "" for the rest.

    The highlighter only needs to know which tokens are query terms. Stemming and folding
    change a word's ending, never its first two letters (accents and "&" aside), so a token
    whose start matches no query term is not analysed at all: most of a passage's words.
    """

    def __init__(self, terms: frozenset[str]) -> None:
        self.starts = frozenset(t[:2] for t in terms)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QueryTermFilter) and self.starts == other.starts

    def __call__(self, tokens):
        starts = self.starts
        for token in tokens:
            word = token.text
            if word[:2] in starts or not word.isascii() or word == "&":
                token.text = _english_term(word)
            else:
                token.text = ""
            yield token


def _analyzer(language: str, terms: frozenset[str]):
    if language == "fr":
        return _FRENCH
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | QueryTermFilter(terms)


class MarkFormatter(highlight.Formatter):
    """Escaped text with ``<mark>`` around matched tokens; fragments joined by " … "."""

    between = " "

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace))}</mark>"

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_fragment(self, fragment, replace: bool = False) -> str:
        output = []
        index = fragment.startchar
        text = fragment.text
        for token in fragment.matches:
            if token.startchar < index:
                continue
            output.append(self._text(text[index:token.startchar]))
            output.append(self.format_token(text, token, replace))
            index = token.endchar
        output.append(self._text(text[index:fragment.endchar]))
        prefix = "\u2026" if fragment.startchar > 0 else ""
        suffix = "\u2026" if fragment.endchar < len(text) else ""
        return prefix + "".join(output).strip() + suffix

    def format(self, fragments, replace: bool = False) -> str:
        return self.between.join(self.format_fragment(f, replace) for f in fragments)


def lead(text: str, chars: int = LEAD_CHARS) -> str:
    """The start of ``text``, cut at a word boundary, escaped."""
    if len(text) <= chars:
        return html.escape(text)
    cut = text.rfind(" ", 0, chars)
    return html.escape(text[: cut if cut > chars // 2 else chars]) + "\u2026"


def make_snippet(text: str, terms: set[str] | frozenset[str], language: str = "en",
                 max_fragments: int = MAX_FRAGMENTS) -> str:
    """Up to ``max_fragments`` fragments of ``text`` around ``terms`` (index terms), best first.

    A short passage comes back whole, with its matches marked; a passage with no match
    comes back as its escaped lead.
    """
    if not text:
        return ""
    if not terms:
        return lead(text)
    terms = frozenset(terms)
    analyzer = _analyzer(language, terms)
    if len(text) <= FRAGMENT_CHARS + 2 * SURROUND_CHARS:
        fragmenter = highlight.WholeFragmenter()
    else:
        fragmenter = highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=SURROUND_CHARS)
    snippet = highlight.highlight(
        text, terms, analyzer, fragmenter, MarkFormatter(),
        top=max_fragments, scorer=highlight.BasicFragmentScorer(), order=highlight.SCORE,
    )
    return snippet or lead(text)
