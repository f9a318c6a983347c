"""Rate limits of the API, counted in the shared Redis cache (the default cache) so every web process sees them.

Anonymous clients count by address, read as the sign-in throttle reads it (rumourtracker/signin.py: the
X-Forwarded-For header only behind TRUSTED_PROXY_COUNT proxies); accounts count by user. The rates are
settings (API_ANON_RATE, API_USER_RATE). Uploads also count in the upload page's hourly limit (api/views.py).
"""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from rumourtracker.signin import client_address

CACHE_FORMAT = "api-throttle:%(scope)s:%(ident)s"


class ApiThrottle:
    """The rate as the settings say now (DRF reads them once, at import), and the client's address as
    rumourtracker/signin.py reads it."""

    scope: str
    cache_format = CACHE_FORMAT

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)  # type: ignore[no-any-return]

    def get_ident(self, request: Request) -> str:
        return client_address(request)  # type: ignore[arg-type]


class AnonThrottle(ApiThrottle, AnonRateThrottle):
    """Anonymous requests, by address."""


class UserThrottle(ApiThrottle, UserRateThrottle):
    """Requests of an account, by user, whatever address they come from."""
