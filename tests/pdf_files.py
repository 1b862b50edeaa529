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
