"""The club and outlet pages read only what they show (articles/pages/career.py, outlet_claims.py,
newest_claims.py), and show what grouping or sorting every claim would: checked here against that plain reading."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count, F, Q
from django.urls import reverse

from articles.models import Claim, Decision
from articles.pages import outlet_claims
from articles.pages.career import CONTRACT_KINDS, club_career
from articles.rumours.timeline import MAX_CAREER_ROWS, CareerBin, career_chart
from players.models import Club, Outlet, Player

from .conftest import bulk_story, claim_make


def every_bin(club: Club) -> list[CareerBin]:
    """The chart's bins from every claim about the club, grouped at once (what the page did before)."""
    squad = Player.objects.filter(club=club).values("pk")
    about = Q(club=club) | ((Q(from_club=club) | Q(player_id__in=squad)) & ~Q(club=club))
    dated = Claim.objects.live().filter(about, article__published__isnull=False).exclude(kind__in=CONTRACT_KINDS)
    fields = ("player_id", "player__name", "club_id", "club__name", "rumour__window", "kind", "rumour__stage")
    bins = []
    for pk, name, to_id, to, window, kind, stage, n in dated.values_list(*fields).annotate(n=Count("id")).order_by():
        row, label = (f"in:{pk}", f"{name} ←") if to_id == club.pk else (f"out:{pk}:{to_id}", f"{name} → {to}")
        bins.append(CareerBin(row, label, reverse("player_detail", args=[pk]), window, kind, n, stage))
    return bins


@pytest.mark.django_db
def test_the_club_chart_reads_only_its_rows_and_draws_what_every_claim_would() -> None:
    home = Club.objects.create(key="xx/home", name="Home FC")
    others = [Club.objects.create(key=f"xx/other-{n}", name=f"Other {n}") for n in range(3)]
    squad = [Player.objects.create(name=f"Squad {n}", club=home, status="verified") for n in range(4)]
    coming = [Player.objects.create(name=f"Coming {n:02d}", club=others[0], status="verified") for n in range(16)]
    gone = Player.objects.create(name="Gone Away", club=others[1], status="verified")  # left: only from_club says so
    day = dt.date(2019, 5, 1)
    for n, player in enumerate(coming):  # more rows than the chart draws, over years of windows
        claim_make(player=player, club=home, kind="interest", day=day + dt.timedelta(days=97 * n))
        claim_make(player=player, club=home, kind="bid", day=day + dt.timedelta(days=97 * n + 3))
    for n, player in enumerate(squad):
        claim_make(player=player, club=others[n % 3], kind="talks", day=dt.date(2026, 1, 10 + n))
    claim_make(player=gone, club=others[2], kind="agreement", day=dt.date(2026, 2, 1), from_club=home)
    claim_make(player=gone, club=others[2], kind="interest", day=dt.date(2025, 12, 1))  # not about leaving home
    claim_make(player=coming[0], club=home, kind="talks", day=None)  # type: ignore[arg-type]  # undated: no window
    claim_make(player=coming[1], club=home, kind="talks", day=dt.date(2026, 3, 1), decision=Decision.REJECTED)
    claim_make(player=squad[0], club=home, kind="renewal", day=dt.date(2026, 3, 2))  # a contract: not a move
    career = club_career(home)
    shown = career_chart(career.bins, span=career.span, more_rows=career.more_rows)
    assert shown == career_chart(every_bin(home))
    assert shown is not None and len(shown.rows) == MAX_CAREER_ROWS and shown.left_out_rows > 0
    assert "Gone Away → Other 2" in [row.label for row in shown.rows]
    assert len({b.row for b in career.bins}) == MAX_CAREER_ROWS  # only the rows it draws were read
    assert club_career(Club.objects.create(key="xx/empty", name="Empty")).bins == []


def newest_first(outlet: Outlet) -> list[int]:
    claims = Claim.objects.live().filter(Q(article__outlet=outlet) | Q(cited=outlet)).distinct()
    return list(claims.order_by(F("article__published").desc(nulls_last=True), "-id").values_list("pk", flat=True))


@pytest.mark.django_db
def test_an_outlets_claims_come_newest_first_counted_up_to_a_cap_past_the_page(client, story, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    bulk_story(40)
    outlet = Outlet.objects.get(name__startswith="Bulk Outlet", name__endswith="-0")  # 40 published, 40 cited
    monkeypatch.setattr(outlet_claims, "COUNT_CAP", 30)
    url = reverse("outlet_detail", args=[outlet.pk])
    html = client.get(url).content.decode()
    assert "30+ claims published or cited" in html and "Page 1 of 1+" in html and "Next" in html
    seen = [c.pk for n in range(1, 5) for c in client.get(url, {"page": n}).context["page"].object_list]
    assert seen == newest_first(outlet) and len(seen) == 80
    last = client.get(url, {"page": 4}).content.decode()
    assert "80 claims published or cited" in last and "Page 4 of 4" in last
    past = client.get(url, {"page": 99}).context["page"]  # past the end: the last page, as before
    assert past.number == 4 and [c.pk for c in past.object_list] == newest_first(outlet)[75:]


@pytest.mark.django_db
def test_a_clubs_claims_come_newest_first_a_page_at_a_time(client, story) -> None:  # type: ignore[no-untyped-def]
    bulk_story(40)
    club = Club.objects.get(key__startswith="xx/bulk-", key__endswith="-1")
    url = reverse("club_detail", args=[club.key])
    claims = Claim.objects.live().filter(club=club).exclude(kind__in=CONTRACT_KINDS)
    expected = list(claims.order_by(F("article__published").desc(nulls_last=True), "-id").values_list("pk", flat=True))
    pages = [client.get(url, {"page": n}).context["page"] for n in (1, 2)]
    assert [c.pk for page in pages for c in page.object_list] == expected and pages[0].paginator.count == 30
