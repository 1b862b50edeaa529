"""Cross-references inside a passage: resolutions, instruments, articles, annexes, glossary terms.

Every reference becomes a :class:`kb.citations.Citation` with offsets into the text it was
found in. Candidates come from a handful of precompiled patterns and are then laid out
greedily by priority, so spans never overlap:

1. articles ("Article 41 of the Charter of the United Nations", "Beijing Platform for
   Action, Article 79"), which swallow the instrument they name;
2. resolutions: a resolution-ish word ("resolution", "UNSCR", "S/RES/") followed by a list
   of numbers, each number its own citation; a number with a year in parentheses
   ("1820 (2009)"); or one of the ten WPS numbers standing alone ("a National Action Plan
   on 1325");
3. instruments from a small curated table (:data:`INSTRUMENTS`);
4. annex references ("see Annex B");
5. glossary terms, when a name -> slug mapping is given: whole words, longest name first.

A number is only read as a resolution when it is plausible (1-2999, year 1946-2030), never
when it is part of a larger figure ("2,014"), a percentage or a date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from kb.citations import Citation, CitationKind
from kb.resolutions import WPS_RESOLUTIONS

# Instrument key -> display name, for labels in the web layer.
INSTRUMENTS: dict[str, str] = {
    "cedaw": "Convention on the Elimination of All Forms of Discrimination against Women (CEDAW)",
    "beijing": "Beijing Declaration and Platform for Action",
    "rome-statute": "Rome Statute of the International Criminal Court",
    "charter": "Charter of the United Nations",
    "geneva-conventions": "Geneva Conventions",
    "refugee-convention": "Convention relating to the Status of Refugees",
    "crc": "Convention on the Rights of the Child",
    "udhr": "Universal Declaration of Human Rights",
    "istanbul-convention": "Istanbul Convention",
    "maputo-protocol": "Maputo Protocol",
}

# How each instrument is written. Spaces stand for any run of whitespace (line breaks
# included); matching ignores case except for the acronyms in _ACRONYMS.
_INSTRUMENT_NAMES: dict[str, tuple[str, ...]] = {
    "cedaw": ("Convention on the Elimination of All Forms of Discrimination against Women",),
    "beijing": ("Beijing Declaration and Platform for Action", "Beijing Declaration and Platform",
                "Beijing Platform for Action", "Beijing Declaration", "Beijing Platform"),
    "rome-statute": ("Rome Statute of the International Criminal Court", "Rome Statute"),
    "charter": ("Charter of the United Nations", "United Nations Charter", "UN Charter"),
    "geneva-conventions": ("Geneva Conventions", "Geneva Convention"),
    "refugee-convention": ("Convention relating to the Status of Refugees", "Refugee Convention",
                           "Refugees Convention"),
    "crc": ("Convention on the Rights of the Child",),
    "udhr": ("Universal Declaration of Human Rights",),
    "istanbul-convention": ("Istanbul Convention",),
    "maputo-protocol": (
        "Maputo Protocol",
        "Protocol to the African Charter on Human and Peoples’ Rights on the Rights of Women in Africa",
    ),
}
_ACRONYMS: dict[str, str] = {"CEDAW": "cedaw", "UNCRC": "crc", "UDHR": "udhr", "BPfA": "beijing"}

# "the Convention", "the present Charter": which instruments such a noun can stand for.
_GENERIC_NOUNS: dict[str, tuple[str, ...]] = {
    "convention": ("cedaw", "crc", "refugee-convention", "istanbul-convention", "geneva-conventions"),
    "charter": ("charter",),
    "statute": ("rome-statute",),
    "protocol": ("maputo-protocol",),
    "declaration": ("udhr", "beijing"),
    "platform": ("beijing",),
    "charte": ("charter",),  # French texts: "l'Article 1 de la présente Charte"
    "statut": ("rome-statute",),
    "protocole": ("maputo-protocol",),
    "déclaration": ("udhr", "beijing"),
}
_NEARBY = 600  # how far back (or ahead) "the Convention" looks for the instrument it names

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)")
_WPS = "|".join(str(n) for n in WPS_RESOLUTIONS)
_PRIORITY = {CitationKind.ARTICLE: 0, CitationKind.RESOLUTION: 1, CitationKind.INSTRUMENT: 2,
             CitationKind.ANNEX: 3, CitationKind.GLOSSARY: 4}


def _phrase(name: str) -> str:
    return r"\s+".join(re.escape(word) for word in name.split())


def _instrument_alternation() -> str:
    names = [n for names in _INSTRUMENT_NAMES.values() for n in names]
    long_names = "|".join(_phrase(n) for n in sorted(names, key=len, reverse=True))
    acronyms = "|".join(_ACRONYMS)
    return rf"(?:(?i:{long_names})|\b(?:{acronyms})\b)"


_INSTRUMENT = _instrument_alternation()
_INSTRUMENT_RE = re.compile(_INSTRUMENT)
_INSTRUMENT_KEY = [
    (re.compile(rf"^(?:{'|'.join(_phrase(n) for n in names)})$", re.IGNORECASE), key)
    for key, names in _INSTRUMENT_NAMES.items()
] + [(re.compile(rf"^{acronym}$"), key) for acronym, key in _ACRONYMS.items()]

_ARTICLE_NO = r"(?P<article>\d{1,3})(?:\s*\(\d{1,2}\))?"
_ARTICLE_BEFORE = re.compile(
    rf"\b[Aa]rticles?\s+{_ARTICLE_NO},?\s+(?:[Oo]f\s+)?(?:[Tt]he\s+)?(?P<inst>{_INSTRUMENT})")
_ARTICLE_AFTER = re.compile(rf"(?P<inst>{_INSTRUMENT}),?\s+[Aa]rticles?\s+{_ARTICLE_NO}")
_ARTICLE_GENERIC = re.compile(
    rf"\bArticles?\s+{_ARTICLE_NO}\s+(?:of\s+(?:the|this)\s+(?:present\s+)?|de\s+(?:la|cette)\s+(?:présente\s+)?)"
    r"(?P<noun>Convention|Charter|Charte|Statute|Statut|Protocol|Protocole|Declaration|Déclaration|Platform)\b",
    re.IGNORECASE)

# A word that announces resolution numbers; "S/RES/" is glued to its number.
_RES_WORD = re.compile(
    r"(?:\bS/RES/|\b(?:UNSCRs?|SCRs?)(?:\s*|-)|"
    r"\b(?:(?:UN|United\s+Nations)\s+)?(?:(?:Security\s+Council|UNSC)\s+)?(?:[Rr]esolutions?|RESOLUTIONS?|[Rr]es\.)"
    r"\s*(?:No\.?\s*)?)(?=\d)")
_ITEM = re.compile(
    rf"(?P<number>\d{{1,4}})(?!\d|[,.]\d|\s*(?:%|percent|per\s+cent))"
    rf"(?:\s*\((?P<year>\d{{4}})\))?(?P<date>\s+of\s+\d{{1,2}}\s+{_MONTH}\s+\d{{4}})?")
_SEPARATOR = re.compile(r"\s*[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_NUMBER_YEAR = re.compile(r"(?<![\d,./-])(?P<number>\d{4})\s*\((?P<year>\d{4})\)")
_BARE_WPS = re.compile(rf"(?<![\w,./-])(?P<number>{_WPS})(?![\w]|[,.]\d)")
_DATE_WORD = re.compile(rf"\b(?:{_MONTH}|in|since|from|until|by|during|before|after|year|early|late|mid)\s*$",
                        re.IGNORECASE)
_ARTICLE_BARE = re.compile(rf"\b[Aa]rticles?\s+{_ARTICLE_NO}\b")
_HEADING_LINE = re.compile(r"^[#\s]*$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|int|net|gov|edu)/\S*")
_ANNEX = re.compile(  # "Annex B", "Annexes C and D"
    r"\b[Aa]nnex(?:es)?\s+(?P<letter>[A-Z]|[IVX]{1,4})\b(?P<more>(?:\s*(?:,|and|&)\s*(?:[A-Z]|[IVX]{1,4})\b)*)")
_ANNEX_MORE = re.compile(r"(?:[A-Z]|[IVX]{1,4})\b")


def find_citations(
    text: str, glossary_names: Mapping[str, str] | None = None, default_instrument: str | None = None
) -> list[Citation]:
    """Every cross-reference in ``text``, sorted by start, non-overlapping, with offsets into ``text``.

    ``glossary_names`` maps a glossary name (term, acronym or alias) to the term's slug.
    ``default_instrument`` (an :data:`INSTRUMENTS` key) is the instrument the text is part of:
    inside the Charter, "Article 12" and "the present Charter" mean the Charter.
    """
    candidates = (_articles(text, default_instrument) + _resolutions(text) + _instruments(text)
                  + _annexes(text))
    if glossary_names:
        candidates += _glossary(text, glossary_names)
    if "/" in text:
        # ".../HRBodies/CEDAW/..." in a link is part of an address, not a reference.
        urls = [m.span() for m in _URL.finditer(text)]
        candidates = [c for c in candidates if not any(s < c.end and c.start < e for s, e in urls)]
    return _lay_out(candidates)


def _lay_out(candidates: list[Citation]) -> list[Citation]:
    """Keep the best candidates whose spans do not overlap, in text order."""
    candidates.sort(key=lambda c: (_PRIORITY[c.kind], c.start, c.start - c.end))
    kept: list[Citation] = []
    for citation in candidates:
        if all(citation.end <= k.start or citation.start >= k.end for k in kept):
            kept.append(citation)
    return sorted(kept, key=lambda c: c.start)


def _cite(text: str, kind: CitationKind, target: str, start: int, end: int,
          number: int | None = None, year: int | None = None) -> Citation:
    return Citation(kind, target, text[start:end], start, end, number, year)


def _instrument_key(name: str) -> str | None:
    return next((key for pattern, key in _INSTRUMENT_KEY if pattern.match(name)), None)


def _instruments(text: str) -> list[Citation]:
    out = []
    for m in _INSTRUMENT_RE.finditer(text):
        key = _instrument_key(m.group())
        if key:
            out.append(_cite(text, CitationKind.INSTRUMENT, key, m.start(), m.end()))
    return out


def _articles(text: str, default: str | None) -> list[Citation]:
    out = []
    for pattern in (_ARTICLE_BEFORE, _ARTICLE_AFTER):
        for m in pattern.finditer(text):
            key = _instrument_key(m.group("inst"))
            if key:
                number = int(m.group("article"))
                out.append(_cite(text, CitationKind.ARTICLE, f"{key}:{number}", m.start(), m.end(), number))
    named = [(m.start(), _instrument_key(m.group())) for m in _INSTRUMENT_RE.finditer(text)]
    for m in _ARTICLE_GENERIC.finditer(text):
        fits = _GENERIC_NOUNS[m.group("noun").lower()]
        near = [(abs(pos - m.start()), key) for pos, key in named if key in fits and abs(pos - m.start()) <= _NEARBY]
        key = min(near)[1] if near else default if default in fits else None
        if key:
            number = int(m.group("article"))
            out.append(_cite(text, CitationKind.ARTICLE, f"{key}:{number}", m.start(), m.end(), number))
    if default in INSTRUMENTS:
        for m in _ARTICLE_BARE.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            rest = text[m.end(): len(text) if line_end < 0 else line_end]
            if _HEADING_LINE.match(text[line_start:m.start()]) and not rest.strip():
                continue  # the article's own heading, not a reference
            number = int(m.group("article"))
            out.append(_cite(text, CitationKind.ARTICLE, f"{default}:{number}", m.start(), m.end(), number))
    return out


def _plausible(number: int, year: str | None) -> bool:
    return 1 <= number <= 2999 and (year is None or 1946 <= int(year) <= 2030)


def _resolutions(text: str) -> list[Citation]:
    out: list[Citation] = []
    for word in _RES_WORD.finditer(text):
        pos, first = word.end(), True
        while (item := _ITEM.match(text, pos)) and _plausible(int(item["number"]), item["year"]):
            start = word.start() if first else item.start()
            end = item.end("year") + 1 if item["year"] else item.end("number")
            out.append(_cite(text, CitationKind.RESOLUTION, item["number"], start, end,
                             int(item["number"]), int(item["year"]) if item["year"] else None))
            pos, first = item.end(), False
            separator = _SEPARATOR.match(text, pos)
            if not separator or not _continues(text, separator.end()):
                break
            pos = separator.end()
    for m in _NUMBER_YEAR.finditer(text):
        if _plausible(int(m["number"]), m["year"]) and not _after_date_word(text, m.start()):
            out.append(_cite(text, CitationKind.RESOLUTION, m["number"], m.start(), m.end(),
                             int(m["number"]), int(m["year"])))
    for m in _BARE_WPS.finditer(text):
        if not _after_date_word(text, m.start()) and not text.startswith("s", m.end()):
            out.append(_cite(text, CitationKind.RESOLUTION, m["number"], m.start(), m.end(), int(m["number"])))
    return out


def _continues(text: str, pos: int) -> bool:
    """A list of resolution numbers goes on at ``pos``: a number of three or more digits or
    with its year, not the "13." that opens the next numbered paragraph."""
    item = _ITEM.match(text, pos)
    if not item or text.startswith(".", item.end("number")):
        return False
    return len(item["number"]) >= 3 or item["year"] is not None


def _after_date_word(text: str, start: int) -> bool:
    """True when the number reads as a year or a day: "in 1960", "19 June 1820"."""
    return bool(_DATE_WORD.search(text[max(0, start - 16):start]))


def _annexes(text: str) -> list[Citation]:
    out = []
    for m in _ANNEX.finditer(text):
        out.append(_cite(text, CitationKind.ANNEX, f"annex-{m['letter'].lower()}", m.start(), m.end("letter")))
        base = m.start("more")
        for extra in _ANNEX_MORE.finditer(m["more"]):
            s, e = base + extra.start(), base + extra.end()
            out.append(_cite(text, CitationKind.ANNEX, f"annex-{extra.group().lower()}", s, e))
    return out


def _glossary(text: str, names: Mapping[str, str]) -> list[Citation]:
    folded, exact, slugs = _glossary_patterns(frozenset(names.items()))
    out = []
    for pattern in (folded, exact):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            if pattern is exact and _PROPER_NAME_NEXT.match(text, m.end()):
                continue  # "The WPS Group", "CEDAW Committee": an acronym inside a proper name
            name = " ".join(m.group("name").split())
            slug = slugs.get(name) or slugs.get(name.lower())
            if slug:
                out.append(_cite(text, CitationKind.GLOSSARY, slug, m.start(), m.end()))
    return out


_PROPER_NAME_NEXT = re.compile(r" [A-Z][a-z]")


def _is_acronym(name: str) -> bool:
    return any(ch.isupper() for ch in name) and not any(ch.islower() for ch in name)


@lru_cache(maxsize=8)
def _glossary_patterns(
    items: frozenset[tuple[str, str]],
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, dict[str, str]]:
    """Two alternations (case-folded names, case-sensitive acronyms), longest name first."""
    folded_names: list[str] = []
    acronyms: list[str] = []
    slugs: dict[str, str] = {}
    for name, slug in items:
        name = " ".join(name.split())
        if len(name) < 2:
            continue
        if _is_acronym(name):
            acronyms.append(name)
            slugs.setdefault(name, slug)
        else:
            folded_names.append(name)
            slugs.setdefault(name.lower(), slug)

    def alternation(names: list[str], flags: int) -> re.Pattern[str] | None:
        if not names:
            return None
        body = "|".join(_phrase(n) for n in sorted(set(names), key=len, reverse=True))
        # Whole words, a plural allowed: "Gender Advisers" for "Gender Adviser".
        # A hyphen joins words: "gender" is not cited inside "gender-based".
        return re.compile(rf"(?<![\w-])(?P<name>{body})(?:s|es)?(?![\w+]|-\w)", flags)

    return alternation(folded_names, re.IGNORECASE), alternation(acronyms, 0), slugs
