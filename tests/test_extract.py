"""File extraction: PDF (made here, byte by byte), HTML main content, text, Markdown, refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from pdf_files import pdf_bytes

from indexer.errors import ExtractionError
from indexer.extract import detect_language, extract_bytes, extract_file, pdf_date

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REAL_DOCS = Path(__file__).resolve().parents[2] / "shared" / "real-docs"


def make_pdf(pages: list[str | None], **info: str) -> bytes:
    """Minimal valid PDF bytes: one page per string (None: a page with a drawing and no text)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    page_ids = [4 + 2 * i for i in range(len(pages))]
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for page_id, text in zip(page_ids, pages):
        if text is None:
            stream = b"0 0 1 rg 10 10 100 100 re f"
        else:
            lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.split("\n")]
            stream = b"BT /F1 12 Tf 14 TL 72 720 Td " + b" T* ".join(b"(" + line.encode("cp1252") + b") Tj" for line in lines) + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    info_ref = b""
    if info:
        objects.append(b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), v.encode("latin-1")) for k, v in info.items()) + b" >>")
        info_ref = b" /Info %d 0 R" % len(objects)
    return pdf_bytes(objects, trailer_extra=info_ref)


GUIDE_PAGES = [
    "Gender equality and Women, Peace and Security\nThe police shall protect the rights of women and girls.",
    "Chapter 2 (Roles)\nThe adviser is part of the mission and of the team.",
]


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_text_title_and_metadata() -> None:
    data = make_pdf(GUIDE_PAGES, Title="A Police Guide", Author="The WPS Group", CreationDate="D:20190401120000Z")
    extracted = extract_bytes(data, ".pdf")
    assert extracted.format == "pdf"
    assert extracted.title == "A Police Guide"
    assert extracted.metadata["author"] == "The WPS Group"
    assert extracted.metadata["date"] == "2019-04-01"
    assert extracted.metadata["pages"] == "2"
    assert extracted.metadata["language"] == "en"
    first, second = extracted.text.split("\n\n")
    assert first.startswith("Gender equality and Women, Peace and Security\nThe police shall")
    assert second.startswith("Chapter 2 (Roles)")


def test_pdf_encrypted_with_empty_password_is_read() -> None:
    extracted = extract_bytes(encrypted(make_pdf(GUIDE_PAGES), ""), ".pdf")
    assert "protect the rights of women" in extracted.text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (encrypted(make_pdf(GUIDE_PAGES), "s3cret"), "encrypted"),
        (make_pdf([None, None]), "no-text-layer"),
        (make_pdf(GUIDE_PAGES)[:300], "corrupt-pdf"),
        (make_pdf(GUIDE_PAGES)[: len(make_pdf(GUIDE_PAGES)) // 2], "corrupt-pdf"),
        (b"%PDF-1.4\n this is not a PDF at all", "corrupt-pdf"),
        (b"<html><body>not a pdf</body></html>", "mismatched-type"),
        (b"", "empty"),
        (b"  \n\t ", "empty"),
    ],
)
def test_pdf_refusals(data: bytes, code: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_bytes(data, ".pdf")
    assert caught.value.code == code
    assert caught.value.message


@pytest.mark.parametrize(
    ("data", "suffix", "code"),
    [
        (make_pdf(GUIDE_PAGES), ".html", "mismatched-type"),
        (make_pdf(GUIDE_PAGES), ".txt", "mismatched-type"),
        (b"PK\x03\x04 a docx renamed", ".md", "mismatched-type"),
        (b"\x89PNG\r\n\x1a\n", ".htm", "mismatched-type"),
        (b"", ".txt", "empty"),
        (b"<html><body><nav>only a menu</nav></body></html>", ".html", "empty"),
        (b"some text", ".docx", "unsupported-type"),
        (b"bad \x81 byte", ".txt", "undecodable"),
    ],
)
def test_bytes_refusals(data: bytes, suffix: str, code: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_bytes(data, suffix)
    assert caught.value.code == code


PAGE = b"""<!doctype html><html lang="en"><head><meta charset="windows-1252">
<title>Female \x93Police\x94 Network</title><meta name="author" content="UN Police">
<meta name="date" content="2011-08-23T10:00:00Z"><script>var tracker = 1;</script><style>p { color: red }</style></head>
<body><a href="#content">Skip to main content</a>
<header><h1>United Nations</h1><nav><ul><li><a href="/">Home</a></li><li>About us</li></ul></nav></header>
<div id="cookie-consent">We use cookies to improve the site. <button onclick="accept()">Accept</button></div>
<ol class="breadcrumb"><li>Home</li><li>Police</li></ol>
<main><h1>Caf\xe9 policing</h1><p>The network offers <b>training</b>
   and mentoring.<br>A second line.</p>
<h2>Programmes</h2><p>Members are encouraged:</p>
<ul><li>to mobilize</li><li>to advocate<ul><li>at home</li></ul></li></ul>
<div class="social-share"><a href="javascript:share()">Share on Facebook</a></div>
<p onclick="track()"><a href="javascript:void(0)">A link</a> in text.</p>
<figure><img src="x.jpg" alt="Officers at an orphanage"><figcaption>Photo UNMIT</figcaption></figure>
<noscript>Enable JavaScript</noscript><iframe src="https://example.org/ad"></iframe></main>
<aside>Related stories</aside><footer>Copyright United Nations</footer></body></html>"""

EXPECTED_PAGE_TEXT = """# Caf\u00e9 policing

The network offers training and mentoring.
A second line.

## Programmes

Members are encouraged:

- to mobilize
- to advocate
  - at home

A link in text."""


def test_html_main_content_only() -> None:
    extracted = extract_bytes(PAGE, ".html")
    assert extracted.format == "html"
    assert extracted.text == EXPECTED_PAGE_TEXT
    assert extracted.title == "Female \u201cPolice\u201d Network"
    assert extracted.metadata == {"encoding": "cp1252", "language": "en", "author": "UN Police", "date": "2011-08-23"}


@pytest.mark.parametrize(
    "absent",
    ["tracker", "color: red", "Skip to", "Home", "cookies", "Accept", "Share on Facebook", "javascript",
     "onclick", "Enable JavaScript", "Related stories", "Copyright", "United Nations", "Photo UNMIT", "Officers at"],
)
def test_html_chrome_is_dropped(absent: str) -> None:
    assert absent not in extract_bytes(PAGE, ".html").text


@pytest.mark.parametrize(
    ("html", "text", "title"),
    [
        # No <main>: the only <article> is the content, and its own header keeps the title.
        (b"<body><nav>Menu</nav><article><header><h1>Article title</h1></header><p>Body.</p></article></body>",
         "# Article title\n\nBody.", "Article title"),
        (b"<body><div role='main'><h2>Sub</h2><p>Text</p></div><div class='menu'>x</div></body>", "## Sub\n\nText", ""),
        (b"<p>Bare fragment with <i>inline</i> markup</p>", "Bare fragment with inline markup", ""),
        (b"<body><h1>T</h1><table><tr><th>Term</th><td>Meaning</td></tr></table></body>", "# T\n\nTerm Meaning", "T"),
        (b"<body><ol><li><p>Step one</p></li><li>Step two</li></ol></body>", "- Step one\n- Step two", ""),
        (b"<body><div class='page-banner'><h1>Page</h1></div><div class='cookie-banner'>Cookies</div><p>x</p></body>",
         "# Page\n\nx", "Page"),
        (b"<body><div>inside<p>para</p>tail</div>after</body>", "inside\n\npara\n\ntail\n\nafter", ""),
        (b"<body>" + b"<div>" * 5000 + b"<p>Deep text.</p>" + b"</div>" * 5000 + b"</body>", "Deep text.", ""),
        (b"<body><p>caf\xc3\xa9</p><p hidden>secret</p><div aria-hidden='true'>icon</div></body>", "caf\u00e9", ""),
    ],
)
def test_html_structure(html: bytes, text: str, title: str) -> None:
    extracted = extract_bytes(html, ".htm")
    assert (extracted.text, extracted.title) == (text, title)


@pytest.mark.parametrize(
    ("data", "suffix", "fmt", "title"),
    [
        (b"## Convention on Things\n\nText of it.\n", ".md", "markdown", "Convention on Things"),
        (b"Intro line\n\n# First Heading #\n\nBody\n", ".md", "markdown", "First Heading"),
        (b"No heading here.\n", ".md", "markdown", ""),
        (b"# Not a title in plain text\n", ".txt", "text", ""),
    ],
)
def test_text_and_markdown(data: bytes, suffix: str, fmt: str, title: str) -> None:
    extracted = extract_bytes(data, suffix)
    assert (extracted.format, extracted.title) == (fmt, title)
    assert extracted.text == data.decode()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The States Parties to the present Convention shall take all appropriate measures in the field", "en"),
        ("Les buts des Nations Unies sont les suivants : maintenir la paix et la sécurité dans le monde", "fr"),
        ("Article 1", ""),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("value", "iso"),
    [("D:20190415093000Z", "2019-04-15"), ("D:201904", "2019-04"), ("2011", "2011"), ("D:20191399", "2019"), ("", "")],
)
def test_pdf_date(value: str, iso: str) -> None:
    assert pdf_date(value) == iso


def test_extract_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_file(tmp_path / "missing.txt")
    assert caught.value.code == "unreadable"
    (tmp_path / "empty.md").write_bytes(b"")
    with pytest.raises(ExtractionError) as caught:
        extract_file(tmp_path / "empty.md")
    assert caught.value.code == "empty"
    (tmp_path / "guide.pdf").write_bytes(make_pdf(GUIDE_PAGES))
    assert extract_file(tmp_path / "guide.pdf").metadata["pages"] == "2"


def test_corpus_web_page_is_english_text() -> None:
    extracted = extract_file(CORPUS / "000_c4c3416fd0a9dab6.txt")
    assert extracted.format == "text"
    assert extracted.metadata == {"encoding": "utf-8", "language": "en"}
    assert "International Association of Women Police (IAWP)" in extracted.text


@pytest.mark.parametrize(
    ("name", "fmt", "title", "language"),
    [
        ("cedaw-en.md", "markdown", "Convention on the Elimination of All Forms of Discrimination against Women", "en"),
        ("un-charter-en.txt", "text", "", "en"),
        ("un-charter-fr.txt", "text", "", "fr"),
    ],
)
def test_real_documents(name: str, fmt: str, title: str, language: str) -> None:
    path = REAL_DOCS / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    extracted = extract_file(path)
    assert (extracted.format, extracted.title, extracted.metadata["language"]) == (fmt, title, language)
