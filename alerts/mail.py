"""The alert e-mail: plain text and simple HTML naming each change, absolute links (SITE_URL), and a signed
one-click unsubscribe link that is also in the List-Unsubscribe headers (RFC 8058)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from .models import AlertEvent

UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def unsubscribe_token(user_id: int) -> str:
    """A token naming the account, signed with SECRET_KEY: whoever holds the link may turn its alerts off."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(user_id))


def user_id_of_token(token: str) -> int | None:
    """The account a token names, or None if it was not signed by us (tampered, cut, or made up)."""
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_url(user_id: int) -> str:
    return absolute(reverse("alerts_unsubscribe", args=[unsubscribe_token(user_id)]))


def alert_message(
    *, user: Any, events: Sequence[AlertEvent], more: int = 0, digest: bool = False, connection: Any = None
) -> EmailMultiAlternatives:
    """One mail to one account naming each event (`more` others left out, linked by the watchlist)."""
    unsubscribe = unsubscribe_url(user.pk)
    context = {
        "user": user,
        "events": [(event, absolute(event.path)) for event in events],
        "more": more,
        "digest": digest,
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(reverse("alerts_settings")),
        "site_url": settings.SITE_URL,
    }
    message = EmailMultiAlternatives(
        subject=_subject(events, more, digest),
        body=render_to_string("alerts/mail/alert.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        connection=connection,
    )
    message.attach_alternative(render_to_string("alerts/mail/alert.html", context), "text/html")
    return message


def _subject(events: Sequence[AlertEvent], more: int, digest: bool) -> str:
    count = len(events) + more
    if digest:
        return f"RumourTracker daily digest: {count} alert{'s' if count != 1 else ''}"
    if count == 1:
        return f"RumourTracker: {events[0].line}"
    return f"RumourTracker: {events[0].line} and {count - 1} more"
