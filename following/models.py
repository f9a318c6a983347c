"""What each account follows: a player, a club, or an outlet (journalists are outlets of kind journalist)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from players.models import Club, Outlet, Player

# The fields that name what is followed; exactly one of them is set on each follow.
TARGET_FIELDS = ("player", "club", "outlet")
Target = Player | Club | Outlet


def target_field(target: Target) -> str:
    """The Follow field that holds a target of this kind."""
    if isinstance(target, Player):
        return "player"
    if isinstance(target, Club):
        return "club"
    if isinstance(target, Outlet):
        return "outlet"
    raise TypeError(f"cannot follow a {type(target).__name__}")


def target_url(target: Target) -> str:
    """The page of a player, club or outlet."""
    if isinstance(target, Club):
        return reverse("club_detail", args=[target.key])
    return reverse(f"{target_field(target)}_detail", args=[target.pk])


def target_label(target: Target) -> str:
    """ "player", "club", "outlet" or "journalist": what the button and the watchlist call it."""
    if isinstance(target, Outlet):
        return str(target.kind)
    return target_field(target)


class FollowQuerySet(models.QuerySet):
    def of(self, user: Any) -> FollowQuerySet:
        """The follows of one account (none for an anonymous visitor)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def of_target(self, target: Target) -> FollowQuerySet:
        return self.filter(**{target_field(target): target})

    def players(self) -> FollowQuerySet:
        return self.filter(player__isnull=False)

    def clubs(self) -> FollowQuerySet:
        return self.filter(club__isnull=False)

    def outlets(self) -> FollowQuerySet:
        return self.filter(outlet__isnull=False)

    def ids(self) -> dict[str, set[int]]:
        """The followed ids by kind: {"player": {...}, "club": {...}, "outlet": {...}} (one query)."""
        found: dict[str, set[int]] = {field: set() for field in TARGET_FIELDS}
        for player_id, club_id, outlet_id in self.values_list("player_id", "club_id", "outlet_id"):
            for field, pk in zip(TARGET_FIELDS, (player_id, club_id, outlet_id), strict=True):
                if pk is not None:
                    found[field].add(pk)
        return found

    def follows(self, user: Any, target: Target) -> bool:
        return self.of(user).of_target(target).exists()

    def follow(self, user: Any, target: Target) -> Follow:
        """Follows the target (idempotent)."""
        lookup: dict[str, Any] = {"user": user, target_field(target): target}
        follow, _ = self.get_or_create(**lookup)
        assert isinstance(follow, Follow)
        return follow

    def unfollow(self, user: Any, target: Target) -> None:
        self.of(user).of_target(target).delete()


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    player = models.ForeignKey(Player, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    created = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(player__isnull=False, club__isnull=True, outlet__isnull=True)
                    | Q(player__isnull=True, club__isnull=False, outlet__isnull=True)
                    | Q(player__isnull=True, club__isnull=True, outlet__isnull=False)
                ),
                name="follow_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "player"], condition=Q(player__isnull=False), name="follow_unique_player"
            ),
            models.UniqueConstraint(
                fields=["user", "club"], condition=Q(club__isnull=False), name="follow_unique_club"
            ),
            models.UniqueConstraint(
                fields=["user", "outlet"], condition=Q(outlet__isnull=False), name="follow_unique_outlet"
            ),
        ]

    def __str__(self) -> str:
        # An unsaved follow (the admin's form) may name nothing yet.
        return f"{self.user_id and self.user} follows {self.player or self.club or self.outlet or 'nothing'}"

    @property
    def target(self) -> Target:
        target = self.player or self.club or self.outlet
        assert target is not None
        return target

    @property
    def kind(self) -> str:
        """ "player", "club" or "outlet"."""
        return next(field for field in TARGET_FIELDS if getattr(self, f"{field}_id") is not None)

    @property
    def url(self) -> str:
        return target_url(self.target)
