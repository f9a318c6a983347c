"""Who may use the API: the site's one rule (rumourtracker/roles.py), asked through role_of().

A view names the role that reads it (`read_role`, readers unless said otherwise) and the role that writes
(`write_role`, editors). Reading honours REQUIRE_LOGIN_TO_BROWSE as the pages do (role_needed). Writing also
needs a personal token: a signed-in browser's session never writes through the API.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from rumourtracker.roles import Role, role_needed, role_of

from .models import ApiToken


class RolePermission(BasePermission):
    message = "This needs another role."

    def has_permission(self, request: Request, view: Any) -> bool:
        role = role_of(request.user)
        if request.method in SAFE_METHODS:
            needed = role_needed(getattr(view, "read_role", Role.READER))
            self.message = f"Reading this is for {needed.label}."
            return role >= needed
        needed = role_needed(getattr(view, "write_role", Role.EDITOR))
        self.message = f"Writing through the API is for {needed.label}, with a personal token (/api/token/)."
        return role >= needed and isinstance(request.auth, ApiToken)
