"""Fetching a URL that a user or a feed gave us, guarded: http and https only, every redirect checked again,
no loopback, private, link-local or otherwise internal address unless explicitly allowed, a timeout and a
size cap. The connection goes to the very address that was checked, so DNS cannot change its answer between
the check and the request."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from .types import size_text

REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "RumourTracker/1.0 (+transfer rumour tracker; article fetcher)"


class FetchError(Exception):
    """A fetch that failed, with a message for people."""


class FetchTimeout(FetchError):
    """The server was too slow; worth trying again later."""


class AddressRefused(FetchError):
    """The URL leads somewhere we never fetch from (an internal address, another scheme)."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False


@dataclass
class Fetched:
    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def url_fetch(
    url: str,
    *,
    policy: FetchPolicy,
    etag: str = "",
    last_modified: str = "",
    accept: str = "text/html,application/xhtml+xml,*/*;q=0.8",
) -> Fetched:
    """GET the URL, following redirects only to addresses that pass the same checks."""
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + policy.timeout * 3
    for _ in range(policy.max_redirects + 1):
        response = _request(url, headers=headers, policy=policy)
        location = response.headers.get("Location")
        if response.status not in REDIRECTS or not location:
            return _read(url, response, policy=policy, deadline=deadline)
        response.release_conn()
        url = urljoin(url, location)
    raise FetchError(f"More than {policy.max_redirects} redirects; the page was not fetched.")


def url_check(url: str) -> tuple[str, str, int]:
    """The scheme, host and port of a URL we may fetch; AddressRefused for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"Only http and https links are fetched, not {parts.scheme or 'this'!r}.")
    if not parts.hostname:
        raise AddressRefused("The link has no host name.")
    if parts.username or parts.password:
        raise AddressRefused("Links with a user name or password are not fetched.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise AddressRefused("The link's port is not a number.") from exc
    return parts.scheme, parts.hostname, port


def url_address_check(url: str, *, allow_private: bool) -> None:
    """AddressRefused when the URL, or an address its host resolves to now, is one we never fetch from.

    For checking a URL when it is given (a feed being added): a host that cannot be resolved yet passes, as
    every fetch checks again, redirects included, and says then what it found.
    """
    _, host, port = url_check(url)
    try:
        host_address(host, port, allow_private=allow_private)
    except AddressRefused:
        raise
    except FetchError:
        return


def host_address(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to, after checking that every address the name resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"The host {host!r} could not be found.") from exc
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not allow_private and not _public(ip):
            raise AddressRefused(f"The link leads to {host} ({ip}), a private or internal address; it is not fetched.")
    return addresses[0]


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def _request(url: str, *, headers: dict[str, str], policy: FetchPolicy) -> urllib3.BaseHTTPResponse:
    scheme, host, port = url_check(url)
    address = host_address(host, port, allow_private=policy.allow_private)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = 443 if scheme == "https" else 80
    host_header = host if port == default_port else f"{host}:{port}"
    timeout = urllib3.Timeout(connect=policy.timeout, read=policy.timeout)
    pool: urllib3.HTTPConnectionPool
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            ssl_context=ssl.create_default_context(),
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    try:
        return pool.urlopen(
            "GET",
            path,
            headers={**headers, "Host": host_header},
            redirect=False,
            preload_content=False,
            decode_content=True,
        )
    except Urllib3Timeout as exc:
        raise FetchTimeout(f"{host} did not answer within {policy.timeout:g} seconds.") from exc
    except HTTPError as exc:
        raise FetchError(f"{host} could not be reached: {_reason(exc)}") from exc


def _read(url: str, response: urllib3.BaseHTTPResponse, *, policy: FetchPolicy, deadline: float) -> Fetched:
    fetched = Fetched(
        url=url,
        status=response.status,
        content_type=response.headers.get("Content-Type", ""),
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )
    if response.status == 304:
        return fetched
    if response.status >= 400:
        response.release_conn()
        raise FetchError(f"The server answered {response.status} {response.reason or ''}".rstrip() + ".")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError(_too_big(int(declared), policy))
    fetched.body = _body(response, policy=policy, deadline=deadline)
    return fetched


def _body(response: urllib3.BaseHTTPResponse, *, policy: FetchPolicy, deadline: float) -> bytes:
    """The decoded body, stopped at the size cap and at the overall deadline (a slow drip never ends)."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError(_too_big(size, policy))
            if time.monotonic() > deadline:
                raise FetchTimeout("The page took too long to arrive.")
            chunks.append(chunk)
    except Urllib3Timeout as exc:
        raise FetchTimeout(f"The server stopped sending for {policy.timeout:g} seconds.") from exc
    except HTTPError as exc:
        raise FetchError(f"The page could not be read: {_reason(exc)}") from exc
    finally:
        response.release_conn()
    return b"".join(chunks)


def _too_big(size: int, policy: FetchPolicy) -> str:
    return (
        f"The page is larger than the limit of {size_text(policy.max_bytes)} per fetch (FETCH_MAX_BYTES); "
        f"{size_text(size)} arrived before it was stopped."
    )


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason).split(": ", 1)[-1][:200]
