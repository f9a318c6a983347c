from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import (
    Claim,
    Kind,
    PlayerMove,
    Rumour,
    Settlement,
    Track,
    transfer_window,
    window_index,
    window_start,
)
from articles.rumours.outcomes import outcomes_settle, players_to_settle
from articles.rumours.refresh import rumour_for, rumours_refresh
from articles.tasks import settle_players_task
from players.models import Club, Player, PlayerClubSpell
from tests.factories import ArticleFactory, ClubFactory, PlayerFactory

TODAY = dt.date(2027, 1, 15)  # four windows after summer 2025: every 2025 rumour has had its two windows


def claim(player: Player, club: Club, kind: str, day: dt.date, **extra: str) -> Claim:
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=day)
    made = Claim.objects.create(
        article=ArticleFactory.create(published=day), rumour=rumour, player=player, club=club, kind=kind, **extra
    )
    rumours_refresh(rumour_ids=[rumour.pk])
    return made


def settled(player: Player, club: Club, window: str, today: dt.date = TODAY, track: str = Track.TRANSFER) -> Rumour:
    outcomes_settle(player_ids=[player.pk], today=today)
    return Rumour.objects.get(player=player, club=club, window=window, track=track)


@pytest.fixture
def link() -> tuple[Player, Club, Club]:
    return PlayerFactory.create(), ClubFactory.create(), ClubFactory.create()


@pytest.mark.django_db
def test_a_completed_move_in_the_next_window_fulfils_the_rumour(link: tuple[Player, Club, Club]) -> None:
    player, club, _ = link
    claim(player, club, Kind.TALKS, dt.date(2025, 7, 1))
    claim(player, club, Kind.COMPLETED, dt.date(2026, 1, 20))
    rumour = settled(player, club, "2025-summer")
    assert (rumour.outcome, rumour.settled_on, rumour.outcome_club_id) == (
        Settlement.FULFILLED,
        dt.date(2026, 1, 20),
        club.pk,
    )
    assert not rumour.outcome_stale


@pytest.mark.django_db
def test_a_move_an_editor_recorded_fulfils_the_rumour(link: tuple[Player, Club, Club]) -> None:
    player, club, _ = link
    claim(player, club, Kind.BID, dt.date(2025, 8, 1))
    PlayerMove.objects.create(player=player, to_club=club, on=dt.date(2025, 8, 30))
    assert settled(player, club, "2025-summer").outcome == Settlement.FULFILLED


@pytest.mark.django_db
def test_a_new_spell_in_the_knowledge_bases_dated_clubs_is_a_move(link: tuple[Player, Club, Club]) -> None:
    player, club, third = link
    claim(player, club, Kind.TALKS, dt.date(2025, 7, 1))
    PlayerClubSpell.objects.create(player=player, club=third, since=dt.date(2024, 8, 1), until=dt.date(2025, 8, 1))
    assert settled(player, club, "2025-summer", today=dt.date(2025, 7, 2)).outcome == Settlement.OPEN
    PlayerClubSpell.objects.create(player=player, club=club, since=dt.date(2025, 8, 1), until=dt.date(2026, 8, 1))
    assert settled(player, club, "2025-summer").outcome == Settlement.FULFILLED


@pytest.mark.django_db
def test_a_move_to_a_third_club_means_he_went_elsewhere(link: tuple[Player, Club, Club]) -> None:
    player, club, third = link
    claim(player, club, Kind.TALKS, dt.date(2025, 7, 1))
    claim(player, third, Kind.COMPLETED, dt.date(2025, 8, 15))
    rumour = settled(player, club, "2025-summer")
    assert (rumour.outcome, rumour.outcome_club_id) == (Settlement.ELSEWHERE, third.pk)
    assert settled(player, third, "2025-summer").outcome == Settlement.FULFILLED


@pytest.mark.django_db
def test_a_denial_with_no_revival_settles_it_as_denied(link: tuple[Player, Club, Club]) -> None:
    player, club, _ = link
    claim(player, club, Kind.INTEREST, dt.date(2025, 7, 1))
    claim(player, club, Kind.DENIAL, dt.date(2025, 7, 10))
    rumour = settled(player, club, "2025-summer", today=dt.date(2025, 7, 11))
    assert (rumour.outcome, rumour.settled_on) == (Settlement.DENIED, dt.date(2025, 7, 10))


@pytest.mark.django_db
def test_a_revival_after_a_denial_reopens_it_and_a_later_move_fulfils_it(link: tuple[Player, Club, Club]) -> None:
    player, club, _ = link
    claim(player, club, Kind.INTEREST, dt.date(2025, 7, 1))
    claim(player, club, Kind.DENIAL, dt.date(2025, 7, 10))
    claim(player, club, Kind.TALKS, dt.date(2025, 11, 2))
    assert settled(player, club, "2025-summer", today=dt.date(2025, 11, 3)).outcome == Settlement.OPEN
    claim(player, club, Kind.COMPLETED, dt.date(2026, 1, 30))
    assert settled(player, club, "2025-summer").outcome == Settlement.FULFILLED


@pytest.mark.django_db
def test_two_windows_without_news_lapse_it_and_a_move_after_that_is_a_new_fulfilment(
    link: tuple[Player, Club, Club],
) -> None:
    player, club, _ = link
    claim(player, club, Kind.TALKS, dt.date(2025, 7, 1))
    assert settled(player, club, "2025-summer", today=dt.date(2026, 3, 31)).outcome == Settlement.OPEN
    claim(player, club, Kind.COMPLETED, dt.date(2026, 7, 1))  # summer 2026: two windows later
    old = settled(player, club, "2025-summer")
    assert (old.outcome, old.settled_on) == (Settlement.LAPSED, dt.date(2026, 4, 1))
    assert settled(player, club, "2026-summer").outcome == Settlement.FULFILLED


@pytest.mark.django_db
def test_a_rumour_stays_open_while_its_windows_run(link: tuple[Player, Club, Club]) -> None:
    player, club, _ = link
    claim(player, club, Kind.AGREEMENT, dt.date(2025, 9, 1))
    rumour = settled(player, club, "2025-summer", today=dt.date(2025, 12, 1))
    assert (rumour.outcome, rumour.settled_on) == (Settlement.OPEN, None)
    assert rumour.lapses_on == dt.date(2026, 4, 1)


@pytest.mark.django_db
def test_a_renewal_story_settles_on_a_signed_renewal_or_a_move_away(link: tuple[Player, Club, Club]) -> None:
    player, club, other = link
    claim(player, club, Kind.RENEWAL, dt.date(2025, 5, 1))
    renewal = settled(player, club, "2025-summer", today=dt.date(2025, 5, 2), track=Track.RENEWAL)
    assert renewal.outcome == Settlement.OPEN
    claim(player, club, Kind.RENEWAL, dt.date(2025, 6, 1), contract_until="until 2029")
    assert settled(player, club, "2025-summer", track=Track.RENEWAL).outcome == Settlement.FULFILLED

    leaving = PlayerFactory.create()
    claim(leaving, club, Kind.RENEWAL, dt.date(2025, 5, 1))
    claim(leaving, other, Kind.COMPLETED, dt.date(2025, 8, 1))
    assert settled(leaving, club, "2025-summer", track=Track.RENEWAL).outcome == Settlement.ELSEWHERE


@pytest.mark.django_db
def test_an_exit_story_is_fulfilled_by_a_move_away_and_denied_by_a_renewal(link: tuple[Player, Club, Club]) -> None:
    player, club, other = link
    claim(player, club, Kind.EXIT, dt.date(2025, 5, 1))
    claim(player, other, Kind.COMPLETED, dt.date(2025, 8, 1))
    assert settled(player, club, "2025-summer", track=Track.EXIT).outcome == Settlement.FULFILLED

    staying = PlayerFactory.create()
    claim(staying, club, Kind.EXIT, dt.date(2025, 5, 1))
    claim(staying, club, Kind.RENEWAL, dt.date(2025, 6, 1), contract_until="2030")
    assert settled(staying, club, "2025-summer", track=Track.EXIT).outcome == Settlement.DENIED


@pytest.mark.django_db
def test_a_rejected_claim_settles_nothing(link: tuple[Player, Club, Club]) -> None:
    player, club, _ = link
    claim(player, club, Kind.TALKS, dt.date(2025, 7, 1))
    wrong = claim(player, club, Kind.COMPLETED, dt.date(2025, 7, 5))
    Claim.objects.filter(pk=wrong.pk).update(decision="rejected")
    assert settled(player, club, "2025-summer", today=dt.date(2025, 7, 6)).outcome == Settlement.OPEN


@pytest.mark.django_db
def test_new_claims_mark_the_rumour_for_settling_and_the_task_settles_it_idempotently(
    link: tuple[Player, Club, Club],
) -> None:
    player, club, _ = link
    today = timezone.localdate()  # the task settles as of today
    claim(player, club, Kind.TALKS, today)
    assert players_to_settle(today=today, limit=10) == [player.pk]
    assert settle_players_task.apply(args=[[player.pk]]).get() == 1
    assert players_to_settle(today=today, limit=10) == []
    first = Rumour.objects.values("outcome", "settled_on", "lapses_on").get(player=player)
    settle_players_task.apply(args=[[player.pk]]).get()
    assert Rumour.objects.values("outcome", "settled_on", "lapses_on").get(player=player) == first
    # Once its two windows have run, the open rumour is due again, to lapse.
    lapses_on = Rumour.objects.get(player=player).lapses_on
    assert lapses_on == window_start(window_index(transfer_window(today)) + 2)
    assert players_to_settle(today=lapses_on, limit=10) == [player.pk]


def test_windows_count_in_time_order() -> None:
    assert window_index("2025-26-winter") == window_index("2025-summer") + 1 == window_index("2026-summer") - 1
    assert window_start(window_index("2025-26-winter")) == dt.date(2025, 10, 1)
    assert window_start(window_index("2026-summer")) == dt.date(2026, 4, 1)
