"""The secret that opens a watchlist's private feed to a feed reader, which has no session."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models


def token_new() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """One account's private feed token. Making a new one revokes the old at once; deleting it closes the feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    token = models.CharField(max_length=64, unique=True, default=token_new, editable=False)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Private feed of {self.user}"


def feed_token_renew(*, user: Any) -> FeedToken:
    """A new token for the account (the first, or one that replaces the old)."""
    token, _ = FeedToken.objects.update_or_create(user=user, defaults={"token": token_new()})
    return token


def feed_token_revoke(*, user: Any) -> None:
    FeedToken.objects.filter(user=user).delete()
