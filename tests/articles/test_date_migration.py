"""Migration 0008 on stored data: where each stored date came from, a date read where the new reader finds one,
and the claims of an article that was dated on its upload day moved to the undated rumour."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import UNDATED, Article, Rumour

BEFORE = [("articles", "0007_likelihood"), ("players", "0004_search_indexes_and_activity")]
AFTER = [("articles", "0008_dates_undated"), ("players", "0004_search_indexes_and_activity")]


def migrate(targets: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_undated_articles_leave_the_upload_days_window_and_dates_say_their_source() -> None:
    old = migrate(BEFORE)
    club = old.get_model("players", "Club").objects.create(key="xx/one", name="Club One")
    player = old.get_model("players", "Player").objects.create(name="Player One")
    article_model, rumour_model = old.get_model("articles", "Article"), old.get_model("articles", "Rumour")
    stamped = rumour_model.objects.create(player=player, club=club, window="2026-27-winter")

    def article_with_claim(key: str, text: str, url: str = "", published: dt.date | None = None):  # type: ignore[no-untyped-def]
        article = article_model.objects.create(text=text, url=url, published=published, content_hash=key)
        article.claims.create(rumour=stamped, player=player, club=club, kind="interest")
        return article

    undated = article_with_claim("a", "Club One want Player One, people say.")
    from_url = article_with_claim("b", "Club One want Player One.", url="https://news.example/2024/12/27/x/")
    given = article_with_claim("c", "Club One bid for Player One.", published=dt.date(2026, 12, 1))
    migrate(AFTER)
    readings = {a.pk: (a.published, a.published_source) for a in Article.objects.all()}
    assert readings == {
        undated.pk: (None, ""),
        from_url.pk: (dt.date(2024, 12, 27), "url"),
        given.pk: (dt.date(2026, 12, 1), "given"),
    }
    windows = {r.window: r.claim_count for r in Rumour.objects.all()}
    assert windows == {UNDATED: 1, "2024-25-winter": 1, "2026-27-winter": 1}
