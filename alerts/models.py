"""E-mail alerts: each account's delivery, the scan's watermark, and one row per (account, event).

The row's unique (user, key) is what makes an event mailed at most once: a scan that runs twice, or two scans
at once, insert the same keys and the second insert does nothing. A row is marked sent only after the mail
went out; until then it is pending, and a failed send is tried again by the next scan.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "At once: one e-mail after each scan that finds something"
    DIGEST = "digest", "A daily digest"
    OFF = "off", "Off: no e-mail"


class AlertPreference(models.Model):
    """How one account gets its alerts. An account without a row gets them at once (the default)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preference")
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    # When the last digest went out (or the account chose the digest): the next one is due at the first digest
    # hour after it, and a digest that failed stays due until it is sent.
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(delivery__in=Delivery.values), name="alert_delivery_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"

    def delivery_change(self, delivery: str, *, now: dt.datetime) -> None:
        """Save a new choice. The first digest comes at the next digest hour; turning alerts off drops the
        events not yet sent (they would be stale by the time alerts are turned back on)."""
        if delivery == Delivery.DIGEST and self.delivery != Delivery.DIGEST:
            self.last_digest_at = now
        self.delivery = delivery
        self.save()
        if delivery == Delivery.OFF:
            AlertEvent.objects.pending().filter(user_id=self.user_id).delete()


def last_digest_hour(now: dt.datetime) -> dt.datetime:
    """The latest ALERTS_DIGEST_HOUR (local time) at or before `now`."""
    local = timezone.localtime(now)
    today = local.replace(hour=settings.ALERTS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return today if today <= local else today - dt.timedelta(days=1)


class ScanMark(models.Model):
    """How far the scan has read the claims, by (created_at, id): each scan reads only what came after."""

    name = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(null=True, blank=True)
    last_id = models.BigIntegerField(default=0)
    scanned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: up to claim {self.last_id}"


class EventKind(models.TextChoices):
    STAGE = "stage", "A rumour moved"
    LINK = "link", "A new link"
    PUBLISHED = "published", "A followed outlet published"


class AlertEventQuerySet(models.QuerySet):
    def pending(self) -> AlertEventQuerySet:
        return self.filter(sent_at__isnull=True)


class AlertEvent(models.Model):
    """One event for one account: what the mail says, and whether it went out."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_events")
    key = models.CharField(max_length=80, help_text="The event, the same however often it is found")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    line = models.TextField(help_text="What the mail says, e.g. Fikayo Tomori – Juventus: Talks → Bid")
    path = models.CharField(max_length=300, help_text="The page it links to, from the site's root")
    happened = models.DateField(null=True, blank=True, help_text="The date of the article")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    objects = AlertEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="alert_event_once"),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="alert_event_kind_valid"),
        ]
        indexes = [models.Index(fields=["user"], condition=Q(sent_at__isnull=True), name="alert_event_pending")]

    def __str__(self) -> str:
        return f"{self.user}: {self.line}"
