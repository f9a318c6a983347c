"""An API upload lands exactly as the same batch through the upload page: the same items, added, duplicates of
the same article and refused for the same reasons, read and tagged by a real Celery worker."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from articles.models import Article, ArticleStatus, Upload
from tests.conftest import wait_until
from tests.kb import INTEREST_ARTICLE

from .conftest import api_world_make, bearer

pytestmark = pytest.mark.worker

NAPOLI = (
    "Napoli have opened talks with AC Milan over Fikayo Tomori, according to reports in Naples. The defender "
    "is said to be open to a move south before the window closes."
)
BATCH: list[Any] = [
    {"title": "Juventus want Tomori", "text": INTEREST_ARTICLE, "outlet": "Tuttosport", "published": "2025-06-03"},
    {"title": "A broken line", "text": "Juventus want Tomori \u0000 and this line holds a NUL character."},
    {"title": "Nothing in it", "text": ""},
    {"title": "Napoli talks", "text": NAPOLI, "published": "2025-06-05", "language": "en"},
    {"title": "The same Juventus story again", "text": INTEREST_ARTICLE},
    {"title": "Known already", "text": "KNOWN"},
]


def _batch(known: Article) -> list[Any]:
    return [{**a, "text": known.text} if a["text"] == "KNOWN" else a for a in BATCH]


def _landed(client: Client, upload_url: str, **headers: Any) -> dict[str, Any]:
    """The upload as the API shows it once the worker read it and tagged what it added."""
    state: dict[str, Any] = {}

    def done() -> bool:
        state.update(client.get(upload_url, **headers).json())
        return state["status"] == "read" and state["progress"]["working"] == 0

    assert wait_until(done, 90), f"the worker did not finish the upload: {state}"
    return state


def _items(upload: Upload, known: Article) -> list[tuple[Any, ...]]:
    """Each item, an added article named by its text (ids differ between two uploads), a duplicate by the article."""
    rows = []
    for item in upload.items.select_related("article").order_by("position"):
        article = item.article
        same = "the known article" if article and article.pk == known.pk else (article.text[:40] if article else None)
        status = article.status if article and item.outcome == "added" else None
        rows.append((item.position, item.source, item.title, item.outcome, same, item.reason, status))
    return rows


def test_an_api_batch_lands_exactly_as_the_same_batch_through_the_upload_page(celery_worker_process: Any) -> None:
    world = api_world_make()
    client = Client()
    known = world.article
    editor = bearer(world.editor_token)
    response = client.post("/api/v1/articles/", {"articles": _batch(known)}, content_type="application/json", **editor)
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/uploads/{body['id']}/" and body["status"] in ("queued", "reading", "read")
    landed = _landed(client, body["url"], **editor)
    shown = [(i["position"], i["outcome"], i["duplicate_of"], i["reason"]) for i in landed["items"]]
    outcomes = ["added", "rejected", "rejected", "added", "duplicate", "duplicate"]
    assert [outcome for _, outcome, _, _ in shown] == outcomes
    assert shown[5][2] == known.pk and shown[4][2] == landed["items"][0]["article_id"]
    assert "NUL" in shown[1][3] or "null" in shown[1][3].lower()
    assert shown[2][3]
    by_api = Upload.objects.get(pk=body["id"])
    api_items = _items(by_api, known)
    assert {row[6] for row in api_items if row[3] == "added"} == {ArticleStatus.TAGGED}
    tagged = Article.objects.get(pk=landed["items"][0]["article_id"])
    assert tagged.claims.filter(player__name="Fikayo Tomori", club__name="Juventus").exists()

    # The same batch, as a .jsonl file on the upload page, once what the API added is gone again.
    Article.objects.filter(upload_items__upload=by_api, upload_items__outcome="added").delete()
    client.force_login(world.editor)
    lines = "".join(json.dumps(article) + "\n" for article in _batch(known)).encode("utf-8")
    page = client.post("/articles/new/", {"documents": [SimpleUploadedFile("batch.jsonl", lines)]})
    assert page.status_code == 302, page.content.decode()[:2000]
    by_page = Upload.objects.exclude(pk=by_api.pk).get()
    _landed(client, f"/api/v1/uploads/{by_page.pk}/")
    assert _items(by_page, known) == api_items
