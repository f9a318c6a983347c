"""What a watchlist's private feed holds: the claims about everything one account follows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from articles.models import Claim
from following.models import Follow
from following.watchlist import followed_filter


def watchlist_claims(*, user: Any) -> QuerySet[Claim]:
    """The live claims about everything the account follows, as its watchlist page reads a follow (one definition,
    following/watchlist.py), the undated ones included; unordered, none if it follows nothing."""
    follows = list(Follow.objects.of(user))
    if not follows:
        return Claim.objects.none()
    return Claim.objects.live().filter(followed_filter(follows))
