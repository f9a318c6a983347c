from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("alerts/settings/", views.alert_settings, name="alerts_settings"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts_unsubscribe"),
]
