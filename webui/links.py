"""Passage text -> safe HTML: citations become links, search terms become <mark>.

Everything that is not a link or a mark is escaped. Links are built from the
:class:`~kb.citations.Citation` offsets a passage already carries, never by re-parsing the
text, so the web layer and the index agree on what a citation is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit, urlunsplit

from markupsafe import Markup, escape

from kb.citations import Citation, CitationKind
from kb.documents import Document
from kb.glossary import GlossaryTerm
from kb.knowledge_base import KnowledgeBase

TOOLTIP_CHARS = 180
MAX_HIGHLIGHT_TERMS = 8
_PARAGRAPH = re.compile(r"\bparagraphs?\s+(\d{1,3})\b", re.IGNORECASE)
_STOPWORDS = frozenset(
    "a an and are as at be by for from how in is it of on or the to was what when where which who why with"
    " does do define definition meaning".split()
)


def highlight_terms(query: str | None) -> tuple[str, ...]:
    """The words of ``query`` worth highlighting: no stopwords, no one-letter words, at most eight."""
    if not query:
        return ()
    words = re.findall(r"\w[\w+'-]*", query.lower())
    kept = [w for w in words if (len(w) > 1 or w.isdigit()) and w not in _STOPWORDS]
    return tuple(dict.fromkeys(kept))[:MAX_HIGHLIGHT_TERMS]


def _highlight_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = sorted((re.escape(t) for t in terms), key=len, reverse=True)
    # A term matches at a word start and takes the rest of the word: "woman" marks "woman's".
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")[\w'-]*", re.IGNORECASE)


def mark(text: str, terms: Sequence[str] = ()) -> Markup:
    """``text`` escaped, with each word starting with one of ``terms`` wrapped in <mark>."""
    pattern = _highlight_pattern(terms)
    if pattern is None:
        return Markup(escape(text))
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup("<mark>%s</mark>") % match.group(0))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def plain(text: str, terms: Sequence[str] = ()) -> Markup:
    """Text with no citation in it: escaped, search terms marked, web addresses made links."""
    out: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        href = url if url.lower().startswith("http") else "https://" + url
        out.append(mark(text[last:match.start()], terms))
        out.append(Markup('<a class="ext" href="%s" rel="noopener noreferrer">%s</a>') % (href, mark(url, terms)))
        last = match.end()
    out.append(mark(text[last:], terms))
    return Markup("").join(out)


def with_highlight(url: str, query: str | None) -> str:
    """``url`` with ``hl=<query terms>`` added before its #fragment, so the target page marks them."""
    terms = highlight_terms(query)
    if not terms:
        return url
    parts = urlsplit(url)
    extra = urlencode({"hl": " ".join(terms)})
    query_string = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query_string, parts.fragment))


@dataclass
class LinkResolver:
    """Turns a citation's target into a URL inside this site, or None when it has no page here."""

    kb: KnowledgeBase
    _instrument_cache: dict[str, Document | None] = field(default_factory=dict)

    def resolution(self, citation: Citation) -> str | None:
        """``/resolutions/1325`` (``#op8`` when the citation names a paragraph)."""
        number = citation.number if citation.number is not None else _int(citation.target)
        if number is None or number not in self.kb.resolutions:
            return None
        paragraph = _PARAGRAPH.search(citation.text)
        resolution = self.kb.resolutions[number]
        if paragraph and resolution.paragraph(int(paragraph.group(1))) is not None:
            return f"/resolutions/{number}#op{paragraph.group(1)}"
        return f"/resolutions/{number}"

    def instrument_document(self, key: str) -> Document | None:
        """The corpus document holding instrument ``key`` ("cedaw", "charter"), English first."""
        if key not in self._instrument_cache:
            key_l = key.lower()
            matches = [d for d in self.kb.documents if d.id == key_l or key_l in d.id.split("-")]
            matches.sort(key=lambda d: (d.id != key_l, d.language != "en", d.id))
            self._instrument_cache[key] = matches[0] if matches else None
        return self._instrument_cache[key]

    def instrument(self, citation: Citation) -> str | None:
        """The instrument's document page."""
        document = self.instrument_document(citation.target)
        return f"/documents/{document.id}" if document else None

    def article(self, citation: Citation) -> str | None:
        """``charter:41`` -> the Charter document at its Article 41 passage."""
        key, _, number = citation.target.partition(":")
        document = self.instrument_document(key)
        if document is None:
            return None
        wanted = _int(number) if number else citation.number
        for passage in document.passages:
            if passage.role == "article" and passage.number == wanted:
                return f"/documents/{document.id}#{passage.anchor}"
        return f"/documents/{document.id}"

    def annex(self, citation: Citation, document_id: str) -> str | None:
        """``annex-b`` -> the section of the citing document (or any document) that is that annex."""
        letter = citation.target.rsplit("-", 1)[-1].lower()
        wanted = re.compile(rf"^annex\s+{re.escape(letter)}\b", re.IGNORECASE)
        own = self.kb.document(document_id)
        others = [d for d in self.kb.documents if d is not own]
        for document in ([own] if own else []) + others:
            for section in document.sections:
                if section.anchor == citation.target or wanted.match(section.title.strip()):
                    return f"/documents/{document.id}#{section.anchor}"
        return None

    def term(self, citation: Citation) -> GlossaryTerm | None:
        """The glossary term a glossary citation points at."""
        return self.kb.glossary.by_slug(citation.target)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _usable(text: str, citations: Iterable[Citation]) -> list[Citation]:
    """Citations whose offsets match the text, earliest first, longest first, without overlaps."""
    chosen: list[Citation] = []
    end = -1
    for citation in sorted(citations, key=lambda c: (c.start, -(c.end - c.start))):
        if citation.start < end or not (0 <= citation.start < citation.end <= len(text)):
            continue
        if text[citation.start:citation.end] != citation.text:
            continue
        chosen.append(citation)
        end = citation.end
    return chosen


def _tooltip(term: GlossaryTerm) -> str:
    definition = " ".join(term.definition.split())
    if len(definition) > TOOLTIP_CHARS:
        definition = definition[:TOOLTIP_CHARS].rsplit(" ", 1)[0] + "…"
    if definition.lower().startswith(term.term.lower()):
        return definition  # "Gender refers to ..." already names the term
    return f"{term.term}: {definition}"


def render_text(
    text: str,
    citations: Iterable[Citation],
    resolver: LinkResolver,
    *,
    document_id: str = "",
    terms: Sequence[str] = (),
    id_prefix: str = "t",
    skip_term: str = "",
) -> Markup:
    """``text`` as safe HTML with citation links and highlighted ``terms``.

    Each glossary term is linked at its first use in the text only (with a definition tooltip
    that shows on hover and on keyboard focus); ``skip_term`` is not linked at all (a term's
    own page). ``id_prefix`` keeps tooltip ids unique on a page.
    """
    out: list[str] = []
    last = 0
    seen_terms: set[str] = set()
    for index, citation in enumerate(_usable(text, citations)):
        out.append(plain(text[last:citation.start], terms))
        out.append(
            _link(citation, resolver, document_id, terms, f"{id_prefix}-{index}", seen_terms, skip_term)
        )
        last = citation.end
    out.append(plain(text[last:], terms))
    return Markup("").join(out)


def _link(
    citation: Citation,
    resolver: LinkResolver,
    document_id: str,
    terms: Sequence[str],
    tip_id: str,
    seen_terms: set[str],
    skip_term: str,
) -> Markup:
    label = mark(citation.text, terms)
    kind = CitationKind(citation.kind)
    if kind == CitationKind.GLOSSARY:
        term = resolver.term(citation)
        if term is None or term.slug in seen_terms or term.slug == skip_term:
            return label
        seen_terms.add(term.slug)
        return Markup(
            '<span class="gl"><a class="gl-term" href="/glossary/%s" aria-describedby="%s">%s</a>'
            '<span class="gl-tip" role="tooltip" id="%s">%s</span></span>'
        ) % (term.slug, tip_id, label, tip_id, _tooltip(term))
    if kind == CitationKind.RESOLUTION:
        url, css = resolver.resolution(citation), "cite-res"
    elif kind == CitationKind.INSTRUMENT:
        url, css = resolver.instrument(citation), "cite-inst"
    elif kind == CitationKind.ARTICLE:
        url, css = resolver.article(citation), "cite-art"
    else:
        url, css = resolver.annex(citation, document_id), "cite-annex"
    if url is None:
        return label
    return Markup('<a class="%s" href="%s">%s</a>') % (css, url, label)


_MARK_TAG = re.compile(r"(</?mark>)")


def safe_snippet(snippet: str) -> Markup:
    """An engine snippet (escaped HTML with <mark>) as Markup, re-escaping any stray markup.

    The engine promises escaped text; this keeps the promise even if a snippet breaks it: only
    ``<mark>`` and ``</mark>`` survive as tags.
    """
    parts: list[str] = []
    for piece in _MARK_TAG.split(snippet):
        if piece in ("<mark>", "</mark>"):
            parts.append(Markup(piece))
        elif "<" in piece or ">" in piece or '"' in piece:
            parts.append(escape(piece))
        else:
            parts.append(Markup(piece))
    html = Markup("").join(parts)
    opened = html.count("<mark>") - html.count("</mark>")
    return html + Markup("</mark>") * opened if opened > 0 else html
