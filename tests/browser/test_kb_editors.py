"""Staff keep the knowledge base in the browser: verify a candidate, then merge a duplicate into him."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Claim
from articles.rumours.refresh import rumour_for
from players.models import Player, PlayerStatus
from tests.browser.test_first_slice import sign_in
from tests.factories import ArticleFactory
from tests.kb import player_make, small_kb_make

pytestmark = pytest.mark.browser


def test_staff_verify_a_candidate_and_merge_a_duplicate(page, live_server) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    duplicate = player_make("F. Tomori", kb.milan)
    Player.objects.filter(pk=duplicate.pk).update(status=PlayerStatus.CANDIDATE)
    article = ArticleFactory.create()
    rumour = rumour_for(player=duplicate, club=kb.juventus, kind="interest", reported_on=article.reported_on)
    Claim.objects.create(article=article, rumour=rumour, player=duplicate, club=kb.juventus, kind="interest")
    get_user_model().objects.create_user("keeper", password="a-long-test-password", is_staff=True)
    sign_in(page, live_server.url, "keeper", "a-long-test-password")

    page.goto(f"{live_server.url}/kb/players/?status=candidate")
    row = page.locator("tr", has_text="F. Tomori")
    row.get_by_role("button", name="Verify").click()
    # The badge shows the status's label: wait for the swapped-in "Verified" before reading the database.
    expect(page.locator(f"#player-status-{duplicate.pk}")).to_contain_text("Verified")
    expect(page.locator(f"#player-status-{duplicate.pk}").get_by_role("button", name="Verify")).to_have_count(0)
    assert Player.objects.get(pk=duplicate.pk).status == PlayerStatus.VERIFIED

    page.goto(f"{live_server.url}/kb/players/merge/?survivor={kb.tomori.pk}&duplicate={duplicate.pk}")
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_role("heading", name="Fikayo Tomori")).to_be_visible()
    assert not Player.objects.filter(pk=duplicate.pk).exists()
    assert Claim.objects.get(article=article).player_id == kb.tomori.pk
    page.screenshot(path="test-artifacts/kb-merge-result.png", full_page=True)
