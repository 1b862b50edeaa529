"""What a corpus file *is*: its manifest entry, or what can be inferred from the file itself.

A corpus folder may hold ``manifest.toml`` with one ``[[document]]`` table per file, keyed by
``file`` (a path relative to the folder). What the manifest records (id, title, publisher,
date, kind, url, language) wins; for everything it leaves out, the indexer infers a value from
the text: the kind from the wording ("The Security Council," with operative verbs is a
resolution; "States Parties" with articles is a convention), the title from metadata, the
first heading or a known instrument, and the id from the file name. Inference never invents
publishers, dates or URLs.

The manifest's ``[[source]]`` tables (the official texts ``wpskb pull`` fetches) are read and
validated by :mod:`indexer.sources`; each also stands for an entry of its pulled file
(:func:`load_corpus_entries`).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from indexer.articles import has_article_structure, identify_instrument
from indexer.errors import ExtractionError
from indexer.extract import ExtractedFile
from indexer.sections import heading_case
from indexer.sources import load_sources, parse_sources
from kb.documents import KINDS
from kb.glossary import slugify

MANIFEST_NAME = "manifest.toml"

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
_HEAD_CHARS = 3000
_OPERATIVE_VERBS = re.compile(
    r"^\s*(?:\d{1,2}\.\s*)?(?:Decides|Requests|Urges|Calls upon|Encourages|Demands|Expresses|Reaffirms|"
    r"Emphasizes|Welcomes|Invites|Stresses|Recognizes|Affirms|Notes)\b",
    re.MULTILINE,
)
_MIN_OPERATIVE = 3
_GUIDE_CHAPTERS = re.compile(r"^\s*(?:CHAPTER|Chapter|SECTION|Module|MODULE)\s+[0-9IVX]+\b|^\s*ANNEX\s+[A-Z]\b", re.MULTILINE)
_MIN_GUIDE_CHAPTERS = 2
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("glossary", re.compile(r"\b(?:glossary|glossaire|definitions|terminology|lexique)\b", re.IGNORECASE)),
    ("toolkit", re.compile(r"\b(?:tool ?kits?|handbooks?|boîte à outils)\b", re.IGNORECASE)),
    ("guide", re.compile(r"\b(?:guides?|guidelines|guidance|manual|guide pratique)\b", re.IGNORECASE)),
)
_GUIDE_SELF = re.compile(r"\b(?:this|the present) (?:guide|manual|handbook)\b", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft word\b|document\d*$|.*\.(?:docx?|pdf|indd|rtf|odt)$)", re.IGNORECASE)
_HASH_TOKEN = re.compile(r"(?=[0-9a-f]*\d)[0-9a-f]{8,}")
_MAX_TITLE_CHARS = 80
_MAX_ID_CHARS = 60


@dataclass(frozen=True)
class ManifestEntry:
    """What ``corpus/manifest.toml`` records about one file; "" where it says nothing."""

    file: str
    id: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""
    kind: str = ""
    url: str = ""
    language: str = ""


def load_manifest(corpus_dir: Path) -> dict[str, ManifestEntry]:
    """Entries of ``corpus_dir``/manifest.toml keyed by ``file``; {} without one.

    Raises ``ExtractionError("bad-manifest")`` for TOML errors, unknown keys, values that are
    not strings, a kind outside :data:`kb.documents.KINDS`, an id that is not a slug, a date
    that is not YYYY[-MM[-DD]], or a file or id listed twice.
    """
    path = Path(corpus_dir) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExtractionError("bad-manifest", f"{path.name} is not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ExtractionError("unreadable", f"{path.name} could not be read: {exc.strerror or exc}") from exc
    unknown_top = set(data) - {"document", "source"}
    tables = data.get("document", [])
    if unknown_top or not isinstance(tables, list):
        raise ExtractionError("bad-manifest", f"{path.name} may only hold [[document]] and [[source]] tables")
    parse_sources(data.get("source", []), path.name)  # a malformed [[source]] is a malformed manifest
    entries: dict[str, ManifestEntry] = {}
    ids: set[str] = set()
    for number, table in enumerate(tables, start=1):
        entry = _entry(table, f"{path.name}, document {number}")
        if entry.file in entries or (entry.id and entry.id in ids):
            raise ExtractionError("bad-manifest", f"{path.name} lists {entry.file!r} or id {entry.id!r} twice")
        entries[entry.file] = entry
        ids.add(entry.id)
    return entries


def load_corpus_entries(corpus_dir: Path) -> dict[str, ManifestEntry]:
    """:func:`load_manifest` plus an entry for each ``[[source]]``'s pulled file (see indexer.sources).

    A ``[[document]]`` table naming the same file wins over what its source says.
    """
    entries = load_manifest(corpus_dir)
    for source in load_sources(corpus_dir, MANIFEST_NAME):
        entries.setdefault(source.file, ManifestEntry(
            file=source.file, id=source.id, title=source.title, publisher=source.publisher,
            kind=source.kind, url=source.url, language=source.language,
        ))
    return entries


def _entry(table: object, where: str) -> ManifestEntry:
    if not isinstance(table, dict):
        raise ExtractionError("bad-manifest", f"{where} is not a table")
    allowed = {f.name for f in fields(ManifestEntry)}
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ExtractionError("bad-manifest", f"{where} has unknown keys: {', '.join(unknown)}")
    if not all(isinstance(v, str) for v in table.values()):
        raise ExtractionError("bad-manifest", f"{where}: every value must be a quoted string")
    values = {k: v.strip() for k, v in table.items()}
    checks = (
        ("file", bool(values.get("file")) and not values["file"].startswith(("/", "../")), "needs a relative `file`"),
        ("id", _ID.fullmatch(values.get("id", "")) is not None, "id must be a lower-case slug"),
        ("kind", values.get("kind", "") in KINDS, f"kind must be one of {', '.join(KINDS)}"),
        ("date", _DATE.fullmatch(values.get("date", "")) is not None, "date must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("language", _LANGUAGE.fullmatch(values.get("language", "")) is not None, "language must be a code like en"),
    )
    for key, ok, message in checks:
        if not ok and (key == "file" or values.get(key, "")):
            raise ExtractionError("bad-manifest", f"{where}: {message}")
    return ManifestEntry(**values)


def infer_kind(text: str, title: str, filename: str) -> str:
    """One of resolution | glossary | guide | toolkit | convention | charter | webpage | document."""
    instrument = identify_instrument(text)
    if instrument and has_article_structure(text, instrument.kind):
        return instrument.kind
    head = text[:_HEAD_CHARS]
    if re.search(r"\bThe Security Council,", head) and len(_OPERATIVE_VERBS.findall(text)) >= _MIN_OPERATIVE:
        return "resolution"
    name = f"{title} {Path(filename).stem.replace('_', ' ').replace('-', ' ')}"
    for kind, words in _KIND_WORDS:
        if words.search(name):
            return kind
    if has_article_structure(text, "convention"):
        if re.search(r"\bChart(?:er|e)\b", title + head[:500]):
            return "charter"
        if re.search(r"\bStates? Parties\b|\bÉtats parties\b", text):
            return "convention"
    if _GUIDE_SELF.search(head) or len(_GUIDE_CHAPTERS.findall(text)) >= _MIN_GUIDE_CHAPTERS:
        return "guide"
    if Path(filename).suffix.lower() in (".html", ".htm"):
        return "webpage"
    return "document"


def infer_title(extracted: ExtractedFile, filename: str) -> str:
    """The file's own title (metadata or first heading), a known instrument's, else one from the file name."""
    own = " ".join(extracted.title.split())
    if own and not _JUNK_TITLE.match(own):
        return own
    instrument = identify_instrument(extracted.text)
    if instrument:
        return instrument.title
    first_line = next((line.strip() for line in extracted.text.split("\n") if line.strip()), "")
    if first_line and heading_case(first_line) in ("upper", "title"):
        return first_line
    from_name = " ".join(_name_words(filename))
    if from_name:
        return from_name[0].upper() + from_name[1:]
    if len(first_line) > _MAX_TITLE_CHARS:
        first_line = first_line[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "\u2026"
    return first_line or Path(filename).name


def _name_words(filename: str) -> list[str]:
    """Words of a file name, without a numeric prefix and hash-like tokens."""
    words = [w for w in re.split(r"[\s_.-]+", Path(filename).stem) if w and not _HASH_TOKEN.fullmatch(w.lower())]
    while words and words[0].isdigit():  # an ordering prefix ("003_"), not a year inside the name
        words.pop(0)
    return words


def document_id_for(filename: str, title: str) -> str:
    """A stable slug: from the file name when it has words, else from the title, else a hash of the name."""
    candidates = (slugify(" ".join(_name_words(filename))), slugify(title))
    for candidate in candidates:
        if sum(c.isalpha() for c in candidate) >= 3:
            if len(candidate) > _MAX_ID_CHARS:
                candidate = candidate[:_MAX_ID_CHARS].rsplit("-", 1)[0]
            return candidate
    return "document-" + hashlib.sha1(Path(filename).name.encode("utf-8")).hexdigest()[:10]
