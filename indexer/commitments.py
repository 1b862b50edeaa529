"""Tag operative paragraphs as commitments: the verb's strength, who is addressed, which pillars.

The rules are general, not per resolution, so they read any Security Council text:

* **strength** comes from the paragraph's leading verb ("Further urges" -> requests/urges;
  "Decides to remain seized" is procedure, so "other");
* **addressees** are read clause by clause. Every verb that asks something ("Requests the
  Secretary-General ... and urges Member States ...") opens an *object window*: the words after
  it up to the infinitive ("to provide ...") that says what is asked. Actor names inside that
  window are the addressees; actors after it are what is talked about ("provide to Member
  States training guidelines" does not address Member States). Consultation partners ("in
  consultation with the Secretary-General") are not addressed either. The leading verb opens
  a window even when it asks nothing ("Emphasizes the responsibility of all States to ...");
* **pillars** come from topic words. Only lower-case words count: capitalised ones are names
  (the "Refugee Convention", the "Peacebuilding Commission") rather than topics, and staff
  titles ("humanitarian personnel") are not topics either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.commitments import AddresseeMention, Commitment, Strength
from kb.knowledge_base import KnowledgeBase
from kb.resolutions import PILLARS, Resolution, ResolutionParagraph

_I = re.IGNORECASE
_DASH = r"[-\u2010\u2011\u2013]"

# Verbs that ask something of someone, strongest first. Adverbs before them ("further",
# "also", "strongly") do not change the level.
_ASK_VERBS: tuple[tuple[str, Strength], ...] = (
    (r"decides|demands|reiterates\s+its\s+(?:demand|decision)", Strength.DECIDES),
    (r"requests|urges|reiterates\s+its\s+request", Strength.REQUESTS),
    (r"calls\s+(?:up)?on|calls\s+for|encourages|invites|reiterates\s+its\s+call(?:\s+(?:up)?on)?",
     Strength.CALLS_UPON),
)
_ADVERBS = r"(?:(?:further|also|strongly|again|once\s+again|hereby)\s+)*"
_PROCEDURE = re.compile(r"decides\s+to\s+remain\s+(?:actively\s+)?seized", _I)
_ASK = re.compile(_ADVERBS + r"(?:" + "|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(_ASK_VERBS)) + r")\b",
                  _I)
_LEADING_WORDS = re.compile(_ADVERBS + r"[A-Za-z]+", _I)
# Verbs that only say something: they end the clause of an ask before them.
_STATEMENT_VERBS = (r"stresses|emphasizes|emphasises|notes|recalls|affirms|reaffirms|expresses|recognizes|"
                    r"recognises|welcomes|acknowledges|condemns|underlines|underscores|reiterates|takes\s+note")
# Where a new clause of the paragraph begins: after a comma or semicolon, or "and", with
# "in this regard" and adverbs allowed between.
_CLAUSE_START = r"(?:[,;:]\s*(?:and\s+)?|\band\s+)(?:in\s+this\s+regard,?\s+)?"
_NEXT_ASK = re.compile(_CLAUSE_START + r"(?=" + _ASK.pattern + r")", _I)
_NEXT_CLAUSE = re.compile(_CLAUSE_START + _ADVERBS + r"(?:" + "|".join(p for p, _ in _ASK_VERBS) + "|"
                          + _STATEMENT_VERBS + r")\b|;", _I)

# Actor names, longest first inside each entry; (slug, pattern, case-insensitive?).
_ADDRESSEE_PATTERNS: tuple[tuple[str, str, bool], ...] = (
    ("parties-to-peace-talks",
     r"(?:all\s+)?parties\s+to\s+(?:(?:such|the|these|peace)\s+)*(?:talks|negotiations|peace\s+processes"
     r"|peace\s+agreements)", True),
    ("parties-to-armed-conflict",
     r"(?:all\s+)?(?:other\s+)?parties\s+to\s+(?:an?\s+|the\s+)?(?:situations\s+of\s+)?(?:armed\s+)?conflicts?"
     r"|non" + _DASH + r"?\s*State\s+armed\s+(?:groups|actors)|armed\s+groups", True),
    ("troop-and-police-contributing-countries",
     r"troop" + _DASH + r"?\s*(?:and|or)\s+police" + _DASH + r"?\s*contributing\s+countries"
     r"|(?:troop|police)" + _DASH + r"?\s*contributing\s+countries|[TP]CCs?\b", True),
    ("secretary-general",
     r"(?:the\s+)?Secretary(?:" + _DASH + r"\s*|\s+)General(?:['’]s\s+Special\s+(?:Envoys?|Representatives?))?"
     r"|(?:his|her|the|all)\s+Special\s+(?:Envoys?|Representatives?)|SRSGs?\b", True),
    ("peacebuilding-commission", r"(?:the\s+)?Peace" + _DASH + r"?\s*building\s+Commission|PBC\b", True),
    ("un-entities",
     r"(?:all\s+|other\s+)?(?:relevant\s+)?(?:United\s+Nations|UN)\s+(?:system\s+)?(?:entities|bodies|agencies"
     r"|funds\s+and\s+programmes|country\s+teams|peacekeeping\s+(?:operations|missions)|system)"
     r"|(?:relevant\s+)?funds\s+and\s+programmes|UN" + _DASH + r"?\s*Women\b", True),
    ("regional-organizations",
     r"(?:relevant\s+|appropriate\s+)?(?:regional(?:\s+and\s+sub" + _DASH + r"?\s*regional)?|sub" + _DASH
     + r"?\s*regional)\s+(?:organi[sz]ations|bodies|arrangements|mechanisms)", True),
    ("civil-society",
     r"(?:local\s+|national\s+|women['’]s\s+)?civil" + _DASH + r"?\s*society(?:\s+(?:organi[sz]ations|groups"
     r"|networks|actors))?|women(?:['’]s|" + _DASH + r"led)\s+(?:groups|organi[sz]ations)"
     r"|non" + _DASH + r"?\s*governmental\s+organi[sz]ations|NGOs\b", True),
    ("financial-institutions", r"(?:international\s+)?financial\s+institutions", True),
    ("all-actors",
     r"all\s+(?:relevant\s+)?(?:actors|stakeholders)(?:\s+(?:involved|concerned))?|all\s+those\s+involved"
     r"|all\s+(?:other\s+)?parties\s+concerned|all\s+concerned", True),
    ("member-states",
     r"(?:all\s+|relevant\s+|concerned\s+|each\s+)?Member\s+States?|all\s+States|national\s+Governments", True),
    # Bare "States" only with its capital: "states" is also a verb.
    ("member-states", r"(?:(?:relevant|concerned)\s+)?(?<!United\s)States\b|Governments\b", False),
)
_ADDRESSEE = [(slug, re.compile(pattern, _I if folded else 0)) for slug, pattern, folded in _ADDRESSEE_PATTERNS]
_CONSULTATION = re.compile(r"(?:in|through)\s+(?:close\s+)?(?:consultation|cooperation|coordination|collaboration)"
                           r"\s+with|with\s+the\s+(?:support|assistance)\s+of", _I)
_INFINITIVE = re.compile(r"to\s+(?=[a-z])")
_THAT = re.compile(r"that\s+")
_WORD = re.compile(r"\S+")

# Topic words per pillar; matched case-sensitively (see the module docstring).
_NOT_STAFF = r"(?!(?:\s+and\s+\w+)?\s+personnel)"
_PILLAR_TERMS: dict[str, str] = {
    "participation": r"participat\w*|representation|decision" + _DASH + r"?\s?making|peace\s+process(?:es)?"
                     r"|negotiat\w*|leadership|mediat\w*|appoint\w*|candidates|electoral|peace\s+initiatives"
                     r"|involv\w*\s+women|role\s+(?:and\s+contribution\s+)?of\s+women"
                     r"|(?:number|percentage|proportion)\s+of\s+women|consultation\s+with\s+(?:\w+\s+){0,3}women"
                     r"|women['’]s\s+(?:groups|organi[sz]ations|civil\s+society)",
    "protection": r"protect\w*|sexual\s+(?:and\s+\w+\s+)?violence|gender" + _DASH + r"?\s*based\s+violence"
                  r"|violence\s+against\s+(?:women|civilians)|rape|sexual\s+(?:abuse|exploitation)"
                  r"|(?:human\s+)?rights" + _NOT_STAFF + r"|safety|access\s+to\s+justice",
    "prevention": r"prevent\w*|impunity|early" + _DASH + r"?\s*warning|accountab\w*|prosecut\w*|amnesty"
                  r"|zero" + _DASH + r"?\s*tolerance|sanctions?|vetting|disciplinary",
    "relief and recovery": r"refugees?|camps|humanitarian" + _NOT_STAFF + r"|disarmament|demobili[sz]ation|DDR"
                           r"|reintegration|rehabilitation|repatriation|resettlement|reconstruction"
                           r"|post" + _DASH + r"?\s*conflict|peace" + _DASH + r"?\s*building|recovery|relief"
                           r"|displaced|assistance\s+to\s+victims|survivors|health",
}
_PILLAR = {pillar: re.compile(r"(?<![\w-])(?:" + _PILLAR_TERMS[pillar] + r")(?![\w-])") for pillar in PILLARS}


@dataclass(frozen=True)
class _Clause:
    verb: str  # as written
    start: int  # where the verb begins
    body: int  # where the words after the verb begin
    end: int  # where the clause ends


def leading_verb(text: str) -> tuple[str, Strength]:
    """The verb a paragraph opens with, as written, and its strength."""
    text = text.lstrip()
    if _PROCEDURE.match(text):
        return text.split()[0], Strength.OTHER
    asked = _ASK.match(text)
    if asked:
        return " ".join(asked.group(0).split()), _strength_of(asked)
    word = _LEADING_WORDS.match(text)
    return (" ".join(word.group(0).split()) if word else ""), Strength.OTHER


def _strength_of(match: re.Match[str]) -> Strength:
    return next(strength for i, (_, strength) in enumerate(_ASK_VERBS) if match.group(f"v{i}"))


def _clauses(text: str) -> list[_Clause]:
    """The paragraph's leading clause, then every later clause that opens with an asking verb."""
    offset = len(text) - len(text.lstrip())
    opening = _ASK.match(text, offset) or _LEADING_WORDS.match(text, offset)
    starts = [(offset, opening.end() if opening else offset)]
    for boundary in _NEXT_ASK.finditer(text, starts[0][1]):
        asked = _ASK.match(text, boundary.end())
        if asked and not _PROCEDURE.match(text, boundary.end()):
            starts.append((asked.start(), asked.end()))
    clauses = []
    for start, body in starts:
        following = _NEXT_CLAUSE.search(text, body)
        end = following.start() if following else len(text)
        clauses.append(_Clause(" ".join(text[start:body].split()), start, body, end))
    return clauses


def _addressed(text: str, clause: _Clause) -> list[AddresseeMention]:
    """Actor names in the clause's object window, with what the clause asks of them."""
    found: list[tuple[str, int, int]] = []
    consulting = that_clause = False
    position = clause.body
    window_end = clause.end
    while position < clause.end:
        position = _skip_space(text, position)
        if position >= clause.end:
            break
        if text.startswith("that ", position) and position == _skip_space(text, clause.body):
            position, that_clause = _THAT.match(text, position).end(), True  # type: ignore[union-attr]
            continue
        actor = next(((slug, m) for slug, pattern in _ADDRESSEE if (m := pattern.match(text, position))), None)
        if actor is not None and actor[1].end() <= clause.end and _ends_word(text, actor[1].end()):
            if not consulting:
                found.append((actor[0], actor[1].start(), actor[1].end()))
            position = actor[1].end()
            continue
        consultation = _CONSULTATION.match(text, position)
        if consultation:
            consulting, position = True, consultation.end()
            continue
        if _INFINITIVE.match(text, position):
            window_end = position
            break
        word = _WORD.match(text, position)
        position = word.end() if word else position + 1
    verb = re.sub("^" + _ADVERBS, "", clause.verb.lower())
    # What is asked: the infinitive ("to ensure ..."); in a that-clause, what follows the actors
    # ("that all parties ... immediately take ..."); else the whole object ("the cessation by ...").
    ask_start = found[-1][2] if that_clause and found else window_end
    if ask_start >= clause.end:
        ask_start = clause.body
    ask = " ".join(text[ask_start:clause.end].split()).strip(" ,;:.")
    return [AddresseeMention(slug, start, end, verb, ask) for slug, start, end in found]


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and (text[position].isspace() or text[position] in ",()"):
        position += 1
    return position


def _ends_word(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] in "-\u2010\u2011")


def pillars_of(text: str) -> tuple[str, ...]:
    """The WPS pillars a text's topic words belong to, in the order of ``kb.resolutions.PILLARS``."""
    return tuple(pillar for pillar in PILLARS if _PILLAR[pillar].search(text))


def addressee_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, slug) of every actor named anywhere in ``text`` (a search query, say), in order."""
    spans: list[tuple[int, int, str]] = []
    for slug, pattern in _ADDRESSEE:
        for match in pattern.finditer(text):
            if _ends_word(text, match.end()) and not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), slug))
    return sorted(spans)


def addressees_named(text: str) -> tuple[str, ...]:
    """The slugs of actors named anywhere in ``text``, each once."""
    return tuple(dict.fromkeys(slug for _, _, slug in addressee_spans(text)))


def commitment_of(resolution: int, paragraph: ResolutionParagraph) -> Commitment:
    """One operative paragraph read as a commitment."""
    text = paragraph.text
    verb, strength = leading_verb(text)
    mentions = [m for clause in _clauses(text) for m in _addressed(text, clause)]
    return Commitment(
        resolution=resolution, paragraph=paragraph.number or 0, anchor=paragraph.anchor, verb=verb,
        strength=strength, mentions=tuple(mentions), pillars=pillars_of(text), text=text,
    )


def find_commitments(resolution: Resolution) -> tuple[Commitment, ...]:
    """Every operative paragraph of ``resolution`` as a commitment, in paragraph order."""
    return tuple(commitment_of(resolution.number, p) for p in resolution.operative())


_cache: list[tuple[KnowledgeBase, tuple[Commitment, ...]]] = []


def commitments_of(kb: KnowledgeBase) -> tuple[Commitment, ...]:
    """The commitments of every resolution whose text the knowledge base holds (cached per kb)."""
    if _cache and _cache[0][0] is kb:
        return _cache[0][1]
    found = tuple(c for r in kb.resolutions.values() for c in find_commitments(r))
    _cache[:] = [(kb, found)]
    return found
