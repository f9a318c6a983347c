from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("kb/players/", views.player_list, name="kb_player_list"),
    path("kb/players/<int:pk>/", views.player_detail, name="kb_player_detail"),
    path("kb/players/<int:pk>/verify/", views.player_verify_view, name="kb_player_verify"),
    path("kb/players/<int:pk>/rename/", views.player_rename_view, name="kb_player_rename"),
    path("kb/players/<int:pk>/aliases/", views.player_alias_add_view, name="kb_player_alias_add"),
    path(
        "kb/players/<int:pk>/aliases/<int:alias_pk>/delete/",
        views.player_alias_delete_view,
        name="kb_player_alias_delete",
    ),
]
