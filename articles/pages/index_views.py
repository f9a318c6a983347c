"""The index pages: every player, club and outlet (journalists among the outlets), paginated, sorted by name
or by activity (the stored counts of articles/pages/activity.py) and filtered by league, country, position or
language. Each page is a GET form and a list; an HTMX change swaps the list and pushes the address."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from players.kb_files import league_names
from players.models import Club, Outlet, OutletKind, Player
from rumourtracker.htmx import HtmxHttpRequest, render_partial_or_page
from rumourtracker.roles import Role, role_required

from ..forms import LANGUAGE_CHOICES
from ..rumours.records import LEAGUE_MIN_SETTLED, outlet_league_cached

PER_PAGE = 50
POSITIONS = [("GK", "Goalkeeper"), ("DF", "Defender"), ("MF", "Midfielder"), ("FW", "Forward")]
SORTS = [("activity", "Most active"), ("name", "Name")]  # active: claims in the last 30 days of news


def _league_choices() -> list[tuple[str, str]]:
    return [("", "any league"), *sorted(league_names().items(), key=lambda item: item[1])]


def _choice(label: str, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(required=False, label=label, choices=choices)


def _country(label: str, placeholder: str) -> forms.CharField:
    return forms.CharField(
        required=False, max_length=3, label=label, widget=forms.TextInput(attrs={"placeholder": placeholder})
    )


class IndexForm(forms.Form):
    sort = _choice("Sort by", SORTS)


class PlayerIndexForm(IndexForm):
    league = forms.ChoiceField(required=False, label="League of his club")
    country = _country("Nationality", "ITA, ESP")
    position = _choice("Position", [("", "any position"), *POSITIONS])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["league"].choices = _league_choices()  # type: ignore[attr-defined]


class ClubIndexForm(IndexForm):
    league = forms.ChoiceField(required=False, label="League")
    country = _country("Country", "it, es")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["league"].choices = _league_choices()  # type: ignore[attr-defined]


class OutletIndexForm(IndexForm):
    sort = _choice("Sort by", [*SORTS, ("record", "Track record")])
    kind = _choice("Kind", [("", "any kind"), *OutletKind.choices])
    language = _choice("Language", [("", "any language"), *LANGUAGE_CHOICES[1:]])
    country = _country("Country", "it, es")


def _filtered(rows: QuerySet, form: IndexForm, lookups: dict[str, str]) -> QuerySet:
    """The rows the form's valid fields select, sorted; a field that does not validate is left out."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    for name, lookup in lookups.items():
        if value := data.get(name):
            rows = rows.filter(**{lookup: value.lower() if name == "country" else value})
    if data.get("sort") == "name":
        return rows.order_by("name", "pk")
    return rows.order_by(F("recent_claims").desc(), "name", "pk")


# The rows each index selects, for its page and for the API (api/views.py), which shares these filters.
def players_selected(form: PlayerIndexForm) -> QuerySet[Player]:
    lookups = {"league": "club__league", "country": "nationality__iexact", "position": "position"}
    return _filtered(Player.objects.verified().select_related("club"), form, lookups)


def clubs_selected(form: ClubIndexForm) -> QuerySet[Club]:
    return _filtered(Club.objects.all(), form, {"league": "league", "country": "country"})


def outlets_selected(form: OutletIndexForm) -> QuerySet[Outlet]:
    lookups = {"kind": "kind", "language": "language", "country": "country"}
    return _filtered(Outlet.objects.select_related("works_for"), form, lookups)


def _index(
    request: HtmxHttpRequest, form: IndexForm, rows: QuerySet, kind: str, extra: dict[str, Any] | None = None
) -> HttpResponse:
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "kind": kind, "query": query.urlencode(), **(extra or {})}
    return render_partial_or_page(request, f"articles/{kind}_index.html", context, "index-results")


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def player_index(request: HtmxHttpRequest) -> HttpResponse:
    form = PlayerIndexForm(request.GET)
    return _index(request, form, players_selected(form), "player")


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def club_index(request: HtmxHttpRequest) -> HttpResponse:
    form = ClubIndexForm(request.GET)
    return _index(request, form, clubs_selected(form), "club")


@role_required(Role.READER)
@require_GET
@vary_on_headers("HX-Request")
def outlet_index(request: HtmxHttpRequest) -> HttpResponse:
    form = OutletIndexForm(request.GET)
    rows = outlets_selected(form)
    if getattr(form, "cleaned_data", {}).get("sort") == "record":  # the league table of every outlet's record
        league = {"league": outlet_league_cached(), "league_min_settled": LEAGUE_MIN_SETTLED}
        return _index(request, form, rows, "outlet", league)
    return _index(request, form, rows, "outlet")
