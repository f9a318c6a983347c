"""Following from the pages (htmx and plain forms) and the watchlist."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleStatus, Claim
from articles.rumours.refresh import rumour_for
from following.models import Follow
from players.models import OutletKind
from tests.kb import SmallKb, small_kb_make

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
HTMX = {"HTTP_HX_REQUEST": "true"}
_texts = itertools.count()


@pytest.fixture
def kb() -> SmallKb:
    return small_kb_make()


@pytest.fixture
def member(client: Client):  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user("scout", password=PASSWORD)
    client.force_login(user)
    return user


def claim_make(kb: SmallKb, club, kind: str, day: dt.date, outlet=None, player=None) -> Claim:  # type: ignore[no-untyped-def]
    player = player or kb.tomori
    article = Article.objects.create(
        title=f"{club} and {player}: {kind}",
        text=f"Article {next(_texts)}: {club} are said to be at the {kind} stage for {player}, reports say.",
        outlet=outlet or kb.tuttosport,
        status=ArticleStatus.TAGGED,
        published=day,
    )
    rumour = rumour_for(player=player, club=club, kind=kind, reported_on=day)
    return Claim.objects.create(article=article, rumour=rumour, player=player, club=club, kind=kind)


def test_an_anonymous_visitor_is_asked_to_sign_in_to_follow(client: Client, kb: SmallKb) -> None:
    page = client.get(reverse("player_detail", args=[kb.tomori.pk])).content.decode()
    assert "Sign in to follow" in page
    assert f"/accounts/login/?next=/players/{kb.tomori.pk}/" in page
    response = client.post(reverse("follow", args=["player", kb.tomori.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("follow", args=["player", kb.tomori.pk]), **HTMX)
    assert response["HX-Redirect"].startswith(reverse("account_login"))
    assert not Follow.objects.exists()


def test_without_javascript_the_form_follows_and_goes_back_to_the_page(client: Client, kb: SmallKb, member) -> None:  # type: ignore[no-untyped-def]
    url = reverse("player_detail", args=[kb.tomori.pk])
    page = client.get(url).content.decode()
    assert f'action="{reverse("follow", args=["player", kb.tomori.pk])}"' in page and ">Follow</button>" in page
    response = client.post(reverse("follow", args=["player", kb.tomori.pk]), {"next": url + "?window=all"})
    assert response.status_code == 302 and response["Location"] == url + "?window=all"
    assert Follow.objects.follows(member, kb.tomori)
    page = client.get(url).content.decode()
    assert "Following" in page and ">Unfollow</button>" in page and ">Follow</button>" not in page
    response = client.post(reverse("unfollow", args=["player", kb.tomori.pk]), {"next": url})
    assert response["Location"] == url and not Follow.objects.follows(member, kb.tomori)


def test_with_htmx_the_answer_is_the_button_in_its_new_state(client: Client, kb: SmallKb, member) -> None:  # type: ignore[no-untyped-def]
    club_url = reverse("club_detail", args=[kb.juventus.key])
    answer = client.post(reverse("follow", args=["club", kb.juventus.pk]), {"next": club_url}, **HTMX)
    html = answer.content.decode()
    assert answer.status_code == 200 and "<html" not in html
    assert f'hx-post="{reverse("unfollow", args=["club", kb.juventus.pk])}"' in html and "Following" in html
    assert f'name="next" value="{club_url}"' in html
    answer = client.post(reverse("unfollow", args=["club", kb.juventus.pk]), {"next": club_url}, **HTMX)
    html = answer.content.decode()
    assert f'hx-post="{reverse("follow", args=["club", kb.juventus.pk])}"' in html and "Following" not in html
    assert not Follow.objects.of(member).exists()


def test_outlets_and_journalists_are_followed_from_their_pages(client: Client, kb: SmallKb, member) -> None:  # type: ignore[no-untyped-def]
    journalist = kb.tuttosport.__class__.objects.create(name="Gianluca Di Marzio", kind=OutletKind.JOURNALIST)
    for outlet in (kb.tuttosport, journalist):
        url = reverse("outlet_detail", args=[outlet.pk])
        assert ">Follow</button>" in client.get(url).content.decode()
        client.post(reverse("follow", args=["outlet", outlet.pk]), {"next": url})
    assert Follow.objects.of(member).ids()["outlet"] == {kb.tuttosport.pk, journalist.pk}
    page = client.get(reverse("watchlist")).content.decode()
    assert "Outlets" in page and "Journalists" in page and "Gianluca Di Marzio" in page


def test_an_unknown_target_or_a_foreign_next_is_refused_plainly(client: Client, kb: SmallKb, member) -> None:  # type: ignore[no-untyped-def]
    assert client.post(reverse("follow", args=["rumour", kb.tomori.pk])).status_code == 404
    assert client.post(reverse("follow", args=["player", 999_999])).status_code == 404
    assert client.get(reverse("follow", args=["player", kb.tomori.pk])).status_code == 405
    response = client.post(reverse("follow", args=["player", kb.tomori.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("player_detail", args=[kb.tomori.pk])  # its own page instead


def test_an_empty_watchlist_says_how_to_follow(client: Client, member) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("watchlist")).content.decode()
    assert "You follow nothing yet" in page and "press <strong>Follow</strong>" in page
    assert 'href="/watchlist/">Watchlist</a>' in page  # the header's link


def test_the_watchlist_shows_what_is_followed_with_its_claims_and_stage_changes(  # type: ignore[no-untyped-def]
    client: Client, kb: SmallKb, member, django_assert_max_num_queries
) -> None:
    claim_make(kb, kb.juventus, "interest", dt.date(2025, 6, 1))
    claim_make(kb, kb.juventus, "bid", dt.date(2025, 6, 10))
    other = kb.tomori.__class__.objects.create(name="Somebody Else")
    claim_make(kb, kb.napoli, "talks", dt.date(2025, 6, 5), player=other)  # followed through nothing
    Follow.objects.follow(member, kb.tomori)
    Follow.objects.follow(member, kb.milan)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("watchlist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fikayo Tomori" in page and "AC Milan" in page and page.count(">Unfollow</button>") == 2
    claims = page[page.index('id="watch-claims"') :]
    assert claims.index("10 Jun 2025") < claims.index("1 Jun 2025")  # newest first
    assert "Bid" in claims and "Tuttosport" in claims and "Somebody Else" not in page
    changes = page[page.index('id="watch-stage-changes"') : page.index('id="watch-claims"')]
    assert "Fikayo Tomori → Juventus" in changes and "Interest" in changes and "Bid" in changes


def test_the_watchlist_pages_its_claims(client: Client, kb: SmallKb, member) -> None:  # type: ignore[no-untyped-def]
    clubs = [kb.tomori.club.__class__.objects.create(key=f"xx/club-{n}", name=f"Club {n}") for n in range(25)]
    for n, club in enumerate(clubs):
        claim_make(kb, club, "interest", dt.date(2025, 5, 1) + dt.timedelta(days=n))
    Follow.objects.follow(member, kb.tomori)
    first = client.get(reverse("watchlist")).content.decode()
    assert first.count('class="watch-claim"') == 20 and "Page 1 of 2" in first
    second = client.get(reverse("watchlist") + "?page=2").content.decode()
    assert second.count('class="watch-claim"') == 5
