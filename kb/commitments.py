"""Commitments: what each operative paragraph asks, of whom, how strongly, under which pillars.

A Security Council resolution speaks through its operative paragraphs, and each opens with a
verb whose weight the Council chooses on purpose: it *decides* or *demands*; it *requests* or
*urges*; it *calls upon*, *encourages* or *invites*; or it only *expresses*, *recognizes*,
*stresses* something. A :class:`Commitment` records one operative paragraph read that way: the
leading verb as written and its :class:`Strength`, the actors it addresses (each with the
character offsets of the phrase that named it, so a page can mark it), and its WPS pillars.

The tagging itself (patterns over the text) lives in ``indexer.commitments``; this module holds
the plain data, the vocabulary of addressees, and the questions a reader asks of a list of
commitments: filter it, count it, say in one line what a resolution asks of someone.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass



class Strength(str, enum.Enum):
    """How strongly a paragraph speaks, strongest first (the order of the members is the ranking)."""

    DECIDES = "decides"
    REQUESTS = "requests"
    CALLS_UPON = "calls-upon"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The verbs the level stands for: "decides / demands"."""
        return _STRENGTH_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for the strongest level, 3 for "other"."""
        return list(Strength).index(self)


_STRENGTH_LABELS = {
    Strength.DECIDES: "decides / demands",
    Strength.REQUESTS: "requests / urges",
    Strength.CALLS_UPON: "calls upon / encourages / invites",
    Strength.OTHER: "other verbs",
}

# The actors resolutions address, by slug (used in URLs) and the name a reader sees.
ADDRESSEES: dict[str, str] = {
    "member-states": "Member States",
    "secretary-general": "the Secretary-General",
    "parties-to-armed-conflict": "parties to armed conflict",
    "troop-and-police-contributing-countries": "troop- and police-contributing countries",
    "un-entities": "United Nations entities",
    "regional-organizations": "regional and subregional organizations",
    "peacebuilding-commission": "the Peacebuilding Commission",
    "parties-to-peace-talks": "parties to peace talks",
    "civil-society": "civil society",
    "financial-institutions": "financial institutions",
    "all-actors": "all actors",
}


@dataclass(frozen=True)
class AddresseeMention:
    """One phrase in a paragraph that names an actor the paragraph asks something of."""

    addressee: str  # a slug of ADDRESSEES
    start: int  # offsets of the phrase in the commitment's text
    end: int
    verb: str  # the verb that addresses it, as written: "urges", "calls on"
    ask: str = ""  # what it is asked, as written: "to ensure increased representation of women ..."


@dataclass(frozen=True)
class Commitment:
    """One operative paragraph read as a commitment."""

    resolution: int
    paragraph: int
    anchor: str  # "op8"
    verb: str  # the leading verb as written: "Urges", "Further urges", "Calls upon"
    strength: Strength
    mentions: tuple[AddresseeMention, ...]
    pillars: tuple[str, ...]  # from kb.resolutions.PILLARS, in that order
    text: str

    @property
    def addressees(self) -> tuple[str, ...]:
        """The slugs of the actors addressed, each once, in the order the text names them."""
        return tuple(dict.fromkeys(m.addressee for m in self.mentions))

    @property
    def url(self) -> str:
        """Where the paragraph is shown."""
        return f"/resolutions/{self.resolution}#{self.anchor}"

    def ask_of(self, addressee: str) -> str:
        """What the paragraph asks of ``addressee`` ("" when it names it without an ask)."""
        return next((m.ask for m in self.mentions if m.addressee == addressee and m.ask), "")


@dataclass(frozen=True)
class CommitmentFilter:
    """What a reader narrowed the list to; an empty tuple means "any"."""

    resolutions: tuple[int, ...] = ()
    addressees: tuple[str, ...] = ()
    strengths: tuple[Strength, ...] = ()
    pillars: tuple[str, ...] = ()

    def accepts(self, commitment: Commitment, *, ignore: str = "") -> bool:
        """Whether ``commitment`` passes every filter (``ignore`` one of them, for facet counts)."""
        return all((
            ignore == "resolution" or not self.resolutions or commitment.resolution in self.resolutions,
            ignore == "addressee" or not self.addressees or bool(set(self.addressees) & set(commitment.addressees)),
            ignore == "strength" or not self.strengths or commitment.strength in self.strengths,
            ignore == "pillar" or not self.pillars or bool(set(self.pillars) & set(commitment.pillars)),
        ))


def select(commitments: Iterable[Commitment], wanted: CommitmentFilter) -> list[Commitment]:
    """The commitments that pass ``wanted``, in resolution and paragraph order."""
    return sorted((c for c in commitments if wanted.accepts(c)), key=lambda c: (c.resolution, c.paragraph))


def facet_counts(commitments: Iterable[Commitment], wanted: CommitmentFilter) -> dict[str, Counter]:
    """For each filter, how many commitments each value would show given the *other* filters."""
    counts: dict[str, Counter] = {name: Counter() for name in ("resolution", "addressee", "strength", "pillar")}
    for commitment in commitments:
        if wanted.accepts(commitment, ignore="resolution"):
            counts["resolution"][commitment.resolution] += 1
        if wanted.accepts(commitment, ignore="addressee"):
            counts["addressee"].update(commitment.addressees)
        if wanted.accepts(commitment, ignore="strength"):
            counts["strength"][commitment.strength] += 1
        if wanted.accepts(commitment, ignore="pillar"):
            counts["pillar"].update(commitment.pillars)
    return counts


def summary_line(commitments: list[Commitment], wanted: CommitmentFilter, *, items: int = 3) -> str:
    """One sentence a reader can take away: "Resolution 1325 asks Member States 5 things: ...".

    With one addressee chosen it lists the first ``items`` asks; otherwise it says who is
    addressed most often.
    """
    who = _subject(wanted.resolutions)
    asks_verb = "asks" if len(wanted.resolutions) == 1 else "ask"
    if not commitments:
        return f"{who} {asks_verb} nothing that matches these filters."
    count = len(commitments)
    if len(wanted.addressees) == 1:
        slug = wanted.addressees[0]
        asks = [f"{_clip(c.ask_of(slug) or c.text)} (para. {c.paragraph}"
                + (f" of {c.resolution})" if len(wanted.resolutions) != 1 else ")") for c in commitments[:items]]
        more = f"; and {count - items} more" if count > items else ""
        things = "thing" if count == 1 else "things"
        return f"{who} {asks_verb} {ADDRESSEES[slug]} {count} {things}: " + "; ".join(asks) + more + "."
    addressed = Counter(a for c in commitments for a in c.addressees)
    paragraphs = "operative paragraph" if count == 1 else "operative paragraphs"
    if not addressed:
        return f"{who}: {count} {paragraphs}, none of them addressed to a named actor."
    top = ", ".join(f"{ADDRESSEES[slug]} ({n})" for slug, n in addressed.most_common(3))
    return f"{who}: {count} {paragraphs}; most often addressed: {top}."


def _subject(resolutions: tuple[int, ...]) -> str:
    if len(resolutions) == 1:
        return f"Resolution {resolutions[0]}"
    if resolutions:
        return "Resolutions " + ", ".join(str(n) for n in sorted(resolutions))
    return "The WPS resolutions"


def _clip(text: str, words: int = 12) -> str:
    parts = text.split()
    clipped = " ".join(parts[:words]).rstrip(",;:")
    return clipped + ("…" if len(parts) > words else "")


def pillar_slug(pillar: str) -> str:
    """"relief and recovery" -> "relief-and-recovery"."""
    return pillar.replace(" ", "-")

