"""Accounts (django-allauth): sign-up behind ALLOW_SIGNUP with the address confirmed by a mailed link, sign-in by
username or e-mail address, password reset by mail; mail goes through a real SMTP server (tests/mail.py)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
import redis
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rumourtracker.roles import Role, role_of
from tests.mail import body_text

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
LINK = re.compile(r"https?://testserver(/accounts/[^\s]+/)")


@pytest.fixture(autouse=True)
def no_limits_or_counts() -> Iterator[None]:
    """allauth's rate limits and axes's counts live in the shared Redis cache: each test starts with none."""
    server = redis.Redis.from_url(settings.CACHE_URL)

    def clear() -> None:
        keys = [*server.scan_iter("rumourtracker-cache:*allauth*"), *server.scan_iter("rumourtracker-cache:*axes*")]
        if keys:
            server.delete(*keys)

    clear()
    yield
    clear()


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def sign_up(client: Client, username: str = "scout", email: str = "scout@example.org"):  # type: ignore[no-untyped-def]
    form = {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("account_signup"), form)


def test_with_signup_off_the_page_says_it_is_closed(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOW_SIGNUP = False
    page = client.get(reverse("account_signup")).content.decode()
    assert "Sign-up is closed" in page
    sign_up(client)
    assert not get_user_model().objects.exists()
    home = client.get(reverse("home")).content.decode()
    assert ">Sign in</a>" in home and ">Sign up</a>" not in home
    assert "New accounts are made by staff" in client.get(reverse("account_login")).content.decode()


def test_signing_up_mails_a_link_and_only_a_confirmed_account_signs_in(client: Client, settings, smtp_server) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOW_SIGNUP = True
    assert ">Sign up</a>" in client.get(reverse("home")).content.decode()
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    assert not signed_in(client)
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "scout@example.org" and message["Subject"].startswith("[RumourTracker]")
    link = LINK.search(body_text(message))
    assert link, body_text(message)

    # Not yet confirmed: the right password still does not sign in.
    response = client.post(reverse("account_login"), {"login": "scout", "password": PASSWORD})
    assert response["Location"] == reverse("account_email_verification_sent") and not signed_in(client)

    page = client.get(link.group(1)).content.decode()
    assert "Confirm that <strong>scout@example.org</strong>" in page
    response = client.post(link.group(1))
    assert response.status_code == 302 and not signed_in(client)
    assert EmailAddress.objects.get(email="scout@example.org").verified

    response = client.post(reverse("account_login"), {"login": "Scout@Example.org", "password": PASSWORD})
    assert response.status_code == 302 and signed_in(client)
    user = get_user_model().objects.get(username="scout")
    assert role_of(user) == Role.MEMBER  # reads, follows and adds articles; no editor
    header = client.get(reverse("home")).content.decode()
    assert "scout" in header and ">Account</a>" in header and "Sign out" in header and ">Watchlist</a>" in header


def test_the_demo_editor_signs_in_by_username_without_an_address(client: Client) -> None:
    call_command("load_demo", stdout=io.StringIO())
    response = client.post(reverse("account_login"), {"login": "editor", "password": "rumours-demo"})
    assert response.status_code == 302 and response["Location"] == reverse("home") and signed_in(client)
    assert ">Audit log</a>" in client.get(reverse("home")).content.decode()


def test_failures_by_e_mail_address_count_towards_the_same_lock(client: Client) -> None:
    user = get_user_model().objects.create_user("keeper", email="keeper@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email="keeper@example.org", verified=True, primary=True)
    answers = [
        client.post(reverse("account_login"), {"login": "Keeper@example.org", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert answers == [200, 200, 200, 200, 429]
    locked = client.post(reverse("account_login"), {"login": "keeper@example.org", "password": PASSWORD})
    assert locked.status_code == 429 and not signed_in(client)
    assert "Too many failed sign-ins" in locked.content.decode()


def test_a_forgotten_password_is_reset_by_the_mailed_link(client: Client, smtp_server) -> None:  # type: ignore[no-untyped-def]
    user = get_user_model().objects.create_user("keeper", email="keeper@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email="keeper@example.org", verified=True, primary=True)
    assert "Forgot your password?" in client.get(reverse("account_login")).content.decode()
    response = client.post(reverse("account_reset_password"), {"email": "keeper@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    [message] = smtp_server.wait_for(1)
    link = LINK.search(body_text(message))
    assert link, body_text(message)
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "another-long-password"
    response = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert client.post(reverse("account_login"), {"login": "keeper", "password": new}).status_code == 302


def test_a_page_for_members_sends_a_visitor_to_sign_in_and_back(client: Client) -> None:
    response = client.get(reverse("watchlist"))
    assert response["Location"] == reverse("account_login") + "?next=/watchlist/"
    get_user_model().objects.create_user("keeper", password=PASSWORD)
    response = client.post(response["Location"], {"login": "keeper", "password": PASSWORD, "next": "/watchlist/"})
    assert response["Location"] == "/watchlist/"


def test_a_signed_in_account_changes_its_password(client: Client) -> None:
    user = get_user_model().objects.create_user("keeper", password=PASSWORD)
    client.force_login(user)
    page = client.get(reverse("account_change_password")).content.decode()
    assert "Change your password" in page
    new = "another-long-password"
    form = {"oldpassword": PASSWORD, "password1": new, "password2": new}
    assert client.post(reverse("account_change_password"), form).status_code == 302
    user.refresh_from_db()
    assert user.check_password(new) and signed_in(client)
