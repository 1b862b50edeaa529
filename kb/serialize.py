"""Round-trip the knowledge base through JSON, so a server can load it without re-parsing files.

The conversion is driven by the dataclasses' own type hints: a field declared
``tuple[Passage, ...]`` comes back as a tuple of ``Passage``, an ``Enum`` from its value, a
``date`` from its ISO string.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from functools import cache
from typing import Any

from kb.glossary import Glossary, GlossaryTerm
from kb.knowledge_base import KnowledgeBase
from kb.practice import PracticeLink
from kb.resolutions import Resolution

FORMAT_VERSION = 1


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_plain(value: Any) -> Any:
    """A JSON-ready copy of ``value`` (dataclasses, enums, dates, tuples, dicts)."""
    kind = type(value)
    if kind in _PLAIN_TYPES:  # exact types: a str-based Enum must still become its value
        return value
    if kind in (list, tuple):
        return [to_plain(v) for v in value]
    if dataclasses.is_dataclass(kind):
        return {name: to_plain(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` from what :func:`to_plain` produced."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_plain(options[0], value)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], v) for v in value)
        return tuple(from_plain(a, v) for a, v in zip(args, value))
    if origin is list:
        return [from_plain(typing.get_args(tp)[0], v) for v in value]
    if origin is dict:
        key_type, value_type = typing.get_args(tp)
        return {from_plain(key_type, k): from_plain(value_type, v) for k, v in value.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            kwargs = {
                f.name: from_plain(hints[f.name], value[f.name])
                for f in dataclasses.fields(tp)
                if f.init and f.name in value
            }
            return tp(**kwargs)
        if issubclass(tp, enum.Enum):
            return tp(value)
        if tp is dt.date:
            return dt.date.fromisoformat(value)
        if tp in (int, float, str, bool):
            return tp(value)
    return value


def dumps(kb: KnowledgeBase) -> str:
    """The knowledge base as a JSON string."""
    payload = {
        "format": FORMAT_VERSION,
        "built_at": kb.built_at,
        "documents": to_plain(kb.documents),
        "resolutions": to_plain(list(kb.resolutions.values())),
        "glossary": to_plain(list(kb.glossary.terms)),
        "skipped": to_plain(kb.skipped),
        "practice_links": to_plain(kb.practice_links),
    }
    return json.dumps(payload, ensure_ascii=False)


def loads(text: str) -> KnowledgeBase:
    """Rebuild a knowledge base from :func:`dumps` output."""
    from kb.documents import Document

    payload = json.loads(text)
    if payload.get("format") != FORMAT_VERSION:
        raise ValueError(f"knowledge base format {payload.get('format')!r} is not {FORMAT_VERSION}")
    resolutions = [from_plain(Resolution, r) for r in payload["resolutions"]]
    return KnowledgeBase(
        documents=tuple(from_plain(Document, d) for d in payload["documents"]),
        resolutions={r.number: r for r in resolutions},
        glossary=Glossary([from_plain(GlossaryTerm, t) for t in payload["glossary"]]),
        built_at=payload.get("built_at", ""),
        skipped=tuple(tuple(s) for s in payload.get("skipped", ())),
        practice_links=tuple(from_plain(PracticeLink, link) for link in payload.get("practice_links", ())),
    )
