"""Text analysis: how passages and queries become index terms.

The idea: a word must land on the same term however the writer spelled it. So before
stemming, the English chain folds what varies without changing meaning:

* typographic quotes and dashes become plain ones, accents are dropped, ``&`` reads "and";
* British spellings fold to American ones (``organisation`` -> ``organization``,
  ``centred`` -> ``centered``, ``programme`` -> ``program``) through a curated table plus a
  few suffix rules that carry exception lists (``-ise`` verbs, but not ``advise`` or ``rise``);
* the Porter2 (Snowball English) stemmer, which, unlike Whoosh's default Porter stemmer,
  turns "running" into "run".

French passages (the Charter's French text) get their own chain: elisions (``l'``, ``d'``)
split off, French stopwords, accents folded (users often type French without them), then the
Snowball French stemmer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.lang import stopwords_for_language

# Words, numbers, "U.N." style dotted words, apostrophe words, and a bare "&".
TOKEN_PATTERN = r"\w+(?:[.'\u2019]\w+)*|&"

# Kept deliberately small: only words that never carry meaning in this field. Question
# words ("what", "define") are dropped by the query parser, not the index, so a passage
# that says "what is" can still be found by phrase.
ENGLISH_STOPWORDS: frozenset[str] = frozenset(
    "a an and are as at be been but by for from has have if in into is it its of on or "
    "that the their them then there these they this those to was were which will with".split()
)
FRENCH_STOPWORDS: frozenset[str] = frozenset(stopwords_for_language("fr")) | frozenset(
    "l d j n s c t m qu les des du au aux une un le la et ou en dans par pour sur avec ce cette ces "
    "qui que dont est sont ont".split()
)

_QUOTES_DASHES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00ad": "",
})

# British -> American, whole words (inflected forms are generated below).
_SPELLING_WORDS: dict[str, str] = {
    "programme": "program", "programmes": "programs", "programmed": "programmed",
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "pretence": "pretense", "practise": "practice", "practised": "practiced",
    "practises": "practices", "practising": "practicing",
    "judgement": "judgment", "judgements": "judgments",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "ageing": "aging", "grey": "gray", "catalogue": "catalog", "catalogues": "catalogs",
    "analogue": "analog", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "foetus": "fetus", "oestrogen": "estrogen", "sceptical": "skeptical", "mould": "mold",
    "plough": "plow", "tyre": "tire", "tyres": "tires", "aluminium": "aluminum",
    "whilst": "while", "amongst": "among", "enrolment": "enrollment", "fulfilment": "fulfillment",
    "paediatric": "pediatric", "anaemia": "anemia", "haemorrhage": "hemorrhage",
    "encyclopaedia": "encyclopedia", "diarrhoea": "diarrhea", "orthopaedic": "orthopedic",
}
_OUR_ROOTS = (
    "behaviour", "colour", "favour", "honour", "labour", "neighbour", "harbour", "rumour",
    "vigour", "endeavour", "humour", "odour", "savour", "valour", "candour", "clamour",
    "splendour", "armour", "parlour", "rigour", "tumour", "vapour", "saviour",
)
_RE_ROOTS = (
    "centre", "theatre", "metre", "litre", "fibre", "calibre", "spectre", "sombre", "lustre",
    "meagre", "sabre",
)
_LL_ROOTS = (
    "counsel", "travel", "model", "label", "cancel", "fuel", "signal", "channel", "level",
    "jewel", "marvel", "quarrel", "tunnel", "total", "equal", "dial", "pencil", "rival",
)
# Words whose "-ise" is not the British spelling of "-ize".
_ISE_EXACT = frozenset(
    "rise arise sunrise uprise demise premise promise compromise surmise exercise excise "
    "concise precise incise circumcise chastise expertise advertise franchise enfranchise "
    "disenfranchise merchandise paradise treatise cruise bruise valise anise despise mortise "
    "reprise chemise".split()
)
_ISE_ENDINGS = ("wise", "vise", "prise", "oise", "aise", "guise")
_ISE_RULE = re.compile(r"^(\w{4,})is(e|es|ed|ing|er|ers|ation|ations|ational|ationally|able)$")
_YSE_RULE = re.compile(r"^(anal|paral|catal|electrol|hydrol)ys(e|es|ed|ing|er|ers)$")
_LL_RULE = re.compile(r"^(\w*?)(" + "|".join(_LL_ROOTS) + r")l(ed|ing|er|ers|or|ors)$")


def _re_forms() -> dict[str, str]:
    table: dict[str, str] = {}
    for root in _RE_ROOTS:
        stem, us = root[:-2], root[:-2] + "er"  # "centre" -> "cent", "center"
        for uk, ame in (("re", ""), ("res", "s"), ("red", "ed"), ("ring", "ing")):
            table[stem + uk] = us + ame
    return table


_RE_FORMS = _re_forms()
_RE_RULE = re.compile(r"^(\w*?)(" + "|".join(sorted(_RE_FORMS, key=len, reverse=True)) + r")$")
_OUR_RULE = re.compile("|".join(_OUR_ROOTS))


@lru_cache(maxsize=65536)
def fold_spelling(word: str) -> str:
    """The American spelling of a lower-case British ``word``; other words come back as they are."""
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    if len(word) < 5 or not word.isalpha():
        return word
    if "our" in word:
        word = _OUR_RULE.sub(lambda m: m.group(0)[:-2] + "r", word)
    match = _RE_RULE.match(word)
    if match:
        return match.group(1) + _RE_FORMS[match.group(2)]
    match = _YSE_RULE.match(word)
    if match:
        return f"{match.group(1)}yz{match.group(2)}"
    match = _LL_RULE.match(word)
    if match:
        return match.group(1) + match.group(2) + match.group(3)
    match = _ISE_RULE.match(word)
    if match:
        base = match.group(1) + "ise"
        if base not in _ISE_EXACT and not base.endswith(_ISE_ENDINGS):
            return f"{match.group(1)}iz{match.group(2)}"
    return word


def fold_accents(text: str) -> str:
    """``text`` without diacritics: "café" -> "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_text(text: str) -> str:
    """Typographic quotes and dashes made plain, soft hyphens dropped, compatibility forms folded.

    Lengths of quote and dash characters are kept, so offsets into the result still fit
    the original for everything but ligatures.
    """
    return unicodedata.normalize("NFKC", text).translate(_QUOTES_DASHES)


class EnglishFoldFilter(Filter):
    """Plain apostrophes, no accents or possessive ``'s``, ``&`` as "and", British -> American."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text.translate(_QUOTES_DASHES)
            if text == "&":
                text = "and"
            if not text.isascii():
                text = fold_accents(text)
            if text.endswith("'s"):
                text = text[:-2]
            text = text.replace("'", "")
            if not text:
                continue
            token.text = fold_spelling(text)
            yield token


class WordStopFilter(Filter):
    """Drops stopwords and single letters, but keeps single digits ("op 8")."""

    def __init__(self, stoplist: frozenset[str] = ENGLISH_STOPWORDS) -> None:
        self.stoplist = stoplist

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordStopFilter) and self.stoplist == other.stoplist

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if text in self.stoplist or (len(text) == 1 and not text.isdigit()):
                token.stopped = True
                if token.removestops:
                    continue
            else:
                token.stopped = False
            yield token


class FrenchElisionFilter(Filter):
    """Splits off French elisions: "l'organisation" -> "organisation"."""

    _ELISION = re.compile(r"^(?:l|d|j|n|s|c|t|m|qu|jusqu|lorsqu|puisqu)['\u2019]")

    def __call__(self, tokens):
        for token in tokens:
            token.text = self._ELISION.sub("", token.text)
            if token.text:
                yield token


class AccentFoldFilter(Filter):
    """Drops diacritics, so "securite" typed without accents finds "sécurité"."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.isascii():
                token.text = fold_accents(token.text)
            yield token


def english_analyzer():
    """The English chain: tokens, lower case, folding, stopwords, Porter2 stemming."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | EnglishFoldFilter()
            | WordStopFilter() | StemFilter(lang="en", cachesize=100000))


def english_plain_analyzer():
    """The English chain without stemming or stopwords (for exact names and acronyms)."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | EnglishFoldFilter()


def french_analyzer():
    """The French chain: tokens, lower case, elisions, French stopwords, accents, French stemming."""
    return (RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FrenchElisionFilter()
            | WordStopFilter(FRENCH_STOPWORDS) | AccentFoldFilter() | StemFilter(lang="fr", cachesize=50000))


_ENGLISH = english_analyzer()
_FRENCH = french_analyzer()
_PLAIN = english_plain_analyzer()


def english_terms(text: str) -> list[str]:
    """The index terms ``text`` becomes in an English field, in order."""
    return [t.text for t in _ENGLISH(text)]


def french_terms(text: str) -> list[str]:
    """The index terms ``text`` becomes in a French field, in order."""
    return [t.text for t in _FRENCH(text)]


def plain_words(text: str) -> list[str]:
    """Lower-case folded words of ``text``, unstemmed and with stopwords kept."""
    return [t.text for t in _PLAIN(text)]
