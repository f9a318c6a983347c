"""The index pages of players, clubs and outlets: stored activity counts, sorts, filters, and an outlet's page
listing the claims it was cited for as well as those it published."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.pages.activity import activity_refresh
from players.models import Club, Outlet, OutletKind

from .conftest import Story, bulk_story

pytestmark = pytest.mark.django_db


def names_listed(html: str) -> list[str]:
    return re.findall(r'<td>\s*<a href="[^"]+">([^<]+)</a>', html)


def test_activity_counts_the_30_days_up_to_the_newest_claim_published_or_cited(story: Story) -> None:
    assert str(activity_refresh()) == "2025-07-01"
    counts = {club.name: club.recent_claims for club in Club.objects.all()}
    assert counts == {"Juventus": 3, "AC Milan": 1, "SSC Napoli": 1}
    story.tomori.refresh_from_db()
    assert story.tomori.recent_claims == 5
    outlets = dict(Outlet.objects.values_list("name", "recent_claims"))
    assert outlets == {"Sky Sport Italia": 3, "La Gazzetta dello Sport": 2, "Tuttosport": 2}


def test_the_club_index_sorts_by_activity_or_name_and_filters_by_league(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    call_command("activity_refresh")
    busiest = client.get(reverse("club_index")).content.decode()
    assert names_listed(busiest)[0] == "Juventus"
    by_name = client.get(reverse("club_index"), {"sort": "name"}).content.decode()
    assert names_listed(by_name) == ["AC Milan", "Juventus", "SSC Napoli"]
    story.napoli.league = "it.2"
    story.napoli.save()
    serie_b = client.get(reverse("club_index"), {"league": "it.2"}).content.decode()
    assert names_listed(serie_b) == ["SSC Napoli"] and "1 club<" in serie_b


def test_the_player_and_outlet_indexes_filter_by_position_and_kind(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    story.tomori.position = "DF"
    story.tomori.save()
    assert "Fikayo Tomori" in names_listed(client.get(reverse("player_index"), {"position": "DF"}).content.decode())
    assert names_listed(client.get(reverse("player_index"), {"position": "FW"}).content.decode()) == []
    Outlet.objects.create(name="A Journalist", kind=OutletKind.JOURNALIST, works_for=story.sky)
    journalists = client.get(reverse("outlet_index"), {"kind": "journalist"}).content.decode()
    assert names_listed(journalists) == ["A Journalist"] and "(Sky Sport Italia)" in journalists


def test_the_index_pages_and_club_pages_live_side_by_side_under_clubs(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/clubs/").status_code == 200
    assert client.get(f"/clubs/{story.juventus.key}/").status_code == 200
    assert client.get("/clubs/it/juventus/extra/").status_code == 404


def test_an_outlet_page_lists_the_claims_it_was_cited_for(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("outlet_detail", args=[story.sky.pk])).content.decode()
    assert "3 claims published or cited" in page


def test_an_index_page_takes_few_queries_however_many_rows(client, story: Story, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    bulk_story(12)
    for name in ("player_index", "club_index", "outlet_index"):
        with django_assert_max_num_queries(6):
            assert client.get(reverse(name), {"sort": "name"}).status_code == 200
