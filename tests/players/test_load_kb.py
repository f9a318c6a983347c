"""load_kb: each loading rule, on small data directories written by the tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Mention
from players.kb_load import kb_load
from players.models import Club, ClubAlias, Outlet, OutletAlias, OutletDomain, Player, PlayerAlias, Source
from tagger.names import normalize_name
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CLUBS = [
    {
        "key": "eng/manchester-united-fc",
        "name": "Manchester United FC",
        "country": "eng",
        "city": "Manchester",
        "league": "eng.1",
        "reserve_of": None,
        "aliases": [
            {"name": "Man United", "lang": None, "kind": "short"},
            {"name": "United", "lang": None, "kind": "short"},
        ],
    },
    {
        "key": "eng/newcastle-united-fc",
        "name": "Newcastle United FC",
        "country": "eng",
        "city": "Newcastle",
        "league": "eng.1",
        "reserve_of": None,
        "aliases": [
            {"name": "Newcastle", "lang": None, "kind": "short"},
            {"name": "United", "lang": None, "kind": "short"},
        ],
    },
    {
        "key": "it/juventus",
        "name": "Juventus",
        "country": "it",
        "city": "Torino",
        "league": "it.1",
        "reserve_of": None,
        "aliases": [{"name": "Juventus FC", "lang": None, "kind": "official"}],
    },
    {
        "key": "it/juventus-next-gen",
        "name": "Juventus Next Gen",
        "country": "it",
        "city": "Torino",
        "league": "it.3",
        "reserve_of": "it/juventus",
        "aliases": [],
    },
]
EDITORIAL = [
    {
        "club": "it/juventus",
        "prominence": 5,
        "aliases": [
            {"name": "Bianconeri", "lang": "it", "kind": "nickname", "ambiguous": False},
            {"name": "Juve", "lang": "it", "kind": "short", "ambiguous": True},
        ],
    },
    {
        "club": "sa/al-hilal",
        "prominence": 4,
        "new": {"name": "Al-Hilal", "country": "sa", "city": "Riyadh", "league": "sa.1"},
        "aliases": [{"name": "Al Hilal", "lang": "en", "kind": "short", "ambiguous": False}],
    },
]
PLAYERS = [
    {
        "name": "Dušan Vlahović",
        "known_as": ["Vlahovic", "Vlahović"],
        "club": "it/juventus",
        "as_of": "2025-09-01",
        "position": "FW",
        "nationality": "SRB",
        "born": "2000-01-28",
    },
    {
        "name": "Bruno Fernandes",
        "known_as": ["Bruno"],
        "club": "eng/manchester-united-fc",
        "as_of": "2025-09-01",
        "position": "MF",
        "nationality": "POR",
        "born": None,
    },
]
OUTLETS = [
    {
        "name": "Tuttosport",
        "kind": "publisher",
        "language": "it",
        "country": "it",
        "aliases": ["TS"],
        "domains": ["www.tuttosport.com"],
        "works_for": None,
    },
    {
        "name": "AS",
        "kind": "publisher",
        "language": "es",
        "country": "es",
        "aliases": ["Diario AS"],
        "ambiguous_aliases": ["AS"],
        "domains": ["as.com"],
        "works_for": None,
    },
    {
        "name": "Fabrizio Romano",
        "kind": "journalist",
        "language": "en",
        "country": None,
        "aliases": ["Romano"],
        "domains": [],
        "works_for": "Tuttosport",
    },
]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_jsonl(tmp_path / "clubs.jsonl", CLUBS)
    write_jsonl(tmp_path / "clubs_editorial.jsonl", EDITORIAL)
    write_jsonl(tmp_path / "players" / "serie-a.jsonl", PLAYERS)
    write_jsonl(tmp_path / "outlets.jsonl", OUTLETS)
    return tmp_path


def club_alias(key: str, name: str) -> ClubAlias:
    return ClubAlias.objects.get(club__key=key, normalized=normalize_name(name))


def row_counts() -> dict[str, int]:
    models = [Club, ClubAlias, Player, PlayerAlias, Outlet, OutletAlias, OutletDomain]
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_clubs_aliases_players_and_outlets(data_dir: Path) -> None:
    report = kb_load(data_dir=data_dir)

    assert report.problems == []
    assert row_counts() == {
        "Club": 5,
        "ClubAlias": 8,
        "Player": 2,
        "PlayerAlias": 2,
        "Outlet": 3,
        "OutletAlias": 4,
        "OutletDomain": 2,
    }
    juve = Club.objects.get(key="it/juventus")
    assert (juve.prominence, juve.league, juve.city) == (5, "it.1", "Torino")
    assert Club.objects.get(key="it/juventus-next-gen").reserve_of == juve
    vlahovic = Player.objects.get(name="Dušan Vlahović")
    assert (vlahovic.club, vlahovic.position, vlahovic.nationality, str(vlahovic.born)) == (
        juve,
        "FW",
        "SRB",
        "2000-01-28",
    )
    assert vlahovic.source == Source.EDITORIAL and vlahovic.status == "verified"
    # "Vlahovic" and "Vlahović" are one name once folded: one alias.
    assert list(vlahovic.aliases.values_list("name", flat=True)) == ["Vlahovic"]


def test_twice_in_a_row_changes_nothing(data_dir: Path) -> None:
    first = kb_load(data_dir=data_dir)
    counts = row_counts()

    second = kb_load(data_dir=data_dir)

    assert first.changed > 0
    assert second.changed == 0
    assert row_counts() == counts
    assert all(t.created == t.updated == t.deleted == 0 for t in second.tallies.values())
    assert second.tallies["ClubAlias"].unchanged == 8


def test_the_command_prints_counts_per_model_and_a_summary(data_dir: Path) -> None:
    call_command("load_kb", data_dir=data_dir, stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()

    call_command("load_kb", data_dir=data_dir, stdout=out, stderr=io.StringIO())

    text = out.getvalue()
    assert "Club: 0 created, 0 updated, 5 unchanged, 0 deleted" in text
    assert "Player: 0 created, 0 updated, 2 unchanged, 0 deleted" in text
    assert "5 Club, 8 ClubAlias, 2 Player, 2 PlayerAlias, 3 Outlet, 4 OutletAlias, 2 OutletDomain; 0 changes" in text


def test_an_updated_file_updates_rows_in_place(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    juve_pk = Club.objects.get(key="it/juventus").pk
    changed = [dict(c) for c in CLUBS]
    changed[2] = {**CLUBS[2], "city": "Turin", "aliases": [{"name": "La Juventus", "lang": "it", "kind": "short"}]}
    write_jsonl(data_dir / "clubs.jsonl", changed)
    players = [{**PLAYERS[0], "club": "eng/manchester-united-fc", "as_of": "2026-01-31"}, PLAYERS[1]]
    write_jsonl(data_dir / "players" / "serie-a.jsonl", players)

    report = kb_load(data_dir=data_dir)

    juve = Club.objects.get(key="it/juventus")
    assert (juve.pk, juve.city) == (juve_pk, "Turin")
    assert set(juve.aliases.values_list("name", flat=True)) == {"La Juventus", "Bianconeri", "Juve"}
    assert report.tallies["Club"].updated == 1
    assert report.tallies["ClubAlias"].created == 1 and report.tallies["ClubAlias"].deleted == 1
    vlahovic = Player.objects.get(name="Dušan Vlahović")
    assert (vlahovic.club.key, str(vlahovic.club_as_of)) == ("eng/manchester-united-fc", "2026-01-31")
    assert Player.objects.count() == 2


def test_each_alias_records_its_source(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)

    assert club_alias("it/juventus", "Juventus FC").source == Source.OPENFOOTBALL
    assert club_alias("it/juventus", "Bianconeri").source == Source.EDITORIAL
    assert club_alias("it/juventus", "Bianconeri").language == "it"
    assert club_alias("sa/al-hilal", "Al Hilal").source == Source.EDITORIAL
    assert set(PlayerAlias.objects.values_list("source", flat=True)) == {Source.EDITORIAL}
    assert set(OutletAlias.objects.values_list("source", flat=True)) == {Source.EDITORIAL}


def test_an_alias_an_editor_added_survives_a_reload(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    juve = Club.objects.get(key="it/juventus")
    ClubAlias.objects.create(club=juve, name="Vecchia Signora", language="it", kind="nickname")
    vlahovic = Player.objects.get(name="Dušan Vlahović")
    PlayerAlias.objects.create(player=vlahovic, name="DV9")

    report = kb_load(data_dir=data_dir)

    assert club_alias("it/juventus", "Vecchia Signora").source == Source.EDITOR
    assert vlahovic.aliases.filter(name="DV9", source=Source.EDITOR).exists()
    assert report.changed == 0


def test_an_alias_an_editor_deleted_stays_deleted(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    ClubAlias.objects.filter(normalized="bianconeri").update(deleted_by_editor=True)
    PlayerAlias.objects.filter(normalized="bruno").update(deleted_by_editor=True)
    OutletAlias.objects.filter(normalized="romano").update(deleted_by_editor=True)

    report = kb_load(data_dir=data_dir)

    assert club_alias("it/juventus", "Bianconeri").deleted_by_editor
    assert ClubAlias.objects.active().filter(normalized="bianconeri").count() == 0
    assert PlayerAlias.objects.get(normalized="bruno").deleted_by_editor
    assert OutletAlias.objects.get(normalized="romano").deleted_by_editor
    assert report.changed == 0


def test_a_name_several_clubs_go_by_is_marked_ambiguous(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)

    assert club_alias("eng/manchester-united-fc", "United").ambiguous
    assert club_alias("eng/newcastle-united-fc", "United").ambiguous
    assert not club_alias("eng/manchester-united-fc", "Man United").ambiguous
    # The editorial file may say so even when no other club in the lists goes by the name.
    assert club_alias("it/juventus", "Juve").ambiguous


def test_an_editors_alias_shared_with_another_club_becomes_ambiguous(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    ClubAlias.objects.create(club=Club.objects.get(key="it/juventus"), name="Newcastle")

    kb_load(data_dir=data_dir)

    assert club_alias("it/juventus", "Newcastle").ambiguous
    assert club_alias("eng/newcastle-united-fc", "Newcastle").ambiguous


def test_an_unknown_club_key_is_reported_not_a_crash(data_dir: Path) -> None:
    write_jsonl(
        data_dir / "players" / "typos.jsonl",
        [
            {
                "name": "Nobody Known",
                "known_as": [],
                "club": "it/juventud",
                "as_of": None,
                "position": None,
                "nationality": None,
                "born": None,
            },
        ],
    )
    err = io.StringIO()

    call_command("load_kb", data_dir=data_dir, stdout=io.StringIO(), stderr=err)

    assert "typos.jsonl:1: player 'Nobody Known': unknown club key 'it/juventud'" in err.getvalue()
    assert Player.objects.get(name="Nobody Known").club is None
    assert Player.objects.count() == 3


def test_a_bad_line_is_reported_and_skipped(data_dir: Path) -> None:
    with (data_dir / "outlets.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"name": "", "kind": "publisher"}) + "\n")

    report = kb_load(data_dir=data_dir)

    assert any("outlets.jsonl:4: not JSON" in p for p in report.problems)
    assert any("outlets.jsonl:5: skipped" in p for p in report.problems)
    assert Outlet.objects.count() == 3


def test_outlets_get_case_sensitive_aliases_domains_and_employers(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)

    as_alias = OutletAlias.objects.get(outlet__name="AS", normalized="as")
    assert as_alias.case_sensitive
    assert not OutletAlias.objects.get(normalized="diario as").case_sensitive
    assert OutletDomain.objects.get(domain="tuttosport.com").outlet.name == "Tuttosport"
    assert Outlet.objects.get(name="Fabrizio Romano").works_for.name == "Tuttosport"


def test_a_player_an_editor_renamed_keeps_the_new_name(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    Player.objects.filter(name="Bruno Fernandes").update(name="Bruno Miguel Borges Fernandes")

    report = kb_load(data_dir=data_dir)

    assert Player.objects.filter(name="Bruno Miguel Borges Fernandes").count() == 1
    assert Player.objects.count() == 2
    assert report.tallies["Player"].created == 0


def test_a_missing_file_leaves_its_part_alone(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    (data_dir / "outlets.jsonl").unlink()
    (data_dir / "clubs_editorial.jsonl").unlink()

    report = kb_load(data_dir=data_dir)

    assert Outlet.objects.count() == 3
    assert club_alias("it/juventus", "Bianconeri").source == Source.EDITORIAL
    assert report.changed == 0


def test_a_player_dropped_from_the_files_is_deleted_unless_claims_point_at_him(data_dir: Path) -> None:
    kb_load(data_dir=data_dir)
    bruno = Player.objects.get(name="Bruno Fernandes")
    Mention.objects.create(article=ArticleFactory(), player=bruno, start=0, end=5)
    write_jsonl(data_dir / "players" / "serie-a.jsonl", [])

    report = kb_load(data_dir=data_dir)

    assert list(Player.objects.values_list("name", flat=True)) == ["Bruno Fernandes"]
    assert report.tallies["Player"].deleted == 1
    assert any("1 player(s) left the files" in p and "Bruno Fernandes" in p for p in report.problems)
