"""Generated transfer history with known outlet accuracies: the only ground truth offline with known answers.

A share of links lapses whoever reported them; of the rest, each outlet's end fulfilled as often as its accuracy
says, and the others go elsewhere or are denied. The accuracy is thus the hit rate its track record should find.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

# Outlet name -> the share of its links that end fulfilled.
ACCURACIES = {
    "Bench Reliable": 0.8,
    "Bench Solid": 0.65,
    "Bench Even": 0.5,
    "Bench Loose": 0.35,
    "Bench Wild": 0.2,
}
STAGES = ["interest", "talks", "bid", "agreement"]
LOSSES = ["elsewhere", "denied"]
LAPSING = 0.15


def history_generate(*, links: int, seed: int = 15) -> dict[str, float]:
    """Links over six years, each reported by one outlet in one to three claims, settled as its accuracy says."""
    from articles.models import Article, Claim, Rumour, content_hash, transfer_window
    from players.models import Club, Outlet, Player

    chance = random.Random(seed)
    outlets = [Outlet.objects.get_or_create(name=name)[0] for name in ACCURACIES]
    clubs = Club.objects.bulk_create(Club(key=f"bench/club-{n}", name=f"Bench Club {n}") for n in range(40))
    players = Player.objects.bulk_create(Player(name=f"Bench Player {n}") for n in range(links))
    start = dt.date(2019, 6, 1)
    plans: list[dict[str, Any]] = []
    for n, player in enumerate(players):
        outlet = chance.choice(outlets)
        first = start + dt.timedelta(days=n * 2200 // links)
        days = sorted(first + dt.timedelta(days=chance.randrange(0, 40)) for _ in range(chance.randint(1, 3)))
        fulfilled = chance.random() < ACCURACIES[outlet.name]
        outcome = "lapsed" if chance.random() < LAPSING else "fulfilled" if fulfilled else chance.choice(LOSSES)
        plans.append(
            {
                "player": player,
                "club": chance.choice(clubs),
                "outlet": outlet,
                "days": days,
                "stages": [chance.choice(STAGES) for _ in days],
                "outcome": outcome,
                "settled_on": days[-1] + dt.timedelta(days=chance.randrange(20, 150)),
            }
        )
    rumours = Rumour.objects.bulk_create(
        Rumour(
            player=p["player"],
            club=p["club"],
            window=transfer_window(p["days"][0]),
            stage=max(p["stages"], key=STAGES.index),
            first_reported=p["days"][0],
            last_reported=p["days"][-1],
            claim_count=len(p["days"]),
            source_count=1,
            outcome=p["outcome"],
            settled_on=p["settled_on"],
            outcome_stale=False,
        )
        for p in plans
    )
    texts = [(p, day, stage) for p in plans for day, stage in zip(p["days"], p["stages"], strict=True)]
    articles = Article.objects.bulk_create(
        Article(
            title=f"Bench link {n}",
            text=f"Generated bench report {n}.",
            content_hash=content_hash(f"Generated bench report {n}."),
            outlet=p["outlet"],
            published=day,
            status="tagged",
        )
        for n, (p, day, _) in enumerate(texts)
    )
    rumour_of = {id(p): r for p, r in zip(plans, rumours, strict=True)}
    Claim.objects.bulk_create(
        Claim(article=a, rumour=rumour_of[id(p)], player=p["player"], club=p["club"], kind=stage)
        for a, (p, _, stage) in zip(articles, texts, strict=True)
    )
    return {outlet.name: ACCURACIES[outlet.name] for outlet in outlets}
