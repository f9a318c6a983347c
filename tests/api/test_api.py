"""The API reads what the pages show, with their filters; names in question answer 400; pages are cursors;
every request costs a bounded number of queries; tokens, roles and rate limits hold."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from api.models import ApiToken, token_hash
from articles.models import AuditLog, Claim, Decision, Upload
from tests.dashboard.conftest import article_make, claim_make
from tests.uploads import pasted

from .conftest import ApiWorld, bearer


def _get(client: Client, path: str, **headers: Any) -> dict[str, Any]:
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def _ids(body: dict[str, Any]) -> list[int]:
    return [row["id"] for row in body["results"]]


def test_lists_and_details_show_what_the_pages_show(client: Client, api_world: ApiWorld) -> None:
    kb = api_world.kb
    players = _get(client, "/api/v1/players/?position=&country=")
    assert {p["name"] for p in players["results"]} >= {"Fikayo Tomori", "Kylian Mbappé"}
    journalists = _get(client, "/api/v1/outlets/?kind=journalist")
    assert [o["name"] for o in journalists["results"]] == ["Fabrizio Romano"]
    rumours = _get(client, "/api/v1/rumours/?player=Tomori")
    assert [(r["club"]["name"], r["stage"], r["claim_count"]) for r in rumours["results"]] == [("Juventus", "bid", 2)]
    assert set(rumours["results"][0]) >= {"likelihood", "likelihood_why", "outcome", "settled_on", "lapses_on"}
    detail = _get(client, rumours["results"][0]["url"])
    assert [c["kind"] for c in detail["timeline"]] == ["interest", "bid"]
    assert detail["timeline_more"].endswith(f"/api/v1/claims/?rumour={detail['id']}")
    timeline = _get(client, detail["timeline_more"])
    assert sorted(_ids(timeline)) == sorted([api_world.interest.pk, api_world.bid.pk])
    claims = _get(client, "/api/v1/claims/?club=Bayern")
    assert _ids(claims) == [api_world.madrid.pk]
    article = _get(client, f"/api/v1/articles/{api_world.article.pk}/")
    assert article["text"] == api_world.article.text and article["claims"][0]["player"]["name"] == "Fikayo Tomori"
    club = _get(client, f"/api/v1/clubs/{kb.small.juventus.pk}/")
    assert club["key"] == "it/juventus" and club["page"].endswith("/clubs/it/juventus/")


@pytest.mark.parametrize(
    "query",
    [
        "player=Tomori",
        "club=Juventus&kind=bid",
        "outlet=Tuttosport&role=cited",
        "outlet=Fabrizio Romano&role=publisher",
        "since=2025-06-10&until=2025-06-30",
        "q=Mbappé",
        "language=en&status=tagged",
    ],
)
def test_the_article_filters_select_what_the_article_page_selects(
    client: Client, api_world: ApiWorld, query: str
) -> None:
    page = client.get(f"/articles/?{query}").content.decode()
    on_page = {int(pk) for pk in re.findall(r'href="/articles/(\d+)/"', page)}
    from_api = set(_ids(_get(client, f"/api/v1/articles/?{query}")))
    assert from_api == on_page and from_api


def test_a_name_in_question_answers_400_with_the_choices_or_the_closest_names(
    client: Client, api_world: ApiWorld
) -> None:
    ambiguous = client.get("/api/v1/articles/?club=Juve")
    assert ambiguous.status_code == 400
    question = ambiguous.json()["names"]["club"]
    assert question["problem"] == "ambiguous" and question["typed"] == "Juve"
    assert [c["value"] for c in question["choices"]] == ["it/juventus", "it/ss-juve-stabia"]  # most prominent first
    unknown = client.get("/api/v1/claims/?player=Tomorri")
    assert unknown.status_code == 400
    assert unknown.json()["names"]["player"]["problem"] == "unknown"
    assert "Fikayo Tomori" in [c["label"].split(" (")[0] for c in unknown.json()["names"]["player"]["choices"]]
    picked = _get(client, "/api/v1/articles/?club=it/juventus")
    assert set(_ids(picked)) == {api_world.interest.article_id, api_world.bid.article_id}
    nobody = client.get("/api/v1/rumours/?club=Qwxyzzz")
    assert nobody.status_code == 400 and nobody.json()["names"]["club"]["choices"] == []


def test_a_value_a_filter_cannot_use_answers_400_naming_it(client: Client, api_world: ApiWorld) -> None:
    response = client.get("/api/v1/claims/?kind=rumour&since=yesterday")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"kind", "since"}
    assert client.get("/api/v1/players/?position=XX").status_code == 400


def test_pages_are_cursors_bounded_in_size_that_never_repeat_a_row(client: Client, api_world: ApiWorld) -> None:
    seen: list[int] = []
    url: str | None = "/api/v1/claims/?page_size=1"
    while url:
        body = _get(client, url)
        seen += _ids(body)
        url = body["next"]
    assert sorted(seen) == sorted(Claim.objects.live().values_list("pk", flat=True)) and len(seen) == len(set(seen))
    assert "cursor=" in _get(client, "/api/v1/claims/?page_size=1")["next"]
    assert len(_get(client, "/api/v1/players/?page_size=100000")["results"]) <= 200


def test_every_request_costs_at_most_ten_queries(
    client: Client, api_world: ApiWorld, django_assert_max_num_queries: Any
) -> None:
    kb = api_world.kb
    for day in range(1, 29):
        text = f"Inter Milan are in talks for Kylian Mbappé, report number {day} says. The deal is moving."
        article = article_make(title="", text=text, day=dt.date(2025, 8, day), outlet=kb.romano)
        claim_make(
            player=kb.mbappe,
            club=kb.inter,
            kind="talks",
            day=dt.date(2025, 8, day),
            article=article,
            cited=(kb.small.tuttosport,),
        )
    rumour = Claim.objects.filter(club=kb.inter).first().rumour  # type: ignore[union-attr]
    paths = [
        "/api/v1/players/",
        f"/api/v1/players/{kb.mbappe.pk}/",
        "/api/v1/clubs/",
        "/api/v1/outlets/?kind=journalist",
        "/api/v1/rumours/",
        f"/api/v1/rumours/{rumour.pk}/",
        "/api/v1/claims/?club=Inter Milan&page_size=50",
        "/api/v1/articles/?player=Mbappé&page_size=50",
        f"/api/v1/articles/{api_world.article.pk}/",
        "/api/v1/articles/?q=Mbappé",
    ]
    for path in paths:
        with django_assert_max_num_queries(10):
            _get(client, path, **bearer(api_world.member_token))
    upload = pasted("Napoli have asked about Fikayo Tomori, the Milan defender, say reports in Naples.").upload
    for path in ("/api/v1/uploads/", f"/api/v1/uploads/{upload.pk}/", f"/api/v1/uploads/{upload.pk}/items/"):
        with django_assert_max_num_queries(10):
            _get(client, path, **bearer(api_world.editor_token))


def test_reading_needs_an_account_when_the_site_says_so(client: Client, api_world: ApiWorld, settings: Any) -> None:
    settings.REQUIRE_LOGIN_TO_BROWSE = True
    refused = client.get("/api/v1/players/")
    assert refused.status_code == 401 and refused["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/v1/players/", **bearer(api_world.member_token)).status_code == 200


def test_a_readers_or_members_token_cannot_write(client: Client, api_world: ApiWorld) -> None:
    article = {"text": "Juventus want Fikayo Tomori, the Milan defender, according to Tuttosport today."}
    decision = reverse("api_claim_decision", args=[api_world.interest.pk])
    assert client.post("/api/v1/articles/", article, content_type="application/json").status_code == 401
    member = bearer(api_world.member_token)
    refused = client.post("/api/v1/articles/", article, content_type="application/json", **member)
    assert refused.status_code == 403 and "editor" in refused.json()["detail"]
    assert (
        client.post(decision, {"decision": "confirmed"}, content_type="application/json", **member).status_code == 403
    )
    # A signed-in editor's session does not write either: writing takes a personal token.
    client.force_login(api_world.editor)
    assert client.post(decision, {"decision": "confirmed"}, content_type="application/json").status_code == 403
    claim = Claim.objects.get(pk=api_world.interest.pk)
    assert claim.decision == Decision.NONE and not AuditLog.objects.exists()


def test_an_editors_token_decides_a_claim_as_the_article_page_does(client: Client, api_world: ApiWorld) -> None:
    editor = bearer(api_world.editor_token)
    url = reverse("api_claim_decision", args=[api_world.bid.pk])
    rejected = client.post(url, {"decision": "rejected"}, content_type="application/json", **editor)
    assert rejected.status_code == 200 and rejected.json()["decision"] == "rejected"
    log = AuditLog.objects.get()
    assert log.actor == api_world.editor and log.action == "reject" and log.claim_ref == api_world.bid.pk
    rumour = _get(client, f"/api/v1/rumours/{api_world.bid.rumour_id}/")
    assert (rumour["stage"], rumour["claim_count"]) == ("interest", 1)  # the rumour was recomputed
    assert client.get(f"/api/v1/claims/{api_world.bid.pk}/").status_code == 404  # readers see live claims only
    assert client.get(f"/api/v1/claims/{api_world.bid.pk}/", **editor).status_code == 200
    wrong = client.post(url, {"decision": "maybe"}, content_type="application/json", **editor)
    assert wrong.status_code == 400 and "decision" in wrong.json()["errors"]


def test_a_revoked_or_unknown_token_is_refused(client: Client, api_world: ApiWorld) -> None:
    ApiToken.objects.filter(key_hash=token_hash(api_world.member_token)).delete()
    refused = client.get("/api/v1/players/", **bearer(api_world.member_token))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert client.get("/api/v1/players/", HTTP_AUTHORIZATION="Bearer").status_code == 401


def test_too_many_requests_answer_429_with_retry_after(client: Client, api_world: ApiWorld, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "5/min"}}
    assert [client.get("/api/v1/clubs/").status_code for _ in range(4)] == [200, 200, 200, 429]
    throttled = client.get("/api/v1/clubs/")
    assert throttled.status_code == 429 and 0 < int(throttled["Retry-After"]) <= 60
    assert "throttled" in throttled.json()["detail"].lower()
    # An account counts apart from the address it comes from.
    member = bearer(api_world.member_token)
    assert [client.get("/api/v1/clubs/", **member).status_code for _ in range(6)] == [200] * 5 + [429]


def test_uploads_count_in_the_upload_pages_hourly_limit(client: Client, api_world: ApiWorld, settings: Any) -> None:
    settings.UPLOADS_PER_HOUR = 1
    editor = bearer(api_world.editor_token)
    body = {"text": "Napoli have asked about Fikayo Tomori, the Milan defender, say reports in Naples."}
    assert client.post("/api/v1/articles/", body, content_type="application/json", **editor).status_code == 202
    again = client.post("/api/v1/articles/", body, content_type="application/json", **editor)
    assert again.status_code == 429 and int(again["Retry-After"]) > 0
    assert "uploads in the past hour" in again.json()["detail"]


def test_an_upload_with_nothing_in_it_or_too_much_is_refused(
    client: Client, api_world: ApiWorld, settings: Any
) -> None:
    editor = bearer(api_world.editor_token)
    empty = client.post("/api/v1/articles/", {"title": "only a title"}, content_type="application/json", **editor)
    assert empty.status_code == 400 and "nothing to add" in str(empty.json()["errors"])
    settings.INGEST_MAX_UPLOAD_BYTES = 1000
    big = client.post("/api/v1/articles/", {"text": "x" * 2000}, content_type="application/json", **editor)
    assert big.status_code == 413 and "larger" in big.json()["detail"]
    private = client.post(
        "/api/v1/articles/", {"link": "ftp://example.com/article"}, content_type="application/json", **editor
    )
    assert private.status_code == 400 and "link" in private.json()["errors"]


def test_the_token_page_makes_a_token_shown_once_and_revokes_it(client: Client, api_world: ApiWorld) -> None:
    client.force_login(api_world.member)
    made = client.post(reverse("api_token"), {"name": "my scraper"}).content.decode()
    token = re.search(r"data-token>(rt_[\w-]+)<", made).group(1)  # type: ignore[union-attr]
    assert "only a hash" in made
    page = client.get(reverse("api_token")).content.decode()
    assert token not in page and token[:9] in page and "my scraper" in page
    client.logout()
    assert client.get("/api/v1/uploads/", **bearer(token)).status_code == 200
    client.force_login(api_world.member)
    row = ApiToken.objects.get(key_hash=token_hash(token))
    assert client.post(reverse("api_token_revoke", args=[row.pk])).status_code == 302
    client.logout()
    assert client.get("/api/v1/uploads/", **bearer(token)).status_code == 401


def test_files_sent_as_multipart_are_stored_as_the_upload_pages_files(client: Client, api_world: ApiWorld) -> None:
    editor = bearer(api_world.editor_token)
    lines = b'{"title": "One", "text": "Juventus want Fikayo Tomori, the Milan defender, say reports today."}\n'
    files = [SimpleUploadedFile("mine.jsonl", lines), SimpleUploadedFile("empty.txt", b"")]
    response = client.post("/api/v1/articles/", {"documents": files, "outlet": "Tuttosport"}, **editor)
    assert response.status_code == 202, response.content
    upload = Upload.objects.get(pk=response.json()["id"])
    assert [(p.kind, p.name) for p in upload.parts.order_by("position")] == [
        ("file", "mine.jsonl"),
        ("file", "empty.txt"),
    ]
    assert upload.outlet == api_world.kb.small.tuttosport and upload.created_by == api_world.editor
    assert upload.label == "mine.jsonl, empty.txt"
