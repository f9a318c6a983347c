"""Who may do what: the one permission rule of RumourTracker.

Roles are ordered, and each includes the ones below it:

- READER: anyone, signed in or not (an account is needed when REQUIRE_LOGIN_TO_BROWSE is set);
- MEMBER: any signed-in account; also adds articles (its uploads are throttled per hour);
- EDITOR: a member of the "editors" group, which staff grant in the admin; decides and adds claims,
  fixes players and clubs on claims, takes articles down, edits feeds and reads the audit log;
- STAFF: `is_staff`; keeps the knowledge base and the admin.

PUBLIC is nobody's role: it marks the pages every visitor reaches whatever the settings (/healthz).

Every view of ours names the role it needs with `@role_required(Role.EDITOR)`; templates ask
`{% if role.is_editor %}` through the context processor `role_context`. This module imports only
Django, so players and articles (and anything newer) can all use it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.http import HttpResponseClientRedirect

EDITORS_GROUP = "editors"

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class Role(IntEnum):
    PUBLIC = 0
    READER = 1
    MEMBER = 2
    EDITOR = 3
    STAFF = 4

    @property
    def label(self) -> str:
        return {
            Role.PUBLIC: "anyone",
            Role.READER: "anyone",
            Role.MEMBER: "a signed-in account",
            Role.EDITOR: "an editor",
            Role.STAFF: "staff",
        }[self]

    # For templates, which cannot compare: {% if role.is_editor %}.
    @property
    def is_member(self) -> bool:
        return self >= Role.MEMBER

    @property
    def is_editor(self) -> bool:
        return self >= Role.EDITOR

    @property
    def is_staff(self) -> bool:
        return self >= Role.STAFF


def role_of(user: AbstractBaseUser | AnonymousUser) -> Role:
    """The role of a user; asked once per request (the answer is kept on the user, as Django keeps perms)."""
    if not user.is_authenticated:
        return Role.READER
    if getattr(user, "is_staff", False):
        return Role.STAFF
    cached: Role | None = getattr(user, "_role_cache", None)
    if cached is None:
        in_editors = getattr(user, "in_editors_group", None)  # loaded with the user by EditorFlagBackend
        if in_editors is None:
            in_editors = user.groups.filter(name=EDITORS_GROUP).exists()  # type: ignore[attr-defined]
        cached = Role.EDITOR if in_editors else Role.MEMBER
        user._role_cache = cached  # type: ignore[attr-defined]
    return cached


def role_needed(role: Role) -> Role:
    """The role a page of `role` asks of this site: reading needs an account under REQUIRE_LOGIN_TO_BROWSE."""
    if role == Role.READER and settings.REQUIRE_LOGIN_TO_BROWSE:
        return Role.MEMBER
    return role


def role_required(role: Role) -> Callable[[View], View]:
    """The view answers visitors of `role` or above; an anonymous visitor below it is sent to sign in,
    a signed-in one gets the 403 page saying which role the page needs."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            needed = role_needed(role)
            if role_of(request.user) >= needed:
                return view(request, *args, **kwargs)
            if not request.user.is_authenticated:
                return _sign_in_first(request)
            raise PermissionDenied(f"This page is for {needed.label}.")

        wrapped.required_role = role  # type: ignore[attr-defined]  # read by the URL walk in the tests
        return wrapped  # type: ignore[return-value]

    return decorator


def _sign_in_first(request: HttpRequest) -> HttpResponseBase:
    login = redirect_to_login(request.get_full_path())
    if getattr(request, "htmx", False):
        # A swap would put the sign-in page inside the fragment: send the whole window there.
        return HttpResponseClientRedirect(login["Location"])
    return login


def editor_grant(user: AbstractBaseUser) -> None:
    """Make `user` an editor (what staff do in the admin by adding the user to the editors group)."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    user.groups.add(group)  # type: ignore[attr-defined]
    vars(user).pop("_role_cache", None)
    vars(user).pop("in_editors_group", None)


def editor_flag(user_ref: str = "pk") -> Exists:
    """Whether the user that `user_ref` names is in the editors group: annotated as `in_editors_group` on a user
    read for a request, so asking for the role costs no query of its own."""
    return Exists(Group.objects.filter(user=OuterRef(user_ref), name=EDITORS_GROUP))


class EditorFlagBackend(ModelBackend):
    """Django's ModelBackend, loading with the signed-in user whether they are an editor: every request
    asks for the role, and this way asking costs no query of its own."""

    def get_user(self, user_id: Any) -> User | None:
        users = get_user_model()._default_manager.annotate(in_editors_group=editor_flag())
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def role_context(request: HttpRequest) -> dict[str, Role]:
    """Template context: `role`, the visitor's role."""
    return {"role": role_of(request.user)}
