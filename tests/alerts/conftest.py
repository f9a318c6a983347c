"""Alerts test data: Tomori's summer at Juventus (tests/dashboard's story) and an account that follows him."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def alert_settings(settings):  # type: ignore[no-untyped-def]
    """Scan claims at once (no settling time) and whatever the date of their articles (the story is of 2025)."""
    settings.ALERTS_SETTLE_SECONDS = 0
    settings.ALERTS_MAX_AGE_DAYS = 0
    settings.SITE_URL = "https://rumours.example.org"
    return settings


@pytest.fixture
def worker_settings() -> dict[str, str]:
    """The same for a worker process."""
    return {
        "TAG_LEASE_SECONDS": "5",
        "UPLOAD_READ_LEASE_SECONDS": "5",
        "ALERTS_SETTLE_SECONDS": "0",
        "ALERTS_MAX_AGE_DAYS": "0",
        "SITE_URL": "https://rumours.example.org",
    }


@pytest.fixture
def scout(db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user("scout", email="scout@example.org", password=PASSWORD)
