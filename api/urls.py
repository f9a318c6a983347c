from __future__ import annotations

from django.urls import path, register_converter

from . import docs, token_views, views


class AnyIntConverter:
    """Any integer, a negative one too: no such object is the API's JSON 404, not the site's HTML one."""

    regex = r"-?[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(AnyIntConverter, "id")

urlpatterns = [
    path("api/token/", token_views.token_page, name="api_token"),
    path("api/token/<int:pk>/revoke/", token_views.token_revoke, name="api_token_revoke"),
    path("api/docs/", docs.Docs.as_view(), name="api_docs"),
    path("api/v1/schema/", docs.Schema.as_view(), name="api_schema"),
    path("api/v1/players/", views.PlayerList.as_view(), name="api_player_list"),
    path("api/v1/players/<id:pk>/", views.PlayerDetail.as_view(), name="api_player_detail"),
    path("api/v1/clubs/", views.ClubList.as_view(), name="api_club_list"),
    path("api/v1/clubs/<id:pk>/", views.ClubDetail.as_view(), name="api_club_detail"),
    path("api/v1/outlets/", views.OutletList.as_view(), name="api_outlet_list"),
    path("api/v1/outlets/<id:pk>/", views.OutletDetail.as_view(), name="api_outlet_detail"),
    path("api/v1/rumours/", views.RumourList.as_view(), name="api_rumour_list"),
    path("api/v1/rumours/<id:pk>/", views.RumourDetail.as_view(), name="api_rumour_detail"),
    path("api/v1/claims/", views.ClaimList.as_view(), name="api_claim_list"),
    path("api/v1/claims/<id:pk>/", views.ClaimDetail.as_view(), name="api_claim_detail"),
    path("api/v1/claims/<id:pk>/decision/", views.ClaimDecision.as_view(), name="api_claim_decision"),
    path("api/v1/articles/", views.ArticleList.as_view(), name="api_article_list"),
    path("api/v1/articles/<id:pk>/", views.ArticleDetail.as_view(), name="api_article_detail"),
    path("api/v1/uploads/", views.UploadList.as_view(), name="api_upload_list"),
    path("api/v1/uploads/<id:pk>/", views.UploadDetail.as_view(), name="api_upload_detail"),
    path("api/v1/uploads/<id:pk>/items/", views.UploadItems.as_view(), name="api_upload_items"),
]
