"""What the tagger returns: plain dataclasses, the fixed interface between tagger and pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class FoundOutlet:
    name: str
    outlet_id: int | None  # None: an outlet the knowledge base does not know yet (a candidate)
    said: str = ""  # how the article names it ("Sky Italia" for Sky Sport Italia), where it names it


@dataclass
class FoundPlayer:
    name: str
    player_id: int | None  # None: a candidate player not in the knowledge base
    spans: list[tuple[int, int]]
    evidence: str  # the text that shows he is a player


@dataclass
class FoundClub:
    name: str
    club_id: int
    spans: list[tuple[int, int]]


@dataclass
class FoundClaim:
    player: str
    player_id: int | None
    club: str
    club_id: int
    kind: str
    deal: str
    from_club: str | None
    from_club_id: int | None
    fee: str | None
    contract_until: str | None
    evidence: str
    start: int
    end: int
    cited: list[FoundOutlet]
    confidence: float


@dataclass
class TagResult:
    language: str
    published: date | None
    published_source: str = ""  # where `published` was read (tagger.dates.SOURCES); empty when undated
    players: list[FoundPlayer] = field(default_factory=list)
    clubs: list[FoundClub] = field(default_factory=list)
    claims: list[FoundClaim] = field(default_factory=list)
    cited: list[FoundOutlet] = field(default_factory=list)
