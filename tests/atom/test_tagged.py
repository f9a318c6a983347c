"""A pasted article, read by the real tagger, lands in its player's feed: the claim the tagger found, its sentence
and the outlet it cited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Claim
from articles.tagging.pipeline import article_tag
from tests.kb import INTEREST_ARTICLE, small_kb_make
from tests.uploads import article_pasted

from .test_feeds import HOST, feed_of


@pytest.mark.django_db
def test_a_tagged_article_s_claim_is_in_its_players_and_its_clubs_feeds(client: Client) -> None:
    kb = small_kb_make()
    article = article_pasted(text=INTEREST_ARTICLE, title="Juventus want Tomori", published=dt.date(2025, 11, 3))
    assert feed_of(client, reverse("player_feed", args=[kb.tomori.pk])).entries == []
    article_tag(article_id=article.pk)
    claim = Claim.objects.get(article=article, player=kb.tomori, club=kb.juventus)
    for url in (reverse("player_feed", args=[kb.tomori.pk]), reverse("club_feed", args=[kb.juventus.key])):
        [entry] = feed_of(client, url).entries
        assert entry.title == f"Fikayo Tomori – Juventus: {claim.get_kind_display().lower()}"  # no outlet given
        assert entry.id == f"{HOST}/articles/{article.pk}/#claim-{claim.pk}"
        assert claim.evidence in entry.summary and "citing Tuttosport" in entry.summary
        assert entry.updated.startswith("2025-11-03") and "Winter 2025–26" in entry.summary
