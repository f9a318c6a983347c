"""Personal tokens in the Authorization header: `Authorization: Bearer rt_…`.

The token's user comes with whether they are an editor (as rumourtracker.roles.EditorFlagBackend loads a
signed-in user), so asking for the role costs no query of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from rumourtracker.roles import editor_flag

from .models import ApiToken, token_hash

KEYWORD = "Bearer"
# last_used_at is written at most this often per token: reading the API costs no write per request.
USED_EVERY = dt.timedelta(minutes=5)


class PersonalTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() not in ("bearer", "token"):
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Give the token as `Authorization: Bearer <token>`.")
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("This token is not one of ours.") from exc
        found = (
            ApiToken.objects.select_related("user")
            .annotate(user_is_editor=editor_flag("user_id"))
            .filter(key_hash=token_hash(token))
            .first()
        )
        if found is None or not found.user.is_active:
            raise exceptions.AuthenticationFailed("This token is unknown or was revoked.")
        found.user.in_editors_group = found.user_is_editor  # type: ignore[attr-defined]
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user, found

    def authenticate_header(self, request: Request) -> str:
        return f'{KEYWORD} realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "api.auth.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token made on /api/token/ (editors' tokens may write).",
        }
