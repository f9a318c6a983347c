"""load_kb and the national squads: players of their own, and a player's club as of a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from players.gazetteer import build_gazetteer
from players.kb_load import kb_load
from players.models import Player, PlayerClubSpell, Source
from tests.players.test_load_kb import data_dir, write_jsonl

pytestmark = pytest.mark.django_db

_SOURCE = "openfootball/worldcup@test more/2014_squads.txt"
SQUADS = [
    {  # the hand-made Vlahović, named in two squads of made-up tournaments
        "name": "Dusan Vlahovic",
        "born": "2000-01-28",
        "born_year": 2000,
        "position": "FW",
        "team": "Serbia",
        "squads": [
            {"squad": "Cup 2018, Serbia", "date": "2018-06-14", "club": "eng/newcastle-united-fc", "source": _SOURCE},
            {"squad": "Cup 2021, Serbia", "date": "2021-06-11", "club": "eng/newcastle-united-fc", "source": _SOURCE},
        ],
    },
    {  # a squad player no hand-made line knows
        "name": "Tomás Quevedo",
        "born": None,
        "born_year": 1990,
        "position": "DF",
        "team": "Ecuador",
        "squads": [{"squad": "Cup 2014, Ecuador", "date": "2014-06-12", "club": "it/juventus", "source": _SOURCE}],
    },
]


__all__ = ["data_dir"]  # the small knowledge base of test_load_kb, which squads_dir adds squads to


@pytest.fixture
def squads_dir(data_dir: Path) -> Path:
    write_jsonl(data_dir / "squads.jsonl", SQUADS)
    return data_dir


def test_a_squad_player_a_hand_made_line_describes_is_that_player(squads_dir: Path) -> None:
    kb_load(data_dir=squads_dir)
    assert Player.objects.filter(name__in=["Dušan Vlahović", "Dusan Vlahovic"]).count() == 1
    newcomer = Player.objects.get(name="Tomás Quevedo")
    assert newcomer.club is None and newcomer.source == Source.OPENFOOTBALL


def test_each_squad_with_a_club_becomes_a_dated_spell_with_its_source(squads_dir: Path) -> None:
    kb_load(data_dir=squads_dir)
    spells = list(PlayerClubSpell.objects.filter(player__name="Dušan Vlahović").order_by("since"))
    # The same club in the next squad: the first spell runs until that squad.
    assert [(s.since, s.until) for s in spells] == [
        (dt.date(2018, 6, 14), dt.date(2021, 6, 11)),
        (dt.date(2021, 6, 11), dt.date(2022, 6, 11)),
    ]
    assert spells[0].source.startswith(_SOURCE) and "Cup 2018, Serbia" in spells[0].source


def test_the_gazetteer_gives_his_club_as_of_the_articles_day(squads_dir: Path) -> None:
    kb_load(data_dir=squads_dir)
    entry = next(p for p in build_gazetteer().players.values() if p.name == "Dušan Vlahović")
    newcastle = PlayerClubSpell.objects.get(player_id=entry.id, since=dt.date(2018, 6, 14)).club_id
    assert entry.club_on(dt.date(2019, 3, 1)) == newcastle
    assert entry.club_on(dt.date(2025, 10, 1)) == entry.club_id != newcastle  # today: the hand-made club
    assert entry.club_on(None) == entry.club_id


def test_a_second_load_changes_no_spell(squads_dir: Path) -> None:
    kb_load(data_dir=squads_dir)
    report = kb_load(data_dir=squads_dir)
    tally = report.tally(PlayerClubSpell)
    assert (tally.created, tally.deleted, tally.unchanged) == (0, 0, 3)
