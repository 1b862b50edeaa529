"""Hostile and broken files never stop or hang a build: each is reported, the rest is indexed."""

from __future__ import annotations

import os
import zlib

import pytest
from pypdf import PdfWriter

from indexer.corpus import build_knowledge_base
from indexer.sandbox import Limits
from webui.cli import cli

from pdf_files import pdf_bytes

GOOD_TEXT = "# Protection of civilians\n\nPolice patrols protect women and girls in displacement camps.\n"
LIMITS = Limits(timeout_s=20.0, memory_bytes=1024 * 1024 * 1024, cpu_s=30)


def text_page_pdf(text: bytes = b"Women police officers patrol the camp.") -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def encrypted_pdf(user_password: str) -> bytes:
    from io import BytesIO

    from pypdf import PdfReader

    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(text_page_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def bomb_pdf() -> bytes:
    zeros = zlib.compress(b"0" * (400 * 1024 * 1024), 9)  # 400 MB of text behind a ~400 KB stream
    return pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(zeros) + zeros + b"\nendstream",
    ])


HOSTILE: dict[str, bytes] = {
    "truncated.pdf": text_page_pdf()[:180],
    "looping-xref.pdf": pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"],
                                  prev_self=True),
    "cyclic-pages.pdf": pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
    ]),
    "deeply-nested.pdf": pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + b"[" * 50000 + b"]" * 50000 + b" >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]),
    "password.pdf": encrypted_pdf("real-password"),
    "image-only.pdf": pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]),
    "bomb.pdf": bomb_pdf(),
    "empty.txt": b"",
    "blank.md": b"   \n\n  \n",
    "invalid-utf8.txt": b"caf\xc3 \x81\x8d\x8f\x90 \xff\xfe\xfd broken",
    "pdf-named.html": text_page_pdf(),
    "html-named.pdf": b"<html><body><p>Not a PDF</p></body></html>",
    "zip-named.txt": b"PK\x03\x04" + b"\x00" * 64,
}

READABLE: dict[str, bytes] = {
    "scripts.html": (b"<html><head><title>Patrols</title><script>alert('x')</script></head><body>"
                     b"<nav>Menu Home</nav><main><h1>Community patrols</h1><p onclick=\"steal()\">Women officers "
                     b"lead community patrols.</p><a href=\"javascript:steal()\">click</a></main>"
                     b"<div class=\"cookie-banner\">We use cookies</div></body></html>"),
    "deep.html": b"<html><body>" + b"<div>" * 5000 + b"<p>Deeply nested text about mentoring.</p>" + b"</div>" * 5000
                 + b"</body></html>",
    "no-charset.html": "<html><body><p>Défense et sécurité des femmes</p></body></html>".encode("cp1252"),
    "utf16.txt": "Gender focal points in every unit.\n".encode("utf-16"),
    "bom.md": b"\xef\xbb\xbf# Heading\n\nText with a byte-order mark about participation.\n",
    "cp1252.txt": "Women\x92s participation \x93matters\x94 \x96 always.\n".encode("latin-1"),
    "empty-password.pdf": encrypted_pdf(""),
    "with space.md": GOOD_TEXT.encode(),
    "ünïcödé.md": GOOD_TEXT.encode(),
    "-leading-dash.md": GOOD_TEXT.encode(),
    "new\nline.md": GOOD_TEXT.encode(),
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "good.md").write_text(GOOD_TEXT, encoding="utf-8")
    for name, data in {**HOSTILE, **READABLE}.items():
        (corpus / name).write_bytes(data)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.txt").write_text("outside secret text")
    (corpus / "escape.txt").symlink_to(outside / "secret.txt")
    (corpus / "escape-dir").symlink_to(outside)
    os.mkfifo(corpus / "fifo.txt")
    return corpus, build_knowledge_base([corpus], limits=LIMITS)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_skipped_with_a_reason(hostile_build, name):
    _, build = hostile_build
    report = next(r for r in build.reports if r.path == name)
    assert report.status == "skipped", report
    assert report.reason and report.message


@pytest.mark.parametrize(("name", "needle"), [
    ("scripts.html", "Women officers lead community patrols."),
    ("deep.html", "Deeply nested text about mentoring."),
    ("no-charset.html", "Défense et sécurité des femmes"),
    ("utf16.txt", "Gender focal points in every unit."),
    ("bom.md", "Text with a byte-order mark"),
    ("cp1252.txt", "Women’s participation “matters” – always."),
    ("empty-password.pdf", "Women police officers patrol the camp."),
    ("with space.md", "Police patrols protect women"),
    ("ünïcödé.md", "Police patrols protect women"),
    ("-leading-dash.md", "Police patrols protect women"),
    ("new\nline.md", "Police patrols protect women"),
])
def test_readable_oddities_are_indexed(hostile_build, name, needle):
    _, build = hostile_build
    report = next(r for r in build.reports if r.path == name)
    assert report.status == "indexed", report
    texts = [p.text for d in report.documents for p in build.kb.document(d).passages]
    assert any(needle in t for t in texts), texts


@pytest.mark.parametrize(("reason", "names"), [
    ("encrypted", ["password.pdf"]),
    ("no-text-layer", ["image-only.pdf"]),
    ("empty", ["empty.txt", "blank.md"]),
    ("mismatched-type", ["pdf-named.html", "html-named.pdf", "zip-named.txt"]),
])
def test_reason_codes(hostile_build, reason, names):
    _, build = hostile_build
    assert {r.path: r.reason for r in build.reports if r.path in names} == dict.fromkeys(names, reason)


def test_no_script_or_event_handler_survives(hostile_build):
    _, build = hostile_build
    text = " ".join(p.text for p in build.kb.passages())
    for bad in ("alert(", "steal()", "javascript:", "We use cookies", "Menu Home"):
        assert bad not in text


def test_links_fifos_and_outside_files_are_never_read(hostile_build):
    _, build = hostile_build
    paths = {r.path for r in build.reports}
    assert not paths & {"escape.txt", "fifo.txt"}
    assert not any(p.startswith("escape-dir") for p in paths)
    assert "outside secret text" not in " ".join(p.text for p in build.kb.passages())


def test_cli_exit_3_with_names_and_reasons(hostile_build, runner, tmp_path):
    corpus, _ = hostile_build
    result = runner.invoke(cli, ["index", "--corpus", str(corpus), "--index", str(tmp_path / "idx")])
    assert result.exit_code == 3, result.output
    for name in ("password.pdf", "bomb.pdf", "truncated.pdf"):
        assert any(name in line and "skipped" in line for line in result.output.splitlines()), name
    assert "[encrypted]" in result.output
