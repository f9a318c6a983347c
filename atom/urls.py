from __future__ import annotations

from django.urls import path

# Each feed lives next to its page: the page's address plus feed/. A club's key goes through the converter of
# its page (registered by articles.urls), so /clubs/<key>/feed/ is never read as a key.
import articles.urls  # noqa: F401  (registers the "clubkey" converter)

from . import views

urlpatterns = [
    path("articles/feed/", views.article_list_feed, name="article_list_feed"),
    path("players/<int:pk>/feed/", views.player_feed, name="player_feed"),
    path("rumours/<int:pk>/feed/", views.rumour_feed, name="rumour_feed"),
    path("clubs/<clubkey:key>/feed/", views.club_feed, name="club_feed"),
    path("outlets/<int:pk>/feed/", views.outlet_feed, name="outlet_feed"),
    path("watchlist/feed/", views.watchlist_feed_token, name="watchlist_feed_token"),
    path("watchlist/feed/<str:token>/", views.watchlist_feed, name="watchlist_feed"),
]
