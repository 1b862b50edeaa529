"""The official texts a corpus should hold, and where to fetch each: ``[[source]]`` tables.

The corpus manifest (``corpus/manifest.toml``) lists, beside its ``[[document]]`` tables, one
``[[source]]`` table per official text that ``wpskb pull`` fetches::

    [[source]]
    id = "unscr-1325"              # slug; the pulled file is official/<id>.<format>
    symbol = "S/RES/1325 (2000)"   # a UN document symbol: the URL and the checks follow from it
    title = "Security Council resolution 1325 (2000)"

    [[source]]
    id = "cedaw"
    url = "https://www.ohchr.org/..."
    format = "html"
    kind = "convention"
    expect = "Convention on the Elimination of All Forms of Discrimination against Women"

A source with a ``symbol`` and no ``url`` is fetched from the UN Official Document System by
symbol (:data:`ODS_URL`, the one place that pattern lives), as a PDF, kind "resolution". The
symbol of one of the ten WPS resolutions must be the registry's (``kb/data/wps-resolutions.toml``).
What verification expects follows from the table: the symbol first named in the text and the
words "Security Council" for a resolution, the ``expect`` phrase for anything else.

Every value is a quoted string, as in ``[[document]]`` tables; anything malformed raises
``ExtractionError("bad-manifest")``. Each source also stands for a manifest entry of its pulled
file (id, title, kind, url, language, publisher), so the index describes it without a second table.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from indexer.errors import ExtractionError
from kb.documents import KINDS
from kb.resolutions import load_registry

OFFICIAL_DIR = "official"  # inside the corpus folder: where pulled texts are written
ODS_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l={language}&t=pdf"
FORMATS = ("pdf", "html")

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_SYMBOL = re.compile(r"S/RES/(\d{1,4}) \((\d{4})\)")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Source:
    """One official text: where it comes from and what it must contain to be accepted."""

    id: str
    url: str
    format: str  # "pdf" | "html"
    kind: str
    title: str = ""
    symbol: str = ""  # "S/RES/1325 (2000)" for a resolution
    language: str = "en"
    publisher: str = ""
    expect: str = ""  # a phrase the text must contain (beside what the symbol implies)

    @property
    def file(self) -> str:
        """Where the pulled copy lives, relative to the corpus folder."""
        return f"{OFFICIAL_DIR}/{self.id}.{self.format}"

    @property
    def resolution(self) -> int | None:
        """The resolution number the symbol names, or None."""
        match = _SYMBOL.fullmatch(self.symbol)
        return int(match.group(1)) if match else None


def ods_url(symbol: str, language: str = "en") -> str:
    """The Official Document System address of ``symbol``: "S/RES/1325 (2000)" -> ...?s=S/RES/1325(2000)&..."""
    compact = symbol.replace(" ", "")
    return ODS_URL.format(symbol=quote(compact, safe="/()"), language=quote(language))


def with_base_url(url: str, base: str) -> str:
    """``url`` re-pointed at ``base`` (scheme, host and a path prefix), keeping its path and query.

    Lets a test or a mirror stand in for every server: ``https://documents.un.org/api/x?s=1`` with
    base ``http://127.0.0.1:8000/mirror`` becomes ``http://127.0.0.1:8000/mirror/api/x?s=1``.
    """
    if not base:
        return url
    original, target = urlsplit(url), urlsplit(base)
    return urlunsplit((target.scheme, target.netloc, target.path.rstrip("/") + original.path, original.query, ""))


def valid_base_url(base: str) -> bool:
    """Whether ``base`` is an absolute http(s) URL with a host."""
    parts = urlsplit(base)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load_sources(corpus_dir: Path, manifest_name: str = "manifest.toml") -> tuple[Source, ...]:
    """The ``[[source]]`` tables of ``corpus_dir``/manifest.toml, in order; () without a manifest."""
    path = Path(corpus_dir) / manifest_name
    if not path.is_file():
        return ()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExtractionError("bad-manifest", f"{path.name} is not valid TOML: {exc}") from exc
    return parse_sources(data.get("source", []), path.name)


def parse_sources(tables: object, where: str) -> tuple[Source, ...]:
    """Validated sources from the ``source`` array of a parsed manifest."""
    if not isinstance(tables, list):
        raise ExtractionError("bad-manifest", f"{where}: `source` must be [[source]] tables")
    registry = load_registry()
    sources: list[Source] = []
    for number, table in enumerate(tables, start=1):
        source = _source(table, f"{where}, source {number}", registry)
        if any(s.id == source.id for s in sources):
            raise ExtractionError("bad-manifest", f"{where} lists source id {source.id!r} twice")
        sources.append(source)
    return tuple(sources)


def _source(table: object, where: str, registry: dict) -> Source:
    if not isinstance(table, dict):
        raise ExtractionError("bad-manifest", f"{where} is not a table")
    unknown = sorted(set(table) - {f.name for f in fields(Source)})
    if unknown:
        raise ExtractionError("bad-manifest", f"{where} has unknown keys: {', '.join(unknown)}")
    if not all(isinstance(v, str) for v in table.values()):
        raise ExtractionError("bad-manifest", f"{where}: every value must be a quoted string")
    values = {k: v.strip() for k, v in table.items() if v.strip()}

    def bad(message: str) -> ExtractionError:
        return ExtractionError("bad-manifest", f"{where}: {message}")

    if not _ID.fullmatch(values.get("id", "")):
        raise bad("needs an `id` that is a lower-case slug")
    symbol = values.get("symbol", "")
    if symbol:
        match = _SYMBOL.fullmatch(symbol)
        if not match:
            raise bad(f"symbol {symbol!r} is not of the form 'S/RES/1325 (2000)'")
        facts = registry.get(int(match.group(1)))
        if facts is not None and facts.symbol != symbol:
            raise bad(f"symbol {symbol!r} disagrees with the record {facts.symbol!r}")
        values.setdefault("kind", "resolution")
        values.setdefault("format", "pdf")
        values.setdefault("url", ods_url(symbol, values.get("language", "en")))
    if not values.get("url"):
        raise bad("needs a `url` (or a `symbol` to derive it from)")
    parts = urlsplit(values["url"])
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise bad(f"url {values['url']!r} is not an http(s) address")
    if values.get("format") not in FORMATS:
        raise bad(f"format must be one of {', '.join(FORMATS)}")
    if values.get("kind", "document") not in KINDS:
        raise bad(f"kind must be one of {', '.join(KINDS)}")
    if not _LANGUAGE.fullmatch(values.get("language", "en")):
        raise bad("language must be a code like en")
    if not symbol and not values.get("expect"):
        raise bad("needs `expect`, a phrase the fetched text must contain, when it has no symbol")
    values.setdefault("kind", "document")
    return Source(**values)
