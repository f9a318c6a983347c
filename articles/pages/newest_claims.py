"""A list of claims newest first, a page at a time, read claims first: the claims the filters select (by their
own indexes), then their articles' dates (an index holds them), then the page.

Left to itself, PostgreSQL walks every article newest first and looks for the list's claims in each, which is quick
where they are dense and slow where they are sparse: a club in one claim of 400 made it read thousands of articles
for a page of 25. Claims first costs the same few milliseconds per thousand claims for every list.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import QuerySet

from ..models import Claim

# The page's ids, and (the same work) how many claims there are in all.
PAGE_IDS_SQL = """
WITH chosen AS MATERIALIZED ({claims})
SELECT chosen.id, count(*) OVER () FROM chosen JOIN articles_article a ON a.id = chosen.article_id
ORDER BY a.published DESC NULLS LAST, chosen.id DESC LIMIT %s OFFSET %s
"""


class ClaimsByIds(Sequence[Claim]):
    """Claims for a Paginator, read a page of ids at a time (`page_ids`: each list's own SQL), then the rows of
    `rows` for those ids. The ids last read are kept, so a page read together with the count is not read twice."""

    def __init__(self, rows: QuerySet[Claim]) -> None:
        self.rows = rows  # how to load a page's claims (with what a row shows)
        self.read: tuple[int, list[int]] | None = None  # the first claim's position, and the ids read from there

    def page_ids(self, start: int, stop: int) -> list[int]:
        raise NotImplementedError

    def count(self) -> int:  # type: ignore[override]  # the Paginator's question
        raise NotImplementedError

    def _already_read(self, start: int, stop: int) -> list[int] | None:
        if self.read and self.read[0] == start and stop - start <= len(self.read[1]):
            return self.read[1][: stop - start]
        return None

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):  # type: ignore[no-untyped-def,override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = self.page_ids(index.start or 0, index.stop)
        found = self.rows.filter(pk__in=ids).in_bulk() if ids else {}
        return [found[pk] for pk in ids if pk in found]


class NewestClaims(ClaimsByIds):
    """The claims of `chosen` newest first (their article's date, then the newest id), for a Paginator: slicing
    reads one page of ids, then the rows of `rows` for them; the count comes with the page read first
    (read_page), else from a count of its own."""

    def __init__(self, chosen: QuerySet[Claim], rows: QuerySet[Claim]) -> None:
        super().__init__(rows)
        self.chosen = chosen.order_by()
        self.total: int | None = None

    def read_page(self, number: str | None, size: int) -> NewestClaims:
        """Read the page the Paginator will ask for, and the count with it, in one query (when it is not past the
        end; the Paginator then counts, and asks for the last page)."""
        try:
            asked = int(number or 1)
        except ValueError:
            asked = 1
        if asked >= 1:
            self.page_ids((asked - 1) * size, asked * size)
        return self

    def page_ids(self, start: int, stop: int) -> list[int]:
        if (kept := self._already_read(start, stop)) is not None:
            return kept
        claims, params = self.chosen.values("id", "article_id").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(PAGE_IDS_SQL.format(claims=claims), [*params, stop - start, start])
            rows = cursor.fetchall()
        if rows:
            self.total = rows[0][1]
        ids = [pk for pk, _ in rows]
        self.read = (start, ids)
        return ids

    def count(self) -> int:  # type: ignore[override]
        if self.total is None:
            self.total = self.chosen.count()
        return self.total
