from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article, Claim, Decision, Kind, Rumour, Settlement
from articles.rumours.records import LEAGUE_MIN_SETTLED, outlet_league, outlet_records, wilson_interval
from articles.rumours.refresh import rumour_for, rumours_refresh
from players.models import Club, Outlet, Player
from tests.factories import ArticleFactory, ClubFactory, OutletFactory, PlayerFactory


def reported(outlet: Outlet, kind: str, day: dt.date, outcome: str, **extra: object) -> Rumour:
    """A new link that `outlet` reported on `day`, stored as ending in `outcome` on the 1 September after."""
    player: Player = PlayerFactory.create()
    club: Club = ClubFactory.create()
    return link_claim(outlet, player, club, kind, day, outcome=outcome, **extra)


def link_claim(
    outlet: Outlet, player: Player, club: Club, kind: str, day: dt.date, outcome: str, **extra: object
) -> Rumour:
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=day)
    article: Article = ArticleFactory.create(published=day, outlet=outlet)
    Claim.objects.create(article=article, rumour=rumour, player=player, club=club, kind=kind, **extra)
    rumours_refresh(rumour_ids=[rumour.pk])
    settled_on = dt.date(day.year, 9, 1) if outcome != Settlement.OPEN else None
    Rumour.objects.filter(pk=rumour.pk).update(outcome=outcome, settled_on=settled_on, outcome_stale=False)
    return rumour


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [(0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (81, 100, 0.7222, 0.8749), (10, 10, 0.7225, 1.0)],
)
def test_the_wilson_interval_matches_published_values(successes: int, n: int, low: float, high: float) -> None:
    assert wilson_interval(successes, n) == pytest.approx((low, high), abs=1e-4)


def test_the_wilson_interval_of_nothing_is_everything() -> None:
    assert wilson_interval(0, 0) == (0.0, 1.0)


@pytest.mark.django_db
def test_an_outlets_record_counts_each_link_once_by_outcome_stage_and_editor() -> None:
    outlet: Outlet = OutletFactory.create()
    day = dt.date(2025, 6, 1)
    talks = reported(outlet, Kind.TALKS, day, Settlement.FULFILLED, decision=Decision.CONFIRMED)
    second: Article = ArticleFactory.create(published=dt.date(2025, 6, 5), outlet=outlet)
    Claim.objects.create(article=second, rumour=talks, player=talks.player, club=talks.club, kind=Kind.BID)
    reported(outlet, Kind.INTEREST, day, Settlement.ELSEWHERE)
    reported(outlet, Kind.INTEREST, day, Settlement.DENIED)
    reported(outlet, Kind.INTEREST, day, Settlement.LAPSED)
    reported(outlet, Kind.INTEREST, day, Settlement.OPEN)

    record = outlet_records(outlet=outlet)["published"]
    total = record.total
    assert (total.reported, total.settled, total.claims, total.confirmed) == (5, 3, 6, 1)
    assert [total.count(o) for o in Settlement.values] == [1, 1, 1, 1, 1]  # open, fulfilled, elsewhere, ...
    assert total.hit_rate == pytest.approx(1 / 3)
    assert total.interval == pytest.approx(wilson_interval(1, 3))
    assert [(stage, tally.reported) for stage, tally in record.stages()] == [("Interest", 4), ("Bid", 1)]
    assert record.first_on_fulfilled == 1
    assert record.median_lead_days == (dt.date(2025, 9, 1) - day).days
    assert outlet_records(outlet=outlet)["cited"].total.reported == 0


@pytest.mark.django_db
def test_citations_count_apart_and_only_the_first_reporter_is_first() -> None:
    early: Outlet = OutletFactory.create()
    late: Outlet = OutletFactory.create()
    rumour = reported(early, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED)
    copy: Article = ArticleFactory.create(published=dt.date(2025, 6, 3), outlet=late)
    citing = Claim.objects.create(article=copy, rumour=rumour, player=rumour.player, club=rumour.club, kind=Kind.TALKS)
    citing.cited.add(early)

    assert outlet_records(outlet=late)["published"].first_on_fulfilled == 0
    assert outlet_records(outlet=late)["published"].median_lead_days == 90
    cited = outlet_records(outlet=early)["cited"]
    assert (cited.total.reported, cited.total.count(Settlement.FULFILLED)) == (1, 1)


@pytest.mark.django_db
def test_the_league_ranks_only_outlets_with_enough_settled_links() -> None:
    thin: Outlet = OutletFactory.create(name="Thin")
    for _ in range(3):
        reported(thin, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED)
    sure: Outlet = OutletFactory.create(name="Sure")
    loose: Outlet = OutletFactory.create(name="Loose")
    for i in range(LEAGUE_MIN_SETTLED):
        reported(sure, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED if i < 8 else Settlement.DENIED)
        reported(loose, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED if i < 3 else Settlement.ELSEWHERE)

    league = outlet_league()
    assert [(row.name, row.rank) for row in league] == [("Sure", 1), ("Loose", 2), ("Thin", None)]
    assert league[2].tally.hit_rate == 1.0  # a perfect record on three links still earns no rank
    assert league[0].tally.settled == LEAGUE_MIN_SETTLED


@pytest.mark.django_db
def test_the_league_table_shows_an_unranked_outlet_as_unranked() -> None:
    thin: Outlet = OutletFactory.create(name="Thin")
    for _ in range(3):
        reported(thin, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED)
    html = render_to_string(
        "articles/includes/outlet_league.html",
        {"league": outlet_league(), "league_min_settled": LEAGUE_MIN_SETTLED},
    )
    row = html[html.index(">Thin<") - 400 : html.index(">Thin<")]
    assert "unranked" in row
    assert "100% (44–100%, n = 3)" in html


@pytest.mark.django_db
def test_the_outlet_page_shows_both_records_with_a_chart(client) -> None:  # type: ignore[no-untyped-def]
    outlet: Outlet = OutletFactory.create()
    reported(outlet, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED, decision=Decision.CONFIRMED)
    reported(outlet, Kind.BID, dt.date(2025, 6, 1), Settlement.DENIED)
    response = client.get(reverse("outlet_detail", args=[outlet.pk]))
    html = response.content.decode()
    assert 'id="record-published"' in html and 'id="record-cited"' in html
    assert "Hit rate <strong>50%</strong>" in html
    assert 'aria-label="2 links: 1 fulfilled, 0 went elsewhere, 1 denied, 0 lapsed, 0 open"' in html
    assert "1 of 2 claims confirmed by an editor" in html
    assert "style=" not in html


@pytest.mark.django_db
def test_the_outlet_index_sorted_by_record_shows_the_league(client) -> None:  # type: ignore[no-untyped-def]
    thin: Outlet = OutletFactory.create(name="Thin")
    for _ in range(3):
        reported(thin, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED)
    html = client.get(reverse("outlet_index") + "?sort=record").content.decode()
    assert 'id="outlet-league"' in html and "unranked" in html and ">Thin<" in html
    assert 'id="outlet-league"' not in client.get(reverse("outlet_index")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_outlet_page_reads_its_record_afresh_once_rumours_settle(client) -> None:  # type: ignore[no-untyped-def]
    """The page keeps the record in the cache; settling outcomes (the task's function) shows the new one."""
    from articles.rumours.outcomes import outcomes_settle

    outlet: Outlet = OutletFactory.create()
    rumour = reported(outlet, Kind.TALKS, dt.date(2025, 6, 1), Settlement.FULFILLED)
    page = reverse("outlet_detail", args=[outlet.pk])
    assert "Hit rate <strong>100%</strong>" in client.get(page).content.decode()
    Rumour.objects.filter(pk=rumour.pk).update(outcome=Settlement.DENIED)
    assert "Hit rate <strong>100%</strong>" in client.get(page).content.decode()  # still the cached record
    outcomes_settle(player_ids=[rumour.player_id])  # nothing moved him: the link lapsed, so it is not a hit
    assert "Hit rate <strong>100%</strong>" not in client.get(page).content.decode()
