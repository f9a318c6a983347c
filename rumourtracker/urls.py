from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.decorators.http import require_GET

from rumourtracker.roles import Role, role_required


@role_required(Role.PUBLIC)
@require_GET
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask /favicon.ico of every site whatever the page links; the file lives with the static files."""
    return HttpResponseRedirect(static("favicon.ico"))


# One way to sign in: the admin's own sign-in page sends a visitor to allauth's (and a signed-in non-staff
# account gets a 403), so every sign-in goes through the same form, throttle and e-mail rules.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("following.urls")),
    path("", include("players.urls")),
    path("", include("articles.urls")),
    path("", include("alerts.urls")),
    path("", include("atom.urls")),
    path("", include("api.urls")),
]
