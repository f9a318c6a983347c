"""Follow and unfollow a player, club or outlet (one click, htmx or a plain form), and the watchlist page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from rumourtracker.back import next_url
from rumourtracker.htmx import HtmxHttpRequest
from rumourtracker.roles import Role, role_required

from .models import Follow, Target, target_url
from .targets import target_get
from .templatetags.follow_tags import button_context
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
    back = next_url(request) or target_url(target)
    if request.htmx:
        context = button_context(target, signed_in=True, following=following, next_url=back)
        return render(request, "following/button.html", context)
    return redirect(back)


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
