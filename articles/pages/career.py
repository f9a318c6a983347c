"""The club page's career chart, read in one small query whatever the club's size.

A big club has thousands of rows (a player coming, or a player of its squad and a club he may leave for), yet the
chart draws MAX_CAREER_ROWS of them: the rows are first chosen from the rumours' windows (no claim read but those
naming the club as the one a player leaves), then only the claims of the chosen rows are counted by window and kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.urls import reverse

from players.models import Club

from ..models import UNDATED, Decision, Kind, Track, transfer_window, window_start
from ..rumours.timeline import MAX_CAREER_ROWS, MAX_CAREER_WINDOWS, CareerBin

CONTRACT_KINDS = [Kind.RENEWAL, Kind.EXIT]

# Every row of the club's chart with its newest window (as window_index numbers): players linked with the club,
# and its squad's players (or those a claim says leave it) with each other club. Then the first and last windows
# of all rows, the newest rows among those with a window in the chart's range (by the chart's own order), and
# their live dated claims in that range counted by window and kind, each line with the span and the rows in range.
CLUB_CAREER_SQL = """
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
), chosen AS (
    SELECT ir.player_id, ir.to_id, span.first, span.last, count(*) OVER () AS in_range
    FROM in_range ir CROSS JOIN span
    JOIN players_player p ON p.id = ir.player_id JOIN players_club k ON k.id = ir.to_id
    ORDER BY ir.newest DESC,
             (CASE WHEN ir.to_id = %(club)s THEN p.name || ' ←' ELSE p.name || ' → ' || k.name END) COLLATE "C",
             ir.player_id, ir.to_id
    LIMIT %(rows)s
)
SELECT ch.player_id, p.name, ch.to_id, k.name, r."window", c.kind, r.stage, count(*), ch.first, ch.last, ch.in_range
FROM chosen ch
JOIN articles_claim c ON c.player_id = ch.player_id AND c.club_id = ch.to_id
JOIN articles_rumour r ON r.id = c.rumour_id
JOIN players_player p ON p.id = ch.player_id JOIN players_club k ON k.id = ch.to_id
WHERE c.decision <> %(rejected)s AND c.kind <> ALL(%(contract)s) AND r."window" <> %(undated)s
  AND (ch.to_id = %(club)s OR c.from_club_id = %(club)s OR p.club_id = %(club)s)
  AND 2 * substr(r."window", 1, 4)::int + (CASE WHEN r."window" LIKE '%%winter' THEN 1 ELSE 0 END)
      > ch.last - %(windows)s
GROUP BY ch.player_id, p.name, ch.to_id, k.name, r."window", c.kind, r.stage, ch.first, ch.last, ch.in_range
"""


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
        cursor.execute(CLUB_CAREER_SQL, params)
        found = cursor.fetchall()
    if not found:
        return ClubCareer([], None, 0)
    bins, rows = [], set()
    for pk, name, to_id, to, window, kind, stage, n, *_ in found:
        row, label = (f"in:{pk}", f"{name} ←") if to_id == club.pk else (f"out:{pk}:{to_id}", f"{name} → {to}")
        rows.add(row)
        bins.append(CareerBin(row, label, reverse("player_detail", args=[pk]), window, kind, n, stage))
    first, last, in_range = found[0][-3:]
    return ClubCareer(
        bins, (transfer_window(window_start(first)), transfer_window(window_start(last))), in_range - len(rows)
    )
