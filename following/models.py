"""What each account follows: a player, a club, or an outlet (journalists are outlets of kind journalist)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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

    def ids(self) -> dict[str, set[int]]:
        """The followed ids by kind: {"player": {...}, "club": {...}, "outlet": {...}} (one query)."""
        found: dict[str, set[int]] = {field: set() for field in TARGET_FIELDS}
        for player_id, club_id, outlet_id in self.values_list("player_id", "club_id", "outlet_id"):
            for field, pk in zip(TARGET_FIELDS, (player_id, club_id, outlet_id), strict=True):
                if pk is not None:
                    found[field].add(pk)
        return found

    def follows(self, user: Any, target: Target) -> bool:
        """Whether the account follows the target: read from the shared cache (pages that show a follow button
        spend no query on it), filled from the database on a miss."""
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        return target.pk in followed_ids(user)[target_field(target)]

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


# Each account's followed ids, kept in the shared cache and dropped whenever one of its follows is saved or
# deleted (a bulk_create or a raw update would bypass this; nothing here does either). The key holds the moment
# the account was made, so a database made anew never reads another account's ids under a reused id.
# Filled at sign-in, so a page's follow button costs no query; kept as long as a session lasts.
FOLLOWED_IDS_SECONDS = 14 * 24 * 3600


def _followed_ids_key(user: Any) -> str:
    joined = getattr(user, "date_joined", None)
    return f"following:ids:{user.pk}:{joined.timestamp() if joined else ''}"


def followed_ids(user: Any) -> dict[str, set[int]]:
    """{"player": {...}, "club": {...}, "outlet": {...}} of a signed-in account, from the cache when it can."""
    key = _followed_ids_key(user)
    found: dict[str, set[int]] | None = cache.get(key)
    if found is None:
        found = Follow.objects.filter(user=user).ids()
        cache.set(key, found, FOLLOWED_IDS_SECONDS)
    return found


@receiver(user_logged_in)
def followed_ids_load(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    followed_ids(user)


@receiver(post_save, sender=Follow)
@receiver(post_delete, sender=Follow)
def followed_ids_forget(sender: type[Follow], instance: Follow, **kwargs: Any) -> None:
    try:
        user = instance.user
    except ObjectDoesNotExist:  # the account itself is being deleted
        return
    cache.delete(_followed_ids_key(user))
