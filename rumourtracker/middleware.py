from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz", "/admin/")


def login_to_browse(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """With REQUIRE_LOGIN_TO_BROWSE set, anonymous visitors see only the sign-in page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        anonymous = not request.user.is_authenticated
        if settings.REQUIRE_LOGIN_TO_BROWSE and anonymous and not request.path.startswith(OPEN_PREFIXES):
            return redirect_to_login(request.get_full_path())
        return get_response(request)

    return middleware
