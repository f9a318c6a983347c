"""Uploads per account and hour (UPLOADS_PER_HOUR): over the limit the page says when to come back and
keeps what was typed; nothing is added."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Upload

pytestmark = pytest.mark.django_db

TEXT = "Napoli have asked Roma about their young winger, according to reports in the Italian press today."


@pytest.fixture
def member(client: Client):  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user("reporter", password="a-long-test-password")
    client.force_login(user)
    return user


def test_an_upload_over_the_hourly_limit_is_refused_and_keeps_the_text(client: Client, member, settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOADS_PER_HOUR = 2
    Upload.objects.bulk_create([Upload(created_by=member, label="earlier") for _ in range(2)])
    response = client.post(reverse("article_upload"), {"text": TEXT, "title": "Napoli ask about a winger"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "made 2 uploads in the past hour" in page and "upload again in 60 minutes" in page
    assert TEXT in page and "Napoli ask about a winger" in page
    assert Upload.objects.count() == 2 and not Article.objects.exists()


def test_the_limit_is_per_account_and_per_hour(client: Client, member, settings) -> None:  # type: ignore[no-untyped-def]
    settings.UPLOADS_PER_HOUR = 2
    other = get_user_model().objects.create_user("other", password="a-long-test-password")
    Upload.objects.bulk_create([Upload(created_by=other, label="theirs") for _ in range(2)])
    Upload.objects.create(created_by=member, label="mine, last hour")
    Upload.objects.create(created_by=member, label="mine, long ago")
    Upload.objects.filter(label="mine, long ago").update(created_at=timezone.now() - dt.timedelta(minutes=61))
    response = client.post(reverse("article_upload"), {"text": TEXT})
    assert response.status_code == 302
    assert Upload.objects.filter(created_by=member).count() == 3
