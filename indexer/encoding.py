"""Bytes to text without guessing into mojibake.

The rule is *detect, never guess*: a byte-order mark names its codec; otherwise the bytes
must be strict UTF-8, or unmistakably UTF-16 (the NUL-byte pattern of mostly-Latin text), or
strict Windows-1252. Anything else is refused with ``ExtractionError("undecodable")`` rather
than decoded into plausible-looking nonsense. The decoded text is then normalised the same
way for every format: ``\\n`` newlines, NFC, no NUL or other control characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from indexer.errors import ExtractionError

# Longest BOMs first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Share of NUL bytes in one byte lane (and absence in the other) that makes UTF-16 certain.
_UTF16_NUL_SHARE = 0.4
_UTF16_OTHER_LANE_MAX = 0.02
_UTF16_SAMPLE = 4096

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Labels browsers read as another codec (WHATWG Encoding): Latin-1 and ASCII mean Windows-1252.
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "windows-1252": "cp1252"}

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls except tab and newline, plus stray BOMs inside the text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")


def sniff_bom(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, or None."""
    for bom, _, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern is unmistakable, else None."""
    sample = data[:_UTF16_SAMPLE]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul >= _UTF16_NUL_SHARE and even_nul <= _UTF16_OTHER_LANE_MAX:
        return "utf-16-le"
    if even_nul >= _UTF16_NUL_SHARE and odd_nul <= _UTF16_OTHER_LANE_MAX:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """The Python codec an HTML document declares in a <meta> tag (first 4 KB), or None if none is usable."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "ignore").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page: BOM, then the <meta> charset, else :func:`decode_text`.

    A declared charset the bytes contradict (a page that says UTF-8 but is not) falls back to
    detection rather than to replacement characters.
    """
    if sniff_bom(data) is None:
        charset = declared_charset(data)
        if charset:
            try:
                return normalize_text(data.decode(charset)), charset
            except UnicodeDecodeError:
                pass
    return decode_text(data)


def normalize_text(text: str) -> str:
    """Newlines to ``\\n``, NFC composition, control characters (but ``\\n`` and ``\\t``) dropped."""
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def decode_with(data: bytes, encoding: str) -> str:
    """``data`` decoded strictly with a declared ``encoding``; raises ExtractionError("undecodable")."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ExtractionError("undecodable", f"the bytes are not valid {encoding}: {exc}") from exc


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data`` into normalised text; returns ``(text, encoding name)``.

    BOM -> that codec; else UTF-16 when the NUL pattern is unmistakable (checked before
    UTF-8 because ASCII-only UTF-16 is also valid UTF-8, full of NULs); else strict UTF-8;
    else strict cp1252. Raises ``ExtractionError("undecodable")`` when none fits.
    """
    bom = sniff_bom(data)
    if bom:
        return normalize_text(decode_with(data, bom)), bom
    utf16 = _utf16_without_bom(data)
    if utf16:
        return normalize_text(decode_with(data, utf16)), utf16
    for encoding in ("utf-8", "cp1252"):
        try:
            return normalize_text(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    raise ExtractionError("undecodable", "the bytes are neither UTF-8, UTF-16 nor Windows-1252 text")
