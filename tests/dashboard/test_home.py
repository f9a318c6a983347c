"""The home page: what moved in the last 14 days of dated news, one line per latest article, stage changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Mention
from tests.kb import small_kb_make

from .conftest import Story, article_make, claim_make


@pytest.mark.django_db
def test_a_database_whose_news_is_two_years_old_still_shows_what_moved(client) -> None:  # type: ignore[no-untyped-def]
    kb = small_kb_make()
    tomori, napoli, juventus = (
        kb[name] if isinstance(kb, dict) else getattr(kb, name) for name in ("tomori", "napoli", "juventus")
    )
    old = timezone.localdate() - dt.timedelta(days=730)
    claim_make(player=tomori, club=juventus, kind="talks", day=old - dt.timedelta(days=20))  # before the 14 days
    claim_make(player=tomori, club=napoli, kind="bid", day=old)
    claim_make(player=tomori, club=napoli, kind="agreement", day=old + dt.timedelta(days=1))
    response = client.get(reverse("home"))
    hot = response.context["hot_rumours"]
    assert [(r.club, r.recent_claims) for r in hot] == [(napoli, 2)]
    assert response.context["hot_days"] == (
        old + dt.timedelta(days=1) - dt.timedelta(days=13),
        old + dt.timedelta(days=1),
    )
    assert f"to {(old + dt.timedelta(days=1)):%-d %b %Y}" in response.content.decode()


@pytest.mark.django_db
def test_an_undated_claim_is_neither_moving_nor_latest(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    undated = article_make(title="No date here", text="Napoli want Tomori, people say. Nothing more.", day=None)
    claim_make(player=story.tomori, club=story.napoli, kind="completed", day=None, article=undated)  # type: ignore[arg-type]
    context = client.get(reverse("home")).context
    assert all(line.article.pk != undated.pk for line in context["latest_articles"])
    assert all(r.window != "undated" for r in context["hot_rumours"])
    assert all(change.claim.article_id != undated.pk for change in context["stage_changes"])


@pytest.mark.django_db
def test_latest_claims_show_one_line_per_article(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    both = article_make(title="Two clubs at once", text="Juventus and Napoli want Tomori.", day=dt.date(2025, 7, 3))
    Mention.objects.create(article=both, club=story.juventus, start=0, end=8)
    claim_make(player=story.tomori, club=story.juventus, kind="talks", day=both.published, article=both)  # type: ignore[arg-type]
    claim_make(player=story.tomori, club=story.napoli, kind="bid", day=both.published, article=both)  # type: ignore[arg-type]
    lines = client.get(reverse("home")).context["latest_articles"]
    assert lines[0].article.pk == both.pk
    assert [c.club for c in lines[0].claims] == [story.juventus, story.napoli]
    assert len({line.article.pk for line in lines}) == len(lines)


@pytest.mark.django_db
def test_the_latest_stage_changes_say_from_what_to_what(client, story: Story) -> None:  # type: ignore[no-untyped-def]
    changes = client.get(reverse("home")).context["stage_changes"]
    steps = {(c.claim.club, c.before, c.after) for c in changes}
    # Juventus went interest (2 June) -> talks (12 June) -> bid (20 June): only its latest step is listed.
    assert (story.juventus, "talks", "bid") in steps
    assert (story.napoli, "", "talks") in steps
    assert len([c for c in changes if c.claim.club == story.juventus]) == 1
