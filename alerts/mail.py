"""The alert e-mail: plain text and simple HTML naming each change, absolute links (SITE_URL), and a signed
one-click unsubscribe link that is also in the List-Unsubscribe headers (RFC 8058)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

UNSUBSCRIBE_SALT = "alerts.unsubscribe"


class EventLine(Protocol):
    """What a mail says of an event (an AlertEvent, or a lighter row of its fields)."""

    @property
    def line(self) -> str: ...

    @property
    def path(self) -> str: ...


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


class Fragments:
    """The list of events of a mail, rendered once per distinct list: accounts that follow the same things get
    the same list (only the greeting and the unsubscribe link are each account's own)."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[object, ...], tuple[str, str]] = {}

    def of(self, events: Sequence[EventLine], more: int) -> tuple[str, str]:
        key = (more, *((event.line, event.path) for event in events))
        if key not in self.rendered:
            context = {
                "events": [(event.line, absolute(event.path)) for event in events],
                "more": more,
                "watchlist_url": absolute(reverse("watchlist")),
            }
            self.rendered[key] = (
                render_to_string("alerts/mail/events.txt", context),
                render_to_string("alerts/mail/events.html", context),
            )
        return self.rendered[key]


def alert_message(
    *,
    user: Any,
    events: Sequence[EventLine],
    more: int = 0,
    digest: bool = False,
    fragments: Fragments | None = None,
    connection: Any = None,
) -> EmailMultiAlternatives:
    """One mail to one account naming each event (`more` others left out, linked by the watchlist)."""
    unsubscribe = unsubscribe_url(user.pk)
    text, html = (fragments or Fragments()).of(events, more)
    context = {
        "digest": digest,
        "events_text": text,
        "events_html": mark_safe(html),  # rendered by a template, escaped there  # noqa: S308
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(reverse("alerts_settings")),
        "watchlist_url": absolute(reverse("watchlist")),
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


def _subject(events: Sequence[EventLine], more: int, digest: bool) -> str:
    count = len(events) + more
    if digest:
        return f"RumourTracker daily digest: {count} alert{'s' if count != 1 else ''}"
    if count == 1:
        return f"RumourTracker: {events[0].line}"
    return f"RumourTracker: {events[0].line} and {count - 1} more"
