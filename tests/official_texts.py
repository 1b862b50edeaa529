"""Stand-ins for the official texts `wpskb pull` fetches, built at test time.

A resolution comes out as the UN Official Document System prints it: a masthead ("United
Nations S/RES/1325 (2000)", "Security Council Distr.: General", the date, the job number),
the heading and adoption line split over two lines, "The Security Council,", preambular and
operative paragraphs wrapped at a page width, a page break inside a paragraph and the symbol
repeated as the next page's header. The wording is our own, short and plain. CEDAW comes out
as an OHCHR-like HTML page around the convention's text, read from ../shared/real-docs when
it is there (its content never enters the repository), else a short page of our own.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

from pdf_files import text_pdf

from kb.resolutions import load_registry

REAL_CEDAW = Path(__file__).resolve().parents[2] / "shared" / "real-docs" / "cedaw-en.md"
CEDAW_TITLE = "Convention on the Elimination of All Forms of Discrimination against Women"

PREAMBLE = (
    "Recalling its earlier resolutions on women and peace and security and the relevant statements of its President,",
    "Reaffirming the important role of women in the prevention and resolution of conflicts and in peacebuilding,",
    "Expressing concern that civilians, particularly women and children, account for the vast majority of those "
    "adversely affected by armed conflict,",
)
OPERATIVE = (
    "Urges Member States to ensure increased representation of women at all decision-making levels in national, "
    "regional and international institutions;",
    "Encourages the Secretary-General to carry out a plan of action calling for an increase in the participation "
    "of women at decision-making levels in conflict resolution and peace processes;",
    "Requests the Secretary-General to provide to Member States training guidelines and materials on:",
    "(a) The protection, rights and particular needs of women;",
    "(b) The importance of involving women in all peacekeeping and peacebuilding measures;",
    "Calls on all parties to armed conflict to take special measures to protect women and girls from "
    "gender-based violence;",
)
CLOSING = "Decides to remain actively seized of the matter."
_WIDTH = 88
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def resolution_lines(number: int, *, symbol: str | None = None) -> list[list[str]]:
    """The pages of resolution ``number`` as an official PDF prints them (lines per page)."""
    facts = load_registry()[number]
    symbol = symbol or facts.symbol
    date = f"{facts.adopted.day} {_MONTHS[facts.adopted.month - 1]} {facts.adopted.year}"
    job = f"{facts.year % 100:02d}-{number * 37 % 100000:05d}"
    first = [
        f"United Nations {symbol}",
        "Security Council Distr.: General",
        date,
        f"{job} (E)",
        f"*{job.replace('-', '')}*",
        f"Resolution {number} ({facts.year})",
        f"Adopted by the Security Council at its {facts.meeting}th meeting, on",
        date,
        "",
        "The Security Council,",
        "",
    ]
    body: list[str] = []
    for paragraph in PREAMBLE:
        body += textwrap.wrap(paragraph, _WIDTH) + [""]
    numbered = 0
    for paragraph in OPERATIVE + (CLOSING,):
        if not paragraph.startswith("("):
            numbered += 1
            paragraph = f"{numbered}. {paragraph}"
        body += textwrap.wrap(paragraph, _WIDTH) + [""]
    # The page break falls inside the second operative paragraph, as it does on real pages.
    cut = next(i for i, line in enumerate(body) if line.startswith("2. ")) + 1
    return [first + body[:cut], [symbol, ""] + body[cut:] + [f"2 {job}"]]


def resolution_pdf(number: int, *, symbol: str | None = None) -> bytes:
    """An official-looking PDF of resolution ``number`` (see :func:`resolution_lines`)."""
    facts = load_registry()[number]
    return text_pdf(resolution_lines(number, symbol=symbol), Title=symbol or facts.symbol,
                    Author="United Nations Security Council")


def operative_count() -> int:
    """How many numbered operative paragraphs the fixture resolution has."""
    return sum(1 for p in OPERATIVE if not p.startswith("(")) + 1


def cedaw_html() -> bytes:
    """An OHCHR-like page holding the convention's text."""
    if REAL_CEDAW.is_file():
        body = _markdown_to_html(REAL_CEDAW.read_text(encoding="utf-8"))
    else:
        body = (f"<h2>{CEDAW_TITLE}</h2><p>The States Parties to the present Convention,</p>"
                + "".join(f"<h3>Article {n}</h3><p>States Parties shall take all appropriate measures, in "
                          f"every field, to ensure the equality of women and men (article {n}).</p>"
                          for n in range(1, 31)))
    page = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{CEDAW_TITLE} | OHCHR</title></head><body>"
        "<header><nav><a href=\"/en\">Home</a> <a href=\"/en/instruments\">Instruments</a></nav></header>"
        f"<main><h1>{CEDAW_TITLE}</h1><p>Adopted 18 December 1979 by General Assembly resolution 34/180.</p>"
        f"{body}</main><footer>Office of the High Commissioner for Human Rights</footer></body></html>"
    )
    return page.encode("utf-8")


def _markdown_to_html(text: str) -> str:
    parts = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", block)
        if heading:
            level = min(len(heading.group(1)) + 1, 6)
            parts.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
        else:
            parts.append(f"<p>{html.escape(' '.join(block.split()))}</p>")
    return "".join(parts)
