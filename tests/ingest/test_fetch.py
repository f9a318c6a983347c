"""The guarded fetcher: only public http(s) addresses, redirects checked again, timeouts and a size cap."""

from __future__ import annotations

import ipaddress

import pytest

from articles.ingest import fetch
from articles.ingest.fetch import AddressRefused, FetchError, FetchPolicy, FetchTimeout, url_fetch

from .conftest import LocalSite

LOCAL_ALLOWED = FetchPolicy(timeout=2, allow_private=True)


@pytest.fixture
def only_our_server_counts_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks stay on, but 127.0.0.1 (our test server) passes them, so redirects onward can be tested."""
    real = fetch._public
    monkeypatch.setattr(fetch, "_public", lambda ip: ip == ipaddress.ip_address("127.0.0.1") or real(ip))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/admin",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(AddressRefused, match="private or internal address"):
        url_fetch(url, policy=FetchPolicy())


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "gopher://x/", "javascript:alert(1)"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(AddressRefused, match="Only http and https"):
        url_fetch(url, policy=FetchPolicy())


def test_a_local_server_is_reached_only_when_the_setting_allows_it(site: LocalSite) -> None:
    url = site.page("/a", "<p>hello</p>")
    with pytest.raises(AddressRefused):
        url_fetch(url, policy=FetchPolicy())
    assert url_fetch(url, policy=LOCAL_ALLOWED).body == b"<p>hello</p>"


def test_every_redirect_is_checked_again(site: LocalSite, only_our_server_counts_as_public: None) -> None:
    site.page("/final", "<p>public page</p>")
    assert url_fetch(site.redirect("/hop", "/final"), policy=FetchPolicy()).body == b"<p>public page</p>"
    to_metadata = site.redirect("/evil", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(AddressRefused, match="169.254.169.254"):
        url_fetch(to_metadata, policy=FetchPolicy())
    with pytest.raises(AddressRefused, match="Only http and https"):
        url_fetch(site.redirect("/file", "file:///etc/passwd"), policy=FetchPolicy())


def test_a_redirect_loop_stops(site: LocalSite) -> None:
    site.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="redirects"):
        url_fetch(site.base + "/loop", policy=LOCAL_ALLOWED)


def test_a_page_over_the_size_cap_is_stopped_naming_the_limit(site: LocalSite) -> None:
    url = site.page("/big", b"x" * 200_000)
    with pytest.raises(FetchError, match="FETCH_MAX_BYTES"):
        url_fetch(url, policy=FetchPolicy(max_bytes=100_000, allow_private=True))


def test_a_slow_server_times_out(site: LocalSite) -> None:
    with pytest.raises(FetchTimeout):
        url_fetch(site.slow("/slow", 3), policy=FetchPolicy(timeout=0.5, allow_private=True))


def test_errors_from_the_server_are_readable(site: LocalSite) -> None:
    with pytest.raises(FetchError, match="answered 404"):
        url_fetch(site.base + "/missing", policy=LOCAL_ALLOWED)


def test_conditional_get_sends_the_validators(site: LocalSite) -> None:
    site.routes["/feed"] = lambda r: (
        (304, {}, b"")
        if r.headers.get("if-none-match") == '"v1"'
        else (200, {"ETag": '"v1"', "Last-Modified": "Wed, 12 Mar 2025 10:00:00 GMT"}, b"<rss/>")
    )
    first = url_fetch(site.base + "/feed", policy=LOCAL_ALLOWED)
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Wed, 12 Mar 2025 10:00:00 GMT")
    again = url_fetch(site.base + "/feed", policy=LOCAL_ALLOWED, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified
    assert site.requests[-1].headers["if-modified-since"] == "Wed, 12 Mar 2025 10:00:00 GMT"
