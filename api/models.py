"""Personal API tokens: made and revoked by their owner on /api/token/. Only a hash of each is stored; the
token itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

PREFIX = "rt_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def make(self, *, user: object, name: str) -> tuple[ApiToken, str]:
        """A new token for `user`: the stored row and the token itself (never stored, shown once)."""
        token = PREFIX + secrets.token_urlsafe(32)
        row = self.create(user=user, name=name[:100], key_hash=token_hash(token), shown=token[: len(PREFIX) + 6])
        return row, token


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What the owner uses it for")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    shown = models.CharField(max_length=20, editable=False, help_text="The token's first characters, to tell it apart")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.shown}… ({self.name or 'unnamed'})"
