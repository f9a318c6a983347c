"""Sign-in throttling (django-axes): a (username, address) pair locks after 5 failures, an address after 20,
counted in the shared Redis cache; the client address is read behind trusted proxies only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client, RequestFactory
from django.urls import reverse

from rumourtracker.env import redis_url_of_broker
from rumourtracker.signin import client_address

PASSWORD = "a-long-test-password"
# Documentation addresses (TEST-NET-3).
HERE, ELSEWHERE, ATTACKER, VICTIM = "203.0.113.10", "203.0.113.20", "203.0.113.30", "203.0.113.40"


def axes_keys() -> list[bytes]:
    """Axes's counts, read from Redis with a connection of our own, as another web process would."""
    return list(redis.Redis.from_url(settings.CACHE_URL).scan_iter("rumourtracker-cache:*:axes-*"))


@pytest.fixture(autouse=True)
def no_counts_before_or_after() -> Iterator[None]:
    def clear() -> None:
        keys = axes_keys()
        if keys:
            redis.Redis.from_url(settings.CACHE_URL).delete(*keys)

    clear()
    yield
    clear()


@pytest.fixture
def account(db) -> AbstractBaseUser:  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user("keeper", password=PASSWORD)


def sign_in(client: Client, username: str, password: str, ip: str, **headers: Any):  # type: ignore[no-untyped-def]
    return client.post(reverse("account_login"), {"login": username, "password": password}, REMOTE_ADDR=ip, **headers)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_fifth_failure_locks_the_pair_and_the_right_password_is_refused(client: Client, account) -> None:  # type: ignore[no-untyped-def]
    answers = [sign_in(client, account.username, "wrong", HERE).status_code for _ in range(5)]
    sixth = sign_in(client, account.username, PASSWORD, HERE)
    assert answers == [200, 200, 200, 200, 429]
    assert sixth.status_code == 429 and not signed_in(client)
    page = sixth.content.decode()
    assert "Too many failed sign-ins from your address" in page and "paused for 15 minutes" in page
    assert 'name="login"' in page and "Forgot your password?" in page  # the sign-in page, not a bare error


def test_another_address_still_signs_in_as_the_locked_user(client: Client, account) -> None:  # type: ignore[no-untyped-def]
    for _ in range(6):
        sign_in(client, account.username, "wrong", HERE)
    response = sign_in(client, account.username, PASSWORD, ELSEWHERE)
    assert response.status_code == 302 and signed_in(client)


def test_twenty_failures_from_one_address_lock_it_for_every_user(client: Client, account) -> None:  # type: ignore[no-untyped-def]
    answers = [sign_in(client, f"guess-{n}", "wrong", HERE).status_code for n in range(20)]
    assert answers[:19] == [200] * 19 and answers[19] == 429
    assert sign_in(client, account.username, PASSWORD, HERE).status_code == 429 and not signed_in(client)
    assert sign_in(client, account.username, PASSWORD, ELSEWHERE).status_code == 302


def test_the_counts_live_in_the_shared_redis_cache(client: Client, account) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        sign_in(client, account.username, "wrong", HERE)
    server = redis.Redis.from_url(settings.CACHE_URL)
    assert sorted(int(server.get(key)) for key in axes_keys()) == [3, 3]  # type: ignore[arg-type]  # pair, address


def test_a_forged_forwarded_for_header_neither_escapes_nor_locks_anyone(client: Client, account) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        sign_in(client, account.username, "wrong", ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM)
    assert sign_in(client, account.username, PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 429
    assert sign_in(client, account.username, PASSWORD, VICTIM).status_code == 302


def test_behind_trusted_proxies_the_client_is_counted_from_the_right(settings) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "198.51.100.7"
    # A request that skipped a proxy (a header too short) is judged by its own connection.
    settings.TRUSTED_PROXY_COUNT = 4
    assert client_address(request) == "10.0.0.2"


def test_the_cache_defaults_to_the_brokers_redis_server() -> None:
    # kombu writes the embedded broker's Unix socket as redis+socket://; redis-py (the cache) as unix://.
    assert redis_url_of_broker("redis+socket:///repo/.data/redis/redis.sock") == "unix:///repo/.data/redis/redis.sock"
    assert redis_url_of_broker("redis://127.0.0.1:6379/3") == "redis://127.0.0.1:6379/3"
