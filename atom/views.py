"""The Atom feeds next to their pages: each lists what its page lists, with the page's own filter code, newest
claims first (atom/feeds.py writes them); a reader that sends back the ETag it was given gets a 304 when nothing
changed. Readers' feeds answer whom the pages answer; the private watchlist feed opens to its secret token
alone, for feed readers have no session."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import conditional_page, require_GET, require_http_methods

from articles.models import Claim, Rumour
from articles.pages import filters
from articles.pages.views import DIRECTIONS, club_claims, outlet_claims, query_without
from articles.rumours.timeline import window_label
from players.models import Club, Outlet, Player
from rumourtracker.roles import Role, role_required

from .feeds import ClaimFeed, Subject
from .models import FeedToken, feed_token_renew, feed_token_revoke
from .watchlist import watchlist_claims


def _feed(request: HttpRequest, subject: Subject) -> HttpResponse:
    response = ClaimFeed()(request, subject=subject)
    # The feed sets Last-Modified to its newest entry's date, but a claim from an older article is news too:
    # the ETag (of the content) alone tells a reader whether anything changed.
    del response["Last-Modified"]
    return response


def _with_query(path: str, request: HttpRequest) -> str:
    """The page's path with the feed's own query string: the feed of a filtered list names the same list."""
    query = query_without(request, "page", "format")
    return f"{path}?{query}" if query else path


def _described(form: filters.FilterForm, chosen: filters.Chosen) -> str:
    """The filters in use, in words: "club Juventus, kind Bid, from 2025-06-01"."""
    parts = []
    for name, field in form.fields.items():
        value = filters.cleaned(form, name)
        if not value:
            continue
        if name in form.name_fields:
            value = getattr(chosen, name)
        elif isinstance(field, forms.ChoiceField):
            value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
        parts.append(f"{(field.label or name).lower()} {value}")
    return ", ".join(parts)


def _questions_refused(request: HttpRequest, chosen: filters.Chosen, page: str) -> HttpResponse | None:
    """A name in the query that is several things or none: the page asks which; the feed says so, never guesses."""
    if not chosen.questions:
        return None
    question = chosen.questions[0]
    what = "several things" if question.ambiguous else "nothing we know"
    address = request.build_absolute_uri(_with_query(page, request))
    message = (
        f"The {question.field} “{question.typed}” names {what}, so this feed would guess. "
        f"Pick one on {address}: the page's Atom feed link then names it exactly.\n"
    )
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


@role_required(Role.READER)
@require_GET
@conditional_page
def player_feed(request: HttpRequest, pk: int) -> HttpResponse:
    player = get_object_or_404(Player, pk=pk)
    subject = Subject(
        title=f"{player}",
        subtitle=f"Transfer, renewal and exit claims about {player}.",
        page=reverse("player_detail", args=[player.pk]),
        claims=Claim.objects.for_player(player).live(),
    )
    return _feed(request, subject)


@role_required(Role.READER)
@require_GET
@conditional_page
def rumour_feed(request: HttpRequest, pk: int) -> HttpResponse:
    rumour = get_object_or_404(Rumour.objects.select_related("player", "club"), pk=pk)
    label = window_label(rumour.window)
    subject = Subject(
        title=f"{rumour.player} → {rumour.club}, {label}",
        subtitle=f"The claims of one rumour: {rumour.player} and {rumour.club}, {label}.",
        page=reverse("rumour_detail", args=[rumour.pk]),
        claims=Claim.objects.filter(rumour=rumour).live(),
    )
    return _feed(request, subject)


def _filtered_feed(
    request: HttpRequest,
    form_class: type[filters.AnyFilterForm],
    page: str,
    subject: tuple[str, str],
    claims: Callable[[filters.AnyFilterForm, filters.Chosen], QuerySet[Claim]],
) -> HttpResponse:
    """The feed of a filtered list: the page's form reads the query, the page's function picks the claims."""
    form = filters.bound(form_class, request.GET)
    chosen = filters.chosen_from(form)
    if refused := _questions_refused(request, chosen, page):
        return refused
    described = _described(form, chosen)
    title, subtitle = subject
    title += f" ({described})" if described else ""
    return _feed(request, Subject(title, subtitle, _with_query(page, request), claims(form, chosen)))


@role_required(Role.READER)
@require_GET
@conditional_page
def club_feed(request: HttpRequest, key: str) -> HttpResponse:
    club = get_object_or_404(Club, key=key)
    directions = dict(DIRECTIONS)
    direction = request.GET.get("direction") or "incoming"
    direction = direction if direction in directions else "incoming"  # as the page reads an unknown one
    return _filtered_feed(
        request,
        filters.ClubClaimFilterForm,
        reverse("club_detail", args=[club.key]),
        (f"{club}: {directions[direction].lower()}", f"{directions[direction]} of {club}, as its page lists them."),
        lambda form, chosen: filters.claims_filtered(club_claims(club, direction), form, chosen),
    )


@role_required(Role.READER)
@require_GET
@conditional_page
def outlet_feed(request: HttpRequest, pk: int) -> HttpResponse:
    outlet = get_object_or_404(Outlet, pk=pk)
    return _filtered_feed(
        request,
        filters.OutletClaimFilterForm,
        reverse("outlet_detail", args=[outlet.pk]),
        (f"{outlet}", f"Claims {outlet} published, and claims citing {outlet}."),
        lambda form, chosen: filters.claims_filtered(outlet_claims(outlet), form, chosen),
    )


@role_required(Role.READER)
@require_GET
@conditional_page
def article_list_feed(request: HttpRequest) -> HttpResponse:
    return _filtered_feed(
        request,
        filters.ArticleFilterForm,
        reverse("article_list"),
        ("Articles", "The claims of the articles the article list shows for this filter."),
        filters.article_list_claims,
    )


# --- the private watchlist feed -----------------------------------------------------------


@role_required(Role.PUBLIC)
@require_GET
@conditional_page
def watchlist_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The newest claims of everything the token's account follows. A wrong or revoked token is a 404."""
    found = FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404("No such feed.")
    user = found.user
    subject = Subject(
        title=f"{user.get_username()}'s watchlist",
        subtitle="The players, clubs, outlets and journalists you follow.",
        page=reverse("watchlist"),
        claims=watchlist_claims(user=user),
    )
    response = _feed(request, subject)
    response["Cache-Control"] = "private, no-store"  # a shared cache must not keep one person's feed
    response["X-Robots-Tag"] = "noindex"
    return response


@role_required(Role.MEMBER)
@require_http_methods(["GET", "POST"])
def watchlist_feed_token(request: HttpRequest) -> HttpResponse:
    """The account's private feed address; POST makes a new one (the old stops at once) or, to revoke, none."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feed_token_revoke(user=request.user)
            messages.success(request, "Your private feed is closed: its address answers nothing now.")
        else:
            feed_token_renew(user=request.user)
            messages.success(request, "Your private feed has a new address; the old one answers nothing now.")
        return redirect("watchlist_feed_token")
    found = FeedToken.objects.filter(user_id=request.user.pk).first()  # type: ignore[misc]  # a member: never None
    address = request.build_absolute_uri(reverse("watchlist_feed", args=[found.token])) if found else ""
    return render(request, "atom/watchlist_feed_token.html", {"token": found, "address": address})
