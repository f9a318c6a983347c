"""Accounts with django-allauth: who may sign up, and what an account made by staff needs to sign in.

A new account is a MEMBER (rumourtracker/roles.py): it reads, follows and adds articles; staff make
editors in the admin. Sign-up is open only while ALLOW_SIGNUP is set, and every address given at sign-up
must be confirmed by the link mailed to it before the account signs in. Sign-in throttling is axes's
(rumourtracker/signin.py); allauth's own failed-sign-in limit is off (settings.ACCOUNT_RATE_LIMITS).
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .roles import EditorFlagBackend

VERIFICATION_STAGE = "allauth.account.stages.EmailVerificationStage"


def account_context(request: HttpRequest) -> dict[str, Any]:
    """Whether the header and the sign-in page offer sign-up (a context processor)."""
    return {"allow_signup": bool(settings.ALLOW_SIGNUP)}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.ALLOW_SIGNUP)

    def get_login_stages(self) -> list[str]:
        return [
            "rumourtracker.accounts.AddressVerificationStage" if stage == VERIFICATION_STAGE else stage
            for stage in super().get_login_stages()
        ]


class AddressVerificationStage(EmailVerificationStage):
    """allauth's mandatory confirmation, for accounts that have an e-mail address. An account staff made with
    none (the demo editor, `createsuperuser` without one) signs in by its username: there is nothing to confirm,
    and nothing to sign in by but the username."""

    def handle(self) -> tuple[HttpResponse | None, bool]:
        user: Any = self.login.user
        if user is not None and not user.email and not EmailAddress.objects.filter(user=user).exists():
            return None, True
        return super().handle()  # type: ignore[no-any-return]


class AccountBackend(AuthenticationBackend, EditorFlagBackend):
    """allauth's backend (a username in any case, or an e-mail address), loading the editor flag with the
    signed-in user as EditorFlagBackend does."""
