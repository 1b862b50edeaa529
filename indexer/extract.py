"""Files to plain text: the first pipeline stage.

Every supported format (.pdf, .html/.htm, .txt, .md) comes out as one :class:`ExtractedFile`:
plain text, a title and a little metadata. HTML keeps only its main content, rendered as
Markdown-like text ("#"-lines for headings, "- " lines for list items) by
:mod:`indexer.html_content`, so later stages parse web pages and Markdown files the same way.
The bytes must match the extension: a PDF saved as .html is refused ("mismatched-type")
instead of being indexed as binary noise. Anything that cannot be read raises
:class:`~indexer.errors.ExtractionError` with a stable code.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdf

from indexer.encoding import decode_text, normalize_text
from indexer.errors import ExtractionError
from indexer.html_content import html_to_text

MAX_BYTES = 50 * 1024 * 1024

FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}

# Signatures of binary formats that must never be read as text.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (perhaps a Word or OpenDocument file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is are that for with as by on be this which shall or from its their "
        "have has was were it an at not all any other such these".split()
    ),
    "fr": frozenset(
        "le la les des du de et à en est sont que qui pour avec par sur dans une un aux au ce "
        "cette ou leur leurs ses ne pas tout toute tous être".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_MIN_STOPWORD_HITS = 5
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class ExtractedFile:
    """A file's text and what its own bytes say about it."""

    text: str  # plain text; for HTML and Markdown, headings as "#"-lines, lists as "- " lines
    format: str  # "pdf" | "html" | "text" | "markdown"
    title: str  # PDF metadata title, HTML <title> (or first <h1>), first Markdown heading, else ""
    metadata: dict[str, str] = field(default_factory=dict)  # author, date, language, pages, encoding


def detect_language(text: str) -> str:
    """"en" or "fr" by the share of each language's stopwords; "" when too little text to tell."""
    counts = dict.fromkeys(_STOPWORDS, 0)
    for word in _WORD.findall(text[:50_000].lower()):
        for language, words in _STOPWORDS.items():
            if word in words:
                counts[language] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= _MIN_STOPWORD_HITS else ""


def extract_file(path: Path) -> ExtractedFile:
    """Read and extract the file at ``path``; raises ExtractionError."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ExtractionError("unsupported-type", f"files ending in {path.suffix or '(nothing)'!r} are not indexed")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractionError("too-large", f"the file has {size} bytes; the limit is {MAX_BYTES}")
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError("unreadable", f"the file could not be read: {exc.strerror or exc}") from exc
    return extract_bytes(data, path.suffix)


def extract_bytes(data: bytes, suffix: str) -> ExtractedFile:
    """Extract ``data`` as the format its ``suffix`` (".pdf", "html", ...) names; raises ExtractionError."""
    suffix = "." + suffix.lower().lstrip(".")
    fmt = FORMATS.get(suffix)
    if fmt is None:
        raise ExtractionError("unsupported-type", f"files ending in {suffix!r} are not indexed")
    if len(data) > MAX_BYTES:
        raise ExtractionError("too-large", f"the file has {len(data)} bytes; the limit is {MAX_BYTES}")
    if not data.strip():
        raise ExtractionError("empty", "the file is empty")
    _check_type(data, fmt, suffix)
    if fmt == "pdf":
        extracted = _extract_pdf(data)
    elif fmt == "html":
        extracted = _extract_html(data)
    else:
        extracted = _extract_plain(data, fmt)
    if not extracted.text.strip():
        raise ExtractionError("empty", "the file holds no text")
    return extracted


def _check_type(data: bytes, fmt: str, suffix: str) -> None:
    head = data[:1024].lstrip()
    if fmt == "pdf":
        # The PDF header may follow a little junk, but it must be near the start.
        if b"%PDF-" not in data[:1024]:
            raise ExtractionError("mismatched-type", f"the file ends in {suffix} but is not a PDF")
        return
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise ExtractionError("mismatched-type", f"the file ends in {suffix} but is {what}")


def _extract_plain(data: bytes, fmt: str) -> ExtractedFile:
    text, encoding = decode_text(data)
    title = ""
    if fmt == "markdown":
        heading = _MD_HEADING.search(text)
        title = heading.group(2).strip() if heading else ""
    metadata = {"encoding": encoding, "language": detect_language(text)}
    return ExtractedFile(text=text, format=fmt, title=title, metadata=metadata)


def _extract_html(data: bytes) -> ExtractedFile:
    text, title, metadata = html_to_text(data)
    metadata.setdefault("language", "")
    if not metadata["language"]:
        metadata["language"] = detect_language(text)
    return ExtractedFile(text=text, format="html", title=title, metadata=metadata)


def _extract_pdf(data: bytes) -> ExtractedFile:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("encrypted", "the PDF is protected by a password")
        pages, failures = _page_texts(reader)
        info = _pdf_info(reader)
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many exception types on malformed files
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise ExtractionError("corrupt-pdf", f"the PDF could not be parsed: {reason}") from exc
    if not any(page.strip() for page in pages):
        if failures:
            raise ExtractionError("corrupt-pdf", f"the PDF's pages could not be read: {failures[0]}")
        if b"%%EOF" not in data[-2048:]:
            # A truncated file that pypdf half-recovered: say so, not "scanned".
            raise ExtractionError("corrupt-pdf", "the PDF is truncated (no end-of-file marker) and holds no text")
        raise ExtractionError("no-text-layer", "the PDF has no text layer (scanned images only?)")
    text = normalize_text("\n\n".join(page.strip("\n") for page in pages))
    metadata = {k: v for k, v in info.items() if k != "title" and v}
    metadata.update(pages=str(len(pages)), language=detect_language(text))
    return ExtractedFile(text=text, format="pdf", title=info.get("title", ""), metadata=metadata)


def _page_texts(reader: pypdf.PdfReader) -> tuple[list[str], list[str]]:
    """Text of every page, and why pages failed: one damaged page does not lose the others."""
    pages: list[str] = []
    failures: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text() or "")
        except Exception as exc:  # noqa: BLE001 - as above, per page
            pages.append("")
            failures.append(f"page {number}: {type(exc).__name__}")
    return pages, failures


def _pdf_info(reader: pypdf.PdfReader) -> dict[str, str]:
    """Title, author and date from the PDF's document information, where present."""
    try:
        meta = reader.metadata
    except Exception:  # noqa: BLE001 - a damaged info dictionary is no reason to lose the text
        return {}
    if not meta:
        return {}
    info = {
        "title": normalize_text(str(meta.get("/Title") or "")).strip(),
        "author": normalize_text(str(meta.get("/Author") or "")).strip(),
    }
    info["date"] = pdf_date(str(meta.get("/CreationDate") or meta.get("/ModDate") or ""))
    return info


def pdf_date(value: str) -> str:
    """A PDF date ("D:20190415093000Z") as ISO ("2019-04-15"), as far as it is given; "" if none."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return ""
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return year
    return "-".join(part for part in (year, month, day) if part)
