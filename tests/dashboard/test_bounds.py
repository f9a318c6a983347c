"""Pages are bounded: a rumour of 15,000 claims, or a player linked 15,000 times, costs a few queries and a few
hundred rows, however much there is behind it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Claim
from articles.pages.views import RUMOUR_CLAIMS_PAGE, TIMELINE_PAGE
from articles.rumours.refresh import original_source, rumour_sources
from bench.rumours import rumour_make

MAX_QUERIES = 10
MAX_ROWS = 500
BIG = 15_000


@dataclass
class Counted:
    rows: int = 0


@contextmanager
def rows_read() -> Iterator[Counted]:
    """How many rows the database hands back to us while inside."""
    counted = Counted()

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        result = execute(sql, params, many, context)
        counted.rows += max(context["cursor"].rowcount, 0) if sql.lstrip().upper().startswith("SELECT") else 0
        return result

    with connection.execute_wrapper(count):
        yield counted


def bounded_get(client, url: str, **headers: str):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries, rows_read() as read:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, len(queries), read.rows


@pytest.mark.django_db
def test_the_page_of_a_rumour_of_15000_claims_reads_a_few_hundred_rows(client, editor) -> None:  # type: ignore[no-untyped-def]
    rumour = rumour_make(BIG)
    url = reverse("rumour_detail", args=[rumour.pk])
    rumour_pages = -(-BIG // RUMOUR_CLAIMS_PAGE)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(editor)
        response, queries, rows = bounded_get(client, url)
        assert queries <= MAX_QUERIES and rows <= MAX_ROWS, (signed_in, queries, rows)
        html = response.content.decode()
        assert f"Claims 1–{RUMOUR_CLAIMS_PAGE} of {BIG}" in html and f"Page 1 of {rumour_pages}" in html
        assert html.count('class="tl-item') == RUMOUR_CLAIMS_PAGE
        assert f"And {rumour.source_count - 20} later sources" in html
    last = f"?page={rumour_pages}"
    later, queries, rows = bounded_get(client, url + last, HX_Request="true", HX_Target="rumour-timeline")
    assert queries <= MAX_QUERIES and rows <= MAX_ROWS
    assert "<html" not in later.content.decode() and f"Page {rumour_pages} of {rumour_pages}" in later.content.decode()


@pytest.mark.django_db
def test_every_claim_of_a_much_linked_player_comes_a_page_at_a_time(client, editor) -> None:  # type: ignore[no-untyped-def]
    rumour = rumour_make(BIG)
    client.force_login(editor)
    url = reverse("player_detail", args=[rumour.player_id]) + "?window=all&all=1"
    response, queries, rows = bounded_get(client, url)
    assert queries <= MAX_QUERIES and rows <= MAX_ROWS, (queries, rows)
    html = response.content.decode()
    assert html.count('class="tl-item') == TIMELINE_PAGE and f"Claims 1–{TIMELINE_PAGE} of {BIG}, newest" in html
    pages = -(-BIG // TIMELINE_PAGE)
    last, queries, rows = bounded_get(client, url + f"&page={pages}", HX_Request="true", HX_Target="player-timeline")
    assert queries <= MAX_QUERIES and rows <= MAX_ROWS
    assert last.content.decode().count('class="tl-item') == BIG - (pages - 1) * TIMELINE_PAGE
    assert f"Page {pages} of {pages}" in last.content.decode()


@pytest.mark.django_db
def test_the_database_groups_sources_as_the_figures_count_them() -> None:
    rumour = rumour_make(400, sources=30)
    claims = Claim.objects.filter(rumour=rumour).select_related("article", "article__copy_of")
    expected = {original_source(c) for c in claims.prefetch_related("cited")}
    grouped = rumour_sources(rumour=rumour, limit=1000)
    assert len(grouped) == len(expected) == rumour.source_count
    assert sum(s.reports for s in grouped) == 400
    assert any(s.label.startswith("Unattributed story") for s in grouped)
    days = [s.first_reported for s in grouped]
    assert None not in days and days == sorted(d for d in days if d is not None)
