"""The editors' merge page: pick the player who stays and the duplicate, check, and merge.

A merge moves claims, so this page lives on the articles side; players/urls.py routes /kb/players/merge/
here. Picking works with plain GET links (?survivor=&duplicate=&q=); the merge itself is a POST.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from players.forms import MergeForm
from players.kb_edit import EditError
from players.models import Player, PlayerAlias
from rumourtracker.htmx import HtmxHttpRequest, render_partial_or_page
from rumourtracker.roles import Role, role_required
from tagger.names import normalize_name

from .merge import players_merge

CHOICES = 20


def _with_counts(players: QuerySet[Player]) -> QuerySet[Player]:
    return players.select_related("club").annotate(
        claim_count=Count("claims", distinct=True),
        rumour_count=Count("rumours", distinct=True),
        alias_count=Count("aliases", filter=Q(aliases__deleted_by_editor=False), distinct=True),
    )


def _picked(request: HtmxHttpRequest, name: str) -> Player | None:
    value = request.GET.get(name, "")
    return _with_counts(Player.objects.filter(pk=value)).first() if value.isdigit() else None


def _choices(q: str, exclude: list[int]) -> list[Player]:
    if not q.strip():
        return []
    aliases = PlayerAlias.objects.active().filter(normalized__contains=normalize_name(q))
    found = Player.objects.filter(Q(name__icontains=q) | Q(pk__in=aliases.values("player_id"))).exclude(pk__in=exclude)
    return list(_with_counts(found).order_by("name")[:CHOICES])


@role_required(Role.STAFF)
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def player_merge(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _merge(request)
    survivor, duplicate = _picked(request, "survivor"), _picked(request, "duplicate")
    q = request.GET.get("q", "")
    context = {
        "survivor": survivor,
        "duplicate": duplicate,
        "q": q,
        "choices": _choices(q, [p.pk for p in (survivor, duplicate) if p]),
        "form": MergeForm(initial={"survivor": survivor, "duplicate": duplicate}),
    }
    return render_partial_or_page(request, "players/player_merge.html", context, "merge-picker")


def _merge(request: HtmxHttpRequest) -> HttpResponse:
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or "Choose two players.")
        return redirect("kb_player_merge")
    survivor, duplicate = form.cleaned_data["survivor"], form.cleaned_data["duplicate"]
    name = duplicate.name
    try:
        players_merge(survivor=survivor, duplicate=duplicate)
    except EditError as exc:
        messages.error(request, str(exc))
        return redirect("kb_player_merge")
    messages.success(request, f"Merged {name} into {survivor.name}.")
    return redirect("kb_player_detail", pk=survivor.pk)
