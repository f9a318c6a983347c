"""Sign-in throttling with django-axes: whose failures count, which limit locks, and what a locked visitor sees.

Failures are counted in the shared cache (Redis, see CACHES) per (username, client address) pair and per
client address, so every web process sees the same counts. A pair is locked after
SIGNIN_PAIR_FAILURE_LIMIT failures, an address after AXES_FAILURE_LIMIT, each for AXES_COOLOFF_TIME; a
locked pair keeps the same user free to sign in from anywhere else.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm
from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_client_cache_keys, get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html


def signin_name(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name a sign-in counts against (AXES_USERNAME_CALLABLE): what was typed in allauth's form's "login"
    field, a username or an e-mail address, case aside (allauth matches both without case). allauth hands
    Django's authenticate() `username` (and `email` when it looks like one), axes's own check `login`."""
    for source in (credentials or {}, request.POST):
        for field in ("login", "username", "email"):
            value = source.get(field)
            if value:
                return str(value).strip().lower()
    return ""


def client_address(request: HttpRequest) -> str:
    """The address of the client, as the outermost trusted proxy saw it.

    Each proxy appends the address it received the request from to X-Forwarded-For, so behind
    TRUSTED_PROXY_COUNT proxies the client is that many entries from the right; whatever stands further
    left was written by the client itself and is not believed. With no trusted proxy (the default) the
    header is ignored, so nobody can pose as another address to lock its users out.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    hops = settings.TRUSTED_PROXY_COUNT
    if hops == 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # A request that did not pass every trusted proxy (a shorter header) is judged by its own connection.
    return forwarded[-hops] if len(forwarded) >= hops else remote


class PairAndAddressLimits(AxesCacheHandler):
    """Axes's cache handler with a limit of its own for the (username, address) pair.

    Axes counts each of AXES_LOCKOUT_PARAMETERS under its own key but compares the highest count with one
    limit (AXES_FAILURE_LIMIT, here the address's). This handler reports a pair that reached its own,
    lower limit as having reached that one.
    """

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        pair_key, address_key = get_client_cache_keys(request, credentials)
        if self.cache.get(pair_key, 0) >= settings.SIGNIN_PAIR_FAILURE_LIMIT:
            return int(settings.AXES_FAILURE_LIMIT)
        return int(self.cache.get(address_key, 0))

    def user_login_failed(self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        # Axes decided against the address limit; the failure that reaches the pair's limit locks too,
        # so that very answer already says so.
        if request is not None and not self.is_whitelisted(request, credentials):
            request.axes_locked_out = request.axes_locked_out or self.is_locked(request, credentials)
            request.axes_credentials = credentials


def signin_locked(request: HttpRequest, original_response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """The sign-in page again, with why it refuses and for how long (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    next_url = request.POST.get("next", request.GET.get("next", ""))
    context = {
        "form": LoginForm(request=request, initial={"login": request.POST.get("login", "")}),
        "locked_minutes": minutes,
        "signup_url": reverse("account_signup"),
        "redirect_field": format_html('<input type="hidden" name="next" value="{}">', next_url) if next_url else "",
    }
    return render(request, "account/login.html", context, status=429)
