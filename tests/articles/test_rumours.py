from __future__ import annotations

import datetime as dt

import pytest

from articles.models import Article, Kind, Stage, Track, transfer_window
from articles.rumours.refresh import rumour_refresh
from tests.factories import ArticleFactory, ClubFactory, PlayerFactory


@pytest.mark.parametrize(
    ("day", "window"),
    [
        (dt.date(2025, 4, 1), "2025-summer"),
        (dt.date(2025, 9, 30), "2025-summer"),
        (dt.date(2025, 10, 1), "2025-26-winter"),
        (dt.date(2026, 3, 31), "2025-26-winter"),
        (dt.date(2019, 1, 15), "2018-19-winter"),
    ],
)
def test_it_puts_each_date_in_its_transfer_window(day: dt.date, window: str) -> None:
    assert transfer_window(day) == window


def claim_add(rumour_player, club, kind: str, day: dt.date, **extra):  # type: ignore[no-untyped-def]
    from articles.models import Claim
    from articles.rumours.refresh import rumour_for

    article: Article = ArticleFactory.create(published=day)
    rumour = rumour_for(player=rumour_player, club=club, kind=kind, reported_on=day)
    return Claim.objects.create(article=article, rumour=rumour, player=rumour_player, club=club, kind=kind, **extra)


@pytest.mark.django_db
def test_a_rumour_reaches_the_most_advanced_stage_claimed() -> None:
    player, club = PlayerFactory(), ClubFactory()
    claim_add(player, club, Kind.INTEREST, dt.date(2025, 6, 1))
    claim_add(player, club, Kind.BID, dt.date(2025, 6, 10))
    last = claim_add(player, club, Kind.TALKS, dt.date(2025, 6, 20))
    rumour = rumour_refresh(rumour=last.rumour)
    assert rumour is not None
    assert rumour.stage == Stage.BID
    assert (rumour.first_reported, rumour.last_reported) == (dt.date(2025, 6, 1), dt.date(2025, 6, 20))
    assert rumour.claim_count == 3


@pytest.mark.django_db
def test_a_later_denial_closes_the_rumour_but_an_earlier_one_does_not() -> None:
    player, club = PlayerFactory(), ClubFactory()
    claim_add(player, club, Kind.TALKS, dt.date(2025, 7, 1))
    denial = claim_add(player, club, Kind.DENIAL, dt.date(2025, 7, 5))
    assert rumour_refresh(rumour=denial.rumour).stage == Stage.DENIED  # type: ignore[union-attr]
    revived = claim_add(player, club, Kind.AGREEMENT, dt.date(2025, 7, 9))
    assert rumour_refresh(rumour=revived.rumour).stage == Stage.AGREEMENT  # type: ignore[union-attr]


@pytest.mark.django_db
def test_stories_of_different_windows_are_different_rumours() -> None:
    player, club = PlayerFactory(), ClubFactory()
    old = claim_add(player, club, Kind.INTEREST, dt.date(2019, 7, 1))
    new = claim_add(player, club, Kind.INTEREST, dt.date(2025, 7, 1))
    assert old.rumour_id != new.rumour_id


@pytest.mark.django_db
def test_renewals_and_exits_are_tracks_of_their_own() -> None:
    player, club = PlayerFactory(), ClubFactory()
    interest = claim_add(player, club, Kind.INTEREST, dt.date(2025, 7, 1))
    renewal = claim_add(player, club, Kind.RENEWAL, dt.date(2025, 7, 2))
    assert interest.rumour_id != renewal.rumour_id
    assert renewal.rumour.track == Track.RENEWAL
    assert rumour_refresh(rumour=renewal.rumour).stage == Stage.RENEWAL  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_story_cited_from_one_outlet_counts_as_one_source() -> None:
    from tests.factories import OutletFactory

    player, club, origin = PlayerFactory(), ClubFactory(), OutletFactory(name="Origin Daily")
    first = claim_add(player, club, Kind.INTEREST, dt.date(2025, 7, 1))
    second = claim_add(player, club, Kind.INTEREST, dt.date(2025, 7, 2))
    first.cited.add(origin)
    second.cited.add(origin)
    third = claim_add(player, club, Kind.INTEREST, dt.date(2025, 7, 3))
    rumour = rumour_refresh(rumour=third.rumour)
    assert rumour is not None
    assert rumour.source_count == 2


@pytest.mark.django_db(transaction=True)
def test_two_transactions_adding_claims_to_one_rumour_at_once_both_count() -> None:
    """Two workers writing claims of one rumour: the second waits for the first, then counts both."""
    import threading
    import time

    from django.db import connection, transaction

    from articles.models import Claim
    from articles.rumours.refresh import rumour_for, rumours_refresh

    player, club, day = PlayerFactory.create(), ClubFactory.create(), dt.date(2025, 7, 1)
    rumour = rumour_for(player=player, club=club, kind=Kind.INTEREST, reported_on=day)
    articles = [ArticleFactory.create(published=day) for _ in range(2)]
    first_refreshed = threading.Event()

    def add_claim(article: Article, *, first: bool) -> None:
        try:
            if not first:
                first_refreshed.wait(timeout=10)
            with transaction.atomic():
                Claim.objects.create(article=article, rumour=rumour, player=player, club=club, kind=Kind.INTEREST)
                rumours_refresh(rumour_ids=[rumour.pk])
                if first:
                    first_refreshed.set()
                    time.sleep(0.5)  # the second transaction reaches its refresh before this one commits
        finally:
            connection.close()

    threads = [threading.Thread(target=add_claim, args=(a,), kwargs={"first": i == 0}) for i, a in enumerate(articles)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    rumour.refresh_from_db()
    assert rumour.claim_count == 2
