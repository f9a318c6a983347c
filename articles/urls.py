from __future__ import annotations

from django.urls import path, register_converter

from .editing import merge_views
from .editing import views as editing_views
from .ingest import views as ingest_views
from .pages import index_views, search_views, views


class ClubKeyConverter:
    """A club's key, country and slug ("it/juventus"): only these, so /clubs/ and other addresses under it
    are free for other pages."""

    regex = r"[a-z0-9-]+/[a-z0-9.-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ClubKeyConverter, "clubkey")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("about/likelihood/", views.about_likelihood, name="about_likelihood"),
    # The merge moves claims, so it lives on the articles side (players never imports articles).
    path("kb/players/merge/", merge_views.player_merge, name="kb_player_merge"),
    path("articles/", views.article_list, name="article_list"),
    path("search/", search_views.search_results, name="search_results"),
    path("search/suggest/", search_views.search_suggest, name="search_suggest"),
    path("articles/new/", ingest_views.upload_new, name="article_upload"),
    path("uploads/", ingest_views.upload_list, name="upload_list"),
    path("uploads/<int:pk>/", ingest_views.upload_detail, name="upload_detail"),
    path("uploads/<int:pk>/retry/", ingest_views.upload_retry, name="upload_retry"),
    path("feeds/", ingest_views.feed_list, name="feed_list"),
    path("feeds/add/", ingest_views.feed_add, name="feed_add"),
    path("feeds/<int:pk>/", ingest_views.feed_detail, name="feed_detail"),
    path("feeds/<int:pk>/poll/", ingest_views.feed_poll_now, name="feed_poll"),
    path("feeds/<int:pk>/toggle/", ingest_views.feed_toggle, name="feed_toggle"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/retry/", views.article_retry_view, name="article_retry"),
    path("players/<int:pk>/", views.player_detail, name="player_detail"),
    path("rumours/<int:pk>/", views.rumour_detail, name="rumour_detail"),
    path("players/", index_views.player_index, name="player_index"),
    path("clubs/", index_views.club_index, name="club_index"),
    path("outlets/", index_views.outlet_index, name="outlet_index"),
    path("clubs/<clubkey:key>/", views.club_detail, name="club_detail"),
    path("outlets/<int:pk>/", views.outlet_detail, name="outlet_detail"),
    # Editors
    path("articles/<int:pk>/claims/new/", editing_views.claim_add_view, name="claim_add"),
    path("articles/<int:pk>/date/", editing_views.article_date_view, name="article_date"),
    path("articles/<int:pk>/takedown/", editing_views.article_takedown_view, name="article_takedown"),
    path("claims/<int:pk>/decide/", editing_views.claim_decide_view, name="claim_decide"),
    path("claims/<int:pk>/fix/", editing_views.claim_fix_view, name="claim_fix"),
    path("audit/", editing_views.audit_log, name="audit_log"),
]
