"""Hand-made PDF bytes for tests: numbered object bodies with a correct cross-reference table."""

from __future__ import annotations


def pdf_bytes(objects: list[bytes], *, trailer_extra: bytes = b"", prev_self: bool = False) -> bytes:
    """A PDF file whose object 1 is the catalog; ``prev_self`` makes the xref table point at itself."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    prev = b" /Prev %d" % xref if prev_self else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, prev, trailer_extra, xref)
    return bytes(out)


def text_pdf(pages: list[list[str]], **info: str) -> bytes:
    """A Helvetica PDF with one page per list of lines (WinAnsi text), and optional /Info entries."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    page_ids = []
    for lines in pages:
        escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
        stream = b"BT /F1 10 Tf 12 TL 56 760 Td " + b" T* ".join(
            b"(" + line.encode("cp1252") + b") Tj" for line in escaped) + b" ET"
        page_ids.append(len(objects) + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids)
    info_ref = b""
    if info:
        objects.append(b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), v.encode("latin-1")) for k, v in info.items()) + b" >>")
        info_ref = b" /Info %d 0 R" % len(objects)
    return pdf_bytes(objects, trailer_extra=info_ref)
