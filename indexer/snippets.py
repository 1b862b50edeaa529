"""Snippets: the best few fragments of a passage, with the query's words marked.

A passage can run to 2,500 characters, so a result shows up to three fragments around the
matches, best first, joined by an ellipsis. The output is HTML made of escaped text and
``<mark>`` elements only: the passage text is never trusted as markup.
"""

from __future__ import annotations

import html

from whoosh import highlight

from indexer.analysis import english_analyzer, french_analyzer

FRAGMENT_CHARS = 160
SURROUND_CHARS = 50
MAX_FRAGMENTS = 3
LEAD_CHARS = 260

_ANALYZERS = {"en": english_analyzer(), "fr": french_analyzer()}


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
    analyzer = _ANALYZERS.get(language, _ANALYZERS["en"])
    if not terms:
        return lead(text)
    if len(text) <= FRAGMENT_CHARS + 2 * SURROUND_CHARS:
        fragmenter = highlight.WholeFragmenter()
    else:
        fragmenter = highlight.ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=SURROUND_CHARS)
    snippet = highlight.highlight(
        text, frozenset(terms), analyzer, fragmenter, MarkFormatter(),
        top=max_fragments, scorer=highlight.BasicFragmentScorer(), order=highlight.SCORE,
    )
    return snippet or lead(text)
