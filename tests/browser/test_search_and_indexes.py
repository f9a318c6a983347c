"""Finding things by name in a real browser: the search dropdown (mouse and keyboard alone), names that ask
which one, the index pages with Back and Forward, and axe-core over every kind of page.
Screenshots at 1280 and 390 px go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Claim
from articles.pages.activity import activity_refresh
from rumourtracker.roles import editor_grant
from tests.browser.axe import axe_violations
from tests.browser.test_first_slice import sign_in
from tests.dashboard.conftest import claim_make
from tests.kb import NamesKb, names_kb_make

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WIDTHS = (1280, 390)


@pytest.fixture
def kb(transactional_db) -> NamesKb:  # type: ignore[no-untyped-def]
    kb = names_kb_make()
    small = kb.small
    claim_make(
        player=small.tomori, club=small.juventus, kind="interest", day=dt.date(2025, 6, 2), outlet=small.tuttosport
    )
    claim_make(
        player=small.tomori, club=small.napoli, kind="renewal", day=dt.date(2025, 6, 20), cited=(small.tuttosport,)
    )
    claim_make(player=kb.mbappe, club=kb.real_madrid, kind="renewal", day=dt.date(2025, 6, 25), outlet=kb.romano)
    activity_refresh()
    return kb


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.viewport_size['width']}.png"), full_page=False)


def options_of(page, box: str):  # type: ignore[no-untyped-def]
    return page.locator(f"#{box}-suggestions [role=option]")


def test_typing_juve_offers_juventus_first_then_juve_stabia_with_its_league(browser_context, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        page = browser_context(viewport={"width": width, "height": 800}).new_page()
        page.goto(live_server.url + "/")
        page.locator("#home-q").press_sequentially("Juve", delay=40)
        options = options_of(page, "home")
        expect(options.first).to_contain_text("Juventus")
        expect(options.nth(1)).to_contain_text("SS Juve Stabia")
        expect(options.nth(1)).to_contain_text("Italian Serie B")
        expect(page.locator("#home-q")).to_have_attribute("aria-expanded", "true")
        shoot(page, "dropdown")


def test_the_dropdown_works_by_keyboard_alone(page, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/articles/")
    box = page.locator("#nav-q")
    box.focus()
    box.press_sequentially("Tomor", delay=40)
    expect(options_of(page, "nav").first).to_contain_text("Fikayo Tomori")
    box.press("ArrowDown")
    expect(options_of(page, "nav").first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "nav-suggestions-1")
    box.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/players/{kb.small.tomori.pk}/")
    box = page.locator("#nav-q")
    box.press_sequentially("Juve", delay=40)
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#nav-suggestions")).to_be_hidden()


def test_mbappe_without_accent_finds_his_page_and_enter_alone_goes_to_the_results(page, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    box = page.locator("#home-q")
    box.press_sequentially("Mbappe", delay=40)
    expect(options_of(page, "home").first).to_contain_text("Kylian Mbappé")
    options_of(page, "home").first.click()
    expect(page).to_have_url(f"{live_server.url}/players/{kb.mbappe.pk}/")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/")
        page.locator("#home-q").fill("Tomori")
        page.locator("#home-q").press("Enter")
        expect(page).to_have_url(f"{live_server.url}/search/?q=Tomori")
        expect(page.locator(".entity-hits")).to_contain_text("Fikayo Tomori")
        expect(page.locator(".snippet mark").first).to_have_text("Tomori")
        shoot(page, "results")


def test_a_shared_name_in_a_filter_asks_which(page, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/articles/")
    page.get_by_label("Club", exact=True).fill("Inter")
    page.get_by_label("Club", exact=True).press("Enter")
    expect(page.locator(".name-question")).to_contain_text("Which club do you mean by “Inter”?")
    expect(page.locator(".name-question li").first).to_contain_text("FC Internazionale Milano")
    expect(page).to_have_url(
        f"{live_server.url}/articles/?q=&club=Inter&player=&outlet=&role=&kind=&language=&status=&since=&until="
    )


def test_choosing_juventus_in_the_editor_form_saves_juventus(page, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    editor_grant(get_user_model().objects.create_user("editor", password="a-long-test-password"))
    sign_in(page, live_server.url, "editor", "a-long-test-password")
    article = Claim.objects.get(club=kb.small.napoli).article
    page.goto(f"{live_server.url}/articles/{article.pk}/claims/new/")
    page.locator("#id_player").fill("Tomori")
    page.locator("#id_club").fill("Juve")
    page.get_by_role("button", name="Add the claim").click()
    expect(page.get_by_text("Several clubs go by “Juve”: pick one.")).to_be_visible()
    assert not Claim.objects.filter(article=article, club=kb.small.juventus).exists()
    page.locator("#id_club").select_option(label="Juventus (IT, Italian Serie A)")
    page.get_by_role("button", name="Add the claim").click()
    expect(page).to_have_url(f"{live_server.url}/articles/{article.pk}/")
    assert Claim.objects.get(article=article, added_by_editor=True).club == kb.small.juventus


def test_back_after_two_filter_changes_restores_the_first_with_its_form(page, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/clubs/")
    page.get_by_label("League").select_option("it.1")
    expect(page).to_have_url(f"{live_server.url}/clubs/?sort=activity&league=it.1&country=")
    expect(page.locator("#index-results")).not_to_contain_text("Real Madrid")
    page.get_by_label("Sort by").select_option("name")
    expect(page).to_have_url(f"{live_server.url}/clubs/?sort=name&league=it.1&country=")
    expect(page.locator("#index-results tbody tr").first).to_contain_text("AC Milan")
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/clubs/?sort=activity&league=it.1&country=")
    expect(page.get_by_label("League")).to_have_value("it.1")
    expect(page.get_by_label("Sort by")).to_have_value("activity")
    expect(page.locator("#index-results tbody tr").first).to_contain_text("Juventus")
    page.go_forward()
    expect(page.get_by_label("Sort by")).to_have_value("name")


def test_the_index_pages_look_right_at_both_widths(browser_context, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        page = browser_context(viewport={"width": width, "height": 900}).new_page()
        for name in ("players", "clubs", "outlets"):
            response = page.goto(f"{live_server.url}/{name}/")
            assert response is not None and response.status == 200
            expect(page.locator("#index-results tbody tr").first).to_be_visible()
            shoot(page, f"index-{name}")


def test_axe_finds_nothing_on_any_kind_of_page(page, live_server, kb) -> None:  # type: ignore[no-untyped-def]
    small = kb.small
    claim = Claim.objects.filter(kind="renewal").first()
    assert claim is not None
    paths = [
        "/",
        "/articles/",
        f"/articles/{claim.article_id}/",
        f"/players/{small.tomori.pk}/",
        f"/clubs/{small.juventus.key}/",
        f"/rumours/{claim.rumour_id}/",
        f"/outlets/{small.tuttosport.pk}/",
        "/players/",
        "/clubs/",
        "/outlets/",
        "/search/?q=Juve",
        "/articles/?club=Inter",
        "/accounts/login/",
    ]
    found = {}
    for path in paths:
        page.goto(live_server.url + path)
        if violations := axe_violations(page):
            found[path] = violations
    page.goto(live_server.url + "/")
    page.locator("#home-q").press_sequentially("Juve", delay=40)
    expect(options_of(page, "home").first).to_be_visible()
    if violations := axe_violations(page):
        found["the open dropdown"] = violations
    assert found == {}
    page.set_content('<img src="x.png"><a href="#"></a>')  # axe is live: it does flag a page that fails
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    assert page.request.get(live_server.url + "/favicon.ico").status == 200
