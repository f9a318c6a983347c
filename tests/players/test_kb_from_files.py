"""The matcher built straight from the files (make tag, eval, train) is the one built from a loaded database.

Both routes merge the files with `players.kb_merge`; these tests load the files with `kb_load` into the
test database and compare the two Gazetteers entry for entry. Ids may differ (the test database's
sequences do not start at 1), so each id is replaced by what it stands for: a club by its key, a player
by his name and birth date, an outlet by its name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from players.gazetteer import build_gazetteer
from players.kb_files import DATA_DIR
from players.kb_load import kb_load
from players.kb_merge import EDITORIAL, OPENFOOTBALL, VERIFIED, entries_from_files
from players.models import Player, PlayerStatus, Source
from tagger import result_to_gold, tag_article
from tagger.matcher import Gazetteer
from tests.players.test_load_kb import data_dir, write_jsonl
from tests.players.test_load_squads import SQUADS

pytestmark = pytest.mark.django_db

__all__ = ["data_dir"]

# Written for this test: real names of the knowledge base, a made-up story.
ARTICLE = (
    "Inter are closing in on Atalanta goalkeeper Marco Carnesecchi. The Nerazzurri have opened talks "
    "with the Bergamo club, while Napoli are also monitoring Isak Hien, according to La Gazzetta dello Sport."
)


def comparable(gazetteer: Gazetteer) -> dict[str, list[tuple[Any, ...]]]:
    """Every entry with its ids replaced by what they stand for, in the Gazetteer's own order."""
    club_key = {club.id: club.key for club in gazetteer.clubs.values()}
    return {
        "clubs": [
            (c.key, c.name, c.country, c.league, c.prominence, c.city, c.aliases) for c in gazetteer.clubs.values()
        ],
        "players": [
            (
                p.name,
                p.born,
                club_key.get(p.club_id),  # type: ignore[arg-type]
                p.aliases,
                p.status,
                tuple((since, until, club_key[club_id]) for since, until, club_id in p.spells),
            )
            for p in gazetteer.players.values()
        ],
        "outlets": [
            (o.name, o.kind, o.language, o.aliases, o.case_sensitive_aliases, o.domains)
            for o in gazetteer.outlets.values()
        ],
        "domains": sorted((domain, gazetteer.outlets[i].name) for domain, i in gazetteer.domains.items()),
    }


def assert_same_knowledge_base(data: Path) -> tuple[Gazetteer, Gazetteer]:
    report = kb_load(data_dir=data)
    from_db = build_gazetteer()
    entries = entries_from_files(data)
    from_files = entries.gazetteer()
    db, files = comparable(from_db), comparable(from_files)
    for part in db:
        assert files[part] == db[part], part
    hand_made_in_db = {(p.name, p.born) for p in Player.objects.filter(source=Source.EDITORIAL)}
    assert {(from_files.players[i].name, from_files.players[i].born) for i in entries.hand_made} == hand_made_in_db
    assert sorted(entries.problems) == sorted(report.problems)
    return from_db, from_files


def test_the_values_the_files_give_are_the_models_choices() -> None:
    assert (OPENFOOTBALL, EDITORIAL, VERIFIED) == (Source.OPENFOOTBALL, Source.EDITORIAL, PlayerStatus.VERIFIED)


def test_the_projects_files_give_the_same_gazetteer_and_the_same_tagging() -> None:
    from_db, from_files = assert_same_knowledge_base(DATA_DIR)
    assert len(from_files.clubs) > 1000 and len(from_files.players) > 1000 and len(from_files.outlets) > 100
    tagged = [
        result_to_gold(tag_article(text=ARTICLE, gazetteer=g, published="2025-10-01", language="en"), "a")
        for g in (from_db, from_files)
    ]
    assert tagged[0] == tagged[1]
    assert {claim["player"] for claim in tagged[0]["claims"]} >= {"Marco Carnesecchi"}


def test_small_files_with_namesakes_reserves_squads_and_duplicates_give_the_same_gazetteer(data_dir: Path) -> None:
    write_jsonl(data_dir / "squads.jsonl", SQUADS)
    from_db, _ = assert_same_knowledge_base(data_dir)
    assert from_db.players and any(p.spells for p in from_db.players.values())
