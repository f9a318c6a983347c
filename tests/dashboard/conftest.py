"""Dashboard test data: claims written directly (no tagger), so these tests do not depend on it."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, ArticleStatus, Claim, Mention
from articles.rumours.refresh import rumour_for, rumour_refresh
from players.models import Club, Outlet, Player
from rumourtracker.roles import editor_grant
from tests.kb import small_kb_make

PASSWORD = "a-long-test-password"


def article_make(
    *, title: str, text: str, day: dt.date | None, outlet: Outlet | None = None, language: str = "en", **extra: object
) -> Article:
    return Article.objects.create(
        title=title, text=text, published=day, outlet=outlet, language=language, status=ArticleStatus.TAGGED, **extra
    )


def claim_make(
    *,
    player: Player,
    club: Club,
    kind: str,
    day: dt.date,
    outlet: Outlet | None = None,
    cited: tuple[Outlet, ...] = (),
    article: Article | None = None,
    language: str = "en",
    **extra: object,
) -> Claim:
    """A claim in an article of its own (or the one given), with highlights, its rumour recomputed."""
    if article is None:
        text = f"{club.name} are in {kind} for {player.name}, reports say. The deal is moving."
        article = article_make(
            title=f"{player.name}: {club.name} {kind}", text=text, day=day, outlet=outlet, language=language
        )
        Mention.objects.create(article=article, club=club, start=0, end=len(club.name))
        start = text.index(player.name)
        Mention.objects.create(article=article, player=player, start=start, end=start + len(player.name))
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=article.reported_on)
    claim = Claim.objects.create(
        article=article,
        rumour=rumour,
        player=player,
        club=club,
        kind=kind,
        evidence=f"{club.name} want {player.name}.",
        **extra,
    )
    claim.cited.set(cited)
    if cited:
        article.cited_outlets.add(*cited)
    rumour_refresh(rumour=rumour)
    return claim


@dataclass
class Story:
    """Tomori's summer: Juventus interest then a bid, Napoli talks, a renewal at Milan, many outlets."""

    juventus: Club
    milan: Club
    napoli: Club
    tomori: Player
    tuttosport: Outlet
    gazzetta: Outlet
    sky: Outlet
    interest: Claim
    bid: Claim
    napoli_talks: Claim
    renewal: Claim


@pytest.fixture
def story(db) -> Story:  # type: ignore[no-untyped-def]
    kb = small_kb_make()

    def part(name: str):  # type: ignore[no-untyped-def]
        return kb[name] if isinstance(kb, dict) else getattr(kb, name)  # tests/kb.py returns either shape

    juventus, milan, napoli, tomori, tuttosport = (
        part(n) for n in ("juventus", "milan", "napoli", "tomori", "tuttosport")
    )
    gazzetta = Outlet.objects.create(name="La Gazzetta dello Sport", language="it")
    sky = Outlet.objects.create(name="Sky Sport Italia", language="it")
    interest = claim_make(
        player=tomori, club=juventus, kind="interest", day=dt.date(2025, 6, 2), outlet=tuttosport, language="it"
    )
    bid = claim_make(
        player=tomori, club=juventus, kind="bid", day=dt.date(2025, 6, 20), outlet=gazzetta, cited=(sky,), fee="€25m"
    )
    claim_make(player=tomori, club=juventus, kind="talks", day=dt.date(2025, 6, 12), outlet=tuttosport, cited=(sky,))
    napoli_talks = claim_make(player=tomori, club=napoli, kind="talks", day=dt.date(2025, 6, 15), outlet=sky)
    renewal = claim_make(player=tomori, club=milan, kind="renewal", day=dt.date(2025, 7, 1), outlet=gazzetta)
    return Story(juventus, milan, napoli, tomori, tuttosport, gazzetta, sky, interest, bid, napoli_talks, renewal)


_runs = itertools.count()


def bulk_story(count: int) -> None:
    """Many players, clubs and claims, to show that a page's query count does not grow with the data."""
    run = next(_runs)
    clubs = [Club.objects.create(key=f"xx/bulk-{run}-{n}", name=f"Bulk Club {run}-{n}") for n in range(4)]
    outlets = [Outlet.objects.create(name=f"Bulk Outlet {run}-{n}") for n in range(3)]
    for i in range(count):
        player = Player.objects.create(name=f"Bulk Player {run}-{i}", club=clubs[i % 4], status="verified")
        for j in range(3):
            claim_make(
                player=player,
                club=clubs[(i + j + 1) % 4],
                kind=["interest", "talks", "bid"][j],
                day=dt.date(2025, 6, 1) + dt.timedelta(days=i + j),
                outlet=outlets[j],
                cited=(outlets[(j + 1) % 3],),
            )


@pytest.fixture
def editor(db):  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user("editor", password=PASSWORD)
    editor_grant(user)
    return user


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client
