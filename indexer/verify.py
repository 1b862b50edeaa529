"""Is what arrived what the source promised? Checked before a pulled file may enter the corpus.

A server can answer 200 with the wrong thing: a login or error page where a PDF was expected,
the PDF of another resolution, a body cut off half-way. So the bytes are checked in the order
that gives the clearest reason:

* type: a PDF starts with ``%PDF-`` and ends with an ``%%EOF`` marker (else "truncated"); an
  HTML page is text, not a binary format ("wrong-type");
* readability: the indexer's own extraction (pypdf, or the HTML main-content reader) gets
  text out of it, in a limited worker process like every corpus file ("unreadable");
* content: a resolution's text names its own symbol first ("S/RES/1325 (2000)", however
  spaced) and the Security Council; any source's ``expect`` phrase occurs in the text
  ("wrong-content").

A file that fails is never written to the corpus; the previous good copy stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.errors import ExtractionError
from indexer.extract import extract_bytes
from indexer.sandbox import DEFAULT_LIMITS, Limits, run_limited
from indexer.sources import Source

_SYMBOL = re.compile(r"S\s*/\s*RES\s*/\s*(\d{1,4})\s*\(\s*(\d{4})\s*\)")
_TAIL = 2048  # where a PDF's end-of-file marker must be
_HTML_HINT = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|main|article|p)\b", re.IGNORECASE)


class VerificationError(Exception):
    """Bytes that are not what the source promised. ``code``: wrong-type, truncated, unreadable,
    wrong-content."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Verified:
    """What the checks saw in an accepted file."""

    characters: int  # of extracted text
    symbol: str = ""  # the symbol the text names first, for a resolution


def verify(source: Source, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Verified:
    """Check ``data`` against ``source``; raises :class:`VerificationError` with a reason code."""
    _check_type(source, data)
    try:
        text = run_limited(_text_of, data, source.format, limits=limits)
    except ExtractionError as error:
        code = "wrong-type" if error.code == "mismatched-type" else "unreadable"
        raise VerificationError(code, f"{error.code}: {error.message}") from error
    flat = " ".join(text.split())
    symbol = ""
    if source.resolution is not None:
        symbol = _check_resolution(source, flat)
    if source.expect and source.expect.casefold() not in flat.casefold():
        raise VerificationError("wrong-content", f"the text does not contain {source.expect!r}")
    return Verified(characters=len(flat), symbol=symbol)


def _check_type(source: Source, data: bytes) -> None:
    if not data.strip():
        raise VerificationError("wrong-type", "the body is empty")
    if source.format == "pdf":
        if not data.startswith(b"%PDF-"):
            what = "an HTML page" if _HTML_HINT.search(data[:2048]) else "not a PDF"
            raise VerificationError("wrong-type", f"a PDF was promised but the body is {what}")
        if b"%%EOF" not in data[-_TAIL:]:
            raise VerificationError("truncated", "the PDF has no end-of-file marker: the body was cut off")
    elif source.format == "html":
        if data.lstrip()[:5] == b"%PDF-":
            raise VerificationError("wrong-type", "an HTML page was promised but the body is a PDF")
        if not _HTML_HINT.search(data[:65536]):
            raise VerificationError("wrong-type", "an HTML page was promised but the body has no HTML markup")


def _text_of(data: bytes, fmt: str) -> str:
    return extract_bytes(data, "." + fmt).text


def _check_resolution(source: Source, flat: str) -> str:
    first = _SYMBOL.search(flat)
    if first is None:
        raise VerificationError("wrong-content", f"the text names no document symbol; expected {source.symbol}")
    found = f"S/RES/{first.group(1)} ({first.group(2)})"
    if found != source.symbol:
        raise VerificationError("wrong-content", f"the text is {found}, not {source.symbol}")
    if "security council" not in flat.casefold():
        raise VerificationError("wrong-content", "the text does not name the Security Council")
    return found
