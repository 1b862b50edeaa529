"""How a line reads to the cleaning rules once footnote marks ride through it.

:func:`indexer.footnotes.mark_footnotes` replaces each footnote mark by an invisible
sentinel so that it survives unwrapping and hyphen repair; :func:`indexer.footnotes.collect_marks`
resolves the sentinels to offsets at the end. Every rule that judges a line in between
judges what a reader sees: :func:`visible` drops the sentinels, :func:`is_caps_line`
tells a SHOUTING heading from body text.

This sits below both :mod:`indexer.footnotes` and :mod:`indexer.clean`, which both need it.
"""

from __future__ import annotations

import re

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
SENTINEL = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")


def visible(line: str) -> str:
    """``line`` without its footnote-mark sentinels, stripped."""
    return SENTINEL.sub("", line).strip()


def is_caps_line(line: str) -> bool:
    """True for a SHOUTING heading line: at least four capitals and no lower-case letter."""
    letters = [c for c in visible(line) if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 4 and not any(c.islower() for c in letters)
