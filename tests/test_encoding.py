"""Bytes to text: BOMs, strict UTF-8, UTF-16 without BOM, strict cp1252, refusal, normalisation."""

from __future__ import annotations

import codecs

import pytest

from indexer.encoding import declared_charset, decode_html, decode_text
from indexer.errors import ExtractionError

CAFE = "Caf\u00e9 \u201cpolicing\u201d \u2013 r\u00e9sum\u00e9"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (CAFE.encode("utf-8"), CAFE, "utf-8"),
        (codecs.BOM_UTF8 + CAFE.encode("utf-8"), CAFE, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le"), CAFE, "utf-16-le"),
        (codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be"), CAFE, "utf-16-be"),
        (codecs.BOM_UTF32_LE + CAFE.encode("utf-32-le"), CAFE, "utf-32-le"),
        (codecs.BOM_UTF32_BE + CAFE.encode("utf-32-be"), CAFE, "utf-32-be"),
        # UTF-16 without a BOM: mostly-Latin text leaves NULs in every other byte.
        ("Gender equality and security".encode("utf-16-le"), "Gender equality and security", "utf-16-le"),
        ("Gender equality and security".encode("utf-16-be"), "Gender equality and security", "utf-16-be"),
        # Windows-1252: curly quotes 0x93/0x94 and e-acute 0xE9 are not valid UTF-8.
        (b"\x93Caf\xe9\x94 \x96 ok", "\u201cCaf\u00e9\u201d \u2013 ok", "cp1252"),
        (b"plain ascii", "plain ascii", "utf-8"),
        (b"", "", "utf-8"),
    ],
)
def test_decode_text_detects_the_encoding(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data) == (text, encoding)


@pytest.mark.parametrize(
    "data",
    [
        b"bad \x81 byte",  # 0x81 is undefined in cp1252 and invalid in UTF-8
        b"\x8d\x8f\x90\x9d",
        codecs.BOM_UTF8 + b"\xff\xfe broken after a UTF-8 BOM",
        codecs.BOM_UTF16_LE + b"\x00\xd8",  # a lone surrogate
    ],
)
def test_decode_text_refuses_rather_than_guesses(data: bytes) -> None:
    with pytest.raises(ExtractionError) as caught:
        decode_text(data)
    assert caught.value.code == "undecodable"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"),
        (b"nul\x00 and bell\x07 and tab\tkept", "nul and bell and tab\tkept"),
        (b"form\x0cfeed", "form\nfeed"),
        ("e\u0301t\u00e9".encode("utf-8"), "\u00e9t\u00e9"),  # NFC: e + combining acute -> é
        ("a\u2028b\ufeffc".encode("utf-8"), "a\nbc"),
    ],
)
def test_decode_text_normalises(data: bytes, text: str) -> None:
    assert decode_text(data)[0] == text


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<meta charset=windows-1252>", "cp1252"),
        (b"<META CHARSET='ISO-8859-1'>", "cp1252"),  # browsers read Latin-1 as Windows-1252
        (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">', "iso8859-15"),
        (b'<meta charset="no-such-codec">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == charset


@pytest.mark.parametrize(
    ("data", "text_part", "encoding"),
    [
        (b"<meta charset=windows-1252><p>caf\xe9</p>", "caf\u00e9", "cp1252"),
        # The declaration says UTF-8 but the bytes are not: detection wins over replacement chars.
        (b'<meta charset="utf-8"><p>\x93quoted\x94</p>', "\u201cquoted\u201d", "cp1252"),
        (codecs.BOM_UTF8 + b"<meta charset=windows-1252><p>\xc3\xa9</p>", "\u00e9", "utf-8-sig"),
    ],
)
def test_decode_html_honours_bom_then_meta(data: bytes, text_part: str, encoding: str) -> None:
    text, found = decode_html(data)
    assert text_part in text
    assert found == encoding
