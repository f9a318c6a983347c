"""Track records: how the links an outlet or journalist reported ended, from the rumours' stored outcomes.

A link is one rumour. An outlet *published* a link when one of its articles carries a live claim of it, and was
*cited* for it when a live claim of it cites the outlet; the two are counted apart. Hit rate is
fulfilled / (fulfilled + went elsewhere + denied): lapsed and open links are not settled either way.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from players.models import Outlet

from ..models import STAGE_ORDER, Decision, Settlement

# A league table never ranks an outlet on fewer settled links than this: its interval would be too wide.
LEAGUE_MIN_SETTLED = 10
HIT_OUTCOMES = (Settlement.FULFILLED, Settlement.ELSEWHERE, Settlement.DENIED)
# Records are read from every claim an outlet ever made (half a second for a big outlet), yet change only as
# rumours settle: pages keep them in the shared cache until the next settling, and at most this long, since
# the claims and confirmations counted with them change meanwhile.
RECORDS_CACHE_SECONDS = 300
_VERSION_KEY = "records:version"
Cached = TypeVar("Cached")


def records_changed() -> None:
    """Outcomes changed: pages read the records afresh."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:  # not there yet
        cache.set(_VERSION_KEY, 1, None)


def _cached(name: str, compute: Callable[[], Cached]) -> Cached:
    version = cache.get_or_set(_VERSION_KEY, 0, None)
    # The database's name too: test runs and the benches share the cache server with a `make run` database.
    key = f"records:{connection.settings_dict['NAME']}:{version}:{name}"
    return cast(Cached, cache.get_or_set(key, compute, RECORDS_CACHE_SECONDS))  # never None: compute gives one


def with_records_cached(name: str, compute: Callable[[], Cached]) -> Cached:
    """Something read with the records, kept as they are: until the next settling (which follows every tagging
    of claims, and so of the outlets they cite), at most RECORDS_CACHE_SECONDS."""
    return _cached(name, compute)


def outlet_records_cached(*, outlet: Outlet) -> dict[str, Record]:
    return _cached(f"outlet:{outlet.pk}", lambda: outlet_records(outlet=outlet))


def outlet_league_cached() -> list[LeagueRow]:
    return _cached("league", outlet_league)


def wilson_interval(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% for z = 1.96); (0, 1) when there is nothing to go on."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    return max(0.0, (centre - spread) / denominator), min(1.0, (centre + spread) / denominator)


@dataclass
class Tally:
    """How a set of links ended, and what follows from it."""

    outcomes: Counter[str] = field(default_factory=Counter)
    claims: int = 0
    confirmed: int = 0

    @property
    def reported(self) -> int:
        return sum(self.outcomes.values())

    @property
    def settled(self) -> int:
        return sum(self.outcomes[o] for o in HIT_OUTCOMES)

    @property
    def hit_rate(self) -> float | None:
        return self.outcomes[Settlement.FULFILLED] / self.settled if self.settled else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.outcomes[Settlement.FULFILLED], self.settled)

    def count(self, outcome: str) -> int:
        return self.outcomes[outcome]

    def bars(self) -> list[Bar]:
        """One bar per outcome for the record's chart, the longest as wide as the chart."""
        longest = max(self.outcomes.values(), default=0) or 1
        order = [Settlement.FULFILLED, Settlement.ELSEWHERE, Settlement.DENIED, Settlement.LAPSED, Settlement.OPEN]
        return [
            Bar(str(o.label), str(o), self.outcomes[o], round(CHART_BAR_WIDTH * self.outcomes[o] / longest), i * 22)
            for i, o in enumerate(order)
        ]


# The record chart's longest bar, in SVG user units (templates/articles/outlet_detail.html draws it).
CHART_BAR_WIDTH = 180


@dataclass(frozen=True)
class Bar:
    label: str
    outcome: str
    count: int
    width: int
    y: int


@dataclass
class Record:
    """One outlet's record for one role (published or cited): in all, by stage claimed, and who was first."""

    total: Tally = field(default_factory=Tally)
    by_stage: dict[str, Tally] = field(default_factory=dict)
    first_on_fulfilled: int = 0
    lead_days: list[int] = field(default_factory=list)

    @property
    def median_lead_days(self) -> float | None:
        return statistics.median(self.lead_days) if self.lead_days else None

    def stages(self) -> list[tuple[str, Tally]]:
        """The stages it claimed, least advanced first."""
        return [(str(stage.label), self.by_stage[stage]) for stage in STAGE_ORDER if stage in self.by_stage]


# Each link an outlet published or was cited for, with the most advanced stage it claimed, its first claim's date
# and how many of its claims an editor confirmed; one query for both roles, each role read from the outlet's own
# rows (its articles; the claims citing it), never from every claim.
REPORTED_ON = "COALESCE(a.published, (a.created_at AT TIME ZONE %(zone)s)::date)"
LINKS_SQL = f"""
WITH roles AS (
    SELECT 'published' AS role, c.rumour_id, c.kind, c.decision, {REPORTED_ON} AS reported_on
    FROM articles_article a JOIN articles_claim c ON c.article_id = a.id
    WHERE a.outlet_id = %(outlet)s AND c.decision <> %(rejected)s
    UNION ALL
    SELECT 'cited', c.rumour_id, c.kind, c.decision, {REPORTED_ON}
    FROM articles_claim_cited cc JOIN articles_claim c ON c.id = cc.claim_id
    JOIN articles_article a ON a.id = c.article_id
    WHERE cc.outlet_id = %(outlet)s AND c.decision <> %(rejected)s
)
SELECT roles.role, r.outcome, r.settled_on, r.first_reported, min(roles.reported_on),
       max(array_position(%(stages)s::text[], roles.kind)), count(*),
       count(*) FILTER (WHERE roles.decision = %(confirmed)s)
FROM roles JOIN articles_rumour r ON r.id = roles.rumour_id
GROUP BY roles.role, r.id
"""


def outlet_records(*, outlet: Outlet) -> dict[str, Record]:
    """The outlet's record for claims it published and, apart, claims it was cited for."""
    params: dict[str, int | str | list[str]] = {
        "outlet": outlet.pk,
        "zone": timezone.get_current_timezone_name(),
        "rejected": Decision.REJECTED,
        "confirmed": Decision.CONFIRMED,
        "stages": [str(stage) for stage in STAGE_ORDER],
    }
    with connection.cursor() as cursor:
        cursor.execute(LINKS_SQL, params)
        rows = cursor.fetchall()
    records = {"published": Record(), "cited": Record()}
    for role, outcome, settled_on, first_reported, first_on, stage_rank, claims, confirmed in rows:
        _link_add(records[role], outcome, settled_on, first_reported, first_on, stage_rank, claims, confirmed)
    return records


def _link_add(
    record: Record,
    outcome: str,
    settled_on: dt.date | None,
    first_reported: dt.date | None,
    first_on: dt.date | None,
    stage_rank: int | None,
    claims: int,
    confirmed: int,
) -> None:
    tallies = [record.total]
    if stage_rank:  # array_position counts from 1; denials, renewals and exits have no transfer stage
        tallies.append(record.by_stage.setdefault(STAGE_ORDER[stage_rank - 1], Tally()))
    for tally in tallies:
        tally.outcomes[outcome] += 1
        tally.claims += claims
        tally.confirmed += confirmed
    if outcome == Settlement.FULFILLED and settled_on and first_on:  # None when its every article is undated
        if first_reported and first_on <= first_reported:
            record.first_on_fulfilled += 1
        record.lead_days.append((settled_on - first_on).days)


@dataclass(frozen=True)
class LeagueRow:
    outlet_id: int
    name: str
    kind: str
    tally: Tally
    rank: int | None  # None below LEAGUE_MIN_SETTLED settled links


# Every outlet's published links by outcome, with its claims and editor confirmations, in one query.
LEAGUE_SQL = """
WITH links AS (
    SELECT a.outlet_id, c.rumour_id, count(*) AS claims,
           count(*) FILTER (WHERE c.decision = %(confirmed)s) AS confirmed
    FROM articles_claim c JOIN articles_article a ON a.id = c.article_id
    WHERE c.decision <> %(rejected)s AND a.outlet_id IS NOT NULL
    GROUP BY a.outlet_id, c.rumour_id
)
SELECT o.id, o.name, o.kind, r.outcome, count(*), sum(links.claims), sum(links.confirmed)
FROM links JOIN articles_rumour r ON r.id = links.rumour_id JOIN players_outlet o ON o.id = links.outlet_id
GROUP BY o.id, o.name, o.kind, r.outcome
"""


def outlet_league() -> list[LeagueRow]:
    """Every outlet that published a link, ranked by the lower end of its hit rate's interval.

    Outlets with fewer than LEAGUE_MIN_SETTLED settled links follow, unranked, busiest first.
    """
    with connection.cursor() as cursor:
        cursor.execute(LEAGUE_SQL, {"confirmed": Decision.CONFIRMED, "rejected": Decision.REJECTED})
        rows = cursor.fetchall()
    tallies: dict[tuple[int, str, str], Tally] = {}
    for outlet_id, name, kind, outcome, links, claims, confirmed in rows:
        tally = tallies.setdefault((outlet_id, name, kind), Tally())
        tally.outcomes[outcome] += links
        tally.claims += claims
        tally.confirmed += confirmed
    rankable = sorted(
        (key for key, tally in tallies.items() if tally.settled >= LEAGUE_MIN_SETTLED),
        key=lambda key: (-tallies[key].interval[0], key[1]),
    )
    unranked = sorted(
        (key for key, tally in tallies.items() if tally.settled < LEAGUE_MIN_SETTLED),
        key=lambda key: (-tallies[key].reported, key[1]),
    )
    ranked_rows = [LeagueRow(*key, tallies[key], rank) for rank, key in enumerate(rankable, start=1)]
    return ranked_rows + [LeagueRow(*key, tallies[key], None) for key in unranked]
