"""The ten WPS resolutions: facts of record, and the text the corpus holds for each."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

WPS_RESOLUTIONS: tuple[int, ...] = (1325, 1820, 1888, 1889, 1960, 2106, 2122, 2242, 2467, 2493)

PILLARS: tuple[str, ...] = ("participation", "protection", "prevention", "relief and recovery")

FACTS_FILE = Path(__file__).parent / "data" / "wps-resolutions.toml"

# The thematic strand each resolution belongs to and the pillars it mainly serves. The
# guide's Annex B groups the resolutions into these two strands; the pillars follow the
# UN's own reading of each text.
_THEMES: dict[int, tuple[str, tuple[str, ...]]] = {
    1325: ("Women's leadership in peace making and conflict prevention",
           ("participation", "protection", "prevention", "relief and recovery")),
    1820: ("Prevention of and response to conflict-related sexual violence", ("protection", "prevention")),
    1888: ("Prevention of and response to conflict-related sexual violence", ("protection", "prevention")),
    1889: ("Women's leadership in peace making and conflict prevention",
           ("participation", "relief and recovery")),
    1960: ("Prevention of and response to conflict-related sexual violence", ("protection", "prevention")),
    2106: ("Prevention of and response to conflict-related sexual violence",
           ("protection", "prevention", "participation")),
    2122: ("Women's leadership in peace making and conflict prevention", ("participation", "protection")),
    2242: ("Women's leadership in peace making and conflict prevention", ("participation", "prevention")),
    2467: ("Prevention of and response to conflict-related sexual violence",
           ("protection", "relief and recovery")),
    2493: ("Women's leadership in peace making and conflict prevention", ("participation",)),
}


@dataclass(frozen=True)
class Vote:
    """The recorded vote on adoption."""

    in_favour: int
    against: int
    abstaining: int

    def __str__(self) -> str:
        return f"{self.in_favour}-{self.against}-{self.abstaining}"


@dataclass(frozen=True)
class ResolutionParagraph:
    """A preambular or operative paragraph. Sub-paragraphs (a), (b), ... stay in ``text``."""

    kind: str  # "preambular" | "operative"
    number: int | None  # operative paragraphs are numbered; preambular ones get their order
    text: str
    anchor: str  # "pp3", "op8"


@dataclass(frozen=True)
class Resolution:
    """One WPS resolution: facts of record plus the text and overview the corpus holds."""

    number: int
    symbol: str
    adopted: dt.date
    meeting: int
    vote: Vote
    theme: str = ""
    pillars: tuple[str, ...] = ()
    overview: str = ""  # the guide's Annex B summary
    paragraphs: tuple[ResolutionParagraph, ...] = ()
    text_source: str = ""  # id of the document the text was read from

    @property
    def year(self) -> int:
        """The year of adoption."""
        return self.adopted.year

    @property
    def title(self) -> str:
        """A human title: "Resolution 1325 (2000)"."""
        return f"Resolution {self.number} ({self.year})"

    @property
    def url(self) -> str:
        """Where the resolution's page lives."""
        return f"/resolutions/{self.number}"

    def preambular(self) -> tuple[ResolutionParagraph, ...]:
        """Preambular paragraphs in order."""
        return tuple(p for p in self.paragraphs if p.kind == "preambular")

    def operative(self) -> tuple[ResolutionParagraph, ...]:
        """Operative paragraphs in numeric order."""
        return tuple(p for p in self.paragraphs if p.kind == "operative")

    def paragraph(self, number: int) -> ResolutionParagraph | None:
        """Operative paragraph ``number``, or None."""
        return next((p for p in self.operative() if p.number == number), None)

    def citation(self, paragraph: int | None = None) -> str:
        """How the resolution (or one of its paragraphs) is cited: "S/RES/1325 (2000), para. 8"."""
        return f"{self.symbol}, para. {paragraph}" if paragraph else self.symbol


def load_registry(path: Path = FACTS_FILE) -> dict[int, Resolution]:
    """Read the facts of record for the ten WPS resolutions, keyed by number."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    registry: dict[int, Resolution] = {}
    for entry in data["resolution"]:
        number = int(entry["number"])
        vote = entry.get("vote", {})
        theme, pillars = _THEMES.get(number, ("", ()))
        adopted = entry["adopted"]
        if not isinstance(adopted, dt.date):
            adopted = dt.date.fromisoformat(str(adopted))
        registry[number] = Resolution(
            number=number,
            symbol=entry["symbol"],
            adopted=adopted,
            meeting=int(entry["meeting"]),
            vote=Vote(int(vote.get("for", 0)), int(vote.get("against", 0)), int(vote.get("abstaining", 0))),
            theme=theme,
            pillars=pillars,
        )
    return dict(sorted(registry.items()))


def with_text(resolution: Resolution, paragraphs: tuple[ResolutionParagraph, ...], source: str) -> Resolution:
    """The resolution with its paragraphs attached."""
    return replace(resolution, paragraphs=paragraphs, text_source=source)
