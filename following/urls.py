from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("watchlist/", views.watchlist, name="watchlist"),
    path("follow/<str:kind>/<int:pk>/", views.follow, name="follow"),
    path("unfollow/<str:kind>/<int:pk>/", views.unfollow, name="unfollow"),
]
