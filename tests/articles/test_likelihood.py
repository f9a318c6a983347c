from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Claim, Kind, LikelihoodFit, Rumour, Settlement
from articles.rumours.likelihood import backtest, examples_build, factors_at, history_load
from articles.rumours.refresh import rumour_for, rumours_refresh
from players.models import Club, Outlet, Player
from tests.factories import ArticleFactory, ClubFactory, OutletFactory, PlayerFactory


def report(outlet: Outlet, player: Player, club: Club, kind: str, day: dt.date) -> Rumour:
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=day)
    article: Article = ArticleFactory.create(published=day, outlet=outlet)
    Claim.objects.create(article=article, rumour=rumour, player=player, club=club, kind=kind)
    rumours_refresh(rumour_ids=[rumour.pk])
    return rumour


def settle(rumour: Rumour, outcome: str, on: dt.date) -> None:
    Rumour.objects.filter(pk=rumour.pk).update(outcome=outcome, settled_on=on, outcome_stale=False)


def history_generate(rumours: int, seed: int = 7) -> dict[str, float]:
    """Links from a reliable and an unreliable outlet, over three years, ending as each outlet's accuracy says."""
    chance = random.Random(seed)
    accuracy = {OutletFactory.create(name="Reliable"): 0.8, OutletFactory.create(name="Unreliable"): 0.2}
    for i in range(rumours):
        outlet = chance.choice(list(accuracy))
        day = dt.date(2019, 6, 1) + dt.timedelta(days=i * 1000 // rumours)
        rumour = report(outlet, PlayerFactory.create(), ClubFactory.create(), chance.choice(["interest", "talks"]), day)
        fulfilled = chance.random() < accuracy[outlet]
        settle(rumour, Settlement.FULFILLED if fulfilled else Settlement.DENIED, day + dt.timedelta(days=60))
    return {outlet.name: value for outlet, value in accuracy.items()}


@pytest.mark.django_db
def test_the_factors_at_a_date_use_nothing_that_came_later() -> None:
    outlet: Outlet = OutletFactory.create()
    player: Player = PlayerFactory.create()
    club: Club = ClubFactory.create()
    day = dt.date(2025, 6, 10)
    rumour = report(outlet, player, club, Kind.INTEREST, day)
    earlier = report(outlet, PlayerFactory.create(), ClubFactory.create(), Kind.TALKS, dt.date(2025, 5, 1))
    settle(earlier, Settlement.FULFILLED, dt.date(2025, 6, 1))
    history = history_load()
    before = factors_at(history, rumour.pk, day, history.outlet_hit_rates(before=day))

    # Later news: the rumour advances and is denied, a rival club appears, and another of the outlet's links fails.
    report(OutletFactory.create(), player, club, Kind.BID, dt.date(2025, 6, 20))
    report(outlet, player, club, Kind.DENIAL, dt.date(2025, 6, 25))
    report(outlet, player, ClubFactory.create(), Kind.TALKS, dt.date(2025, 6, 21))
    failed = report(outlet, PlayerFactory.create(), ClubFactory.create(), Kind.TALKS, dt.date(2025, 5, 2))
    settle(failed, Settlement.DENIED, dt.date(2025, 6, 15))
    history = history_load()
    assert factors_at(history, rumour.pk, day, history.outlet_hit_rates(before=day)) == before
    assert (
        factors_at(history, rumour.pk, dt.date(2025, 6, 30), history.outlet_hit_rates(before=dt.date(2025, 6, 30)))
        != before
    )
    assert before[2] == pytest.approx(2 / 3 - 0.5)  # the one fulfilled link settled before the day, shrunk


@pytest.mark.django_db
def test_each_example_is_dated_before_its_rumour_settled_and_the_backtest_trains_on_the_past_only() -> None:
    history_generate(60)
    examples = examples_build(history_load())
    assert examples and all(e.day < e.settled_on for e in examples)
    assert [e.day for e in examples] == sorted(e.day for e in examples)


@pytest.mark.django_db
def test_on_generated_history_the_model_beats_the_base_rate_and_stage_alone() -> None:
    history_generate(160)
    tested = backtest(examples_build(history_load()))
    assert tested is not None
    assert tested.model.brier < tested.base_rate.brier
    assert tested.model.brier < tested.stage_alone.brier
    assert sum(n for *_, n in tested.reliability) == tested.examples


@pytest.mark.django_db
def test_evaluate_likelihood_prints_the_backtest_and_scores_open_rumours(capsys: pytest.CaptureFixture[str]) -> None:
    history_generate(120)
    reliable = Outlet.objects.get(name="Reliable")
    unreliable = Outlet.objects.get(name="Unreliable")
    today = dt.date.today()
    good = report(reliable, PlayerFactory.create(), ClubFactory.create(), Kind.TALKS, today)
    bad = report(unreliable, PlayerFactory.create(), ClubFactory.create(), Kind.TALKS, today)
    call_command("evaluate_likelihood")
    printed = capsys.readouterr().out
    assert "base rate" in printed and "stage alone" in printed and "decile" in printed
    assert LikelihoodFit.objects.latest().backtest["examples"] > 0
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.likelihood is not None and bad.likelihood is not None
    assert good.likelihood > bad.likelihood
    assert len(good.likelihood_why) == 3
    assert good.likelihood_why[0]["factor"] == "the track records of its outlets"


@pytest.mark.django_db
def test_the_pages_show_the_likelihood_its_reasons_and_the_backtest(client) -> None:  # type: ignore[no-untyped-def]
    history_generate(120)
    rumour = report(
        Outlet.objects.get(name="Reliable"), PlayerFactory.create(), ClubFactory.create(), Kind.TALKS, dt.date.today()
    )
    call_command("evaluate_likelihood", stdout=io.StringIO())
    rumour.refresh_from_db()
    assert rumour.likelihood is not None
    percent = f"<strong>{round(rumour.likelihood * 100)}%</strong> likely"
    for url in (reverse("rumour_detail", args=[rumour.pk]), reverse("player_detail", args=[rumour.player_id])):
        html = client.get(url).content.decode()
        assert percent in html and "the track records of its outlets (raises it)" in html
    about = client.get(reverse("about_likelihood")).content.decode()
    fit = LikelihoodFit.objects.latest()
    assert f"Backtest of {fit.fitted_at:%-d %b %Y}" in about
    assert f'<td class="num">{fit.backtest["model"]["brier"]}</td>' in about
