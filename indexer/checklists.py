"""The adviser checklists: each policing role with its Objective and its Quick Checklist.

On the page each role is a numbered heading, an "Objective:" and a "Quick Checklist:" of
items. Column and page breaks scatter these pieces; they are put back by four rules:

1. An "Objective:" right under a role heading belongs to that role; one with no heading
   above it belongs to the first role that has a heading but no objective yet.
2. A "Quick Checklist:" belongs to the role whose objective was just read; one right under
   a heading whose role has no objective yet belongs to the previous role (in document
   order) that has no checklist yet: it is the tail of that role's page.
3. Items after a "Quick Checklist:" belong to its role.
4. Orphan items (no lead-in) continue a checklist from the previous page: they belong to
   the role numbered just before the next role heading that follows them (the column they
   spilled from ended with that role), or to the last role when no heading follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from indexer.definitions import Entry, LineLike
from kb.glossary import slugify

_OBJECTIVE = re.compile(r"^Objectives?\s*:\s*(.*)$", re.IGNORECASE)
_CHECKLIST = re.compile(r"^(?:Quick\s+)?Checklist\s*:\s*$", re.IGNORECASE)


@dataclass
class Role:
    """One adviser role as it is being reassembled."""

    title: str
    number: int
    path: tuple[str, ...]
    objective: list[LineLike] = field(default_factory=list)
    checklist: list[LineLike] = field(default_factory=list)  # the label then the items
    heading_seen: bool = True


def assign_roles(lines: Sequence[LineLike], numbers: dict[str, int], depth: int) -> tuple[list[Role], list[str]]:
    """Sort the lines of the checklist section into roles by the rules of the module docstring.

    ``numbers`` maps role titles to their heading numbers; ``depth`` is the path length of
    a line directly under a role heading.
    """
    roles: dict[str, Role] = {}
    notes: list[str] = []
    target: Role | None = None
    mode = ""
    orphans: list[tuple[int, LineLike]] = []
    previous_path: tuple[str, ...] = ()
    for i, line in enumerate(lines):
        path = tuple(line.path)
        under = path[depth - 1] if len(path) >= depth else ""
        first_under_heading = path != previous_path
        previous_path = path
        if under and under not in roles:
            roles[under] = Role(under, numbers.get(under, len(roles) + 1), path[:depth])
        heading_role = roles.get(under)
        if _OBJECTIVE.match(line.text):
            if heading_role and first_under_heading and not heading_role.objective:
                target = heading_role
            else:
                target = next((r for r in roles.values() if not r.objective), heading_role)
                if target is not heading_role and target is not None:
                    notes.append(f"objective under {under!r} given back to {target.title!r}")
            if target is not None:
                target.objective.append(line)
            mode = "objective"
        elif _CHECKLIST.match(line.text):
            if heading_role and first_under_heading and not heading_role.objective:
                earlier = [r for r in roles.values() if r is not heading_role and not r.checklist]
                target = earlier[-1] if earlier else heading_role
                notes.append(f"checklist under {under!r} given back to {target.title!r}")
            elif target is None or target.checklist:
                target = next((r for r in roles.values() if r.objective and not r.checklist), heading_role)
            if target is not None:
                target.checklist.append(line)
            mode = "checklist"
        elif line.text.startswith("•"):
            if mode == "checklist" and target is not None:
                target.checklist.append(line)
            else:
                orphans.append((i, line))
                mode = "orphan"
        elif mode == "objective" and target is not None:
            target.objective.append(line)
    _place_orphans(orphans, lines, roles, depth, notes)
    return sorted(roles.values(), key=lambda r: r.number), notes


def _place_orphans(orphans: list[tuple[int, LineLike]], lines: Sequence[LineLike], roles: dict[str, Role],
                   depth: int, notes: list[str]) -> None:
    by_number = {r.number: r for r in roles.values()}
    for i, line in orphans:
        here = tuple(line.path)[depth - 1] if len(line.path) >= depth else ""
        following = next((tuple(ln.path)[depth - 1] for ln in lines[i + 1:]
                          if len(ln.path) >= depth and tuple(ln.path)[depth - 1] != here), None)
        owner = by_number.get(roles[following].number - 1) if following else None
        owner = owner or max(roles.values(), key=lambda r: r.number)
        owner.checklist.append(line)
        notes.append(f"checklist item {line.text[:40]!r} continued from the previous page: given to {owner.title!r}")


def build_checklists(lines: Sequence[LineLike], numbers: dict[str, int], depth: int,
                     text: str) -> tuple[list[Entry], list[LineLike], list[str]]:
    """One ``role="checklist"`` entry per role: its objective, then its checklist items.

    Also returns the lines that belong to no checklist (an introduction, say), in order.
    """
    roles, notes = assign_roles(lines, numbers, depth)
    used = {id(ln) for role in roles for ln in role.objective + role.checklist}
    leftovers = [ln for ln in lines if id(ln) not in used]
    entries = []
    for role in roles:
        pieces = role.objective + role.checklist
        if not pieces:
            continue
        label = [] if not role.checklist or _CHECKLIST.match(role.checklist[0].text) else ["Quick Checklist:"]
        body = "\n".join([ln.text for ln in role.objective] + label + [ln.text for ln in role.checklist])
        start, end = pieces[0].start, pieces[-1].end
        contiguous = not label and all(
            a.end <= b.start and not text[a.end:b.start].strip() for a, b in zip(pieces, pieces[1:]))
        if contiguous:
            body = text[start:end]
        else:
            start, end = -1, -1
        entries.append(Entry("guide", "checklist", f"{slugify(role.title)}-checklist",
                             f"{role.title}: objective and quick checklist", body, start, end, role.path))
    return entries, leftovers, notes
