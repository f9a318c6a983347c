"""Staff's pages for the knowledge base: find, verify and rename players, edit their aliases.

Every page works without JavaScript (plain links, GET search, POST forms that redirect back); with
HTMX the same URLs return just the partial that changed. Merging lives in articles/editing/merge_views.py,
because a merge moves claims.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from rumourtracker.htmx import HtmxHttpRequest, render_partial_or_page, wants_partial
from rumourtracker.roles import Role, role_required
from tagger.names import normalize_name

from .forms import AliasForm, PlayerSearchForm, RenameForm
from .kb_edit import EditError, alias_delete, player_alias_add, player_rename, player_verify
from .models import Player, PlayerAlias, PlayerStatus

PAGE_SIZE = 50


def players_search(form: PlayerSearchForm) -> QuerySet[Player]:
    """Players matching the search, candidates first (they wait for an editor), then by name."""
    players = Player.objects.select_related("club").annotate(
        alias_count=Count("aliases", filter=Q(aliases__deleted_by_editor=False)),
        candidate_first=Case(
            When(status=PlayerStatus.CANDIDATE, then=Value(0)), default=1, output_field=IntegerField()
        ),
    )
    if not form.is_valid():
        return players.order_by("candidate_first", "name")
    data = form.cleaned_data
    if data["q"]:
        # A subquery, not a join: a join with aliases would multiply the alias count above.
        aliases = PlayerAlias.objects.active().filter(normalized__contains=normalize_name(data["q"]))
        players = players.filter(Q(name__icontains=data["q"]) | Q(pk__in=aliases.values("player_id")))
    if data["status"]:
        players = players.filter(status=data["status"])
    if data["club"]:
        players = players.filter(club=data["club"])
    return players.order_by("candidate_first", "name")


@role_required(Role.STAFF)
@require_GET
@vary_on_headers("HX-Request")
def player_list(request: HtmxHttpRequest) -> HttpResponse:
    form = PlayerSearchForm(request.GET)
    page = Paginator(players_search(form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render_partial_or_page(request, "players/player_list.html", context, "player-rows")


def _detail_context(player: Player, **forms: object) -> dict[str, object]:
    aliases = player.aliases.order_by("deleted_by_editor", "name")
    return {
        "player": player,
        "aliases": aliases,
        "rename_form": forms.get("rename_form") or RenameForm(initial={"name": player.name}),
        "alias_form": forms.get("alias_form") or AliasForm(),
        "claim_count": player.claims.count(),
        "rumour_count": player.rumours.count(),
    }


def _player(pk: int) -> Player:
    return get_object_or_404(Player.objects.select_related("club"), pk=pk)


@role_required(Role.STAFF)
@require_GET
@vary_on_headers("HX-Request")
def player_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return render(request, "players/player_detail.html", _detail_context(_player(pk)))


def _after_edit(request: HtmxHttpRequest, player: Player, partial: str, **forms: object) -> HttpResponse:
    """HTMX gets the partial that changed; a plain form post is redirected back to the page (no resubmit)."""
    if wants_partial(request, partial):
        context = {**_detail_context(player, **forms), "fragment": partial}
        return render(request, f"players/player_detail.html#{partial}", context)
    if forms:
        return render(request, "players/player_detail.html", _detail_context(player, **forms), status=400)
    return redirect("kb_player_detail", pk=player.pk)


@role_required(Role.STAFF)
@require_POST
def player_verify_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    player = player_verify(player=_player(pk))
    if request.htmx and request.POST.get("from") == "list":
        # The row's new status says it all; a message would linger until the next full page.
        return render(request, "players/player_list.html#player-status", {"player": player})
    messages.success(request, f"{player.name} is verified.")
    return _after_edit(request, player, "player-editor")


@role_required(Role.STAFF)
@require_POST
def player_rename_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    player = _player(pk)
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            old = player.name
            player_rename(player=player, name=form.cleaned_data["name"])
            messages.success(request, f"Renamed {old} to {player.name}; {old} stays an alias.")
            return _after_edit(request, _player(pk), "player-editor")
        except EditError as exc:
            form.add_error("name", str(exc))
    return _after_edit(request, player, "player-editor", rename_form=form)


@role_required(Role.STAFF)
@require_POST
def player_alias_add_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    player = _player(pk)
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            alias = player_alias_add(player=player, name=form.cleaned_data["name"])
            messages.success(request, f"Added the alias {alias.name}.")
            return _after_edit(request, player, "player-aliases")
        except EditError as exc:
            form.add_error("name", str(exc))
    return _after_edit(request, player, "player-aliases", alias_form=form)


@role_required(Role.STAFF)
@require_POST
def player_alias_delete_view(request: HtmxHttpRequest, pk: int, alias_pk: int) -> HttpResponse:
    player = _player(pk)
    alias = get_object_or_404(PlayerAlias, pk=alias_pk, player=player)
    alias_delete(alias=alias)
    messages.success(request, f"Deleted the alias {alias.name}; a reload of the seed files will not bring it back.")
    return _after_edit(request, player, "player-aliases")
