"""The club page's career chart, read in two small queries whatever the club's size.

A big club has thousands of rows (a player coming, or a player of its squad and a club he may leave for), yet the
chart draws MAX_CAREER_ROWS of them: the rows are first chosen from the rumours' windows (one query, no claim read
but those naming the club as the one a player leaves), then only the claims of the chosen rows are counted by
window and kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse

from players.models import Club, Player

from ..models import UNDATED, Claim, Decision, Kind, Track
from ..rumours.timeline import MAX_CAREER_ROWS, MAX_CAREER_WINDOWS, CareerBin

CONTRACT_KINDS = [Kind.RENEWAL, Kind.EXIT]

# Every row of the club's chart with its newest window (as window_index numbers): players linked with the club,
# and its squad's players (or those a claim says leave it) with each other club. Then the first and last windows
# of all rows, and the newest rows among those with a window in the chart's range, by the chart's own order.
CLUB_ROWS_SQL = """
WITH links AS (
    SELECT r.player_id, r.club_id AS to_id, r."window"
    FROM articles_rumour r
    WHERE r.club_id = %(club)s AND r.track = %(transfer)s AND r."window" <> %(undated)s AND r.claim_count > 0
    UNION ALL
    SELECT r.player_id, r.club_id, r."window"
    FROM articles_rumour r
    WHERE r.player_id IN (SELECT id FROM players_player WHERE club_id = %(club)s) AND r.club_id <> %(club)s
      AND r.track = %(transfer)s AND r."window" <> %(undated)s AND r.claim_count > 0
    UNION ALL
    SELECT c.player_id, c.club_id, r."window"
    FROM articles_claim c JOIN articles_rumour r ON r.id = c.rumour_id
    WHERE c.from_club_id = %(club)s AND c.club_id <> %(club)s AND c.decision <> %(rejected)s
      AND c.kind <> ALL(%(contract)s) AND r."window" <> %(undated)s
), chart_rows AS (
    SELECT player_id, to_id,
           max(2 * substr("window", 1, 4)::int + (CASE WHEN "window" LIKE '%%winter' THEN 1 ELSE 0 END)) AS newest,
           min(2 * substr("window", 1, 4)::int + (CASE WHEN "window" LIKE '%%winter' THEN 1 ELSE 0 END)) AS oldest
    FROM links GROUP BY player_id, to_id
), span AS (
    SELECT min(oldest) AS first, max(newest) AS last FROM chart_rows
), in_range AS (
    SELECT chart_rows.* FROM chart_rows, span WHERE chart_rows.newest > span.last - %(windows)s
)
SELECT ir.player_id, ir.to_id, span.first, span.last, count(*) OVER ()
FROM in_range ir CROSS JOIN span
JOIN players_player p ON p.id = ir.player_id JOIN players_club k ON k.id = ir.to_id
ORDER BY ir.newest DESC,
         (CASE WHEN ir.to_id = %(club)s THEN p.name || ' ←' ELSE p.name || ' → ' || k.name END) COLLATE "C",
         ir.player_id, ir.to_id
LIMIT %(rows)s
"""


def window_of_index(index: int) -> str:
    """The window of a window_index number: 2Y is "Y-summer", 2Y + 1 the winter that starts in Y."""
    year, winter = divmod(index, 2)
    return f"{year}-{(year + 1) % 100:02d}-winter" if winter else f"{year}-summer"


@dataclass(frozen=True)
class ClubCareer:
    bins: list[CareerBin]
    span: tuple[str, str] | None  # the first and last windows of every row, shown or not
    more_rows: int  # rows with a window in the chart's range that it leaves out


def club_career(club: Club) -> ClubCareer:
    """Claims of players coming to the club and of its players going elsewhere, by player, window and kind, for
    the rows the chart shows: a row per player coming, a row per player and club he may leave for."""
    params: dict[str, int | str | list[str]] = {
        "club": club.pk,
        "transfer": Track.TRANSFER,
        "undated": UNDATED,
        "rejected": Decision.REJECTED,
        "contract": [str(kind) for kind in CONTRACT_KINDS],
        "windows": MAX_CAREER_WINDOWS,
        "rows": MAX_CAREER_ROWS,
    }
    with connection.cursor() as cursor:
        cursor.execute(CLUB_ROWS_SQL, params)
        chosen = cursor.fetchall()
    if not chosen:
        return ClubCareer([], None, 0)
    _, _, first, last, in_range = chosen[0]
    windows = [window_of_index(i) for i in range(max(first, last - MAX_CAREER_WINDOWS + 1), last + 1)]
    squad = Player.objects.filter(club=club).values("pk")
    about = Q(club=club) | ((Q(from_club=club) | Q(player_id__in=squad)) & ~Q(club=club))
    rows = reduce(or_, [Q(player_id=player_id, club_id=to_id) for player_id, to_id, *_ in chosen])
    dated = Claim.objects.live().filter(about, rows, rumour__window__in=windows).exclude(kind__in=CONTRACT_KINDS)
    fields = ("player_id", "player__name", "club_id", "club__name", "rumour__window", "kind", "rumour__stage")
    bins = []
    for pk, name, to_id, to, window, kind, stage, n in dated.values_list(*fields).annotate(n=Count("id")).order_by():
        row, label = (f"in:{pk}", f"{name} ←") if to_id == club.pk else (f"out:{pk}:{to_id}", f"{name} → {to}")
        bins.append(CareerBin(row, label, reverse("player_detail", args=[pk]), window, kind, n, stage))
    return ClubCareer(bins, (window_of_index(first), window_of_index(last)), in_range - len(chosen))
