"""CSV exports of what a list's filters show, streamed so a large export never sits in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import StreamingHttpResponse
from django.utils.text import slugify

from ..models import Article, Claim

CHUNK = 2000
# A cell starting with one of these is a formula to a spreadsheet; quoting it keeps exports inert.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CLAIM_HEADER = [
    "claim_id",
    "reported_on",
    "player",
    "club",
    "from_club",
    "kind",
    "deal",
    "fee",
    "contract_until",
    "window",
    "outlet",
    "cited",
    "evidence",
    "decision",
    "article_id",
    "article_title",
    "article_url",
]
ARTICLE_HEADER = ["article_id", "published", "title", "outlet", "language", "status", "url", "claims"]


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_response(rows: Iterable[list[object]], header: list[str], name: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "export"}.csv"'
    return response


def claim_rows(claims: QuerySet[Claim]) -> Iterator[list[Any]]:
    claims = claims.select_related("player", "club", "from_club", "article", "article__outlet", "rumour")
    for claim in claims.prefetch_related("cited").iterator(chunk_size=CHUNK):
        article = claim.article
        yield [
            claim.pk,
            article.reported_on.isoformat() if article.reported_on else "",  # undated: an empty cell
            claim.player.name,
            claim.club.name,
            claim.from_club.name if claim.from_club else "",
            claim.kind,
            claim.deal,
            claim.fee,
            claim.contract_until,
            claim.rumour.window,
            article.outlet.name if article.outlet else "",
            "; ".join(outlet.name for outlet in claim.cited.all()),
            claim.evidence,
            claim.decision,
            article.pk,
            article.title,
            article.url,
        ]


def article_rows(articles: QuerySet[Article]) -> Iterator[list[Any]]:
    live = Prefetch("claims", queryset=Claim.objects.live().select_related("player", "club"))
    for article in articles.select_related("outlet").prefetch_related(live).iterator(chunk_size=CHUNK):
        yield [
            article.pk,
            article.published.isoformat() if article.published else "",
            article.title,
            article.outlet.name if article.outlet else "",
            article.language,
            article.status,
            article.url,
            "; ".join(f"{c.player.name} → {c.club.name} ({c.kind})" for c in article.claims.all()),
        ]


def claims_csv(claims: QuerySet[Claim], name: str) -> StreamingHttpResponse:
    return csv_response(claim_rows(claims), CLAIM_HEADER, name)


def articles_csv(articles: QuerySet[Article], name: str) -> StreamingHttpResponse:
    return csv_response(article_rows(articles), ARTICLE_HEADER, name)
