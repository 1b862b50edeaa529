"""Query understanding: what the user typed -> a :class:`QueryPlan` -> Whoosh queries.

The plan says what kind of question it is, so the engine can answer it directly:

* a resolution reference ("1325 op 8", "UNSCR 1325") names a resolution and maybe an
  operative paragraph; words left over ("1325 key provisions") become a topic search that
  prefers passages about that resolution;
* an article reference ("article 41 of the Charter", "CEDAW art. 5") names an article;
* a definition question ("what is X", "define X", "X meaning", "what does X mean") names the
  term; a bare query is also tried as a term;
* everything else is a topic: content words, with stopwords and question words carrying no
  weight.

Queries are built by hand rather than through Whoosh's parser, so no input is "bad syntax":
operators and wildcards in the text are read as words (a trailing ``*`` on a word of three or
more letters is a bounded prefix search; quoted text is a phrase). Each content word is a slot
that may match any field (terms >> title > headings > text, or the French body); an acronym's
slot also accepts its expansion.

Hostile input is bounded before Whoosh sees it: :data:`MAX_QUERY_CHARS` (before and after
normalisation), :data:`MAX_QUERY_WORDS` content words, :data:`MAX_PREFIX_WORDS` prefix searches;
no leading wildcards, fuzzy (``gender~9``), range, field (``title:x``) or boost syntax, and no
nesting (parentheses are not syntax); control characters and lone surrogates read as spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from whoosh import query as wq

from indexer.acronyms import AcronymTable
from indexer.analysis import english_terms, french_terms, normalize_text
from indexer.interface import QueryError
from indexer.resolution_refs import parse_reference
from indexer.schema import ENGLISH_FIELDS, FIELD_BOOSTS

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
MAX_PREFIX_EXPANSIONS = 32  # index terms a prefix search may expand to, per field
MAX_PREFIX_WORDS = 3  # prefix searches per query; later ``word*`` are searched as ``word``
_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # controls, lone surrogates

# Words that ask rather than describe: they carry no weight in ranking.
QUESTION_WORDS: frozenset[str] = frozenset(
    "what whats what's which who whom whose why how when where is are was were does do did "
    "define definition definitions meaning meanings mean means meant explain tell me about say says said "
    "please i you we my our a an the of to in on for by with and or any some".split()
)
# Words that only name a reference to a resolution ("UNSCR 1325 op 8").
REFERENCE_WORDS: frozenset[str] = frozenset(
    "resolution resolutions res unscr scr sc s un security council op ops operative para paras "
    "paragraph paragraphs paragraphe pp preambular preamble no number article overview summary text full "
    "résolution".split()
)

_DEFINITION_PATTERNS = [
    re.compile(r"^(?:what|who)(?:\s+is|\s+are|'s|s)\s+(?:meant\s+by\s+)?(?:an?\s+|the\s+)?(?P<t>.+)$"),
    re.compile(r"^what\s+(?:does|do)\s+(?P<t>.+?)\s+(?:mean|stand\s+for)$"),
    re.compile(r"^(?:define|definition\s+of|definition|meaning\s+of|explain|def)\s+(?:an?\s+|the\s+)?(?P<t>.+)$"),
    re.compile(r"^(?P<t>.+?)\s+(?:definition|meaning|defined|def|means)$"),
]
_WORD = re.compile(r"[\w][\w'+./-]*\*?|\"")


@dataclass(frozen=True)
class QueryPlan:
    """What a query asks for."""

    text: str  # the query, normalised
    words: tuple[str, ...]  # content words in order (surface forms, lower case)
    phrases: tuple[tuple[str, ...], ...] = ()  # quoted phrases the user asked for
    term: str | None = None  # the term a definition question names
    definition_question: bool = False  # asked as "what is ...", "define ..."
    resolution: int | None = None
    paragraph: int | None = None
    residual: tuple[str, ...] = field(default=())  # content words besides a resolution reference
    preambular: bool = False  # ``paragraph`` is a preambular one ("1325 pp 3")
    article: int | None = None  # "article 41 of the Charter", "CEDAW art. 5"
    instrument: str | None = None  # "charter" | "cedaw", with ``article``
    french: bool = False  # the article was asked for in French ("article 41 de la Charte")

    @property
    def is_reference(self) -> bool:
        """True when the query is nothing but a resolution (or paragraph) reference."""
        return self.resolution is not None and not self.residual


def parse_query(text: str, known_resolutions: frozenset[int] | set[int] = frozenset()) -> QueryPlan:
    """Understand ``text``; QueryError when it is too long or has no words to search for."""
    if text is None:
        raise QueryError("Type something to search for.")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is too long: at most {MAX_QUERY_CHARS} characters, please.")
    cleaned = re.sub(r"\s+", " ", normalize_text(_UNSAFE_CHARS.sub(" ", text))).strip()
    if len(cleaned) > 2 * MAX_QUERY_CHARS:  # compatibility forms can expand (U+FDFA is 18 letters)
        raise QueryError(f"The query is too long: at most {MAX_QUERY_CHARS} characters, please.")
    lowered = cleaned.lower()
    tokens = [t for t in _WORD.findall(lowered)]
    phrases: list[tuple[str, ...]] = []
    words: list[str] = []
    quoted: list[str] | None = None
    for token in tokens:
        if token == '"':
            if quoted is not None and len(quoted) > 1:
                phrases.append(tuple(quoted))
            quoted = None if quoted is not None else []
            continue
        token = token.strip("./-'")
        if not token or token.lstrip("*") == "":
            continue
        token = token.lstrip("*")  # no leading wildcards
        if quoted is not None:
            quoted.append(token)
        words.append(token)
    content = [w for w in words if w not in QUESTION_WORDS and english_terms(w.rstrip("*")) or w.isdigit()]
    if not content:
        content = [w for w in words if english_terms(w.rstrip("*")) or w.isdigit()]
    if not content:
        raise QueryError("The query has no words to search for: type a term, a topic or a resolution number.")
    content = list(dict.fromkeys(content))[:MAX_QUERY_WORDS]  # a repeated word is one word

    term, asked = None, False
    bare = lowered.rstrip(" ?!.")
    for pattern in _DEFINITION_PATTERNS:
        match = pattern.match(bare)
        if match:
            term, asked = match.group("t").strip(" ?!.\"'"), True
            break
    if term is None:
        term = bare.strip("\"'")

    resolution = paragraph = None
    residual: tuple[str, ...] = tuple(content)
    reference = parse_reference(cleaned)
    preambular = False
    if reference and (not known_resolutions or reference.resolution in known_resolutions):
        resolution, paragraph, preambular = reference.resolution, reference.paragraph, reference.preambular
        residual = ()
    else:
        # A resolution number among other words ("1325 key provisions"): a topic search that
        # prefers passages about that resolution.
        named = [int(w) for w in content if w.isdigit() and int(w) in known_resolutions]
        if len(named) == 1:
            resolution = named[0]
            residual = tuple(w for w in content if w != str(resolution) and w not in REFERENCE_WORDS)
    article, instrument, french = _article_reference(lowered, content)
    return QueryPlan(cleaned, tuple(content), tuple(phrases), term, asked, resolution, paragraph, residual,
                     preambular, article, instrument, french)


_ARTICLE = re.compile(r"\b(?:article|art\.?)\s*(\d{1,3})\b")
_INSTRUMENT_WORDS = {"charter": "charter", "charte": "charter", "cedaw": "cedaw"}
_ARTICLE_WORDS = frozenset("article art un united nations convention de des the of la".split())


def _article_reference(lowered: str, content: list[str]) -> tuple[int | None, str | None, bool]:
    """(article number, instrument, French?) when the query is an article of a named instrument."""
    match = _ARTICLE.search(lowered)
    instruments = {_INSTRUMENT_WORDS[w] for w in content if w in _INSTRUMENT_WORDS}
    if not match or len(instruments) != 1:
        return None, None, False
    number = match.group(1)
    rest = [w for w in content if w not in _ARTICLE_WORDS and w not in _INSTRUMENT_WORDS
            and w.lstrip("art.") != number and w != number]
    if rest:
        return None, None, False
    return int(number), instruments.pop(), "charte" in content


@dataclass
class Slot:
    """One content word: the Whoosh query that matches it and the index terms that count as it."""

    word: str
    query: wq.Query
    terms: set[tuple[str, str]]  # (field, term) pairs whose match covers this slot
    groups: list[set[tuple[str, str]]] = field(default_factory=list)  # expansions: all of a group needed


def word_slot(word: str, acronyms: AcronymTable | None = None, reader=None) -> Slot | None:
    """The slot for one content word, or None when the word analyses to nothing."""
    prefix = word.endswith("*") and len(word.rstrip("*")) >= 3
    word = word.rstrip("*")
    en = english_terms(word)
    fr = french_terms(word)
    if not en and not fr:
        return None
    alternatives: list[wq.Query] = []
    covered: set[tuple[str, str]] = set()
    if prefix and reader is not None:
        for fieldname in ("title", "headings", "text"):
            expanded = islice(reader.expand_prefix(fieldname, en[-1] if en else word), MAX_PREFIX_EXPANSIONS)
            for term in (t.decode() if isinstance(t, bytes) else t for t in expanded):
                alternatives.append(wq.Term(fieldname, term, boost=FIELD_BOOSTS[fieldname]))
                covered.add((fieldname, term))
    if len(en) == 1:
        for fieldname in ENGLISH_FIELDS:
            alternatives.append(wq.Term(fieldname, en[0], boost=FIELD_BOOSTS[fieldname]))
            covered.add((fieldname, en[0]))
    elif en:  # "gender-based" or "hiv/aids": the parts as a phrase
        for fieldname in ENGLISH_FIELDS:
            alternatives.append(wq.Phrase(fieldname, en, slop=1, boost=FIELD_BOOSTS[fieldname]))
            covered |= {(fieldname, t) for t in en}
    if fr:
        alternatives.append(wq.Phrase("text_fr", fr) if len(fr) > 1 else wq.Term("text_fr", fr[0]))
        covered |= {("text_fr", t) for t in fr}
    groups: list[set[tuple[str, str]]] = []
    spelled: list[wq.Query] = []
    for expansion in (acronyms.expand(word) if acronyms and len(word) >= 2 else []):
        terms = english_terms(expansion)
        if len(terms) < 2:
            continue
        for fieldname in ENGLISH_FIELDS:
            # A phrase scores about the sum of its words: scale it to one word's worth.
            spelled.append(wq.Phrase(fieldname, terms, slop=2, boost=FIELD_BOOSTS[fieldname] / len(terms)))
            groups.append({(fieldname, t) for t in terms})
    if spelled:
        # The acronym or its expansion, whichever scores better: a passage that has both is
        # not twice as relevant.
        return Slot(word, wq.DisjunctionMax([wq.Or(alternatives), wq.Or(spelled)]), covered, groups)
    return Slot(word, wq.Or(alternatives), covered, groups)


def build_slots(words: tuple[str, ...], acronyms: AcronymTable | None = None, reader=None) -> list[Slot]:
    """Slots for ``words``; words spelling out a known acronym also accept the acronym.

    Only the first :data:`MAX_PREFIX_WORDS` ``word*`` are prefix searches; later ones are plain words.
    """
    words = tuple(dict.fromkeys(words))  # a word said twice is still one word to find
    prefixed = [i for i, w in enumerate(words) if w.endswith("*")][MAX_PREFIX_WORDS:]
    words = tuple(w.rstrip("*") if i in prefixed else w for i, w in enumerate(words))
    slots = [s for s in (word_slot(w, acronyms, reader) for w in words) if s is not None]
    if acronyms is None or len(words) < 2:
        return slots
    for expansion, acronym in acronyms.find_expansions(" ".join(words)):
        short = english_terms(acronym)
        if len(short) != 1 or len(expansion.split()) < 2:
            continue
        # Anything that matches the acronym also covers each word of its expansion.
        expansion_terms = set(english_terms(expansion))
        for slot in slots:
            if set(english_terms(slot.word)) & expansion_terms:
                extra = [wq.Term(f, short[0], boost=FIELD_BOOSTS[f]) for f in ENGLISH_FIELDS]
                slot.query = wq.Or([slot.query, *extra])
                slot.terms |= {(f, short[0]) for f in ENGLISH_FIELDS}
    return slots


def any_of(slots: list[Slot]) -> wq.Query:
    """Passages matching at least one slot (ranked by the engine on how many they cover)."""
    return wq.Or([s.query for s in slots])


def phrase_bonus(slots: list[Slot], plan: QueryPlan) -> wq.Query | None:
    """A bonus for the content words together in a title or a term name, and for quoted phrases.

    Proximity in the body text is scored on the ranked head only (``indexer.retrieval``):
    a phrase query over the body of every matching passage is too slow on a large corpus.
    """
    terms = proximity_terms(slots)
    parts: list[wq.Query] = []
    if len(terms) >= 2:
        parts.append(wq.Phrase("title", terms, slop=1, boost=3.0))
        parts.append(wq.Phrase("terms", terms, slop=0, boost=6.0))
    for phrase in plan.phrases:
        words = [t for w in phrase for t in english_terms(w)]
        if len(words) >= 2:
            parts.append(wq.Phrase("text", words, boost=4.0))
    return wq.Or(parts) if parts else None


def proximity_terms(slots: list[Slot]) -> list[str]:
    """The index terms of the slots' words, in query order (for phrase and proximity bonuses)."""
    return [t for s in slots for t in english_terms(s.word.rstrip("*"))]
