"""Rate limits of the API, counted in the shared Redis cache (the default cache) so every web process sees them.

Anonymous clients count by address, read as the sign-in throttle reads it (rumourtracker/signin.py: the
X-Forwarded-For header only behind TRUSTED_PROXY_COUNT proxies); accounts count by user. The rates are
settings (API_ANON_RATE, API_USER_RATE). Uploads also count in the upload page's hourly limit (api/views.py).
"""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from rumourtracker.signin import client_address

CACHE_FORMAT = "api-throttle:%(scope)s:%(ident)s"


class AnonThrottle(AnonRateThrottle):
    cache_format = CACHE_FORMAT

    def get_ident(self, request: Request) -> str:
        return client_address(request)  # type: ignore[arg-type]


class UserThrottle(UserRateThrottle):
    cache_format = CACHE_FORMAT

    def get_ident(self, request: Request) -> str:
        return client_address(request)  # type: ignore[arg-type]
