from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_every_model_has_an_admin_page_that_opens(client: Client) -> None:
    from django.apps import apps

    staff = get_user_model().objects.create_superuser("boss", password="a-long-test-password")
    client.force_login(staff)
    models = [m for app in ("players", "articles") for m in apps.get_app_config(app).get_models()]
    unregistered = [m.__name__ for m in models if m not in admin.site._registry]
    assert unregistered == []
    for model in models:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
