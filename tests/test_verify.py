"""Verification of pulled bytes: a table of (source, bytes) -> accepted or a reason code."""

from __future__ import annotations

import pytest
from official_texts import CEDAW_TITLE, cedaw_html, resolution_pdf
from pdf_files import text_pdf

from indexer.sandbox import Limits
from indexer.sources import Source
from indexer.verify import VerificationError, verify

LIMITS = Limits(timeout_s=30, memory_bytes=1 << 30, cpu_s=30)
R1325 = Source(id="unscr-1325", url="https://x/1325", format="pdf", kind="resolution", symbol="S/RES/1325 (2000)")
CEDAW = Source(id="cedaw", url="https://x/cedaw", format="html", kind="convention", expect=CEDAW_TITLE)
PDF_1325 = resolution_pdf(1325)


@pytest.mark.parametrize(
    ("source", "data", "code"),
    [
        (R1325, PDF_1325, None),
        (CEDAW, cedaw_html(), None),
        (R1325, b"", "wrong-type"),
        (R1325, b"<!doctype html><html><body>Not found</body></html>", "wrong-type"),
        (R1325, b"Just some text", "wrong-type"),
        (R1325, PDF_1325[:-200], "truncated"),
        (R1325, resolution_pdf(1820), "wrong-content"),
        (R1325, text_pdf([["Security Council", "A statement with no symbol at all."]]), "wrong-content"),
        (R1325, text_pdf([["S/RES/1325 (2000)", "Adopted by the General Assembly."]]), "wrong-content"),
        (R1325, text_pdf([[]]), "unreadable"),  # a page with no text layer
        (CEDAW, PDF_1325, "wrong-type"),
        (CEDAW, b"\x89PNG\r\n\x1a\n<html>", "wrong-type"),
        (CEDAW, b"<html><body><p>Page moved</p></body></html>", "wrong-content"),
    ],
)
def test_verify(source: Source, data: bytes, code: str | None) -> None:
    if code is None:
        assert verify(source, data, LIMITS).characters > 0
        return
    with pytest.raises(VerificationError) as caught:
        verify(source, data, LIMITS)
    assert caught.value.code == code


def test_symbol_may_be_spaced_as_extraction_leaves_it() -> None:
    data = text_pdf([["United Nations S/RES/1325(2000)", "Security Council Distr.: General"]])
    assert verify(R1325, data, LIMITS).symbol == "S/RES/1325 (2000)"
