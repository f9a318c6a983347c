"""Follow: exactly one target, once per account and target."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from following.models import Follow
from tests.factories import ClubFactory, OutletFactory, PlayerFactory

pytestmark = pytest.mark.django_db


def test_follow_is_idempotent_and_of_lists_one_accounts_follows() -> None:
    ana, ben = User.objects.create_user("ana"), User.objects.create_user("ben")
    player, club, outlet = PlayerFactory(), ClubFactory(), OutletFactory(kind="journalist")
    Follow.objects.follow(ana, player)
    Follow.objects.follow(ana, player)
    Follow.objects.follow(ana, club)
    Follow.objects.follow(ana, outlet)
    Follow.objects.follow(ben, player)
    assert Follow.objects.of(ana).count() == 3
    assert Follow.objects.of(ana).ids() == {"player": {player.pk}, "club": {club.pk}, "outlet": {outlet.pk}}
    assert {f.kind for f in Follow.objects.of(ana)} == {"player", "club", "outlet"}
    assert Follow.objects.follows(ben, player) and not Follow.objects.follows(ben, club)
    Follow.objects.unfollow(ana, player)
    assert not Follow.objects.follows(ana, player) and Follow.objects.follows(ben, player)


def test_anonymous_follows_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert list(Follow.objects.of(AnonymousUser())) == []


def test_exactly_one_target() -> None:
    user = User.objects.create_user("ana")
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user, player=PlayerFactory(), club=ClubFactory())


def test_one_follow_per_account_and_target() -> None:
    user, club = User.objects.create_user("ana"), ClubFactory()
    Follow.objects.create(user=user, club=club)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user, club=club)
