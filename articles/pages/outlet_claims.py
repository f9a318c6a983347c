"""An outlet's claims, newest first, a page at a time, in a few index scans whatever the outlet's size.

What an outlet published and what others cite it for are two lists, each read in date order from its own index
(the outlet's articles by date; the claims citing it), merged, and cut to the page: a claim both published by
the outlet and citing it is counted once, with what it published. Counting tens of thousands of claims costs
more than the page, so the count stops COUNT_CAP claims past the page asked for ("500+ claims").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet

from players.models import Club, Outlet

from ..models import Claim, Decision

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


class OutletClaims(Sequence[Claim]):
    """The outlet's live claims that the filters select, newest first, for a Paginator: slicing reads one page of
    ids, then their rows; count() is exact up to COUNT_CAP past the page asked for."""

    def __init__(self, outlet: Outlet, filters: OutletFilters, rows: QuerySet[Claim]) -> None:
        where, params = _where(filters)
        self.published = PUBLISHED_SQL.format(where=where)
        self.cited = CITED_SQL.format(where=where)
        self.params: Params = {**params, "outlet": outlet.pk}
        self.rows = rows  # how to load a page's claims (with what a row shows)
        self.capped = False
        self.limit: int | None = None

    def count_up_to(self, limit: int) -> int:
        """Count the claims, stopping past `limit` (then `capped`)."""
        sql = f"SELECT count(*) FROM (({self.published} LIMIT %(n)s) UNION ALL ({self.cited} LIMIT %(n)s)) t"
        with connection.cursor() as cursor:
            cursor.execute(sql, {**self.params, "n": limit + 1})
            (counted,) = cursor.fetchone()
        self.capped, self.limit = counted > limit, limit
        return min(counted, limit + 1)

    def count(self) -> int:  # type: ignore[override]  # Paginator's question, answered by count_up_to first
        return self.count_up_to(COUNT_CAP)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):  # type: ignore[no-untyped-def,override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        sql = (
            f"SELECT id FROM (({self.published} {NEWEST} LIMIT %(n)s) UNION ALL ({self.cited} {NEWEST} LIMIT %(n)s)) t"
            f" {NEWEST} LIMIT %(size)s OFFSET %(start)s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, {**self.params, "n": stop, "size": stop - start, "start": start})
            ids = [pk for (pk,) in cursor.fetchall()]
        found = self.rows.filter(pk__in=ids).in_bulk() if ids else {}
        return [found[pk] for pk in ids if pk in found]


def outlet_claims_page(claims: OutletClaims, number: str | None, size: int) -> Page:
    """The page asked for (the last one if it is past the end), counted up to COUNT_CAP claims past it."""
    try:
        asked = max(1, int(number or 1))
    except ValueError:
        asked = 1
    paginator = Paginator(claims, size)
    paginator.count = claims.count_up_to((asked - 1) * size + COUNT_CAP)
    page = paginator.get_page(asked)
    paginator.count_shown = f"{claims.limit}+" if claims.capped else str(paginator.count)  # type: ignore[attr-defined]
    # Capped: the pages known so far, and more after them.
    if claims.capped:
        paginator.pages_shown = f"{paginator.num_pages - 1}+"  # type: ignore[attr-defined]
    return page
