"""Back to where a form was sent from: the `next` field of a POST, when it is an address of this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request: HttpRequest) -> str:
    """The POST's `next` if it points into this site (never elsewhere: an open redirect), else ""."""
    candidate = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed else ""
