"""Why a file could not be read, as a stable code for machines and a sentence for people.

Extraction never returns half-read garbage: when bytes cannot be turned into trustworthy text
it raises :class:`ExtractionError`, and the corpus builder records ``(file, code)`` as skipped.
"""

from __future__ import annotations

# The reason codes callers may rely on (tests and the build report key on them).
ERROR_CODES: tuple[str, ...] = (
    "empty",  # zero bytes, or nothing but whitespace
    "undecodable",  # bytes that are no known text encoding
    "encrypted",  # a PDF that needs a real password
    "no-text-layer",  # a PDF of scanned images only
    "corrupt-pdf",  # pypdf could not parse it
    "unsupported-type",  # an extension the indexer does not read
    "mismatched-type",  # bytes do not match the extension (a PDF named .html)
    "too-large",  # over the size limit
    "unreadable",  # the file system refused
    "bad-manifest",  # corpus/manifest.toml is malformed
)


class ExtractionError(Exception):
    """A file that cannot be read. `code` is a short stable reason code, `message` a sentence for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
