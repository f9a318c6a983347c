from __future__ import annotations

from django.urls import path

from . import edit_views, merge_views, uploads, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # The merge moves claims, so it lives on the articles side (players never imports articles).
    path("kb/players/merge/", merge_views.player_merge, name="kb_player_merge"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", uploads.upload_new, name="article_upload"),
    path("uploads/", uploads.upload_list, name="upload_list"),
    path("uploads/<int:pk>/", uploads.upload_detail, name="upload_detail"),
    path("uploads/<int:pk>/retry/", uploads.upload_retry, name="upload_retry"),
    path("feeds/", uploads.feed_list, name="feed_list"),
    path("feeds/add/", uploads.feed_add, name="feed_add"),
    path("feeds/<int:pk>/", uploads.feed_detail, name="feed_detail"),
    path("feeds/<int:pk>/poll/", uploads.feed_poll_now, name="feed_poll"),
    path("feeds/<int:pk>/toggle/", uploads.feed_toggle, name="feed_toggle"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/retry/", views.article_retry_view, name="article_retry"),
    path("players/<int:pk>/", views.player_detail, name="player_detail"),
    path("rumours/<int:pk>/", views.rumour_detail, name="rumour_detail"),
    path("clubs/<path:key>/", views.club_detail, name="club_detail"),
    path("outlets/<int:pk>/", views.outlet_detail, name="outlet_detail"),
    # Editors
    path("articles/<int:pk>/claims/new/", edit_views.claim_add_view, name="claim_add"),
    path("articles/<int:pk>/takedown/", edit_views.article_takedown_view, name="article_takedown"),
    path("claims/<int:pk>/decide/", edit_views.claim_decide_view, name="claim_decide"),
    path("claims/<int:pk>/fix/", edit_views.claim_fix_view, name="claim_fix"),
    path("audit/", edit_views.audit_log, name="audit_log"),
]
