"""Follow and unfollow a player, club or outlet (one click, htmx or a plain form), and the watchlist page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from rumourtracker.htmx import HtmxHttpRequest
from rumourtracker.roles import Role, role_required

from .models import Follow, Target, target_field, target_label, target_url
from .targets import target_get
from .watchlist import CLAIMS_PER_PAGE, followed_claims, followed_stage_changes, follows_grouped


@role_required(Role.MEMBER)
@require_POST
def follow(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponseBase:
    return _set(request, target_get(kind, pk), following=True)


@role_required(Role.MEMBER)
@require_POST
def unfollow(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponseBase:
    return _set(request, target_get(kind, pk), following=False)


def _set(request: HtmxHttpRequest, target: Target, following: bool) -> HttpResponseBase:
    """Follows or unfollows; then, to htmx, the button again in its new state, to a plain form, back to the page
    it was on."""
    if following:
        Follow.objects.follow(request.user, target)
    else:
        Follow.objects.unfollow(request.user, target)
    back = _safe_next(request) or target_url(target)
    if request.htmx:
        context = {
            "target": target,
            "kind": target_field(target),
            "label": target_label(target),
            "signed_in": True,
            "following": following,
            "next": back,
        }
        return render(request, "following/button.html", context)
    return redirect(back)


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed else ""


@role_required(Role.MEMBER)
@require_GET
def watchlist(request: HttpRequest) -> HttpResponse:
    follows = list(Follow.objects.of(request.user).select_related("player", "club", "outlet"))
    groups = follows_grouped(follows)
    page = Paginator(followed_claims(follows), CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "groups": groups,
        "follows": follows,
        "page": page,
        "stage_changes": followed_stage_changes(follows) if follows else [],
    }
    return render(request, "following/watchlist.html", context)
