from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Upload, WorkerHeartbeat


@pytest.mark.django_db
def test_healthz_reports_database_broker_and_the_last_worker(client: Client) -> None:
    WorkerHeartbeat.objects.create(hostname="worker@test", last_seen=timezone.now())
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["database"] == "ok" and body["broker"] == "ok"
    assert body["worker_seconds_ago"] is not None and body["worker_seconds_ago"] < 5


@pytest.mark.django_db
def test_healthz_says_when_the_broker_is_unreachable(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"


def signed_in(client: Client) -> Client:
    client.force_login(get_user_model().objects.create_user("reporter", password="a-long-test-password"))
    return client


def worker_reported(*, seconds_ago: float) -> None:
    WorkerHeartbeat.objects.create(hostname="worker@test", last_seen=timezone.now() - dt.timedelta(seconds=seconds_ago))


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "article_upload", "upload_list", "upload_detail"])
def test_the_home_and_upload_pages_say_tagging_is_paused_while_the_broker_is_down(  # type: ignore[no-untyped-def]
    client: Client, settings, page: str
) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    worker_reported(seconds_ago=1)
    signed_in(client)
    upload = Upload.objects.create(label="pasted", created_by=get_user_model().objects.get())
    html = client.get(reverse(page, args=[upload.pk] if page == "upload_detail" else [])).content.decode()
    assert "Tagging is paused: the task broker cannot be reached." in html


@pytest.mark.django_db
def test_the_home_page_says_tagging_is_paused_when_no_worker_reports_in(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.WORKER_HEARTBEAT_SECONDS = 30
    worker_reported(seconds_ago=10 * 60)
    html = client.get(reverse("home")).content.decode()
    assert "Tagging is paused: no tagging worker has reported in for 10 minutes." in html


@pytest.mark.django_db
def test_the_home_page_says_nothing_while_tagging_runs(client: Client) -> None:
    worker_reported(seconds_ago=1)
    assert 'data-tagging="paused"' not in client.get(reverse("home")).content.decode()
