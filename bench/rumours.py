"""A rumour of many claims, made straight in the database, for the bounded-page tests and the `rumour` bench."""

from __future__ import annotations

import datetime as dt
import itertools

from articles.bulk import rows_update
from articles.models import Article, ArticleStatus, Claim, Rumour, content_hash
from articles.rumours.refresh import rumour_for, rumour_refresh
from players.models import Club, Outlet, Player


def rumour_make(size: int, *, sources: int = 300) -> Rumour:
    """One transfer rumour of `size` claims over a summer, from `sources` outlets; every third claim cites another
    outlet, every tenth article is a copy of an earlier one, and a few articles name no outlet."""
    player = Player.objects.create(name=f"Linked {size} Times", status="verified")
    club = Club.objects.create(key=f"xx/linked-{size}", name=f"Linked {size} FC")
    outlets = Outlet.objects.bulk_create([Outlet(name=f"Outlet {size}-{n}") for n in range(sources)])
    day = dt.date(2025, 6, 1)
    texts = (f"{club} want {player}, report number {n} of {size}, says the paper." for n in itertools.count())
    articles = Article.objects.bulk_create(
        [
            Article(
                title="" if n % 7 == 0 else f"Report {n}",
                text=(text := next(texts)),
                content_hash=content_hash(text),
                outlet=None if n % 97 == 0 else outlets[n % sources],
                published=day + dt.timedelta(days=n % 80),
                status=ArticleStatus.TAGGED,
            )
            for n in range(size)
        ],
        batch_size=2000,
    )
    copies = [a for n, a in enumerate(articles) if n % 10 == 9]
    for n, article in enumerate(copies):
        article.copy_of_id = articles[n * 10].pk
    rows_update(rows=copies, fields=["copy_of"])
    rumour = rumour_for(player=player, club=club, kind="interest", reported_on=day)
    claims = Claim.objects.bulk_create(
        [Claim(article=a, rumour=rumour, player=player, club=club, kind="interest") for a in articles],
        batch_size=2000,
    )
    cited = [
        Claim.cited.through(claim_id=c.pk, outlet_id=outlets[(n + 1) % sources].pk)
        for n, c in enumerate(claims)
        if n % 3 == 0
    ]
    Claim.cited.through.objects.bulk_create(cited, batch_size=2000)
    refreshed = rumour_refresh(rumour=rumour)
    assert refreshed is not None and refreshed.claim_count == size
    return refreshed
