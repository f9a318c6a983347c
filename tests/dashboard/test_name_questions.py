"""Filters and editors' forms ask which one when a name is shared or unknown; they never guess."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Claim
from players.models import AliasKind, ClubAlias
from tests.kb import club_make

from .conftest import Story

pytestmark = pytest.mark.django_db


def also_juve(story: Story) -> None:
    """Juve Stabia also goes by "Juve", as in the knowledge base."""
    stabia = club_make("it/ss-juve-stabia", "SS Juve Stabia", "it", "it.2", 1)
    for club in (story.juventus, stabia):
        ClubAlias.objects.update_or_create(
            club=club, name="Juve", defaults={"kind": AliasKind.SHORT, "ambiguous": True}
        )


def test_a_shared_name_in_a_filter_asks_which_and_does_not_empty_the_list(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    also_juve(story)
    page = client.get(reverse("article_list"), {"club": "Juve"}).content.decode()
    assert "Which club do you mean by “Juve”?" in page
    assert "club=it%2Fjuventus" in page and "SS Juve Stabia (IT, Italian Serie B)" in page
    assert page.index("Juventus (IT, Italian Serie A)") < page.index("SS Juve Stabia")
    assert "No article matches" not in page and story.interest.article.title in page
    picked = client.get(reverse("article_list"), {"club": "it/juventus"}).content.decode()
    assert "Which club" not in picked and story.interest.article.title in picked
    assert story.napoli_talks.article.title not in picked


def test_an_unknown_name_in_a_filter_says_so_with_the_closest_names(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("article_list"), {"player": "Fikayo Tomory"}).content.decode()
    assert "No player goes by “Fikayo Tomory”" in page and "Fikayo Tomori (AC Milan)" in page


def test_the_claim_form_saves_only_the_club_the_editor_picked(editor_client, story: Story) -> None:  # type: ignore[no-untyped-def]
    also_juve(story)
    article_id = story.napoli_talks.article_id
    form = {"player": "Tomori", "club": "Juve", "kind": "bid", "deal": "unknown"}
    asked = editor_client.post(reverse("claim_add", args=[article_id]), form)
    page = asked.content.decode()
    assert asked.status_code == 200 and "Several clubs go by “Juve”: pick one." in page
    assert '<select name="club"' in page and '<option value="it/ss-juve-stabia">' in page
    assert not Claim.objects.filter(article_id=article_id, kind="bid").exists()
    saved = editor_client.post(reverse("claim_add", args=[article_id]), {**form, "club": "it/juventus"})
    assert saved.status_code == 302
    assert Claim.objects.get(article_id=article_id, kind="bid").club == story.juventus


def test_fixing_a_claim_with_a_shared_name_changes_nothing_until_picked(editor_client, story: Story) -> None:  # type: ignore[no-untyped-def]
    also_juve(story)
    response = editor_client.post(reverse("claim_fix", args=[story.napoli_talks.pk]), {"club": "juve"})
    assert "Several clubs go by “juve”" in response.content.decode()
    story.napoli_talks.refresh_from_db()
    assert story.napoli_talks.club == story.napoli
