"""Names people type, looked up exactly on the managers (`named`); players/resolve.py asks about the rest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.ingest.accept import outlet_named
from players.models import Outlet, OutletAlias, Player, PlayerStatus
from tests.factories import ArticleFactory, OutletFactory, PlayerFactory

pytestmark = pytest.mark.django_db


def test_an_outlet_is_named_by_its_name_or_any_alias_but_not_a_deleted_one() -> None:
    gazzetta = OutletFactory(name="La Gazzetta dello Sport")
    OutletAlias.objects.create(outlet=gazzetta, name="Gazzetta")
    OutletAlias.objects.create(outlet=gazzetta, name="Rosea", deleted_by_editor=True)
    assert Outlet.objects.named("la gazzetta dello sport") == gazzetta
    assert Outlet.objects.named("  GAZZETTA ") == gazzetta
    assert Outlet.objects.named("Rosea") is None
    assert Outlet.objects.named("Gazzett") is None and Outlet.objects.named("") is None


def test_of_two_players_named_alike_the_verified_one_comes_first() -> None:
    PlayerFactory(name="Nico Paz", status=PlayerStatus.CANDIDATE)
    verified = PlayerFactory(name="Nico Paz", status=PlayerStatus.VERIFIED)
    assert Player.objects.named("Nico Paz") == verified


def test_the_upload_and_the_filters_find_an_outlet_by_its_alias_alike(client) -> None:  # type: ignore[no-untyped-def]
    sky = OutletFactory(name="Sky Sport Italia")
    OutletAlias.objects.create(outlet=sky, name="Sky Sport")
    assert outlet_named("sky sport", create=True) == sky
    ArticleFactory(title="By Sky", outlet=sky)
    ArticleFactory(title="By another", outlet=OutletFactory(name="Other"))
    page = client.get(reverse("article_list"), {"outlet": "Sky Sport"}).content.decode()
    assert "By Sky" in page and "By another" not in page
    assert Outlet.objects.count() == 2
