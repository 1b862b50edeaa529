"""Questions about commitments: "what does 1325 ask of Member States?" answered from the tags.

A query is a commitments question when it names an actor the resolutions address (Member
States, the Secretary-General, parties to armed conflict, ...) and nothing else but a
resolution number and words of asking ("ask", "requests", "demands of", "commitments"...):
"1325 Member States", "1820 requests to the Secretary-General", "what is asked of troop- and
police-contributing countries". A query with other topic words ("1325 Member States training")
stays a topic search. The answer is the one-line summary of the filtered commitments index
and a link to it, above the usual ranked results.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from indexer.commitments import addressee_spans, commitments_of
from indexer.interface import Answer
from indexer.query import QUESTION_WORDS, REFERENCE_WORDS, QueryPlan
from kb.commitments import ADDRESSEES, CommitmentFilter, select, summary_line
from kb.knowledge_base import KnowledgeBase

# Words that say "what is asked of": they carry no topic.
ASK_WORDS: frozenset[str] = frozenset(
    "ask asks asked asking request requests requested urge urges urged demand demands demanded call calls "
    "called upon encourage encourages encouraged invite invites invited commitment commitments obligation "
    "obligations expect expects expected require requires required want wants from addressed".split()
)
_WORD = re.compile(r"[\w'’-]+")


def commitments_question(kb: KnowledgeBase, plan: QueryPlan) -> CommitmentFilter | None:
    """The filter a commitments question asks for, or None when the query is something else."""
    spans = addressee_spans(plan.text)
    named = tuple(dict.fromkeys(slug for _, _, slug in spans))
    if len(named) != 1:
        return None
    rest, cut = "", 0
    for start, end, _ in spans:
        rest, cut = rest + plan.text[cut:start] + " ", end
    rest += plan.text[cut:]
    words = [w.lower().strip("'’-") for w in _WORD.findall(rest)]
    resolution = plan.resolution if plan.resolution in kb.resolutions else None
    leftover = [w for w in words if w and w not in QUESTION_WORDS and w not in REFERENCE_WORDS
                and w not in ASK_WORDS and w != str(resolution)]
    if leftover or (resolution is None and not ASK_WORDS.intersection(words)):
        return None
    return CommitmentFilter(resolutions=(resolution,) if resolution else (), addressees=named)


def commitments_url(wanted: CommitmentFilter) -> str:
    """The commitments index narrowed to ``wanted``."""
    pairs = [("resolution", str(n)) for n in wanted.resolutions] + [("addressee", a) for a in wanted.addressees]
    return "/commitments" + (f"?{urlencode(pairs)}" if pairs else "")


def commitments_answer(kb: KnowledgeBase, plan: QueryPlan) -> tuple[list[str], Answer] | None:
    """No pinned passages and the answer card for a commitments question, or None.

    Nothing is pinned: the ranked results already hold the paragraphs, and pinning them would
    count as "enough" results and hide the guide's passages about the same actors.
    """
    wanted = commitments_question(kb, plan)
    if wanted is None:
        return None
    found = select(commitments_of(kb), wanted)
    if not found:
        return None
    who = ADDRESSEES[wanted.addressees[0]]
    subject = f"resolution {wanted.resolutions[0]}" if wanted.resolutions else "the WPS resolutions"
    title = f"What {subject} {'asks' if wanted.resolutions else 'ask'} of {who}"
    return [], Answer("commitments", title[0].upper() + title[1:], summary_line(found, wanted),
                       commitments_url(wanted), "Commitments index")
