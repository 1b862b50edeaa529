"""Mandate to practice: which parts of a guide put a resolution's operative paragraph into practice.

A :class:`PracticeLink` joins one operative paragraph (the mandate) to one target in a
practice document: a section of a guide's chapters, or one of its checklists. The link keeps
what a reader needs to judge it: how closely the two texts match (``score``, higher is
closer) and why (``shared_terms``, the words and phrases both texts use, as the paragraph
spells them). The links are computed when the index is built (``indexer.mandate``) and
stored in the knowledge base, so a page only looks them up.
"""

from __future__ import annotations

from dataclasses import dataclass

TARGET_KINDS: tuple[str, ...] = ("section", "checklist")


@dataclass(frozen=True)
class PracticeLink:
    """Operative paragraph ``paragraph`` of resolution ``resolution`` is put into practice by a target.

    ``anchor`` is the target's anchor in ``document_id``: a section heading's anchor, or the
    checklist passage's own. ``passage_ids`` are the passages whose text matched, best first.
    """

    resolution: int
    paragraph: int
    paragraph_anchor: str  # "op8"
    document_id: str
    anchor: str
    kind: str  # one of TARGET_KINDS
    title: str  # the section heading or the checklist's title
    section_path: tuple[str, ...]
    passage_ids: tuple[str, ...]
    score: float
    shared_terms: tuple[str, ...]  # the reason, most telling first: "sexual violence", "training"

    @property
    def url(self) -> str:
        """Where the target is shown."""
        return f"/documents/{self.document_id}#{self.anchor}"

    @property
    def paragraph_url(self) -> str:
        """Where the operative paragraph is shown."""
        return f"/resolutions/{self.resolution}#{self.paragraph_anchor}"
