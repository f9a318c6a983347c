"""players_merge: everything the duplicate has moves to the survivor, and nothing is left dangling."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from articles.editing.merge import players_merge
from articles.models import Claim, Decision, Kind, Mention, Rumour
from articles.rumours.refresh import rumour_for, rumour_refresh
from players.kb_edit import EditError
from players.kb_load import kb_load
from players.models import Club, Player, PlayerAlias, PlayerStatus, Source
from tests.factories import ArticleFactory, ClubFactory, OutletFactory, PlayerFactory

pytestmark = pytest.mark.django_db

SUMMER = dt.date(2025, 7, 1)


def claim_make(player: Player, club: Club, kind: str = Kind.INTEREST, day: dt.date = SUMMER, article=None) -> Claim:  # type: ignore[no-untyped-def]
    article = article or ArticleFactory(published=day)
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=day)
    claim = Claim.objects.create(article=article, rumour=rumour, player=player, club=club, kind=kind)
    rumour_refresh(rumour=rumour)
    return claim


def nothing_points_at(pk: int) -> bool:
    related = [Claim, Mention, Rumour, PlayerAlias]
    return not any(model.objects.filter(player_id=pk).exists() for model in related)


def test_it_moves_every_alias_claim_mention_and_rumour() -> None:
    juve, milan = ClubFactory(name="Juventus"), ClubFactory(name="Milan")
    survivor = PlayerFactory(name="Dušan Vlahović")
    duplicate = PlayerFactory(name="Dusan Vlahovic", aliases=["DV9"], status=PlayerStatus.CANDIDATE)
    claim = claim_make(duplicate, milan)
    mention = Mention.objects.create(article=claim.article, player=duplicate, start=0, end=10)
    own_claim = claim_make(survivor, juve)

    players_merge(survivor=survivor, duplicate=duplicate)

    assert not Player.objects.filter(pk=duplicate.pk).exists()
    assert nothing_points_at(duplicate.pk)
    claim.refresh_from_db()
    mention.refresh_from_db()
    assert claim.player == survivor and claim.rumour.player == survivor
    assert mention.player == survivor
    assert set(Claim.objects.filter(player=survivor)) == {claim, own_claim}
    assert set(survivor.rumours.values_list("club__name", flat=True)) == {"Juventus", "Milan"}
    assert survivor.aliases.filter(name="DV9").exists()
    # "Dusan Vlahovic" folds to the survivor's own name: one alias, not two.
    assert survivor.aliases.filter(normalized="dusan vlahovic").count() == 1


def test_a_claim_both_have_on_one_article_and_club_is_kept_once() -> None:
    milan = ClubFactory(name="Milan")
    survivor, duplicate = PlayerFactory(name="Kim Min-jae"), PlayerFactory(name="Min-jae Kim")
    article = ArticleFactory(published=SUMMER)
    kept = claim_make(survivor, milan, article=article)
    extra = claim_make(duplicate, milan, article=article)
    extra.cited.add(OutletFactory(name="Sky Sport"))
    extra.decision = Decision.CONFIRMED
    extra.save()

    players_merge(survivor=survivor, duplicate=duplicate)

    assert list(Claim.objects.filter(article=article)) == [kept]
    kept.refresh_from_db()
    assert list(kept.cited.values_list("name", flat=True)) == ["Sky Sport"]
    assert kept.decision == Decision.CONFIRMED
    rumour = Rumour.objects.get(player=survivor, club=milan)
    assert rumour.claim_count == 1


def test_rumours_of_the_same_club_window_and_track_fold_into_one() -> None:
    napoli = ClubFactory(name="Napoli")
    survivor, duplicate = PlayerFactory(name="Rasmus Højlund"), PlayerFactory(name="Rasmus Hojlund")
    claim_make(survivor, napoli, Kind.INTEREST, dt.date(2025, 7, 1))
    claim_make(duplicate, napoli, Kind.AGREEMENT, dt.date(2025, 8, 20))
    claim_make(duplicate, napoli, Kind.INTEREST, dt.date(2026, 1, 10))  # another window: a rumour of its own

    players_merge(survivor=survivor, duplicate=duplicate)

    rumours = {r.window: r for r in Rumour.objects.filter(player=survivor)}
    assert set(rumours) == {"2025-summer", "2025-26-winter"}
    summer = rumours["2025-summer"]
    assert (summer.claim_count, summer.stage) == (2, "agreement")
    assert (summer.first_reported, summer.last_reported) == (dt.date(2025, 7, 1), dt.date(2025, 8, 20))
    assert Rumour.objects.count() == 2
    assert all(c.rumour.player_id == c.player_id == survivor.pk for c in Claim.objects.all())


def test_an_alias_both_have_stays_once_and_a_tombstone_stands() -> None:
    survivor = PlayerFactory(name="Vinícius Júnior", aliases=["Vini Jr."])
    PlayerAlias.objects.create(player=survivor, name="Vinicius", deleted_by_editor=True)
    duplicate = PlayerFactory(name="Vini Jr", aliases=["Vinicius"])

    players_merge(survivor=survivor, duplicate=duplicate)

    assert survivor.aliases.filter(normalized="vini jr").count() == 1
    assert survivor.aliases.get(normalized="vinicius").deleted_by_editor


def test_the_survivor_keeps_his_facts_and_fills_blanks_from_the_duplicate() -> None:
    club = ClubFactory(name="Bayern")
    survivor = PlayerFactory(name="Harry Kane", status=PlayerStatus.CANDIDATE, position="FW")
    duplicate = PlayerFactory(name="H. Kane", club=club, position="MF", nationality="ENG")

    players_merge(survivor=survivor, duplicate=duplicate)

    survivor.refresh_from_db()
    assert (survivor.position, survivor.club, survivor.nationality) == ("FW", club, "ENG")
    assert survivor.status == PlayerStatus.VERIFIED


def test_a_player_is_not_merged_into_himself() -> None:
    player = PlayerFactory()
    with pytest.raises(EditError):
        players_merge(survivor=player, duplicate=player)
    assert Player.objects.filter(pk=player.pk).exists()


def test_a_reload_does_not_bring_a_merged_seed_player_back(tmp_path: Path) -> None:
    (tmp_path / "players").mkdir()
    lines = [
        {"name": "Kim Min-jae", "known_as": ["Kim"], "club": None},
        {"name": "Min-jae Kim", "known_as": ["Minjae"], "club": None},
    ]
    (tmp_path / "players" / "k.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    kb_load(data_dir=tmp_path)
    survivor, duplicate = Player.objects.get(name="Kim Min-jae"), Player.objects.get(name="Min-jae Kim")

    players_merge(survivor=survivor, duplicate=duplicate)
    report = kb_load(data_dir=tmp_path)

    assert list(Player.objects.values_list("name", flat=True)) == ["Kim Min-jae"]
    assert report.tallies["Player"].created == 0
    assert set(survivor.aliases.values_list("name", flat=True)) >= {"Kim", "Minjae", "Min-jae Kim"}
    assert report.changed == 0
    assert set(survivor.aliases.values_list("source", flat=True)) <= {Source.EDITORIAL, Source.EDITOR}
