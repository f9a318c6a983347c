"""An outlet's claims, newest first, a page at a time, in a few index scans whatever the outlet's size.

What an outlet published and what others cite it for are two lists, each read in date order from its own index
(the outlet's articles by date; the claims citing it), merged, and cut to the page: a claim both published by
the outlet and citing it is counted once, with what it published. Counting tens of thousands of claims costs
more than the page, so the count stops COUNT_CAP claims past the page asked for ("500+ claims").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet

from players.models import Club, Outlet

from ..models import Claim, Decision
from .newest_claims import ClaimsByIds

COUNT_CAP = 500

# {where}: the filters on c (the claim) and a (its article); %(n)s: how many of the newest the page needs.
PUBLISHED_SQL = """
SELECT c.id, a.published FROM articles_article a JOIN articles_claim c ON c.article_id = a.id
WHERE a.outlet_id = %(outlet)s AND {where}
"""
CITED_SQL = """
SELECT c.id, a.published FROM articles_claim_cited cc
JOIN articles_claim c ON c.id = cc.claim_id JOIN articles_article a ON a.id = c.article_id
WHERE cc.outlet_id = %(outlet)s AND a.outlet_id IS DISTINCT FROM %(outlet)s AND {where}
"""
NEWEST = "ORDER BY published DESC NULLS LAST, id DESC"


@dataclass(frozen=True)
class OutletFilters:
    kind: str = ""
    club: Club | None = None
    since: dt.date | None = None
    until: dt.date | None = None


Params = dict[str, int | str | dt.date]


def _where(filters: OutletFilters) -> tuple[str, Params]:
    conditions = ["c.decision <> %(rejected)s"]
    params: Params = {"rejected": Decision.REJECTED}
    if filters.kind:
        conditions.append("c.kind = %(kind)s")
        params["kind"] = filters.kind
    if filters.club:
        conditions.append("c.club_id = %(club)s")
        params["club"] = filters.club.pk
    if filters.since:
        conditions.append("a.published >= %(since)s")
        params["since"] = filters.since
    if filters.until:
        conditions.append("a.published <= %(until)s")
        params["until"] = filters.until
    return " AND ".join(conditions), params


class OutletClaims(ClaimsByIds):
    """The outlet's live claims that the filters select, newest first, for a Paginator: slicing reads one page of
    ids, then their rows. Their count is exact up to a limit (COUNT_CAP past the page asked for), and read with
    the page's ids when the page is not past the end."""

    def __init__(self, outlet: Outlet, filters: OutletFilters, rows: QuerySet[Claim]) -> None:
        where, params = _where(filters)
        self.published = PUBLISHED_SQL.format(where=where)
        self.cited = CITED_SQL.format(where=where)
        self.params: Params = {**params, "outlet": outlet.pk}
        super().__init__(rows)
        self.capped = False
        self.limit = COUNT_CAP
        self.counted: int | None = None

    def _count_sql(self) -> str:
        return f"SELECT count(*) FROM (({self.published} LIMIT %(n)s) UNION ALL ({self.cited} LIMIT %(n)s)) t"

    def _counted(self, counted: int) -> int:
        self.capped = counted > self.limit
        self.counted = min(counted, self.limit + 1)
        return self.counted

    def count_up_to(self, limit: int) -> int:
        """Count the claims, stopping past `limit` (then `capped`)."""
        self.limit = limit
        with connection.cursor() as cursor:
            cursor.execute(self._count_sql(), {**self.params, "n": limit + 1})
            (counted,) = cursor.fetchone()
        return self._counted(counted)

    def count(self) -> int:  # type: ignore[override]
        return self.counted if self.counted is not None else self.count_up_to(self.limit)

    def page_ids(self, start: int, stop: int, *, count_up_to: int | None = None) -> list[int]:
        """The ids of the claims from `start` to `stop`; with count_up_to, counted up to it in the same query."""
        if count_up_to is None and (kept := self._already_read(start, stop)) is not None:
            return kept
        counting = f", ({self._count_sql()}) " if count_up_to is not None else " "
        sql = (
            f"SELECT id{counting}FROM (({self.published} {NEWEST} LIMIT %(stop)s) UNION ALL"
            f" ({self.cited} {NEWEST} LIMIT %(stop)s)) t {NEWEST} LIMIT %(size)s OFFSET %(start)s"
        )
        params = {**self.params, "stop": stop, "size": stop - start, "start": start}
        if count_up_to is not None:
            self.limit, params["n"] = count_up_to, count_up_to + 1
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if count_up_to is not None and rows:
            self._counted(rows[0][1])
        self.read = (start, [row[0] for row in rows])
        return self.read[1]


def outlet_claims_page(claims: OutletClaims, number: str | None, size: int) -> Page:
    """The page asked for (the last one if it is past the end), counted up to COUNT_CAP claims past it: one query
    for the page's ids and the count, unless the page is past the end."""
    try:
        asked = max(1, int(number or 1))
    except ValueError:
        asked = 1
    limit = (asked - 1) * size + COUNT_CAP
    if not claims.page_ids((asked - 1) * size, asked * size, count_up_to=limit):
        claims.count_up_to(limit)
    paginator = Paginator(claims, size)
    page = paginator.get_page(asked)
    paginator.count_shown = f"{claims.limit}+" if claims.capped else str(paginator.count)  # type: ignore[attr-defined]
    # Capped: the pages known so far, and more after them.
    if claims.capped:
        paginator.pages_shown = f"{paginator.num_pages - 1}+"  # type: ignore[attr-defined]
    return page
