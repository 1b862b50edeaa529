"""Resolution texts into paragraphs: small tables, a clean text, and the guide's Annexes C and D."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indexer.resolution_text import parse_resolution_texts

GUIDE = Path(__file__).resolve().parents[1] / "corpus" / "003_51e315de7d71ecb8.txt"

CLEAN = """Resolution 2493 (2019)
Adopted by the Security Council at its 8649th meeting, on 29 October 2019

The Security Council,
Reaffirming its commitment to the full implementation of its earlier resolutions,
Noting with concern the slow pace of progress,
Deeply concerned by the obstacles that remain,
1. Urges Member States to fully implement the agenda;
2. Requests the Secretary-General to report on:
(a) Progress made by Member States;
(b) Obstacles that remain;
3. Decides to remain actively seized of the matter.
"""


@pytest.fixture(scope="module")
def guide() -> dict:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("ANNEX C –")
    end = text.index(" ANNEX E –")
    return parse_resolution_texts(text[start:end])


def _op(parsed, number: int) -> str:
    return next(p.text for p in parsed.paragraphs if p.kind == "operative" and p.number == number)


def test_clean_text() -> None:
    result = parse_resolution_texts(CLEAN)
    assert list(result) == [2493]
    parsed = result[2493]
    assert (parsed.meeting, parsed.adopted) == (8649, dt.date(2019, 10, 29))
    assert [p.anchor for p in parsed.paragraphs] == ["pp1", "pp2", "pp3", "op1", "op2", "op3"]
    assert _op(parsed, 2).splitlines() == [
        "Requests the Secretary-General to report on:",
        "(a) Progress made by Member States;",
        "(b) Obstacles that remain;",
    ]
    assert parsed.notes == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Two preambular paragraphs glued on one line.
        ("Recalling its resolutions, Expressing concern that violence persists,\n1. Decides to act.",
         [("pp1", "Recalling its resolutions,"), ("pp2", "Expressing concern that violence persists,"),
          ("op1", "Decides to act.")]),
        # A lone page number between the two halves of a paragraph.
        ("Recalling its resolutions and\n\n48\n\nthe statements of its President,\n1. Decides to act.",
         [("pp1", "Recalling its resolutions and the statements of its President,"), ("op1", "Decides to act.")]),
        # Operative paragraphs out of order come back in numeric order.
        ("2. Requests a report;\n1. Urges Member States to act;",
         [("op1", "Urges Member States to act;"), ("op2", "Requests a report;")]),
        # A lower-case fragment before its paragraph completes the paragraph left open.
        ("Noting the need for data,\n\nof the matter;\n\n1. Decides to remain seized",
         [("pp1", "Noting the need for data,"), ("op1", "Decides to remain seized of the matter;")]),
        # A sub-paragraph interleaved with other paragraphs goes inside the one ending with ":".
        ("1. Calls on all actors to adopt:\n(a) Measures one;\n2. Urges States to act;\n\n(b) Measures two;",
         [("op1", "Calls on all actors to adopt:\n(a) Measures one;\n(b) Measures two;"),
          ("op2", "Urges States to act;")]),
        # Line breaks inside a word joined with its slash or hyphen.
        ("1. Requests HIV/\nAIDS training for the Secretary-\nGeneral;", [("op1", "Requests HIV/AIDS training for the Secretary-General;")]),
        # UN document furniture: the symbol repeated as a page header, job numbers, "Page 2 of 3".
        ("1. Urges States to act;\n00-72018 (E)\n*0072018*\n\nS/RES/1325 (2000)\nPage 2 of 3\n\n2. Requests a report;",
         [("op1", "Urges States to act;"), ("op2", "Requests a report;")]),
        # Two operative paragraphs glued on one line.
        ("1. Urges States to act; 2. Requests a report;", [("op1", "Urges States to act;"), ("op2", "Requests a report;")]),
    ],
)
def test_paragraph_repairs(text: str, expected: list[tuple[str, str]]) -> None:
    result = parse_resolution_texts("SECURITY COUNCIL RESOLUTION 1325\n" + text)
    assert [(p.anchor, p.text) for p in result[1325].paragraphs] == expected


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("UNITED NATIONS SECURITY COUNCIL RESOLUTION 1820", 1820),
        ("ANNEX D – UNITED NATIONS SECURITY COUNCIL RESOLUTION 1820", 1820),
        ("S/RES/1888 (2009)", 1888),
        ("Resolution 2467 (2019)", 2467),
    ],
)
def test_headings(heading: str, number: int) -> None:
    assert list(parse_resolution_texts(f"{heading}\n1. Decides to act.")) == [number]


def test_number_from_meeting_or_argument() -> None:
    body = "Adopted by the Security Council at its 6453rd meeting, on 16 December 2010.\n1. Decides to act."
    assert list(parse_resolution_texts(body)) == [1960]
    assert parse_resolution_texts(body)[1960].adopted == dt.date(2010, 12, 16)
    assert list(parse_resolution_texts("1. Decides to act.", number=2106)) == [2106]


def test_operative_numbering_runs_past_next_heading() -> None:
    text = (
        "SECURITY COUNCIL RESOLUTION 1325\n1. Urges States to act;\n\n"
        "SECURITY COUNCIL RESOLUTION 1820\n2. Decides to remain seized.\n"
        "Adopted by the Security Council at its 5916th meeting, on 19 June 2008.\n"
        "The Security Council\nRecalling its resolutions,\n1. Stresses the point;\n"
    )
    result = parse_resolution_texts(text)
    assert [p.anchor for p in result[1325].paragraphs] == ["op1", "op2"]
    assert [p.anchor for p in result[1820].paragraphs] == ["pp1", "op1"]
    assert result[1820].meeting == 5916 and result[1325].meeting is None


@pytest.mark.skipif(not GUIDE.exists(), reason="seed corpus missing")
class TestGuideAnnexes:
    @pytest.mark.parametrize(("number", "preambular", "operative"), [(1325, 11, 18), (1820, 14, 16)])
    def test_counts(self, guide, number: int, preambular: int, operative: int) -> None:
        paragraphs = guide[number].paragraphs
        assert [p.number for p in paragraphs if p.kind == "preambular"] == list(range(1, preambular + 1))
        assert [p.number for p in paragraphs if p.kind == "operative"] == list(range(1, operative + 1))
        assert [p.anchor for p in paragraphs if p.kind == "operative"] == [f"op{n}" for n in range(1, operative + 1)]

    @pytest.mark.parametrize(
        ("number", "meeting", "adopted"), [(1325, 4213, dt.date(2000, 10, 31)), (1820, 5916, dt.date(2008, 6, 19))]
    )
    def test_adoption(self, guide, number: int, meeting: int, adopted: dt.date) -> None:
        assert (guide[number].meeting, guide[number].adopted) == (meeting, adopted)

    @pytest.mark.parametrize(
        ("number", "op", "starts"),
        [
            (1325, 1, "Urges Member States to ensure increased representation"),
            (1325, 5, "Expresses its willingness to incorporate a gender perspective"),
            (1325, 8, "Calls on all actors involved"),
            (1325, 11, "Emphasizes the responsibility of all States"),
            (1325, 18, "Decides to remain actively seized"),
            (1820, 1, "Stresses that sexual violence"),
            (1820, 2, "Demands the immediate and complete cessation"),
            (1820, 11, "Stresses the important role the Peacebuilding Commission"),
            (1820, 12, "Urges the Secretary-General and his Special Envoys"),
            (1820, 16, "Decides to remain actively seized"),
        ],
    )
    def test_operative_starts(self, guide, number: int, op: int, starts: str) -> None:
        assert _op(guide[number], op).startswith(starts)

    def test_op8_sub_paragraphs(self, guide) -> None:
        lines = _op(guide[1325], 8).splitlines()
        assert [line[:24] for line in lines[1:]] == [
            "(a) The special needs of", "(b) Measures that suppor", "(c) Measures that ensure"]

    def test_1820_op1_rejoined(self, guide) -> None:
        text = _op(guide[1820], 1)
        assert "such acts of sexual violence can significantly contribute" in text
        assert text.endswith("widespread or systematic sexual violence;")
        assert any("moved a fragment" in note for note in guide[1820].notes)
        assert not _op(guide[1820], 2).startswith("violence")

    @pytest.mark.parametrize(
        ("number", "pp", "starts"),
        [
            (1325, 1, "Recalling its resolutions 1261 (1999)"),
            (1325, 4, "Expressing concern that civilians"),
            (1325, 8, "Recognizing the urgent need to mainstream"),
            (1820, 11, "Deeply concerned also"),
            (1820, 12, "Reaffirming that parties to armed conflict"),
        ],
    )
    def test_preambular(self, guide, number: int, pp: int, starts: str) -> None:
        text = next(p.text for p in guide[number].paragraphs if p.anchor == f"pp{pp}")
        assert text.startswith(starts)

    def test_no_page_furniture(self, guide) -> None:
        for parsed in guide.values():
            for p in parsed.paragraphs:
                assert "ANNEX" not in p.text and "Adopted by" not in p.text, p.anchor
                assert "The Security Council\n" not in p.text
                assert not any(line.strip().isdigit() for line in p.text.splitlines()), p.anchor
                assert " 48 " not in p.text and " 49 " not in p.text, p.anchor
                assert not p.text[:1].isdigit(), p.anchor
        pp5 = next(p.text for p in guide[1325].paragraphs if p.anchor == "pp5")
        assert "peace and security, and the need to increase their role" in pp5


OFFICIAL_BODY = "The Security Council,\nRecalling its resolutions,\n1. Urges States to act;\n2. Decides to remain seized."


@pytest.mark.parametrize(
    ("masthead", "number", "meeting"),
    [
        # The Official Document System's first page: masthead, job number, heading, adoption over two lines.
        ("United Nations S/RES/1325 (2000)\nSecurity Council Distr.: General\n31 October 2000\n00-72018 (E)\n"
         "*0072018*\nResolution 1325 (2000)\nAdopted by the Security Council at its 4213th meeting, on\n"
         "31 October 2000\n", 1325, 4213),
        # The same masthead with its parts on lines of their own.
        ("United Nations\nS/RES/1820 (2008)\nSecurity Council\nDistr.: General\n19 June 2008\n"
         "Resolution 1820 (2008)\nAdopted by the Security Council at its 5916th\nmeeting, on 19 June 2008\n", 1820, 5916),
        # Only the masthead line names the resolution.
        ("United Nations S/RES/2493 (2019)\nSecurity Council Distr.: General\n29 October 2019\n", 2493, None),
    ],
)
def test_official_masthead(masthead: str, number: int, meeting: int | None) -> None:
    result = parse_resolution_texts(masthead + OFFICIAL_BODY + "\n2 00-72018\n")
    assert list(result) == [number]
    assert [(p.anchor, p.text) for p in result[number].paragraphs] == [
        ("pp1", "Recalling its resolutions,"), ("op1", "Urges States to act;"), ("op2", "Decides to remain seized.")]
    assert result[number].meeting == meeting


@pytest.mark.parametrize(
    "line",
    ["2 00-72018", "00-72018 3/4", "12/12 08-39124 (E)"],
)
def test_official_page_footers_are_furniture(line: str) -> None:
    result = parse_resolution_texts(f"S/RES/1325 (2000)\n1. Urges States to act and\n{line}\nto report;")
    assert [p.text for p in result[1325].paragraphs] == ["Urges States to act and to report;"]
