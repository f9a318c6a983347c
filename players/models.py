"""The knowledge base: clubs, players and outlets, each with every name it goes by."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Exists, OuterRef, Q

from tagger.names import normalize_name

from .kb_files import league_names


class Source(models.TextChoices):
    OPENFOOTBALL = "openfootball", "openfootball (CC0)"
    EDITORIAL = "editorial", "Editorial seed"
    EDITOR = "editor", "Added by an editor"
    TAGGER = "tagger", "Found by the tagger"


class AliasKind(models.TextChoices):
    OFFICIAL = "official", "Official"
    SHORT = "short", "Short"
    NICKNAME = "nickname", "Nickname"
    EXONYM = "exonym", "Exonym"


class AliasQuerySet(models.QuerySet):
    def active(self) -> AliasQuerySet:
        return self.filter(deleted_by_editor=False)


class AliasBase(models.Model):
    """A name something goes by. An editor's deletion is a tombstone, so a reload cannot revive it."""

    name = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.EDITOR)
    deleted_by_editor = models.BooleanField(default=False)

    objects = AliasQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class NamedQuerySet(models.QuerySet):
    """Finding a club, player or outlet by its exact name (the upload's outlets; players/resolve.py builds the
    filters' and forms' questions on it). Each model has `aliases` (its own name among them, once loaded); `preferred`
    orders several equal matches."""

    preferred: tuple[str, ...] = ("pk",)

    def named(self, name: str) -> Any:
        """The one that goes by exactly this name (its name, or an alias, case and accents aside), else None."""
        name = name.strip()
        return self.filter(self.goes_by(name)).order_by(*self.preferred).first() if name else None

    def goes_by(self, name: str) -> Q:
        alias = self.model._default_manager.filter(
            pk=OuterRef("pk"), aliases__normalized=normalize_name(name), aliases__deleted_by_editor=False
        )
        return Q(name__iexact=name) | Q(Exists(alias))


class ClubQuerySet(NamedQuerySet):
    # Of several clubs that go by one name, the one in the news more often.
    preferred = ("-prominence", "pk")

    def goes_by(self, name: str) -> Q:
        return Q(key=name) | super().goes_by(name)  # a key ("it/juventus"), as links write it


class Club(models.Model):
    key = models.CharField(max_length=120, unique=True, help_text="Country code / slug, e.g. it/juventus")
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=8, blank=True)
    city = models.CharField(max_length=120, blank=True)
    league = models.CharField(max_length=20, blank=True, db_index=True, help_text="2025-26 league code")
    prominence = models.PositiveSmallIntegerField(default=1, help_text="1-5: how often it is in transfer news")
    reserve_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reserves")
    # Claims in the 30 days up to the newest dated claim; stored by `manage.py activity_refresh` (a periodic
    # task), so lists sort by it without counting per request.
    recent_claims = models.PositiveIntegerField(default=0, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.OPENFOOTBALL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClubQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(prominence__gte=1, prominence__lte=5), name="club_prominence_1_to_5"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def league_name(self) -> str:
        return league_names().get(self.league, self.league)


class ClubAlias(AliasBase):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="aliases")
    language = models.CharField(max_length=8, blank=True)
    kind = models.CharField(max_length=20, choices=AliasKind.choices, default=AliasKind.SHORT)
    ambiguous = models.BooleanField(default=False, help_text="Several clubs go by this name")

    class Meta:
        verbose_name_plural = "club aliases"
        constraints = [
            models.UniqueConstraint(fields=["club", "normalized"], name="club_alias_unique"),
            models.CheckConstraint(condition=Q(kind__in=AliasKind.values), name="club_alias_kind_valid"),
            models.CheckConstraint(condition=Q(source__in=Source.values), name="club_alias_source_valid"),
        ]
        indexes = [GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="club_alias_trigram")]


class PlayerStatus(models.TextChoices):
    VERIFIED = "verified", "Verified"
    CANDIDATE = "candidate", "Candidate"


class PlayerQuerySet(NamedQuerySet):
    # Of several players who go by one name, a verified one before candidates ("verified" sorts after).
    preferred = ("-status", "pk")

    def verified(self) -> PlayerQuerySet:
        return self.filter(status=PlayerStatus.VERIFIED)

    def candidates(self) -> PlayerQuerySet:
        return self.filter(status=PlayerStatus.CANDIDATE)


class Player(models.Model):
    name = models.CharField(max_length=200, db_index=True)
    club = models.ForeignKey(Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="players")
    club_as_of = models.DateField(null=True, blank=True, help_text="The date the club is as of")
    position = models.CharField(
        max_length=2, blank=True, choices=[("GK", "GK"), ("DF", "DF"), ("MF", "MF"), ("FW", "FW")]
    )
    nationality = models.CharField(max_length=3, blank=True)
    born = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=PlayerStatus.choices, default=PlayerStatus.CANDIDATE)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.EDITOR)
    evidence = models.TextField(
        blank=True, help_text="For a candidate: the text that made the tagger think he is a player"
    )
    # Which seed-file entries this player is (normalized seed names); a merge hands them to the survivor so
    # that a reload updates the survivor instead of bringing the duplicate back.
    seed_keys = ArrayField(models.CharField(max_length=200), default=list, blank=True, editable=False)
    # Claims in the 30 days up to the newest dated claim; stored by `manage.py activity_refresh` (a periodic
    # task), so lists sort by it without counting per request.
    recent_claims = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlayerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PlayerStatus.values), name="player_status_valid"),
            models.CheckConstraint(condition=Q(source__in=Source.values), name="player_source_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class PlayerAlias(AliasBase):
    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "player aliases"
        constraints = [models.UniqueConstraint(fields=["player", "normalized"], name="player_alias_unique")]
        indexes = [GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="player_alias_trigram")]


class PlayerClubSpell(models.Model):
    """A player's club over a stretch of time, from a source: an article of 2014 is read against his club in
    2014. A squad list shows the club on one day; the spell runs until the next list shows another club,
    or for the season after that day."""

    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="club_spells")
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="player_spells")
    since = models.DateField()
    until = models.DateField(help_text="The first day he is no longer known to be at the club")
    source = models.CharField(max_length=300, help_text="The data set, file and squad the spell comes from")

    class Meta:
        ordering = ["player", "since"]
        constraints = [
            models.UniqueConstraint(fields=["player", "since"], name="player_club_spell_unique"),
            models.CheckConstraint(condition=Q(until__gt=models.F("since")), name="player_club_spell_forward"),
        ]

    def __str__(self) -> str:
        return f"{self.player} at {self.club} {self.since}..{self.until}"


class OutletKind(models.TextChoices):
    PUBLISHER = "publisher", "Publisher"
    JOURNALIST = "journalist", "Journalist"


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OutletKind.choices, default=OutletKind.PUBLISHER)
    language = models.CharField(max_length=8, blank=True)
    country = models.CharField(max_length=8, blank=True)
    works_for = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="journalists")
    status = models.CharField(max_length=20, choices=PlayerStatus.choices, default=PlayerStatus.VERIFIED)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.EDITOR)
    # Claims in the 30 days up to the newest dated claim; stored by `manage.py activity_refresh` (a periodic
    # task), so lists sort by it without counting per request.
    recent_claims = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NamedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OutletKind.values), name="outlet_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=PlayerStatus.values), name="outlet_status_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class OutletAlias(AliasBase):
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="aliases")
    case_sensitive = models.BooleanField(default=False, help_text="The name is also an ordinary word (AS, Sport)")

    class Meta:
        verbose_name_plural = "outlet aliases"
        constraints = [models.UniqueConstraint(fields=["outlet", "normalized"], name="outlet_alias_unique")]
        indexes = [GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="outlet_alias_trigram")]


class OutletDomain(models.Model):
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=200, unique=True)

    def __str__(self) -> str:
        return self.domain
