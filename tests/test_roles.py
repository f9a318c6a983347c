"""One permission rule: every URL pattern in the URLconf, for every role and method, answers as ROLE_TABLE says.

The walk resolves every pattern (the admin's and Django's sign-in pages included), fills its arguments with
real objects made here, and sends GET and POST as each role. A URL with no row in the table fails the test.
"""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
import importlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models, transaction
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from alerts.models import AlertEvent, AlertPreference
from api.models import ApiToken
from articles.models import (
    Article,
    ArticleStatus,
    AuditLog,
    Claim,
    Feed,
    LikelihoodFit,
    Mention,
    Outcome,
    PlayerMove,
    Upload,
    UploadItem,
    UploadPart,
    WorkerHeartbeat,
)
from articles.rumours.refresh import rumour_for
from following.models import Follow
from players.models import OutletDomain, PlayerClubSpell
from rumourtracker.roles import EDITORS_GROUP, Role, editor_grant, role_needed
from tests.kb import small_kb_make

# The columns of the table: who asks.
LOGIN_TO_BROWSE = "anonymous, login to browse"
COLUMNS = ("anonymous", "member", "editor", "staff", LOGIN_TO_BROWSE)

# url name (admin: a pattern) -> method -> the status each column gets.
# 302 to an anonymous visitor below the page's role is the way to the sign-in page (checked below);
# other 302s are the page's own redirect after an action. POSTs carry no fields: a form answers 200
# with its errors, an action redirects.
ROLE_TABLE: dict[str, dict[str, tuple[int, int, int, int, int]]] = {
    # Anyone, always.
    "healthz": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    # The favicon: a redirect to the static file.
    "favicon": {"GET": (302, 302, 302, 302, 302), "POST": (405, 405, 405, 405, 405)},
    # Readers: anyone unless REQUIRE_LOGIN_TO_BROWSE.
    "home": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "article_list": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "article_detail": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "player_detail": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "rumour_detail": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "club_detail": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "outlet_detail": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "about_likelihood": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "player_index": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "club_index": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "outlet_index": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "search_results": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "search_suggest": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    # Atom feeds: readers', like their pages.
    "article_list_feed": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "player_feed": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "rumour_feed": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "club_feed": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    "outlet_feed": {"GET": (200, 200, 200, 200, 302), "POST": (405, 405, 405, 405, 302)},
    # A watchlist's private feed opens to its token alone, whoever asks (the walk's token is wrong: 404).
    "watchlist_feed": {"GET": (404, 404, 404, 404, 404), "POST": (405, 405, 405, 405, 405)},
    # Members: add articles and follow their uploads; their private feed's address (POST makes a new one).
    "watchlist_feed_token": {"GET": (302, 200, 200, 200, 302), "POST": (302, 302, 302, 302, 302)},
    "article_upload": {"GET": (302, 200, 200, 200, 302), "POST": (302, 200, 200, 200, 302)},
    "upload_list": {"GET": (302, 200, 200, 200, 302), "POST": (302, 405, 405, 405, 302)},
    "upload_detail": {"GET": (302, 200, 200, 200, 302), "POST": (302, 405, 405, 405, 302)},
    "upload_retry": {"GET": (302, 405, 405, 405, 302), "POST": (302, 302, 302, 302, 302)},
    "article_retry": {"GET": (302, 405, 405, 405, 302), "POST": (302, 302, 302, 302, 302)},
    # Editors: decide and add claims, fix entities, take articles down, feeds, the audit log.
    "claim_add": {"GET": (302, 403, 200, 200, 302), "POST": (302, 403, 200, 200, 302)},
    "claim_decide": {"GET": (302, 403, 405, 405, 302), "POST": (302, 403, 302, 302, 302)},
    "claim_fix": {"GET": (302, 403, 200, 200, 302), "POST": (302, 403, 200, 200, 302)},
    "article_takedown": {"GET": (302, 403, 200, 200, 302), "POST": (302, 403, 200, 200, 302)},
    "article_date": {"GET": (302, 403, 405, 405, 302), "POST": (302, 403, 302, 302, 302)},
    "audit_log": {"GET": (302, 403, 200, 200, 302), "POST": (302, 403, 405, 405, 302)},
    "feed_list": {"GET": (302, 403, 200, 200, 302), "POST": (302, 403, 405, 405, 302)},
    "feed_add": {"GET": (302, 403, 405, 405, 302), "POST": (302, 403, 200, 200, 302)},
    "feed_detail": {"GET": (302, 403, 200, 200, 302), "POST": (302, 403, 405, 405, 302)},
    "feed_poll": {"GET": (302, 403, 405, 405, 302), "POST": (302, 403, 302, 302, 302)},
    "feed_toggle": {"GET": (302, 403, 405, 405, 302), "POST": (302, 403, 302, 302, 302)},
    # Alerts: an account's delivery setting; the unsubscribe link of a mail works for anyone holding it (a
    # made-up token is refused with 400, GET or POST).
    "alerts_settings": {"GET": (302, 200, 200, 200, 302), "POST": (302, 200, 200, 200, 302)},
    "alerts_unsubscribe": {"GET": (400, 400, 400, 400, 400), "POST": (400, 400, 400, 400, 400)},
    # Staff: the knowledge base.
    "kb_player_list": {"GET": (302, 403, 403, 200, 302), "POST": (302, 403, 403, 405, 302)},
    "kb_player_detail": {"GET": (302, 403, 403, 200, 302), "POST": (302, 403, 403, 405, 302)},
    "kb_player_verify": {"GET": (302, 403, 403, 405, 302), "POST": (302, 403, 403, 302, 302)},
    "kb_player_rename": {"GET": (302, 403, 403, 405, 302), "POST": (302, 403, 403, 400, 302)},
    "kb_player_alias_add": {"GET": (302, 403, 403, 405, 302), "POST": (302, 403, 403, 400, 302)},
    "kb_player_alias_delete": {"GET": (302, 403, 403, 405, 302), "POST": (302, 403, 403, 302, 302)},
    "kb_player_merge": {"GET": (302, 403, 403, 200, 302), "POST": (302, 403, 403, 302, 302)},
    # Accounts (django-allauth): signing in, signing up (a closed page unless ALLOW_SIGNUP), confirming an address
    # and resetting a password are open to all, also when browsing needs an account; a signed-in visitor is sent on
    # from the sign-in and sign-up pages. An account's own pages need one. Sign-in by code is off: its pages redirect.
    "account_login": {"GET": (200, 302, 302, 302, 200), "POST": (200, 302, 302, 302, 200)},
    "account_logout": {"GET": (302, 200, 200, 200, 302), "POST": (302, 302, 302, 302, 302)},
    "account_inactive": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "account_signup": {"GET": (200, 302, 302, 302, 200), "POST": (200, 302, 302, 302, 200)},
    "account_email_verification_sent": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    # An unknown confirmation key: the page says the link is not valid; posting to it is a 404.
    "account_confirm_email": {"GET": (200, 200, 200, 200, 200), "POST": (404, 404, 404, 404, 404)},
    "account_reset_password": {"GET": (200, 200, 200, 200, 200), "POST": (200, 200, 200, 200, 200)},
    "account_reset_password_done": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "account_reset_password_from_key": {"GET": (200, 200, 200, 200, 200), "POST": (200, 200, 200, 200, 200)},
    "account_reset_password_from_key_done": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "account_email": {"GET": (302, 200, 200, 200, 302), "POST": (302, 302, 302, 302, 302)},
    "account_change_password": {"GET": (302, 200, 200, 200, 302), "POST": (302, 200, 200, 200, 302)},
    # Every account here has a password: setting one sends it to change it instead.
    "account_set_password": {"GET": (302, 302, 302, 302, 302), "POST": (302, 302, 302, 302, 302)},
    "account_reauthenticate": {"GET": (302, 200, 200, 200, 302), "POST": (302, 200, 200, 200, 302)},
    # Codes by e-mail: only for an account with a confirmed address (the member), and none is ever asked for.
    "account_request_reauthentication_code": {"GET": (302, 200, 302, 302, 302), "POST": (302, 200, 302, 302, 302)},
    "account_confirm_reauthentication_code": {"GET": (302, 302, 302, 302, 302), "POST": (302, 302, 302, 302, 302)},
    "account_confirm_login_code": {"GET": (302, 302, 302, 302, 302), "POST": (302, 302, 302, 302, 302)},
    # Members: follow players, clubs and outlets; their watchlist (following/).
    "watchlist": {"GET": (302, 200, 200, 200, 302), "POST": (302, 405, 405, 405, 302)},
    "follow": {"GET": (302, 405, 405, 405, 302), "POST": (302, 302, 302, 302, 302)},
    "unfollow": {"GET": (302, 405, 405, 405, 302), "POST": (302, 302, 302, 302, 302)},
    # The API (api/): reads as the pages (401 instead of a redirect to sign in); writes need an editor's personal
    # token, so no session (an editor's included) writes. The schema and its docs page are open to anyone.
    "api_player_list": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_player_detail": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_club_list": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_club_detail": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_outlet_list": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_outlet_detail": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_rumour_list": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_rumour_detail": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_claim_list": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_claim_detail": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_claim_decision": {"GET": (401, 403, 405, 405, 401), "POST": (401, 403, 403, 403, 401)},
    "api_article_list": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_article_detail": {"GET": (200, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_upload_list": {"GET": (401, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_upload_detail": {"GET": (401, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_upload_items": {"GET": (401, 200, 200, 200, 401), "POST": (401, 403, 403, 403, 401)},
    "api_schema": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "api_docs": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    # Any account makes its own tokens (a POST with no name makes an unnamed one) and revokes only its own.
    "api_token": {"GET": (302, 200, 200, 200, 302), "POST": (302, 200, 200, 200, 302)},
    "api_token_revoke": {"GET": (302, 405, 405, 405, 302), "POST": (302, 302, 404, 404, 302)},
    # The admin: Django's own check, staff only (the staff column is a superuser, for the model permissions).
    # The admin's sign-in page sends a visitor to the one sign-in page (allauth's); a non-staff account gets a 403.
    "admin:login": {"GET": (302, 403, 403, 302, 302), "POST": (302, 403, 403, 200, 302)},
    "admin:logout": {"GET": (302, 302, 302, 405, 302), "POST": (302, 302, 302, 302, 302)},
    "admin:index": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:app_list": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:password_change": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:password_change_done": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 405, 302)},
    "admin:autocomplete": {"GET": (302, 302, 302, 403, 302), "POST": (302, 302, 302, 405, 302)},
    "admin:jsi18n": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 405, 302)},
    # Articles have no public URL of the admin's kind (get_absolute_url): nothing to view on site.
    "admin:view_on_site": {"GET": (302, 302, 302, 404, 302), "POST": (302, 302, 302, 404, 302)},
    "admin:auth_user_password_change": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:*_changelist": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:*_add": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:*_history": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    # A delete without its confirmation field shows the confirmation page again.
    "admin:*_delete": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    "admin:*_change": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 200, 302)},
    # The audit log is a record: the admin shows it and never changes or deletes it.
    "admin:articles_auditlog_change": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 403, 302)},
    "admin:articles_auditlog_delete": {"GET": (302, 302, 302, 403, 302), "POST": (302, 302, 302, 403, 302)},
    # An upload's raw parts are shown as given: nobody adds or changes one by hand.
    "admin:articles_uploadpart_add": {"GET": (302, 302, 302, 403, 302), "POST": (302, 302, 302, 403, 302)},
    "admin:articles_uploadpart_change": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 403, 302)},
    # Alert rows are made by the scan and marked by the sender: the admin shows them and may delete one.
    "admin:alerts_alertevent_add": {"GET": (302, 302, 302, 403, 302), "POST": (302, 302, 302, 403, 302)},
    "admin:alerts_alertevent_change": {"GET": (302, 302, 302, 200, 302), "POST": (302, 302, 302, 403, 302)},
    # The admin's redirect from an object's bare URL to its change page, and its catch-all.
    "admin:<object>": {"GET": (302, 302, 302, 302, 302), "POST": (302, 302, 302, 302, 302)},
    "admin:<catch-all>": {"GET": (302, 302, 302, 404, 302), "POST": (302, 302, 302, 404, 302)},
}


@dataclass
class Route:
    name: str  # the table's key
    url: str
    view: object


def url_patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """Every (path, namespaced name, pattern) in the URLconf, included URLconfs walked into."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace + (pattern.name or ""), pattern


class World:
    """One real object of every kind a URL can name, and the accounts of each role."""

    def __init__(self) -> None:
        users = get_user_model().objects
        self.member = users.create_user("member", password="a-long-test-password")
        self.editor = users.create_user("editor-of-claims", password="a-long-test-password")
        editor_grant(self.editor)
        self.staff = users.create_superuser("staff", password="a-long-test-password")
        kb = small_kb_make()
        self.club, self.player, self.outlet = kb.juventus, kb.tomori, kb.tuttosport
        self.article = Article.objects.create(
            title="Juventus watch Tomori",
            text="Juventus are watching Fikayo Tomori, the Milan defender, says the local press.",
            outlet=self.outlet,
            status=ArticleStatus.TAGGED,
            published=dt.date(2025, 6, 2),
        )
        self.failed = Article.objects.create(
            title="An article the tagger failed on",
            text="Napoli have asked about a striker, according to reports from Naples this morning.",
            status=ArticleStatus.FAILED,
            failure_reason="A test failure, to offer a retry.",
        )
        Mention.objects.create(article=self.article, club=self.club, start=0, end=8)
        rumour = rumour_for(player=self.player, club=self.club, kind="interest", reported_on=dt.date(2025, 6, 2))
        self.claim = Claim.objects.create(
            article=self.article, rumour=rumour, player=self.player, club=self.club, kind="interest"
        )
        self.upload = Upload.objects.create(created_by=self.member, label="Pasted text")
        UploadItem.objects.create(
            upload=self.upload, position=0, source="Pasted text", outcome=Outcome.ADDED, article=self.article
        )
        UploadPart.objects.create(upload=self.upload, position=0, kind="text", name="Pasted text", data=b"A text.")
        self.feed = Feed.objects.create(url="https://news.example.com/rss.xml", outlet=self.outlet)
        AuditLog.objects.create(
            actor=self.editor,
            action="confirm",
            summary="Confirmed a claim",
            article=self.article,
            article_ref=self.article.pk,
        )
        PlayerMove.objects.create(player=self.player, to_club=self.club, on=dt.date(2025, 7, 1))
        WorkerHeartbeat.objects.create(hostname="worker@test", last_seen=timezone.now())
        OutletDomain.objects.create(outlet=self.outlet, domain="news.example.com")
        LikelihoodFit.objects.create(coefficients={}, intercept=0.0, means={})
        AlertPreference.objects.create(user=self.member)
        AlertEvent.objects.create(user=self.member, key="stage:0", kind="stage", line="A – B: Talks → Bid", path="/")
        PlayerClubSpell.objects.create(
            player=self.player, club=self.club, since=dt.date(2024, 7, 1), until=dt.date(2025, 7, 1), source="test"
        )
        EmailAddress.objects.create(user=self.member, email="member@example.org", verified=True, primary=True)
        Follow.objects.follow(self.member, self.player)
        self.token, _ = ApiToken.objects.make(user=self.member, name="a script")

    def pk_of(self, model: type[models.Model]) -> int:
        found = model._default_manager.order_by("pk").first()
        assert found is not None, f"World makes no {model.__name__}: add one, so its admin pages are walked"
        return found.pk

    def route(self, path: str, name: str, pattern: URLPattern) -> Route:
        """The URL of `pattern`, its arguments filled with real objects, and the table row it answers to."""
        if path.endswith("(?P<url>.*)$"):
            return Route("admin:<catch-all>", "/admin/no-such-page/", pattern.callback)
        if name == "admin:":  # admin/<app>/<model>/<path:object_id>/, unnamed
            app_label, model_name = path.split("/")[1:3]
            url = f"/admin/{app_label}/{model_name}/{self.pk_of(apps.get_model(app_label, model_name))}/"
            return Route("admin:<object>", url, pattern.callback)
        keys: list[str] = list(pattern.pattern.converters)
        if name.startswith("account_"):  # allauth's confirmation and reset links are re_path()s: their named groups
            keys = list(pattern.pattern.regex.groupindex)
        kwargs = {key: self._argument(name, key, path) for key in keys}
        if name == "admin:app_list":
            kwargs = {"app_label": "articles"}
        url = reverse(name, kwargs=kwargs)
        return Route(self._table_key(name), url, pattern.callback)

    def _argument(self, name: str, key: str, path: str) -> object:
        if name == "admin:view_on_site":
            return {"content_type_id": ContentType.objects.get_for_model(Article).pk, "object_id": self.article.pk}[key]
        if name.startswith("admin:"):
            if key == "object_id":  # admin/<app>/<model>/<path:object_id>/...
                app_label, model_name = path.split("/")[1:3]
                return self.pk_of(apps.get_model(app_label, model_name))
            if key == "id":  # a user's password page
                return self.member.pk
        if name.startswith("account_"):  # allauth: an e-mail confirmation's key, a password reset's user and key
            return {"key": "no-such-key", "uidb36": "1"}[key]
        objects = {
            "alias_pk": self.player.aliases.first().pk,  # type: ignore[union-attr]
            "key": self.club.key,
            "uidb64": "MQ",
            "token": "no-such-token",
            "kind": "player",  # follow/<kind>/<pk>/
        }
        if key in objects:
            return objects[key]
        by_prefix = {
            "api_player": self.player,
            "api_club": self.club,
            "api_outlet": self.outlet,
            "api_rumour": self.claim.rumour,
            "api_claim": self.claim,
            "api_article": self.article,
            "api_upload": self.upload,
            "api_token": self.token,
            "upload": self.upload,
            "feed": self.feed,
            "claim_add": self.article,
            "article_retry": self.failed,
            "claim": self.claim,
            "article": self.article,
            "player": self.player,
            "kb_player": self.player,
            "follow": self.player,
            "unfollow": self.player,
            "rumour": self.claim.rumour,
            "club": self.club,
            "outlet": self.outlet,
        }
        for prefix in sorted(by_prefix, key=len, reverse=True):
            if name.startswith(prefix):
                return by_prefix[prefix].pk
        raise AssertionError(f"no object for <{key}> of {name}: teach World._argument")

    @staticmethod
    def _table_key(name: str) -> str:
        if name in ROLE_TABLE:
            return name
        wildcards = [key for key in ROLE_TABLE if "*" in key and fnmatch.fnmatchcase(name, key)]
        return wildcards[0] if wildcards else name


def all_routes(world: World) -> list[Route]:
    return [world.route(path, name, pattern) for path, name, pattern in url_patterns(get_resolver().url_patterns)]


class Visitors:
    """A client per column; each request runs in a savepoint that is rolled back, cookies restored."""

    def __init__(self, world: World) -> None:
        self.clients: dict[str, Client] = {}
        for column, user in zip(COLUMNS, (None, world.member, world.editor, world.staff, None), strict=True):
            self.clients[column] = self._client(user)

    @staticmethod
    def _client(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def ask(self, column: str, method: str, url: str) -> HttpResponseBase:
        client = self.clients[column]
        cookies = copy.deepcopy(client.cookies)  # a sign-out must not sign the next request out
        try:
            with override_settings(REQUIRE_LOGIN_TO_BROWSE=column == LOGIN_TO_BROWSE), transaction.atomic():
                response = client.generic(method, url)
                transaction.set_rollback(True)
        finally:
            client.cookies = cookies
        return response


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return World()


def test_every_url_has_a_row_and_every_view_of_ours_names_its_role(world: World) -> None:
    routes = all_routes(world)
    assert [r.name for r in routes if r.name not in ROLE_TABLE] == []
    ours = [
        r
        for r in routes
        if _module_of(r.view).startswith(("articles.", "players.", "rumourtracker.", "atom.", "api.", "following."))
    ]
    assert len(ours) > 20  # the filter found our views
    assert [r.name for r in ours if not hasattr(r.view, "required_role")] == []


def _module_of(view: object) -> str:
    """The module of a view; of a class-based view (the API's), its class's."""
    return str(getattr(getattr(view, "cls", view), "__module__", ""))


def test_every_url_answers_each_role_and_method_as_the_table_says(world: World) -> None:
    visitors = Visitors(world)
    wrong: list[str] = []
    for route in all_routes(world):
        expected = ROLE_TABLE[route.name]
        for method in ("GET", "POST"):
            for column, status in zip(COLUMNS, expected[method], strict=True):
                response = visitors.ask(column, method, route.url)
                if response.status_code != status:
                    wrong.append(f"{method} {route.url} as {column}: {response.status_code}, table says {status}")
                elif status == 302 and _refused(route, column):
                    location = response["Location"]
                    if not location.startswith(reverse("account_login")):
                        wrong.append(f"{method} {route.url} as {column}: sent to {location}, not to sign in")
    assert wrong == [], "\n".join(wrong)


def _refused(route: Route, column: str) -> bool:
    """Whether the decorator turns this anonymous visitor away (so its 302 must lead to the sign-in page)."""
    role: Role | None = getattr(route.view, "required_role", None)
    if role is None or not column.startswith("anonymous"):
        return False
    if column == LOGIN_TO_BROWSE and role == Role.READER:
        return True
    return role_needed(role) > Role.READER


def test_a_member_gets_a_clear_403_page_naming_the_role(client: Client, world: World) -> None:
    client.force_login(world.member)
    response = client.get(reverse("audit_log"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Not for this account" in page and "This page is for an editor." in page
    assert "You are signed in as member" in page and 'href="/"' in page  # the site's page, with a way back
    assert "Traceback" not in page


def test_only_editors_see_the_editors_controls_and_changes(client: Client, world: World) -> None:
    url = reverse("article_detail", args=[world.article.pk])
    controls = (
        "Take down",
        "Add a claim",
        reverse("claim_decide", args=[world.claim.pk]),
        "Audit log",
        "Editors' changes",
    )
    client.force_login(world.member)
    member_page = client.get(url).content.decode()
    client.force_login(world.editor)
    editor_page = client.get(url).content.decode()
    assert [c for c in controls if c in member_page] == []
    assert [c for c in controls if c not in editor_page] == []
    client.force_login(world.member)
    failed_page = client.get(reverse("article_detail", args=[world.failed.pk])).content.decode()
    assert "Try again" in failed_page  # any member may queue a failed article again


def test_the_migration_makes_todays_staff_and_the_demo_editor_editors(db) -> None:  # type: ignore[no-untyped-def]
    migration = importlib.import_module("rumourtracker.migrations.0001_editors_group")
    Group.objects.filter(name=EDITORS_GROUP).delete()
    users = get_user_model().objects
    staff = users.create_user("old-staff", is_staff=True)
    demo = users.create_user("editor")
    reader = users.create_user("reader")
    migration.editors_group_create(apps, None)
    editors = set(Group.objects.get(name=EDITORS_GROUP).user_set.values_list("username", flat=True))
    assert editors == {staff.username, demo.username} and reader.username not in editors


def test_the_demo_loader_makes_the_demo_editor_an_editor(db) -> None:  # type: ignore[no-untyped-def]
    Group.objects.filter(name=EDITORS_GROUP).delete()
    call_command("load_demo", stdout=io.StringIO())
    demo = get_user_model().objects.get(username="editor")
    assert demo.groups.filter(name=EDITORS_GROUP).exists()
