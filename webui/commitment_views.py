"""The commitments index as a view dict: filters from the query string, rows, counts, links.

One dict feeds ``/commitments`` (HTML), ``/api/commitments`` (JSON) and, row by row,
``/api/commitments.csv``. Filter values are checked here: anything unknown is a
:class:`~indexer.interface.QueryError` (a 400) whose message lists the values allowed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from flask_babel import gettext, ngettext
from markupsafe import Markup, escape

from indexer.commitments import commitments_of
from indexer.interface import QueryError
from kb.commitments import (
    ADDRESSEES, Commitment, CommitmentFilter, Strength, _clip, facet_counts, pillar_slug, select, summary_line,
)
from kb.knowledge_base import KnowledgeBase
from kb.resolutions import PILLARS
from webui.languages import addressee_label, addressee_things, current_language
from webui.views import paragraph_citation

FILTERS: tuple[str, ...] = ("resolution", "addressee", "strength", "pillar")
SHORT_CHARS = 220  # a row shows this much of the text; the rest is one click away
CSV_COLUMNS = ("resolution", "paragraph", "citation", "url", "verb", "strength", "addressed_to", "pillars", "text")

# Words a user may type for a strength level besides its slug: "urges" means requests/urges.
_STRENGTH_WORDS: dict[str, Strength] = {
    **{s.value: s for s in Strength},
    "demands": Strength.DECIDES, "urges": Strength.REQUESTS, "calls-on": Strength.CALLS_UPON,
    "encourages": Strength.CALLS_UPON, "invites": Strength.CALLS_UPON,
}

MultiArgs = Mapping[str, Sequence[str]]


def _key(value: str) -> str:
    """A typed value as a slug: "The Secretary General" -> "secretary-general"."""
    words = value.strip().lower().replace("_", " ").replace("-", " ").split()
    if words[:1] == ["the"]:
        words = words[1:]
    return "-".join(words)


def _allowed(name: str, kb: KnowledgeBase) -> list[str]:
    return {
        "resolution": [str(n) for n in kb.resolutions],
        "addressee": list(ADDRESSEES),
        "strength": [s.value for s in Strength],
        "pillar": [pillar_slug(p) for p in PILLARS],
    }[name]


def parse_filters(args: MultiArgs, kb: KnowledgeBase) -> CommitmentFilter:
    """The filter the query string asks for; empty values mean "any"; unknown values are a 400."""
    chosen: dict[str, list[Any]] = {name: [] for name in FILTERS}
    for name in FILTERS:
        for raw in args.get(name) or []:
            if not raw.strip():
                continue
            value = _value(name, raw, kb)
            if value is None:
                allowed = ", ".join(_allowed(name, kb))
                raise QueryError(gettext("unknown %(name)s '%(value)s'; use one of: %(allowed)s", name=name,
                                         value=raw.strip()[:80], allowed=allowed))
            if value not in chosen[name]:
                chosen[name].append(value)
    return CommitmentFilter(tuple(chosen["resolution"]), tuple(chosen["addressee"]), tuple(chosen["strength"]),
                            tuple(chosen["pillar"]))


def _value(name: str, raw: str, kb: KnowledgeBase) -> Any:
    key = _key(raw)
    if name == "resolution":
        return int(key) if key.isdigit() and int(key) in kb.resolutions else None
    if name == "addressee":
        return key if key in ADDRESSEES else None
    if name == "strength":
        return _STRENGTH_WORDS.get(key)
    return next((p for p in PILLARS if pillar_slug(p) == key), None)


def filter_params(wanted: CommitmentFilter) -> list[tuple[str, str]]:
    """The query-string pairs that ask for ``wanted``."""
    return ([("resolution", str(n)) for n in wanted.resolutions] + [("addressee", a) for a in wanted.addressees]
            + [("strength", s.value) for s in wanted.strengths] + [("pillar", pillar_slug(p)) for p in wanted.pillars])


def _url(path: str, pairs: list[tuple[str, str]]) -> str:
    return path + (f"?{urlencode(pairs)}" if pairs else "")


def commitment_dict(commitment: Commitment, kb: KnowledgeBase, *, html: bool = False) -> dict[str, Any]:
    """One row: where the paragraph is, its verb and strength, whom it addresses, its pillars and text."""
    resolution = kb.resolutions[commitment.resolution]
    number = [("resolution", str(commitment.resolution))]
    item: dict[str, Any] = {
        "resolution": commitment.resolution,
        "paragraph": commitment.paragraph,
        "anchor": commitment.anchor,
        "url": commitment.url,
        "citation": resolution.citation(commitment.paragraph),
        "verb": commitment.verb,
        "strength": commitment.strength.value,
        "strength_label": commitment.strength.label,
        "strength_url": _url("/commitments", number + [("strength", commitment.strength.value)]),
        "addressees": [{"slug": slug, "label": ADDRESSEES[slug],
                        "url": _url("/commitments", number + [("addressee", slug)])}
                       for slug in commitment.addressees],
        "mentions": [{"addressee": m.addressee, "phrase": commitment.text[m.start:m.end], "start": m.start,
                      "end": m.end, "verb": m.verb, "ask": m.ask} for m in commitment.mentions],
        "pillars": list(commitment.pillars),
        "text": commitment.text,
    }
    if html:
        item["html"] = marked_text(commitment)
        item["short"] = _shorten(commitment.text, SHORT_CHARS)
        item["page_citation"] = paragraph_citation(resolution, "operative", commitment.paragraph)
    return item


def marked_text(commitment: Commitment) -> Markup:
    """The paragraph as safe HTML with each addressee phrase in <mark>."""
    parts: list[str] = []
    cursor = 0
    for mention in sorted(commitment.mentions, key=lambda m: m.start):
        if mention.start < cursor:
            continue
        parts.append(escape(commitment.text[cursor:mention.start]))
        parts.append(Markup("<mark>%s</mark>") % commitment.text[mention.start:mention.end])
        cursor = mention.end
    parts.append(escape(commitment.text[cursor:]))
    return Markup("").join(parts)


def commitments_index(kb: KnowledgeBase, wanted: CommitmentFilter, *, html: bool = False) -> dict[str, Any]:
    """GET /api/commitments: the filtered rows, a one-line summary, counts per filter value, links."""
    everything = commitments_of(kb)
    rows = select(everything, wanted)
    counts = facet_counts(everything, wanted)
    chosen = {
        "resolution": [str(n) for n in wanted.resolutions], "addressee": list(wanted.addressees),
        "strength": [s.value for s in wanted.strengths], "pillar": [pillar_slug(p) for p in wanted.pillars],
    }
    labels = {
        "resolution": {str(n): str(n) for n in kb.resolutions},
        "addressee": ADDRESSEES,
        "strength": {s.value: s.label for s in Strength},
        "pillar": {pillar_slug(p): p for p in PILLARS},
    }
    keys = {"resolution": int, "strength": Strength, "addressee": str, "pillar": lambda slug: slug.replace("-", " ")}
    facets = {
        name: [{"value": value, "label": label, "count": counts[name][keys[name](value)],
                "selected": value in chosen[name]} for value, label in labels[name].items()]
        for name in FILTERS
    }
    params = filter_params(wanted)
    with_text = {c.resolution for c in everything}
    return {
        "filters": chosen,
        "total": len(rows),
        "summary": summary_html(rows, wanted) if html else summary_line(rows, wanted),
        "facets": facets,
        "links": {"html": _url("/commitments", params), "json": _url("/api/commitments", params),
                  "csv": _url("/api/commitments.csv", params)},
        "without_text": [n for n in kb.resolutions if n not in with_text],
        "commitments": [commitment_dict(c, kb, html=html) for c in rows],
    }


def summary_html(commitments: list[Commitment], wanted: CommitmentFilter, *, items: int = 3) -> Markup:
    """kb.commitments.summary_line in the reader's language, for the page (the API keeps kb's English).

    The asks quoted from the resolutions stay English: on a page in another language they are marked
    ``lang="en"``.
    """
    numbers = sorted(wanted.resolutions)
    count = len(commitments)

    def text(message: str, **values: Any) -> Markup:
        return Markup(message % {k: escape(v) for k, v in values.items()})  # msgids and msgstrs are trusted

    def quoted(ask: str) -> Markup:
        return Markup('<span lang="en">%s</span>') % ask if current_language() != "en" else escape(ask)

    if not commitments:
        if len(numbers) == 1:
            return text(gettext("Resolution %(number)s asks nothing that matches these filters."), number=numbers[0])
        if numbers:
            return text(gettext("Resolutions %(numbers)s ask nothing that matches these filters."),
                        numbers=", ".join(map(str, numbers)))
        return text(gettext("The WPS resolutions ask nothing that matches these filters."))
    if len(wanted.addressees) == 1:
        slug = wanted.addressees[0]
        asks = []
        for c in commitments[:items]:
            ask = quoted(_clip(c.ask_of(slug) or c.text))
            if len(numbers) == 1:
                asks.append(text(gettext("%(ask)s (para. %(number)s)"), ask=ask, number=c.paragraph))
            else:
                asks.append(text(gettext("%(ask)s (para. %(number)s of %(resolution)s)"), ask=ask,
                                 number=c.paragraph, resolution=c.resolution))
        # Translators: between the asks listed in the commitments summary (French: a no-break space before ";").
        listed = escape(gettext("; ")).join(asks)
        if count > items:
            listed += text(ngettext("; and %(num)s more", "; and %(num)s more", count - items))
        things = addressee_things(slug, count)
        if len(numbers) == 1:
            return text(gettext("Resolution %(number)s asks %(things)s: %(asks)s."), number=numbers[0],
                        things=things, asks=listed)
        if numbers:
            return text(gettext("Resolutions %(numbers)s ask %(things)s: %(asks)s."),
                        numbers=", ".join(map(str, numbers)), things=things, asks=listed)
        return text(gettext("The WPS resolutions ask %(things)s: %(asks)s."), things=things, asks=listed)
    if len(numbers) == 1:
        who = gettext("Resolution %(number)s", number=numbers[0])
    elif numbers:
        who = gettext("Resolutions %(numbers)s", numbers=", ".join(map(str, numbers)))
    else:
        who = gettext("The WPS resolutions")
    addressed = Counter(a for c in commitments for a in c.addressees)
    if not addressed:
        return text(ngettext("%(who)s: %(num)s operative paragraph, none of them addressed to a named actor.",
                             "%(who)s: %(num)s operative paragraphs, none of them addressed to a named actor.",
                             count, who="%(who)s"), who=who)
    top = ", ".join(gettext("%(addressee)s (%(count)s)", addressee=addressee_label(slug), count=n)
                             for slug, n in addressed.most_common(3))
    return text(ngettext("%(who)s: %(num)s operative paragraph; most often addressed: %(top)s.",
                         "%(who)s: %(num)s operative paragraphs; most often addressed: %(top)s.",
                         count, who="%(who)s", top="%(top)s"), who=who, top=top)


def csv_row(item: dict[str, Any], host_url: str) -> tuple[Any, ...]:
    """A row of /api/commitments.csv from a :func:`commitment_dict`, in :data:`CSV_COLUMNS` order."""
    return (item["resolution"], item["paragraph"], item["citation"], host_url.rstrip("/") + item["url"],
            item["verb"], item["strength_label"], "; ".join(a["label"] for a in item["addressees"]),
            "; ".join(item["pillars"]), item["text"])


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
