"""What a watchlist's private feed holds: the claims about everything one account follows."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from articles.models import Article, Claim
from following.models import Follow
from players.models import Player


def watchlist_claims(*, user: Any) -> QuerySet[Claim]:
    """The live claims about the players, clubs and outlets the account follows, unordered; none if it follows
    nothing. A club's are the claims its page lists in every direction: players coming, its players leaving,
    renewals and exits; an outlet's, what it published and what cites it."""
    followed = Follow.objects.of(user).ids()
    if not any(followed.values()):
        return Claim.objects.none()
    return Claim.objects.live().filter(_about_followed(followed["player"], followed["club"], followed["outlet"]))


def watchlist_page() -> str:
    """The watchlist's page, or this feed's own page until there is one."""
    try:
        return reverse("watchlist")
    except NoReverseMatch:
        return reverse("watchlist_feed_token")


def _about_followed(players: set[int], clubs: set[int], outlets: set[int]) -> Q:
    conditions = []
    if players:
        conditions.append(Q(player_id__in=players))
    if clubs:
        squads = Player.objects.filter(club_id__in=clubs).values("pk")
        conditions.append(Q(club_id__in=clubs) | Q(from_club_id__in=clubs) | Q(player_id__in=squads))
    if outlets:
        published = Article.objects.filter(outlet_id__in=outlets).values("pk")
        cited = Claim.cited.through.objects.filter(outlet_id__in=outlets).values("claim_id")
        conditions.append(Q(article__in=published) | Q(pk__in=cited))
    return reduce(or_, conditions)
