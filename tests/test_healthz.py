from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import WorkerHeartbeat


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
